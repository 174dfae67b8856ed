#!/usr/bin/env python3
"""Screenshots of `dialog-kit serve` in headless Chromium at 1280x800, in sv, da and en.

Run from the repository: .venv/bin/python scripts/browser-screenshots.py OUT_DIR
It serves the demo vault (fictional people) and saves home-LANG.png and talk-LANG.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialog_kit.demo import DEMO_PASSPHRASE, create_demo_vault
from dialog_kit.guides import load_library
from tests.serve.browser import chromium
from tests.serve.helpers import serve

WAIT_FOR = {"sv": ("n Nytt samtal", "w Anteckna"), "da": ("n Ny samtale", "w Skriv note"),
            "en": ("n New talk", "w Write note")}  # fmt: skip


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("sv", "da", "en"):
        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            create_demo_vault(tmp / "vault", load_library(None)).close()
            with serve(tmp, lang=lang) as served, chromium(tmp / "profile") as browser:
                tab = browser.open(served.url)
                tab.settle()
                tab.page.keyboard.type(DEMO_PASSPHRASE)
                home, talk = WAIT_FOR[lang]
                tab.press("Enter", home)
                tab.settle()
                tab.page.screenshot(path=str(out / f"home-{lang}.png"))
                tab.press("Enter", talk)
                tab.settle()
                tab.page.screenshot(path=str(out / f"talk-{lang}.png"))
                print(out / f"home-{lang}.png", out / f"talk-{lang}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
