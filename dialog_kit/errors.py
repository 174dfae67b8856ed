"""Error types that carry a title and a message the CLI and the TUI can show as they are."""

from __future__ import annotations

from dialog_kit.i18n import _


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


QUOTE_LIMIT = 60
"""The most characters of a bad value that an error message repeats."""


class Quoted(str):
    """A value already cut for a message: `{value!r}` in a message shows it as it is."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def quoted(value: object, limit: int = QUOTE_LIMIT) -> Quoted:
    """`value` as repr() for an error message, cut to `limit` characters with an ellipsis.

    A hostile input file may hold a value of many megabytes; a message must say
    what is wrong without echoing all of it into a terminal or a log. The result
    formats the same with `{value}` and `{value!r}`, so messages keep their wording.
    """
    if isinstance(value, str) and len(value) > limit * 4:
        value = value[: limit * 4]  # repr() of a huge text would cost its full size first
    if isinstance(value, int) and value.bit_length() > 256:
        return Quoted(_("a very large number"))
    return Quoted(clip(repr(value), limit))


def clip(text: str, limit: int = QUOTE_LIMIT * 2) -> str:
    """`text` cut to `limit` characters with an ellipsis (for names and field paths)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
