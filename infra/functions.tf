# Every deployed function, one entry each. The key is the folder in functions/, the entry point and the Terraform
# name (STYLE.md §1); the trigger must equal functions/manifest.toml, which tests/unit/test_infra.py checks.
#
# Adding a function = one entry here (after the table in functions/manifest.toml and `make bundle`):
#   http          true for an HTTPS function (ingress internal-and-gclb, invoked by var.http_invokere)
#   pubsub        topics it listens on (a push subscription each, with retry and dead letter; pubsub.tf)
#   firestore     [{ event_type = "google.cloud.firestore.document.v1.<created|...>", document = "<samling>/{id}" }]
#                 (an Eventarc trigger each on the main database)
#   publiserer    topics it publishes to, incl. its own `<topic>-dlq` for permanent errors (STYLE.md §6)
#   vedlegg       null | "lese" | "skrive": access to the attachments bucket
#   tilgangslogg  true = may create documents in the access-log database (only the API functions, domene.md §11)
#   hemmeligheter env var => key of local.hemmeligheter (secrets.tf)
#   miljo         extra environment variables (names read by shared/config.py)
locals {
  funksjoner = {
    ingest_arrangor = {
      beskrivelse = "Pub/Sub arrangor-v1: upsert av arrangør (domene.md §3.4)"
      pubsub      = ["arrangor-v1"]
      publiserer  = ["arrangor-v1-dlq"]
    }
    ingest_avtale = {
      beskrivelse = "Pub/Sub avtale-v1: upsert av avtale (domene.md §3.4)"
      pubsub      = ["avtale-v1"]
      publiserer  = ["avtale-v1-dlq"]
    }
    ingest_gjennomforing = {
      beskrivelse = "Pub/Sub gjennomforing-v1: upsert av gjennomføring (domene.md §3.4)"
      pubsub      = ["gjennomforing-v1"]
      publiserer  = ["gjennomforing-v1-dlq"]
    }
    ingest_deltaker = {
      beskrivelse = "Pub/Sub deltaker-v1: upsert av deltaker (domene.md §3.4)"
      pubsub      = ["deltaker-v1"]
      publiserer  = ["deltaker-v1-dlq"]
    }
    ingest_forslag = {
      beskrivelse = "Pub/Sub forslag-v1: upsert av forslag (domene.md §3.4)"
      pubsub      = ["forslag-v1"]
      publiserer  = ["forslag-v1-dlq"]
    }
    opprett_utbetalinger = {
      beskrivelse = "Scheduler generering-start: finn kandidater og fordel (domene.md §7.1)"
      pubsub      = ["generering-start"]
      publiserer  = ["generer-utbetaling", "generering-start-dlq"]
      timeout_s   = 540
    }
    generer_utbetaling = {
      beskrivelse = "Pub/Sub generer-utbetaling: månedens krav for én gjennomføring (domene.md §7.1)"
      pubsub      = ["generer-utbetaling"]
      publiserer  = ["generer-utbetaling-dlq"]
      hemmeligheter = {
        ENTRA_KLIENT_HEMMELIGHET = "entra-klient-hemmelighet"
      }
      miljo     = local.kontoregister_miljo
      timeout_s = 540
      minne     = "1G"
      maks      = 20
    }
    omberegn = {
      beskrivelse = "Firestore created omberegninger/{id}: beregn GENERERT-krav på nytt (domene.md §7.2)"
      firestore = [
        { event_type = "google.cloud.firestore.document.v1.created", document = "omberegninger/{id}" },
      ]
      timeout_s = 300
    }
    arrangor_api = {
      beskrivelse  = "HTTPS for arrangørflaten bak gatewayen (domene.md §8)"
      http         = true
      tilgangslogg = true
      vedlegg      = "skrive"
      hemmeligheter = {
        BRUKER_HMAC_NOKKEL      = "bruker-hmac-nokkel"
        MASKINPORTEN_NOKKEL_PEM = "maskinporten-nokkel-pem"
      }
      miljo = local.arrangor_api_miljo
      minne = "1G"
      maks  = 20
    }
    avtale_api = {
      beskrivelse  = "HTTPS for tiltaksavtalen: deltaker, arbeidsgiver, mentor, veileder og beslutter (avtale.md §8)"
      http         = true
      tilgangslogg = true
      hemmeligheter = {
        BRUKER_HMAC_NOKKEL = "bruker-hmac-nokkel"
      }
      miljo = local.avtale_api_miljo
      maks  = 10
    }
    nav_api = {
      beskrivelse  = "HTTPS for Nav-saksbehandlere bak gatewayen: tilsagn, stengt, kontering, attestering, korreksjon, arbeidsvisninger (domene.md §9.1)"
      http         = true
      tilgangslogg = true
      publiserer   = ["utsending-tikk"]
      miljo        = local.nav_api_miljo
      maks         = 10
    }
    # The outbox dispatcher: the 5-minute tick and the nudge on a new record run the same dispatcher, one instance
    # each (domene.md §10.1; its lease keeps the two to one run at a time).
    send_utsendinger = {
      beskrivelse = "Scheduler utsending-tikk: send utsendinger som venter, i sekvens per bestilling (domene.md §10.1)"
      pubsub      = ["utsending-tikk"]
      publiserer  = ["okonomi-ut", "utsending-tikk-dlq"]
      maks        = 1
      timeout_s   = 300
    }
    utsending_opprettet = {
      beskrivelse = "Firestore created utsendinger/{id}: dytt utsenderen (domene.md §10.1)"
      firestore = [
        { event_type = "google.cloud.firestore.document.v1.created", document = "utsendinger/{id}" },
      ]
      publiserer = ["okonomi-ut"]
      maks       = 1
      timeout_s  = 300
    }
    motta_okonomistatus = {
      beskrivelse = "Pub/Sub okonomi-inn: faktura- og bestillingsstatus fra økonomisystemet (domene.md §10.3)"
      pubsub      = ["okonomi-inn"]
      publiserer  = ["okonomi-inn-dlq"]
    }
    tao_daglig = {
      beskrivelse = "Scheduler tao-daglig: kontonummer og betaling på nytt for TAO (domene.md §12.3)"
      pubsub      = ["tao-daglig"]
      publiserer  = ["tao-daglig-dlq"]
      hemmeligheter = {
        ENTRA_KLIENT_HEMMELIGHET = "entra-klient-hemmelighet"
      }
      miljo     = local.kontoregister_miljo
      timeout_s = 540
    }
    # Eventarc redelivers a failed event with exponential backoff (up to 24 h); a permanent failure is published to
    # arkivering-dlq by the function itself (STYLE.md §6). The archive is idempotent on eksternReferanseId.
    arkiver = {
      beskrivelse = "Firestore created arkiveringer/{id}: arkivkopi og vedlegg journalført i Navs arkiv (domene.md §11)"
      firestore = [
        { event_type = "google.cloud.firestore.document.v1.created", document = "arkiveringer/{id}" },
      ]
      publiserer = ["arkivering-dlq"]
      vedlegg    = "skrive"
      hemmeligheter = {
        ENTRA_KLIENT_HEMMELIGHET = "entra-klient-hemmelighet"
      }
      miljo     = local.arkiver_miljo
      minne     = "1G"
      timeout_s = 300
    }
    # The notice dispatcher (issue 16 §2): the 5-minute tick and the nudge on a new notice run the same
    # dispatcher, one instance each (its lease keeps the two to one run at a time).
    send_varsler = {
      beskrivelse = "Scheduler varsling-tikk: send varsler som venter, til Altinn og Oppgave (issue 16)"
      pubsub      = ["varsling-tikk"]
      publiserer  = ["varsling-tikk-dlq"]
      hemmeligheter = {
        MASKINPORTEN_NOKKEL_PEM  = "maskinporten-nokkel-pem"
        ENTRA_KLIENT_HEMMELIGHET = "entra-klient-hemmelighet"
      }
      miljo     = local.varsling_miljo
      maks      = 1
      timeout_s = 540
    }
    varsel_opprettet = {
      beskrivelse = "Firestore created varsler/{id}: dytt varselutsenderen (issue 16)"
      firestore = [
        { event_type = "google.cloud.firestore.document.v1.created", document = "varsler/{id}" },
      ]
      hemmeligheter = {
        MASKINPORTEN_NOKKEL_PEM  = "maskinporten-nokkel-pem"
        ENTRA_KLIENT_HEMMELIGHET = "entra-klient-hemmelighet"
      }
      miljo     = local.varsling_miljo
      maks      = 1
      timeout_s = 540
    }
    varsle_ventende_attestering = {
      beskrivelse = "Scheduler varsling-daglig: varsel til Nav om linjer som har ventet lenge på attestering (issue 16)"
      pubsub      = ["varsling-daglig"]
      publiserer  = ["varsling-daglig-dlq"]
      miljo       = local.varsling_miljo
      timeout_s   = 300
    }
    avstem_daglig = {
      beskrivelse = "Scheduler avstemming-daglig: avstem reskontroen og send grensesnittavstemming (issue 18)"
      pubsub      = ["avstemming-daglig"]
      publiserer  = ["grensesnittavstemming", "avstemming-daglig-dlq"]
      timeout_s   = 540
      minne       = "1G"
    }
    # The tiltaksavtale (avtale.md §9.3): the daily job and its outbox sender (tick + nudge, one instance each;
    # every record carries its ekstern_id, on which delivery is idempotent).
    avtale_daglig = {
      beskrivelse = "Scheduler avtale-daglig: status, utløp og oppfølging av tiltaksavtaler (avtale.md §5.7, §5.8)"
      pubsub      = ["avtale-daglig"]
      publiserer  = ["avtale-daglig-dlq"]
      timeout_s   = 540
    }
    send_avtale_utsendinger = {
      beskrivelse = "Scheduler avtale-utsending-tikk: send tiltaksavtalens utsendinger som venter (avtale.md §9.3)"
      pubsub      = ["avtale-utsending-tikk"]
      publiserer  = ["avtale-hendelse", "avtale-inngatt", "avtale-utsending-tikk-dlq"]
      maks        = 1
      timeout_s   = 300
    }
    avtale_utsending_opprettet = {
      beskrivelse = "Firestore created avtale_utsendinger/{id}: send posten straks (avtale.md §9.3)"
      firestore = [
        { event_type = "google.cloud.firestore.document.v1.created", document = "avtale_utsendinger/{id}" },
      ]
      publiserer = ["avtale-hendelse", "avtale-inngatt"]
      maks       = 1
      timeout_s  = 300
    }
  }

  # Environment of the notice functions (issue 16 §2): Altinn 3 Notifications through Maskinporten to the
  # arrangør, Nav's Oppgave through Entra ID to Nav.
  varsling_miljo = {
    VARSLING_ADAPTER         = "produksjon"
    ALTINN_URL               = var.altinn_url
    ARRANGORFLATE_URL        = var.arrangorflate_url
    MASKINPORTEN_TOKEN_URL   = var.maskinporten_token_url
    MASKINPORTEN_AUDIENCE    = var.maskinporten_audience
    MASKINPORTEN_KLIENT_ID   = var.maskinporten_klient_id
    ALTINN_VARSLING_SCOPE    = var.altinn_varsling_scope
    OPPGAVE_URL              = var.oppgave_url
    OPPGAVE_SCOPE            = var.oppgave_scope
    ENTRA_TOKEN_URL          = var.entra_token_url
    ENTRA_KLIENT_ID          = var.entra_klient_id
    ATTESTERING_VARSEL_DAGER = tostring(var.attestering_varsel_dager)
  }

  # Defaults of an entry; every entry gets every key so that for_each sees one shape.
  funksjon_standard = {
    beskrivelse   = ""
    http          = false
    pubsub        = []
    firestore     = []
    publiserer    = []
    vedlegg       = null
    tilgangslogg  = false
    hemmeligheter = {}
    miljo         = {}
    maks          = 10
    minne         = "512M"
    timeout_s     = 60
  }

  fn = { for navn, f in local.funksjoner : navn => merge(local.funksjon_standard, f) }

  # Environment of every function (names as in shared/config.py les_settings).
  felles_miljo = {
    GOOGLE_CLOUD_PROJECT = var.project_id
    REGION               = var.region
    MILJO                = var.miljo
    VEDLEGG_BUCKET       = google_storage_bucket.vedlegg.name
    UTBETALING_NAVNEROM  = var.utbetaling_navnerom
  }

  # Nav's account register over HTTP with this service's Entra ID client (issue 16 §4), for the functions that
  # look up an arrangør's kontonummer (generation's TAO payment, the daily TAO retry).
  kontoregister_miljo = {
    KONTOREGISTER_ADAPTER = "http"
    KONTOREGISTER_URL     = var.kontoregister_url
    KONTOREGISTER_SCOPE   = var.kontoregister_scope
    ENTRA_TOKEN_URL       = var.entra_token_url
    ENTRA_KLIENT_ID       = var.entra_klient_id
  }

  # Environment of the Nav API (domene.md §9.1): Nav's Entra ID issuer, the API's audience, the DRIFT group, and
  # the employees' roles from their Entra ID groups (issue 16 §4).
  nav_api_miljo = {
    NAV_TILGANGER_ADAPTER = "entra"
    NAV_GRUPPE_ROLLER     = var.nav_gruppe_roller
    NAV_OIDC_ISSUER       = var.nav_oidc_issuer
    NAV_OIDC_AUDIENCE     = var.nav_oidc_audience
    NAV_JWKS_URL          = var.nav_jwks_url
    NAV_DRIFT_GRUPPER     = var.nav_drift_grupper
    TILGANGSLOGG_DATABASE = google_firestore_database.tilgangslogg.name
  }

  # Environment of the arrangør API (domene.md §2). LOKAL_STATISK_TOKEN_PID is never set outside the emulators.
  arrangor_api_miljo = {
    ARRANGOR_OIDC_ISSUER   = var.arrangor_oidc_issuer
    ARRANGOR_OIDC_AUDIENCE = var.arrangor_oidc_audience
    ARRANGOR_JWKS_URL      = var.arrangor_jwks_url
    ALTINN_ADAPTER         = "altinn3"
    VIRUSSKANNER           = "clamav"
    CLAMAV_URL             = var.clamav_url
    ALTINN_URL             = var.altinn_url
    MASKINPORTEN_TOKEN_URL = var.maskinporten_token_url
    MASKINPORTEN_AUDIENCE  = var.maskinporten_audience
    MASKINPORTEN_KLIENT_ID = var.maskinporten_klient_id
    MASKINPORTEN_SCOPE     = var.maskinporten_scope
    TILGANGSLOGG_DATABASE  = google_firestore_database.tilgangslogg.name
  }

  # Environment of the archiving function (domene.md §11): Nav's document archive, reached with an Entra ID token.
  arkiver_miljo = {
    ARKIV_ADAPTER         = "dokarkiv"
    DOKARKIV_URL          = var.dokarkiv_url
    DOKARKIV_SCOPE        = var.dokarkiv_scope
    DOKARKIV_FAGSAKSYSTEM = var.dokarkiv_fagsaksystem
    ENTRA_TOKEN_URL       = var.entra_token_url
    ENTRA_KLIENT_ID       = var.entra_klient_id
  }

  # Environment of the tiltaksavtale API (avtale.md §2, §8.1): ID-porten for the parties, Nav tokens for Nav.
  avtale_api_miljo = {
    ARRANGOR_OIDC_ISSUER   = var.arrangor_oidc_issuer
    ARRANGOR_OIDC_AUDIENCE = var.arrangor_oidc_audience
    ARRANGOR_JWKS_URL      = var.arrangor_jwks_url
    NAV_OIDC_ISSUER        = var.nav_oidc_issuer
    NAV_OIDC_AUDIENCE      = var.nav_oidc_audience
    NAV_JWKS_URL           = var.nav_jwks_url
    TILGANGSLOGG_DATABASE  = google_firestore_database.tilgangslogg.name
  }

  pubsub_utlosere = {
    for p in flatten([
      for navn, f in local.fn : [for t in f.pubsub : { funksjon = navn, topic = t }]
    ]) : "${p.funksjon} ${p.topic}" => p
  }

  firestore_utlosere = {
    for p in flatten([
      for navn, f in local.fn : [
        for u in f.firestore : {
          funksjon   = navn
          event_type = u.event_type
          document   = u.document
          navn       = "${replace(navn, "_", "-")}-${split("/", u.document)[0]}-${reverse(split(".", u.event_type))[0]}"
        }
      ]
    ]) : p.navn => p
  }
}

