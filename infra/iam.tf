# One service account per function with only what it needs, one for builds, one that delivers triggers.
#
# What IAM cannot express here (see README.md):
# - "Only the API service accounts may write tilgangslogg": the grants below give the write permission to those
#   accounts only, but any principal with an unconditional project-wide Firestore role (Owner, Editor,
#   roles/datastore.owner/user granted outside this stack) can still write it. Closing that needs an IAM deny policy
#   on the Firestore permissions with the API accounts as exceptions, which is not here because whether deny policies
#   cover these permissions cannot be checked offline.
# - "No function reads tilgangslogg" holds for our accounts (the custom role has create only), not for humans.

locals {
  # Firestore IAM conditions match the database resource name.
  hoved_db_betingelse        = "resource.name == \"projects/${var.project_id}/databases/${google_firestore_database.hoved.name}\""
  tilgangslogg_db_betingelse = "resource.name == \"projects/${var.project_id}/databases/${google_firestore_database.tilgangslogg.name}\""

  alle_topic_navn = merge(
    { for k, t in google_pubsub_topic.topic : k => t.name },
    { for k, t in google_pubsub_topic.dlq : k => t.name },
  )

  publisering = {
    for p in flatten([
      for navn, f in local.fn : [for t in f.publiserer : { funksjon = navn, topic = t }]
    ]) : "${p.funksjon} ${p.topic}" => p
  }

  hemmelighet_tilgang = {
    for p in flatten([
      for navn, f in local.fn : [for hemmelighet in values(f.hemmeligheter) : { funksjon = navn, hemmelighet = hemmelighet }]
    ]) : "${p.funksjon} ${p.hemmelighet}" => p
  }

  vedlegg_roller = {
    lese   = "roles/storage.objectViewer"
    skrive = "roles/storage.objectUser"
  }
}

resource "google_service_account" "funksjon" {
  for_each = local.fn

  project      = var.project_id
  account_id   = "fn-${replace(each.key, "_", "-")}"
  display_name = "Cloud Function ${each.key}"
}

# --- the main database: every function reads and writes it ---

resource "google_project_iam_member" "firestore_hoved" {
  for_each = local.fn

  project = var.project_id
  role    = "roles/datastore.user"
  member  = "serviceAccount:${google_service_account.funksjon[each.key].email}"

  condition {
    title       = "bare-hoveddatabasen"
    description = "Firestore (default) only, not tilgangslogg"
    expression  = local.hoved_db_betingelse
  }
}

# --- the access log: create only, API accounts only (domene.md §11) ---

resource "google_project_iam_custom_role" "tilgangslogg_skriver" {
  project     = var.project_id
  role_id     = "tilgangsloggSkriver"
  title       = "Tilgangslogg: skrive nye oppføringer"
  description = "Create documents in the tilgangslogg Firestore database; no read, update or delete."
  permissions = [
    "datastore.databases.getMetadata",
    "datastore.entities.create",
  ]
}

resource "google_project_iam_member" "tilgangslogg" {
  for_each = { for navn, f in local.fn : navn => f if f.tilgangslogg }

  project = var.project_id
  role    = google_project_iam_custom_role.tilgangslogg_skriver.id
  member  = "serviceAccount:${google_service_account.funksjon[each.key].email}"

  condition {
    title       = "bare-tilgangslogg"
    description = "The tilgangslogg database only"
    expression  = local.tilgangslogg_db_betingelse
  }
}

# --- Pub/Sub: publish only to the topics the entry lists ---

resource "google_pubsub_topic_iam_member" "funksjon" {
  for_each = local.publisering

  project = var.project_id
  topic   = local.alle_topic_navn[each.value.topic]
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${google_service_account.funksjon[each.value.funksjon].email}"
}

# --- attachments bucket ---

resource "google_storage_bucket_iam_member" "vedlegg" {
  for_each = { for navn, f in local.fn : navn => f if f.vedlegg != null }

  bucket = google_storage_bucket.vedlegg.name
  role   = local.vedlegg_roller[each.value.vedlegg]
  member = "serviceAccount:${google_service_account.funksjon[each.key].email}"
}

# --- secrets: each function reads only the secrets of its entry ---

resource "google_secret_manager_secret_iam_member" "funksjon" {
  for_each = local.hemmelighet_tilgang

  project   = var.project_id
  secret_id = google_secret_manager_secret.hemmelighet[each.value.hemmelighet].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.funksjon[each.value.funksjon].email}"
}

# --- builds: Cloud Build runs as this account, not the default compute account ---
# The minimum of Google's list for a custom build account (instead of roles/cloudbuild.builds.builder, which may
# act as other service accounts): logs, pushing the image, and reading the uploaded source.

resource "google_service_account" "bygg" {
  project      = var.project_id
  account_id   = "utbetaling-bygg"
  display_name = "Cloud Functions builds"
}

resource "google_project_iam_member" "bygg" {
  for_each = toset([
    "roles/logging.logWriter",
    "roles/artifactregistry.writer",
  ])

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.bygg.email}"
}

# Cloud Functions copies the source to its own gcf-v2-sources-<number>-<region> bucket; the build reads it there.
resource "google_project_iam_member" "bygg_gcf_kilder" {
  project = var.project_id
  role    = "roles/storage.objectViewer"
  member  = "serviceAccount:${google_service_account.bygg.email}"

  condition {
    title       = "bare-gcf-kilder"
    description = "Only the source buckets of Cloud Functions, never the attachments"
    expression  = "resource.name.startsWith(\"projects/_/buckets/gcf-v2-sources-\")"
  }
}

resource "google_storage_bucket_iam_member" "bygg_kilder" {
  bucket = google_storage_bucket.kilder.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.bygg.email}"
}

# --- triggers: Pub/Sub push and Eventarc call the event functions as this account ---

resource "google_service_account" "utloser" {
  project      = var.project_id
  account_id   = "utbetaling-utloser"
  display_name = "Pub/Sub push and Eventarc triggers"
}

resource "google_project_iam_member" "utloser_eventarc" {
  project = var.project_id
  role    = "roles/eventarc.eventReceiver"
  member  = "serviceAccount:${google_service_account.utloser.email}"
}

# Pub/Sub mints the push OIDC token as the trigger account.
resource "google_service_account_iam_member" "pubsub_agent_token" {
  service_account_id = google_service_account.utloser.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
}

# --- audit: reads and writes of attachments are recorded (Data Access audit logs) ---

resource "google_project_iam_audit_config" "storage" {
  project = var.project_id
  service = "storage.googleapis.com"

  audit_log_config {
    log_type = "DATA_READ"
  }

  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
