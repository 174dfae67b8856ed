"""(placeholder: filled in by its issue)"""

from __future__ import annotations

import argparse

from dialog_kit.cli.common import Parser


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    return None
