"""`python -m emulators.funksjonsvert [--port N] [--manifest PATH ...]`: the host, or one of its worker processes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server

from emulators.funksjonsvert.felles import Svar, logg
from emulators.funksjonsvert.planlegger import Planlegger
from emulators.funksjonsvert.vert import lag_vert
from emulators.konfig import ROT, les_konfig


class StilleHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if not str(code).startswith("2"):
            super().log_request(code, size)


def arbeider(fn: str, plasser: int, manifester: list[Path]) -> int:
    """A worker process (`Arbeidere`): pulls `fn`'s subscriptions as commanded on stdin until EOF."""
    vert = lag_vert(les_konfig(), lambda f: plasser)
    vert.last(manifester, bare=fn)
    for linje in sys.stdin:
        kommando = json.loads(linje)
        try:
            if "last" in kommando:
                vert.last([Path(m) for m in kommando["last"]], bare=fn)
            if "trekk" in kommando:
                t = kommando["trekk"]
                vert.trekk(t["prosjekt"], t["funksjon"], t["abonnement"], t["topic"])
        except Svar as s:
            logg("ERROR", f"{fn}: arbeidsprosessen avviste {sorted(kommando)}", funksjon=fn, feil=s.tekst)
    return 0


def _publiser_i(prosjekt: str) -> Callable[[str, bytes], None]:
    from google.cloud import pubsub_v1  # the host's environment points it at the Pub/Sub emulator

    klient = pubsub_v1.PublisherClient()

    def publiser(topic: str, data: bytes) -> None:
        klient.publish(klient.topic_path(prosjekt, topic), data).result(timeout=10)

    return publiser


def main(argv: list[str] | None = None) -> int:
    konfig = les_konfig()
    parser = argparse.ArgumentParser(prog="python -m emulators.funksjonsvert")
    parser.add_argument("--port", type=int, default=konfig.port("funksjonsvert"))
    parser.add_argument("--manifest", action="append", type=Path, default=[])
    parser.add_argument("--arbeider", metavar="FUNKSJON", help="a worker process of the host (Arbeidere)")
    parser.add_argument("--plasser", type=int, default=0)
    args = parser.parse_args(argv)
    if str(ROT) not in sys.path:
        sys.path.insert(0, str(ROT))
    if args.arbeider:
        return arbeider(args.arbeider, args.plasser, args.manifest)
    vert = lag_vert(konfig, konfig.samtidighet_for, konfig.prosesser_for)
    lastet = vert.last(list(konfig.manifester) + args.manifest)
    logg("INFO", "funksjonsvert klar", port=args.port, funksjoner=lastet)
    Planlegger(_publiser_i(konfig.prosjekt)).start()
    server = make_server(konfig.vert, args.port, vert, threaded=True, request_handler=StilleHandler)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
