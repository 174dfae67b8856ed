"""Fixtures for the guide tests: valid mini files in tmp_path, ready to be broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from guidefiles import WriteFile, copy_mini_folder


@pytest.fixture
def guide_folder(tmp_path: Path) -> Path:
    """A folder holding the three valid mini files (guide, profiles, resources)."""
    return copy_mini_folder(tmp_path / "guides")


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
