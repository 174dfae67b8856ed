"""docs/guide-format.md: its examples are valid files and it describes every key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dialog_kit import guides
from dialog_kit.guides import validate_path


def _doc(repo_root: Path) -> str:
    return (repo_root / "docs" / "guide-format.md").read_text(encoding="utf-8")


def test_every_toml_example_in_the_doc_validates(repo_root: Path, tmp_path: Path) -> None:
    # Whole files start with `format`; the other blocks are snippets.
    blocks = re.findall(r"```toml\n(format = .*?)```", _doc(repo_root), re.DOTALL)
    assert len(blocks) >= 2
    for number, block in enumerate(blocks):
        # One folder each: a file is checked together with its neighbours.
        path = tmp_path / str(number) / "example.toml"
        path.parent.mkdir()
        path.write_text(block, encoding="utf-8")
        # A dated example goes stale in a year: only warnings may appear, never problems.
        assert [p for p in validate_path(path) if not p.warning] == [], block[:200]


@pytest.mark.parametrize(
    "keys",
    [guides._GUIDE_KEYS, guides._PHASE_KEYS, guides._ITEM_KEYS, guides._PROFILE_KEYS,
     guides._ADDITION_KEYS, guides._WINDOW_KEYS, guides._RESOURCE_KEYS, guides._FACT_KEYS],
)  # fmt: skip
def test_the_doc_names_every_key(repo_root: Path, keys: set[str]) -> None:
    doc = _doc(repo_root)
    for key in keys:
        assert f"`{key}`" in doc or f"{key}]]" in doc or f"[{key}]" in doc, key
