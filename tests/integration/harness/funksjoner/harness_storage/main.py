import functions_framework
from cloudevents.http import CloudEvent

from shared.edge.hendelser.cloudevents import gcs_objekt
from tests.integration.harness.funksjoner._felles import noter


@functions_framework.cloud_event
def harness_storage(event: CloudEvent) -> None:
    objekt = gcs_objekt(event)
    noter(
        "gcs-" + objekt.navn.replace("/", "_"),
        bucket=objekt.bucket,
        navn=objekt.navn,
        storrelse=objekt.storrelse,
        content_type=objekt.content_type,
        type=event["type"],
        source=event["source"],
        subject=event.get("subject"),
    )
