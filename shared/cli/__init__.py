"""The `utbetaling` command line. Every module in this package that defines `registrer(subparsers)` adds its
subcommands; `main` discovers them, so adding a command never means editing `main.py`."""
