# Attachments (domene.md §8.4, §11): `midlertidig/{vedleggId}` until a claim uses them, then `krav/{utbetaling_id}/`.
# The name equals the code's default (`{project}-vedlegg`, shared/config.py), and VEDLEGG_BUCKET is set anyway.
resource "google_storage_bucket" "vedlegg" {
  # checkov:skip=CKV_GCP_62: Access is recorded by Cloud Audit Logs Data Access logs (google_project_iam_audit_config.storage in iam.tf), Google's recommended replacement for bucket usage logs.
  project                     = var.project_id
  name                        = "${var.project_id}-vedlegg"
  location                    = var.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = true
  }

  # Unused uploads: the service refuses ids older than 24 h, the object goes after 2 days.
  lifecycle_rule {
    condition {
      age            = 2
      matches_prefix = ["midlertidig/"]
    }
    action {
      type = "Delete"
    }
  }

  # With versioning a deleted upload stays as a noncurrent version; remove it a day later.
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 1
      matches_prefix             = ["midlertidig/"]
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  # Overwritten or deleted archive copies are kept 30 days for recovery.
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 30
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.api]
}

# Function source zips from `make bundle` (functions.tf), named by their hash.
resource "google_storage_bucket" "kilder" {
  # checkov:skip=CKV_GCP_62: Holds only build inputs; writes are recorded by Cloud Audit Logs (Admin Activity and the Data Access config in iam.tf).
  project                     = var.project_id
  name                        = "${var.project_id}-funksjonskilder"
  location                    = var.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 30
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.api]
}
