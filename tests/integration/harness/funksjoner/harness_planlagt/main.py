import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser.cloudevents import pubsub_attributter, pubsub_data, pubsub_json, pubsub_publisert
from tests.integration.harness.funksjoner._felles import noter


@functions_framework.cloud_event
def harness_planlagt(event: CloudEvent) -> None:
    noter(
        "planlagt-" + event["id"],
        data=pubsub_data(event).decode(),
        json=pubsub_json(event),
        attributter=pubsub_attributter(event),
        publisert=pubsub_publisert(event),
        source=event["source"],
    )
