"""Property: any record the model can hold survives JSON and back, unchanged."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from dialog_kit.record import (
    CAREER_STAGES,
    Action,
    AfterTick,
    Amendment,
    GuideRef,
    Kind,
    Note,
    Person,
    PhaseRecord,
    Record,
    Status,
    SummaryMade,
    Visibility,
)

# Any printable text, including markup, quotes, emoji and right-to-left scripts; no NUL and
# nothing blank where the format asks for words.
texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
words = texts.filter(lambda s: s.strip() != "")
idents = st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=20)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
offsets = st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
moments = st.builds(
    lambda d, tz: d.replace(tzinfo=UTC).astimezone(tz),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    offsets,
)
people = st.builds(
    Person,
    name=words,
    role=texts,
    birth_year=st.none() | st.integers(1900, date.today().year),
)


@st.composite
def records(draw: st.DrawFn) -> Record:
    ids = iter(draw(st.lists(idents, min_size=60, max_size=60, unique=True)))
    phases = {
        phase_id: PhaseRecord(
            ticked=draw(st.lists(idents, max_size=4, unique=True)),
            notes=[
                Note(
                    draw(words),
                    draw(st.sampled_from(Visibility)),
                    draw(st.none() | idents),
                    next(ids),
                )
                for _ in range(draw(st.integers(0, 4)))
            ],
        )
        for phase_id in draw(st.lists(idents, max_size=5, unique=True))
    }
    actions = [
        Action(draw(words), draw(texts), draw(st.none() | dates), draw(st.booleans()),
               draw(st.none() | idents), next(ids))
        for _ in range(draw(st.integers(0, 5)))
    ]  # fmt: skip
    status = draw(st.sampled_from(Status))
    locked = status is Status.LOCKED
    amendments = [
        Amendment(draw(moments), draw(words), draw(st.sampled_from(Visibility)), next(ids))
        for _ in range(draw(st.integers(0, 3) if locked else st.just(0)))
    ]
    after_ticks = [
        AfterTick(draw(moments), draw(idents), draw(idents), draw(st.booleans()), next(ids))
        for _ in range(draw(st.integers(0, 3) if locked else st.just(0)))
    ]
    summaries = [
        SummaryMade(draw(moments), version, version > 0)
        for version in draw(st.lists(st.integers(0, 9) if locked else st.just(0), max_size=3))
    ]
    kind = draw(st.sampled_from(Kind))
    stage = draw(st.none() | st.sampled_from(CAREER_STAGES)) if kind is Kind.CAREER_CHANGE else None
    return Record(
        kind=kind,
        stage=stage,
        guide=GuideRef(draw(idents), draw(st.integers(1, 1000))),
        employee=draw(people),
        manager=draw(st.builds(Person, name=texts, role=texts)),
        locale=draw(st.sampled_from(["sv", "da", "en"])),
        date=draw(dates),
        profile=draw(idents),
        status=status,
        phases=phases,
        actions=actions,
        follow_up=draw(st.none() | dates),
        amendments=amendments,
        after_ticks=after_ticks,
        summaries=summaries,
        locked_at=draw(moments) if locked else None,
        created=draw(moments),
        updated=draw(moments),
    )


@settings(max_examples=100, deadline=None)
@given(records())
def test_json_round_trip_keeps_every_field(record: Record) -> None:
    again = Record.from_json(record.to_json())
    assert again == record
    assert again.to_json() == record.to_json()
