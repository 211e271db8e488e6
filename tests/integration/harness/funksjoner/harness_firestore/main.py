import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser.cloudevents import firestore_dokument
from tests.integration.harness.funksjoner._felles import noter


@functions_framework.cloud_event
def harness_firestore(event: CloudEvent) -> None:
    endring = firestore_dokument(event)
    noter(
        "fs-" + endring.sti.replace("/", "_") + f"-{(endring.felt or {}).get('versjon', 'slettet')}",
        sti=endring.sti,
        felt=endring.felt,
        gamle_felt=endring.gamle_felt,
        type=event["type"],
        source=event["source"],
        subject=event.get("subject"),
        datacontenttype=event.get("datacontenttype"),
        modul=__name__,
    )
