output "funksjon_uri" {
  description = "URI of every function (the HTTPS ones are reachable only through the load balancer / gateway)."
  value       = { for navn, f in google_cloudfunctions2_function.funksjon : navn => f.service_config[0].uri }
}

output "http_funksjoner" {
  description = "The HTTPS functions: the backends the gateway / load balancer (serverless NEG) must point at."
  value       = [for navn, f in local.fn : navn if f.http]
}

output "tjenestekontoer" {
  description = "Service account of every function."
  value       = { for navn, sa in google_service_account.funksjon : navn => sa.email }
}

output "vedlegg_bucket" {
  value = google_storage_bucket.vedlegg.name
}

output "kilde_bucket" {
  value = google_storage_bucket.kilder.name
}

output "dead_letter_abonnementer" {
  description = "Where dead letters are kept (alert on their backlog)."
  value       = [for s in google_pubsub_subscription.dlq : s.name]
}

output "okonomi_ut_abonnement" {
  value = google_pubsub_subscription.okonomi_ut.name
}
