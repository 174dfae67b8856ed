"""The command line: global options, dispatch to command modules, exit codes, no tracebacks."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from dialog_kit import __version__
from dialog_kit.cli.common import EXIT_FAILED, EXIT_USAGE, CliContext, Parser
from dialog_kit.cli.terminal import visible
from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import LANGUAGES, _, default_language, set_language

COMMANDS: dict[str, tuple[str, ...]] = {
    "vault_cmd": ("init", "list", "new", "show", "passwd", "recipients", "settings", "delete",
                  "purge", "check", "handover", "import"),
    "people_cmd": ("setup", "people", "team"),
    "cohorts_cmd": ("cohorts", "briefing"),
    "documents_cmd": ("export", "prep", "prep-import", "summary-import", "access"),
    "invite_cmd": ("invite", "handed-over"),
    "guides_cmd": ("guides",),
    "career_cmd": ("career-paths", "career-guide"),
    "app_cmd": ("demo",),
    "serve_cmd": ("serve",),
}  # fmt: skip
"""Each command module and the commands it adds, in the order of `--help`: a command's
start imports its own module only (a test checks this against what each one adds)."""


def command_modules(names: Sequence[str] | None = None) -> tuple[ModuleType, ...]:
    """The command modules (`names`: only these), in the order of `--help`."""
    return tuple(
        importlib.import_module(f"dialog_kit.cli.{module}")
        for module in COMMANDS
        if names is None or module in names
    )


def _module_of(command: str) -> str | None:
    return next((module for module, names in COMMANDS.items() if command in names), None)


def build_parser(*, commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; without `commands`, only the global options (the app's start:
    the command modules and what they import are not loaded for nothing); with `only` (a
    command module's name), the global options and that module's commands."""
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
    modules = () if not commands else command_modules(None if only is None else [only])
    for module in modules:
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


def _command_word(argv: Sequence[str]) -> str | None:
    """The command word of `argv`; "-h" when help is asked for before one; None for neither
    (the app starts)."""
    for i, arg in enumerate(argv):
        if arg in ("-h", "--help"):
            return arg
        if not arg.startswith("-") and (i == 0 or argv[i - 1] not in _GLOBAL_VALUE_OPTIONS):
            return arg
    return None


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """Only as much of the command line as `argv` needs: the global options for the app,
    the one module of a known command word, everything for help or an unknown word."""
    word = _command_word(argv)
    if word is None:
        return build_parser(commands=False)
    module = _module_of(word)
    return build_parser(only=module) if module else build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _early_language(argv)
    parser = _parser_for(argv)
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
