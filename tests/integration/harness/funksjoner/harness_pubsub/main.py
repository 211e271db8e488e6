import functions_framework
from cloudevents.http import CloudEvent
from google.cloud import firestore

from shared.edge.events import pubsub_attributter, pubsub_json
from tests.integration.harness.funksjoner._felles import klient, noter


class MeningsfullFeil(RuntimeError):
    pass


@functions_framework.cloud_event
def harness_pubsub(event: CloudEvent) -> None:
    """Fails the first `feil_ganger` deliveries of a message, then notes it; counts every attempt."""
    melding = pubsub_json(event)
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
