"""The tiltaksavtale part of `make demo` (issue 14), through `avtale_api` on the functions host with dev tokens:

- a VTA-O avtale created by an employer, taken over and filled in, approved by the participant and the employer,
  approved last by the veileder (and, as every VTA-O grant, decided by a beslutter, avtale.md §5.3 rows 9 and 13);
- an arbeidstrening avtale made by the veileder, shared with the participant by SMS and approved by the veileder on
  the participant's behalf (row 10), which makes it inngått at once (no grant);
- the outbox: the notices reach the Varsling stand-in `varsling_stub/{ekstern_id}`, once each.

The delegations, persons, Nav employees and virksomheter it needs are seeded first (emulators/tiltaksavtale_data.py).

    vis_tiltaksavtale(nr=8)   # inside the stack; the project is settings().gcp_project
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

from emulators.demo_nav import Klient
from emulators.tiltaksavtale_data import (
    Avtaledata,
    Navansatt,
    Testperson,
    Virksomhetsdata,
    gyldig_fnr,
    last_inn,
)
from shared import bootstrap
from shared.config import settings
from shared.domain.tiltaksavtale.kodeverk import ADRESSESPERRE_RESSURS, TYPER, Innsatsgruppe, Tiltakstype
from shared.edge.http import dev_utsteder
from shared.planlegging import jobb

ARBEIDSGIVER_PID = "05057012345"
"""Synthetic employer (Altinn delegation for both tiltak resources)."""
DELTAKER_VTAO = gyldig_fnr("150685", "123")
DELTAKER_AT = gyldig_fnr("020290", "456")
VEILEDER, BESLUTTER = "Z990101", "Z990102"
BEDRIFT = "910825526"
BASE = "/avtale_api/api/avtale"


def demodata() -> Avtaledata:
    ressurser = [TYPER[Tiltakstype.VTAO].ressurs, TYPER[Tiltakstype.ARBEIDSTRENING].ressurs]
    return Avtaledata(
        personer=[
            Testperson(DELTAKER_VTAO, "Kari", "Nordmann", date(1985, 6, 15)),
            Testperson(DELTAKER_AT, "Ola", "Hansen", date(1990, 2, 2), innsatsgruppe=Innsatsgruppe.TRENGER_VEILEDNING),
        ],
        ansatte=[Navansatt(VEILEDER, ["0301"]), Navansatt(BESLUTTER, ["0301"], beslutter_ved=["0301"])],
        virksomheter=[Virksomhetsdata(BEDRIFT, "Snekkeri Lillestrøm AS")],
        delegeringer={ARBEIDSGIVER_PID: {BEDRIFT: [*ressurser, ADRESSESPERRE_RESSURS]}},
    )


def _innhold(t: Tiltakstype, fornavn: str, etternavn: str) -> dict[str, Any]:
    start = date.today() + timedelta(days=7)
    felles = {
        "deltakerFornavn": fornavn, "deltakerEtternavn": etternavn, "deltakerTlf": "41234567",
        "bedriftNavn": "Snekkeri Lillestrøm AS", "arbeidsgiverFornavn": "Per", "arbeidsgiverEtternavn": "Arbeidsgiver",
        "arbeidsgiverTlf": "92345678", "veilederFornavn": "Vera", "veilederEtternavn": "Veileder",
        "veilederTlf": "48765432", "startDato": start.isoformat(), "oppfolging": "Samtale med veileder hver måned",
        "tilrettelegging": "Tilpasset arbeidstid og egen arbeidsplass",
        "stillingstittel": "Snekker", "arbeidsoppgaver": "Bygge og montere", "stillingprosent": 50,
    }  # fmt: skip
    if t == Tiltakstype.VTAO:
        return {**felles, "sluttDato": (start + timedelta(days=365)).isoformat(), "stillingstype": "FAST",
                "harFamilietilknytning": False, "fadder": {"sammeSomKontaktperson": True}}  # fmt: skip
    return {**felles, "sluttDato": (start + timedelta(days=120)).isoformat(), "antallDagerPerUke": 5,
            "opplaeringsplan": "Lære verktøy og rutiner", "harFamilietilknytning": False,
            "maal": [{"kategori": "ARBEIDSERFARING", "beskrivelse": "Få arbeidserfaring"}]}  # fmt: skip


class Avtaleklient:
    def __init__(self) -> None:
        self.http = Klient(settings().gcp_project)
        self.tokens = {
            "deltaker_vtao": dev_utsteder.lag_token(DELTAKER_VTAO),
            "deltaker_at": dev_utsteder.lag_token(DELTAKER_AT),
            "arbeidsgiver": dev_utsteder.lag_token(ARBEIDSGIVER_PID),
            "veileder": dev_utsteder.lag_nav_token(VEILEDER),
            "beslutter": dev_utsteder.lag_nav_token(BESLUTTER),
        }

    def __call__(self, hvem: str, metode: str, sti: str, body: Any = None) -> Any:
        rolle = hvem.split("_")[0]
        return self.http.ok(metode, f"{BASE}/{rolle}{sti}", self.tokens[hvem], body)


def _steg(tekst: str, a: dict[str, Any]) -> None:
    print(f"   {tekst:<76} status {a['status']:<20} venter på {a['venterPa'] or '–'}")


def _vta_o(k: Avtaleklient) -> str:
    ny = {"deltakerFnr": DELTAKER_VTAO, "bedriftNr": BEDRIFT, "tiltakstype": "VTAO"}
    a = k("arbeidsgiver", "POST", "/avtaler", ny)
    _steg(f"Arbeidsgiveren oppretter avtale nr. {a['avtalenr']} (ufordelt)", a)
    a = k("veileder", "PUT", f"/avtaler/{a['id']}/overta", {"sistEndret": a["sistEndret"]})
    _steg(f"Veileder {VEILEDER} tar avtalen", a)
    body = {"sistEndret": a["sistEndret"], "innhold": _innhold(Tiltakstype.VTAO, "Kari", "Nordmann")}
    a = k("arbeidsgiver", "PUT", f"/avtaler/{a['id']}", body)
    _steg("Arbeidsgiveren fyller ut innholdet", a)
    for hvem, tekst in (("deltaker_vtao", "Deltakeren godkjenner"), ("arbeidsgiver", "Arbeidsgiveren godkjenner"),
                        ("veileder", "Veilederen godkjenner sist av partene")):  # fmt: skip
        a = k(hvem, "POST", f"/avtaler/{a['id']}/godkjenn", {"sistEndret": a["sistEndret"], "bekreftet": True})
        _steg(tekst, a)
    a = k("beslutter", "POST", f"/avtaler/{a['id']}/tilskudd/godkjenn", {"sistEndret": a["sistEndret"]})
    _steg(f"Beslutter {BESLUTTER} godkjenner tilskuddet: avtalen er inngått", a)
    return str(a["id"])


def _arbeidstrening(k: Avtaleklient) -> str:
    ny = {"deltakerFnr": DELTAKER_AT, "bedriftNr": BEDRIFT, "tiltakstype": "ARBEIDSTRENING"}
    a = k("veileder", "POST", "/avtaler", ny)
    _steg(f"Veilederen oppretter avtale nr. {a['avtalenr']} om arbeidstrening", a)
    body = {"sistEndret": a["sistEndret"], "innhold": _innhold(Tiltakstype.ARBEIDSTRENING, "Ola", "Hansen")}
    a = k("veileder", "PUT", f"/avtaler/{a['id']}", body)
    _steg("Veilederen fyller ut innholdet", a)
    a = k("veileder", "POST", f"/avtaler/{a['id']}/del", {"sistEndret": a["sistEndret"], "part": "DELTAKER"})
    _steg("Veilederen deler avtalen med deltakeren (SMS med lenke)", a)
    a = k("arbeidsgiver", "POST", f"/avtaler/{a['id']}/godkjenn", {"sistEndret": a["sistEndret"], "bekreftet": True})
    _steg("Arbeidsgiveren godkjenner", a)
    body = {"sistEndret": a["sistEndret"], "bekreftet": True, "grunn": {"digitalKompetanse": True}}
    a = k("veileder", "POST", f"/avtaler/{a['id']}/godkjenn-paa-vegne-av", body)
    _steg("Veilederen godkjenner på vegne av deltakeren (digital kompetanse): inngått", a)
    return str(a["id"])


def _utboks(frist_s: float = 60) -> tuple[int, int, str]:
    """Waits until the outbox is sent (the nudge on each new record, or the tick the demo publishes)."""
    db = bootstrap.firestore_klient()
    j = jobb("avtale-utsending-tikk")
    bootstrap.publisher().publiser(j.topic, j.body.encode())
    t0 = time.monotonic()
    while time.monotonic() - t0 < frist_s:
        poster = [s.to_dict() or {} for s in db.collection("avtale_utsendinger").stream()]
        if poster and all(p.get("sendt") for p in poster):
            stub = [s.to_dict() or {} for s in db.collection("varsling_stub").stream()]
            sms = next((str(v["innhold"]) for v in stub if v.get("kanal") == "SMS" and v["mottaker"] == "41234567"), "")
            return len(poster), len(stub), sms
        time.sleep(0.5)
    raise SystemExit("demo: tiltaksavtalens utboks ble ikke sendt innen fristen; se .run/funksjonsvert.log")


def vis_tiltaksavtale(nr: int) -> None:
    print(f"\n{nr}. Tiltaksavtalen: VTA-O og arbeidstrening gjennom avtale-API-et (HTTP, dev-token)\n" + "-" * 70)
    last_inn(bootstrap.firestore_klient(), demodata(), settings().bruker_hmac_nokkel)
    print(f"   Lagt inn: Altinn-delegering for {BEDRIFT} (VTA-O, arbeidstrening), to deltakere, veileder og beslutter")
    k = Avtaleklient()
    vtao = _vta_o(k)
    _arbeidstrening(k)
    rader = k("arbeidsgiver", "GET", "/avtaler")
    liste = ", ".join(f"nr. {r['avtalenr']} {r['tiltakstype']} {r['status']}" for r in rader)
    print(f"   Arbeidsgiverens liste: {liste}")
    versjoner = k("deltaker_vtao", "GET", f"/avtaler/{vtao}/versjoner")
    print(f"   Deltakeren ser {len(versjoner)} inngått versjon av VTA-O-avtalen")
    poster, varsler, sms = _utboks()
    print(f"   Utboksen: {poster} utsendinger sendt én gang hver; {varsler} varsler hos Varsling (stand-in)")
    if sms:
        print(f"   SMS til deltakeren: «{sms}»")
