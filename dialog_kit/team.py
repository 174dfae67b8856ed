"""The team: per person the last talk, when the next is due and why, open actions, To do.

The one place that decides what is due, for the TUI's home and team view and
for `dialog-kit team`. Talks belong to people through the register, never by
the name written on them, so two people who share a name never share a row.
A reminder (a follow-up, an open action) stays until a later talk has actually
been held, or the manager marks it dealt with; a merely planned talk does not
clear it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from dialog_kit.i18n import _, ngettext
from dialog_kit.listing import Talk
from dialog_kit.people import PersonEntry, Register
from dialog_kit.record import Action, Kind, Status

if TYPE_CHECKING:
    from dialog_kit.briefings import Briefings
    from dialog_kit.guides import GuideLibrary

FOLLOW_UP_SOON = timedelta(days=14)
"""Follow-ups this close are listed as due, so there is time to book them."""
TALK_SOON = timedelta(days=30)
"""A development talk due this soon is listed, so there is time to book it."""

REASONS = ("yearly-talk", "follow-up", "action-overdue", "window")

TalkT = TypeVar("TalkT", bound=Talk)
"""A Record, or the listing index's TalkSummary of one: the team view needs no more."""


def held(record: Talk) -> bool:
    """Whether the talk actually took place (begun, completed or locked), not merely planned."""
    return record.status is not Status.PLANNED


def reminder_key_follow_up(record: Talk) -> str:
    return f"follow-up:{record.id}"


def reminder_key_action(record: Talk, action: Action) -> str:
    return f"action:{record.id}:{action.id}"


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class TalkGroups(Generic[TalkT]):
    by_person: dict[str, list[TalkT]] = field(default_factory=dict)
    """person id -> their talks, newest first."""
    unassigned: list[TalkT] = field(default_factory=list)
    """Talks not tied to anyone in the register (never guessed from the name)."""


def talks_by_person(register: Register, records: Iterable[TalkT]) -> TalkGroups[TalkT]:
    groups: TalkGroups[TalkT] = TalkGroups({p.id: [] for p in register.people})
    for record in records:
        person_id = register.person_for(record)
        if person_id is None or person_id not in groups.by_person:
            groups.unassigned.append(record)
        else:
            groups.by_person[person_id].append(record)
    for talks in groups.by_person.values():
        talks.sort(key=_order, reverse=True)
    return groups


def _order(record: Talk) -> tuple[date, Any]:
    return (record.date, record.created)


def _latest_held(talks: Iterable[Talk]) -> tuple[date, Any] | None:
    """The order of the most recent held talk: a talk has a later held one when this is later
    (worked out once per person, not once per talk: a team of 1,000 has 10,000 talks)."""
    return max((_order(t) for t in talks if held(t)), default=None)


def _superseded(record: Talk, latest: tuple[date, Any] | None) -> bool:
    return latest is not None and latest > _order(record)


def pending_follow_up(record: Talk, talks: Sequence[Talk], dealt_with: Iterable[str]) -> bool:
    """A follow-up stays pending until a later talk with the person is held, or it is dealt with."""
    return _pending(record, _latest_held(talks), set(dealt_with))


def _pending(record: Talk, latest: tuple[date, Any] | None, dealt_with: set[str]) -> bool:
    if record.follow_up is None or reminder_key_follow_up(record) in dealt_with:
        return False
    return not _superseded(record, latest)


def open_actions(talks: Sequence[TalkT], dealt_with: Iterable[str]) -> list[tuple[TalkT, Action]]:
    """Open actions of the talks no later held talk has taken over, minus those dealt with."""
    done = set(dealt_with)
    latest = _latest_held(talks)
    found = []
    for record in sorted(talks, key=_order):
        if _superseded(record, latest):
            continue  # the later talk carried them over or settled them
        for action in record.open_actions():
            if reminder_key_action(record, action) not in done:
                found.append((record, action))
    return found


