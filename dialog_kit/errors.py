"""Error types that carry a title and a message the CLI and the TUI can show as they are."""

from __future__ import annotations


class DialogKitError(Exception):
    """An expected failure: shown to the user without a traceback.

    `title` is a short headline (for a TUI notification), `message` says what
    happened and what to do. Neither may contain confidential content such as
    note text or an employee's name: they can end up in a terminal scrollback.
    """

    exit_code = 1

    def __init__(self, title: str, message: str) -> None:
        super().__init__(f"{title}: {message}")
        self.title = title
        self.message = message


class UsageError(DialogKitError):
    """Bad command-line usage or a bad input file (exit code 2)."""

    exit_code = 2


class InputError(UsageError):
    """An input file (JSON record, guide TOML, config) is malformed (exit code 2)."""


class WrongPassphraseError(DialogKitError):
    """The passphrase does not unlock the vault (exit code 3)."""

    exit_code = 3
