"""The command line: global options, dispatch to command modules, exit codes, no tracebacks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from dialog_kit import __version__
from dialog_kit.cli.common import EXIT_FAILED, EXIT_USAGE, CliContext, Parser
from dialog_kit.cli.terminal import visible
from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import LANGUAGES, _, default_language, set_language


def command_modules() -> tuple[ModuleType, ...]:
    """Each module adds its subcommands; the order is the order of `--help`."""
    from dialog_kit.cli import (
        app_cmd,
        career_cmd,
        cohorts_cmd,
        documents_cmd,
        guides_cmd,
        invite_cmd,
        people_cmd,
        serve_cmd,
        vault_cmd,
    )

    return (
        vault_cmd,
        people_cmd,
        cohorts_cmd,
        documents_cmd,
        invite_cmd,
        guides_cmd,
        career_cmd,
        app_cmd,
        serve_cmd,
    )


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without `commands`, only the global options (the app's start:
    the command modules and what they import are not loaded for nothing)."""
    parser = Parser(
        prog="dialog-kit",
        description=_(
            "Prepare, hold and follow up development, career-change and exit talks. "
            "With no command, the app starts."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"dialog-kit {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument(
        "--vault",
        metavar="DIR",
        help=_("vault folder (default: $DIALOG_KIT_VAULT, the settings, or your data folder)"),
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="F",
        help=_("read the passphrase from file F (- for standard input)"),
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=_("interface language"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in command_modules() if commands else ():
        module.register(sub)
    return parser


_GLOBAL_VALUE_OPTIONS = ("--vault", "--passphrase-file", "--lang")


def _early_language(argv: Sequence[str]) -> None:
    """Sets the interface language before --help texts are built.

    Only a --lang before the command counts: after it, `export --lang da`
    chooses the language of a document, not of the interface.
    """
    lang = None
    for i, arg in enumerate(argv):
        if not arg.startswith("-") and (i == 0 or argv[i - 1] not in _GLOBAL_VALUE_OPTIONS):
            break  # the command name: what follows is the command's own options
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    if lang not in LANGUAGES:
        from dialog_kit.config import load_config

        try:
            lang = load_config().language
        except DialogKitError:
            lang = None
    set_language(lang if lang in LANGUAGES else default_language())


def _names_a_command(argv: Sequence[str]) -> bool:
    """Whether `argv` holds a command word (or asks for help, which lists the commands)."""
    for i, arg in enumerate(argv):
        if arg in ("-h", "--help"):
            return True
        if not arg.startswith("-") and (i == 0 or argv[i - 1] not in _GLOBAL_VALUE_OPTIONS):
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _early_language(argv)
    parser = build_parser(commands=_names_a_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help, --version (0) or bad usage (2)
        return int(exc.code or 0)
    try:
        ctx = CliContext.from_args(args)
        if args.command is None:
            from dialog_kit.cli import app_cmd

            return app_cmd.run_app(ctx)
        return int(args.handler(ctx))
    except DialogKitError as exc:
        # Messages name files and values from files that may be hostile: shown, never obeyed.
        print(
            f"dialog-kit: {visible(exc.title)}: {visible(exc.message, lines=True)}",
            file=sys.stderr,
        )
        return exc.exit_code
    except KeyboardInterrupt:
        interrupted = _("interrupted")
        print(f"dialog-kit: {interrupted}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_FAILED
    except OSError as exc:
        # Expected I/O failures (disk full, permission denied): the message, not a traceback.
        # strerror and filename only: never the data being written.
        message = f"{exc.strerror or type(exc).__name__}: {exc.filename or ''}".rstrip(": ")
        print(f"dialog-kit: {visible(message)}", file=sys.stderr)
        return EXIT_FAILED


__all__ = ["EXIT_USAGE", "build_parser", "main"]
