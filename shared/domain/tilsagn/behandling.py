"""Tilsagn life cycle with two-person approval (domene.md §5.2), validation (§5.5) and amount (§5.4).

Each transition returns a new `Tilsagn` (and, for approvals, the outbox message kind it emits) or raises
`UgyldigHandling` / `ManglerTilgang` with the exact texts. The change-log text of each transition is returned
with it, so the service writes exactly one entry per step.

Texts the spec does not give (marked "(vårt valg)" below) follow the pattern of the given ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from shared.domain.felles.feil import FeltFeil, periode_mangler
from shared.domain.felles.kodeverk import TILTAKSTYPER, Prismodell, TilsagnStatus, Tiltakskode
from shared.domain.nav.feil import ManglerTilgang, UgyldigHandling
from shared.domain.nav.tilgang import NavAnsatt, Rolle
from shared.domain.nav.totrinnskontroll import (
    Agent,
    Kontrollstatus,
    Kontrolltype,
    Totrinnskontroll,
    behandle,
    beslutt,
    sjekk_kan_beslutte,
)
from shared.domain.tilsagn.tilsagn import Tilsagn, TilsagnType
from shared.domain.utsending.utsending import UtsendingType

STATUS_NAVN: dict[TilsagnStatus, str] = {
    TilsagnStatus.TIL_GODKJENNING: "Til godkjenning",
    TilsagnStatus.GODKJENT: "Godkjent",
    TilsagnStatus.RETURNERT: "Returnert",
    TilsagnStatus.TIL_ANNULLERING: "Til annullering",
    TilsagnStatus.ANNULLERT: "Annullert",
    TilsagnStatus.TIL_OPPGJOR: "Til oppgjør",
    TilsagnStatus.OPPGJORT: "Oppgjort",
}

SENDT_TIL_GODKJENNING = "Sendt til godkjenning"
GODKJENT = "Tilsagn godkjent"
RETURNERT = "Tilsagn returnert"
SENDT_TIL_ANNULLERING = "Sendt til annullering"
ANNULLERT = "Tilsagn annullert"
ANNULLERING_AVVIST = "Annullering avvist"
SENDT_TIL_OPPGJOR = "Sendt til oppgjør"
OPPGJORT = "Tilsagn oppgjort"
OPPGJOR_AVVIST = "Oppgjør avvist"
OPPGJORT_VED_BEHANDLING = "Sendt til oppgjør ved behandling av utbetaling"
OPPGJORT_VED_ATTESTERING = "Tilsagn oppgjort ved attestering av utbetaling"

KAN_IKKE_ENDRES = "Tilsagnet kan ikke endres"
KAN_IKKE_SLETTES = "Kan ikke slette tilsagn som er godkjent"
BRUKT = "Tilsagnet kan ikke annulleres fordi det har blitt brukt i utbetalinger"
IKKE_BRUKT = "Tilsagnet kan ikke gjøres opp fordi det ikke har blitt brukt i utbetalinger"  # (vårt valg)
MANGLER_SAKSBEHANDLER = "Du kan ikke behandle tilsagnet fordi du ikke er saksbehandler økonomi"  # (vårt valg)


def ikke_godkjennes(status: TilsagnStatus) -> str:
    return f"Tilsagnet kan ikke godkjennes fordi det har status {STATUS_NAVN[status]}"


def mangler_budsjettmyndighet(kostnadssted_navn: str) -> str:
    return (
        "Du kan ikke beslutte tilsagnet fordi du mangler budsjettmyndighet ved tilsagnets kostnadssted "
        f"({kostnadssted_navn})"
    )


@dataclass(frozen=True, slots=True)
class Overgang:
    """A transition's result: the new tilsagn, its change-log text and the message it emits (if any)."""

    tilsagn: Tilsagn
    operasjon: str
    melding: UtsendingType | None = None


def sjekk_saksbehandler(ansatt: NavAnsatt) -> None:
    if not ansatt.har_rolle(Rolle.SAKSBEHANDLER_OKONOMI):
        raise ManglerTilgang(MANGLER_SAKSBEHANDLER)


def _sjekk_beslutter(t: Tilsagn, ansatt: NavAnsatt, kostnadssted_navn: str) -> None:
    if not ansatt.har_rolle_ved(Rolle.BESLUTTER_TILSAGN, t.kostnadssted):
        raise ManglerTilgang(mangler_budsjettmyndighet(kostnadssted_navn))


def _siste(t: Tilsagn, type: Kontrolltype) -> Totrinnskontroll | None:
    for k in reversed(t.totrinnskontroller):
        if k.type is type:
            return k
    return None


