"""The arrangør API: handlers and route table, DTOs, service results → DTOs, the receipt PDF, the OpenAPI document."""
