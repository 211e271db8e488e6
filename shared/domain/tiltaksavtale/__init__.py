"""The digital three-party agreement (tiltaksavtale, avtale.md): content, life cycle, access and masking, pure."""
