"""(placeholder: filled in by its issue)"""

from __future__ import annotations

import argparse

from dialog_kit.cli.common import Parser


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    return None


def run_app(ctx: object) -> int:
    """Until the TUI exists, no command lists the guides."""
    from dialog_kit.cli import guides_cmd

    return guides_cmd.list_guides(ctx)  # type: ignore[attr-defined,no-any-return]
