"""Retention: which records are old enough to purge (pure date arithmetic, no vault)."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from dialog_kit.record import Record, Status


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def purge_candidates(records: Iterable[Record], older_than_months: int, now: date) -> list[Record]:
    """Completed or locked records whose date lies more than `older_than_months` back."""
    cutoff = months_before(now, older_than_months)
    done = (Status.COMPLETED, Status.LOCKED)
    return [r for r in records if r.status in done and r.date < cutoff]
