"""Pure rules of the monthly generation (domene.md §6.5, §7.1, §4.2)."""

from __future__ import annotations

import gzip
import hashlib
import uuid
from datetime import UTC, date, datetime

from shared.domain.beregning import beregn, les_beregning_input
from shared.domain.felles.kodeverk import Prismodell, Tilskuddstype
from shared.domain.generering.krav import Grunnlag, Hopp, beregn_krav, beregning_sha256, pakk, pakk_ut, vurder
from shared.domain.generering.regler import (
    forrige_maned,
    i_gyldig_periode,
    krav_periode,
    maned_periode,
    satser_for_input,
    utbetaling_id,
    videreført_kid,
)
from shared.domain.grunnlag.forslag import er_relevant
from shared.domain.grunnlag.gjennomforing import GjennomforingStatus
from shared.domain.utbetaling.utbetaling import (
    Betalingsinformasjon,
    Blokkering,
    Opprinnelse,
    Utbetaling,
    UtbetalingStatus,
)
from tests.bygg_generering import lag_avtale, lag_deltakelse, lag_forslag, lag_gjennomforing, lag_tilsagn

T = datetime(2025, 11, 7, 4, tzinfo=UTC)


def _utbetaling(gid: str, start: date, slutt: date, **felt: object) -> Utbetaling:
    data: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "gjennomforing_id": gid,
        "tiltakskode": "ARBEIDSFORBEREDENDE_TRENING",
        "arrangor_orgnr": "973123456",
        "periode_start": start,
        "periode_slutt": slutt,
        "opprinnelse": Opprinnelse.GENERERT,
        "status": UtbetalingStatus.GENERERT,
        "prismodell": "FAST_SATS_PER_BENYTTET_PLASS_PER_MANED",
        "belop": 100,
        "valuta": "NOK",
        "created_at": T,
        "updated_at": T,
    }
    data.update(felt)
    return Utbetaling.model_validate(data)


def test_tom_melding_gir_maneden_for_publiseringstidspunktet_i_oslo() -> None:
    # 2025-11-30T23:30Z is already 1 December in Oslo: the month before is November
    assert forrige_maned(datetime(2025, 11, 30, 23, 30, tzinfo=UTC)) == "2025-11"
    assert forrige_maned(datetime(2025, 11, 7, 4, 0, tzinfo=UTC)) == "2025-10"
    assert forrige_maned(datetime(2026, 1, 7, 4, 0, tzinfo=UTC)) == "2025-12"


def test_id_er_uuidv5_av_gjennomforing_maned_og_tilskuddstype() -> None:
    ns = uuid.UUID("5b7e2a4c-0f0b-4f5e-8d1e-6c2a9b3f7d10")
    forventet = str(uuid.uuid5(ns, "g1/2025-10/TILTAK_DRIFTSTILSKUDD"))
    assert utbetaling_id(ns, "g1", "2025-10", Tilskuddstype.TILTAK_DRIFTSTILSKUDD) == forventet


def test_hele_uke_perioden_snappes_til_hele_uker() -> None:
    # October 2025: 1 Oct is a Wednesday (back to Mon 29 Sep), 1 Nov a Saturday (forward to Mon 3 Nov)
    c = krav_periode(Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_HELE_UKE, maned_periode("2025-10"))
    assert (c.start, c.slutt) == (date(2025, 9, 29), date(2025, 11, 3))


def test_gyldig_periode_bruker_den_usnappede_maneden() -> None:
    assert not i_gyldig_periode("DIGITALT_OPPFOLGINGSTILTAK", maned_periode("2025-10"))
    assert i_gyldig_periode("DIGITALT_OPPFOLGINGSTILTAK", maned_periode("2025-11"))
    assert not i_gyldig_periode("AVKLARING", maned_periode("2025-09"))
    assert not i_gyldig_periode("UKJENT_KODE", maned_periode("2025-10"))


