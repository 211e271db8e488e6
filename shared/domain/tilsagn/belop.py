"""The amount of a new tilsagn (domene.md §5.4) and its sats checks (§5.5 "Sats")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from shared.domain.beregning import Linje, PeriodeInput, TilsagnBeregningInput, beregn_tilsagn
from shared.domain.felles.feil import FeltFeil, Valideringsfeil
from shared.domain.felles.kodeverk import AVTALT_PRIS_SETTET, SYSTEM_SATSER, Prismodell, Sats, Tiltakskode
from shared.domain.grunnlag.gjennomforing import Gjennomforing
from shared.domain.grunnlag.rammeavtale import Avtale
from shared.domain.tilsagn.behandling import NyttTilsagn, bruker_linjer

MANGLER_SATS = "Tilsagn kan ikke registreres for perioden fordi det mangler registrert sats/avtalt pris"
FLERE_SATSER = "Tilsagnsperioden kan ikke gå over flere registrerte sats-/prisperioder på avtalen"


def _satser(g: Gjennomforing, avtale: Avtale | None) -> list[Sats]:
    if g.prismodell in AVTALT_PRIS_SETTET:
        kilde = [Sats(s.gjelder_fra, s.sats) for s in avtale.satser] if avtale and not avtale.slettet else []
    else:
        kilde = list(SYSTEM_SATSER.get(Tiltakskode(g.tiltakskode), ()))
    return sorted(kilde, key=lambda s: s.gjelder_fra)


def _i_kraft(satser: Sequence[Sats], dag: date) -> Sats | None:
    gjeldende = [s for s in satser if s.gjelder_fra <= dag]
    return gjeldende[-1] if gjeldende else None


def sats_for(g: Gjennomforing, avtale: Avtale | None, start: date, siste_dag: date) -> int:
    """One sats must be in force at both the first and the last day. TAO: the sats in force on the start."""
    satser = _satser(g, avtale)
    forste, siste = _i_kraft(satser, start), _i_kraft(satser, siste_dag)
    if forste is None or siste is None:
        raise Valideringsfeil([FeltFeil("/periodeStart", MANGLER_SATS)])
    if g.prismodell != Prismodell.FAST_SATS_PER_AVTALT_PLASS_PER_MANED and forste != siste:
        raise Valideringsfeil([FeltFeil("/periodeSlutt", FLERE_SATSER)])
    return forste.sats


def beregn_belop(n: NyttTilsagn, g: Gjennomforing, avtale: Avtale | None) -> tuple[int, dict[str, object]]:
    """(belop, stored beregning `{prismodell, input, output: {belop, faktor}}`); validated input assumed."""
    assert n.periode_start is not None and n.periode_slutt is not None
    linjer = bruker_linjer(n.type, g.prismodell)
    sats = None if linjer else sats_for(g, avtale, n.periode_start, n.periode_slutt)
    prismodell = Prismodell(g.prismodell)
    inndata = TilsagnBeregningInput(
        prismodell=prismodell,
        tiltakskode=Tiltakskode(g.tiltakskode),
        periode=PeriodeInput.model_validate({"start": n.periode_start, "slutt": _dag_etter(n.periode_slutt)}),
        sats=sats,
        antall_plasser=None if linjer else n.antall_plasser,
        stengt=tuple(PeriodeInput.model_validate({"start": s.start, "slutt": s.slutt}) for s in g.stengt),
        antall_timer_oppfolging_per_deltaker=n.antall_timer_oppfolging_per_deltaker,
        linjer=tuple(Linje(beskrivelse=linje.beskrivelse or "", pris=linje.pris or 0, antall=linje.antall or 0)
                     for linje in n.linjer or ()) if linjer else None,
    )  # fmt: skip
    ut = beregn_tilsagn(inndata)
    if ut.belop <= 0:
        raise Valideringsfeil([FeltFeil("/", "Beløp må være større enn 0")])
    beregning: dict[str, object] = {
        "prismodell": prismodell.value,
        "input": inndata.model_dump(mode="json"),
        "output": {"belop": ut.belop, "faktor": None if ut.faktor is None else str(ut.faktor)},
    }
    return ut.belop, beregning


def _dag_etter(d: date) -> date:
    from datetime import timedelta

    return d + timedelta(days=1)