def _erstatt_siste(t: Tilsagn, ny: Totrinnskontroll) -> tuple[Totrinnskontroll, ...]:
    kontroller = list(t.totrinnskontroller)
    for i in range(len(kontroller) - 1, -1, -1):
        if kontroller[i].type is ny.type:
            kontroller[i] = ny
            return tuple(kontroller)
    return (*kontroller, ny)


def send_til_godkjenning(t: Tilsagn, ansatt: NavAnsatt, tidspunkt: datetime) -> Overgang:
    """A new tilsagn (status TIL_GODKJENNING already set by the caller) or a RETURNERT one sent again."""
    sjekk_saksbehandler(ansatt)
    if t.status not in (TilsagnStatus.TIL_GODKJENNING, TilsagnStatus.RETURNERT) or (
        t.status is TilsagnStatus.TIL_GODKJENNING and t.totrinnskontroller
    ):
        raise UgyldigHandling(KAN_IKKE_ENDRES)
    k = behandle(Kontrolltype.OPPRETTELSE, Agent.nav(ansatt.navident), tidspunkt)
    ny = t.model_copy(
        update={"status": TilsagnStatus.TIL_GODKJENNING, "totrinnskontroller": (*t.totrinnskontroller, k)}
    )
    return Overgang(ny, SENDT_TIL_GODKJENNING)


def sjekk_kan_slettes(t: Tilsagn, ansatt: NavAnsatt) -> None:
    sjekk_saksbehandler(ansatt)
    if t.status is not TilsagnStatus.RETURNERT:
        raise UgyldigHandling(KAN_IKKE_SLETTES)


def _beslutt(
    t: Tilsagn,
    type: Kontrolltype,
    fra: TilsagnStatus,
    ansatt: NavAnsatt,
    navn: str,
    tidspunkt: datetime,
    godkjent: bool,
    aarsaker: tuple[str, ...],
    forklaring: str | None,
) -> Tilsagn:
    if t.status is not fra:
        raise UgyldigHandling(ikke_godkjennes(t.status))
    _sjekk_beslutter(t, ansatt, navn)
    k = _siste(t, type)
    if k is None:
        raise UgyldigHandling(ikke_godkjennes(t.status))
    ny = beslutt(k, Agent.nav(ansatt.navident), tidspunkt, godkjent=godkjent, aarsaker=aarsaker, forklaring=forklaring)
    return t.model_copy(update={"totrinnskontroller": _erstatt_siste(t, ny)})


def godkjenn(t: Tilsagn, ansatt: NavAnsatt, kostnadssted_navn: str, tidspunkt: datetime) -> Overgang:
    ny = _beslutt(
        t, Kontrolltype.OPPRETTELSE, TilsagnStatus.TIL_GODKJENNING, ansatt, kostnadssted_navn, tidspunkt, True, (), None
    )
    return Overgang(ny.model_copy(update={"status": TilsagnStatus.GODKJENT}), GODKJENT, UtsendingType.BESTILLING)


def returner(
    t: Tilsagn,
    ansatt: NavAnsatt,
    kostnadssted_navn: str,
    tidspunkt: datetime,
    aarsaker: tuple[str, ...],
    forklaring: str | None,
) -> Overgang:
    ny = _beslutt(
        t, Kontrolltype.OPPRETTELSE, TilsagnStatus.TIL_GODKJENNING, ansatt, kostnadssted_navn, tidspunkt, False,
        aarsaker, forklaring,
    )  # fmt: skip
    return Overgang(ny.model_copy(update={"status": TilsagnStatus.RETURNERT}), RETURNERT)


def send_til_annullering(
    t: Tilsagn, ansatt: NavAnsatt, tidspunkt: datetime, aarsaker: tuple[str, ...], forklaring: str | None
) -> Overgang:
    sjekk_saksbehandler(ansatt)
    if t.status is not TilsagnStatus.GODKJENT:
        raise UgyldigHandling(f"Tilsagnet kan ikke annulleres fordi det har status {STATUS_NAVN[t.status]}")
    if t.belop_brukt > 0:
        raise UgyldigHandling(BRUKT)
    if not aarsaker:
        raise UgyldigHandling("Årsaker er påkrevd", "/aarsaker")
    k = behandle(Kontrolltype.ANNULLERING, Agent.nav(ansatt.navident), tidspunkt, aarsaker, forklaring)
    ny = t.model_copy(
        update={"status": TilsagnStatus.TIL_ANNULLERING, "totrinnskontroller": (*t.totrinnskontroller, k)}
    )
    return Overgang(ny, SENDT_TIL_ANNULLERING)


