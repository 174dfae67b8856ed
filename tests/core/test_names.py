"""One name normaliser: NFC, case folded, spacing collapsed; whole names, never parts."""

from __future__ import annotations

import unicodedata

import pytest

from dialog_kit.names import name_contains, name_key, same_name
from dialog_kit.record import latest_for_employee
from tests.vault.conftest import build_record


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zoë Lind", unicodedata.normalize("NFD", "Zoë Lind")),
        ("Åsa Öberg", unicodedata.normalize("NFD", "åsa ÖBERG")),
        ("  Anna   Berg ", "anna berg"),
        ("Anna\tBerg", "ANNA BERG"),
        ("Jürgen Straße", "JÜRGEN STRASSE"),  # casefold, not lower: ß is ss
    ],
)
def test_the_same_name_in_other_forms(a: str, b: str) -> None:
    assert a != b
    assert same_name(a, b)
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Anna", "Annabel"), ("Anna Berg", "Anna"), ("Zoe", "Zoë")])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_the_key_is_nfc() -> None:
    key = name_key(unicodedata.normalize("NFD", "ZOË Lind"))
    assert unicodedata.is_normalized("NFC", key)
    assert key == "zoë lind"


def test_a_search_finds_a_decomposed_name_by_part() -> None:
    assert name_contains(unicodedata.normalize("NFD", "Zoë Lind"), "zoë")
    assert not name_contains("Anna Berg", "Annabel")


def test_the_previous_talk_is_found_under_a_decomposed_name() -> None:
    earlier = build_record(name=unicodedata.normalize("NFD", "Zoë Lind"))
    other = build_record(name="Zoe Lind")
    assert latest_for_employee([earlier, other], "Zoë Lind") is earlier
