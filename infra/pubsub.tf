# Every topic of shared/topics.py (domene.md §3.4, §7.1, §10.1). A topic with `dlq = true` is one a function
# subscribes to (topics.INNGAENDE) and gets the dead-letter topic `<topic>-dlq` (topics.dlq()).
#
# Delivery to the functions is a Pub/Sub push subscription per (function, topic) that this file owns, not the
# Eventarc trigger of google_cloudfunctions2_function: only an own subscription can carry the dead-letter policy
# (5 deliveries) and the retry policy (10 s–600 s) of domene.md §7.1, and it lets one function listen on a topic and
# on a Firestore trigger at once (send_utsendinger). Locally the emulator stack does the same (push + dead letter).

locals {
  topics = {
    "arrangor-v1"           = { dlq = true }
    "avtale-v1"             = { dlq = true }
    "gjennomforing-v1"      = { dlq = true }
    "deltaker-v1"           = { dlq = true }
    "forslag-v1"            = { dlq = true }
    "okonomi-inn"           = { dlq = true }
    "generering-start"      = { dlq = true }
    "generer-utbetaling"    = { dlq = true }
    "utsending-tikk"        = { dlq = true }
    "tao-daglig"            = { dlq = true }
    "varsling-tikk"         = { dlq = true }
    "varsling-daglig"       = { dlq = true }
    "avstemming-daglig"     = { dlq = true }
    "okonomi-ut"            = { dlq = false }
    "grensesnittavstemming" = { dlq = false }
    "arkivering-dlq"        = { dlq = false }
    "avtale-daglig"         = { dlq = true }
    "avtale-utsending-tikk" = { dlq = true }
    "avtale-hendelse"       = { dlq = false }
    "avtale-inngatt"        = { dlq = false }
  }

  dlq_topics = toset([for t, v in local.topics : "${t}-dlq" if v.dlq])

  kilde_topics = ["arrangor-v1", "avtale-v1", "gjennomforing-v1", "deltaker-v1", "forslag-v1"]

  pubsub_agent = "serviceAccount:service-${data.google_project.denne.number}@gcp-sa-pubsub.iam.gserviceaccount.com"

  # Retry and dead letter of every push subscription (domene.md §7.1, §10.1).
  maks_leveringer = 5
  retry_min       = "10s"
  retry_max       = "600s"
}

# --- encryption: the inbound messages carry fødselsnummer (deltaker-v1), so topics use a key of our own ---

resource "google_kms_key_ring" "utbetaling" {
  project  = var.project_id
  name     = "utbetaling"
  location = var.region

  depends_on = [google_project_service.api]
}

resource "google_kms_crypto_key" "pubsub" {
  name            = "pubsub"
  key_ring        = google_kms_key_ring.utbetaling.id
  rotation_period = "7776000s" # 90 days

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_kms_crypto_key_iam_member" "pubsub_agent" {
  crypto_key_id = google_kms_crypto_key.pubsub.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = local.pubsub_agent
}

# --- topics ---

resource "google_pubsub_topic" "topic" {
  for_each = local.topics

  project      = var.project_id
  name         = each.key
  kms_key_name = google_kms_crypto_key.pubsub.id

  message_storage_policy {
    allowed_persistence_regions = [var.region]
  }

  depends_on = [google_kms_crypto_key_iam_member.pubsub_agent]
}

resource "google_pubsub_topic" "dlq" {
  for_each = local.dlq_topics

  project      = var.project_id
  name         = each.key
  kms_key_name = google_kms_crypto_key.pubsub.id

  message_storage_policy {
    allowed_persistence_regions = [var.region]
  }

  depends_on = [google_kms_crypto_key_iam_member.pubsub_agent]
}

# Dead letters are kept (7 days) for the alert and for replay; without a subscription a dead-letter topic drops them.
resource "google_pubsub_subscription" "dlq" {
  for_each = local.dlq_topics

  project                    = var.project_id
  name                       = "${each.key}-oppbevaring"
  topic                      = google_pubsub_topic.dlq[each.key].id
  message_retention_duration = "604800s"
  ack_deadline_seconds       = 60

  expiration_policy {
    ttl = ""
  }
}

