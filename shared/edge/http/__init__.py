"""HTTP glue shared by the HTTPS functions: routing, problem+json, bearer tokens, the local dev issuer."""
