"""Notices (issue 16 §2): one per event, written with the state change that causes it; none for a recalculated
claim; no personal data in any text; the dispatcher sends each once under redelivery and concurrent runs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

import pytest

from shared.domain.utbetaling.utbetaling import UtbetalingStatus
from shared.domain.utbetaling.utbetalingslinje import LinjeForesporsel, Utbetalingslinje
from shared.domain.varsling import tekster
from shared.domain.varsling.varsel import Varsel, Varseltype, varsel_id
from shared.service.generering.generer_utbetaling import Avhengigheter, generer_utbetalinger
from shared.service.generering.omberegn import omberegn_na
from shared.service.nav import utbetaling as nav
from shared.service.varsling.ports import VarselFeil
from shared.service.varsling.send_varsler import send_etter_nytt_varsel, send_varsler
from shared.service.varsling.ventende_attestering import varsle_ventende_attestering
from tests import bygg_generering as bg
from tests.fakes import FakeKlokke, FakeKontoregister, FakeRepo
from tests.unit.nav.bygg import ATTESTANT, SAKSBEHANDLER, SAKSBEHANDLER_2, T0, Ider, lag_tilsagn, lag_utbetaling
from tests.unit.nav.fake_nav import FakeNavRepo, NavLager

NS = uuid.UUID("5b7e2a4c-0f0b-4f5e-8d1e-6c2a9b3f7d10")
FORKLARING = "Ola Nordmann 01810012345 sluttet"
"""Free text a user might type, with a name and a fødselsnummer in it: it must never reach a notice."""


class _Enheter:
    def navn(self, enhetsnummer: str) -> str:
        return f"Nav {enhetsnummer}"


def _nav(lager: NavLager | None = None) -> tuple[NavLager, nav.NavAvhengigheter]:
    lager = lager or NavLager()
    return lager, nav.NavAvhengigheter(FakeNavRepo(lager), _Enheter(), FakeKlokke(T0), ny_id=Ider())


def _til_attestering() -> tuple[NavLager, nav.NavAvhengigheter, Utbetalingslinje]:
    lager, avh = _nav(NavLager(utbetalinger={"u-1": lag_utbetaling()}, tilsagn={"t-1": lag_tilsagn()}))
    nav.send_til_attestering("u-1", [LinjeForesporsel(None, "t-1", 100_000)], None, SAKSBEHANDLER, avh)
    return lager, avh, next(iter(lager.linjer.values()))


def _typer(varsler: dict[str, Varsel]) -> list[str]:
    return sorted(v.type for v in varsler.values())


# ---------------------------------------------------------------- written with the state change


def test_retur_gir_ett_varsel_til_arrangoren() -> None:
    lager, avh, linje = _til_attestering()
    nav.returner(linje.id, ("ANNET",), FORKLARING, ATTESTANT, avh)
    (v,) = lager.varsler.values()
    assert (v.type, v.mottaker.orgnr, v.referanse) == (Varseltype.KRAV_RETURNERT, "973674471", "u-1")


def test_avvist_avbrytelse_varsler_den_forste_saksbehandleren_ved_tilsagnets_enhet() -> None:
    lager, avh, linje = _til_attestering()
    nav.returner(linje.id, ("FEIL_BELOP",), None, ATTESTANT, avh)
    nav.send_til_avbrytelse("u-1", ("ANNET",), FORKLARING, SAKSBEHANDLER, avh)
    nav.beslutt_avbrytelse("u-1", SAKSBEHANDLER_2, avh, godkjent=False, aarsaker=("ANNET",), forklaring=FORKLARING)
    avvist = [v for v in lager.varsler.values() if v.type == Varseltype.AVBRYTELSE_AVVIST]
    assert [(v.mottaker.navident, v.mottaker.enhet, v.tittel) for v in avvist] == [
        ("S111111", "0387", "Avbrytelse avvist")
    ]


def test_godkjent_avbrytelse_varsler_arrangoren_en_gang() -> None:
    lager, avh = _nav(NavLager(utbetalinger={"u-1": lag_utbetaling()}))
    nav.send_til_avbrytelse("u-1", ("TILSAGN_GJORT_OPP",), None, SAKSBEHANDLER, avh)
    nav.beslutt_avbrytelse("u-1", SAKSBEHANDLER_2, avh, godkjent=True)
    assert _typer(lager.varsler) == [Varseltype.KRAV_AVBRUTT_AV_NAV]
    assert lager.utbetalinger["u-1"].status is UtbetalingStatus.AVBRUTT


def _generering() -> tuple[FakeRepo, Avhengigheter, str]:
    klokke = FakeKlokke()
    repo = FakeRepo(klokke)
    avh = Avhengigheter(repo, repo, FakeKontoregister({bg.ORGNR: "12345678903"}), klokke, NS, 1.0)
    g = bg.lag_gjennomforing()
    repo.gjennomforinger[g.id] = g
    for _ in range(2):
        d = bg.lag_deltakelse(g.id)
        repo.deltakelser[d.id] = d
    t = bg.lag_tilsagn(g.id)
    repo.tilsagn[t.id] = t
    return repo, avh, g.id


def test_generering_gir_ett_klar_varsel_per_maned_og_omberegning_ingen() -> None:
    repo, avh, gid = _generering()
    generer_utbetalinger([gid], "2025-10", avh)
    generer_utbetalinger([gid], "2025-10", avh)
    assert _typer(repo.varsler) == [Varseltype.KRAV_KLAR]
    (v,) = repo.varsler.values()
    assert v.id == varsel_id(f"krav-klar/{gid}/2025-10")
    d = bg.lag_deltakelse(gid)
    repo.deltakelser[d.id] = d
    before = next(iter(repo.utbetalinger.values())).belop
    omberegn_na(gid, repo=repo, klokke=avh.klokke)
    assert next(iter(repo.utbetalinger.values())).belop != before
    assert list(repo.varsler) == [v.id]


# ---------------------------------------------------------------- texts


def test_ingen_varseltekst_har_personopplysninger() -> None:
    u = lag_utbetaling(begrunnelse_mindre_betalt=FORKLARING, kommentar=FORKLARING)
    lager, avh, linje = _til_attestering()
    personer = [bg.lag_deltakelse(str(uuid.uuid4())).person]
    forbudt = [p.fornavn for p in personer] + [p.etternavn for p in personer] + [p.norsk_ident for p in personer]
    forbudt += [FORKLARING, "sluttet"]
    alle = [
        tekster.krav_klar(u, T0),
        tekster.krav_returnert(u, T0),
        tekster.krav_avbrutt(u, T0),
        tekster.utbetalt(u, linje, T0),
        tekster.avbrytelse_avvist(u, "S111111", "0387", T0),
        tekster.attestering_venter(u, linje, "0387", 3, T0),
    ]
    assert sorted(v.type for v in alle) == sorted(t.value for t in Varseltype)
    for v in alle:
        for tekst in (v.tittel, v.tekst, v.lenke or "", v.nokkel):
            assert not any(f in tekst for f in forbudt), (v.type, tekst)


# ---------------------------------------------------------------- the daily check


class _Ventende:
    def __init__(self, rader: list[tuple[object, Utbetalingslinje, str | None]]) -> None:
        self.rader = rader

    def til_attestering(self) -> list[tuple[object, Utbetalingslinje, str | None]]:
        return self.rader


def test_ventende_attestering_varsles_en_gang_per_linje() -> None:
    _, _, linje = _til_attestering()
    repo = _VarselLager()
    kilde = _Ventende([(lag_utbetaling(), linje, "0387")])
    tidlig = FakeKlokke(linje.totrinnskontroll.behandlet_tidspunkt + timedelta(days=2))
    assert varsle_ventende_attestering(kilde=kilde, repo=repo, klokke=tidlig, dager=3) == 0  # type: ignore[arg-type]
    sent = FakeKlokke(linje.totrinnskontroll.behandlet_tidspunkt + timedelta(days=4))
    assert varsle_ventende_attestering(kilde=kilde, repo=repo, klokke=sent, dager=3) == 1  # type: ignore[arg-type]
    assert varsle_ventende_attestering(kilde=kilde, repo=repo, klokke=sent, dager=3) == 0  # type: ignore[arg-type]
    (v,) = repo.varsler.values()
    assert (v.type, v.mottaker.enhet, v.mottaker.navident) == (Varseltype.ATTESTERING_VENTER, "0387", None)


# ---------------------------------------------------------------- the dispatcher


class _VarselLager:
    """A `VarselRepo` in memory, with the lease semantics of the Firestore one."""

    def __init__(self, varsler: Sequence[Varsel] = ()) -> None:
        self.varsler = {v.id: v for v in varsler}
        self.las: dict[str, object] = {"eier": None, "token": 0, "utloper": datetime.min.replace(tzinfo=T0.tzinfo)}

    def usendte(self) -> list[Varsel]:
        return [v for v in self.varsler.values() if not v.sendt and not v.feilet]

    def er_ferdig(self, varsel_id: str) -> bool:
        v = self.varsler.get(varsel_id)
        return v is not None and (v.sendt or v.feilet is not None)

    def marker_sendt(self, ider: Sequence[str], tidspunkt: datetime) -> None:
        for i in ider:
            self.varsler[i] = self.varsler[i].model_copy(update={"sendt": True, "sendt_tidspunkt": tidspunkt})

    def marker_feilet(self, varsel_id: str, feil: str, *, permanent: bool) -> None:
        v = self.varsler[varsel_id]
        self.varsler[varsel_id] = v.model_copy(update={"forsok": v.forsok + 1, "feilet": feil if permanent else None})

    def opprett(self, varsler: Sequence[Varsel]) -> int:
        nye = [v for v in varsler if v.id not in self.varsler]
        self.varsler.update({v.id: v for v in nye})
        return len(nye)

    def ta_las(self, eier: str, na: datetime, varighet_s: float) -> int | None:
        if self.las["eier"] and self.las["utloper"] >= na:  # type: ignore[operator]
            self.las["igjen"] = True
            return None
        token = int(self.las["token"]) + 1  # type: ignore[call-overload]
        self.las = {"eier": eier, "token": token, "utloper": na + timedelta(seconds=varighet_s), "igjen": False}
        return token

    def forny_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        return self.las["eier"] == eier and self.las["token"] == token

    def slipp_las(self, eier: str, token: int, na: datetime, varighet_s: float) -> bool:
        if self.las.get("igjen"):
            self.las["igjen"] = False
            return True
        self.las["eier"] = None
        return False


class _Mottaker:
    """A `Varsler` like the real receivers: idempotent on the notice id; errors can be queued."""

    def __init__(self, feil: Sequence[VarselFeil] = ()) -> None:
        self.leverte: dict[str, Varsel] = {}
        self.kall = 0
        self.feil = list(feil)

    def send(self, varsel: Varsel) -> str | None:
        self.kall += 1
        if self.feil:
            raise self.feil.pop(0)
        self.leverte.setdefault(varsel.id, varsel)
        return varsel.id


def _varsel(n: int) -> Varsel:
    return tekster.krav_avbrutt(lag_utbetaling(id=f"u-{n}"), T0 + timedelta(seconds=n))


def test_utsenderen_sender_hvert_varsel_en_gang_ogsa_naar_den_kjores_to_ganger() -> None:
    repo, mottaker, klokke = _VarselLager([_varsel(n) for n in range(12)]), _Mottaker(), FakeKlokke(T0)
    assert send_varsler(repo=repo, varsler=mottaker, klokke=klokke, eier="a").sendt == 12
    assert send_varsler(repo=repo, varsler=mottaker, klokke=klokke, eier="b").sendt == 0
    assert send_etter_nytt_varsel(_varsel(3).id, repo=repo, varsler=mottaker, klokke=klokke, eier="c") is None
    assert (len(mottaker.leverte), mottaker.kall) == (12, 12)


def test_en_opptatt_las_sender_ingenting_og_ber_holderen_kjore_igjen() -> None:
    repo, mottaker, klokke = _VarselLager([_varsel(1)]), _Mottaker(), FakeKlokke(T0)
    assert repo.ta_las("annen", klokke.na(), 300) == 1
    ut = send_varsler(repo=repo, varsler=mottaker, klokke=klokke, eier="a")
    assert ut.las_opptatt and mottaker.kall == 0 and repo.las["igjen"] is True


@pytest.mark.parametrize("permanent", [False, True])
def test_forbigaende_feil_proves_igjen_og_permanent_feil_forkastes(permanent: bool) -> None:
    repo, klokke = _VarselLager([_varsel(1)]), FakeKlokke(T0)
    mottaker = _Mottaker([VarselFeil("svarte 500" if not permanent else "svarte 400", permanent=permanent)])
    forste = send_varsler(repo=repo, varsler=mottaker, klokke=klokke, eier="a")
    assert (forste.feilet, forste.forkastet) == ((0, 1) if permanent else (1, 0))
    andre = send_varsler(repo=repo, varsler=mottaker, klokke=klokke, eier="b")
    assert andre.sendt == (0 if permanent else 1)
    assert len(mottaker.leverte) == (0 if permanent else 1)
    (v,) = repo.varsler.values()
    assert v.forsok == 1 and (v.feilet is not None) is permanent


def test_en_overtatt_las_stopper_utsendingen() -> None:
    repo, mottaker, klokke = _VarselLager([_varsel(n) for n in range(3)]), _Mottaker(), FakeKlokke(T0)
    repo.forny_las = lambda *a: False  # type: ignore[method-assign]
    ut = send_varsler(repo=repo, varsler=mottaker, klokke=klokke, eier="a")
    assert ut.las_tapt and mottaker.kall == 0


def test_varsel_id_er_uuid5_av_nokkelen() -> None:
    v = _varsel(1)
    assert v.id == str(uuid.uuid5(uuid.UUID("2f0c6a3e-8b1d-5c47-9e26-4d3a7b9c1e58"), v.nokkel))
    assert v.id == _varsel(1).id
