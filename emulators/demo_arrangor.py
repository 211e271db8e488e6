"""`make demo`, the arrangør's part: an employee of Fjordvik Arbeid AS uses the arrangør API through the functions
host (real HTTP, dev token), after the month's claims are generated.

    ider = vis_arrangor(ds)   # from emulators/demo.py; ds = eksempeldata.demo(maned)

It logs in, lists organisations, tilsagn and active claims, shows what «Opprett krav» offers for each of the
organisation's manual-claim gjennomføringer (investering, annen avtalt pris, timepris), opens the AFT claim, sends
it in with a KID (the AFT automatic path pays it at once, domene.md §6.6), reads the receipt, shows the archive id
the `arkiver` function stored (§11), creates a manual investering claim with a generated PDF attachment and
downloads the receipt PDF. It prints no personal data (names and idents stay in the API's responses) and returns
the ids of the claims it sent in, for the Nav part of the demo.
"""

from __future__ import annotations

import io
import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from emulators import eksempeldata
from emulators.konfig import les_konfig
from shared import bootstrap, topics
from shared.config import DEMO_PID, settings

B = "/api/arrangorflate"
PID = DEMO_PID
"""The demo employee (the same synthetic pid the tests use); only its HMAC is stored (§2)."""
KID = "2345676"
ARRANGOR = "Fjordvik Arbeid AS"


@dataclass(frozen=True)
class ArrangorDemo:
    """What the Nav part of the demo may need: the claims the arrangør sent in."""

    aft_utbetaling_id: str
    aft_status: str
    investering_utbetaling_id: str
    orgnr: tuple[str, ...]
    manuelle: dict[str, int] = field(default_factory=dict)
    """Manual-claim kind → usable tilsagn in its wizard (the front end stops at «Tilsagn mangler» without one)."""


class ApiFeil(Exception):
    pass


@dataclass
class _Klient:
    base: str
    token: str
    tidsfrist_s: float = 60.0

    def kall(self, metode: str, sti: str, kropp: bytes | None = None, innhold: str | None = None) -> tuple[int, bytes]:
        hoder = {"Authorization": f"Bearer {self.token}"} | ({"Content-Type": innhold} if innhold else {})
        foresporsel = urllib.request.Request(self.base + B + sti, data=kropp, method=metode, headers=hoder)
        try:
            with urllib.request.urlopen(foresporsel, timeout=self.tidsfrist_s) as svar:
                return int(svar.status), bytes(svar.read())
        except urllib.error.HTTPError as e:
            return int(e.code), bytes(e.read())

    def json(self, metode: str, sti: str, kropp: Any = None, forventet: int = 200) -> Any:
        data = None if kropp is None else json.dumps(kropp).encode()
        status, svar = self.kall(metode, sti, data, "application/json" if data is not None else None)
        if status != forventet:
            raise ApiFeil(f"{metode} {sti}: {status} {svar[:500]!r}")
        return json.loads(svar)

    def skjema(self, sti: str, felt: dict[str, str], filer: list[tuple[str, str, bytes]]) -> Any:
        grense = uuid.uuid4().hex
        deler = [f'--{grense}\r\nContent-Disposition: form-data; name="{n}"\r\n\r\n{v}\r\n'.encode()
                 for n, v in felt.items()]  # fmt: skip
        for navn, filnavn, data in filer:
            hode = (f'--{grense}\r\nContent-Disposition: form-data; name="{navn}"; filename="{filnavn}"\r\n'
                    "Content-Type: application/pdf\r\n\r\n")  # fmt: skip
            deler.append(hode.encode() + data + b"\r\n")
        kropp = b"".join(deler) + f"--{grense}--\r\n".encode()
        status, svar = self.kall("POST", sti, kropp, f"multipart/form-data; boundary={grense}")
        if status != 200:
            raise ApiFeil(f"POST {sti}: {status} {svar[:500]!r}")
        return json.loads(svar)


def api_base(prosjekt: str | None = None) -> str:
    """The arrangør API on the local functions host: `/{fn}` for the stack's project, else `/_prosjekt/{p}/{fn}`."""
    k = les_konfig()
    prosjekt = prosjekt or settings().gcp_project
    vert = (settings().funksjonsvert_url or k.url("funksjonsvert")).rstrip("/")
    return f"{vert}/arrangor_api" if prosjekt == k.prosjekt else f"{vert}/_prosjekt/{prosjekt}/arrangor_api"


def _kr(belop: int) -> str:
    return f"{belop:,} kr".replace(",", " ")


def _dato(tekst: str) -> str:
    return date.fromisoformat(tekst).strftime("%d.%m.%Y")


def _periode(p: dict[str, str]) -> str:
    return f"{_dato(p['start'])}–{(date.fromisoformat(p['slutt']) - timedelta(days=1)):%d.%m.%Y}"


def _verdi(e: dict[str, Any] | None) -> str:
    """A display element (§8.1) as text; a display period is already inclusive, unlike a `periode` field."""
    if not e:
        return "–"
    if e.get("type") == "DATA_ELEMENT_PERIODE":
        return f"{_dato(e['start'])}–{_dato(e['slutt'])}"
    if e.get("type") == "DATA_ELEMENT_MONEY_AMOUNT":
        return f"{e['value']} kr"
    return str(e.get("value"))