def previous_talk(talks: Sequence[TalkT], before: Talk | None = None) -> TalkT | None:
    """The most recent held talk other than `before` (earlier than it, when it is given)."""
    candidates = [
        t
        for t in talks
        if held(t) and (before is None or (t.id != before.id and _order(t) <= _order(before)))
    ]
    return max(candidates, key=_order, default=None)


@dataclass(frozen=True)
class WindowStatus:
    window_id: str
    title: str
    opens: int
    closes: int
    """The year it closes before."""
    is_open: bool
    inform: bool
    """The age group should be told now (the same way, at the same time)."""
    informed_on: date | None = None
    """When the person was informed, at a group briefing (dialog_kit.briefings)."""


@dataclass
class TeamRow(Generic[TalkT]):
    person: PersonEntry
    last_talk: TalkT | None
    next_due: date | None
    reasons: tuple[str, ...]
    open_actions: list[tuple[TalkT, Action]]
    overdue: bool
    follow_ups: list[TalkT] = field(default_factory=list)
    """Talks whose follow-up is still pending."""
    next_planned: TalkT | None = None
    windows: tuple[WindowStatus, ...] = ()
    talks: list[TalkT] = field(default_factory=list)
    informed: tuple[tuple[str, date], ...] = ()
    """(window id, day) for every window the person was informed about at a briefing."""

    def to_json(self) -> dict[str, Any]:
        last = self.last_talk
        return {
            "person": self.person.id,
            "name": self.person.name,
            "role": self.person.role,
            "last_talk": {"date": last.date.isoformat(), "kind": last.kind.value, "id": last.id}
            if last
            else None,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "reasons": list(self.reasons),
            "overdue": self.overdue,
            "open_actions": [
                {
                    "talk": record.id,
                    "id": action.id,
                    "what": action.what,
                    "owner": action.owner,
                    "due": action.due.isoformat() if action.due else None,
                }
                for record, action in self.open_actions
            ],
            "follow_ups": [
                {"talk": r.id, "date": r.follow_up.isoformat() if r.follow_up else None}
                for r in self.follow_ups
            ],
            "next_planned": {"date": self.next_planned.date.isoformat(), "id": self.next_planned.id}
            if self.next_planned
            else None,
            "windows": [
                {
                    "id": w.window_id,
                    "opens": w.opens,
                    "closes_before": w.closes,
                    "open": w.is_open,
                    "informed_on": w.informed_on.isoformat() if w.informed_on else None,
                }
                for w in self.windows
            ],
            "informed": [{"window": wid, "on": day.isoformat()} for wid, day in self.informed],
        }


def person_row(
    person: PersonEntry,
    talks: Sequence[TalkT],
    library: GuideLibrary | None,
    cadence_months: int,
    today: date,
    country: str | None = None,
    briefings: Briefings | None = None,
) -> TeamRow[TalkT]:
    """What is due for one person, and why (windows: the organisation's `country`'s)."""
    held_talks = [t for t in talks if held(t)]
    last = max(held_talks, key=_order, default=None)
    planned = sorted((t for t in talks if not held(t) and t.date >= today), key=_order)
    reasons: list[str] = []
    dates: list[date] = []

    developments = [t for t in held_talks if t.kind is Kind.DEVELOPMENT]
    booked = any(t.kind is Kind.DEVELOPMENT for t in planned)
    if developments:
        talk_due = add_months(max(developments, key=_order).date, cadence_months)
    else:
        talk_due = today  # never had one: due now
    if not booked:
        dates.append(talk_due)
        if talk_due <= today + TALK_SOON:
            reasons.append("yearly-talk")

    latest, dealt = _latest_held(talks), set(person.dealt_with)
    follow_ups = [t for t in talks if _pending(t, latest, dealt)]
    follow_ups.sort(key=lambda t: t.follow_up or today)
    for record in follow_ups:
        assert record.follow_up is not None
        dates.append(record.follow_up)
    if any(r.follow_up and r.follow_up <= today + FOLLOW_UP_SOON for r in follow_ups):
        reasons.append("follow-up")

    actions = open_actions(talks, person.dealt_with)
    dates.extend(a.due for _r, a in actions if a.due is not None)
    if any(a.due is not None and a.due < today for _r, a in actions):
        reasons.append("action-overdue")

    windows = window_status(person, library, today, country, briefings)
    if any(w.is_open or (w.inform and w.informed_on is None) for w in windows):
        reasons.append("window")

    next_due = min(dates, default=None)
    return TeamRow(
        person=person,
        last_talk=last,
        next_due=next_due,
        reasons=tuple(reasons),
        open_actions=actions,
        overdue=next_due is not None and next_due < today,
        follow_ups=follow_ups,
        next_planned=planned[0] if planned else None,
        windows=windows,
        talks=list(talks),
        informed=_informed(person, briefings),
    )


