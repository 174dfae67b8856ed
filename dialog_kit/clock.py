"""The session's clock: one `today()` that every screen and command asks, and tests can set."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date

_fixed: date | None = None


def today() -> date:
    """Today's date, or the date a test (or the demo) fixed with set_today."""
    return _fixed if _fixed is not None else date.today()


def set_today(day: date | None) -> None:
    """Fixes the date `today()` returns; None goes back to the real calendar."""
    global _fixed
    _fixed = day


@contextlib.contextmanager
def fixed_today(day: date) -> Iterator[None]:
    """today() is `day` inside the block, and what it was before afterwards."""
    global _fixed
    before = _fixed
    _fixed = day
    try:
        yield
    finally:
        _fixed = before
