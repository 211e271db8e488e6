"""Manual claims and vedlegg through the arrangør API against the emulators (domene.md §8.2, §8.4): tiltaksoversikt,
wizard data, the participant list, upload ahead, opprett-krav with every check and its text, and that a rejected
request leaves nothing in the bucket and creates no claim."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fpdf import FPDF
from google.cloud import firestore, storage  # type: ignore[attr-defined]

from shared.adapters.arrangor.virusskanning import EICAR
from shared.adapters.firestore import dokumenter as dok
from shared.adapters.firestore.tilgangslogg import SAMLING
from shared.config import settings
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.utbetaling.innsending import idag
from tests.bygg_generering import lag_tilsagn
from tests.integration.arrangor_api.conftest import ANNEN_PID, ORGNR, Api, deltaker, gjennomforing

B = "/api/arrangorflate"


def dagen() -> date:
    """Today in Oslo as the service sees it, read when a test runs (a run may cross midnight)."""
    return idag(datetime.now(UTC))


def forrige_maned() -> date:
    return (dagen().replace(day=1) - timedelta(days=1)).replace(day=1)


def lag_pdf(tekst: str = "Faktura") -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=tekst)
    return bytes(pdf.output())


def krav_sti(gid: str, orgnr: str = ORGNR) -> str:
    return f"{B}/arrangor/{orgnr}/gjennomforing/{gid}/opprett-krav"


def bucket_innhold() -> list[str]:
    return [
        b.name
        for b in storage.Client(project=settings().gcp_project)
        .bucket(settings().vedlegg_bucket)
        .list_blobs(prefix="midlertidig/")
    ]


def krav_i(db: firestore.Client, gid: str) -> list[dict[str, Any]]:
    q = db.collection(dok.UTBETALINGER).where("gjennomforing_id", "==", gid)
    return [s.to_dict() or {} for s in q.stream()]


def avtalt_pris(api: Api, **felt: Any) -> str:
    return gjennomforing(api.db, tiltakskode="AVKLARING", prismodell="ANNEN_AVTALT_PRIS", navn="Avklaring Oslo",
                         start_dato="2025-10-01", **felt)  # fmt: skip


def timepris(api: Api) -> str:
    avtale = Avtale.model_validate({"id": str(uuid.uuid4()), "versjon": 1, "arrangor_orgnr": ORGNR,
        "prismodell": "AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER", "satser": [
        {"gjelder_fra": "2025-01-01", "sats": 1200}, {"gjelder_fra": "2026-07-01", "sats": 1300}]})  # fmt: skip
    api.db.collection(dok.AVTALER).document(avtale.id).set(dok.ingest_dokument(avtale))
    return gjennomforing(api.db, tiltakskode="OPPFOLGING", prismodell="AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER",
                         navn="Oppfølging Bergen", start_dato="2025-10-01", avtale_id=avtale.id)  # fmt: skip


def skjema(start: date, slutt: date, belop: Any = 5000, **felt: Any) -> dict[str, Any]:
    return {"periodeStart": start.isoformat(), "periodeSlutt": slutt.isoformat(), "periodeType": "Inklusiv",
            "kidNummer": "", "belop": str(belop)} | felt  # fmt: skip


def post_krav(api: Api, gid: str, data: dict[str, Any], filer: list[tuple[bytes, str]] = (), **kw: Any) -> Any:  # type: ignore[assignment]
    data = dict(data)
    if filer:
        data["vedlegg"] = [(io.BytesIO(b), navn) for b, navn in filer]
    return api.post(krav_sti(gid), data=data, content_type="multipart/form-data", **kw)


@pytest.fixture
def konto(api: Api) -> None:
    api.repo.lagre_kontonummer(ORGNR, "12345678901")


def test_tiltaksoversikt_viser_bare_gjennomforinger_som_tillater_manuelle_krav(api: Api) -> None:
    aft = gjennomforing(api.db)
    avklaring = avtalt_pris(api)
    gjennomforing(api.db, tiltakskode="AVKLARING", prismodell="AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED")
    gjennomforing(api.db, prismodell="ANNEN_AVTALT_PRIS", status="AVSLUTTET", navn="Gammel")
    svar = api.get(f"{B}/tiltaksoversikt").json
    assert {r["gjennomforing"]["id"] for r in svar["data"]} == {aft, avklaring}
    assert svar["pagination"] == {"totalCount": 2, "pageSize": 20, "totalPages": 1}
    rad = next(r for r in svar["data"] if r["gjennomforing"]["id"] == avklaring)
    assert rad["tiltakstype"] == {"navn": "Avklaring", "tiltakskode": "AVKLARING"} and rad["sluttDato"] is None
    assert rad["prismodell"] == "ANNEN_AVTALT_PRIS" and rad["arrangor"]["organisasjonsnummer"] == ORGNR
    historiske = api.get(f"{B}/tiltaksoversikt?type=HISTORISKE").json["data"]
    assert [r["gjennomforing"]["navn"] for r in historiske] == ["Gammel"]
    assert api.get(f"{B}/tiltaksoversikt?sok=oslo").json["pagination"]["totalCount"] == 1
    assert api.get(f"{B}/tiltaksoversikt", pid=ANNEN_PID).status_code == 403


def test_veiviserdata_for_investering_timepris_og_avtalt_pris(api: Api, konto: None) -> None:
    aft = gjennomforing(api.db)
    api.repo.lagre_tilsagn(lag_tilsagn(aft, type="INVESTERING", bestillingsnummer="A-2025/9"))
    api.repo.lagre_tilsagn(lag_tilsagn(aft, bestillingsnummer="A-2025/1"))
    data = api.get(krav_sti(aft)).json
    assert [(s["type"], s["order"]) for s in data["steg"]] == [
        ("INFORMASJON", 1), ("UTBETALING", 2), ("VEDLEGG", 3), ("OPPSUMMERING", 4)]  # fmt: skip
    inn = data["innsendingSteg"]
    assert inn["guidePanel"] == "INVESTERING_VTA_AFT"
    assert [t["bestillingsnummer"] for t in inn["tilsagn"]] == ["A-2025/9"]
    assert inn["datoVelger"] == {"type": "DatoVelgerRange", "maksSluttdato": dagen().isoformat(),
                                 "minStartdato": "2025-07-01"}  # fmt: skip
    assert [e["label"] for e in inn["definisjonsListe"]] == ["Arrangør", "Tiltaksnavn", "Løpenummer", "Tiltakstype"]
    assert data["utbetalingSteg"] == {"kontonummer": "12345678901", "valuta": "NOK"}
    assert data["vedleggSteg"] == {"guidePanel": "INVESTERING_VTA_AFT", "minAntallVedlegg": 1,
                                   "maksAntallVedlegg": 10, "maksStorrelseBytes": 10485760}  # fmt: skip

    tp = timepris(api)
    data = api.get(krav_sti(tp)).json
    assert [s["type"] for s in data["steg"]] == ["INFORMASJON", "DELTAKERLISTE", "UTBETALING", "VEDLEGG",
                                                 "OPPSUMMERING"]  # fmt: skip
    forslag = data["innsendingSteg"]["datoVelger"]["periodeForslag"]
    assert data["innsendingSteg"]["datoVelger"]["type"] == "DatoVelgerSelect"
    assert forslag[0] == {"start": "2025-10-01", "slutt": "2025-11-01"}
    assert forslag[-1] == {"start": forrige_maned().isoformat(), "slutt": dagen().replace(day=1).isoformat()}

    ap = avtalt_pris(api)
    data = api.get(krav_sti(ap)).json
    assert data["vedleggSteg"]["minAntallVedlegg"] == 0 and data["innsendingSteg"]["guidePanel"] == "AVTALT_PRIS"
    assert data["innsendingSteg"]["datoVelger"]["maksSluttdato"] == "2027-01-01"


def test_rutesjekkene_i_rekkefolge(api: Api) -> None:
    annen = gjennomforing(api.db, orgnr="974654321", prismodell="ANNEN_AVTALT_PRIS", tiltakskode="AVKLARING")
    api.deleger("01017012345", ORGNR, "974654321")
    ikke_manuell = gjennomforing(api.db, tiltakskode="AVKLARING", prismodell="AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED")
    svar = api.get(krav_sti(annen, orgnr="999999999"))
    assert (svar.status_code, svar.json["detail"]) == (
        403,
        "Ikke tilgang til bedrift med organisasjonsnummer 999999999",
    )
    svar = api.get(krav_sti(annen))
    assert (svar.status_code, svar.json["detail"]) == (403, "Ikke gjennomføring til bedrift")
    for sti in ("", "/deltakere?periodeStart=2026-01-01&periodeSlutt=2026-02-01"):
        svar = api.get(krav_sti(ikke_manuell) + sti)
        assert svar.json["detail"] == "Du kan ikke opprette utbetalingskrav for denne tiltaksgjennomføringen"
    svar = post_krav(api, ikke_manuell, {"belop": "x"})
    assert svar.status_code == 403


def test_deltakerliste_for_timepris_er_maskert_og_tilgangslogget(api: Api) -> None:
    tp = timepris(api)
    deltaker(api.db, tp, start_dato="2026-10-10")
    deltaker(api.db, tp, start_dato="2026-10-01", person={"norsk_ident": "02020212345", "skjermet": True})
    svar = api.get(krav_sti(tp) + "/deltakere?periodeStart=2026-10-01&periodeSlutt=2026-11-01")
    assert svar.status_code == 200, svar.json
    d = svar.json
    assert d["guidePanel"] == "TIMESPRIS" and d["stengtHosArrangor"] == []
    assert [c["key"] for c in d["tabell"]["columns"]] == ["navn", "norskIdent", "startDatoTiltak", "startDatoPeriode",
                                                          "sluttDatoPeriode"]  # fmt: skip
    rader = [r["cells"] for r in d["tabell"]["rows"]]
    assert [(r["navn"]["value"], r["norskIdent"]["value"]) for r in rader] == [
        ("Skjermet", None), ("Kari Nordmann", "01810012345")]  # fmt: skip
    assert (
        rader[1]["startDatoPeriode"]["value"] == "2026-10-10" and rader[1]["sluttDatoPeriode"]["value"] == "2026-10-31"
    )
    assert [e["value"]["value"] for e in d["tabellFooter"][0]["entries"] if e["label"] == "Sats"] == ["1300"]
    logg = firestore.Client(project=settings().gcp_project, database="tilgangslogg").collection(SAMLING).stream()
    identer = [x.to_dict()["deltaker_identer"] for x in logg]
    assert sorted(identer[0]) == ["01810012345", "02020212345"]
    feil = api.get(krav_sti(tp) + "/deltakere?periodeStart=2026-10&periodeSlutt=2026-10-31")
    assert feil.status_code == 400 and feil.json["errors"][0] == {
        "pointer": "/periodeStart", "detail": "Dato må være på formatet 'yyyy-mm-dd'"}  # fmt: skip


def test_opprett_krav_investering_med_vedlegg_i_foresporselen_og_lastet_opp_forst(api: Api, konto: None) -> None:
    aft = gjennomforing(api.db)
    opp = api.post(krav_sti(aft) + "/vedlegg", data={"vedlegg": (io.BytesIO(lag_pdf()), "../../etc/faktura.pdf")},
                   content_type="multipart/form-data")  # fmt: skip
    assert opp.status_code == 201, opp.json
    assert opp.json["filnavn"] == "faktura.pdf" and opp.json["storrelse"] > 0
    vid = opp.json["vedleggId"]
    assert bucket_innhold() == [f"midlertidig/{vid}"]
    start, slutt = date(2026, 10, 1), date(2026, 10, 31)
    svar = post_krav(api, aft, skjema(start, slutt, 25000, kidNummer="2345676", vedleggIds=vid, bekreftet="true"),
                     [(lag_pdf("Kvittering"), "/home/kari/../kvittering.pdf")])  # fmt: skip
    assert svar.status_code == 200, svar.json
    uid = svar.json["id"]
    u = api.db.collection(dok.UTBETALINGER).document(uid).get().to_dict() or {}
    assert u["status"] == "TIL_BEHANDLING" and u["tilskuddstype"] == "TILTAK_INVESTERINGER"
    assert u["opprinnelse"] == "ARRANGOR" and u["belop"] == 25000 and u["utbetales_tidligst"] is None
    assert u["betalingsinformasjon"] == {"kontonummer": "12345678901", "kid": "2345676"}
    assert u["periode"] == {"start": "2026-10-01", "slutt": "2026-11-01"} and u["vedlegg"][0] == vid
    assert len(u["vedlegg"]) == 2 and sorted(bucket_innhold()) == sorted(f"midlertidig/{v}" for v in u["vedlegg"])
    vedlegg = {s.id: s.to_dict() for s in api.db.collection("vedlegg").stream()}
    assert {v["brukt_av"] for v in vedlegg.values()} == {uid}
    assert sorted(v["filnavn"] for v in vedlegg.values()) == ["faktura.pdf", "kvittering.pdf"]
    assert all(v["bruker"] != "01017012345" for v in vedlegg.values())
    assert api.db.collection("arkiveringer").document(uid).get().exists
    historikk = [s.to_dict()["operasjon"] for s in api.db.collection(dok.ENDRINGSHISTORIKK).stream()]
    assert historikk == ["Utbetaling sendt inn"]
    detalj = api.get(f"{B}/utbetaling/{uid}").json
    assert detalj["type"]["kode"] == "INVESTERING" and detalj["status"] == "BEHANDLES_AV_NAV"
    assert detalj["kanAvbrytes"] == "ACTIVATED" and detalj["beregning"]["deltakelser"] is None
    assert api.get(f"{B}/utbetaling/{uid}/kvittering").status_code == 200
    brukt = post_krav(api, aft, skjema(start, slutt, vedleggIds=vid))
    assert brukt.json["errors"][0] == {"pointer": "/vedleggIds/0", "detail": "Vedlegget finnes ikke"}


def test_opprett_krav_avtalt_pris_uten_vedlegg_og_timepris_en_gang_per_maned(api: Api, konto: None) -> None:
    ap = avtalt_pris(api)
    svar = post_krav(api, ap, skjema(date(2026, 11, 1), date(2027, 1, 1), periodeType="Eksklusiv"))
    assert svar.status_code == 200, svar.json
    u = api.db.collection(dok.UTBETALINGER).document(svar.json["id"]).get().to_dict() or {}
    assert u["tilskuddstype"] == "TILTAK_DRIFTSTILSKUDD" and u["utbetales_tidligst"] == "2027-02-06"
    assert u["betalingsinformasjon"]["kid"] is None
    tp = timepris(api)
    deltaker(api.db, tp, start_dato="2026-10-01")
    pdf = [(lag_pdf(), "timer.pdf")]
    ok = post_krav(api, tp, skjema(date(2026, 10, 1), date(2026, 10, 31), 12000), pdf)
    assert ok.status_code == 200, ok.json
    igjen = post_krav(api, tp, skjema(date(2026, 10, 1), date(2026, 10, 31), 12000), pdf)
    assert igjen.json["errors"][0]["detail"] == "Det finnes allerede et krav om utbetaling for denne perioden"
    halv = post_krav(api, tp, skjema(date(2026, 9, 1), date(2026, 9, 15)), pdf)
    assert halv.json["errors"][0]["detail"] == "Perioden må være én hel kalendermåned"
    neste = api.get(krav_sti(tp)).json["innsendingSteg"]["datoVelger"]["periodeForslag"]
    assert {"start": "2026-10-01", "slutt": "2026-11-01"} not in neste


@pytest.mark.parametrize(
    ("felt", "pointer", "tekst"),
    [
        ({"periodeStart": "01.10.2026"}, "/periodeStart", "Dato må være på formatet 'yyyy-mm-dd'"),
        ({"periodeSlutt": "2026-13-01"}, "/periodeSlutt", "Dato må være på formatet 'yyyy-mm-dd'"),
        ({"periodeStart": "2026-10-15", "periodeSlutt": "2026-10-14"}, "/periodeStart",
         "Periodeslutt må være etter periodestart"),
        ({"periodeSlutt": "2027-01-01"}, "/periodeSlutt",
         "Du kan ikke sende inn for valgt periode før perioden er passert"),
        ({"periodeStart": "2025-06-01"}, "/periodeStart", "Perioden kan ikke starte før 01.07.2025"),
        ({"belop": "0"}, "/belop", "Beløp må være positivt"),
        ({"belop": "tusen"}, "/belop", "Beløp må være positivt"),
        ({"vedleggIds": str(uuid.uuid4())}, "/vedleggIds/0", "Vedlegget finnes ikke"),
        ({"kidNummer": "2345674"}, "/kidNummer", "Ugyldig kid"),
        ({"bekreftet": "false"}, "/bekreftet", "Du må bekrefte at opplysningene er korrekte"),
    ],
)  # fmt: skip
def test_opprett_krav_sjekkene_med_tekst(api: Api, konto: None, felt: dict[str, str], pointer: str, tekst: str) -> None:
    aft = gjennomforing(api.db)
    svar = post_krav(api, aft, skjema(date(2026, 10, 1), date(2026, 10, 31)) | felt, [(lag_pdf(), "a.pdf")])
    assert svar.status_code == 400 and svar.json["detail"] == "Klarte ikke opprette utbetaling"
    assert svar.json["errors"] == [{"pointer": pointer, "detail": tekst}]
    assert bucket_innhold() == [] and krav_i(api.db, aft) == []


def test_opprett_krav_uten_vedlegg_uten_konto_og_utenfor_gjennomforingen(api: Api) -> None:
    aft = gjennomforing(api.db, start_dato="2026-09-01")
    mangler = post_krav(api, aft, skjema(date(2026, 10, 1), date(2026, 10, 31)))
    assert mangler.json["errors"] == [{"pointer": "/vedlegg", "detail": "Du må legge ved vedlegg"}]
    utenfor = post_krav(api, aft, skjema(date(2026, 7, 1), date(2026, 7, 31)), [(lag_pdf(), "a.pdf")])
    assert utenfor.json["errors"][0]["detail"] == "Perioden må overlappe tiltaksgjennomføringens periode"
    konto = post_krav(api, aft, skjema(date(2026, 10, 1), date(2026, 10, 31)), [(lag_pdf(), "a.pdf")])
    assert konto.json["errors"][0]["detail"] == "Utbetalingen kan ikke opprettes fordi kontonummer mangler."
    assert bucket_innhold() == [] and krav_i(api.db, aft) == []


STOR = b"%PDF-1.4\n" + b"0" * 10_485_760
IKKE_PDF = b"Dette er ikke en PDF"
FALSK_PDF = b"%PDF-1.7\nikke egentlig en pdf"


@pytest.mark.parametrize(
    ("filer", "status", "tekst"),
    [
        ([(IKKE_PDF, "brev.pdf")], 400, "Vedlegg brev.pdf er ikke en PDF"),
        ([(FALSK_PDF, "../../../falsk.pdf")], 400, "Vedlegg falsk.pdf er ikke en PDF"),
        ([(STOR, "stor.pdf")], 400, "Vedlegg er større enn 10MB"),
        ([(b"x", f"{i}.pdf") for i in range(11)], 400, "Du kan ikke legge ved mer enn 10 vedlegg"),
        ([(lag_pdf() + EICAR, "virus.pdf")], 400, "Virus funnet i minst ett vedlegg"),
    ],
)  # fmt: skip
def test_avviste_vedlegg_lagres_aldri_og_gir_ikke_krav(api: Api, konto: None, filer: list[tuple[bytes, str]],
                                                       status: int, tekst: str) -> None:  # fmt: skip
    aft = gjennomforing(api.db)
    gode = [(lag_pdf(), "god.pdf")] if len(filer) < 10 else []
    svar = post_krav(api, aft, skjema(date(2026, 10, 1), date(2026, 10, 31)), gode + filer)
    assert svar.status_code == status and svar.json["errors"][0]["detail"] == tekst
    if len(filer) == 1:
        opp = api.post(krav_sti(aft) + "/vedlegg", data={"vedlegg": (io.BytesIO(filer[0][0]), filer[0][1])},
                       content_type="multipart/form-data")  # fmt: skip
        assert opp.status_code == status and opp.json["errors"][0]["detail"] == tekst
    assert bucket_innhold() == [] and krav_i(api.db, aft) == []
    assert list(api.db.collection("vedlegg").stream()) == []


def test_for_stor_foresporsel_gir_413_for_kroppen_leses(api: Api, konto: None) -> None:
    aft = gjennomforing(api.db)
    svar = api.klient.post(krav_sti(aft), headers=api.auth("01017012345"), data=b"--x--",
                           content_type="multipart/form-data; boundary=x",
                           environ_overrides={"CONTENT_LENGTH": str(33_554_433)})  # fmt: skip
    assert svar.status_code == 413 and svar.json["type"].endswith("payload-too-large")
    assert svar.json["detail"] == ("Kravet med vedlegg er større enn 32 MB. Last opp vedleggene ett og ett først, og "
                                   "send deretter inn kravet.")  # fmt: skip
    assert bucket_innhold() == []
