# State lives in a GCS bucket that exists before this stack (create it once, with versioning on). Partial
# configuration: the bucket and prefix come from the command line, so one code base serves every environment:
#
#   terraform init -backend-config="bucket=<state-bucket>" -backend-config="prefix=utbetaling/<miljo>"
terraform {
  backend "gcs" {}
}