# --- sources: `make bundle` writes build/<fn>/; Terraform zips it and uploads it under its hash ---

data "archive_file" "kilde" {
  for_each = local.fn

  type        = "zip"
  source_dir  = "${path.module}/../build/${each.key}"
  output_path = "${path.module}/../build/zip/${each.key}.zip"
}

resource "google_storage_bucket_object" "kilde" {
  for_each = local.fn

  bucket = google_storage_bucket.kilder.name
  name   = "${each.key}/${data.archive_file.kilde[each.key].output_md5}.zip"
  source = data.archive_file.kilde[each.key].output_path
}

# --- the functions ---

resource "google_cloudfunctions2_function" "funksjon" {
  # for_each over the literal map (not local.fn) so that checkov can expand it and check every function's ingress;
  # the other values come from local.fn, the same entries with their defaults.
  for_each = local.funksjoner

  project     = var.project_id
  name        = each.key
  location    = var.region
  description = local.fn[each.key].beskrivelse

  build_config {
    runtime         = var.python_runtime
    entry_point     = each.key
    service_account = google_service_account.bygg.id

    source {
      storage_source {
        bucket = google_storage_bucket.kilder.name
        object = google_storage_bucket_object.kilde[each.key].name
      }
    }
  }

  service_config {
    service_account_email = google_service_account.funksjon[each.key].email
    # HTTPS functions sit behind the gateway / external HTTPS load balancer; event functions are reached only by
    # Pub/Sub push and Eventarc, which count as internal traffic of the project.
    ingress_settings               = lookup(each.value, "http", false) ? "ALLOW_INTERNAL_AND_GCLB" : "ALLOW_INTERNAL_ONLY"
    max_instance_count             = local.fn[each.key].maks
    min_instance_count             = 0
    available_memory               = local.fn[each.key].minne
    timeout_seconds                = local.fn[each.key].timeout_s
    all_traffic_on_latest_revision = true
    environment_variables          = merge(local.felles_miljo, local.fn[each.key].miljo)

    dynamic "secret_environment_variables" {
      for_each = local.fn[each.key].hemmeligheter
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = google_secret_manager_secret.hemmelighet[secret_environment_variables.value].secret_id
        version    = "latest"
      }
    }
  }

  depends_on = [
    google_project_service.api,
    google_project_iam_member.bygg,
    google_project_iam_member.bygg_gcf_kilder,
    google_secret_manager_secret_iam_member.funksjon,
  ]
}

