"""The host's WSGI router: the paths of the emulators, the host's own endpoints and the HTTP functions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from emulators.funksjonsvert.felles import Svar, les_kropp, svar


class Ruting:
    """The routing half of `Funksjonsvert` (a mixin)."""

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        deler = [d for d in environ.get("PATH_INFO", "").split("/") if d]
        try:
            return self._ruter(deler, environ, start_response)
        except Svar as s:
            return svar(start_response, s.status, s.tekst)

    def _ruter(self, deler: list[str], env: dict[str, Any], sr: Callable[..., Any]) -> Iterable[bytes]:  # noqa: C901
        match deler:
            case ["_vert", "helse"]:
                arbeidere = {fn: a.pider() for fn, a in self._arbeidere.items()}
                helse = {"funksjoner": sorted(self.funksjoner), "feil": self.feil, "arbeidere": arbeidere}
                return svar(sr, "200 OK", json.dumps(helse), "application/json")
            case ["_vert", "dev-utsteder", "jwks"]:
                from shared.edge.http import dev_utsteder  # the local dev issuer's public key domene.md §2

                return svar(sr, "200 OK", json.dumps(dev_utsteder.jwks()), "application/json")
            case ["_vert", "last"]:
                data = json.loads(les_kropp(env) or b"{}")
                nye = self.last([Path(p) for p in data.get("manifester", [])])
                lastet = {"lastet": nye, "feil": dict(self.feil)}
                return svar(sr, "200 OK", json.dumps(lastet), "application/json")
            case ["functions", "projects", prosjekt, "triggers", fn]:
                return self._firestore(prosjekt, fn, env, sr)
            case ["_vert", "trekk"]:
                d = json.loads(les_kropp(env) or b"{}")
                self.trekk(d["prosjekt"], d["funksjon"], d["abonnement"], d["topic"])
                return svar(sr, "200 OK", "")
            case ["_storage", prosjekt, fn, *_]:
                return self._storage(prosjekt, fn, env, sr)
            case ["_prosjekt", prosjekt, fn, *_]:
                return self._http(prosjekt, fn, 3, env, sr)
            case [fn, *_] if fn in self.funksjoner:
                return self._http(self.standardprosjekt, fn, 1, env, sr)
        raise Svar("404 Not Found", f"ingen funksjon på {env.get('PATH_INFO')}")
