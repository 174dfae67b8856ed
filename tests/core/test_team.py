"""What is due per person, and why: the rules the team view, To do and `team` share."""

from __future__ import annotations

from datetime import date

import pytest

from dialog_kit.clock import fixed_today, set_today, today
from dialog_kit.guides import load_library
from dialog_kit.people import Register
from dialog_kit.record import Action, GuideRef, Kind, Person, Record, Status, new_record
from dialog_kit.team import (
    add_months,
    previous_talk,
    reminder_key_action,
    reminder_key_follow_up,
    team_rows,
    todo_entries,
)

TODAY = date(2026, 11, 22)


def _talk(
    register: Register,
    person_id: str,
    on: str,
    status: Status = Status.COMPLETED,
    kind: Kind = Kind.DEVELOPMENT,
) -> Record:
    person = register.get(person_id)
    record = new_record(
        kind, GuideRef(kind.value, 1), Person(person.name, person.role), Person("Maja"), "en",
        date.fromisoformat(on),
    )  # fmt: skip
    record.status = status
    register.assign(record.id, person_id)
    return record


def _row(register: Register, records: list[Record], person_id: str, cadence: int = 12):  # type: ignore[no-untyped-def]
    rows = team_rows(register, records, None, cadence, TODAY)
    return next(r for r in rows if r.person.id == person_id)


def test_two_people_with_one_name_never_share_a_row_or_a_reminder() -> None:
    register = Register()
    a = register.add("Anna Berg", "Nurse").id
    b = register.add("Anna Berg", "Assistant").id
    first = _talk(register, a, "2026-01-10")
    first.follow_up = date(2026, 6, 1)
    first.actions.append(Action("Course", "Anna", date(2026, 3, 1)))
    other = _talk(register, b, "2026-10-01")
    rows = {r.person.id: r for r in team_rows(register, [first, other], None, 12, TODAY)}
    assert rows[a].reasons == ("follow-up", "action-overdue")
    assert rows[a].overdue and [x.what for _r, x in rows[a].open_actions] == ["Course"]
    assert rows[b].reasons == () and not rows[b].overdue and rows[b].open_actions == []
    assert rows[b].last_talk is other and rows[a].last_talk is first
    # To do names each reminder with its own person and talk.
    entries = todo_entries(register, [first, other], None, TODAY)
    assert {e.person_id for e in entries} == {a}
    assert all(e.record_id == first.id for e in entries)


def test_an_empty_planned_talk_does_not_clear_last_years_reminders() -> None:
    register = Register()
    a = register.add("Åsa Lind").id
    first = _talk(register, a, "2025-11-01")
    first.follow_up = date(2026, 5, 1)
    first.actions.append(Action("Mentor course", "Åsa", date(2026, 2, 1)))
    planned = _talk(register, a, "2026-12-01", Status.PLANNED)
    row = _row(register, [first, planned], a)
    assert "follow-up" in row.reasons and "action-overdue" in row.reasons
    assert row.follow_ups == [first] and row.next_planned is planned
    assert row.last_talk is first
    # Held (begun), the later talk takes them over.
    planned.status = Status.IN_PROGRESS
    row = _row(register, [first, planned], a)
    assert "follow-up" not in row.reasons and "action-overdue" not in row.reasons
    assert row.open_actions == []


def test_marked_dealt_with_a_reminder_goes_and_only_that_one() -> None:
    register = Register()
    a = register.add("Åsa Lind").id
    first = _talk(register, a, "2026-01-10")
    first.follow_up = date(2026, 6, 1)
    late = Action("Late", "Åsa", date(2026, 2, 1))
    other = Action("Other", "Åsa", date(2026, 3, 1))
    first.actions += [late, other]
    register.mark_dealt_with(a, reminder_key_follow_up(first))
    register.mark_dealt_with(a, reminder_key_action(first, late))
    row = _row(register, [first], a)
    assert "follow-up" not in row.reasons
    assert [x.what for _r, x in row.open_actions] == ["Other"]
    assert "action-overdue" in row.reasons
    # The mark survives the register's JSON (it is stored, not kept in memory).
    again = Register.from_json(register.to_json())
    assert [x.what for _r, x in _row(again, [first], a).open_actions] == ["Other"]


