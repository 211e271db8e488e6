# Secret Manager holds the secrets; Terraform creates only the secret containers, never a value (no value in code or
# state). Add a version before the first apply of the functions that use it, e.g.
#   openssl rand -base64 48 | gcloud secrets versions add bruker-hmac-nokkel --data-file=- --project <project>
# Functions read `latest` at instance start (secret_environment_variables in functions.tf).
locals {
  hemmeligheter = {
    "bruker-hmac-nokkel"       = "Nøkkel for HMAC-SHA256(pid): cache-nøkkel for Altinn og binding av vedlegg til bruker (domene.md §2, §8.4); BRUKER_HMAC_NOKKEL"
    "maskinporten-nokkel-pem"  = "Privat nøkkel (PEM) for Maskinporten JWT-grant til Altinn (domene.md §2); MASKINPORTEN_NOKKEL_PEM"
    "entra-klient-hemmelighet" = "Klienthemmelighet for Entra ID client credentials til Oppgave (issue 16 §2); ENTRA_KLIENT_HEMMELIGHET"
  }
}

resource "google_secret_manager_secret" "hemmelighet" {
  for_each = local.hemmeligheter

  project   = var.project_id
  secret_id = each.key

  annotations = {
    beskrivelse = each.value
  }

  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }

  depends_on = [google_project_service.api]
}
