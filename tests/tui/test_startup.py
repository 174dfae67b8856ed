"""The app starts like a bare Textual app: nothing heavy is imported before it is needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Run in a fresh interpreter: other tests in this process may have imported anything.
SCRIPT = r"""
import asyncio, json, sys
from pathlib import Path
from dialog_kit.config import Config
from dialog_kit.tui.app import DialogKitApp

HEAVY = ("weasyprint", "jinja2", "babel", "icalendar", "pypdf", "cryptography")

def loaded():
    return sorted(m for m in HEAVY if m in sys.modules)

async def main():
    report = {"at_import": loaded()}
    app = DialogKitApp(Config(), Path(sys.argv[1]) / "vault", work_factor=10)
    async with app.run_test(size=(80, 24)) as pilot:
        report["first_screen"] = type(app.screen).__name__
        while getattr(app.screen, "mode", "") != "create":
            await pilot.pause(0.02)
        await pilot.press(*"pw", "enter", *"pw", "enter", "enter")  # weak: Enter again keeps it
        # No settings yet: the first-run setup shows over the home screen.
        while type(app.screen).__name__ != "SetupScreen":
            await pilot.pause(0.02)
        report["home"] = loaded()
    print(json.dumps(report))

asyncio.run(main())
"""


def test_no_weasyprint_jinja_or_babel_before_a_document_is_made(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # Importing the app loads no crypto, templates or PDF code: the vault loads in a worker.
    assert report["at_import"] == []
    assert report["first_screen"] == "UnlockScreen"
    assert "weasyprint" not in report["home"]
    assert "jinja2" not in report["home"]
