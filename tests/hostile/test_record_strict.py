"""The record reader refuses what a hostile file could hold, with a short message, no crash."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dialog_kit.errors import InputError
from dialog_kit.record import MAX_RECORD_BYTES, MAX_TEXT, Record
from tests.vault.conftest import build_record


def _form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(build_record().to_json())
    data.update(changes)
    return data


def test_the_sample_record_reads() -> None:
    # The cases below must fail for their own reason, not because the sample is odd.
    text = json.dumps(_form())
    assert Record.from_json(text).employee.name == "Åsa Lind"


def test_json_nested_100000_deep_is_an_input_error() -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        Record.from_json("[" * 100_000 + "]" * 100_000)


def test_a_5000_digit_number_is_an_input_error_that_does_not_repeat_it() -> None:
    text = json.dumps(_form()).replace('"Bo Ek", ', '"Bo Ek", "birth_year": ' + "9" * 5000 + ", ")
    with pytest.raises(InputError, match="more than 20 digits") as caught:
        Record.from_json(text)
    assert "99999999999999999999" not in caught.value.message


def test_a_key_given_twice_is_refused() -> None:
    text = json.dumps(_form())
    assert Record.from_json(text)  # fine as it is
    # The second "name" would silently win in json.loads: another tool could show the first.
    twice = text.replace('"name": "Åsa Lind"', '"name": "Åsa Lind", "name": "Someone Else"')
    twice = twice.replace('"name": "\\u00c5sa Lind"', '"name": "Åsa Lind", "name": "Someone Else"')
    assert twice != text
    with pytest.raises(InputError, match="'name' appears twice"):
        Record.from_json(twice)


@pytest.mark.parametrize("field", ["date", "follow_up"])
@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_dates_outside_the_sane_years_are_refused(field: str, value: str) -> None:
    with pytest.raises(InputError, match=f"{field}: must lie in the years 1900 to 2199"):
        Record.from_json(json.dumps(_form(**{field: value})))


def test_dates_at_the_edges_of_the_sane_years_are_read() -> None:
    record = Record.from_json(json.dumps(_form(date="1900-01-01", follow_up="2199-12-31")))
    assert record.follow_up is not None and record.follow_up.year == 2199


def test_a_datetime_in_year_9999_is_refused() -> None:
    with pytest.raises(InputError, match="updated: must lie in the years"):
        Record.from_json(json.dumps(_form(updated="9999-12-31T23:59:59+01:00")))


def test_nan_is_refused() -> None:
    text = json.dumps(_form()).replace('"Bo Ek", ', '"Bo Ek", "birth_year": NaN, ')
    with pytest.raises(InputError, match="NaN"):
        Record.from_json(text)


def test_a_text_over_the_record_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(InputError, match="larger than 8 MiB"):
        Record.from_json(b" " * (MAX_RECORD_BYTES + 1))


def test_a_record_that_would_be_too_large_to_read_back_cannot_be_written() -> None:
    record = build_record()
    note = "x" * MAX_TEXT
    for _ in range(MAX_RECORD_BYTES // MAX_TEXT + 1):
        record.add_note("look-back", note)
    with pytest.raises(InputError, match="larger than 8 MiB"):
        record.to_json()


def test_a_huge_bad_value_is_quoted_short() -> None:
    with pytest.raises(InputError) as caught:
        Record.from_json(json.dumps(_form(kind="k" * 1_000_000)))
    assert "must be one of" in caught.value.message
    assert len(caught.value.message) < 300


def test_a_huge_unknown_key_is_named_short() -> None:
    with pytest.raises(InputError) as caught:
        Record.from_json(json.dumps(_form(**{"k" * 1_000_000: 1})))
    assert "is not a known field" in caught.value.message
    assert len(caught.value.message) < 300
