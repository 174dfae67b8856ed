"""The record keeps which summary the employee received and how often the invitation was issued.

handed_over names a version that was made; it is out of date once the employee's document
changes (an amendment they read), not when a private one is added. invitations count the
issues, so the next SEQUENCE is known; a held talk takes none. Both survive the JSON form,
and the reader refuses malformed entries.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from dialog_kit.documents.made import document_lines, summary_received, summary_stale
from dialog_kit.errors import DialogKitError, InputError
from dialog_kit.record import GuideRef, Kind, Person, Record, Visibility, new_record


def talk() -> Record:
    return new_record(
        Kind.DEVELOPMENT,
        GuideRef("development", 1),
        Person("Åsa Lindqvist"),
        Person("Karin Berg"),
        "sv",
        date(2027, 3, 3),
    )


def test_nothing_can_be_handed_over_before_a_summary_is_made() -> None:
    record = talk()
    with pytest.raises(DialogKitError, match=r"[Mm]ake"):
        record.hand_over()
    assert record.handed_over == []
    assert summary_received(record) == "No summary has been made yet."


def test_the_default_is_the_last_summary_made_and_a_version_must_have_been_made() -> None:
    record = talk()
    record.summary_was_made()  # a draft
    record.hand_over()
    assert [(h.version, h.final) for h in record.handed_over] == [(0, False)]
    record.lock()
    assert summary_stale(record)  # the employee has the draft; the talk is final now
    with pytest.raises(DialogKitError, match="1"):
        record.hand_over(1)  # version 1 was never made
    record.summary_was_made()
    record.hand_over(1)
    assert [(h.version, h.final) for h in record.handed_over] == [(0, False), (1, True)]
    assert not record.handed_over_out_of_date and not summary_stale(record)
    assert "It is the current one." in summary_received(record)


def test_an_amendment_the_employee_reads_makes_their_copy_out_of_date() -> None:
    record = talk()
    record.lock()
    record.summary_was_made()
    record.hand_over()
    record.amend("only for me", Visibility.PRIVATE)
    assert not record.handed_over_out_of_date  # their document did not change
    record.amend("the course moved to May", Visibility.SHARED)
    assert record.handed_over_out_of_date
    text = summary_received(record)
    assert "final, version 1" in text and "out of date" in text and "final, version 2" in text
    # Making version 2 is not handing it over: still out of date until marked.
    record.summary_was_made()
    assert record.handed_over_out_of_date
    record.hand_over()
    assert not record.handed_over_out_of_date


def test_invitations_count_their_issues_and_a_held_talk_takes_none() -> None:
    record = talk()
    assert record.invitation_sequence == 0
    assert [record.invitation_issued() for _ in range(3)] == [0, 1, 2]
    assert record.invitation_sequence == 3
    assert record.status.value == "planned"  # inviting is not holding the talk
    record.lock()
    with pytest.raises(DialogKitError):
        record.invitation_issued()
    assert record.invitation_sequence == 3


def test_both_survive_the_json_form_and_are_listed_with_the_documents() -> None:
    record = talk()
    record.invitation_issued()
    record.invitation_issued()
    record.lock()
    record.summary_was_made()
    record.hand_over()
    again = Record.from_json(record.to_json())
    assert [i.at for i in again.invitations] == [i.at for i in record.invitations]
    assert again.handed_over == record.handed_over
    lines = document_lines(again)
    assert lines[0].startswith("Invitation invitation-2027-03-03-")
    assert "issued 2 times" in lines[0] and "(sequence 1)" in lines[0]
    assert any("-v1.pdf: final, version 1" in line and "Handed over." in line for line in lines)
    # An empty list is left out of the JSON form.
    assert "handed_over" not in json.loads(talk().to_json())
    assert "invitations" not in json.loads(talk().to_json())


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("handed_over", [{"at": "2027-03-04T10:00:00+01:00", "version": 1}]),
        ("handed_over", [{"at": "2027-03-04T10:00:00+01:00", "version": 1, "final": False}]),
        ("handed_over", [{"at": "yesterday", "version": 0, "final": False}]),
        ("handed_over", {"version": 1}),
        ("invitations", [{"at": "2027-03-04T10:00:00+01:00", "extra": 1}]),
        ("invitations", ["2027-03-04T10:00:00+01:00"]),
        ("invitations", [{"at": 5}]),
    ],
)
def test_the_reader_refuses_malformed_entries(key: str, value: object) -> None:
    data = json.loads(talk().to_json())
    data[key] = value
    with pytest.raises(InputError, match=key):
        Record.from_dict(data)


def test_a_final_version_handed_over_needs_a_locked_talk() -> None:
    data = json.loads(talk().to_json())
    data["handed_over"] = [{"at": "2027-03-04T10:00:00+01:00", "version": 1, "final": True}]
    with pytest.raises(InputError, match="handed_over"):
        Record.from_dict(data)


def test_the_planned_time_duration_and_place_survive_the_json_form() -> None:
    """Record schema 2: the invitation and the sheet read these three."""
    from datetime import time

    record = talk()
    record.time, record.duration_minutes, record.place = time(14, 30), 60, "Rum 3"
    data = json.loads(record.to_json())
    assert (data["time"], data["duration_minutes"], data["place"]) == ("14:30", 60, "Rum 3")
    again = Record.from_json(record.to_json())
    assert (again.time, again.duration_minutes, again.place) == (time(14, 30), 60, "Rum 3")


@pytest.mark.parametrize(
    ("key", "value"),
    [("time", "25:00"), ("time", "14.30"), ("time", 1430), ("duration_minutes", 0),
     ("duration_minutes", 10_000), ("place", "a\nb"), ("place", "x" * 201)],
)  # fmt: skip
def test_a_bad_time_duration_or_place_is_refused(key: str, value: object) -> None:
    data = json.loads(talk().to_json())
    data[key] = value
    with pytest.raises(InputError, match=key):
        Record.from_dict(data)
