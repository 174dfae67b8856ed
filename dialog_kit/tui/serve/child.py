"""The app for one browser tab: started by the server, once per websocket, with its driver.

textual-serve runs this with TEXTUAL_DRIVER set to Textual's web driver; stdin and
stdout are the pipe to the server, so nothing else may print here.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dialog_kit.config import load_config
from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import LANGUAGES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dialog_kit.tui.serve.child")
    parser.add_argument("--vault", required=True, type=Path)
    parser.add_argument("--lang", choices=LANGUAGES, required=True)
    # Seconds of no input before the vault locks; 0 for never. Only the server calls this.
    parser.add_argument("--idle-lock", type=float, required=True)
    parser.add_argument("--work-factor", type=int, default=18)
    args = parser.parse_args(argv)

    from dialog_kit.config import Config
    from dialog_kit.tui.app import DialogKitApp

    try:
        config = load_config()
    except DialogKitError:
        config = Config()  # the server checked the settings; a later edit must not stop a tab
    app = DialogKitApp(
        config,
        args.vault,
        work_factor=args.work_factor,
        language=args.lang,
        idle_lock=args.idle_lock if args.idle_lock > 0 else None,
    )
    app.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
