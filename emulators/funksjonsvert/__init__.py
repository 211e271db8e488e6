"""The local functions host: every function of the manifests in one process, delivered to as gen2 would.

Worker processes serve the Pub/Sub functions of `[funksjonsvert.prosesser]`. The package: `vert.py` loads the
functions and holds their slots; `ruting.py` is the WSGI router; `levering.py` delivers the four kinds of trigger;
`trekker.py` pulls Pub/Sub subscriptions; `arbeidere.py` runs the worker processes; `felles.py` the shared helpers.

    python -m emulators.funksjonsvert [--port N] [--manifest PATH ...]

Each function is a functions-framework app (`create_app(target, source, signature_type)`); a small WSGI router
in front translates what the emulators send into what Eventarc/Cloud Functions would send:

  POST /functions/projects/{p}/triggers/{fn}
      From the Firestore emulator (gen2 eventarc trigger). The body is base64 text of DocumentEventData; it is
      forwarded as a binary CloudEvent with the raw protobuf body (and the emulator's doubled "projects/" in
      ce-source fixed).
  POST /_vert/trekk                  {"prosjekt", "funksjon", "abonnement", "topic"} (klargjor_prosjekt): the host
      pulls that subscription for the function (see below) and delivers each message as a binary CloudEvent
      google.cloud.pubsub.topic.v1.messagePublished with data {"message": {...}, "subscription": ...}, as
      Eventarc sends it.
  POST /_storage/{p}/{fn}/projects/{gp}/topics/{gt}
      A fake-gcs-server notification via Pub/Sub push. Forwarded as
      google.cloud.storage.object.v1.<finalized|...> with the object JSON as data, if the bucket (a Settings
      field, read in project p) and the event type match the trigger; otherwise acked with 204.
  ANY  /{fn}/rest...                 HTTP function in the stack's default project.
  ANY  /_prosjekt/{p}/{fn}/rest...   HTTP function in project p.
  GET  /_vert/helse                  health: the loaded functions.
  GET  /_vert/dev-utsteder/jwks      JWKS of the local dev issuer (shared/edge/http/dev_utsteder.py).
  POST /_vert/last                   {"manifester": [...]}: load more manifests (klargjor_prosjekt).

HTTP prefix: the router moves `/{fn}` (or `/_prosjekt/{p}/{fn}`) into SCRIPT_NAME, so the function sees
`request.path == "/rest..."` as behind `https://REGION-PROJECT.cloudfunctions.net/{fn}/rest...`;
`request.url` still carries the full URL.

Pub/Sub-triggered functions are pulled, not pushed: the emulator's push loop pulls one message at a time and
waits for the endpoint's answer (measured: never more than 2 deliveries in flight per subscription, whatever the
endpoint could take), while Eventarc pushes as many at once as the function has instances. So the host pulls each
function's subscription with as many messages in flight as the function has free slots (short polls; see
`trekker.Trekker` for the two alternatives that failed), acks on success and nacks on an error, so the subscription's
own retry policy and dead-letter policy apply as in the cloud; the lease of a message still running is extended. A
function that raises thus gets the message again (retry policy, then the dead-letter topic after
`maks_leveringer`).

A function listed in `[funksjonsvert.prosesser]` is pulled by that many worker processes instead
(`arbeidere.Arbeidere`): each is a host process of its own (`--arbeider FN`) with its share of the function's
slots, as each Cloud Functions instance is a process of its own. In one process, 20 generation workers shared one
GIL: the host held 0.88 of the 2 cores and the Firestore emulator waited
(0.34 cores, 0.53 idle, measured during the §13 run).

Each function runs at most `[funksjonsvert.samtidighet]` deliveries at once (stack.toml; max instances ×
concurrency 1 of Cloud Functions): the others wait for a slot. An HTTP request that waits longer than `ko_frist_s`
gets 429, as a function at max instances answers. A Firestore-trigger delivery is answered
at once and run on the function's own FIFO queue (as many threads as slots), waiting as long as it takes: the emulator
sends all functions' events one at a time and never retries them (Eventarc delivers each trigger independently).
Each event is run inside `shared.config.i_prosjekt(p)` for the project it came from, so one host serves many
isolated test projects.
"""

from emulators.funksjonsvert.vert import Funksjonsvert

__all__ = ["Funksjonsvert"]
