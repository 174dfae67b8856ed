"""The home screen's to-do list: follow-ups due, open actions, opening transition windows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dialog_kit.guides import GuideLibrary, windows_for
from dialog_kit.i18n import _, ngettext
from dialog_kit.names import name_key
from dialog_kit.record import Record, latest_for_employee

FOLLOW_UP_SOON = timedelta(days=14)
"""Follow-ups this close are listed as due, so there is time to book them."""


@dataclass(frozen=True)
class TodoEntry:
    record_id: str
    text: str
    urgent: bool = False  # overdue: shown with a '!' as well as a colour


def pending_follow_up(record: Record, records: Sequence[Record]) -> bool:
    """A follow-up is pending until a later talk with the same employee has taken place."""
    if record.follow_up is None:
        return False
    latest = latest_for_employee(records, record.employee.name)
    return latest is None or latest.id == record.id or latest.date < record.follow_up


def overdue(record: Record, records: Sequence[Record], today: date) -> bool:
    return (
        record.follow_up is not None
        and record.follow_up < today
        and pending_follow_up(record, records)
    )


def latest_per_employee(records: Iterable[Record]) -> list[Record]:
    best: dict[str, Record] = {}
    for record in records:
        key = name_key(record.employee.name)
        current = best.get(key)
        if current is None or (record.date, record.created) > (current.date, current.created):
            best[key] = record
    return sorted(best.values(), key=lambda r: name_key(r.employee.name))


def todo_entries(
    records: Sequence[Record],
    library: GuideLibrary | None,
    today: date,
    *,
    professions: Mapping[str, str] | None = None,
    country: str | None = None,
) -> list[TodoEntry]:
    """`professions` maps a record id to its employee's profession (from the people register);
    `country` is the organisation's (org_scope): windows are per profession and country."""
    entries: list[TodoEntry] = []
    latest = latest_per_employee(records)
    follow_ups = sorted(
        (r for r in records if pending_follow_up(r, records)),
        key=lambda r: r.follow_up or today,
    )
    for record in follow_ups:
        assert record.follow_up is not None
        if record.follow_up < today:
            entries.append(
                TodoEntry(
                    record.id,
                    _("! {name}: follow-up overdue since {date}").format(
                        name=record.employee.name, date=record.follow_up.isoformat()
                    ),
                    urgent=True,
                )
            )
        elif record.follow_up <= today + FOLLOW_UP_SOON:
            entries.append(
                TodoEntry(
                    record.id,
                    _("{name}: follow-up on {date}").format(
                        name=record.employee.name, date=record.follow_up.isoformat()
                    ),
                )
            )
    for record in latest:
        open_actions = record.open_actions()
        if not open_actions:
            continue
        late = [a for a in open_actions if a.due is not None and a.due < today]
        count = len(open_actions)
        text = ngettext(
            "{name}: {count} open action", "{name}: {count} open actions", count
        ).format(name=record.employee.name, count=count)
        if late:
            past_due = ngettext("({count} past due)", "({count} past due)", len(late))
            text = "! " + text + " " + past_due.format(count=len(late))
        entries.append(TodoEntry(record.id, text, urgent=bool(late)))
    if library is not None:
        entries.extend(_window_entries(latest, library, today, professions or {}, country))
    return entries


def _window_entries(
    latest: Iterable[Record],
    library: GuideLibrary,
    today: date,
    professions: Mapping[str, str],
    country: str | None,
) -> list[TodoEntry]:
    """Employees whose career-transition window opens within the profile's horizon.

    Only from a recorded birth year; the whole age group should be told the
    same way at the same time, so the text says when to inform, not whom to nudge.
    """
    entries = []
    for record in latest:
        birth_year = record.employee.birth_year
        profile = library.profile(record.profile)
        if birth_year is None or profile is None or not profile.windows:
            continue
        lang = _lang()
        # Only this person's profession's window, in the organisation's country: a violinist
        # is never shown the singers' window, a Danish dancer never the Swedish one.
        for window in windows_for(profile, professions.get(record.id), country):
            opens = birth_year + window.opens_at_age
            closes = birth_year + window.closes_before_age
            inform = birth_year + window.inform_at_age
            title = window.title.get(lang)
            if opens <= today.year < closes:
                text = _("{name}: {window} window open until {year}").format(
                    name=record.employee.name, window=title, year=closes - 1
                )
            elif 0 < opens - today.year <= profile.horizon_years:
                text = _("{name}: {window} window opens {year}").format(
                    name=record.employee.name, window=title, year=opens
                )
                if today.year >= inform:
                    text += " " + _("(inform the age group)")
            else:
                continue
            entries.append(TodoEntry(record.id, text))
    return entries


def _lang() -> str:
    from dialog_kit.i18n import get_language

    return get_language()
