"""Shared fixtures: every test runs with its own config and vault folders under tmp_path."""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from dialog_kit import age, i18n


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow run first (in their own order), the rest after them.

    With make test's parallel workers, a long test that starts last makes everyone wait
    for it at the end; started first, it runs beside the many short ones.
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Fewer, cheaper garbage collections: they took a fifth of the TUI and PDF tests' CPU.

    Everything alive after collection (modules, the collected tests) is frozen out of the
    collector's scans, and the young generation is collected every 10,000 allocations
    instead of 700. Only when cyclic garbage is freed changes; no test depends on that.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _remember_scrypt() -> None:
    """Each scrypt key at a real work factor (16 and up) is derived once per test process.

    scrypt(passphrase, salt, N) is a pure function: the first derivation is the real one, a
    repeated derivation of the same inputs (every unlock of the committed 0.1.0 sample vault,
    whose identity.age has a fixed salt; a reopened vault after an upgrade) gets the same
    bytes back instead of 0.5 s of CPU. Everything around it runs every time: the header is
    parsed and its MAC checked, the file key unwrapped with ChaCha20-Poly1305, the identity
    decrypted. A wrong passphrase or another salt is another input, derived for real, so it
    fails as it would. Work factors below 16 (most test vaults use 10) cost nothing to derive.
    """
    derive = age._scrypt_key
    keys: dict[tuple[bytes, bytes, int], bytes] = {}

    @functools.wraps(derive)
    def remembered(passphrase: str | bytes, salt: bytes, work_factor: int) -> bytes:
        if work_factor < 16:
            return derive(passphrase, salt, work_factor)
        secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else bytes(passphrase)
        inputs = (secret, bytes(salt), work_factor)
        if inputs not in keys:
            keys[inputs] = derive(passphrase, salt, work_factor)
        return keys[inputs]

    age._scrypt_key = remembered  # type: ignore[assignment]


_remember_scrypt()


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test reads or writes the real user's settings or vault; the interface speaks English."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))  # the parsed guides' cache
    monkeypatch.setenv("DIALOG_KIT_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("DIALOG_KIT_VAULT", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