def test_satsen_i_kraft_ved_oppstart_begynner_tidligst_ved_oppstart() -> None:
    g = lag_gjennomforing(start_dato=date(2025, 7, 15))
    satser = satser_for_input(g, None)
    assert [(s.gjelder_fra, s.sats) for s in satser] == [
        (date(2025, 7, 15), 20975),
        (date(2026, 1, 1), 21730),
    ]


def test_uten_sats_i_kraft_ved_oppstart_beholdes_alle() -> None:
    avtale = lag_avtale([(date(2025, 10, 1), 12500)])
    g = lag_gjennomforing(
        start_dato=date(2025, 9, 1),
        tiltakskode="OPPFOLGING",
        prismodell=Prismodell.AVTALT_PRIS_PER_BENYTTET_PLASS_PER_MANED.value,
        avtale_id=avtale.id,
    )
    assert [(s.gjelder_fra, s.sats) for s in satser_for_input(g, avtale)] == [(date(2025, 10, 1), 12500)]


def test_kid_videreføres_fra_sist_innsendte_driftskrav() -> None:
    gid = "g"
    eldre = _utbetaling(
        gid,
        date(2025, 8, 1),
        date(2025, 9, 1),
        innsendt_tidspunkt=datetime(2025, 9, 8, tzinfo=UTC),
        betalingsinformasjon=Betalingsinformasjon(kontonummer="12345678903", kid="2345676"),
    )
    nyere = _utbetaling(
        gid,
        date(2025, 9, 1),
        date(2025, 10, 1),
        status=UtbetalingStatus.AVBRUTT,
        innsendt_tidspunkt=datetime(2025, 10, 8, tzinfo=UTC),
        betalingsinformasjon=Betalingsinformasjon(kontonummer="12345678903", kid="12345678903"),
    )
    aldri_sendt = _utbetaling(
        gid,
        date(2025, 10, 1),
        date(2025, 11, 1),
        betalingsinformasjon=Betalingsinformasjon(kontonummer="1", kid="999"),
    )
    assert videreført_kid([eldre, nyere, aldri_sendt]) == "12345678903"
    assert videreført_kid([aldri_sendt]) is None


def test_kandidat_hoppes_over_nar_et_krav_overlapper_ogsa_avbrutt() -> None:
    g = lag_gjennomforing()
    avbrutt = _utbetaling(g.id, date(2025, 10, 1), date(2025, 11, 1), status=UtbetalingStatus.AVBRUTT)
    assert vurder(Grunnlag(g, None, (), (), (), (avbrutt,)), "2025-10") is Hopp.FINNES_ALLEREDE


def test_korreksjon_og_investering_gir_ikke_hopp() -> None:
    g = lag_gjennomforing()
    korr = _utbetaling(
        g.id,
        date(2025, 10, 1),
        date(2025, 11, 1),
        opprinnelse=Opprinnelse.KORREKSJON,
        korreksjon={"gjelder_utbetaling_id": "x", "begrunnelse": "fordi"},
    )
    inv = _utbetaling(g.id, date(2025, 10, 1), date(2025, 11, 1), tilskuddstype=Tilskuddstype.TILTAK_INVESTERINGER)
    assert vurder(Grunnlag(g, None, (), (), (), (korr, inv)), "2025-10") is None


def test_avlyst_eller_manuell_prismodell_er_ikke_kandidat() -> None:
    avlyst = lag_gjennomforing(status=GjennomforingStatus.AVLYST)
    manuell = lag_gjennomforing(prismodell=Prismodell.ANNEN_AVTALT_PRIS.value, tiltakskode="OPPFOLGING")
    ferdig = lag_gjennomforing(slutt_dato=date(2025, 9, 30))
    for g in (avlyst, manuell, ferdig):
        assert vurder(Grunnlag(g, None, (), (), (), ()), "2025-10") is Hopp.IKKE_KANDIDAT