# arkivering-dlq is the dead-letter topic of a Firestore-triggered function (arkiver publishes to it itself), so it is
# an ordinary topic here; its dead letters are kept the same way.
resource "google_pubsub_subscription" "arkivering_dlq" {
  project                    = var.project_id
  name                       = "arkivering-dlq-oppbevaring"
  topic                      = google_pubsub_topic.topic["arkivering-dlq"].id
  message_retention_duration = "604800s"
  ack_deadline_seconds       = 60

  expiration_policy {
    ttl = ""
  }
}

# The Pub/Sub service agent forwards to the dead-letter topics and acks on the source subscriptions.
resource "google_pubsub_topic_iam_member" "dlq_agent" {
  for_each = local.dlq_topics

  project = var.project_id
  topic   = google_pubsub_topic.dlq[each.key].name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_agent
}

# --- push subscriptions: one per (function, topic) of local.funksjoner (functions.tf) ---

resource "google_pubsub_subscription" "push" {
  for_each = local.pubsub_utlosere

  project = var.project_id
  name    = "${each.value.topic}-${replace(each.value.funksjon, "_", "-")}"
  topic   = google_pubsub_topic.topic[each.value.topic].id

  # An event function may run up to its timeout (at most 540 s) before it answers the push.
  ack_deadline_seconds       = 600
  message_retention_duration = "604800s"

  push_config {
    # The path makes functions-framework set the CloudEvent source to the topic, as Eventarc would.
    push_endpoint = "${google_cloudfunctions2_function.funksjon[each.value.funksjon].service_config[0].uri}/projects/${var.project_id}/topics/${each.value.topic}"

    oidc_token {
      service_account_email = google_service_account.utloser.email
      audience              = google_cloudfunctions2_function.funksjon[each.value.funksjon].service_config[0].uri
    }
  }

  retry_policy {
    minimum_backoff = local.retry_min
    maximum_backoff = local.retry_max
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dlq["${each.value.topic}-dlq"].id
    max_delivery_attempts = local.maks_leveringer
  }

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription_iam_member" "push_agent" {
  for_each = local.pubsub_utlosere

  project      = var.project_id
  subscription = google_pubsub_subscription.push[each.key].name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

# --- okonomi-ut: the economy system's subscription, ordered by bestillingsnummer (domene.md §10.1) ---

resource "google_pubsub_subscription" "okonomi_ut" {
  project                    = var.project_id
  name                       = "okonomi-ut-okonomisystem"
  topic                      = google_pubsub_topic.topic["okonomi-ut"].id
  enable_message_ordering    = true
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  retry_policy {
    minimum_backoff = local.retry_min
    maximum_backoff = local.retry_max
  }

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription_iam_member" "okonomi_ut" {
  for_each = toset(var.okonomi_ut_abonnenter)

  project      = var.project_id
  subscription = google_pubsub_subscription.okonomi_ut.name
  role         = "roles/pubsub.subscriber"
  member       = each.value
}

# --- grensesnittavstemming: the daily reconciliation summary, pulled by the economy system (issue 18) ---

resource "google_pubsub_subscription" "grensesnittavstemming" {
  project                    = var.project_id
  name                       = "grensesnittavstemming-okonomisystem"
  topic                      = google_pubsub_topic.topic["grensesnittavstemming"].id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  retry_policy {
    minimum_backoff = local.retry_min
    maximum_backoff = local.retry_max
  }

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription_iam_member" "grensesnittavstemming" {
  for_each = toset(var.okonomi_ut_abonnenter)

  project      = var.project_id
  subscription = google_pubsub_subscription.grensesnittavstemming.name
  role         = "roles/pubsub.subscriber"
  member       = each.value
}

# --- who outside the service may publish in ---

resource "google_pubsub_topic_iam_member" "okonomi_inn" {
  for_each = toset(var.okonomi_inn_publisister)

  project = var.project_id
  topic   = google_pubsub_topic.topic["okonomi-inn"].name
  role    = "roles/pubsub.publisher"
  member  = each.value
}

resource "google_pubsub_topic_iam_member" "kilder" {
  for_each = { for p in setproduct(local.kilde_topics, var.kilde_publisister) : "${p[0]} ${p[1]}" => p }

  project = var.project_id
  topic   = google_pubsub_topic.topic[each.value[0]].name
  role    = "roles/pubsub.publisher"
  member  = each.value[1]
}
