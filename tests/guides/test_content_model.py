"""The content model of issue 11: windows and facts per profession and country, the stages of a
career change, and the `checked` dates that `guides validate` warns about."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from guidefiles import MINI_RESOURCES, copy_mini_folder, line_of, replace_once

from dialog_kit.cli import main
from dialog_kit.guides import (
    TALK_STAGES,
    GuideLibrary,
    facts_for,
    load_library,
    validate_path,
    windows_for,
)


@pytest.fixture(scope="module")
def builtin() -> GuideLibrary:
    library = load_library()
    assert not library.problems, library.problems
    return library


# -- professions and their windows ------------------------------------------------


def test_the_performing_arts_professions_are_the_ids_the_register_accepts(
    builtin: GuideLibrary,
) -> None:
    profile = builtin.profiles["performing-arts"]
    assert profile.professions == ("dancer", "singer", "musician")
    # Every window and fact names one of them, so none can apply to everyone.
    assert {w.profession for w in profile.windows} == set(profile.professions)
    assert all(f.profession in profile.professions for f in profile.facts)


@pytest.mark.parametrize(
    ("profession", "opens", "closes", "inform"),
    [("dancer", 35, 43, 33), ("singer", 45, 56, 42), ("musician", 55, 64, 52)],
)
def test_a_swedish_artist_gets_the_window_of_their_own_profession_only(
    builtin: GuideLibrary, profession: str, opens: int, closes: int, inform: int
) -> None:
    profile = builtin.profiles["performing-arts"]
    (window,) = windows_for(profile, profession, "se")
    assert (window.opens_at_age, window.closes_before_age, window.inform_at_age) == (
        opens, closes, inform,
    )  # fmt: skip
    assert window.profession == profession and window.resource == "sok"


def test_no_window_without_a_profession_a_country_or_outside_sweden(
    builtin: GuideLibrary,
) -> None:
    profile = builtin.profiles["performing-arts"]
    assert windows_for(profile, None, "se") == ()
    assert windows_for(profile, "dancer", None) == ()
    for profession in profile.professions:
        assert windows_for(profile, profession, "dk") == ()  # the SOK windows are Swedish
    assert windows_for(builtin.profiles["welfare"], "dancer", "se") == ()
    assert windows_for(None, "dancer", "se") == ()


def test_the_royal_danish_ballet_retirement_is_a_fact_marked_for_verification(
    builtin: GuideLibrary,
) -> None:
    profile = builtin.profiles["performing-arts"]
    (fact,) = facts_for(profile, "dancer", "dk")
    assert fact.at_age == 40 and fact.verify and fact.resource in builtin.resources
    assert "40" in fact.text.en and "season" in fact.text.en
    assert facts_for(profile, "dancer", "se") == ()
    assert facts_for(profile, "musician", "dk") == ()


# -- stages of a career change -------------------------------------------------------


@pytest.mark.parametrize("stage", TALK_STAGES)
def test_a_stage_shows_and_requires_only_its_phase_and_the_frame(
    builtin: GuideLibrary, stage: str
) -> None:
    guide = builtin.guides["career-change"]
    assert guide.talk_stages == TALK_STAGES
    shown = [p.id for p in guide.phases_for(stage)]
    assert shown == ["prepare", "open", stage, "close", "follow-up"]
    required_phases = {phase.id for phase, _item in guide.required_items_for(stage)}
    assert required_phases <= set(shown)
    others = set(TALK_STAGES) - {stage}
    assert not required_phases & others


def test_an_orientation_talk_does_not_require_the_handover(builtin: GuideLibrary) -> None:
    guide = builtin.guides["career-change"]
    transition_required = {i.id for i in guide.phase("transition").required_items()}  # type: ignore[union-attr]
    assert transition_required  # the guide does require the handover at its stage
    required = {i.id for _p, i in guide.required_items_for("orientation")}
    assert not required & transition_required


def test_no_stage_means_every_phase(builtin: GuideLibrary) -> None:
    guide = builtin.guides["career-change"]
    assert guide.phases_for(None) == guide.phases
    development = builtin.guides["development"]
    assert development.phases_for("plan") == development.phases  # no stages there


# -- checked dates -------------------------------------------------------------------


def _dated(checked: str | None) -> str:
    line = "" if checked is None else f"checked = {checked}\n"
    return replace_once(MINI_RESOURCES, "confidential = true\n", f"confidential = true\n{line}")


def _write(tmp_path: Path, text: str) -> Path:
    """resources.toml among the other mini files (it names their profile)."""
    path = copy_mini_folder(tmp_path / "guides") / "resources.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("checked", "words"),
    [
        ("2020-01-15", "over a year ago"),
        ('"2025-11-30"', "over a year ago"),
        (None, "no date"),
        ("2027-06-01", "future"),
    ],
)
def test_an_old_missing_or_future_checked_date_is_a_warning_at_its_line(
    tmp_path: Path, checked: str | None, words: str
) -> None:
    text = _dated(checked)
    path = _write(tmp_path, text)
    found = validate_path(path, today=date(2026, 12, 1))
    (warning,) = found
    assert warning.warning and words in warning.message
    assert warning.key == "resources[0].checked"
    at = "checked = " if checked is not None else 'id = "fund"'
    assert warning.line == line_of(text, at) - (0 if checked is not None else 1)
    assert str(warning).startswith(f"{path}:{warning.line}: resources[0].checked: warning: ")


@pytest.mark.parametrize("checked", ["2026-12-01", "2025-12-02", '"2026-06-30"'])
def test_a_date_within_the_year_is_no_warning(tmp_path: Path, checked: str) -> None:
    path = _write(tmp_path, _dated(checked))
    assert validate_path(path, today=date(2026, 12, 1)) == []


def test_internal_contacts_need_no_date(builtin: GuideLibrary) -> None:
    assert builtin.resources["hr-partner"].checked is None
    assert not any(w.key.startswith("resources[0]") for w in builtin.warnings)


def test_warnings_do_not_fail_validate_but_are_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, _dated("2019-05-05"))
    code = main(["guides", "validate", str(path)])
    captured = capsys.readouterr()
    assert code == 0
    assert f"{path}:" in captured.out and "warning: last checked 2019-05-05" in captured.out
    assert "1 warning." in captured.err and "no problems found" in captured.out


def test_every_shipped_external_resource_checked_recently_or_flagged(
    builtin: GuideLibrary,
) -> None:
    """What the shipped data says it checked is dated; the rest is shown as unchecked."""
    flagged = {w.key for w in builtin.warnings}
    for index, resource in enumerate(builtin.resources.values()):
        if resource.scope == "external" and resource.checked is None:
            assert f"resources[{index}].checked" in flagged, resource.id
    for resource_id in ("sok", "omstallningsfonden", "trs", "evejledning", "dk-balletfond"):
        assert builtin.resources[resource_id].checked is not None, resource_id


def test_a_folder_of_the_organisation_overrides_keep_their_dates(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "resources.toml").write_text(_dated("2026-10-01"), encoding="utf-8")
    library = load_library(folder, today=date(2026, 12, 1))
    assert library.resources["fund"].checked == date(2026, 10, 1)
    assert not [w for w in library.warnings if w.path.parent == folder]


# -- national steps and the topics of issue 11 §5 ------------------------------------------


def test_national_items_reach_only_their_country(builtin: GuideLibrary) -> None:
    guide = builtin.guides["development"]

    def ids(country: str | None) -> set[str]:
        return {i.id for p in guide.for_country(country).phases for i in p.items}

    assert {"mus-goals-dk", "group-mus"} <= ids("dk")
    assert not {"mus-goals-dk", "group-mus"} & ids("se")
    assert not {"mus-goals-dk", "group-mus"} & ids(None)  # no country: nothing national
    welfare = builtin.with_profile(guide, "welfare")
    swedish = {i.id for p in welfare.for_country("se").phases for i in p.items}
    danish = {i.id for p in welfare.for_country("dk").phases for i in p.items}
    assert "title-and-validation" in swedish and "title-and-validation" not in danish
    assert "career-posts" in swedish and "career-posts" in danish


def test_the_guides_cover_the_topics_the_seeds_ask_for(builtin: GuideLibrary) -> None:
    """Onboarding, young employees, seniors, new roles, brain drain, steps to leading, language,
    informing artists when hired, the exit's additions for the stage and for welfare."""

    def everything(guide_id: str, profile: str) -> set[str]:
        guide = builtin.with_profile(builtin.guides[guide_id], profile)
        return {e.id for p in guide.phases for e in (*p.items, *p.cautions)}

    development = everything("development", "general")
    assert {"first-year", "young-wellbeing", "senior-development", "new-roles", "steps-to-lead",
            "language-at-work", "no-holding-back"} <= development  # fmt: skip
    assert "inform-when-hired" in everything("development", "performing-arts")
    stage_exit = everything("exit", "performing-arts")
    assert {"application-timing", "employment-periods", "farewell"} <= stage_exit
    assert {"stand-in", "references-and-return"} <= everything("exit", "welfare")
