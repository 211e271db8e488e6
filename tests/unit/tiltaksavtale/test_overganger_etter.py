"""Rows 13–23 of §5.3: the grant decision, changes after inngåelse, forleng, forkort, annul, etterregistrering,
expiry, the date-driven status and the VTA-O oppfølging (§5.5, §5.7, §5.8)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from shared.domain.tiltaksavtale.annuller import annuller, utlop, utlopsvarsel
from shared.domain.tiltaksavtale.avtale import Beslutning, Tiltaksavtale
from shared.domain.tiltaksavtale.daglig import daglig, oppfolging_utfort, oppfolgingsvarsel, statusendring
from shared.domain.tiltaksavtale.etter_inngaelse import endre_etter_inngaelse, forkort, forleng
from shared.domain.tiltaksavtale.hendelser import Aktor, Effekttype
from shared.domain.tiltaksavtale.inngaelse import inngaa
from shared.domain.tiltaksavtale.innhold import Avtaleinnhold, Maal, Utgift
from shared.domain.tiltaksavtale.kodeverk import (
    BeslutningStatus,
    InnholdType,
    Innsatsgruppe,
    MaalKategori,
    Returaarsak,
    Rolle,
    Status,
    Tiltakstype,
    Utgiftstype,
)
from shared.domain.tiltaksavtale.oppfolging import oppfolging_fra
from shared.domain.tiltaksavtale.tilgang import Avvisning
from shared.domain.tiltaksavtale.tilskuddsbeslutning import (
    Beslutningsgrunnlag,
    endre_etterregistrering,
    send_tilbake_til_beslutter,
    tilskudd_godkjent,
    tilskudd_returnert,
)
from shared.domain.tiltaksavtale.varsler import Kontekst
from tests.unit.tiltaksavtale.byggere import (
    BESLUTTER,
    NA,
    VEILEDER,
    arbeidsgiver,
    beslutter,
    fullt_innhold,
    godkjent,
    ktx,
    lag_avtale,
    med_godkjenninger,
    veileder,
)
from tests.unit.tiltaksavtale.hjelp import avvist, rolle_avvist, tekster

ANNULLERT = "Kan ikke endre en annullert avtale"
BG = Beslutningsgrunnlag(True, None, Innsatsgruppe.JOBBE_DELVIS)
SYSTEM = Aktor.system()


def til_beslutning(t: Tiltakstype = Tiltakstype.MIDLERTIDIG_LONNSTILSKUDD, **felt: object) -> Tiltaksavtale:
    a = med_godkjenninger(lag_avtale(t, **felt), deltaker=godkjent(), arbeidsgiver=godkjent())
    b = Beslutning(status=BeslutningStatus.TIL_BESLUTNING, versjon=1, behandlet_av=VEILEDER, tidspunkt=NA)
    return med_godkjenninger(a, veileder=godkjent(navident=VEILEDER)).model_copy(update={"tilskudd_beslutning": b})


def inngatt(t: Tiltakstype = Tiltakstype.VTAO, **felt: object) -> Tiltaksavtale:
    a = med_godkjenninger(lag_avtale(t, **felt), deltaker=godkjent(), arbeidsgiver=godkjent())
    return inngaa(med_godkjenninger(a, veileder=godkjent(navident=VEILEDER)), SYSTEM, ktx()).avtale


# Row 13
def test_rad13_beslutter_godkjenner_og_avtalen_inngas() -> None:
    u = tilskudd_godkjent(til_beslutning(), beslutter(), BG, ktx())
    assert tekster(u) == ["Tilskuddsperiode har blitt godkjent av beslutter", "Avtale godkjent av Nav"]
    assert u.avtale.er_inngatt and u.avtale.tilskudd_beslutning is not None
    assert (u.avtale.tilskudd_beslutning.status, u.avtale.tilskudd_beslutning.besluttet_av) == (
        BeslutningStatus.GODKJENT,
        BESLUTTER,
    )


def test_rad13_forutsetninger() -> None:
    a = til_beslutning()
    assert avvist(lambda: tilskudd_godkjent(a, beslutter(VEILEDER), BG, ktx())) == (
        "Du kan ikke beslutte noe du selv har behandlet",
        "/",
    )
    uten_rolle = Beslutningsgrunnlag(False, None, Innsatsgruppe.JOBBE_DELVIS)
    assert avvist(lambda: tilskudd_godkjent(a, beslutter(), uten_rolle, ktx())) == (
        "Du kan ikke beslutte tilsagnet fordi du mangler budsjettmyndighet ved tilsagnets kostnadssted (0301)",
        "403",
    )
    uten_person = Beslutningsgrunnlag(True, Avvisning.FORTROLIG, Innsatsgruppe.JOBBE_DELVIS)
    assert avvist(lambda: tilskudd_godkjent(a, beslutter(), uten_person, ktx())) == (
        "Dette er en avtale med fortrolige opplysninger. Du har ikke tilgang til denne avtalen.",
        "403",
    )
    assert avvist(lambda: tilskudd_godkjent(lag_avtale(), beslutter(), BG, ktx())) == (
        "Tilskuddet venter ikke på beslutning",
        "/",
    )
    annullert = til_beslutning(annullert_tidspunkt=NA)
    assert avvist(lambda: tilskudd_godkjent(annullert, beslutter(), BG, ktx())) == (ANNULLERT, "/")
    rolle_avvist(lambda: tilskudd_godkjent(a, veileder("Z2"), BG, ktx()))


# Row 14
def test_rad14_beslutter_returnerer_og_veileder_varsles() -> None:
    u = tilskudd_returnert(til_beslutning(), beslutter(), BG, [Returaarsak.FEIL_I_FAKTA], "Feil lønn", ktx())
    assert tekster(u) == ["Tilskuddsperiode har blitt sendt i retur av beslutter"]
    assert u.avtale.tilskudd_beslutning is not None
    assert u.avtale.tilskudd_beslutning.status == BeslutningStatus.RETURNERT
    assert [v.mottaker_rolle for v in u.varsler] == [Rolle.VEILEDER]
    assert not u.avtale.er_inngatt


def test_rad14_forutsetninger() -> None:
    a = til_beslutning()
    assert avvist(lambda: tilskudd_returnert(a, beslutter(), BG, [], "x", ktx())) == (
        "Minst én avslagsårsak må velges",
        "/aarsaker",
    )
    assert avvist(lambda: tilskudd_returnert(a, beslutter(), BG, [Returaarsak.ANNET], " ", ktx())) == (
        "Avslagsforklaring må fylles ut",
        "/forklaring",
    )


# Row 15
def test_rad15_returnert_tilskudd_sendes_til_beslutter_igjen() -> None:
    returnert = tilskudd_returnert(til_beslutning(), beslutter(), BG, [Returaarsak.ANNET], "x", ktx()).avtale
    u = send_tilbake_til_beslutter(returnert, veileder("Z2"), None, "0402", ktx())
    assert tekster(u) == ["Tilskudd sendt til beslutter på nytt"]
    b = u.avtale.tilskudd_beslutning
    assert b is not None and (b.status, b.behandlet_av) == (BeslutningStatus.TIL_BESLUTNING, "Z2")
    assert u.avtale.kostnadssted == "0402"
    assert avvist(lambda: send_tilbake_til_beslutter(til_beslutning(), veileder(), None, None, ktx())) == (
        "Tilskuddet er ikke returnert",
        "/",
    )
    assert avvist(lambda: send_tilbake_til_beslutter(returnert, veileder(), Avvisning.ENHET, None, ktx())) == (
        "Du har ikke tilgang til deltaker",
        "403",
    )


# Row 16
def test_rad16_endring_etter_inngaelse_gir_ny_versjon_uten_nye_godkjenninger() -> None:
    a = inngatt()
    nytt = Avtaleinnhold(oppfolging="Samtale hver uke", tilrettelegging="Hev-senk-pult")
    u = endre_etter_inngaelse(a, veileder(), InnholdType.ENDRE_OPPFOLGING_OG_TILRETTELEGGING, nytt, ktx())
    assert tekster(u) == ["Oppfølging og tilrettelegging i avtale endret av veileder"]
    assert (u.avtale.versjon, u.avtale.innhold_type) == (2, InnholdType.ENDRE_OPPFOLGING_OG_TILRETTELEGGING)
    assert u.avtale.innhold.stillingstittel == a.innhold.stillingstittel, "resten kopieres"
    assert u.avtale.godkjenninger == a.godkjenninger
    assert u.ny_versjon is not None and u.ny_versjon.versjon == 2
    assert "Oppfølging og tilrettelegging i avtale endret av veileder." in [s.innhold for s in u.utsendinger]
    assert {v.mottaker_rolle for v in u.varsler} == {Rolle.DELTAKER, Rolle.ARBEIDSGIVER, Rolle.VEILEDER}


@pytest.mark.parametrize(
    ("t", "type_", "innhold", "forventet"),
    [
        (
            Tiltakstype.VTAO,
            InnholdType.ENDRE_KONTAKTINFO,
            Avtaleinnhold(deltaker_fornavn="Kari"),
            ("Alle felt må være utfylt", "/innhold/deltakerEtternavn"),
        ),
        (
            Tiltakstype.VTAO,
            InnholdType.ENDRE_MAAL,
            Avtaleinnhold(),
            ("Denne handlingen er ikke tilgjengelig for denne avtaletypen", "/"),
        ),
        (
            Tiltakstype.ARBEIDSTRENING,
            InnholdType.ENDRE_MAAL,
            Avtaleinnhold(),
            ("Du må ha minst ett mål", "/innhold/maal"),
        ),
        (
            Tiltakstype.ARBEIDSTRENING,
            InnholdType.ENDRE_MAAL,
            Avtaleinnhold(maal=(Maal(kategori=MaalKategori.ANNET),)),
            ("Mål må ha både beskrivelse og kategori", "/innhold/maal/0"),
        ),
        (
            Tiltakstype.INKLUDERINGSTILSKUDD,
            InnholdType.ENDRE_INKLUDERINGSTILSKUDD,
            Avtaleinnhold(
                inkluderingstilskuddsutgifter=(Utgift(type=Utgiftstype.UTSTYR, belop=20000), Utgift(belop=5))
            ),
            ("Inkluderingstilskudd må ha både beløp og type", "/innhold/inkluderingstilskuddsutgifter/1"),
        ),
        (
            Tiltakstype.MENTOR,
            InnholdType.ENDRE_OM_MENTOR,
            Avtaleinnhold(mentor_fornavn="Mona"),
            ("Alle felt for mentor må være utfylt", "/innhold/mentorEtternavn"),
        ),
        (
            Tiltakstype.VARIG_LONNSTILSKUDD,
            InnholdType.ENDRE_TILSKUDDSBEREGNING,
            Avtaleinnhold(manedslonn=30000),
            ("Kunne ikke endre beregning. Ett eller flere felt har ugyldig verdi.", "/innhold/feriepengesats"),
        ),
    ],
)
def test_rad16_krav_per_endringstype(
    t: Tiltakstype, type_: InnholdType, innhold: Avtaleinnhold, forventet: tuple[str, str]
) -> None:
    a = inngatt(t)
    assert avvist(lambda: endre_etter_inngaelse(a, veileder(), type_, innhold, ktx())) == forventet


def test_rad16_endringer_krever_inngatt_avtale() -> None:
    a = lag_avtale()
    nytt = Avtaleinnhold(oppfolging="x", tilrettelegging="y")
    assert avvist(
        lambda: endre_etter_inngaelse(a, veileder(), InnholdType.ENDRE_OPPFOLGING_OG_TILRETTELEGGING, nytt, ktx())
    ) == ("Oppfølging og tilrettelegging kan kun endres på en godkjent avtale", "/")
    b = lag_avtale(Tiltakstype.ARBEIDSTRENING)
    assert avvist(lambda: endre_etter_inngaelse(b, veileder(), InnholdType.ENDRE_MAAL, nytt, ktx())) == (
        "Mål kan kun endres på en inngått avtale",
        "/",
    )
    rolle_avvist(lambda: endre_etter_inngaelse(inngatt(), arbeidsgiver(), InnholdType.ENDRE_STILLING, nytt, ktx()))


def test_rad16_tilskuddsberegning_apner_ny_beslutning_for_ny_versjon() -> None:
    a = tilskudd_godkjent(til_beslutning(Tiltakstype.VARIG_LONNSTILSKUDD), beslutter(), BG, ktx()).avtale
    nytt = fullt_innhold(Tiltakstype.VARIG_LONNSTILSKUDD, manedslonn=32000)
    u = endre_etter_inngaelse(a, veileder(), InnholdType.ENDRE_TILSKUDDSBEREGNING, nytt, ktx())
    b = u.avtale.tilskudd_beslutning
    assert b is not None and (b.status, b.versjon) == (BeslutningStatus.TIL_BESLUTNING, 2)
    assert u.avtale.er_inngatt and u.avtale.innhold.manedslonn == 32000


# Row 17
def test_rad17_forleng() -> None:
    a = inngatt()
    u = forleng(a, veileder(), date(2027, 6, 30), ktx())
    assert tekster(u) == ["Avtale forlenget av veileder"]
    assert (u.avtale.innhold.slutt_dato, u.avtale.versjon, u.avtale.innhold_type) == (
        date(2027, 6, 30),
        2,
        InnholdType.FORLENGE,
    )
    assert Effekttype.SLUTTDATO_ENDRET in [e.type for e in u.effekter]
    assert u.avtale.tilskudd_beslutning is None, "VTA-O: nye blokker og tilsagn (§6.5), ingen ny beslutning"


def test_rad17_forutsetninger() -> None:
    a = inngatt()
    assert avvist(lambda: forleng(a, veileder(), date(2026, 12, 31), ktx())) == (
        "Avtalen kan ikke forlenges til før sluttdato",
        "/sluttDato",
    )
    assert avvist(lambda: forleng(lag_avtale(), veileder(), date(2027, 1, 1), ktx())) == (
        "Avtalen kan ikke forlenges før den er godkjent",
        "/",
    )
    assert avvist(lambda: forleng(a, veileder(), date(2090, 1, 1), ktx())) == (
        "Maksimal sluttdato er overskredet. Maksimal sluttdato er 31.12.2089.",
        "/sluttDato",
    )
    at = inngatt(Tiltakstype.ARBEIDSTRENING)
    assert avvist(lambda: forleng(at, veileder(), date(2027, 3, 15), ktx())) == (
        "Avtalens varighet er maksimalt 18 måneder",
        "/sluttDato",
    )
    annullert = a.model_copy(update={"annullert_tidspunkt": NA})
    assert avvist(lambda: forleng(annullert, veileder(), date(2027, 1, 1), ktx())) == (ANNULLERT, "/")


def test_rad17_forleng_etter_varselstart_flytter_oppfolgingsfristen() -> None:
    a = inngatt()
    senere = ktx(datetime(2026, 2, 10, 8, tzinfo=NA.tzinfo))
    u = forleng(a, veileder(), date(2027, 6, 30), senere)
    assert u.avtale.oppfolging is not None and u.avtale.oppfolging.frist == date(2026, 9, 30)


# Row 18
def test_rad18_forkort() -> None:
    u = forkort(inngatt(), veileder(), date(2026, 3, 31), "Begynt i arbeid", None, ktx())
    assert tekster(u) == ["Avtale forkortet av veileder"]
    assert (u.avtale.innhold.slutt_dato, u.avtale.innhold_type) == (date(2026, 3, 31), InnholdType.FORKORTE)
    assert "Avtale forkortet." in [s.innhold for s in u.utsendinger]


@pytest.mark.parametrize(
    ("slutt", "grunn", "forventet"),
    [
        (date(2027, 1, 1), "Syk", ("Avtalen kan ikke forkortes til etter sluttdato", "/sluttDato")),
        (date(2025, 9, 14), "Syk", ("Startdato er etter sluttdato", "/sluttDato")),
        (date(2026, 3, 31), "Lei", ("Grunn for forkortelse må velges", "/grunn")),
        (date(2026, 3, 31), "Annet", ("Grunn for forkortelse må velges", "/grunn")),
    ],
)
def test_rad18_forutsetninger(slutt: date, grunn: str, forventet: tuple[str, str]) -> None:
    a = inngatt()
    assert avvist(lambda: forkort(a, veileder(), slutt, grunn, None, ktx())) == forventet


def test_rad18_forkort_for_inngaelse_og_for_utbetalt_maned() -> None:
    assert avvist(lambda: forkort(lag_avtale(), veileder(), date(2026, 1, 1), "Syk", None, ktx())) == (
        "Kan ikke forkorte avtalen før den er godkjent",
        "/",
    )
    assert avvist(lambda: forkort(inngatt(), veileder(), date(2026, 1, 15), "Syk", None, ktx(), date(2026, 1, 31))) == (
        "Avtalen kan ikke forkortes til før slutten av en måned som allerede er utbetalt",
        "/sluttDato",
    )
    assert forkort(inngatt(), veileder(), date(2026, 1, 1), "Annet", "Flyttet", ktx()).avtale.versjon == 2


# Row 19
def test_rad19_annuller() -> None:
    u = annuller(lag_avtale(veileder_navident=None), veileder(), "Syk", ktx())
    assert tekster(u) == ["Avtale annullert"]
    a = u.avtale
    assert (a.status, a.annullert_grunn, a.feilregistrert, a.veileder_navident) == (
        Status.ANNULLERT,
        "Syk",
        False,
        VEILEDER,
    )
    assert annuller(lag_avtale(), veileder(), "Feilregistrering", ktx()).avtale.feilregistrert


def test_rad19_forutsetninger() -> None:
    assert avvist(lambda: annuller(lag_avtale(), veileder(), "Utløpt", ktx())) == (
        "Grunn for annullering må velges",
        "/grunn",
    )
    assert avvist(lambda: annuller(lag_avtale(), veileder(), "Syk", ktx(), har_utbetalt=True)) == (
        "Avtalen inneholder utbetalte tilskuddsperiode(er). Avtalen kan derfor ikke annulleres.",
        "/",
    )
    assert avvist(lambda: annuller(lag_avtale(annullert_tidspunkt=NA), veileder(), "Syk", ktx())) == (ANNULLERT, "/")
    rolle_avvist(lambda: annuller(lag_avtale(), arbeidsgiver(), "Syk", ktx()))


# Row 20
def test_rad20_etterregistrering_veksler() -> None:
    u = endre_etterregistrering(lag_avtale(), beslutter(), True, ktx())
    assert tekster(u) == ["Avtale er godkjent for etterregistrering"]
    u = endre_etterregistrering(u.avtale, beslutter(), True, ktx())
    assert tekster(u) == ["Fjernet etterregistrering på avtale"] and not u.avtale.godkjent_for_etterregistrering
    assert avvist(lambda: endre_etterregistrering(inngatt(), beslutter(), True, ktx())) == (
        "Kan ikke endre etterregistrering etter at avtalen er godkjent.",
        "/",
    )
    rolle_avvist(lambda: endre_etterregistrering(lag_avtale(), veileder(), True, ktx()))


def test_etterregistrering_tillater_fortidlig_startdato() -> None:
    gammel = fullt_innhold(Tiltakstype.VTAO, start_dato=date(2025, 8, 1))
    from shared.domain.tiltaksavtale.endre import endre

    a = lag_avtale(godkjent_for_etterregistrering=True)
    assert endre(a, veileder(), gammel, ktx()).avtale.innhold.start_dato == date(2025, 8, 1)


# Row 21 and §5.7
def _om(dager: float) -> Kontekst:
    return ktx(NA + timedelta(weeks=12) + timedelta(days=dager))


def test_rad21_utlop_etter_12_uker_uten_endring() -> None:
    a = lag_avtale(fullt=False)
    assert avvist(lambda: utlop(a, SYSTEM, _om(-0.001))) == ("Avtalen er ikke utløpt", "/")
    u = utlop(a, SYSTEM, _om(0))
    assert tekster(u) == ["Avtale annullert"]
    assert (u.avtale.annullert_grunn, u.avtale.feilregistrert) == ("Utløpt", True)
    assert avvist(lambda: utlop(inngatt(), SYSTEM, _om(0))) == ("Avtalen er ikke uferdig", "/")
    rolle_avvist(lambda: utlop(a, veileder(), _om(0)))


def test_utlopsvarsler_en_uke_og_samme_dag_en_gang_hver() -> None:
    a = lag_avtale(fullt=False)
    assert utlopsvarsel(a, _om(-7.5)) is None
    uke = utlopsvarsel(a, _om(-7))
    assert uke is not None and uke.varsler[0].tekst == (
        "Avtale vil automatisk slettes om 1 uke dersom det ikke foretas noen endringer"
    )
    assert uke.avtale.sist_endret == a.sist_endret, "et varsel utsetter ikke utløpet"
    assert utlopsvarsel(uke.avtale, _om(-6.5)) is None
    dag = utlopsvarsel(uke.avtale, _om(-0.5))
    assert dag is not None and dag.varsler[0].tekst == (
        "Avtale vil automatisk slettes i dag dersom det ikke foretas noen endringer innen kl 23:59"
    )
    assert daglig(dag.avtale, _om(0)) is not None and daglig(dag.avtale, _om(0)).avtale.er_annullert  # type: ignore[union-attr]


# Row 22
def test_rad22_statusendring_lagres_bare_nar_statusen_endres() -> None:
    a = inngatt()
    assert a.status == Status.KLAR_FOR_OPPSTART
    assert statusendring(a, SYSTEM, ktx()) is None
    u = statusendring(a, SYSTEM, ktx(datetime(2025, 9, 15, 6, tzinfo=NA.tzinfo)))
    assert u is not None and tekster(u) == ["Statusendring"] and u.avtale.status == Status.GJENNOMFORES
    assert [e.type for e in u.effekter] == [Effekttype.STATUS_ENDRET]


# Row 23 and §5.8
def test_oppfolgingsfrist_eksempelet_i_spesifikasjonen() -> None:
    o = oppfolging_fra(date(2025, 9, 15))
    assert (o.frist, o.varsel_fra) == (date(2026, 3, 31), date(2026, 2, 1))
    a = inngatt()
    u = oppfolging_utfort(a, veileder(), ktx(datetime(2026, 3, 10, 8, tzinfo=NA.tzinfo)))
    assert tekster(u) == ["Oppfølging av tiltaket utført"]
    assert u.avtale.oppfolging is not None and u.avtale.oppfolging.frist == date(2026, 9, 30)


def test_rad23_forutsetninger() -> None:
    assert avvist(lambda: oppfolging_utfort(inngatt(Tiltakstype.ARBEIDSTRENING), veileder(), ktx())) == (
        "Denne handlingen er ikke tilgjengelig for denne avtaletypen",
        "/",
    )
    assert avvist(lambda: oppfolging_utfort(lag_avtale(), veileder(), ktx())) == (
        "Oppfølging kan kun registreres på en inngått avtale",
        "/",
    )
    rolle_avvist(lambda: oppfolging_utfort(inngatt(), arbeidsgiver(), ktx()))


def test_oppfolgingsvarsel_en_gang_fra_varseldatoen() -> None:
    a = inngatt()
    assert oppfolgingsvarsel(a, ktx(datetime(2026, 1, 31, 8, tzinfo=NA.tzinfo))) is None
    u = oppfolgingsvarsel(a, ktx(datetime(2026, 2, 1, 8, tzinfo=NA.tzinfo)))
    assert u is not None and [(v.mottaker, v.tekst) for v in u.varsler] == [(VEILEDER, "Oppfølging av tiltaket kreves")]
    assert oppfolgingsvarsel(u.avtale, ktx(datetime(2026, 2, 2, 8, tzinfo=NA.tzinfo))) is None


def test_oppfolgingsvarsel_ikke_nar_avtalen_slutter_for() -> None:
    a = inngatt(innhold=fullt_innhold(Tiltakstype.VTAO, slutt_dato=date(2026, 3, 15)))
    assert oppfolgingsvarsel(a, ktx(datetime(2026, 2, 1, 8, tzinfo=NA.tzinfo))) is None
