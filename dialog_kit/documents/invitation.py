"""The invitation to a talk as an .ics event: when, where, with whom, and how to prepare.

The event goes into the employee's calendar and, often, the manager's, which
colleagues can see. So its title is the same neutral "One-to-one talk" for
every kind of talk (a development review titled by its kind beside a bare
"talk" would give the others away by contrast), it names no employee and
carries no attendee, and it is CLASS:PRIVATE. The description, which the
employee reads, says what the talk is for (the guide's preparation intro,
written to the employee) and how to prepare. Nothing from the talk's notes,
actions or follow-up is read: the event is built from the planned facts only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from dialog_kit.config import Config
from dialog_kit.documents.calendar import UID_NAMESPACE, new_calendar
from dialog_kit.documents.labels import check_lang, label
from dialog_kit.errors import InputError
from dialog_kit.i18n import _, format_date

if TYPE_CHECKING:
    from dialog_kit.guides import GuideLibrary
    from dialog_kit.record import Record

DEFAULT_MINUTES = 60
"""A talk with a time but no duration is booked for an hour (the usual length of a MUS)."""
MAX_MINUTES = 8 * 60


@dataclass(frozen=True)
class TalkTime:
    """When and where a talk is planned: the start time (None: not set), minutes and place."""

    start: time | None = None
    minutes: int | None = None
    place: str = ""


def talk_time(record: Record) -> TalkTime:
    """The record's planned time, duration and place (fields of record schema 2)."""
    raw = getattr(record, "time", None)
    start: time | None
    if raw is None or raw == "":
        start = None
    elif isinstance(raw, time):
        start = raw
    else:
        try:
            start = time.fromisoformat(str(raw))
        except ValueError:
            raise InputError(
                _("Bad time"),
                _("The talk's time {time!r} is not a time of day such as 14:30.").format(time=raw),
            ) from None
    minutes = getattr(record, "duration_minutes", None)
    place = getattr(record, "place", None) or ""
    return TalkTime(start, int(minutes) if minutes else None, str(place))


def invitation_uid(record: Record) -> str:
    """Stable per talk, so a re-issued invitation replaces the first in the calendar."""
    return f"{uuid.uuid5(UID_NAMESPACE, 'invitation:' + record.id)}@dialog-kit"


def zone(config: Config) -> ZoneInfo:
    """The organisation's time zone (checked when the settings were read)."""
    return ZoneInfo(config.zone_name)


def invitation_ics(
    record: Record,
    library: GuideLibrary,
    config: Config,
    lang: str | None = None,
    *,
    when: TalkTime | None = None,
    sequence: int = 0,
    stamp: datetime | None = None,
) -> bytes:
    """One VEVENT for the talk: at its time in the organisation's zone, or all day without one.

    `when` defaults to what the record holds; `sequence` is how many times the
    invitation was issued before (0 the first time), so a calendar takes a
    re-issued one as the newer version of the same event.
    """
    from icalendar import Alarm, Event, vCalAddress, vText

    from dialog_kit.documents.context import build_preparation_for_talk

    lang = check_lang(lang or record.locale)
    when = when if when is not None else talk_time(record)
    if when.minutes is not None and not 1 <= when.minutes <= MAX_MINUTES:
        raise InputError(
            _("Bad duration"),
            _("A talk lasts from 1 to {most} minutes, not {minutes}.").format(
                most=MAX_MINUTES, minutes=when.minutes
            ),
        )
    sheet = build_preparation_for_talk(record, library, config, lang)
    manager = record.manager.name + (f", {record.manager.role}" if record.manager.role else "")
    day: date = record.date
    event = Event()
    event.add("uid", invitation_uid(record))
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0))
    event.add("sequence", sequence)
    lines = [f"{sheet.title}: {sheet.intro}", ""]
    if when.start is not None:
        tz = zone(config)
        start = datetime.combine(day, when.start, tzinfo=tz)
        end = start + timedelta(minutes=when.minutes or DEFAULT_MINUTES)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", label(lang, "ics_invite"))
        span = f"{start:%H:%M}–{end:%H:%M}"
        if end.date() != start.date():
            span = f"{start:%H:%M}–{format_date(end.date(), lang)} {end:%H:%M}"
        lines.append(label(lang, "ics_when", when=f"{format_date(day, lang)}, {span}"))
        trigger = timedelta(days=-1)
    else:
        # No time yet: a day held, and said so in the title, not an event at midnight.
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", label(lang, "ics_invite_no_time"))
        event.add("x-microsoft-cdo-alldayevent", "TRUE")
        lines.append(label(lang, "ics_when_no_time", date=format_date(day, lang)))
        trigger = timedelta(hours=-15)  # 09:00 the day before
    place = " ".join(when.place.split())  # one line: a calendar shows the place in one
    if place:
        event.add("location", place)
        lines.append(label(lang, "ics_where", place=place))
    if manager.strip(", "):
        lines.append(label(lang, "ics_with", manager=manager))
    lines += ["", label(lang, "ics_prepare")]
    event.add("description", "\n".join(lines))
    if config.manager_email and record.manager.name:
        organiser = vCalAddress(f"mailto:{config.manager_email}")
        organiser.params["cn"] = vText(record.manager.name)
        event.add("organizer", organiser)
    event.add("class", "PRIVATE")
    event.add("transp", "OPAQUE")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", trigger)
    # A reminder pops up on a screen others may see: it says as little as the title.
    alarm.add("description", label(lang, "ics_alarm"))
    event.add_component(alarm)
    calendar = new_calendar(lang)
    calendar.add_component(event)
    if when.start is not None:
        # The zone's rules for the years around the talk, not 1970-2038.
        calendar.add_missing_timezones(date(day.year - 1, 1, 1), date(day.year + 2, 1, 1))
    data: bytes = calendar.to_ical()
    return data
