"""The invitation .ics, read back with icalendar: the time in the organisation's zone, the place,
the organiser, a reminder, a description in the employee's language, a UID stable per talk and a
neutral title; and nothing of the talk's notes, actions or the employee's name in it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from dialog_kit.config import Config
from dialog_kit.documents.calendar import follow_up_ics
from dialog_kit.documents.invitation import TalkTime, invitation_ics, invitation_uid
from dialog_kit.errors import InputError
from dialog_kit.guides import GuideLibrary
from dialog_kit.record import Visibility

from .conftest import KINDS, LANGS, MakeTalk

AT = TalkTime(time(14, 30), 45, "Rum 3, Storgatan 1")


def event_of(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return calendar, events[0]


@pytest.mark.parametrize("lang", LANGS)
def test_a_timed_invitation_in_the_organisations_zone(
    lang: str, make_talk: MakeTalk, library: GuideLibrary
) -> None:
    record = make_talk("development", lang=lang).record
    config = Config(manager_name="Karin Berg", country="dk", manager_email="kb@example.dk")
    calendar, event = event_of(invitation_ics(record, library, config, when=AT))
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    # 14:30 in Copenhagen on the talk's day, with its TZID and the zone's rules in the file.
    assert start == datetime(2027, 3, 3, 14, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert event["dtstart"].params["TZID"] == "Europe/Copenhagen"
    assert event["dtend"].params["TZID"] == "Europe/Copenhagen"
    assert end - start == timedelta(minutes=45)
    assert start.utcoffset() == timedelta(hours=1)  # March 3rd: winter time
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    assert str(event["location"]) == "Rum 3, Storgatan 1"
    assert str(event["organizer"]) == "mailto:kb@example.dk"
    assert event["organizer"].params["CN"] == "Karin Berg"
    assert str(event["class"]) == "PRIVATE"
    alarms = list(event.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("trigger") == timedelta(days=-1)
    assert str(alarms[0]["action"]) == "DISPLAY"
    description = str(event["description"])
    # What the talk is for (the guide's intro to the employee), when, where, with whom, in
    # the employee's language.
    intro = library.guide_for_kind("development").preparation.intro(lang)
    assert intro in description
    assert {"sv": "Var: Rum 3", "da": "Hvor: Rum 3", "en": "Where: Rum 3"}[lang] in description
    assert {"sv": "14:30–15:15", "da": "14:30–15:15", "en": "14:30–15:15"}[lang] in description
    assert {"sv": "förberedelsen", "da": "forberedelsen", "en": "preparation sheet"}[
        lang
    ] in description
    assert "Karin Berg" in description


def test_the_zone_follows_the_country_or_the_setting(
    make_talk: MakeTalk, library: GuideLibrary
) -> None:
    record = make_talk().record
    cases = {
        Config(country="se"): "Europe/Stockholm",
        Config(country="dk"): "Europe/Copenhagen",
        Config(country="other"): "UTC",
        Config(): "UTC",
        Config(country="se", time_zone="Europe/Helsinki"): "Europe/Helsinki",
    }
    for config, zone in cases.items():
        _calendar, event = event_of(invitation_ics(record, library, config, when=AT))
        start = event.decoded("dtstart")
        assert start.replace(tzinfo=None) == datetime(2027, 3, 3, 14, 30), zone
        assert getattr(start.tzinfo, "key", str(start.tzinfo)) == zone


def test_summer_time_is_the_zones_own(make_talk: MakeTalk, library: GuideLibrary) -> None:
    record = make_talk().record
    record.date = date(2027, 6, 10)
    _calendar, event = event_of(invitation_ics(record, library, Config(country="se"), when=AT))
    assert event.decoded("dtstart").utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_title_is_the_same_neutral_one_for_every_kind(
    kind: str, lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk(kind, lang=lang)
    _calendar, event = event_of(invitation_ics(talk.record, library, config, when=AT))
    title = {"sv": "Enskilt samtal", "da": "Individuel samtale", "en": "One-to-one talk"}[lang]
    assert str(event["summary"]) == title
    # Neither the title nor the reminder that pops up on a screen names the kind.
    alarm = str(next(iter(event.walk("VALARM")))["description"])
    for word in ("exit", "avgång", "fratræd", "karriär", "karriere", "career"):
        assert word not in title.lower() and word not in alarm.lower()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_nothing_of_the_talk_or_the_employee_reaches_the_invitation(
    kind: str, lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    """Every note (shared, private, HR, the employee's own preparation at every level), every
    action and the employee's name stay out of the invitation and of the talk's sheet."""
    from dialog_kit.documents import talk_preparation_pdf
    from dialog_kit.documents.forms import EMPLOYEE_PREPARATION

    from .conftest import pdf_text

    talk = make_talk(kind, lang=lang)
    for visibility in Visibility:
        mark = f"zqprep{visibility.value}"
        talk.record.add_note(EMPLOYEE_PREPARATION, mark, visibility, item="answer-1")
        talk.hidden.append(mark)
    text = invitation_ics(talk.record, library, config, when=AT).decode()
    sheet = pdf_text(talk_preparation_pdf(talk.record, library, config))
    for secret in [*talk.shared, *talk.hidden, *talk.actions]:
        assert secret not in sheet
    unfolded = text.replace("\r\n ", "")
    assert talk.shared and talk.hidden and talk.actions
    for secret in [
        "Åsa", "Lindqvist", "Undersköterska", talk.record.id,
        *talk.shared, *talk.hidden, *talk.actions,
    ]:  # fmt: skip
        assert secret not in unfolded
    assert "ATTENDEE" not in unfolded


def test_without_a_time_the_invitation_is_clearly_all_day(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    record = make_talk(lang="en").record
    _calendar, event = event_of(
        invitation_ics(record, library, config, when=TalkTime(None, None, "Room 3"))
    )
    assert event.decoded("dtstart") == date(2027, 3, 3)
    assert event.decoded("dtend") == date(2027, 3, 4)
    assert str(event["summary"]) == "One-to-one talk (time to be agreed)"
    assert "the time is not set yet" in str(event["description"])
    assert str(event["x-microsoft-cdo-alldayevent"]) == "TRUE"
    alarm = next(iter(event.walk("VALARM")))
    assert alarm.decoded("trigger") == timedelta(hours=-15)


def test_a_time_without_a_duration_takes_an_hour(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    record = make_talk().record
    _c, event = event_of(invitation_ics(record, library, config, when=TalkTime(time(9, 0))))
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=1)
    assert "location" not in event


def test_no_manager_address_means_no_organiser_line(
    make_talk: MakeTalk, library: GuideLibrary
) -> None:
    """An ORGANIZER must be an address; without one the name stays in the description."""
    record = make_talk().record
    _c, event = event_of(invitation_ics(record, library, Config(), when=AT))
    assert "organizer" not in event
    assert "Karin Berg" in str(event["description"])


def test_uid_is_stable_per_talk_and_sequence_is_what_was_given(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    one, other = make_talk().record, make_talk().record
    uids = set()
    for sequence in (0, 1, 5):
        _c, event = event_of(invitation_ics(one, library, config, when=AT, sequence=sequence))
        uids.add(str(event["uid"]))
        assert event.decoded("sequence") == sequence
    assert uids == {invitation_uid(one)}
    assert invitation_uid(one) != invitation_uid(other)
    follow_up = Calendar.from_ical(follow_up_ics(one, config)).walk("VEVENT")[0]
    assert str(follow_up["uid"]) != invitation_uid(one)
    assert one.id not in invitation_uid(one)


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60])
def test_a_duration_out_of_range_is_refused(
    minutes: int, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    with pytest.raises(InputError, match="minutes"):
        invitation_ics(make_talk().record, library, config, when=TalkTime(time(9, 0), minutes, ""))


def test_markup_and_line_breaks_in_the_place_stay_text(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    """A place with a line break cannot start a new property (END:VEVENT, ATTENDEE…)."""
    place = "Rum 3\r\nATTENDEE:mailto:x@example.com\nEND:VEVENT; <b>x</b>"
    data = invitation_ics(make_talk().record, library, config, when=TalkTime(time(9), 30, place))
    _c, event = event_of(data)
    assert str(event["location"]) == " ".join(place.split())
    assert "ATTENDEE" not in event
    assert b"\nATTENDEE" not in data
