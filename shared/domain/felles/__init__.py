"""Shared by every domain context: periods, weekdays and money, errors, code lists, exact JSON, payment details."""
