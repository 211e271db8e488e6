# The Cloud Scheduler jobs, equal to shared/planlegging.py JOBBER (tests/unit/test_infra.py checks name, cron, time
# zone, topic and body). A job with a Pub/Sub target publishes its body as the message data, with no attributes.
locals {
  planlagte_jobber = {
    "generering-start" = {
      cron        = "0 5 7 * *"
      tidssone    = "Europe/Oslo"
      topic       = "generering-start"
      body        = "{}"
      beskrivelse = "Den 7. hver måned kl. 05: lag utbetalinger for forrige måned"
    }
    "utsending-tikk" = {
      cron        = "*/5 * * * *"
      tidssone    = "Europe/Oslo"
      topic       = "utsending-tikk"
      body        = "{}"
      beskrivelse = "Hvert 5. minutt: send utsendinger som venter (outbox)"
    }
    "tao-daglig" = {
      cron        = "0 6 * * *"
      tidssone    = "Europe/Oslo"
      topic       = "tao-daglig"
      body        = "{}"
      beskrivelse = "Daglig kl. 06: prøv kontonummer og betaling på nytt for TAO"
    }
    "varsling-tikk" = {
      cron        = "*/5 * * * *"
      tidssone    = "Europe/Oslo"
      topic       = "varsling-tikk"
      body        = "{}"
      beskrivelse = "Hvert 5. minutt: send varsler som venter"
    }
    "varsling-daglig" = {
      cron        = "0 7 * * *"
      tidssone    = "Europe/Oslo"
      topic       = "varsling-daglig"
      body        = "{}"
      beskrivelse = "Daglig kl. 07: varsle Nav om utbetalinger som har ventet lenge på attestering"
    }
    "avstemming-daglig" = {
      cron        = "30 6 * * *"
      tidssone    = "Europe/Oslo"
      topic       = "avstemming-daglig"
      body        = "{}"
      beskrivelse = "Daglig kl. 06.30: avstem gårsdagen og send grensesnittavstemming"
    }
    "avtale-daglig" = {
      cron        = "30 6 * * *"
      tidssone    = "Europe/Oslo"
      topic       = "avtale-daglig"
      body        = "{}"
      beskrivelse = "Daglig kl. 06:30: status, utløp og oppfølging av tiltaksavtaler"
    }
    "avtale-utsending-tikk" = {
      cron        = "*/5 * * * *"
      tidssone    = "Europe/Oslo"
      topic       = "avtale-utsending-tikk"
      body        = "{}"
      beskrivelse = "Hvert 5. minutt: send tiltaksavtalens varsler og meldinger som venter (outbox)"
    }
  }
}

resource "google_cloud_scheduler_job" "jobb" {
  for_each = local.planlagte_jobber

  project     = var.project_id
  region      = coalesce(var.scheduler_region, var.region)
  name        = each.key
  description = each.value.beskrivelse
  schedule    = each.value.cron
  time_zone   = each.value.tidssone

  pubsub_target {
    topic_name = google_pubsub_topic.topic[each.value.topic].id
    data       = base64encode(each.value.body)
  }

  retry_config {
    retry_count          = 3
    min_backoff_duration = "10s"
    max_backoff_duration = "600s"
  }

  depends_on = [google_project_service.api]
}
