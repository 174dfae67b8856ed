"""The follow-up .ics: the right day, a neutral title, a stable UID, nothing confidential."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from dialog_kit.config import Config
from dialog_kit.documents import follow_up_ics
from dialog_kit.errors import DialogKitError

from .conftest import LANGS, MakeTalk


@pytest.mark.parametrize("lang", LANGS)
def test_one_all_day_event_on_the_follow_up_date(lang: str, make_talk: MakeTalk) -> None:
    talk = make_talk("career-change", lang=lang, follow_up=date(2027, 9, 15))
    data = follow_up_ics(talk.record, Config(organisation="Norrviks kommun"))
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == date(2027, 9, 15)
    assert event.decoded("dtend") == date(2027, 9, 16)
    assert (
        str(event["summary"])
        == {
            "sv": "Uppföljningssamtal",
            "da": "Opfølgningssamtale",
            "en": "Follow-up talk",
        }[lang]
    )
    assert str(calendar["prodid"]).startswith("-//dialog_kit//")
    stamp = event.decoded("dtstamp")
    assert abs(stamp - datetime.now(UTC)) < timedelta(minutes=5)


def test_the_event_reveals_nothing_about_the_talk(make_talk: MakeTalk) -> None:
    talk = make_talk("exit")
    text = follow_up_ics(talk.record, Config()).decode()
    for secret in [
        "Åsa", "Lindqvist", "Karin", "Berg", "Exit", "exit", talk.record.id,
        *talk.shared, *talk.hidden, *talk.actions,
    ]:  # fmt: skip
        assert secret not in text
    assert "ATTENDEE" not in text and "LOCATION" not in text
    assert "CLASS:PRIVATE" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_follow_up_is_clearly_all_day_with_a_neutral_description(
    lang: str, make_talk: MakeTalk
) -> None:
    """No time is set for a follow-up: the description says so, and which talk it follows up."""
    talk = make_talk("exit", lang=lang)
    event = Calendar.from_ical(follow_up_ics(talk.record, Config())).walk("VEVENT")[0]
    description = str(event["description"])
    assert {
        "sv": "Hela dagen: ingen tid är bestämd än.",
        "da": "Hele dagen: der er ikke fastsat et tidspunkt endnu.",
        "en": "All day: no time has been set yet.",
    }[lang] in description
    assert {"sv": "3 mars 2027", "da": "3. marts 2027", "en": "3 March 2027"}[lang] in description
    assert str(event["x-microsoft-cdo-alldayevent"]) == "TRUE"
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(hours=-15)
    for word in ("exit", "avgång", "fratræd"):
        assert word not in description.lower() and word not in str(alarm["description"]).lower()


def test_the_uid_is_stable_per_record(make_talk: MakeTalk) -> None:
    one, other = make_talk().record, make_talk().record
    uid = Calendar.from_ical(follow_up_ics(one, Config())).walk("VEVENT")[0]["uid"]
    again = Calendar.from_ical(follow_up_ics(one, Config(), "sv")).walk("VEVENT")[0]["uid"]
    different = Calendar.from_ical(follow_up_ics(other, Config())).walk("VEVENT")[0]["uid"]
    assert uid == again != different


def test_no_follow_up_date_is_a_clear_error(make_talk: MakeTalk) -> None:
    with pytest.raises(DialogKitError, match="no follow-up date"):
        follow_up_ics(make_talk(follow_up=None).record, Config())
