"""The record's JSON form keeps everything a manager wrote, exactly."""

from __future__ import annotations

from datetime import date

from dialog_kit.record import Action, GuideRef, Kind, Person, Record, Visibility, new_record


def test_json_round_trip_keeps_notes_of_every_visibility_and_actions() -> None:
    record = new_record(
        Kind.CAREER_CHANGE,
        GuideRef("career-change", 1),
        Person("Åsa Lind", "Dansare", 1992),
        Person("Bo Ek", "Balettmästare"),
        "sv",
        date(2026, 11, 2),
        profile="performing-arts",
    )
    record.add_note("orientation", "Vill prata med rådgivare", Visibility.SHARED)
    record.add_note("orientation", "Verkar orolig", Visibility.PRIVATE)
    record.add_note("plan", "Tjänstledighet?", Visibility.HR)
    record.actions.append(Action("Boka samtal med rådgivare", "Åsa", date(2027, 1, 15)))
    record.follow_up = date(2027, 2, 1)

    again = Record.from_json(record.to_json())

    assert again == record
    assert [n.text for _, n in again.notes(Visibility.SHARED)] == ["Vill prata med rådgivare"]
