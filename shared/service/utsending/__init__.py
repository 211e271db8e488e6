"""The outbox dispatcher to the finance system and the payment status coming back."""
