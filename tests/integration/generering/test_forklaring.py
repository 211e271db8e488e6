""" "Why did my amount change?" on the emulators (issue 18 part 2): a participant who ends early recalculates the
GENERERT claim in the functions host; the replaced calculation is kept with its reason, and the CLI and the diff
explain the change per participant in kroner that sum to it exactly."""

from __future__ import annotations

import pytest

from emulators.venting import vent_til
from shared import topics
from shared.adapters.firestore.beregningsversjoner import FirestoreForklaringskilde
from shared.cli.main import main
from shared.domain.forklaring.diff import Endringstype
from shared.domain.forklaring.versjoner import Arsak
from shared.service.forklaring.forklar import forklar_utbetaling
from shared.service.generering.generer_utbetaling import generer_utbetalinger
from tests.integration.generering._hjelp import Miljo, deltaker, gjennomforing


def test_omberegning_beholder_forrige_beregning_og_forklarer_endringen(
    miljo: Miljo, capsys: pytest.CaptureFixture[str]
) -> None:
    g = gjennomforing()
    miljo.ingest(topics.GJENNOMFORING, g)
    dl = [deltaker(g["id"]) for _ in range(2)]
    for d in dl:
        miljo.ingest(topics.DELTAKER, d)
    miljo.tilsagn(g["id"])
    generer_utbetalinger([g["id"]], "2025-10", miljo.avh())
    ((uid, for_),) = miljo.utbetalinger().items()
    assert forklar_utbetaling(uid, kilde=FirestoreForklaringskilde(miljo.db))[1] == ()

    miljo.ingest(topics.DELTAKER, dl[0] | {"versjon": 2, "slutt_dato": "2025-10-15", "status": "HAR_SLUTTET"})
    vent_til(lambda: miljo.utbetalinger()[uid].belop != for_.belop, 20, hva="omberegnet krav")
    etter = miljo.utbetalinger()[uid]
    u, (endring,) = forklar_utbetaling(uid, kilde=FirestoreForklaringskilde(miljo.db))
    assert endring.arsaker == (Arsak.DELTAKER,)
    assert (endring.diff.belop_for, endring.diff.belop_etter) == (for_.belop, etter.belop) and u.belop == etter.belop
    [x] = endring.diff.deltakere
    assert (x.deltakelse_id, x.type, x.kroner) == (dl[0]["id"], Endringstype.ENDRET, etter.belop - for_.belop)

    assert main(["forklar", "--utbetaling", uid]) == 0
    ut = capsys.readouterr().out
    assert f"{for_.belop} → {etter.belop}" in ut and "DELTAKER" in ut
    assert main(["forklar", "--utbetaling", "finnes-ikke"]) == 2
