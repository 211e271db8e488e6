"""The notices of a claim's life (issue 16 §2) and their texts: fixed phrases, the tiltakstype, the period, an
amount and ids only. Nothing a user typed (begrunnelse, forklaring, kommentar) and no participant data is ever put
in a notice, because the texts leave our systems (e-mail, SMS, Nav's Oppgave).

One key per event occurrence: the ready claim once per gjennomføring and month; a return or a rejected
cancellation once per transition (its time is in the key, since a claim can be returned again later); a
cancellation once per claim; a payment once per line; a waiting attestation once per line and sending.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from shared.domain.felles.kodeverk import TILTAKSTYPER, Tiltakskode
from shared.domain.utbetaling.utbetaling import Utbetaling
from shared.domain.utbetaling.utbetalingslinje import Utbetalingslinje
from shared.domain.varsling.varsel import Mottaker, Mottakertype, Varsel, Varseltype, nytt_varsel


def _tiltak(kode: str) -> str:
    try:
        return TILTAKSTYPER[Tiltakskode(kode)].navn
    except (KeyError, ValueError):
        return kode


def _dato(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def _periode(start: date, slutt: date) -> str:
    """Half-open [start, slutt) shown as its first and last inclusive day."""
    return f"{_dato(start)} - {_dato(slutt - timedelta(days=1))}"


def _om(u: Utbetaling) -> str:
    return f"{_tiltak(u.tiltakskode)}, periode {_periode(u.periode_start, u.periode_slutt)}"


def _arrangor(u: Utbetaling) -> Mottaker:
    return Mottaker(type=Mottakertype.ARRANGOR, orgnr=u.arrangor_orgnr)


def _lenke(u: Utbetaling) -> str:
    return f"/utbetaling/{u.id}"


def krav_klar(u: Utbetaling, tidspunkt: datetime) -> Varsel:
    maned = u.maned or u.periode_start.strftime("%Y-%m")
    return nytt_varsel(
        f"krav-klar/{u.gjennomforing_id}/{maned}", Varseltype.KRAV_KLAR, _arrangor(u),
        "Krav om utbetaling er klart",
        f"Et krav om utbetaling er klart til innsending: {_om(u)}. Logg inn for å kontrollere og sende det inn.",
        tidspunkt, lenke=_lenke(u), referanse=u.id,
    )  # fmt: skip


def krav_returnert(u: Utbetaling, tidspunkt: datetime) -> Varsel:
    return nytt_varsel(
        f"krav-returnert/{u.id}/{tidspunkt.isoformat()}", Varseltype.KRAV_RETURNERT, _arrangor(u),
        "Nav har returnert et krav om utbetaling",
        f"Nav har returnert kravet om utbetaling for {_om(u)} til ny behandling. Logg inn for å se kravet.",
        tidspunkt, lenke=_lenke(u), referanse=u.id,
    )  # fmt: skip


def krav_avbrutt(u: Utbetaling, tidspunkt: datetime) -> Varsel:
    return nytt_varsel(
        f"krav-avbrutt/{u.id}", Varseltype.KRAV_AVBRUTT_AV_NAV, _arrangor(u),
        "Nav har avbrutt et krav om utbetaling",
        f"Nav har avbrutt kravet om utbetaling for {_om(u)}. Logg inn for å se kravet.",
        tidspunkt, lenke=_lenke(u), referanse=u.id,
    )  # fmt: skip


def utbetalt(u: Utbetaling, linje: Utbetalingslinje, tidspunkt: datetime) -> Varsel:
    return nytt_varsel(
        f"utbetalt/{linje.fakturanummer}", Varseltype.UTBETALT, _arrangor(u),
        "Nav har utbetalt penger",
        f"Nav har utbetalt {linje.belop} kr for {_tiltak(u.tiltakskode)}, periode "
        f"{_periode(linje.periode_start, linje.periode_slutt)}.",
        tidspunkt, lenke=_lenke(u), referanse=u.id,
    )  # fmt: skip


def _nav(enhet: str | None, navident: str | None) -> Mottaker:
    return Mottaker(type=Mottakertype.NAV, enhet=enhet, navident=navident)


def avbrytelse_avvist(u: Utbetaling, navident: str, enhet: str | None, tidspunkt: datetime) -> Varsel:
    """To the saksbehandler who asked for the cancellation (§6.3 row 15)."""
    return nytt_varsel(
        f"avbrytelse-avvist/{u.id}/{tidspunkt.isoformat()}", Varseltype.AVBRYTELSE_AVVIST, _nav(enhet, navident),
        "Avbrytelse avvist",
        f"Avbrytelsen du sendte for utbetaling {u.id} ({_om(u)}) er avvist, og utbetalingen er tilbake i "
        f"status {u.status.value}.",
        tidspunkt, lenke=_lenke(u), referanse=u.id,
    )  # fmt: skip


def attestering_venter(
    u: Utbetaling, linje: Utbetalingslinje, enhet: str | None, dager: int, tidspunkt: datetime
) -> Varsel:
    sendt = linje.totrinnskontroll.behandlet_tidspunkt
    return nytt_varsel(
        f"attestering-venter/{linje.id}/{sendt.isoformat()}", Varseltype.ATTESTERING_VENTER, _nav(enhet, None),
        "Utbetaling venter på attestering",
        f"Utbetalingslinje {linje.fakturanummer} ({_om(u)}) har ventet på attestering i mer enn {dager} dager.",
        tidspunkt, lenke=_lenke(u), referanse=u.id,
    )  # fmt: skip
