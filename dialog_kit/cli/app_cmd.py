"""`dialog-kit` with no command starts the app; `dialog-kit demo` opens it on sample talks.

Textual is imported only here, inside the functions, so other commands start fast.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import tempfile
from pathlib import Path

from dialog_kit.cli.common import EXIT_OK, CliContext, Parser, add_command
from dialog_kit.i18n import _


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    add_command(
        sub,
        "demo",
        _("a throwaway vault with sample talks about fictional people, opened in the app"),
        run_demo,
    )


def run_app(ctx: CliContext) -> int:
    """Starts the TUI on the vault of the context; the passphrase is asked in the app."""
    from dialog_kit.tui.app import DialogKitApp

    DialogKitApp(ctx.config, ctx.vault_dir, language=ctx.language).run()
    return EXIT_OK


def run_demo(ctx: CliContext) -> int:
    from dialog_kit.demo import DEMO_PASSPHRASE, DEMO_WORK_FACTOR, create_demo_vault
    from dialog_kit.guides import load_library
    from dialog_kit.tui.app import DialogKitApp

    folder = Path(tempfile.mkdtemp(prefix="dialog-kit-demo-"))
    try:
        vault_dir = folder / "vault"
        # The demo's PDFs and calendar files stay in its folder too: sample documents
        # about fictional people have no place among the user's real ones.
        documents = folder / "documents"
        documents.mkdir(mode=0o700)
        create_demo_vault(vault_dir, load_library(ctx.config.guides_dir)).close()
        print(
            _("Demo vault: {path} (erased when you quit). Passphrase: {passphrase}").format(
                path=vault_dir, passphrase=DEMO_PASSPHRASE
            )
        )
        print(
            _("Documents made in the demo go to {path} (also erased when you quit).").format(
                path=documents
            )
        )
        config = dataclasses.replace(
            ctx.config,
            manager_name=ctx.config.manager_name or "Kim Demo",
            organisation=ctx.config.organisation or _("Demo organisation"),
        )
        hint = _("Demo: the passphrase is '{passphrase}'.").format(passphrase=DEMO_PASSPHRASE)
        DialogKitApp(
            config,
            vault_dir,
            work_factor=DEMO_WORK_FACTOR,
            hint=hint,
            language=ctx.language,
            output_folder=documents,
            # A language chosen in the demo is not written to the user's settings.
            settings_path=folder / "config.toml",
            ask_setup=False,  # a throwaway vault: the user's settings file stays as it is
        ).run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return EXIT_OK
