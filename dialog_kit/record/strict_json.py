"""Strict JSON for records: one key once, short numbers, no NaN, a size limit."""

from __future__ import annotations

import json
from typing import Any

from dialog_kit.errors import quoted
from dialog_kit.i18n import _

from .model import MAX_RECORD_BYTES

MAX_INT_DIGITS = 20
"""A number in a record (a version, a birth year) is short; a 5,000-digit one is hostile."""


def too_large_message(source: str) -> str:
    return _(
        "{source} is larger than {size} MiB, the most a record may be; "
        "split long notes over several talks."
    ).format(source=source, size=MAX_RECORD_BYTES // (1024 * 1024))


def too_large(text: str | bytes) -> bool:
    """Whether `text` is over MAX_RECORD_BYTES as UTF-8 (cheaply, for the usual short text)."""
    size = len(text) if isinstance(text, bytes) else len(text) * 4
    return size > MAX_RECORD_BYTES and (
        isinstance(text, bytes) or len(text.encode("utf-8")) > MAX_RECORD_BYTES
    )


def loads(text: str | bytes) -> Any:
    """json.loads with the record's rules; StrictJSONError (a ValueError) for what they refuse."""
    return json.loads(
        text, object_pairs_hook=_unique_keys, parse_int=_short_int, parse_constant=_no_constant
    )


class StrictJSONError(ValueError):
    """Valid JSON that a record never holds: a key twice, a huge number, NaN."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # One key twice is valid JSON, but which value wins differs between readers:
    # a hostile file could show one thing to another tool and another to this one.
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise StrictJSONError(
                    _("the key {key} appears twice in one object.").format(key=quoted(key))
                )
            seen.add(key)
    return data


def _short_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise StrictJSONError(_("a number has more than {n} digits.").format(n=MAX_INT_DIGITS))
    return int(text)


def _no_constant(text: str) -> Any:
    raise StrictJSONError(_("{value} is not a number in JSON.").format(value=text))
