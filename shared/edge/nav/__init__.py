"""The Nav API: handlers and route table, and its DTOs."""
