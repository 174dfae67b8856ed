"""The follow-up talk as an .ics calendar event that says nothing sensitive."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from dialog_kit import __version__
from dialog_kit.config import Config
from dialog_kit.documents.labels import check_lang, label
from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import _, format_date
from dialog_kit.record import Record

if TYPE_CHECKING:
    from icalendar import Calendar

UID_NAMESPACE = uuid.UUID("5d6f1c1e-3a0b-4f0e-9a57-6b1f2d6c8e21")


def follow_up_uid(record: Record) -> str:
    """Stable per record, yet not the record id itself (which names its file in the vault)."""
    return f"{uuid.uuid5(UID_NAMESPACE, record.id)}@dialog-kit"


def new_calendar(lang: str) -> Calendar:
    """An empty VCALENDAR with dialog_kit's PRODID."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", f"-//dialog_kit//dialog_kit {__version__}//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


def follow_up_ics(
    record: Record, config: Config, lang: str | None = None, *, stamp: datetime | None = None
) -> bytes:
    """One all-day VEVENT on the record's follow-up date, marked as all day in its description.

    A manager's calendar is often visible to colleagues, so the event holds a
    neutral title, and a description that names neither the employee nor the
    kind of talk: only that it follows up the talk of its date, and that no
    time is set. It is marked CLASS:PRIVATE and free time, so it neither
    shows its title in calendars that honour that nor blocks the day.
    """
    from icalendar import Alarm, Event

    lang = check_lang(lang or record.locale)
    if record.follow_up is None:
        raise DialogKitError(
            _("No follow-up date"),
            _(
                "This talk has no follow-up date, so there is no calendar event to make. "
                "Set a follow-up date first."
            ),
        )
    day: date = record.follow_up
    calendar = new_calendar(lang)
    event = Event()
    event.add("uid", follow_up_uid(record))
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", label(lang, "ics_summary"))
    event.add("description", label(lang, "ics_follow_up_text", date=format_date(record.date, lang)))
    event.add("x-microsoft-cdo-alldayevent", "TRUE")
    event.add("class", "PRIVATE")
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(hours=-15))  # 09:00 the day before
    alarm.add("description", label(lang, "ics_alarm_follow_up"))
    event.add_component(alarm)
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
