"""Adapters of the arrangør API's ports: its repository, Altinn, the access log, vedlegg storage and checks."""
