"""The archive behind the `Arkiv` port: Nav's dokarkiv REST API, the local fake, the archive PDF and the reads."""