def beslutt_annullering(
    t: Tilsagn,
    ansatt: NavAnsatt,
    kostnadssted_navn: str,
    tidspunkt: datetime,
    *,
    godkjent: bool,
    aarsaker: tuple[str, ...] = (),
    forklaring: str | None = None,
) -> Overgang:
    if godkjent and t.status is TilsagnStatus.TIL_ANNULLERING and t.belop_brukt > 0:
        raise UgyldigHandling(BRUKT)
    ny = _beslutt(
        t, Kontrolltype.ANNULLERING, TilsagnStatus.TIL_ANNULLERING, ansatt, kostnadssted_navn, tidspunkt, godkjent,
        aarsaker, forklaring,
    )  # fmt: skip
    if godkjent:
        return Overgang(ny.model_copy(update={"status": TilsagnStatus.ANNULLERT}), ANNULLERT, UtsendingType.ANNULLERING)
    return Overgang(ny.model_copy(update={"status": TilsagnStatus.GODKJENT}), ANNULLERING_AVVIST)


def send_til_oppgjor(
    t: Tilsagn, ansatt: NavAnsatt, tidspunkt: datetime, aarsaker: tuple[str, ...], forklaring: str | None
) -> Overgang:
    sjekk_saksbehandler(ansatt)
    if t.status is not TilsagnStatus.GODKJENT:
        raise UgyldigHandling(f"Tilsagnet kan ikke gjøres opp fordi det har status {STATUS_NAVN[t.status]}")
    if t.belop_brukt == 0:
        raise UgyldigHandling(IKKE_BRUKT)
    if not aarsaker:
        raise UgyldigHandling("Årsaker er påkrevd", "/aarsaker")
    k = behandle(Kontrolltype.OPPGJOR, Agent.nav(ansatt.navident), tidspunkt, aarsaker, forklaring)
    ny = t.model_copy(update={"status": TilsagnStatus.TIL_OPPGJOR, "totrinnskontroller": (*t.totrinnskontroller, k)})
    return Overgang(ny, SENDT_TIL_OPPGJOR)


def beslutt_oppgjor(
    t: Tilsagn,
    ansatt: NavAnsatt,
    kostnadssted_navn: str,
    tidspunkt: datetime,
    *,
    godkjent: bool,
    aarsaker: tuple[str, ...] = (),
    forklaring: str | None = None,
) -> Overgang:
    ny = _beslutt(
        t, Kontrolltype.OPPGJOR, TilsagnStatus.TIL_OPPGJOR, ansatt, kostnadssted_navn, tidspunkt, godkjent,
        aarsaker, forklaring,
    )  # fmt: skip
    if godkjent:
        return Overgang(
            ny.model_copy(update={"status": TilsagnStatus.OPPGJORT}), OPPGJORT, UtsendingType.GJOR_OPP_BESTILLING
        )
    return Overgang(ny.model_copy(update={"status": TilsagnStatus.GODKJENT}), OPPGJOR_AVVIST)


def beslutt_kontroll_mulig(t: Tilsagn, type: Kontrolltype, av: Agent) -> bool:
    k = _siste(t, type)
    if k is None or k.status is not Kontrollstatus.TIL_BESLUTNING:
        return False
    try:
        sjekk_kan_beslutte(k, av)
    except UgyldigHandling:
        return False
    return True


# ------------------------------------------------------------------ creation and validation (§5.5)


@dataclass(frozen=True, slots=True)
class TilsagnLinje:
    beskrivelse: str | None
    pris: int | None
    antall: int | None
    valuta: str | None = None


@dataclass(frozen=True, slots=True)
class NyttTilsagn:
    """The Nav API body (§9.1) with inclusive dates."""

    gjennomforing_id: str
    type: TilsagnType
    periode_start: date | None
    periode_slutt: date | None
    kostnadssted: str | None
    antall_plasser: int | None = None
    antall_timer_oppfolging_per_deltaker: int | None = None
    linjer: tuple[TilsagnLinje, ...] | None = None
    kommentar: str | None = None
    beskrivelse: str | None = None


