"""Lets `python -m dialog_kit` run the command line."""

from dialog_kit.cli import main

raise SystemExit(main())
