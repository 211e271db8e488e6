"""The tiltaksavtale API (`avtale_api`, avtale.md §8): route table and handlers, DTOs, auth per role."""
