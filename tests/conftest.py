"""Shared fixtures: every test runs with its own config and vault folders under tmp_path."""

from __future__ import annotations

import copy
import functools
import gc
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


FULL_COLLECTION_EVERY = 200
"""Tests between two full collections of everything frozen (their finalizers run then)."""

_tests_run = 0


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After each test, what it left alive is frozen: later collections need not scan it.

    The full collections scanned every object left over from every earlier test (a
    worker's Textual apps, WeasyPrint's fonts and caches) and took a fifth of the TUI
    and PDF tests' CPU; frozen, 14 % less CPU in those tests. The young generations are
    collected first, so a test's own cyclic garbage is freed, not frozen; what reached
    the old generation is freed, and its finalizers run, every FULL_COLLECTION_EVERY tests.
    """
    global _tests_run
    yield
    _tests_run += 1
    if _tests_run % FULL_COLLECTION_EVERY == 0:
        gc.unfreeze()
        gc.collect()
    else:
        gc.collect(1)
    gc.freeze()


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


def _remember_toml() -> None:
    """Each guide-sized TOML text is parsed once per test process; every caller gets a copy.

    tomllib.loads(text) is a pure function, and the built-in guides (250 KB of TOML) are
    parsed again by every command a CLI test runs: a third of the CLI tests' CPU. The
    first parse of each text is the real one. A text that fails to parse is never
    remembered, so every broken or hostile file fails for real each time, through
    safe_files' own checks. Each caller gets its own deep copy, so no test sees what
    another did to its tables. Short texts (settings, small test files) are always parsed.
    """
    parse = tomllib.loads
    parsed: dict[str, dict[str, Any]] = {}

    @functools.wraps(parse)
    def remembered(text: str, /, *, parse_float: Callable[[str], Any] = float) -> dict[str, Any]:
        if parse_float is not float or len(text) < 4096:
            return parse(text, parse_float=parse_float)
        if text not in parsed:
            if len(parsed) >= 256:  # tests that edit guides make new texts: bound the memory
                parsed.clear()
            parsed[text] = parse(text)
        return copy.deepcopy(parsed[text])

    tomllib.loads = remembered  # type: ignore[assignment]


_remember_toml()


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
