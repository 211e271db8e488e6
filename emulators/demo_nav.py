"""The Nav part of `make demo` (issues 6, 16): two Nav employees process a claim through the real Nav API on the
functions host, the dispatcher publishes the FAKTURA to `okonomi-ut`, the finance-system simulator answers on
`okonomi-inn`, and the arrangør sees «Utbetalt» through the arrangør API.

The claim must be one the economy system may pay now: Avklaring/Oppfølging claims get `utbetales_tidligst` = period
end + 37 days (§6.8), so their FAKTURA waits in the outbox and the demo says so instead of pretending. The demo
uses, in this order: a submitted claim without that rule still TIL_BEHANDLING; else a korreksjon (§6.10) that Nav
creates for an AFT/VTA claim already paid; if the arrangør part has not sent the AFT claim in, it is sent in here
through the arrangør API's godkjenn first (and pays itself, §6.6). The attestant's oppgaveoversikt (issue 16) is
printed before and after the attestation.

    vis_nav(nr=6)   # inside the stack; the project is settings().gcp_project
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from emulators.konfig import les_konfig
from emulators.okonomi_simulator import OkonomiSimulator
from shared import bootstrap
from shared.adapters.arrangor.altinn import bruker_hmac
from shared.adapters.arrangor.repo import FirestoreArrangorRepo
from shared.adapters.firestore import dokumenter as dok
from shared.adapters.nav.tilganger import FirestoreNavAnsattTilganger
from shared.config import settings
from shared.domain.felles.kodeverk import TILTAKSTYPER, Tiltakskode
from shared.domain.nav.tilgang import ALLE, NavAnsatt, Rolle
from shared.edge.http import dev_utsteder

SAKSBEHANDLER = NavAnsatt("Z990001", {Rolle.SAKSBEHANDLER_OKONOMI: ALLE, Rolle.ATTESTANT_UTBETALING: ALLE})
ATTESTANT = NavAnsatt("Z990002", {Rolle.ATTESTANT_UTBETALING: ALLE, Rolle.BESLUTTER_TILSAGN: ALLE})
DEMO_PID = "03037012345"
"""Synthetic (never a real person), as in the tests."""
OPPGAVE_TEKST = {"UTBETALING_TIL_ATTESTERING": "Utbetaling til attestering",
                 "UTBETALING_TIL_BEHANDLING": "Utbetaling til behandling",
                 "TILSAGN_TIL_GODKJENNING": "Tilsagn til godkjenning"}  # fmt: skip
BETALT = ("FERDIG_BEHANDLET", "DELVIS_UTBETALT", "UTBETALT")
ARRANGOR_STATUS = {"UTBETALT": "Utbetalt", "DELVIS_UTBETALT": "Delvis utbetalt", "BEHANDLES_AV_NAV": "Behandles av Nav",
                   "OVERFORT_TIL_UTBETALING": "Overført til utbetaling"}  # fmt: skip


class Klient:
    """JSON over HTTP to one project's functions on the host (`/_prosjekt/{p}/{function}/...`)."""

    def __init__(self, prosjekt: str) -> None:
        self.base = les_konfig().url("funksjonsvert").rstrip("/") + f"/_prosjekt/{prosjekt}"

    def kall(self, metode: str, sti: str, token: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + sti, data=data, method=metode)
        req.add_header("Authorization", f"Bearer {token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=60) as svar:  # noqa: S310 - the local functions host
                innhold = svar.read()
                return svar.status, json.loads(innhold) if innhold else None
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def ok(self, metode: str, sti: str, token: str, body: Any = None) -> Any:
        status, svar = self.kall(metode, sti, token, body)
        if status >= 300:
            raise SystemExit(f"demo: {metode} {sti} ga {status}: {svar}")
        return svar


def _vent(beskrivelse: str, ferdig: Callable[[], bool], frist_s: float = 90) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < frist_s:
        if ferdig():
            return time.monotonic() - t0
        time.sleep(0.3)
    raise SystemExit(f"demo: {beskrivelse} ble ikke ferdig innen {frist_s:.0f} s")


def _navn(kode: str) -> str:
    return TILTAKSTYPER[Tiltakskode(kode)].navn


def _krav(db: firestore.Client) -> list[dict[str, Any]]:
    return [(s.to_dict() or {}) | {"id": s.id} for s in db.collection(dok.UTBETALINGER).stream()]


def _uten_37_dager(u: dict[str, Any]) -> bool:
    return not TILTAKSTYPER[Tiltakskode(u["tiltakskode"])].tidligst_37_dager


def _tilsagn_for(db: firestore.Client, u: dict[str, Any]) -> dict[str, Any] | None:
    """A GODKJENT tilsagn the claim may be charged to (type by tilskuddstype, overlapping period), or None."""
    q = db.collection(dok.TILSAGN).where(filter=FieldFilter("gjennomforing_id", "==", u["gjennomforing_id"]))
    investering = u.get("tilskuddstype") == "TILTAK_INVESTERINGER"
    start, slutt = (u["periode"]["start"], u["periode"]["slutt"]) if "periode" in u else ("", "9999")
    for s in q.stream():
        t = (s.to_dict() or {}) | {"id": s.id}
        p = t.get("periode") or {}
        if (t.get("status") == "GODKJENT" and (t.get("type") == "INVESTERING") == investering
                and str(p.get("start", "")) < slutt and start < str(p.get("slutt", ""))):  # fmt: skip
            return t
    return None


def _send_inn_aft(db: firestore.Client, k: Klient) -> None:
    """The arrangør part did not send the AFT claim in: do it here through the arrangør API (§8.3)."""
    aft = next((u for u in _krav(db) if u["tiltakskode"] == "ARBEIDSFORBEREDENDE_TRENING"
                and u["status"] == "GENERERT"), None)  # fmt: skip
    if aft is None:
        raise SystemExit("demo: fant ikke noe AFT-krav å sende inn")
    FirestoreArrangorRepo(db).lagre_delegering(bruker_hmac(DEMO_PID, settings().bruker_hmac_nokkel),
                                               [aft["arrangor_orgnr"]])  # fmt: skip
    token = dev_utsteder.lag_token(DEMO_PID)
    detalj = k.ok("GET", f"/arrangor_api/api/arrangorflate/utbetaling/{aft['id']}", token)
    body = {"updatedAt": detalj["updatedAt"], "kid": None, "bekreftet": True}
    k.ok("POST", f"/arrangor_api/api/arrangorflate/utbetaling/{aft['id']}/godkjenn", token, body)
    print("   (arrangørdelen hadde ikke sendt inn AFT-kravet; demoen sender det inn via arrangør-API-et)")
    _vent("AFT-kravet", lambda: _status(db, aft["id"]) != "GENERERT", 30)
    status = _status(db, aft["id"])
    tekst = "betalte seg selv (automatisk, ett tilsagn dekker perioden)" if status in BETALT else f"står i {status}"
    print(f"   AFT-kravet {tekst}")


def _status(db: firestore.Client, uid: str) -> str:
    return str((db.collection(dok.UTBETALINGER).document(uid).get().to_dict() or {}).get("status"))


def _velg_krav(db: firestore.Client, k: Klient, s_token: str) -> dict[str, Any]:
    """A claim Nav can pay now: TIL_BEHANDLING without the 37-day rule, else a korreksjon of a paid AFT/VTA claim."""
    krav = _krav(db)
    for u in krav:
        if u["status"] == "TIL_BEHANDLING" and not _uten_37_dager(u):
            print(f"   {_navn(u['tiltakskode'])}: innsendt krav venter hos Nav, men FAKTURA kan tidligst betales "
                  f"{u.get('utbetales_tidligst')} (§6.8); det behandles ikke i demoen")  # fmt: skip
            break
    klar = next(
        (u for u in krav if u["status"] == "TIL_BEHANDLING" and _uten_37_dager(u) and _tilsagn_for(db, u)), None
    )
    if klar is not None:
        print(f"   Valgt: innsendt {_navn(klar['tiltakskode'])}-krav på {klar['belop']:,} kr".replace(",", " "))
        return klar
    krav.sort(key=lambda u: u["tiltakskode"] == "VARIG_TILRETTELAGT_ARBEID_ORDINAER")  # AFT/VTA first
    betalt = next((u for u in krav if u["status"] in BETALT and _uten_37_dager(u)
                   and u.get("opprinnelse") == "GENERERT"), None)  # fmt: skip
    if betalt is None:
        _send_inn_aft(db, k)
        return _velg_krav(db, k, s_token)
    p = betalt["periode"]
    from datetime import date, timedelta

    siste = (date.fromisoformat(p["slutt"]) - timedelta(days=1)).isoformat()
    body = {"gjelderUtbetalingId": betalt["id"], "periodeStart": p["start"], "periodeSlutt": siste, "belop": 4_500,
            "begrunnelse": "En deltaker manglet i grunnlaget for måneden"}  # fmt: skip
    ny = k.ok("POST", "/nav_api/api/nav/korreksjon", s_token, body)
    print(
        f"   {_navn(betalt['tiltakskode'])}-kravet er alt betalt automatisk. For å vise to-personskontrollen på et krav"
    )
    print("   som kan betales nå, lager saksbehandler en korreksjon (§6.10): +4 500 kr, status TIL_BEHANDLING")
    return dict(ny) | {"gjennomforing_id": ny["gjennomforingId"], "arrangor_orgnr": ny["arrangorOrgnr"]}


def _sett_opp_ansatte(db: firestore.Client) -> None:
    tilganger = FirestoreNavAnsattTilganger(db)
    for a in (SAKSBEHANDLER, ATTESTANT):
        tilganger.lagre(a)
    db.collection("enheter").document("0387").set({"navn": "Nav Grünerløkka"})


def vis_nav(nr: int = 6, prosjekt: str | None = None) -> dict[str, Any]:
    """Print the Nav steps; returns the arrangør's view of the paid claim (for the test)."""
    p = prosjekt or settings().gcp_project
    db = bootstrap.firestore_klient()
    k = Klient(p)
    print(f"\n{nr}. Nav behandler et krav med to personer; økonomisystemet betaler (Nav-API-et)\n" + "-" * 70)
    _sett_opp_ansatte(db)
    s_token = dev_utsteder.lag_nav_token(SAKSBEHANDLER.navident)
    a_token = dev_utsteder.lag_nav_token(ATTESTANT.navident)
    print(f"   Saksbehandler {SAKSBEHANDLER.navident} og attestant {ATTESTANT.navident} logger inn (dev-tokens)")
    sim = OkonomiSimulator(p)
    sim.start()
    try:
        return _behandle(db, k, s_token, a_token, sim)
    finally:
        sim.stopp()


def _vis_oppgaver(k: Klient, token: str, naar: str) -> list[dict[str, Any]]:
    """The attestant's oppgaveoversikt (issue 16): a few lines, oldest first."""
    oppgaver = list(k.ok("GET", "/nav_api/api/nav/oppgaver?size=5", token)["data"])
    print(f"   Oppgaveoversikten til attestant {ATTESTANT.navident} {naar}: {len(oppgaver)} oppgave(r)")
    for o in oppgaver[:3]:
        print(f"     - {OPPGAVE_TEKST.get(o['type'], o['type'])}: {o['belop']:,} kr, venter siden "
              f"{o['siden'][:10]}".replace(",", " "))  # fmt: skip
    return oppgaver


def _behandle(db: firestore.Client, k: Klient, s_token: str, a_token: str, sim: OkonomiSimulator) -> dict[str, Any]:
    u = _velg_krav(db, k, s_token)
    uid, belop = u["id"], int(u["belop"])
    t = _tilsagn_for(db, db.collection(dok.UTBETALINGER).document(uid).get().to_dict() or u)
    if t is None:
        raise SystemExit(f"demo: fant ikke noe tilsagn for krav {uid}")
    linjer = {"utbetalingLinjer": [{"tilsagnId": t["id"], "belop": belop, "gjorOppTilsagn": False}]}
    svar = k.ok("POST", f"/nav_api/api/nav/utbetaling/{uid}/linjer", s_token, linjer)
    linje = svar["linjer"][0]
    print(f"   Saksbehandler konterer {belop:,} kr på tilsagn {t['bestillingsnummer']}".replace(",", " "))
    print(f"   → {svar['status']}, faktura {linje['fakturanummer']}")
    _vis_oppgaver(k, a_token, "før attestering")
    status, feil = k.kall("POST", f"/nav_api/api/nav/utbetalingslinje/{linje['id']}/attester", s_token)
    print(f"   Saksbehandler prøver å attestere selv: {status} «{feil['detail']}»")
    svar = k.ok("POST", f"/nav_api/api/nav/utbetalingslinje/{linje['id']}/attester", a_token)
    print(f"   Attestant attesterer → {svar['status']}; FAKTURA ligger i utboksen")
    _vis_oppgaver(k, a_token, "etter attestering")
    sekunder = _vent("FAKTURA til okonomi-ut", lambda: linje["fakturanummer"] in sim.mottatt)
    print(f"   Utsenderen publiserte FAKTURA på okonomi-ut ({sekunder:.1f} s)")
    print("   Økonomisystemet (simulator) svarer FULLT_BETALT på okonomi-inn")
    _vent("UTBETALT", lambda: _status(db, uid) == "UTBETALT")
    print("   Kravet er UTBETALT")
    FirestoreArrangorRepo(db).lagre_delegering(bruker_hmac(DEMO_PID, settings().bruker_hmac_nokkel),
                                               [str(u["arrangor_orgnr"])])  # fmt: skip
    sett = k.ok("GET", f"/arrangor_api/api/arrangorflate/utbetaling/{uid}", dev_utsteder.lag_token(DEMO_PID))
    print(f"   Arrangøren ser: «{ARRANGOR_STATUS.get(sett['status'], sett['status'])}»")
    return dict(sett)
