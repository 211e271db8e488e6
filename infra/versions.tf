terraform {
  # `terraform validate` cannot run in this repo's offline CI (the provider comes from a registry it cannot reach),
  # so it is the first command a deployer runs; see README.md.
  required_version = ">= 1.5.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.4"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = {
    system = "utbetalinger-tiltaksarrangorer"
    miljo  = var.miljo
  }
}

data "google_project" "denne" {
  project_id = var.project_id
}
