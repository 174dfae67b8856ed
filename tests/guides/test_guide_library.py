"""The library: built-in guides, the organisation's folder on top, cross-file references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from guidefiles import MINI_GUIDE, MINI_PROFILES, MINI_RESOURCES, line_of, replace_once

from dialog_kit.guides import GuideLibrary, load_library, validate_path
from dialog_kit.paths import checklists_dir
from dialog_kit.record import Kind


def _as_development(text: str) -> str:
    return text.replace('id = "mini"', 'id = "development"').replace(
        'title.en = "Mini talk"', 'title.en = "Our own development talk"'
    )


def test_the_built_in_guides_load_without_problems() -> None:
    library = load_library()
    assert library.problems == []
    assert "development" in library.guides
    assert library.guide_for_kind(Kind.DEVELOPMENT).source.parent == checklists_dir()


def test_an_organisation_guide_overrides_the_built_in_one_by_id(tmp_path: Path) -> None:
    org = tmp_path / "org"
    org.mkdir()
    # The organisation's copy of the built-in guide with its own title (same phase ids, so
    # the built-in profiles still find the phases they add to).
    text = (checklists_dir() / "development.toml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^title\.en = ".*"$', 'title.en = "Our own development talk"', text, count=1)
    (org / "ours.toml").write_text(text, encoding="utf-8")

    library = load_library(org)

    assert library.problems == []
    ours = library.guide("development")
    assert ours.source == org / "ours.toml"
    assert ours.title.en == "Our own development talk"
    others = [g for g in library.guides.values() if g.id != "development"]
    assert others and all(g.source.parent == checklists_dir() for g in others)


def test_an_override_that_drops_phases_is_reported_against_the_profiles(tmp_path: Path) -> None:
    org = tmp_path / "org"
    org.mkdir()
    (org / "ours.toml").write_text(_as_development(MINI_GUIDE), encoding="utf-8")

    library = load_library(org)

    assert library.guide("development").source == org / "ours.toml"
    assert library.problems
    assert {p.path.name for p in library.problems} == {"profiles.toml"}
    assert all(p.key.endswith(".phase") for p in library.problems)


def test_an_organisation_adds_a_guide_a_profile_and_resources(guide_folder: Path) -> None:
    library = load_library(guide_folder)

    assert library.problems == []
    assert "mini" in library.guides
    merged = library.with_profile(library.guide("mini"), "stage")
    assert [i.id for i in merged.phase("open").items] == ["notes-rule", "second-career"]  # type: ignore[union-attr]
    assert [q.id for q in merged.preparation.questions][-1] == "body"
    assert "fund" in [r.id for r in library.resources_for(Kind.DEVELOPMENT, "stage")]
    assert library.profile("stage").windows[0].opens_at_age == 35  # type: ignore[union-attr]


def test_one_broken_file_is_reported_and_the_others_still_load(guide_folder: Path) -> None:
    broken = guide_folder / "broken.toml"
    broken.write_text(_as_development(MINI_GUIDE).replace('stage = "during"', 'stage = "?"'))

    library = load_library(guide_folder)

    assert [(p.path, p.key) for p in library.problems] == [(broken, "phases[1].stage")]
    assert "mini" in library.guides and "stage" in library.profiles
    # The broken override does not replace the built-in guide of the same id.
    assert library.guide("development").source.parent == checklists_dir()


def test_a_missing_organisation_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    library = load_library(tmp_path / "nowhere")
    assert "development" in library.guides
    assert [p.path for p in library.problems] == [tmp_path / "nowhere"]


def _problem_at(folder: Path, name: str, key: str) -> tuple[int | None, str]:
    problems = validate_path(folder)
    found = [p for p in problems if p.path == folder / name and p.key == key]
    assert found, "\n".join(map(str, problems))
    return found[0].line, found[0].message


def test_a_profile_naming_an_unknown_guide(guide_folder: Path) -> None:
    text = MINI_PROFILES.replace('guide = "mini"\nphase', 'guide = "nope"\nphase')
    (guide_folder / "profiles.toml").write_text(text)
    line, message = _problem_at(guide_folder, "profiles.toml", "profiles[0].additions[0].guide")
    assert line == line_of(text, 'guide = "nope"')
    assert "nope" in message


def test_a_profile_naming_an_unknown_phase(guide_folder: Path) -> None:
    text = MINI_PROFILES.replace('phase = "open"', 'phase = "orientation"')
    (guide_folder / "profiles.toml").write_text(text)
    line, message = _problem_at(guide_folder, "profiles.toml", "profiles[0].additions[0].phase")
    assert line == line_of(text, 'phase = "orientation"')
    assert "prepare, open, follow-up" in message


def test_a_profile_item_clashing_with_the_phase(guide_folder: Path) -> None:
    text = MINI_PROFILES.replace('id = "second-career"', 'id = "notes-rule"')
    (guide_folder / "profiles.toml").write_text(text)
    line, _ = _problem_at(guide_folder, "profiles.toml", "profiles[0].additions[0].items[0].id")
    assert line == line_of(text, 'id = "notes-rule"')


def test_a_window_naming_an_unknown_resource(guide_folder: Path) -> None:
    text = MINI_PROFILES.replace('resource = "fund"', 'resource = "no-such-fund"')
    (guide_folder / "profiles.toml").write_text(text)
    line, _ = _problem_at(guide_folder, "profiles.toml", "profiles[0].windows[0].resource")
    assert line == line_of(text, 'resource = "no-such-fund"')


def test_a_resource_naming_an_unknown_profile(guide_folder: Path) -> None:
    text = MINI_RESOURCES.replace('profiles = ["stage"]', 'profiles = ["stage", "opera"]')
    (guide_folder / "resources.toml").write_text(text)
    line, message = _problem_at(guide_folder, "resources.toml", "resources[0].profiles[1]")
    assert line == line_of(text, '"opera"')
    assert "opera" in message


def test_a_single_file_is_checked_with_its_neighbours(guide_folder: Path) -> None:
    # The profile names the guide "mini" and the resource "fund", both in other files.
    # Warnings (the mini resource has no `checked` date) do not count as problems here.
    assert [p for p in validate_path(guide_folder / "profiles.toml") if not p.warning] == []
    assert [p for p in validate_path(guide_folder / "resources.toml") if not p.warning] == []
    (guide_folder / "resources.toml").unlink()
    [problem] = validate_path(guide_folder / "profiles.toml")
    assert problem.key == "profiles[0].windows[0].resource"


def test_the_same_guide_id_twice_in_one_folder(guide_folder: Path) -> None:
    (guide_folder / "zz-copy.toml").write_text(MINI_GUIDE)
    line, message = _problem_at(guide_folder, "zz-copy.toml", "id")
    assert line == line_of(MINI_GUIDE, 'id = "mini"')
    assert "another file" in message


def test_an_organisation_profile_may_add_to_a_built_in_guide(tmp_path: Path) -> None:
    org = tmp_path / "org"
    org.mkdir()
    development = load_library().guide("development")
    text = MINI_PROFILES.replace('guide = "mini"', 'guide = "development"').replace(
        'phase = "open"', f'phase = "{development.phases[1].id}"'
    )
    (org / "profiles.toml").write_text(replace_once(text, 'resource = "fund"', 'resource = ""'))
    assert validate_path(org) == []
    assert validate_path(org / "profiles.toml") == []


def test_an_edited_file_is_read_again(guide_folder: Path) -> None:
    assert load_library(guide_folder).guide("mini").title.en == "Mini talk"
    path = guide_folder / "mini.toml"
    path.write_text(MINI_GUIDE.replace('title.en = "Mini talk"', 'title.en = "Edited"'))
    assert load_library(guide_folder).guide("mini").title.en == "Edited"


def test_unknown_guide_and_kind_give_clear_errors() -> None:
    library = GuideLibrary()
    with pytest.raises(Exception, match="no guide"):
        library.guide("nope")
    with pytest.raises(Exception, match="No guide is loaded"):
        library.guide_for_kind(Kind.EXIT)
