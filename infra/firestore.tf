# Firestore, native mode, in the region (domene.md §0). The main database holds every collection of the service;
# `tilgangslogg` is the separate access log of domene.md §11 (only the API service accounts may write it; iam.tf).
# If the project already has a (default) database, import it: terraform import google_firestore_database.hoved
# projects/<project>/databases/(default)

resource "google_firestore_database" "hoved" {
  project                           = var.project_id
  name                              = "(default)"
  location_id                       = var.region
  type                              = "FIRESTORE_NATIVE"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"

  depends_on = [google_project_service.api]
}

resource "google_firestore_database" "tilgangslogg" {
  project                           = var.project_id
  name                              = "tilgangslogg"
  location_id                       = var.region
  type                              = "FIRESTORE_NATIVE"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"

  depends_on = [google_project_service.api]
}

locals {
  # Equal to shared/adapters/firestore/indekser.py KOMPOSITTE_INDEKSER (tests/unit/test_infra.py checks it). Key:
  # "<collection>:<field>,<field>"; value: the fields in order with their direction.
  # Generation and recalculation read by document id (shared/adapters/firestore/grunnlagsindeks.py) and need none;
  # the Nav work views' tilsagn list by kostnadssted and status (shared/adapters/nav/arbeidsvisning.py), and the
  # tiltaksavtale lists by party (+ status) by sist_endret DESC and its outbox sender (avtale.md §9.1) do.
  komposittindekser = {
    "tilsagn:kostnadssted,status"                         = { samling = "tilsagn", felt = [["kostnadssted", "ASCENDING"], ["status", "ASCENDING"]] }
    "tiltaksavtaler:bedrift_nr,sist_endret"               = { samling = "tiltaksavtaler", felt = [["bedrift_nr", "ASCENDING"], ["sist_endret", "DESCENDING"]] }
    "tiltaksavtaler:deltaker_fnr,sist_endret"             = { samling = "tiltaksavtaler", felt = [["deltaker_fnr", "ASCENDING"], ["sist_endret", "DESCENDING"]] }
    "tiltaksavtaler:mentor_fnr,sist_endret"               = { samling = "tiltaksavtaler", felt = [["mentor_fnr", "ASCENDING"], ["sist_endret", "DESCENDING"]] }
    "tiltaksavtaler:veileder_navident,sist_endret"        = { samling = "tiltaksavtaler", felt = [["veileder_navident", "ASCENDING"], ["sist_endret", "DESCENDING"]] }
    "tiltaksavtaler:bedrift_nr,status,sist_endret"        = { samling = "tiltaksavtaler", felt = [["bedrift_nr", "ASCENDING"], ["status", "ASCENDING"], ["sist_endret", "DESCENDING"]] }
    "tiltaksavtaler:deltaker_fnr,status,sist_endret"      = { samling = "tiltaksavtaler", felt = [["deltaker_fnr", "ASCENDING"], ["status", "ASCENDING"], ["sist_endret", "DESCENDING"]] }
    "tiltaksavtaler:mentor_fnr,status,sist_endret"        = { samling = "tiltaksavtaler", felt = [["mentor_fnr", "ASCENDING"], ["status", "ASCENDING"], ["sist_endret", "DESCENDING"]] }
    "tiltaksavtaler:veileder_navident,status,sist_endret" = { samling = "tiltaksavtaler", felt = [["veileder_navident", "ASCENDING"], ["status", "ASCENDING"], ["sist_endret", "DESCENDING"]] }
    "avtale_utsendinger:sendt,send_tidligst"              = { samling = "avtale_utsendinger", felt = [["sendt", "ASCENDING"], ["send_tidligst", "ASCENDING"]] }
  }

  # Equal to shared/adapters/firestore/indekser.py FELTUNNTAK: large or private fields that are never queried
  # (beregning_gz is the compressed beregning, domene.md §6.1; the maps of the index documents hold one entry per
  # member id and are read by document id only).
  feltunntak = {
    "utbetalinger:beregning_gz"             = { samling = "utbetalinger", felt = "beregning_gz" }
    "endringshistorikk:snapshot"            = { samling = "endringshistorikk", felt = "snapshot" }
    "deltakelser:person"                    = { samling = "deltakelser", felt = "person" }
    "grunnlagsindekser:deltakelser"         = { samling = "grunnlagsindekser", felt = "deltakelser" }
    "grunnlagsindekser:forslag"             = { samling = "grunnlagsindekser", felt = "forslag" }
    "grunnlagsindekser:tilsagn"             = { samling = "grunnlagsindekser", felt = "tilsagn" }
    "grunnlagsindekser:utbetalinger"        = { samling = "grunnlagsindekser", felt = "utbetalinger" }
    "generering_kandidater:gjennomforinger" = { samling = "generering_kandidater", felt = "gjennomforinger" }
    "utsendingsindekser:usendte"            = { samling = "utsendingsindekser", felt = "usendte" }
    "varselindekser:usendte"                = { samling = "varselindekser", felt = "usendte" }
    "tiltaksavtaler:innhold"                = { samling = "tiltaksavtaler", felt = "innhold" }
    "versjoner:innhold"                     = { samling = "versjoner", felt = "innhold" }
    "avtale_utsendinger:innhold"            = { samling = "avtale_utsendinger", felt = "innhold" }
  }
}

resource "google_firestore_index" "kompositt" {
  for_each = local.komposittindekser

  project     = var.project_id
  database    = google_firestore_database.hoved.name
  collection  = each.value.samling
  query_scope = "COLLECTION"

  dynamic "fields" {
    for_each = each.value.felt
    content {
      field_path = fields.value[0]
      order      = fields.value[1]
    }
  }
}

resource "google_firestore_field" "unntak" {
  for_each = local.feltunntak

  project    = var.project_id
  database   = google_firestore_database.hoved.name
  collection = each.value.samling
  field      = each.value.felt

  # An empty index_config removes every single-field index of the field.
  index_config {}
}
