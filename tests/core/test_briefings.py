"""The briefings' JSON form: a strict reader, and the person-level operations privacy needs."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from dialog_kit.briefings import Briefing, Briefings
from dialog_kit.errors import InputError

A, B, C = "a" * 12, "b" * 12, "c" * 12
DAY = date(2026, 11, 30)


def _briefings() -> Briefings:
    briefings = Briefings()
    briefings.add(
        Briefing(
            DAY,
            "dancer-1993-1994",
            "performing-arts",
            "dancer",
            "se",
            invited=[A, B, C],
            attended=[A, B],
            handout=["sv", "en"],
            materials=["SOKstiftelsen's folder"],
            informed={A: DAY, B: DAY},
        )
    )
    briefings.add(
        Briefing(
            date(2026, 12, 1),
            "singer-1984-1985",
            "performing-arts",
            "singer",
            "se",
            invited=[C],
            attended=[C],
            informed={C: date(2026, 12, 1)},
        )
    )
    return briefings


def test_briefings_survive_their_json_form() -> None:
    briefings = _briefings()
    again = Briefings.from_json(briefings.to_json())
    assert again == briefings
    assert again.informed_on(A, "performing-arts", "dancer") == DAY
    assert again.informed_on(C, "performing-arts", "dancer") is None  # invited, did not come
    assert again.informed_on(A, "performing-arts", "singer") is None  # another window


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_briefings().to_json())
    return data


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(format=2), "format"),
        (lambda d: d.update(format=True), "format"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d["briefings"][0].update(date="2026-13-01"), "date"),
        (lambda d: d["briefings"][0].update(date=20261130), "date"),
        (lambda d: d["briefings"][0].update(id="../../etc"), "id"),
        (lambda d: d["briefings"][0].update(cohort="dancer"), "cohort"),
        (lambda d: d["briefings"][0].update(cohort="singer-1993-1994"), "cohort"),
        (lambda d: d["briefings"][0].update(invited=["not-an-id"]), "invited"),
        (lambda d: d["briefings"][0].update(invited=[A, A, B, C]), "invited"),
        (lambda d: d["briefings"][0].update(invited=[A] * 2000), "invited"),
        (lambda d: d["briefings"][0].update(attended=[A, B, "d" * 12]), "attended"),  # not invited
        (lambda d: d["briefings"][0].update(informed={"d" * 12: "2026-11-30"}), "informed"),
        (lambda d: d["briefings"][0].update(informed={A: "2026-01-01"}), "informed"),  # before
        (lambda d: d["briefings"][0].update(handout=["fr"]), "handout"),
        (lambda d: d["briefings"][0].update(materials=["x\x1b[31m"]), "materials"),
        (lambda d: d["briefings"][0].update(materials=["x" * 501]), "materials"),
        (lambda d: d["briefings"][0].pop("window"), "window"),
        (lambda d: d["briefings"][1].update(id=d["briefings"][0]["id"]), "id"),
        (lambda d: d.update(briefings={}), "briefings"),
    ],
)
def test_a_hostile_or_broken_file_is_refused_naming_the_field(change: Any, field: str) -> None:
    data = _data()
    change(data)
    with pytest.raises(InputError) as err:
        Briefings.from_json(json.dumps(data).encode())
    assert field in err.value.message


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"[" * 100_000, b"{", b"[]"])
def test_not_json_is_refused(raw: bytes) -> None:
    with pytest.raises(InputError):
        Briefings.from_json(raw)


def test_forgetting_a_person_leaves_no_trace_of_them() -> None:
    briefings = _briefings()
    briefings.forget(C)
    assert C not in briefings.to_json().decode()
    assert len(briefings.items) == 1  # the singers' briefing held only C: it goes
    assert briefings.items[0].attended == [A, B]


def test_a_handover_copy_holds_only_the_handed_over_people() -> None:
    copy = _briefings().only([A])
    text = copy.to_json().decode()
    assert A in text and B not in text and C not in text
    assert len(copy.items) == 1 and copy.items[0].handout == ["sv", "en"]


def test_merging_two_entries_for_one_person_keeps_the_earliest_day() -> None:
    briefings = _briefings()
    briefings.merge(A, C)  # C was A entered twice
    first, second = briefings.items
    assert first.invited == [A, B] and first.informed == {A: DAY, B: DAY}
    assert second.invited == [A] and second.informed == {A: date(2026, 12, 1)}


def test_taking_a_handover_adds_new_briefings_and_joins_the_same_meeting() -> None:
    mine = Briefings()
    mine.add(
        Briefing(
            DAY,
            "dancer-1993-1994",
            "performing-arts",
            "dancer",
            "se",
            invited=[B],
            attended=[B],
            informed={B: DAY},
        )
    )
    added = mine.take(_briefings().only([A, C]))
    assert added == 1  # the singers' briefing; the dancers' one is the same meeting
    dancers = mine.for_cohort("dancer-1993-1994")
    assert len(dancers) == 1 and set(dancers[0].invited) == {A, B, C}
    assert dancers[0].informed == {A: DAY, B: DAY}
