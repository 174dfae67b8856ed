"""The sample vault made by release 0.1.0, copied where a test may change it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "vaults"
SAMPLE_PASSPHRASE = "sample vault v0.1.0"


@pytest.fixture
def sample_vault(tmp_path: Path) -> Path:
    """tests/data/vaults/v0.1.0 copied to tmp_path (the committed one is never touched)."""
    target = tmp_path / "vault"
    shutil.copytree(SAMPLES / "v0.1.0", target)
    target.chmod(0o700)
    (target / "records").chmod(0o700)
    for path in target.rglob("*"):
        if path.is_file():
            path.chmod(0o600)
    return target


def sample_sources() -> dict[str, dict[str, Any]]:
    """The JSON forms the sample records were made from, by record id."""
    sources = {}
    for path in sorted((SAMPLES / "v0.1.0-sources").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        sources[data["id"]] = data
    return sources
