"""When and where a talk is held: its time of day, its length and its place, checked."""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from typing import Any

from dialog_kit.i18n import _

MAX_DURATION_MINUTES = 8 * 60
"""The longest talk: a working day. A longer one is a typo (600 for 60), not a talk."""

MAX_PLACE = 200
"""The longest place ("Room 4.12, Rådhuset, Storgatan 1"): it goes into a calendar title line."""

_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


def time_problem(value: Any) -> str | None:
    """Why `value` is not a time of day written HH:MM (24-hour clock); None when it is."""
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        shown = value if isinstance(value, str) else type(value).__name__
        return _("must be a time of day written HH:MM, for example 14:30, not {value!r}.").format(
            value=str(shown)[:40]
        )
    return None


def parse_time(value: Any) -> time:
    """The time of day `value` (HH:MM) names; ValueError with the reason otherwise."""
    problem = time_problem(value)
    if problem is not None:
        raise ValueError(problem)
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def format_time(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def duration_problem(value: Any) -> str | None:
    """Why `value` is not a talk's length in whole minutes (1 to a working day); None if it is."""
    if not isinstance(value, int) or isinstance(value, bool):
        return _("must be a whole number of minutes.")
    if not 1 <= value <= MAX_DURATION_MINUTES:
        return _("must be between {low} and {high} minutes.").format(
            low=1, high=MAX_DURATION_MINUTES
        )
    return None


def place_problem(value: Any) -> str | None:
    """Why `value` is not a place (one line of text, not blank, not too long); None if it is."""
    if not isinstance(value, str):
        return _("must be a text.")
    if not value.strip():
        return _("must not be empty; leave the field out for no place.")
    if len(value) > MAX_PLACE:
        return _("is longer than {n} characters.").format(n=MAX_PLACE)
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in value):
        return _("must be one line without control characters.")
    return None
