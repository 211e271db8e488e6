"""The host: loads every function of the manifests and holds their apps, slots, queues, pullers and workers."""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import functions_framework
from functions_framework import _function_registry

from emulators.funksjonsvert.arbeidere import Arbeidere
from emulators.funksjonsvert.felles import Plasser, Svar, WsgiApp, logg
from emulators.funksjonsvert.levering import Levering
from emulators.funksjonsvert.ruting import Ruting
from emulators.funksjonsvert.trekker import Trekker
from emulators.konfig import StackKonfig
from emulators.manifest import Funksjon, les_manifester


def last_modul_unikt(navn: str) -> Callable[[str], Any]:
    """ff names every source module after its file ("main") and puts it in sys.modules["main"], so the second
    function would replace the first there (and pydantic/dataclasses resolve annotations via sys.modules).
    This loader gives each function its own module name, `funksjoner.<name>.main`."""

    def last(source: str) -> Any:
        import importlib.util

        katalog = str(Path(source).resolve().parent)
        modulnavn = f"funksjoner.{navn}.main"
        spec = importlib.util.spec_from_file_location(modulnavn, source, submodule_search_locations=[katalog])
        assert spec is not None
        modul = importlib.util.module_from_spec(spec)
        if katalog not in sys.path:
            sys.path.append(katalog)
        sys.modules[modulnavn] = modul
        return modul, spec

    return last


class Funksjonsvert(Ruting, Levering):
    def __init__(
        self,
        standardprosjekt: str,
        samtidighet: Callable[[str], int] = lambda fn: 0,
        ko_frist_s: float = 30.0,
        pubsub_url: str | None = None,
        ack_frist_s: int = 60,
        prosesser: Callable[[str], int] = lambda fn: 0,
    ) -> None:
        self.standardprosjekt = standardprosjekt
        self.prosesser = prosesser
        """Worker processes that pull a Pub/Sub function's subscription (0 = pulled in this process)."""
        self._arbeidere: dict[str, Arbeidere] = {}
        self._manifester: list[Path] = []
        self.pubsub_url = pubsub_url
        self.ack_frist_s = ack_frist_s
        """Lease extension of a pulled message still running (the subscription's ack deadline)."""
        self._trekkere: dict[tuple[str, str], Trekker] = {}
        self.plasser = Plasser(samtidighet, ko_frist_s)
        self.funksjoner: dict[str, Funksjon] = {}
        self.apper: dict[str, WsgiApp] = {}
        self.feil: dict[str, str] = {}
        """Functions that failed to load: one broken function must not take the whole local stack down."""
        self._las = threading.Lock()
        self._koer: dict[tuple[str, str], ThreadPoolExecutor] = {}

    def last(self, manifester: list[Path], bare: str | None = None) -> list[str]:
        """Load the functions of these manifests (`bare`: only that one, in a worker process); worker processes
        load them too."""
        with self._las:
            nye = []
            self._manifester += [m for m in manifester if m not in self._manifester]
            for arbeidere in self._arbeidere.values():
                arbeidere.last(manifester)
            for f in les_manifester(manifester):
                if f.navn in self.funksjoner or bare is not None and f.navn != bare:
                    continue
                original = _function_registry.load_function_module
                _function_registry.load_function_module = last_modul_unikt(f.navn)
                try:
                    app = functions_framework.create_app(f.navn, str(f.kilde), f.signaturtype)  # type: ignore[no-untyped-call]
                except Exception as e:  # noqa: BLE001 - any import error of user code; reported, not fatal
                    self.feil[f.navn] = f"{type(e).__name__}: {e}"
                    logg("ERROR", f"{f.navn} kunne ikke lastes", funksjon=f.navn, feil=traceback.format_exc())
                    continue
                finally:
                    _function_registry.load_function_module = original
                self.feil.pop(f.navn, None)
                self.apper[f.navn] = app
                self.funksjoner[f.navn] = f
                nye.append(f.navn)
            return nye

    def _app(self, fn: str) -> WsgiApp:
        if fn not in self.apper:
            raise Svar("404 Not Found", f"funksjonen {fn} er ikke lastet")
        return self.apper[fn]

    def trekk(self, prosjekt: str, fn: str, abonnement: str, topic: str) -> None:
        """Start pulling `abonnement` for `fn` in `prosjekt`, replacing an earlier puller (after `reset` the
        subscription is a new one under the same name)."""
        if self.pubsub_url is None:
            raise Svar("409 Conflict", "verten kjenner ikke Pub/Sub-emulatoren")
        self._app(fn)
        if self.prosesser(fn) > 0:
            with self._las:
                if fn not in self._arbeidere:
                    self._arbeidere[fn] = Arbeidere(fn, self.prosesser(fn), self.plasser.antall(fn), self._manifester)
                arbeidere = self._arbeidere[fn]
            arbeidere.trekk({"prosjekt": prosjekt, "funksjon": fn, "abonnement": abonnement, "topic": topic})
            return
        with self._las:
            gammel = self._trekkere.get((prosjekt, fn))
            if gammel is not None:
                gammel.stopp()
            trekker = Trekker(self, prosjekt, fn, abonnement, topic)
            self._trekkere[prosjekt, fn] = trekker
        trekker.start()


def lag_vert(
    konfig: StackKonfig, samtidighet: Callable[[str], int], prosesser: Callable[[str], int] = lambda fn: 0
) -> Funksjonsvert:
    """The host (or a worker process's host) on this stack's config."""
    return Funksjonsvert(konfig.prosjekt, samtidighet, konfig.ko_frist_s, konfig.url("pubsub"), konfig.ack_frist_s,
                         prosesser)  # fmt: skip