def test_lagret_input_gir_samme_belop_med_motoren() -> None:
    g = lag_gjennomforing(stengt=[(date(2025, 10, 13), date(2025, 10, 15))])
    d1 = lag_deltakelse(g.id)
    d2 = lag_deltakelse(
        g.id,
        start_dato=date(2025, 10, 16),
        deltakelsesmengder=[{"gyldig_fra": "2025-10-16", "deltakelsesprosent": 40}],
    )
    ikke_tellende = lag_deltakelse(g.id, status="VENTELISTE", start_dato=None)
    krav = beregn_krav(Grunnlag(g, None, (d1, d2, ikke_tellende), (), (lag_tilsagn(g.id),), ()), "2025-10")
    input_bytes, _ = pakk_ut(krav.beregning_gz)
    assert beregn(les_beregning_input(input_bytes)).output.belop == krav.belop
    assert [d.id for d in les_beregning_input(input_bytes).deltakelser] == [d1.id, d2.id]
    assert krav.blokkeringer == ()


def test_blokkeringer_mangler_tilsagn_og_ubehandlet_forslag() -> None:
    g = lag_gjennomforing()
    d = lag_deltakelse(g.id)
    forslag = lag_forslag(d, type="IKKE_AKTUELL")
    krav = beregn_krav(Grunnlag(g, None, (d,), (forslag,), (), ()), "2025-10")
    assert krav.blokkeringer == (Blokkering.MANGLER_TILSAGN, Blokkering.UBEHANDLET_FORSLAG)
    annullert = lag_tilsagn(g.id, status="ANNULLERT")
    besvart = lag_forslag(d, type="IKKE_AKTUELL", status="GODKJENT")
    krav = beregn_krav(Grunnlag(g, None, (d,), (besvart,), (annullert,), ()), "2025-10")
    assert krav.blokkeringer == (Blokkering.MANGLER_TILSAGN,)


def test_forslag_relevans_etter_tabellen() -> None:
    d = lag_deltakelse(str(uuid.uuid4()))
    p = (date(2025, 10, 1), date(2025, 11, 1))
    c = p
    assert er_relevant(lag_forslag(d, type="AVSLUTT_DELTAKELSE", har_deltatt=False), p, c)
    assert er_relevant(lag_forslag(d, type="AVSLUTT_DELTAKELSE", sluttdato=date(2025, 10, 10)), p, c)
    assert not er_relevant(lag_forslag(d, type="FORLENG_DELTAKELSE", sluttdato=date(2025, 12, 31)), p, c)
    assert er_relevant(lag_forslag(d, type="DELTAKELSESMENGDE"), p, c)
    assert not er_relevant(lag_forslag(d, type="DELTAKELSESMENGDE", gyldig_fra=date(2025, 10, 31)), p, c)
    assert er_relevant(lag_forslag(d, type="STARTDATO", startdato=date(2025, 10, 5)), p, c)
    assert not er_relevant(lag_forslag(d, type="SLUTTARSAK"), p, c)
    assert er_relevant(lag_forslag(d, type="FJERN_OPPSTARTSDATO"), p, c)
    # ended mid-month: a later sluttdato is relevant since P ends before C
    kort = (date(2025, 10, 1), date(2025, 10, 20))
    assert er_relevant(lag_forslag(d, type="SLUTTDATO", sluttdato=date(2025, 10, 25)), kort, c)


def test_beregning_sha256_er_av_innholdet_ogsaa_for_en_beregning_pakket_av_en_annen_prosess() -> None:
    innhold, gz = pakk(b'{"input":1}', b'{"output":2}')
    forventet = hashlib.sha256(innhold).hexdigest()
    assert beregning_sha256(gz) == forventet
    fremmed = gzip.compress(innhold, compresslevel=9)  # other bytes, same content: not in the process's memo
    assert fremmed != gz and beregning_sha256(fremmed) == forventet
    assert beregning_sha256(None) is None
