"""The person register: ids tell namesakes apart, search ignores case and diacritics."""

from __future__ import annotations

import json
import unicodedata

import pytest

from dialog_kit.errors import InputError
from dialog_kit.guides import load_library
from dialog_kit.people import (
    AmbiguousPersonError,
    NoSuchPersonError,
    Register,
    check_profession,
    search_key,
)


@pytest.fixture
def register() -> Register:
    r = Register()
    r.add("Anna Berg", "Undersköterska")
    r.add("Anna Berg", "Sjuksköterska")
    r.add("Zoë Lund", "Dansare", language="da", profile="performing-arts", profession="dancer")
    r.add("Mette Hansen", "Sygeplejerske", language="da")
    return r


def test_namesakes_get_different_ids_and_a_name_search_lists_both(register: Register) -> None:
    a, b = register.people[0], register.people[1]
    assert a.id != b.id
    with pytest.raises(AmbiguousPersonError) as err:
        register.resolve("anna berg")
    assert {p.id for p in err.value.matches} == {a.id, b.id}
    assert a.id in err.value.message and b.id in err.value.message
    assert err.value.exit_code == 2
    assert register.resolve(a.id) is a
    assert register.resolve(b.id[:6]) is b


def test_search_ignores_case_diacritics_and_decomposition(register: Register) -> None:
    zoe = register.people[2]
    for query in ("zoe lund", "ZOË LUND", unicodedata.normalize("NFD", "zoë lund"), " Zoe  Lund "):
        assert register.resolve(query) is zoe
    assert register.search("lun") == [zoe]
    assert search_key("Åsa Öberg") == "asa oberg"


def test_a_name_is_a_whole_name_never_a_part(register: Register) -> None:
    annabel = register.add("Annabel Bergström")
    assert register.resolve("annabel bergstrom") is annabel
    for part in ("Annabel", "Bergström", "Annabel Berg"):
        with pytest.raises(NoSuchPersonError):
            register.resolve(part)
    # "Anna Berg" names two people exactly; Annabel is not among them.
    with pytest.raises(AmbiguousPersonError) as err:
        register.resolve("Anna Berg")
    assert annabel not in err.value.matches
    # The picker's search does find parts.
    assert annabel in register.search("annab")


def test_unknown_person(register: Register) -> None:
    with pytest.raises(NoSuchPersonError) as err:
        register.resolve("Nobody Here")
    assert err.value.exit_code == 2
    with pytest.raises(NoSuchPersonError):
        register.resolve("")


def test_names_are_stored_nfc_and_tidy() -> None:
    r = Register()
    p = r.add(unicodedata.normalize("NFD", "  Zoë   Lund "))
    assert p.name == "Zoë Lund" and unicodedata.is_normalized("NFC", p.name)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "x" * 501),
        ("name", "Anna\x00"),
        ("language", "de"),
        ("profile", "no such/profile"),
        ("birth_year", 1850),
        ("birth_year", "1980"),
    ],
)
def test_a_bad_edit_changes_nothing(register: Register, field: str, value: object) -> None:
    before = register.to_dict()
    with pytest.raises(InputError):
        register.edit(register.people[0].id, **{field: value})
    assert register.to_dict() == before


def test_merge_moves_talks_and_marks_and_refuses_the_same_person(register: Register) -> None:
    keep, gone = register.people[3], register.add("mette hansen", birth_year=1980)
    register.assign("3289af14-f700-48be-9ce1-8e40664c0858", keep.id)
    register.assign("420daf9c-ca10-4cf5-b18e-aa7f2b2418bf", gone.id)
    register.mark_dealt_with(gone.id, "follow-up:420daf9c-ca10-4cf5-b18e-aa7f2b2418bf")
    before = register.to_dict()
    with pytest.raises(InputError) as err:
        register.merge(keep.id, keep.id)
    assert err.value.exit_code == 2
    assert register.to_dict() == before
    merged = register.merge(keep.id, gone.id)
    assert merged.birth_year == 1980  # filled from the duplicate
    assert merged.role == "Sygeplejerske"  # kept
    assert sorted(register.talk_ids(keep.id)) == [
        "3289af14-f700-48be-9ce1-8e40664c0858",
        "420daf9c-ca10-4cf5-b18e-aa7f2b2418bf",
    ]
    assert merged.dealt_with == ["follow-up:420daf9c-ca10-4cf5-b18e-aa7f2b2418bf"]
    with pytest.raises(NoSuchPersonError):
        register.get(gone.id)


def test_remove_returns_the_persons_talks_only(register: Register) -> None:
    a, b = register.people[0], register.people[1]
    register.assign("3289af14-f700-48be-9ce1-8e40664c0858", a.id)
    register.assign("420daf9c-ca10-4cf5-b18e-aa7f2b2418bf", b.id)
    assert register.remove(a.id) == ["3289af14-f700-48be-9ce1-8e40664c0858"]
    assert register.talks == {"420daf9c-ca10-4cf5-b18e-aa7f2b2418bf": b.id}


def test_json_round_trip(register: Register) -> None:
    register.assign("3289af14-f700-48be-9ce1-8e40664c0858", register.people[2].id)
    register.people[0].active = False
    again = Register.from_json(register.to_json())
    assert again == register
    assert json.loads(register.to_json())["format"] == 1


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(format=2),
        lambda d: d.update(extra=1),
        lambda d: d["people"][0].update(id="not-hex"),
        lambda d: d["people"][1].update(id=d["people"][0]["id"]),
        lambda d: d["people"][0].update(active="yes"),
        lambda d: d["people"][0].update(nickname="x"),
        lambda d: d["people"][0].update(dealt_with=["bad key!"]),
        lambda d: d.update(talks={"3289af14-f700-48be-9ce1-8e40664c0858": "000000000000"}),
        lambda d: d.update(talks={"../../etc": d["people"][0]["id"]}),
    ],
)
def test_the_reader_is_strict(register: Register, mutate: object) -> None:
    data = register.to_dict()
    mutate(data)  # type: ignore[operator]
    with pytest.raises(InputError):
        Register.from_json(json.dumps(data).encode())


def test_not_json() -> None:
    for data in (b"\xff", b"{", b"[" * 100_000):
        with pytest.raises(InputError):
            Register.from_json(data)


def test_a_profession_only_where_the_profile_lists_it() -> None:
    library = load_library()
    assert check_profession(library, "performing-arts", "dancer") == "dancer"
    assert check_profession(library, "general", None) is None
    with pytest.raises(InputError, match="dancer, singer, musician"):
        check_profession(library, "performing-arts", "juggler")
    with pytest.raises(InputError, match="no professions"):
        check_profession(library, "welfare", "dancer")
