import os
import time

import functions_framework
from cloudevents.http import CloudEvent
from google.cloud import firestore

from shared.edge.hendelser.cloudevents import pubsub_attributter, pubsub_json
from tests.integration.harness.funksjoner._felles import klient, noter


class MeningsfullFeil(RuntimeError):
    pass


@functions_framework.cloud_event
def harness_pubsub(event: CloudEvent) -> None:
    """Fails the first `feil_ganger` deliveries of a message, then notes it; counts every attempt. With `sov_s`
    it takes that long, noting when it began and ended and in which process (the monotonic clock is the machine's,
    so times compare across the host's worker processes)."""
    melding = pubsub_json(event)
    if "sov_s" in melding:
        start = time.monotonic()
        time.sleep(melding["sov_s"])
        noter("ps-" + melding["id"], start=start, slutt=time.monotonic(), pid=os.getpid())
        return
    forsok = klient().collection("harness_forsok").document(melding["id"])
    forsok.set({"antall": firestore.Increment(1)}, merge=True)
    antall = forsok.get().get("antall")
    if antall <= melding.get("feil_ganger", 0):
        raise MeningsfullFeil(f"forsøk {antall} feiler med vilje")
    noter(
        "ps-" + melding["id"],
        data=melding,
        attributter=pubsub_attributter(event),
        forsok=antall,
        type=event["type"],
        source=event["source"],
        id=event["id"],
        subscription=event.get_data()["subscription"],
        modul=__name__,
    )