def _informed(person: PersonEntry, briefings: Briefings | None) -> tuple[tuple[str, date], ...]:
    if briefings is None:
        return ()
    days: dict[str, date] = {}
    for briefing in briefings.of_person(person.id):
        day = briefing.informed.get(person.id)
        if day is not None and briefing.profile == person.profile:
            days[briefing.window] = min(day, days.get(briefing.window, day))
    return tuple(sorted(days.items(), key=lambda pair: pair[1]))


def team_rows(
    register: Register,
    records: Iterable[TalkT],
    library: GuideLibrary | None,
    cadence_months: int,
    today: date,
    country: str | None = None,
    briefings: Briefings | None = None,
) -> list[TeamRow[TalkT]]:
    """One row per active person, the most pressing first (overdue, then by next due date)."""
    groups = talks_by_person(register, records)
    rows = [
        person_row(
            p, groups.by_person.get(p.id, []), library, cadence_months, today, country, briefings
        )
        for p in register.active_people()
    ]
    far = date.max
    rows.sort(key=lambda r: (not r.overdue, not r.reasons, r.next_due or far))
    return rows


def window_status(
    person: PersonEntry,
    library: GuideLibrary | None,
    today: date,
    country: str | None = None,
    briefings: Briefings | None = None,
) -> tuple[WindowStatus, ...]:
    """The profile's career-transition windows that are open or open within its horizon.

    Only from a recorded birth year; the whole age group should be told the
    same way at the same time, so `inform` says when, not whom to nudge, and
    `informed_on` when a group briefing told this person.
    """
    if person.birth_year is None or library is None:
        return ()
    profile = library.profile(person.profile)
    if profile is None:
        return ()
    found = []
    lang = _lang()
    from dialog_kit.guides import windows_for

    # Only the person's own profession's windows, in the organisation's country.
    for window in windows_for(profile, person.profession, country):
        opens = person.birth_year + window.opens_at_age
        closes = person.birth_year + window.closes_before_age
        inform = person.birth_year + window.inform_at_age
        is_open = opens <= today.year < closes
        soon = 0 < opens - today.year <= profile.horizon_years
        if is_open or soon:
            found.append(
                WindowStatus(
                    window.id,
                    window.title.get(lang),
                    opens,
                    closes,
                    is_open,
                    soon and today.year >= inform,
                    briefings.informed_on(person.id, profile.id, window.id) if briefings else None,
                )
            )
    return tuple(found)


# -- To do ---------------------------------------------------------------------


@dataclass(frozen=True)
class TodoEntry:
    record_id: str
    """The talk the entry is about (Enter opens it)."""
    text: str
    urgent: bool = False  # overdue: shown with a '!' as well as a colour
    person_id: str | None = None
    key: str | None = None
    """The reminder key to mark dealt with (Register.mark_dealt_with), if it can be."""
    cohort: str | None = None
    """The age group the entry is about (dialog_kit.cohorts): it names no one."""


