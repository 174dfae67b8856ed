"""The small valid guide files of tests/data/guides/ and helpers to break them one at a time."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

WriteFile = Callable[[str, str], Path]

DATA = Path(__file__).resolve().parent.parent / "data" / "guides"
MINI_GUIDE = (DATA / "mini.toml").read_text(encoding="utf-8")
MINI_PROFILES = (DATA / "profiles.toml").read_text(encoding="utf-8")
MINI_RESOURCES = (DATA / "resources.toml").read_text(encoding="utf-8")


def line_of(text: str, snippet: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th line containing `snippet`."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if snippet in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{snippet!r} is not in the text")


def replace_once(text: str, old: str, new: str, occurrence: int = 1) -> str:
    """`text` with the `occurrence`-th `old` replaced; fails loudly when `old` is not there."""
    start = -1
    for _ in range(occurrence):
        start = text.index(old, start + 1)
    return text[:start] + new + text[start + len(old) :]


def copy_mini_folder(folder: Path) -> Path:
    """A copy of the three valid mini files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in DATA.glob("*.toml"):
        shutil.copy(path, folder / path.name)
    return folder
