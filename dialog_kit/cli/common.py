"""What every command shares: the context (settings, vault path, language) and passphrase input."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from dialog_kit.cli.argparse_text import LocalHelpFormatter, translate_error
from dialog_kit.config import Config, default_vault_dir, load_config
from dialog_kit.errors import UsageError, clip
from dialog_kit.i18n import _, get_language
from dialog_kit.safe_files import UnsafeFileError, format_size, read_file

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PASSPHRASE = 3


class Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as exit 2 with a one-line hint, never a traceback.

    Its own words (usage, headings, -h, its error messages) are in the interface language.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", LocalHelpFormatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # our own -h, with its help in the interface language
        super().__init__(*args, **kwargs)
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=_("show this help and exit"),
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {translate_error(message)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


@dataclass
class CliContext:
    args: argparse.Namespace
    config: Config
    language: str
    vault_dir: Path

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        config = load_config()
        vault = (
            args.vault or os.environ.get("DIALOG_KIT_VAULT") or config.vault or default_vault_dir()
        )
        return cls(
            args=args, config=config, language=get_language(), vault_dir=Path(vault).expanduser()
        )

    def guides_dir(self) -> Path | None:
        return self.config.guides_dir

    def passphrase(self, prompt: str | None = None, *, confirm: bool = False) -> str:
        """The passphrase from --passphrase-file (or - for stdin), else asked without echo."""
        source = self.args.passphrase_file
        if source:
            return read_passphrase_file(source)
        return ask_passphrase(prompt or _("Passphrase: "), confirm=confirm)


_stdin_lines: list[str] | None = None

MAX_PASSPHRASE_INPUT = 64 * 1024
"""The most read from a passphrase file or standard input (a passphrase is one line)."""


def read_passphrase_file(source: str) -> str:
    """The first line of file `source`; with '-', the next line of standard input.

    Several '-' sources (old and new passphrase) take successive lines of stdin.
    The file may be a pipe (`--passphrase-file <(pass show vault)`), but not a
    device or a folder, and nothing past the size limit is read.
    """
    global _stdin_lines
    if source == "-":
        if _stdin_lines is None:
            _stdin_lines = _passphrase_text(_read_stdin(), _("standard input")).splitlines()
        if not _stdin_lines:
            raise UsageError(_("No passphrase"), _("Standard input held no passphrase line."))
        value = _stdin_lines.pop(0)
    else:
        try:
            data = read_file(Path(source), MAX_PASSPHRASE_INPUT, follow_links=True, allow_pipe=True)
        except UnsafeFileError as exc:
            raise UsageError(_("No passphrase"), exc.message) from None
        except OSError as exc:
            raise UsageError(
                _("No passphrase"), f"{clip(source)}: {exc.strerror or type(exc).__name__}"
            ) from None
        text = _passphrase_text(data, clip(source))
        value = text.splitlines()[0] if text.splitlines() else ""
        _warn_if_readable_by_others(Path(source))
    if not value:
        raise UsageError(_("No passphrase"), _("The passphrase is empty."))
    return value


def _warn_if_readable_by_others(path: Path) -> None:
    from dialog_kit.passphrase import file_is_readable_by_others

    if file_is_readable_by_others(path):
        print(
            "dialog-kit: "
            + _(
                "warning: other users on this computer can read the passphrase file {path}; "
                "make it yours alone with: chmod 600 {path}"
            ).format(path=path),
            file=sys.stderr,
        )


def choose_passphrase(source: str | None, prompt: str, *, context: tuple[str, ...] = ()) -> str:
    """A new passphrase from file `source` (or asked twice), with honest feedback on its strength.

    Asked at a terminal, a weak one must be confirmed or replaced; read from a file (scripts),
    it is taken with a warning.
    """
    from dialog_kit.passphrase import estimate, weakness_message

    while True:
        value = read_passphrase_file(source) if source else ask_passphrase(prompt, confirm=True)
        warning = weakness_message(estimate(value, context))
        if warning is None:
            return value
        label = _("warning")  # named outside the f-string: Babel does not look inside one
        print(f"dialog-kit: {label}: {warning}", file=sys.stderr)
        if source:
            return value
        answer = input(_("Use it anyway? [y/N] ")).strip().casefold()
        if answer in ("y", "yes", _("y"), _("yes")):
            return value


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stand-in (tests, embedding): already decoded
        text = str(sys.stdin.read(MAX_PASSPHRASE_INPUT + 1))
        data = text.encode("utf-8", "surrogateescape")
    else:
        data = stream.read(MAX_PASSPHRASE_INPUT + 1)
    if len(data) > MAX_PASSPHRASE_INPUT:
        raise UsageError(
            _("No passphrase"),
            _("Standard input holds more than {size}; a passphrase is one line.").format(
                size=format_size(MAX_PASSPHRASE_INPUT)
            ),
        )
    return data


def _passphrase_text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(
            _("No passphrase"),
            _("{source} is not UTF-8 text; save the passphrase as UTF-8.").format(source=source),
        ) from None


def ask_passphrase(prompt: str, *, confirm: bool = False) -> str:
    if not sys.stdin.isatty():
        raise UsageError(
            _("No passphrase"),
            _(
                "Standard input is not a terminal: give --passphrase-file F "
                "(or - for standard input)."
            ),
        )
    while True:
        value = getpass.getpass(prompt)
        if not value:
            print(_("The passphrase must not be empty."), file=sys.stderr)
            continue
        if confirm and getpass.getpass(_("Same passphrase again: ")) != value:
            print(_("The two passphrases differ; try again."), file=sys.stderr)
            continue
        return value


def add_command(
    sub: argparse._SubParsersAction[Parser], name: str, help_text: str, handler: object
) -> Parser:
    """Adds a subcommand whose `--help` shows `help_text`; `handler(ctx)` returns the exit code."""
    parser: Parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    return parser
