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

variable "nav_gruppe_roller" {
  description = "JSON: Entra ID group id → {rolle, kostnadssteder: [\"0400\", ...] | \"ALLE\"} (or a list of them), NAV_GRUPPE_ROLLER; a wrong entry stops the Nav API at start."
  type        = string
  default     = "{}"
}

variable "kontoregister_url" {
  description = "Base URL of Nav's account register for organisations (kontoregister), KONTOREGISTER_URL."
  type        = string
  default     = "https://sokos-kontoregister.intern.nav.no"
}

variable "kontoregister_scope" {
  description = "Entra ID scope of the account register, KONTOREGISTER_SCOPE."
  type        = string
  default     = "api://prod-gcp.okonomi.sokos-kontoregister/.default"
}

variable "clamav_url" {
  description = "Base URL of Nav's ClamAV REST service (PUT /scan), CLAMAV_URL."
  type        = string
  default     = "http://clamav.nais-system"
}

variable "nav_drift_grupper" {
  description = "Comma-separated Entra ID group ids of the DRIFT operators who may re-publish a FAKTURA, NAV_DRIFT_GRUPPER."
  type        = string
  default     = ""
}

variable "dokarkiv_url" {
  description = "Base URL of Nav's document archive (dokarkiv, opprett journalpost), DOKARKIV_URL."
  type        = string
  default     = "https://dokarkiv.intern.nav.no"
}

variable "dokarkiv_scope" {
  description = "Entra ID scope of the document archive API, DOKARKIV_SCOPE."
  type        = string
  default     = "api://prod-fss.teamdokumenthandtering.dokarkiv/.default"
}

variable "dokarkiv_fagsaksystem" {
  description = "sak.fagsaksystem of the journalposts (the code Nav registers for this service), DOKARKIV_FAGSAKSYSTEM."
  type        = string
  default     = "TILTAKSADMINISTRASJON"
}

# --- notices (issue 16 §2) ---

variable "arrangorflate_url" {
  description = "Base URL of the arrangør front end, for the link in a notice, ARRANGORFLATE_URL."
  type        = string
  default     = "https://arbeidsgiver.nav.no/utbetaling-tiltak"
}

variable "altinn_varsling_scope" {
  description = "Scope of the Maskinporten token for Altinn 3 Notifications, ALTINN_VARSLING_SCOPE."
  type        = string
  default     = "altinn:serviceowner/notifications.create"
}

variable "oppgave_url" {
  description = "Nav's Oppgave API base URL, OPPGAVE_URL."
  type        = string
  default     = "https://oppgave.intern.nav.no"
}

variable "oppgave_scope" {
  description = "Entra ID scope of the Oppgave API, OPPGAVE_SCOPE."
  type        = string
  default     = "api://prod-fss.oppgavehandtering.oppgave/.default"
}

variable "attestering_varsel_dager" {
  description = "Days a line may wait for attestation before Nav gets a notice, ATTESTERING_VARSEL_DAGER."
  type        = number
  default     = 3
}

# --- Entra ID client credentials of this service (archive, Oppgave) ---

variable "entra_token_url" {
  description = "Entra ID token endpoint for the client-credentials grant, ENTRA_TOKEN_URL."
  type        = string
  default     = "https://login.microsoftonline.com/nav.no/oauth2/v2.0/token"
}

variable "entra_klient_id" {
  description = "Entra ID client id of this service, ENTRA_KLIENT_ID (its secret: entra-klient-hemmelighet)."
  type        = string
  default     = ""
}
