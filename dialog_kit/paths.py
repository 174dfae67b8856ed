"""Finds the shipped folders templates/ and checklists/, from a checkout or a wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The shipped folder `name`: inside the package in a wheel, beside it in a checkout."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the packaged folder {name!r} is missing from this installation")


def templates_dir() -> Path:
    return data_dir("templates")


def checklists_dir() -> Path:
    return data_dir("checklists")
