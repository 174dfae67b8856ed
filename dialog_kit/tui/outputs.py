"""Where the app puts documents: a neutral file name in the user's documents folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def output_dir() -> Path:
    """~/Documents when it exists, else the home folder."""
    home = Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home


def neutral_path(folder: Path, stem: str, on: date, suffix: str) -> Path:
    """'summary-2026-11-22.pdf', then '-2', '-3' … if taken.

    Never the employee's name: documents folders are often shared or synced,
    and a file name is visible to anyone who can list the folder.
    """
    base = f"{stem}-{on.isoformat()}"
    candidate = folder / f"{base}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}{suffix}"
        number += 1
    return candidate


def free_path(folder: Path, name: str) -> Path:
    """`folder / name`, or with '-2', '-3' … before the suffix if that is taken."""
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate
