"""Adapters of the tiltaksavtale ports: its Firestore repository, the §9.4 local stand-ins and the access log."""
