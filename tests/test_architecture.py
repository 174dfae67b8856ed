"""The layering the design promises: the core never pulls in Textual, the CLI starts light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import dialog_kit

PACKAGE = Path(dialog_kit.__file__).resolve().parent


def _core_modules() -> list[str]:
    """Every module of dialog_kit except the TUI and the command that starts it."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent)
        if relative.parts[1] == "tui" or relative.as_posix() == "dialog_kit/cli/app_cmd.py":
            continue
        if relative.name == "__main__.py":  # runs the command line when imported
            continue
        parts = list(relative.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def _imported_after(modules: list[str], watched: list[str]) -> dict[str, list[str]]:
    """Imports `modules` one by one in a fresh interpreter; for each, which watched ones came in."""
    script = f"""
import importlib, json, sys
seen = {{}}
for name in {modules!r}:
    importlib.import_module(name)
    seen[name] = [w for w in {watched!r} if w in sys.modules]
print(json.dumps(seen))
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    )
    seen: dict[str, list[str]] = json.loads(result.stdout)
    return seen


def test_the_core_list_is_not_empty() -> None:
    modules = _core_modules()
    for expected in ("dialog_kit.guides", "dialog_kit.record", "dialog_kit.config",
                     "dialog_kit.i18n", "dialog_kit.cli", "dialog_kit.cli.guides_cmd"):  # fmt: skip
        assert expected in modules
    assert not any(m.startswith("dialog_kit.tui") for m in modules)


def test_no_core_module_imports_textual() -> None:
    seen = _imported_after(_core_modules(), ["textual"])
    culprits = [name for name, found in seen.items() if found]
    assert not culprits, f"textual was imported by {culprits[0]} (first of {culprits})"


def test_the_command_line_imports_neither_textual_nor_weasyprint() -> None:
    watched = ["textual", "weasyprint", "textual_serve", "aiohttp"]
    seen = _imported_after(["dialog_kit.cli", "dialog_kit.cli.serve_cmd"], watched)
    assert seen["dialog_kit.cli"] == []
    assert seen["dialog_kit.cli.serve_cmd"] == []  # the web server loads only when serving