# --- Firestore document triggers (Eventarc, protobuf DocumentEventData as shared/edge/hendelser/cloudevents.py decodes) ---

resource "google_eventarc_trigger" "firestore" {
  for_each = local.firestore_utlosere

  project                 = var.project_id
  name                    = each.key
  location                = var.region
  service_account         = google_service_account.utloser.email
  event_data_content_type = "application/protobuf"

  matching_criteria {
    attribute = "type"
    value     = each.value.event_type
  }

  matching_criteria {
    attribute = "database"
    value     = google_firestore_database.hoved.name
  }

  matching_criteria {
    attribute = "document"
    value     = each.value.document
    operator  = "match-path-pattern"
  }

  destination {
    cloud_run_service {
      service = basename(google_cloudfunctions2_function.funksjon[each.value.funksjon].service_config[0].service)
      region  = var.region
    }
  }

  depends_on = [google_project_iam_member.utloser_eventarc]
}

# --- who may invoke ---

resource "google_cloud_run_v2_service_iam_member" "http" {
  for_each = {
    for p in setproduct([for navn, f in local.fn : navn if f.http], var.http_invokere) : "${p[0]} ${p[1]}" => p
  }

  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.funksjon[each.value[0]].service_config[0].service
  role     = "roles/run.invoker"
  member   = each.value[1]
}

resource "google_cloud_run_v2_service_iam_member" "utloser" {
  for_each = { for navn, f in local.fn : navn => f if !f.http }

  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.funksjon[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.utloser.email}"
}
