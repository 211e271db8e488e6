"""The tiltaksavtale part of `make demo` (emulators/demo_tiltaksavtale.py) against an isolated project, through the
functions host over HTTP (avtale_api, the outbox nudge and tick), so it cannot rot."""

from __future__ import annotations

import pytest

from emulators.demo_tiltaksavtale import vis_tiltaksavtale
from emulators.klargjoring import Prosjektoppsett
from shared import bootstrap


def test_vis_tiltaksavtale_gjennom_http(isolert_prosjekt: Prosjektoppsett, capsys: pytest.CaptureFixture[str]) -> None:
    vis_tiltaksavtale(nr=8)
    ut = capsys.readouterr().out
    assert "avtalen er inngått" in ut and "på vegne av deltakeren" in ut
    assert "nr. 2 ARBEIDSTRENING KLAR_FOR_OPPSTART, nr. 1 VTAO KLAR_FOR_OPPSTART" in ut
    db = bootstrap.firestore_klient()
    poster = [s.to_dict() or {} for s in db.collection("avtale_utsendinger").stream()]
    stub = [s.id for s in db.collection("varsling_stub").stream()]
    assert poster and all(p["sendt"] for p in poster)
    assert len(stub) == len({p["ekstern_id"] for p in poster if p["kanal"] != "PUBSUB"}), "each notice sent once"
