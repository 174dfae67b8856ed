"""After the talk: follow-up ticks on a locked talk are dated events, and which summary was made."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from dialog_kit.errors import InputError
from dialog_kit.record import (
    GuideRef,
    Kind,
    Person,
    Record,
    RecordLockedError,
    Visibility,
    new_record,
)


def _locked_talk() -> Record:
    record = new_record(
        Kind.DEVELOPMENT, GuideRef("development", 1), Person("Karin Holm"), Person("Per Ek"),
        "sv", date(2027, 3, 1),
    )  # fmt: skip
    record.toggle_item("close", "thank")
    record.toggle_item("follow-up", "write-up-same-day")
    record.add_note("agree", "Kurs i höst", Visibility.SHARED)
    record.add_action("Anmäl till kursen", "Karin", date(2027, 5, 1))
    record.lock()
    return record


def _agreed(record: Record) -> dict[str, Any]:
    """What was agreed: everything but the follow-up events, the summaries and the clock."""
    data = record.to_dict()
    for key in ("after_ticks", "summaries", "updated", "amendments"):
        data.pop(key, None)
    return data


def test_after_ticks_on_a_locked_talk_are_dated_events_and_leave_the_agreed_ticks_alone() -> None:
    record = _locked_talk()
    agreed = _agreed(record)

    assert record.tick_after_talk("follow-up", "send-summary") is True
    assert record.tick_after_talk("follow-up", "write-up-same-day") is False  # unticked later

    assert record.ticked("follow-up") == ["send-summary"]
    assert record.phase("follow-up").ticked == ["write-up-same-day"]  # as it was at locking
    assert [(t.phase, t.item, t.ticked) for t in record.after_ticks] == [
        ("follow-up", "send-summary", True),
        ("follow-up", "write-up-same-day", False),
    ]
    assert all(t.at >= record.locked_at for t in record.after_ticks)  # type: ignore[operator]
    assert record.updated == record.after_ticks[-1].at
    assert _agreed(record) == agreed
    assert record.summary_version == 1  # follow-up ticks are not amendments to the summary

    again = Record.from_json(record.to_json())
    assert again == record
    assert again.ticked("follow-up") == ["send-summary"]


def test_a_locked_talk_still_refuses_ticks_outside_the_after_phase_path() -> None:
    record = _locked_talk()
    before = copy.deepcopy(record)
    with pytest.raises(RecordLockedError):
        record.toggle_item("follow-up", "send-summary")
    with pytest.raises(RecordLockedError):
        record.toggle_item("close", "thank")
    with pytest.raises(RecordLockedError):
        record.add_note("follow-up", "Skickat")
    assert record == before


def test_before_locking_an_after_phase_tick_is_an_ordinary_tick() -> None:
    record = _locked_talk()
    record = Record.from_dict({**record.to_dict(), "status": "in-progress", "locked_at": None})
    assert record.tick_after_talk("follow-up", "send-summary") is True
    assert record.phase("follow-up").ticked == ["write-up-same-day", "send-summary"]
    assert record.after_ticks == []


def test_a_summary_made_records_its_version_and_the_app_can_tell_it_is_out_of_date() -> None:
    record = _locked_talk()
    unlocked = Record.from_dict({**record.to_dict(), "status": "in-progress", "locked_at": None})
    draft = unlocked.summary_was_made()
    assert (draft.version, draft.final) == (0, False)
    assert not unlocked.summary_out_of_date  # a draft is a draft

    record.summaries.append(draft)  # the draft was handed over before locking
    assert record.summary_out_of_date  # the talk is locked since: the final one is due
    made = record.summary_was_made()
    assert (made.version, made.final) == (1, True)
    assert not record.summary_out_of_date

    record.amend("Kursen flyttad till våren", Visibility.SHARED)
    assert record.summary_version == 2
    assert record.summary_out_of_date  # the handed-over version 1 lacks the amendment
    record.tick_after_talk("follow-up", "send-summary")
    assert record.summary_out_of_date
    record.summary_was_made()
    assert not record.summary_out_of_date
    assert [(m.version, m.final) for m in Record.from_json(record.to_json()).summaries] == [
        (0, False), (1, True), (2, True),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(status="completed", locked_at=None), "after_ticks"),
        (lambda d: d["after_ticks"][0].update(ticked="yes"), "after_ticks[0].ticked"),
        (lambda d: d["after_ticks"][0].update(item="not an id!"), "after_ticks[0].item"),
        (lambda d: d["after_ticks"][0].pop("at"), "after_ticks[0]"),
        (lambda d: d["after_ticks"][0].update(note="x"), "after_ticks[0]"),
        (lambda d: d["summaries"][0].update(version=0), "summaries[0].version"),
        (lambda d: d["summaries"][0].update(version=-1), "summaries[0].version"),
        (lambda d: d["summaries"][0].update(final="true"), "summaries[0].final"),
        (lambda d: d.update(summaries={}), "summaries"),
    ],
)
def test_both_readers_refuse_malformed_follow_up_events(change: Any, field: str) -> None:
    record = _locked_talk()
    record.tick_after_talk("follow-up", "send-summary")
    record.summary_was_made()
    data = json.loads(record.to_json())
    change(data)
    with pytest.raises(InputError) as caught:
        Record.from_dict(data, source="talk.json")
    assert f"talk.json.{field}" in caught.value.message