def _dato(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def valider_periode(n: NyttTilsagn, tiltakskode: str, gjennomforing_slutt: date | None) -> list[FeltFeil]:
    if n.periode_start is None or n.periode_slutt is None:
        return periode_mangler(n.periode_start, n.periode_slutt)
    if n.periode_start > n.periode_slutt:
        return [FeltFeil("/periodeStart", "Periodestart må være før slutt")]
    try:
        tt = TILTAKSTYPER[Tiltakskode(tiltakskode)]
    except ValueError:
        return [FeltFeil("/periodeStart", f"Tilsagn for tiltakstype {tiltakskode} er ikke støttet enda")]
    return _innenfor(n.periode_start, n.periode_slutt, tt.navn, tt.gyldig_fra, tt.gyldig_til, gjennomforing_slutt)


def _innenfor(
    start: date, siste: date, navn: str, gyldig_fra: date, gyldig_til: date, gjennomforing_slutt: date | None
) -> list[FeltFeil]:
    feil: list[FeltFeil] = []
    if start < gyldig_fra:
        feil.append(FeltFeil("/periodeStart", f"Minimum startdato for tilsagn til {navn} er {_dato(gyldig_fra)}"))
    siste_gyldige = gyldig_til - timedelta(days=1)
    if siste > siste_gyldige:
        feil.append(FeltFeil("/periodeSlutt", f"Maksimum sluttdato for tilsagn til {navn} er {_dato(siste_gyldige)}"))
    if gjennomforing_slutt is not None and siste > gjennomforing_slutt:
        feil.append(FeltFeil("/periodeSlutt", "Sluttdato for tilsagnet kan ikke være etter gjennomføringsperioden"))
    if start.year != siste.year:
        feil.append(FeltFeil("/periodeSlutt", "Tilsagnsperioden kan ikke vare utover årsskiftet"))
    return feil


def valider_felt(n: NyttTilsagn, prismodell: str, valuta: str) -> list[FeltFeil]:
    feil: list[FeltFeil] = []
    if n.kommentar is not None and len(n.kommentar) > 500:
        feil.append(FeltFeil("/kommentar", "Kommentar kan ikke inneholde mer enn 500 tegn"))
    if n.beskrivelse is not None and len(n.beskrivelse) > 250:
        feil.append(FeltFeil("/beskrivelse", "Beskrivelse kan ikke inneholde mer enn 250 tegn"))
    if not n.kostnadssted:
        feil.append(FeltFeil("/kostnadssted", "Du må velge et kostnadssted"))
    if bruker_linjer(n.type, prismodell):
        return feil + _valider_linjer(n.linjer, valuta)
    if (n.antall_plasser or 0) <= 0:
        feil.append(FeltFeil("/antallPlasser", "Antall plasser må være større enn 0"))
    if prismodell == Prismodell.AVTALT_PRIS_PER_TIME_OPPFOLGING_PER_DELTAKER and (
        (n.antall_timer_oppfolging_per_deltaker or 0) <= 0
    ):
        feil.append(
            FeltFeil("/antallTimerOppfolgingPerDeltaker", "Antall timer oppfølging per deltaker må være større enn 0")
        )
    return feil


def bruker_linjer(type: TilsagnType, prismodell: str) -> bool:
    return type is TilsagnType.INVESTERING or prismodell == Prismodell.ANNEN_AVTALT_PRIS


def _valider_linjer(linjer: tuple[TilsagnLinje, ...] | None, valuta: str) -> list[FeltFeil]:
    if not linjer:
        return [FeltFeil("/linjer", "Du må legge til en linje")]
    feil: list[FeltFeil] = []
    for i, linje in enumerate(linjer):
        p = f"/linjer/{i}"
        if linje.pris is None or linje.pris <= 0:
            feil.append(FeltFeil(f"{p}/pris", "Beløp må være positivt"))
        if not (linje.beskrivelse or "").strip():
            feil.append(FeltFeil(f"{p}/beskrivelse", "Beskrivelse mangler"))
        elif len(linje.beskrivelse or "") > 100:
            feil.append(FeltFeil(f"{p}/beskrivelse", "Beskrivelsen kan ikke inneholde mer enn 100 tegn"))
        if linje.antall is None or linje.antall <= 0:
            feil.append(FeltFeil(f"{p}/antall", "Antall må være positivt"))
        if linje.valuta is not None and linje.valuta != valuta:
            feil.append(FeltFeil(f"{p}/valuta", f"Må ha samme valuta som prismodellen: {valuta}"))
    return feil


def bestillingsnummer(gjennomforing_lopenummer: str, tilsagn_lopenummer: int) -> str:
    """`A-{gjennomføring løpenummer}-{tilsagn løpenummer}`, e.g. A-2025/123-1 (§5.1)."""
    return f"A-{gjennomforing_lopenummer}-{tilsagn_lopenummer}"