@pytest.mark.parametrize(
    ("last", "cadence", "due", "reason"),
    [
        ("2025-10-01", 12, date(2026, 10, 1), True),  # more than a year ago: overdue
        ("2026-05-10", 12, date(2027, 5, 10), False),
        ("2026-05-10", 6, date(2026, 11, 10), True),
        ("2026-06-15", 6, date(2026, 12, 15), True),  # due within a month: time to book it
    ],
)
def test_the_development_talk_is_due_by_the_cadence(
    last: str, cadence: int, due: date, reason: bool
) -> None:
    register = Register()
    a = register.add("Bo Ek").id
    row = _row(register, [_talk(register, a, last)], a, cadence)
    assert row.next_due == due
    assert ("yearly-talk" in row.reasons) is reason
    assert row.overdue is (due < TODAY)


def test_never_talked_with_is_due_now_and_a_booked_talk_is_not_due() -> None:
    register = Register()
    a = register.add("New Person").id
    row = _row(register, [], a)
    assert row.reasons == ("yearly-talk",) and row.next_due == TODAY and row.last_talk is None
    booked = _talk(register, a, "2026-12-03", Status.PLANNED)
    row = _row(register, [booked], a)
    assert row.reasons == () and row.next_planned is booked
    # An exit talk is not a development talk: the cadence still counts from the last one.
    exit_talk = _talk(register, a, "2026-11-01", kind=Kind.EXIT)
    assert "yearly-talk" in _row(register, [exit_talk], a).reasons


def test_former_staff_leave_the_team() -> None:
    register = Register()
    a = register.add("Gone").id
    register.edit(a, active=False)
    assert team_rows(register, [], None, 12, TODAY) == []


def test_the_window_reason_needs_the_registers_birth_year_profession_and_country() -> None:
    library = load_library()
    horizon = library.profiles["performing-arts"].horizon_years
    register = Register()
    dancer = {"profile": "performing-arts", "profession": "dancer"}
    soon = register.add("Soon", birth_year=TODAY.year - 35 + horizon, **dancer)
    far = register.add("Far", birth_year=TODAY.year - 34 + horizon, **dancer)
    inside = register.add("Inside", birth_year=TODAY.year - 36, **dancer)
    # No profession recorded: no window at all, never another profession's.
    unknown = register.add("Unknown", profile="performing-arts", birth_year=TODAY.year - 36)
    general = register.add("General", birth_year=TODAY.year - 34)
    rows = {r.person.id: r for r in team_rows(register, [], library, 12, TODAY, "se")}
    assert rows[soon.id].windows and not rows[far.id].windows and not rows[general.id].windows
    assert rows[inside.id].windows[0].is_open and "window" in rows[inside.id].reasons
    assert [w.window_id for w in rows[inside.id].windows] == ["dancer"]  # never the singers' window
    assert not rows[unknown.id].windows
    assert "window" not in rows[general.id].reasons
    # The Swedish scheme's windows are not a Danish organisation's.
    danish = {r.person.id: r for r in team_rows(register, [], library, 12, TODAY, "dk")}
    assert not danish[inside.id].windows


def test_json_rows_carry_the_contract_keys() -> None:
    register = Register()
    a = register.add("Bo Ek").id
    record = _talk(register, a, "2025-10-01")
    (row,) = team_rows(register, [record], None, 12, TODAY)
    data = row.to_json()
    assert {"person", "name", "last_talk", "next_due", "reasons", "open_actions"} <= set(data)
    assert data["last_talk"] == {"date": "2025-10-01", "kind": "development", "id": record.id}
    assert data["next_due"] == "2026-10-01" and data["reasons"] == ["yearly-talk"]


def test_previous_talk_skips_planned_ones_and_the_talk_itself() -> None:
    register = Register()
    a = register.add("Bo Ek").id
    old = _talk(register, a, "2025-10-01")
    planned = _talk(register, a, "2026-10-01", Status.PLANNED)
    new = _talk(register, a, "2026-11-20", Status.IN_PROGRESS)
    talks = [new, planned, old]
    assert previous_talk(talks, new) is old
    assert previous_talk(talks) is new


def test_add_months_keeps_to_the_calendar() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 11, 5), 14) == date(2028, 1, 5)


def test_the_clock_can_be_set_and_is_restored() -> None:
    real = today()
    with fixed_today(date(2030, 1, 2)):
        assert today() == date(2030, 1, 2)
    assert today() == real
    set_today(date(2031, 5, 6))
    try:
        assert today() == date(2031, 5, 6)
    finally:
        set_today(None)
