"""Cohorts and the To do: the age group is named, never one person, until a briefing is held."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dialog_kit.briefings import Briefing, Briefings
from dialog_kit.cohorts import current_cohorts, find_cohort
from dialog_kit.errors import InputError
from dialog_kit.guides import GuideLibrary, TransitionWindow, load_library
from dialog_kit.guides.model import Text
from dialog_kit.people import Register
from dialog_kit.team import team_rows, todo_entries

TODAY = date(2026, 12, 2)
ARTS = "performing-arts"


@pytest.fixture(scope="module")
def library() -> GuideLibrary:
    lib = load_library()
    assert not lib.problems
    return lib


def _team() -> tuple[Register, dict[str, str]]:
    """Dancers born 1993 and 1994 (informed at 33 this year or next), and people who are not."""
    register = Register()
    ids = {}
    for name, profession, year in [
        ("Alva Dans", "dancer", 1993),
        ("Bo Dans", "dancer", 1994),
        ("Cleo Dans", "dancer", 1995),  # informed at 33 in 2028: not yet
        ("Sara Sång", "singer", 1984),  # the singers' inform age (42) falls this year
        ("Viola Fiol", "musician", 1984),  # a violinist born the singers' year
        ("Nils Okänd", None, 1993),  # no profession recorded
    ]:
        ids[name] = register.add(name, profile=ARTS, profession=profession, birth_year=year).id
    ids["Gun Allmän"] = register.add("Gun Allmän", profile="general", birth_year=1993).id
    gone = register.add("Ex Dans", profile=ARTS, profession="dancer", birth_year=1993)
    register.edit(gone.id, active=False)
    ids["Ex Dans"] = gone.id
    return register, ids


def test_a_cohort_is_one_profession_born_in_the_two_inform_years(library: GuideLibrary) -> None:
    register, ids = _team()
    cohorts = {c.id: c for c in current_cohorts(register, library, "se", TODAY)}
    assert set(cohorts) == {"dancer-1993-1994", "singer-1984-1985"}
    dancers = {m.person.id for m in cohorts["dancer-1993-1994"].members}
    assert dancers == {ids["Alva Dans"], ids["Bo Dans"]}  # not 1995, not former, not unknown
    singers = {m.person.id for m in cohorts["singer-1984-1985"].members}
    assert singers == {ids["Sara Sång"]}  # the violinist born in 1984 is never among them
    assert cohorts["dancer-1993-1994"].opens == (2028, 2029)
    assert cohorts["dancer-1993-1994"].group("en") == "dancers born 1993–1994"
    assert all(c.pending for c in cohorts.values())


def test_a_danish_organisation_gets_danish_windows_only(library: GuideLibrary) -> None:
    register, ids = _team()
    # The Swedish scheme's windows are not Denmark's: no cohort from them, nor without a country.
    assert current_cohorts(register, library, "dk", TODAY) == []
    assert current_cohorts(register, library, None, TODAY) == []
    # An organisation that writes a Danish window for its dancers gets that one, and only there.
    arts = library.profiles[ARTS]
    danish = TransitionWindow(
        "dk-dancer",
        Text("Dansare", "Danser", "Dancer"),
        36,
        41,
        34,
        "dk-balletfond",
        "dancer",
        ("dk",),
        Text("dansare", "dansere", "dancers"),
    )
    mixed = replace(
        library, profiles={**library.profiles, ARTS: replace(arts, windows=(*arts.windows, danish))}
    )
    (cohort,) = current_cohorts(register, mixed, "dk", TODAY)
    assert cohort.id == "dk-dancer-1992-1993" and cohort.window.countries == ("dk",)
    assert {m.person.id for m in cohort.members} == {ids["Alva Dans"]}
    assert cohort.group("en") == "dancers born 1992–1993"
    assert "dk-dancer-1992-1993" not in {
        c.id for c in current_cohorts(register, mixed, "se", TODAY)
    }


def _texts(register: Register, library: GuideLibrary, briefings: Briefings | None) -> list[str]:
    return [e.text for e in todo_entries(register, [], library, TODAY, "se", briefings)]


def test_the_reminder_names_the_group_until_a_briefing_is_recorded(library: GuideLibrary) -> None:
    register, ids = _team()
    before = _texts(register, library, Briefings())
    assert "Inform the dancers born 1993–1994 together (2 people)" in before
    assert "Inform the singers born 1984–1985 together (1 person)" in before
    # Nobody of a pending group is singled out by name in a window reminder.
    for name in ("Alva", "Bo Dans", "Sara"):
        assert not any(t.startswith(name) for t in before), before

    briefings = Briefings()
    day = date(2026, 11, 30)
    briefings.add(
        Briefing(
            day,
            "dancer-1993-1994",
            ARTS,
            "dancer",
            "se",
            invited=[ids["Alva Dans"], ids["Bo Dans"]],
            attended=[ids["Alva Dans"]],
            informed={ids["Alva Dans"]: day},
        )
    )
    after = _texts(register, library, briefings)
    assert not any(t.startswith("Inform the dancers") for t in after), after
    assert "Inform the singers born 1984–1985 together (1 person)" in after  # another group
    # Bo missed it: the group is reminded to pass the same information on, still naming no one.
    missed = [t for t in after if "missed the briefing" in t]
    assert missed == [
        "The dancers born 1993–1994: 1 person missed the briefing; give them the same information"
    ]
    briefings.items[0].informed[ids["Bo Dans"]] = TODAY
    assert not any("dancers" in t for t in _texts(register, library, briefings))


def test_the_reminder_is_translated(library: GuideLibrary) -> None:
    from dialog_kit.i18n import set_language

    register, _ids = _team()
    set_language("sv")
    try:
        texts = _texts(register, library, None)
    finally:
        set_language("en")
    assert "Informera dansare födda 1993–1994 gemensamt (2 personer)" in texts


def test_informed_on_reaches_the_team_row(library: GuideLibrary) -> None:
    register, ids = _team()
    briefings = Briefings()
    day = date(2026, 11, 30)
    briefings.add(
        Briefing(
            day,
            "dancer-1993-1994",
            ARTS,
            "dancer",
            "se",
            invited=[ids["Alva Dans"], ids["Bo Dans"]],
            attended=[ids["Alva Dans"]],
            informed={ids["Alva Dans"]: day},
        )
    )
    rows = {
        r.person.id: r.to_json()
        for r in team_rows(register, [], library, 12, TODAY, "se", briefings)
    }
    assert rows[ids["Alva Dans"]]["informed"] == [{"window": "dancer", "on": "2026-11-30"}]
    assert rows[ids["Alva Dans"]]["windows"][0]["informed_on"] == "2026-11-30"
    assert rows[ids["Bo Dans"]]["informed"] == []
    assert rows[ids["Bo Dans"]]["windows"][0]["informed_on"] is None


def test_an_informed_member_leaves_next_years_overlapping_group(library: GuideLibrary) -> None:
    register, ids = _team()
    briefings = Briefings()
    day = date(2026, 11, 30)
    both = [ids["Alva Dans"], ids["Bo Dans"]]
    briefings.add(
        Briefing(
            day,
            "dancer-1993-1994",
            ARTS,
            "dancer",
            "se",
            invited=both,
            attended=both,
            informed=dict.fromkeys(both, day),
        )
    )
    next_year = date(2027, 3, 1)
    (dancers,) = [
        c
        for c in current_cohorts(register, library, "se", next_year, briefings)
        if c.window.id == "dancer"
    ]
    assert dancers.id == "dancer-1994-1995"
    assert [m.person.id for m in dancers.not_informed] == [ids["Cleo Dans"]]
    texts = [e.text for e in todo_entries(register, [], library, next_year, "se", briefings)]
    assert "Inform the dancers born 1994–1995 together (1 person)" in texts


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("dancer-1993", "se"),
        ("dancer-1993-1995", "se"),  # not two consecutive years
        ("juggler-1993-1994", "se"),
        ("dancer-1993-1994", "dk"),  # the Swedish window is not Denmark's
        ("dancer-1993-1994", None),
    ],
)
def test_a_bad_cohort_id_is_refused(library: GuideLibrary, text: str, country: str | None) -> None:
    with pytest.raises(InputError):
        find_cohort(text, Register(), library, country)


def test_any_years_cohort_can_be_found(library: GuideLibrary) -> None:
    register, ids = _team()
    cohort = find_cohort("dancer-1994-1995", register, library, "se")
    assert {m.person.id for m in cohort.members} == {ids["Bo Dans"], ids["Cleo Dans"]}


def test_a_windows_group_name_needs_every_language(tmp_path: Path, repo_root: Path) -> None:
    from dialog_kit.guides import validate_path

    text = (repo_root / "checklists" / "profiles.toml").read_text(encoding="utf-8")
    assert text.count('group.da = "dansere"\n') == 1
    broken = tmp_path / "profiles.toml"
    broken.write_text(text.replace('group.da = "dansere"\n', ""), encoding="utf-8")
    problems = [p for p in validate_path(broken) if not p.warning]
    assert [p.key for p in problems] == ["profiles[2].windows[0].group.da"], problems
    assert problems[0].line is not None
