"""requirements.lock pins what make installs; scripts/check_lock.py catches any drift from it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
PYPROJECT = ROOT / "pyproject.toml"


def check(lock: Path = LOCK, pyproject: Path = PYPROJECT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_lock.py"), "--lock", str(lock),
         "--pyproject", str(pyproject)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip


def edited_lock(tmp_path: Path, old: str, new: str) -> Path:
    text = LOCK.read_text(encoding="utf-8")
    assert re.search(old, text, re.MULTILINE), old
    path = tmp_path / "requirements.lock"
    path.write_text(re.sub(old, new, text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return path


def test_every_pin_is_exact_and_carries_hashes() -> None:
    entries = re.split(r"\n(?=[a-z0-9])", LOCK.read_text(encoding="utf-8").split("\n", 2)[2])
    assert len(entries) > 30
    for entry in entries:
        assert re.match(r"[a-z0-9][a-z0-9._-]*==[0-9][^\s;]*", entry), entry
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), entry


def test_this_environment_is_exactly_the_lock() -> None:
    """What make test checks first; this test is what a stale venv fails."""
    result = check()
    assert result.returncode == 0, result.stderr


def test_a_different_version_installed_fails_with_the_fix(tmp_path: Path) -> None:
    lock = edited_lock(tmp_path, r"^babel==[^ ]+", "babel==2.14.0")
    result = check(lock)
    assert result.returncode == 1
    assert re.search(r"babel: installed \S+, the lock pins 2\.14\.0", result.stderr)
    assert "make clean && make test" in result.stderr


def test_a_package_installed_but_not_locked_fails(tmp_path: Path) -> None:
    # Drop hypothesis's entry (pin, hashes and comments) from the lock and from the test
    # extra, so only the environment differs.
    text = LOCK.read_text(encoding="utf-8")
    lock = tmp_path / "requirements.lock"
    lock.write_text(re.sub(r"^hypothesis==.*?(?=^\S)", "", text, flags=re.S | re.M), "utf-8")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(re.sub(r'^\s*"hypothesis[^\n]*\n', "",
                                PYPROJECT.read_text("utf-8"), flags=re.M), "utf-8")  # fmt: skip
    result = check(lock, pyproject)
    assert result.returncode == 1
    assert re.search(r"hypothesis \S+: installed, but not in the lock", result.stderr)


def test_a_requirement_the_lock_lacks_asks_for_make_lock(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    text = PYPROJECT.read_text(encoding="utf-8")
    # rich is locked already (textual needs it); the other name is in no lock anywhere.
    pyproject.write_text(text.replace('"icalendar>=6",', '"icalendar>=6",\n    "rich>=12",'
                                      '\n    "not-in-the-lock>=1",'), "utf-8")  # fmt: skip
    result = check(pyproject=pyproject)
    assert result.returncode == 1
    assert "the lock has no not-in-the-lock" in result.stderr
    assert "rich" not in result.stderr
    assert "make lock" in result.stderr


def test_a_pin_outside_the_projects_range_asks_for_make_lock(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        PYPROJECT.read_text("utf-8").replace('"babel>=2.14",', '"babel>=99",', 1), "utf-8"
    )
    result = check(pyproject=pyproject)
    assert result.returncode == 1
    assert "'babel>=99'; the lock pins" in result.stderr


def test_pins_for_other_platforms_are_not_expected_here(tmp_path: Path) -> None:
    lock = edited_lock(tmp_path, r"\Z", "pywin32==311 ; sys_platform == 'win32' \\\n"
                       "    --hash=sha256:" + "0" * 64 + "\n")  # fmt: skip
    assert check(lock).returncode == 0
