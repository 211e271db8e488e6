"""Stengt periods registered by Nav (domene.md §9): add (no overlap) and delete, each in one transaction on the
gjennomføring, then the recalculation marker of §7.2 (`registrer_endring`).

The write sets the gjennomføring's `endret` (so a running recalculation sees it, §7.2) and touches nothing the
generation indexes hold: the candidate index keeps status, prismodell and dates, not stengt periods
(shared/adapters/firestore/grunnlagsindeks.py), so the index stays in step without an entry of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.domain.felles.feil import FinnesIkke
from shared.domain.grunnlag import stengt as st
from shared.domain.grunnlag.gjennomforing import Gjennomforing, StengtPeriode
from shared.domain.nav.feil import GjennomforingFinnesIkke
from shared.domain.nav.tilgang import NavAnsatt
from shared.domain.tilsagn.behandling import sjekk_saksbehandler
from shared.service.grunnlag.endringer import registrer_endring
from shared.service.nav.ports import NavTransaksjon
from shared.service.nav.utbetaling import NavAvhengigheter
from shared.service.ports import Klokke, OmberegningRepo


@dataclass(frozen=True)
class Omberegning:
    repo: OmberegningRepo
    klokke: Klokke
    forsinkelse_s: float


def marker_endret(gjennomforing_id: str, om: Omberegning) -> None:
    """§7.2: a stengt or tilsagn change recalculates the gjennomføring's GENERERT claims (if it has any)."""
    registrer_endring([gjennomforing_id], repo=om.repo, klokke=om.klokke, forsinkelse_s=om.forsinkelse_s)


def _gjennomforing(tx: NavTransaksjon, gjennomforing_id: str) -> Gjennomforing:
    g = tx.hent_gjennomforing(gjennomforing_id)
    if g is None:
        raise GjennomforingFinnesIkke(gjennomforing_id)
    return g


def registrer(
    gjennomforing_id: str, n: st.NyStengt, ansatt: NavAnsatt, avh: NavAvhengigheter, om: Omberegning
) -> StengtPeriode:
    sjekk_saksbehandler(ansatt)

    def fn(tx: NavTransaksjon) -> StengtPeriode:
        g = _gjennomforing(tx, gjennomforing_id)
        ny = st.ny_periode(n, g.stengt, avh.ny_id())
        perioder = tuple(sorted((*g.stengt, ny), key=lambda s: (s.start, s.id)))
        tx.lagre_stengt(g.model_copy(update={"stengt": perioder}))
        return ny

    ny = avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"gjennomforing/{gjennomforing_id}/stengt")
    marker_endret(gjennomforing_id, om)
    return ny


def slett(gjennomforing_id: str, stengt_id: str, ansatt: NavAnsatt, avh: NavAvhengigheter, om: Omberegning) -> None:
    sjekk_saksbehandler(ansatt)

    def fn(tx: NavTransaksjon) -> None:
        g = _gjennomforing(tx, gjennomforing_id)
        if not any(s.id == stengt_id for s in g.stengt):
            raise FinnesIkke(st.FINNES_IKKE.format(id=stengt_id))
        tx.lagre_stengt(g.model_copy(update={"stengt": tuple(s for s in g.stengt if s.id != stengt_id)}))

    avh.repo.i_transaksjon(fn, forsok=avh.forsok, las=f"gjennomforing/{gjennomforing_id}/stengt")
    marker_endret(gjennomforing_id, om)
