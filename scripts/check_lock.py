"""Fails when the installed packages differ from requirements.lock, or the lock from pyproject.toml.

Run by `make test` (so also by CI) with the venv's Python:

    .venv/bin/python scripts/check_lock.py [--lock requirements.lock] [--pyproject pyproject.toml]

Exit 0 when this Python holds exactly the lock's pins for its platform (plus pip, setuptools
and dialog-kit itself), and every requirement of pyproject.toml (runtime and the test extra)
has a pin in the lock that satisfies it. Otherwise exit 1, naming each difference and the
command that fixes it.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "dialog-kit"
# Installed by venv/ensurepip or needed to install anything; the lock does not pin them.
INSTALLERS = frozenset({"pip", "setuptools", "wheel"})
EXTRAS = ("test",)

try:
    from packaging.markers import Marker
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # pragma: no cover - the lock pins packaging (via build and pytest)
    print(
        "check_lock: the 'packaging' library is not installed, so this environment was not "
        "installed from requirements.lock.\nReinstall it: make clean && make test",
        file=sys.stderr,
    )
    sys.exit(1)


def read_lock(path: Path) -> dict[str, str]:
    """name -> pinned version, for the pins whose environment markers hold here."""
    pins: dict[str, str] = {}
    logical: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()  # hashes are written sha256:..., never with '#'
        if not line.strip():
            continue
        logical.append(line.rstrip("\\").strip())
        if line.endswith("\\"):
            continue
        _add_pin(" ".join(logical), pins, path)
        logical = []
    if logical:
        _add_pin(" ".join(logical), pins, path)
    return pins


def _add_pin(entry: str, pins: dict[str, str], path: Path) -> None:
    spec = entry.split(" --hash", 1)[0].strip()
    if not spec or spec.startswith("-"):
        return
    requirement, _, marker = spec.partition(";")
    if marker.strip() and not Marker(marker.strip()).evaluate():
        return
    name, sep, version = requirement.strip().partition("==")
    if not sep or not version.strip():
        raise SystemExit(f"check_lock: {path.name}: not an exact pin: {spec!r}")
    pins[canonicalize_name(name.strip())] = version.strip()


def installed() -> dict[str, str]:
    """name -> version of every distribution this Python can import from."""
    found: dict[str, str] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found.setdefault(canonicalize_name(name), dist.version)
    return found


def environment_differences(pins: dict[str, str], have: dict[str, str]) -> list[str]:
    problems: list[str] = []
    for name, version in sorted(pins.items()):
        if name not in have:
            problems.append(f"{name}: the lock pins {version}, which is not installed")
        elif have[name] != version:
            problems.append(f"{name}: installed {have[name]}, the lock pins {version}")
    for name in sorted(set(have) - set(pins) - INSTALLERS - {PROJECT}):
        problems.append(f"{name} {have[name]}: installed, but not in the lock")
    if PROJECT not in have:
        problems.append(f"{PROJECT} itself is not installed (pip install --no-deps -e .)")
    return problems


def lock_differences(pyproject: Path, pins: dict[str, str]) -> list[str]:
    """Requirements of pyproject.toml that the lock lacks or pins outside their range."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    wanted = list(project.get("dependencies", []))
    for extra in EXTRAS:
        wanted += project.get("optional-dependencies", {}).get(extra, [])
    problems: list[str] = []
    for text in wanted:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"pyproject.toml asks for {text!r}; the lock has no {name}")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"pyproject.toml asks for {text!r}; the lock pins {pins[name]}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, default=ROOT / "requirements.lock")
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    args = parser.parse_args(argv)
    if not args.lock.is_file():
        print(f"check_lock: {args.lock} is missing; run: make lock", file=sys.stderr)
        return 1
    pins = read_lock(args.lock)
    stale = lock_differences(args.pyproject, pins)
    if stale:
        print(f"{args.lock.name} is out of date with {args.pyproject.name}:", file=sys.stderr)
        print("".join(f"  {p}\n" for p in stale), end="", file=sys.stderr)
        print("Refresh it: make lock (then commit the lock file)", file=sys.stderr)
        return 1
    differences = environment_differences(pins, installed())
    if differences:
        print(f"The installed packages ({sys.prefix}) differ from {args.lock.name}:",
              file=sys.stderr)  # fmt: skip
        print("".join(f"  {p}\n" for p in differences), end="", file=sys.stderr)
        print("Reinstall from the lock: make clean && make test", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
