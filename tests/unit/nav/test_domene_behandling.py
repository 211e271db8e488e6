"""Two-person control, tilsagn life cycle, charging, attestation and the last attestation (domene §2, §5, §6.6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared.domain.felles.feil import Valideringsfeil
from shared.domain.felles.kodeverk import TilsagnStatus
from shared.domain.nav.feil import ManglerTilgang, UgyldigHandling
from shared.domain.nav.totrinnskontroll import SYSTEM, Agent, Kontrolltype, behandle, beslutt
from shared.domain.tilsagn import behandling as tb
from shared.domain.utbetaling import behandling as ub
from shared.domain.utbetaling.utbetaling import UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import LinjeForesporsel, LinjeStatus, send_til_attestering
from shared.domain.utsending.utsending import UtsendingType
from tests.unit.nav.bygg import (
    ATTESTANT,
    ATTESTANT_2,
    ATTESTANT_ANNET_STED,
    BESLUTTER,
    BESLUTTER_ANNET_STED,
    SAKSBEHANDLER,
    SAKSBEHANDLER_2,
    T0,
    UTEN_ROLLER,
    Ider,
    lag_tilsagn,
    lag_utbetaling,
)

NAVN = "Nav Grünerløkka"


# ----------------------------------------------------------------------------- totrinnskontroll


def test_en_person_kan_ikke_beslutte_det_hen_selv_har_behandlet() -> None:
    k = behandle(Kontrolltype.OPPRETTELSE, Agent.nav("Z1"), T0)
    with pytest.raises(UgyldigHandling, match="^Du kan ikke beslutte noe du selv har behandlet$"):
        beslutt(k, Agent.nav("Z1"), T0, godkjent=True)


def test_systemet_kan_baade_behandle_og_beslutte() -> None:
    k = behandle(Kontrolltype.ATTESTERING, SYSTEM, T0)
    assert beslutt(k, SYSTEM, T0, godkjent=True).status == "GODKJENT"


@pytest.mark.parametrize(
    ("godkjent", "tekst"),
    [(True, "Totrinnskontrollen er allerede godkjent"), (False, "Totrinnskontrollen er allerede returnert")],
)
def test_en_besluttet_kontroll_kan_ikke_besluttes_igjen(godkjent: bool, tekst: str) -> None:
    k = beslutt(behandle(Kontrolltype.OPPRETTELSE, Agent.nav("Z1"), T0), Agent.nav("Z2"), T0, godkjent=godkjent,
                aarsaker=("ANNET",))  # fmt: skip
    with pytest.raises(UgyldigHandling, match=f"^{tekst}$"):
        beslutt(k, Agent.nav("Z3"), T0, godkjent=True)


def test_retur_krever_aarsaker() -> None:
    k = behandle(Kontrolltype.OPPRETTELSE, Agent.nav("Z1"), T0)
    with pytest.raises(UgyldigHandling, match="^Årsaker er påkrevd$"):
        beslutt(k, Agent.nav("Z2"), T0, godkjent=False)


# ----------------------------------------------------------------------------- tilsagn


def _til_godkjenning() -> tb.Overgang:
    ny = lag_tilsagn(status=TilsagnStatus.TIL_GODKJENNING, totrinnskontroller=())
    return tb.send_til_godkjenning(ny, SAKSBEHANDLER, T0)


def test_tilsagn_godkjennes_av_beslutter_ved_kostnadsstedet_og_gir_bestilling() -> None:
    sendt = _til_godkjenning()
    assert sendt.operasjon == "Sendt til godkjenning"
    o = tb.godkjenn(sendt.tilsagn, BESLUTTER, NAVN, T0)
    assert (o.tilsagn.status, o.operasjon, o.melding) == (TilsagnStatus.GODKJENT, "Tilsagn godkjent",
                                                           UtsendingType.BESTILLING)  # fmt: skip


def test_beslutter_ved_annet_kostnadssted_mangler_budsjettmyndighet() -> None:
    with pytest.raises(ManglerTilgang) as e:
        tb.godkjenn(_til_godkjenning().tilsagn, BESLUTTER_ANNET_STED, NAVN, T0)
    assert str(e.value) == (
        "Du kan ikke beslutte tilsagnet fordi du mangler budsjettmyndighet ved tilsagnets kostnadssted "
        "(Nav Grünerløkka)"
    )


def test_tilsagn_kan_ikke_godkjennes_av_den_som_opprettet_det() -> None:
    from shared.domain.nav.tilgang import ALLE, NavAnsatt, Rolle

    begge = NavAnsatt(SAKSBEHANDLER.navident, {Rolle.SAKSBEHANDLER_OKONOMI: ALLE, Rolle.BESLUTTER_TILSAGN: ALLE})
    sendt = tb.send_til_godkjenning(lag_tilsagn(status=TilsagnStatus.TIL_GODKJENNING), begge, T0)
    with pytest.raises(UgyldigHandling, match="^Du kan ikke beslutte noe du selv har behandlet$"):
        tb.godkjenn(sendt.tilsagn, begge, NAVN, T0)


def test_godkjent_tilsagn_kan_ikke_godkjennes_paa_nytt() -> None:
    godkjent = tb.godkjenn(_til_godkjenning().tilsagn, BESLUTTER, NAVN, T0).tilsagn
    with pytest.raises(UgyldigHandling, match="^Tilsagnet kan ikke godkjennes fordi det har status Godkjent$"):
        tb.godkjenn(godkjent, BESLUTTER, NAVN, T0)


def test_returnert_tilsagn_kan_sendes_paa_nytt_og_bare_returnert_kan_slettes() -> None:
    retur = tb.returner(_til_godkjenning().tilsagn, BESLUTTER, NAVN, T0, ("FEIL_BELOP",), None)
    assert (retur.tilsagn.status, retur.operasjon) == (TilsagnStatus.RETURNERT, "Tilsagn returnert")
    tb.sjekk_kan_slettes(retur.tilsagn, SAKSBEHANDLER)
    igjen = tb.send_til_godkjenning(retur.tilsagn, SAKSBEHANDLER, T0)
    assert igjen.tilsagn.status is TilsagnStatus.TIL_GODKJENNING
    with pytest.raises(UgyldigHandling, match="^Kan ikke slette tilsagn som er godkjent$"):
        tb.sjekk_kan_slettes(lag_tilsagn(), SAKSBEHANDLER)
    with pytest.raises(UgyldigHandling, match="^Tilsagnet kan ikke endres$"):
        tb.send_til_godkjenning(lag_tilsagn(), SAKSBEHANDLER, T0)


def test_retur_av_tilsagn_krever_aarsaker() -> None:
    with pytest.raises(UgyldigHandling, match="^Årsaker er påkrevd$"):
        tb.returner(_til_godkjenning().tilsagn, BESLUTTER, NAVN, T0, (), None)


def test_annullering_bare_av_ubrukt_tilsagn_og_med_to_personer() -> None:
    with pytest.raises(
        UgyldigHandling, match="^Tilsagnet kan ikke annulleres fordi det har blitt brukt i utbetalinger$"
    ):
        tb.send_til_annullering(lag_tilsagn(belop_brukt=1), SAKSBEHANDLER, T0, ("FEIL",), None)
    sendt = tb.send_til_annullering(lag_tilsagn(), SAKSBEHANDLER, T0, ("FEIL_REGISTRERING",), None)
    assert (sendt.tilsagn.status, sendt.operasjon) == (TilsagnStatus.TIL_ANNULLERING, "Sendt til annullering")
    avvist = tb.beslutt_annullering(sendt.tilsagn, BESLUTTER, NAVN, T0, godkjent=False, aarsaker=("ANNET",))
    assert (avvist.tilsagn.status, avvist.operasjon, avvist.melding) == (TilsagnStatus.GODKJENT,
                                                                         "Annullering avvist", None)  # fmt: skip
    o = tb.beslutt_annullering(sendt.tilsagn, BESLUTTER, NAVN, T0, godkjent=True)
    assert (o.tilsagn.status, o.operasjon, o.melding) == (TilsagnStatus.ANNULLERT, "Tilsagn annullert",
                                                           UtsendingType.ANNULLERING)  # fmt: skip
    brukt_i_mellomtiden = sendt.tilsagn.model_copy(update={"belop_brukt": 5})
    with pytest.raises(UgyldigHandling, match="brukt i utbetalinger"):
        tb.beslutt_annullering(brukt_i_mellomtiden, BESLUTTER, NAVN, T0, godkjent=True)


def test_oppgjor_bare_av_brukt_tilsagn() -> None:
    with pytest.raises(UgyldigHandling):
        tb.send_til_oppgjor(lag_tilsagn(), SAKSBEHANDLER, T0, ("ANNET",), None)
    sendt = tb.send_til_oppgjor(lag_tilsagn(belop_brukt=10), SAKSBEHANDLER, T0, ("ANNET",), "ferdig")
    o = tb.beslutt_oppgjor(sendt.tilsagn, BESLUTTER, NAVN, T0, godkjent=True)
    assert (o.tilsagn.status, o.operasjon, o.melding) == (TilsagnStatus.OPPGJORT, "Tilsagn oppgjort",
                                                           UtsendingType.GJOR_OPP_BESTILLING)  # fmt: skip
    with pytest.raises(UgyldigHandling, match="^Du kan ikke beslutte noe du selv har behandlet$"):
        from shared.domain.nav.tilgang import ALLE, NavAnsatt, Rolle

        tb.beslutt_oppgjor(sendt.tilsagn, NavAnsatt(SAKSBEHANDLER.navident, {Rolle.BESLUTTER_TILSAGN: ALLE}), NAVN,
                           T0, godkjent=True)  # fmt: skip


def test_uten_saksbehandlerrolle_kan_ingen_opprette_tilsagn() -> None:
    with pytest.raises(ManglerTilgang):
        tb.send_til_godkjenning(lag_tilsagn(status=TilsagnStatus.TIL_GODKJENNING), UTEN_ROLLER, T0)


def test_validering_av_tilsagnsperiode() -> None:
    n = tb.NyttTilsagn("g-1", tb.TilsagnType.TILSAGN, None, None, None)
    tekster = {f.detail for f in tb.valider_periode(n, "ARBEIDSFORBEREDENDE_TRENING", None)}
    assert tekster == {"Periodestart må være satt", "Periodeslutt må være satt"}
    n = tb.NyttTilsagn("g-1", tb.TilsagnType.TILSAGN, date(2025, 12, 1), date(2026, 1, 31), "0387")
    tekster = {f.detail for f in tb.valider_periode(n, "ARBEIDSFORBEREDENDE_TRENING", date(2025, 12, 31))}
    assert tekster == {
        "Sluttdato for tilsagnet kan ikke være etter gjennomføringsperioden",
        "Tilsagnsperioden kan ikke vare utover årsskiftet",
    }
    n = tb.NyttTilsagn("g-1", tb.TilsagnType.TILSAGN, date(2025, 6, 1), date(2025, 6, 30), "0387")
    assert [f.detail for f in tb.valider_periode(n, "ARBEIDSFORBEREDENDE_TRENING", None)] == [
        "Minimum startdato for tilsagn til Arbeidsforberedende trening er 01.07.2025"
    ]
    n = tb.NyttTilsagn("g-1", tb.TilsagnType.TILSAGN, date(2025, 6, 2), date(2025, 6, 1), "0387")
    assert [f.detail for f in tb.valider_periode(n, "AVKLARING", None)] == ["Periodestart må være før slutt"]


def test_validering_av_tilsagnsfelt() -> None:
    n = tb.NyttTilsagn("g-1", tb.TilsagnType.TILSAGN, date(2025, 8, 1), date(2025, 8, 31), None, antall_plasser=0,
                       kommentar="x" * 501, beskrivelse="y" * 251)  # fmt: skip
    assert {f.detail for f in tb.valider_felt(n, "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", "NOK")} == {
        "Kommentar kan ikke inneholde mer enn 500 tegn",
        "Beskrivelse kan ikke inneholde mer enn 250 tegn",
        "Du må velge et kostnadssted",
        "Antall plasser må være større enn 0",
    }
    n = tb.NyttTilsagn("g-1", tb.TilsagnType.INVESTERING, date(2025, 8, 1), date(2025, 8, 31), "0387", linjer=())
    assert [f.detail for f in tb.valider_felt(n, "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", "NOK")] == [
        "Du må legge til en linje"
    ]
    linje = tb.TilsagnLinje("z" * 101, -1, 0, "SEK")
    n = tb.NyttTilsagn("g-1", tb.TilsagnType.INVESTERING, date(2025, 8, 1), date(2025, 8, 31), "0387", linjer=(linje,))
    assert [f.detail for f in tb.valider_felt(n, "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED", "NOK")] == [
        "Beløp må være positivt",
        "Beskrivelsen kan ikke inneholde mer enn 100 tegn",
        "Antall må være positivt",
        "Må ha samme valuta som prismodellen: NOK",
    ]


# ----------------------------------------------------------------------------- charging (§6.6)


def _send(foresporsel: list[LinjeForesporsel], begrunnelse: str | None = None, **utbetaling: object):  # type: ignore[no-untyped-def]
    t1, t2 = lag_tilsagn(), lag_tilsagn(id="t-2", bestillingsnummer="A-2025/1-2", belop=50_000)
    return send_til_attestering(lag_utbetaling(**utbetaling), [], foresporsel, begrunnelse, {"t-1": t1, "t-2": t2},
                                SAKSBEHANDLER, T0, Ider())  # fmt: skip


def _tekster(e: pytest.ExceptionInfo[Valideringsfeil]) -> list[tuple[str, str]]:
    return [(f.pointer, f.detail) for f in e.value.feil]


def test_kontering_lager_linjer_med_fakturanummer_og_lopenummer_fra_tilsagnet() -> None:
    k = _send([LinjeForesporsel(None, "t-1", 60_000), LinjeForesporsel(None, "t-2", 40_000)])
    assert k.utbetaling.status is UtbetalingStatus.TIL_ATTESTERING
    assert [(linje.fakturanummer, linje.status) for linje in k.linjer] == [
        ("A-2025/1-1-1", LinjeStatus.TIL_ATTESTERING),
        ("A-2025/1-2-1", LinjeStatus.TIL_ATTESTERING),
    ]
    assert {t.id: t.neste_linje_lopenummer for t in k.tilsagn} == {"t-1": 2, "t-2": 2}
    assert k.linjer[0].periode_start == date(2025, 11, 1)


@pytest.mark.parametrize(
    ("linjer", "begrunnelse", "feil"),
    [
        ([], None, [("/utbetalingLinjer", "Utbetalingslinjer mangler")]),
        ([LinjeForesporsel(None, "t-1", 0)], None, [("/utbetalingLinjer", "Utbetalingslinjer mangler")]),
        ([LinjeForesporsel(None, "t-1", -5)], None, [("/utbetalingLinjer/0/belop", "Beløp må være positivt")]),
        (
            [LinjeForesporsel(None, "t-1", 100_001)],
            None,
            [("/utbetalingLinjer", "Kan ikke utbetale mer enn innsendt beløp")],
        ),
        (
            [LinjeForesporsel(None, "t-1", 90_000)],
            " ",
            [("/begrunnelseMindreBetalt", "Begrunnelse er påkrevd ved utbetaling av mindre enn innsendt beløp")],
        ),
        (
            [LinjeForesporsel(None, "t-1", 50_000), LinjeForesporsel(None, "t-1", 50_000)],
            None,
            [("/utbetalingLinjer/1/tilsagnId", "Et tilsagn kan bare benyttes én gang per utbetaling")],
        ),
        (
            [LinjeForesporsel(None, "t-2", 100_000)],
            None,
            [("/utbetalingLinjer/0/tilsagnId", "Beløp overstiger gjenstående beløp på tilsagn. For å utbetale hele "
              "beløpet må dere først opprette og godkjenne et ekstratilsagn")],
        ),
        (
            [LinjeForesporsel(None, "ukjent", 100_000)],
            None,
            [("/utbetalingLinjer/0/tilsagnId", "Tilsagnet kan ikke benyttes for denne utbetalingen")],
        ),
    ],
)  # fmt: skip
def test_kontering_valideres(
    linjer: list[LinjeForesporsel], begrunnelse: str | None, feil: list[tuple[str, str]]
) -> None:
    with pytest.raises(Valideringsfeil) as e:
        _send(linjer, begrunnelse)
    assert _tekster(e) == feil


def test_kontering_krever_godkjent_tilsagn_og_riktig_status_og_rolle() -> None:
    annullert = {"t-1": lag_tilsagn(status=TilsagnStatus.TIL_ANNULLERING)}
    with pytest.raises(Valideringsfeil) as e:
        send_til_attestering(lag_utbetaling(), [], [LinjeForesporsel(None, "t-1", 100_000)], None, annullert,
                             SAKSBEHANDLER, T0, Ider())  # fmt: skip
    assert _tekster(e) == [
        (
            "/utbetalingLinjer/0/tilsagnId",
            "Tilsagnet har status Til annullering og kan ikke benyttes, linjen må fjernes",
        )
    ]
    with pytest.raises(Valideringsfeil) as e:
        _send([LinjeForesporsel(None, "t-1", 100_000)], status=UtbetalingStatus.GENERERT)
    assert _tekster(e) == [("/", "Utbetaling kan bare endres når den er til behandling")]
    with pytest.raises(ManglerTilgang, match="^Du kan ikke sende utbetaling til attestering$"):
        send_til_attestering(lag_utbetaling(), [], [], None, {}, ATTESTANT, T0, Ider())


def test_tilsagn_som_ikke_overlapper_kan_ikke_benyttes() -> None:
    t = lag_tilsagn(periode_start=date(2025, 1, 1), periode_slutt=date(2025, 7, 1))
    with pytest.raises(Valideringsfeil) as e:
        send_til_attestering(lag_utbetaling(), [], [LinjeForesporsel(None, "t-1", 100_000)], None, {"t-1": t},
                             SAKSBEHANDLER, T0, Ider())  # fmt: skip
    assert _tekster(e)[0][1] == "Tilsagnet kan ikke benyttes for denne utbetalingen"


# ----------------------------------------------------------------------------- attestation


def _to_linjer():  # type: ignore[no-untyped-def]
    k = _send([LinjeForesporsel(None, "t-1", 60_000), LinjeForesporsel(None, "t-2", 40_000)])
    tilsagn = {t.id: t for t in k.tilsagn}
    return k.utbetaling, list(k.linjer), tilsagn


def test_attestering_av_siste_linje_overforer_til_utbetaling_med_en_faktura_per_linje() -> None:
    u, linjer, tilsagn = _to_linjer()
    linjer = ub.attester(u, linjer, linjer[0].id, tilsagn["t-1"], ATTESTANT, NAVN, T0)
    assert not ub.alle_godkjent(linjer)
    linjer = ub.attester(u, linjer, linjer[1].id, tilsagn["t-2"], ATTESTANT_2, NAVN, T0)
    assert ub.alle_godkjent(linjer)
    f = ub.fullfor(u, linjer, tilsagn, T0)
    assert f.utbetaling.status is UtbetalingStatus.FERDIG_BEHANDLET
    assert f.operasjon == "Overført til utbetaling"
    assert {linje.status for linje in f.linjer} == {LinjeStatus.OVERFORT_TIL_UTBETALING}
    assert [p.fakturanummer for p in f.utsendinger] == ["A-2025/1-1-1", "A-2025/1-2-1"]
    assert f.tilsagn["t-1"].belop_brukt == 60_000
    # t-2 (50 000) is used up by 40 000? No: 40 000 < 50 000, so it stays GODKJENT.
    assert f.tilsagn["t-2"].status is TilsagnStatus.GODKJENT
    m = f.utsendinger[0].melding
    assert m["behandletAv"] == {"type": "NAV_ANSATT", "navIdent": "S111111"}
    assert m["besluttetAv"] == {"type": "NAV_ANSATT", "navIdent": "A555555"}
    assert m["gjorOppBestilling"] is False
    assert m["beskrivelse"] == (
        "Tiltakstype: Arbeidsforberedende trening\nPeriode: 01.11.2025 - 30.11.2025\nTilsagnsnummer: A-2025/1-1"
    )
    assert f.utsendinger[0].send_tidligst is None


def test_oppbrukt_tilsagn_gjores_opp_ved_attestering() -> None:
    u, linjer, tilsagn = _to_linjer()
    tilsagn["t-2"] = tilsagn["t-2"].model_copy(update={"belop_brukt": 10_000})
    for linje in linjer:
        linjer = ub.attester(u, linjer, linje.id, tilsagn[linje.tilsagn_id], ATTESTANT_2, NAVN, T0)
    f = ub.fullfor(u, linjer, tilsagn, T0)
    assert f.tilsagn["t-2"].status is TilsagnStatus.OPPGJORT
    assert f.utsendinger[1].melding["gjorOppBestilling"] is True
    assert ("t-2", "Tilsagn oppgjort ved attestering av utbetaling") in f.tilsagn_operasjoner


@pytest.mark.parametrize(
    ("endring", "arsak"),
    [
        ({"status": TilsagnStatus.TIL_ANNULLERING}, ub.Returarsak.TILSAGN_FEIL_STATUS),
        ({"belop_brukt": 480_000}, ub.Returarsak.IKKE_NOK_GJENSTAENDE),
    ],
)
def test_siste_attestering_returnerer_alle_linjer_naar_tilsagnet_ikke_lenger_holder(
    endring: dict[str, object], arsak: ub.Returarsak
) -> None:
    u, linjer, tilsagn = _to_linjer()
    for linje in linjer:
        linjer = ub.attester(u, linjer, linje.id, tilsagn[linje.tilsagn_id], ATTESTANT_2, NAVN, T0)
    tilsagn["t-1"] = tilsagn["t-1"].model_copy(update=endring)
    f = ub.fullfor(u, linjer, tilsagn, T0)
    assert f.utbetaling.status is UtbetalingStatus.RETURNERT
    assert f.retur is arsak and not f.utsendinger
    assert {(linje.status, linje.totrinnskontroll.aarsaker) for linje in f.linjer} == {
        (LinjeStatus.RETURNERT, (arsak.value,))
    }


def test_attestering_avvises_for_feil_person_feil_rolle_og_feil_status() -> None:
    u, linjer, tilsagn = _to_linjer()
    from shared.domain.nav.tilgang import ALLE, NavAnsatt, Rolle

    selv = NavAnsatt(SAKSBEHANDLER.navident, {Rolle.ATTESTANT_UTBETALING: ALLE})
    with pytest.raises(UgyldigHandling, match="^Du kan ikke beslutte noe du selv har behandlet$"):
        ub.attester(u, linjer, linjer[0].id, tilsagn["t-1"], selv, NAVN, T0)
    with pytest.raises(ManglerTilgang) as e:
        ub.attester(u, linjer, linjer[0].id, tilsagn["t-1"], ATTESTANT_ANNET_STED, NAVN, T0)
    assert str(e.value) == (
        "Du kan ikke attestere utbetalingen fordi du ikke er attestant ved tilsagnets kostnadssted (Nav Grünerløkka)"
    )
    with pytest.raises(ManglerTilgang):
        ub.attester(u, linjer, linjer[0].id, tilsagn["t-1"], SAKSBEHANDLER_2, NAVN, T0)
    en_gang = ub.attester(u, linjer, linjer[0].id, tilsagn["t-1"], ATTESTANT, NAVN, T0)
    with pytest.raises(UgyldigHandling, match="^Totrinnskontrollen er allerede godkjent$"):
        ub.attester(u, en_gang, linjer[0].id, tilsagn["t-1"], ATTESTANT_2, NAVN, T0)
    ferdig = u.model_copy(update={"status": UtbetalingStatus.FERDIG_BEHANDLET})
    with pytest.raises(UgyldigHandling, match="^Utbetalingen kan ikke attesteres$"):
        ub.attester(ferdig, linjer, linjer[0].id, tilsagn["t-1"], ATTESTANT, NAVN, T0)


def test_retur_av_en_linje_returnerer_alle_og_en_returnert_linje_beholder_fakturanummeret() -> None:
    u, linjer, tilsagn = _to_linjer()
    with pytest.raises(ManglerTilgang, match="^Du kan ikke returnere utbetalingen fordi du mangler tilgang$"):
        ub.returner(u, linjer, linjer[0].id, tilsagn["t-1"], ATTESTANT_ANNET_STED, T0, ("FEIL_BELOP",), None)
    with pytest.raises(UgyldigHandling, match="^Årsaker er påkrevd$"):
        ub.returner(u, linjer, linjer[0].id, tilsagn["t-1"], ATTESTANT, T0, (), None)
    u2, returnert = ub.returner(u, linjer, linjer[0].id, tilsagn["t-1"], ATTESTANT, T0, ("FEIL_BELOP",), None)
    assert u2.status is UtbetalingStatus.RETURNERT
    assert [linje.totrinnskontroll.aarsaker for linje in returnert] == [("FEIL_BELOP",), ("PROPAGERT_RETUR",)]
    with pytest.raises(UgyldigHandling, match="^Utbetalingen kan ikke returneres$"):
        ub.returner(u2, returnert, linjer[0].id, tilsagn["t-1"], ATTESTANT, T0, ("FEIL_BELOP",), None)
    igjen = send_til_attestering(u2, returnert, [LinjeForesporsel(returnert[0].id, "t-1", 100_000)], None, tilsagn,
                                 SAKSBEHANDLER, T0 + timedelta(hours=1), Ider("ny"))  # fmt: skip
    assert [(linje.id, linje.fakturanummer) for linje in igjen.linjer] == [(returnert[0].id, "A-2025/1-1-1")]
    assert igjen.slettet == (returnert[1].id,)
    assert igjen.tilsagn == ()


def test_andre_linjer_som_ikke_er_returnert_kan_ikke_fjernes() -> None:
    u, linjer, tilsagn = _to_linjer()
    u = u.model_copy(update={"status": UtbetalingStatus.TIL_BEHANDLING})
    with pytest.raises(Valideringsfeil) as e:
        send_til_attestering(u, linjer, [LinjeForesporsel(None, "t-1", 100_000)], None, tilsagn, SAKSBEHANDLER, T0,
                             Ider())  # fmt: skip
    assert _tekster(e)[-1] == (
        "/utbetalingLinjer",
        "Utbetaling kan ikke sendes til attestering fordi den allerede har andre utbetalingslinjer",
    )


def test_faktura_for_avklaring_venter_til_37_dager_etter_periodens_slutt() -> None:
    u = lag_utbetaling(tiltakskode="AVKLARING", prismodell="AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED",
                       periode_start=date(2025, 10, 1), periode_slutt=date(2025, 11, 1),
                       utbetales_tidligst=date(2025, 12, 7))  # fmt: skip
    t = lag_tilsagn()
    k = send_til_attestering(u, [], [LinjeForesporsel(None, "t-1", 100_000)], None, {"t-1": t}, SAKSBEHANDLER, T0,
                             Ider())  # fmt: skip
    linjer = ub.attester(k.utbetaling, list(k.linjer), k.linjer[0].id, t, ATTESTANT, NAVN, T0)
    f = ub.fullfor(k.utbetaling, linjer, {"t-1": k.tilsagn[0]}, T0)
    post = f.utsendinger[0]
    assert post.send_tidligst is not None and post.send_tidligst.isoformat() == "2025-12-06T23:00:00+00:00"
    assert post.attributter() == {"type": "FAKTURA", "utbetalesTidligstTidspunkt": "2025-12-06T23:00:00.000000Z"}
    assert post.melding["utbetalesTidligstTidspunkt"] == "2025-12-06T23:00:00.000000Z"
