"""Firestore, Pub/Sub, Cloud Storage and HTTP clients behind the service ports; the only code with google.cloud."""