def _organisasjoner(ds: eksempeldata.Datasett) -> dict[str, str]:
    """Fjordvik Arbeid AS and its subunits: orgnr → navn."""
    arrangorer = ds.meldinger[topics.ARRANGOR]
    hoved = next(a for a in arrangorer if a["navn"] == ARRANGOR)["organisasjonsnummer"]
    return {a["organisasjonsnummer"]: a["navn"] for a in arrangorer
            if hoved in (a["organisasjonsnummer"], a["overordnet_enhet"])}  # fmt: skip


def _lag_pdf(tekst: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for linje in tekst.splitlines():
        pdf.cell(text=linje, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _forste_linje(pdf: bytes) -> str:
    import pypdf

    tekst = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text() or ""
    return next((linje.strip() for linje in tekst.splitlines() if linje.strip()), "")


def _logg_inn(ds: eksempeldata.Datasett, skriv: Callable[[str], None]) -> tuple[dict[str, str], str]:
    from shared import bootstrap
    from shared.adapters.arrangor.altinn import bruker_hmac
    from shared.adapters.arrangor.repo import FirestoreArrangorRepo
    from shared.edge.http import dev_utsteder

    orgnr = _organisasjoner(ds)
    FirestoreArrangorRepo(bootstrap.firestore_klient()).lagre_delegering(
        bruker_hmac(PID, settings().bruker_hmac_nokkel), sorted(orgnr)
    )
    skriv(f"   Altinn (lokalt): en ansatt har fått «Be om utbetaling» for {ARRANGOR} og {len(orgnr) - 1} underenheter")
    skriv("   Innlogging: dev-token fra den lokale utstederen (som `utbetaling token --pid ...`), ES256, 1 time")
    return orgnr, dev_utsteder.lag_token(PID)


def _vis_lister(k: _Klient, navn: dict[str, str], skriv: Callable[[str], None]) -> list[dict[str, Any]]:
    tilganger = k.json("GET", "/orgnr-tilganger")
    skriv(f"   GET /orgnr-tilganger → {len(tilganger)} organisasjoner:")
    for orgnr in tilganger:
        skriv(f"     {orgnr}  {navn.get(orgnr, '?')}")
    tilsagn = k.json("GET", "/tilsagn")
    skriv(f"   GET /tilsagn → {tilsagn['pagination']['totalCount']} tilsagn, de første:")
    for t in tilsagn["data"][:3]:
        skriv(f"     {t['bestillingsnummer']:<14} {t['tiltakNavn'][:28]:<28} {_periode(t['periode'])}  {t['status']}")
    aktive = k.json("GET", "/utbetaling?type=AKTIVE")
    skriv(f"   GET /utbetaling?type=AKTIVE → {aktive['pagination']['totalCount']} krav:")
    for r in aktive["data"]:
        skriv(f"     {r['gjennomforing']['navn'][:28]:<28} {_periode(r['periode'])}  "
              f"{_kr(r['beregnetBelop']['belop']):>13}  {r['status']}")  # fmt: skip
    return list(aktive["data"])


def _vis_og_send_inn(k: _Klient, uid: str, skriv: Callable[[str], None]) -> str:
    d = k.json("GET", f"/utbetaling/{uid}")
    rader = (d["beregning"]["deltakelser"] or {}).get("rows", [])
    skriv(f"   GET /utbetaling/{{id}} ({d['gjennomforing']['navn']}): {d['beregning']['displayName']}")
    deltakere = len({r.get("deltakelseId") for r in rader})
    skriv(f"     beløp {_kr(d['beregning']['pris']['belop'])}, {deltakere} deltakere ({len(rader)} perioder i "
          f"beregningen), status {d['status']}")  # fmt: skip
    for detalj in d["beregning"]["satsDetaljer"]:
        verdier = ", ".join(f"{e['label']}: {_verdi(e['value'])}" for e in detalj["entries"])
        skriv(f"     sats: {verdier}")
    svar = k.json("POST", f"/utbetaling/{uid}/godkjenn", {"updatedAt": d["updatedAt"], "kid": KID, "bekreftet": True})
    skriv(f"   POST godkjenn (KID {KID}, bekreftet) → {svar['status']}")
    if svar["status"] == "OVERFORT_TIL_UTBETALING":
        belop = (svar.get("godkjentBelop") or {}).get("belop", 0)
        skriv(f"     utbetalt automatisk (AFT: ett tilsagn dekker hele beløpet): {_kr(belop)} til utbetaling")
        for linje in svar["linjer"]:
            skriv(f"     linje mot tilsagn {linje['tilsagn']['bestillingsnummer']}: {linje['status']}")
    kv = k.json("GET", f"/utbetaling/{uid}/kvittering")
    skriv(f"   GET kvittering → mottatt {_dato(kv['mottattDato'])}, konto {kv['kontonummer']}")
    skriv(f"   arkiver (Firestore-hendelse arkiveringer/{{id}}) → journalført som {_journalpost_id(uid)}")
    return str(svar["status"])


def _journalpost_id(uid: str, frist_s: float = 30) -> str:
    """The archive id the `arkiver` function stored on the claim (domene.md §11); it runs right after sending in."""
    slutt = time.monotonic() + frist_s
    while time.monotonic() < slutt:
        jid = (bootstrap.firestore_klient().collection("utbetalinger").document(uid).get().to_dict() or {}).get(
            "journalpost_id"
        )
        if jid:
            return str(jid)
        time.sleep(0.2)
    raise ApiFeil(f"utbetaling {uid} ble ikke journalført innen {frist_s:.0f} s")


GUIDE_NAVN = {"INVESTERING_VTA_AFT": "investering", "TIMESPRIS": "timepris", "AVTALT_PRIS": "annen avtalt pris"}


def _vis_manuelle(k: _Klient, skriv: Callable[[str], None]) -> dict[str, int]:
    """What «Opprett krav» offers per gjennomføring: the kind, its tilsagn, and for timepris the participants of the
    latest month offered (the half-open pair of `periodeForslag`, as the front end passes it on). Returns kind →
    number of usable tilsagn."""
    rader = k.json("GET", "/tiltaksoversikt")["data"]
    skriv(f"   GET /tiltaksoversikt → {len(rader)} gjennomføringer der arrangøren selv oppretter krav:")
    ut: dict[str, int] = {}
    for r in rader:
        orgnr, gid = r["arrangor"]["organisasjonsnummer"], r["gjennomforing"]["id"]
        sti = f"/arrangor/{orgnr}/gjennomforing/{gid}/opprett-krav"
        inn = k.json("GET", sti)["innsendingSteg"]
        art = GUIDE_NAVN.get(inn["guidePanel"], str(inn["guidePanel"]))
        ut[art] = max(ut.get(art, 0), len(inn["tilsagn"]))
        velger = inn["datoVelger"]
        if velger["type"] == "DatoVelgerSelect" and velger["periodeForslag"]:
            p = velger["periodeForslag"][-1]
            d = k.json("GET", f"{sti}/deltakere?periodeStart={p['start']}&periodeSlutt={p['slutt']}")
            grense = f"siste måned {_periode(p)}: {len(d['tabell']['rows'])} deltakere"
        else:
            grense = f"slutt før {_dato(velger['maksSluttdato'])}"
        skriv(f"     {r['gjennomforing']['navn'][:28]:<28} {art:<17} {len(inn['tilsagn'])} tilsagn; {grense}")
    return ut


def _investering(k: _Klient, orgnr: str, gid: str, maned: str, skriv: Callable[[str], None]) -> str:
    start = date.fromisoformat(f"{maned}-01")
    slutt = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    pdf = _lag_pdf(f"Faktura investering {maned}\nArbeidsbenker og verktøy\n18 500 kr")
    felt = {"periodeStart": start.isoformat(), "periodeSlutt": slutt.isoformat(), "periodeType": "Inklusiv",
            "kidNummer": KID, "belop": "18500", "bekreftet": "true"}  # fmt: skip
    svar = k.skjema(f"/arrangor/{orgnr}/gjennomforing/{gid}/opprett-krav", felt, [("vedlegg", "faktura.pdf", pdf)])
    d = k.json("GET", f"/utbetaling/{svar['id']}")
    skriv(f"   POST opprett-krav (investering, 18 500 kr, faktura.pdf {len(pdf)} B) → {d['type']['displayName']}, "
          f"{d['status']}")  # fmt: skip
    return str(svar["id"])


def _kvitterings_pdf(k: _Klient, uid: str, skriv: Callable[[str], None]) -> None:
    status, pdf = k.kall("GET", f"/utbetaling/{uid}/pdf")
    if status != 200:
        raise ApiFeil(f"GET /utbetaling/{uid}/pdf: {status}")
    skriv(f"   GET /utbetaling/{{id}}/pdf → {len(pdf)} B, første linje: «{_forste_linje(pdf)}»")


def vis_arrangor(
    ds: eksempeldata.Datasett, *, base: str | None = None, skriv: Callable[[str], None] = print
) -> ArrangorDemo:
    """The arrangør's steps through the HTTP API; `base` defaults to the arrangør API on the functions host."""
    navn, token = _logg_inn(ds, skriv)
    k = _Klient(base or api_base(), token)
    aktive = _vis_lister(k, navn, skriv)
    manuelle = _vis_manuelle(k, skriv)
    aft = next(g for g in ds.meldinger[topics.GJENNOMFORING]
               if g["tiltakskode"] == "ARBEIDSFORBEREDENDE_TRENING" and g["arrangor_orgnr"] in navn)  # fmt: skip
    krav = next(r for r in aktive if r["gjennomforing"]["id"] == aft["id"])
    status = _vis_og_send_inn(k, krav["utbetalingId"], skriv)
    investering = _investering(k, aft["arrangor_orgnr"], aft["id"], ds.maned, skriv)
    _kvitterings_pdf(k, krav["utbetalingId"], skriv)
    return ArrangorDemo(krav["utbetalingId"], status, investering, tuple(sorted(navn)), manuelle)
