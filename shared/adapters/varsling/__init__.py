"""Notices: the Firestore notice outbox, Altinn 3 Notifications, Nav's Oppgave and the local stand-in."""
