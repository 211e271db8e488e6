variable "project_id" {
  description = "Google Cloud project id; one project per environment."
  type        = string
}

variable "region" {
  description = "Region of the functions, triggers, buckets, secrets and keys. Firestore and Eventarc must match."
  type        = string
  default     = "europe-north1"
}

variable "miljo" {
  description = "Environment name (MILJO in shared/config.py)."
  type        = string
  default     = "dev"

  validation {
    condition     = contains(["dev", "prod"], var.miljo)
    error_message = "miljo must be dev or prod (lokal is the emulator stack and is never deployed)."
  }
}

variable "python_runtime" {
  description = "Cloud Functions runtime of every function."
  type        = string
  default     = "python312"
}

variable "utbetaling_navnerom" {
  description = "UUIDv5 namespace of generated claim ids (domene.md §7.1). Never change it in a running environment."
  type        = string
  default     = "5b7e2a4c-0f0b-4f5e-8d1e-6c2a9b3f7d10"
}

variable "http_invokere" {
  description = <<-EOT
    Members allowed to invoke the HTTPS functions (roles/run.invoker), i.e. the gateway in front of them, e.g.
    ["serviceAccount:gateway@<project>.iam.gserviceaccount.com"]. The functions verify the user's OIDC token
    themselves (domene.md §2). Empty = nobody can call the APIs yet.
  EOT
  type        = list(string)
  default     = []
}

variable "okonomi_ut_abonnenter" {
  description = "Members allowed to pull okonomi-ut (the economy system), roles/pubsub.subscriber on its subscription."
  type        = list(string)
  default     = []
}

variable "okonomi_inn_publisister" {
  description = "Members allowed to publish faktura status to okonomi-inn (the economy system)."
  type        = list(string)
  default     = []
}

variable "kilde_publisister" {
  description = "Members allowed to publish to the inbound data topics (arrangor-v1 ... forslag-v1): Nav's source systems."
  type        = list(string)
  default     = []
}

variable "arrangor_oidc_issuer" {
  description = "Accepted iss of the arrangør API (TokenX / ID-porten), ARRANGOR_OIDC_ISSUER."
  type        = string
  default     = "https://idporten.no"
}

variable "arrangor_oidc_audience" {
  description = "Accepted aud of the arrangør API, ARRANGOR_OIDC_AUDIENCE."
  type        = string
  default     = "utbetaling-arrangor-api"
}

variable "arrangor_jwks_url" {
  description = "JWKS of the arrangør token issuer, ARRANGOR_JWKS_URL."
  type        = string
  default     = "https://idporten.no/jwks.json"
}

variable "altinn_url" {
  description = "Altinn 3 platform base URL, ALTINN_URL."
  type        = string
  default     = "https://platform.altinn.no"
}

variable "maskinporten_klient_id" {
  description = "Maskinporten client id of the Altinn adapter, MASKINPORTEN_KLIENT_ID (not secret; the key is)."
  type        = string
  default     = ""
}

variable "maskinporten_token_url" {
  description = "MASKINPORTEN_TOKEN_URL."
  type        = string
  default     = "https://maskinporten.no/token"
}

variable "maskinporten_audience" {
  description = "MASKINPORTEN_AUDIENCE."
  type        = string
  default     = "https://maskinporten.no/"
}

variable "maskinporten_scope" {
  description = "Scope of the Maskinporten token for Altinn's authorized-parties API, MASKINPORTEN_SCOPE."
  type        = string
  default     = "altinn:accessmanagement/authorizedparties.resourceowner"
}

variable "scheduler_region" {
  description = "Cloud Scheduler location; null = var.region. Set another region only if Cloud Scheduler is not offered in var.region."
  type        = string
  default     = null
}

variable "nav_oidc_issuer" {
  description = "Accepted iss of the Nav API (Nav's Entra ID tenant), NAV_OIDC_ISSUER. Empty = the Nav API does not start (fail closed, shared/config.py krev_gyldig)."
  type        = string
  default     = ""
}

variable "nav_oidc_audience" {
  description = "Accepted aud of the Nav API, NAV_OIDC_AUDIENCE."
  type        = string
  default     = "utbetaling-nav-api"
}

variable "nav_jwks_url" {
  description = "JWKS of the Nav token issuer, NAV_JWKS_URL."
  type        = string
  default     = ""
}

variable "nav_drift_grupper" {
  description = "Comma-separated Entra ID group ids of the DRIFT operators who may re-publish a FAKTURA, NAV_DRIFT_GRUPPER."
  type        = string
  default     = ""
}
