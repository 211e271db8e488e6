"""The local functions host runs at most `[funksjonsvert.samtidighet]` deliveries of one function at once, mirroring
max instances × concurrency 1 (emulators/stack.toml, infra/functions.tf)."""

from __future__ import annotations

import threading
import time

import pytest

from emulators.funksjonsvert.arbeidere import Arbeidere as _Arbeidere
from emulators.funksjonsvert.felles import Plasser as _Plasser
from emulators.funksjonsvert.felles import Svar as _Svar
from emulators.konfig import les_konfig


def test_stack_toml_speiler_maks_instanser() -> None:
    k = les_konfig({})
    assert k.samtidighet_for("motta_okonomistatus") == 10
    assert (k.samtidighet_for("send_utsendinger"), k.samtidighet_for("utsending_opprettet")) == (1, 1)
    overstyrt = les_konfig({"UTBETALING_STACK_FUNKSJONSVERT_SAMTIDIGHET_STANDARD": "3"})
    assert overstyrt.samtidighet_for("motta_okonomistatus") == 3


def test_en_levering_venter_paa_ledig_plass_og_faar_429_naar_fristen_gaar_ut() -> None:
    plasser = _Plasser(lambda fn: 1, ko_frist_s=0.05)
    forste = plasser.ta("p1", "f", vent=False)
    assert forste is not None
    with pytest.raises(_Svar) as feil:
        plasser.ta("p1", "f", vent=False)
    assert feil.value.status.startswith("429")
    annet_prosjekt = plasser.ta("p2", "f", vent=False)  # max instances are per project's deployment
    assert annet_prosjekt is not None
    annet_prosjekt.release()
    threading.Timer(0.1, forste.release).start()
    start = time.monotonic()
    andre = plasser.ta("p1", "f", vent=True)  # a Firestore-trigger delivery waits as long as it takes
    assert andre is not None and time.monotonic() - start >= 0.05
    andre.release()
    assert _Plasser(lambda fn: 0, 1.0).ta("p1", "g", vent=False) is None


def test_arbeidsprosessene_deler_funksjonens_plasser() -> None:
    k = les_konfig({})
    assert (k.prosesser_for("generer_utbetaling"), k.prosesser_for("motta_okonomistatus")) == (2, 0)
    overstyrt = les_konfig({"UTBETALING_STACK_FUNKSJONSVERT_PROSESSER_GENERER_UTBETALING": "3"})
    assert overstyrt.prosesser_for("generer_utbetaling") == 3
    assert _Arbeidere("f", 2, 20, [])._andeler == [10, 10]
    assert _Arbeidere("f", 3, 20, [])._andeler == [7, 7, 6]  # never more than the function's slots in all
    assert _Arbeidere("f", 5, 3, [])._andeler == [1, 1, 1]  # no worker without a slot
    assert _Arbeidere("f", 2, 0, [])._andeler == [0, 0]  # unbounded, each
