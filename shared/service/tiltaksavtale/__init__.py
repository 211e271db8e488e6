"""Use cases of the tiltaksavtale (avtale.md §5, §8, §10): one transaction per write, ports passed in."""