def cohort_entries(
    register: Register,
    library: GuideLibrary | None,
    today: date,
    country: str | None = None,
    briefings: Briefings | None = None,
) -> tuple[list[TodoEntry], set[str]]:
    """One To do line per age group still to be informed, and the ids of everyone in a
    current cohort (whose own "window opens" line the group's line replaces)."""
    from dialog_kit.cohorts import current_cohorts

    entries = []
    grouped: set[str] = set()
    lang = _lang()
    for cohort in current_cohorts(register, library, country, today, briefings):
        grouped.update(m.person.id for m in cohort.members)
        if cohort.pending:
            entries.append(TodoEntry("", cohort.reminder(lang), cohort=cohort.id))
        elif cohort.briefings and cohort.not_informed:
            count = len(cohort.not_informed)
            text = ngettext(
                "The {group}: {count} person missed the briefing; give them the same information",
                "The {group}: {count} people missed the briefing; give them the same information",
                count,
            ).format(group=cohort.group(lang), count=count)
            entries.append(TodoEntry("", text, cohort=cohort.id))
    return entries, grouped


def todo_entries(
    register: Register,
    records: Sequence[Talk],
    library: GuideLibrary | None,
    today: date,
    country: str | None = None,
    briefings: Briefings | None = None,
) -> list[TodoEntry]:
    """The home's To do: follow-ups due, open actions, age groups to inform, open windows."""
    groups = talks_by_person(register, records)
    follow_entries: list[tuple[date, TodoEntry]] = []
    action_entries: list[TodoEntry] = []
    window_entries, grouped = cohort_entries(register, library, today, country, briefings)
    for person in register.active_people():
        talks = groups.by_person.get(person.id, [])
        latest_held, dealt = _latest_held(talks), set(person.dealt_with)
        for record in talks:
            if not _pending(record, latest_held, dealt):
                continue
            assert record.follow_up is not None
            key = reminder_key_follow_up(record)
            if record.follow_up < today:
                text = _("! {name}: follow-up overdue since {date}").format(
                    name=person.name, date=record.follow_up.isoformat()
                )
                entry = TodoEntry(record.id, text, True, person.id, key)
            elif record.follow_up <= today + FOLLOW_UP_SOON:
                text = _("{name}: follow-up on {date}").format(
                    name=person.name, date=record.follow_up.isoformat()
                )
                entry = TodoEntry(record.id, text, False, person.id, key)
            else:
                continue
            follow_entries.append((record.follow_up, entry))
        actions = open_actions(talks, person.dealt_with)
        if actions:
            late = [a for _r, a in actions if a.due is not None and a.due < today]
            count = len(actions)
            text = ngettext(
                "{name}: {count} open action", "{name}: {count} open actions", count
            ).format(name=person.name, count=count)
            if late:
                past_due = ngettext("({count} past due)", "({count} past due)", len(late))
                text = "! " + text + " " + past_due.format(count=len(late))
            record = actions[-1][0]
            action_entries.append(TodoEntry(record.id, text, bool(late), person.id))
        latest = talks[0].id if talks else ""
        for window in window_status(person, library, today, country, briefings):
            if window.is_open:
                text = _("{name}: {window} window open until {year}").format(
                    name=person.name, window=window.title, year=window.closes - 1
                )
            elif person.id in grouped or window.informed_on is not None:
                # Their age group's line speaks for them, or they have been told: the
                # reminder must not single one person out.
                continue
            else:
                text = _("{name}: {window} window opens {year}").format(
                    name=person.name, window=window.title, year=window.opens
                )
                if window.inform:
                    text += " " + _("(inform the age group)")
            window_entries.append(TodoEntry(latest, text, False, person.id))
    follow_entries.sort(key=lambda pair: pair[0])
    return [e for _d, e in follow_entries] + action_entries + window_entries


def _lang() -> str:
    from dialog_kit.i18n import get_language

    return get_language()
