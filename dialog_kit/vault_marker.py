"""The file that makes a folder a vault, known without loading the vault package's crypto."""

from __future__ import annotations

from pathlib import Path

VAULT_FILE = "vault.toml"
"""The vault's settings file: a folder with it is a vault (dialog_kit.vault.layout uses it)."""


def is_vault(path: Path) -> bool:
    """Whether a vault exists at `path` (the app's first screen asks before any crypto loads)."""
    return (Path(path) / VAULT_FILE).is_file()
