"""The career-path catalogue: the built-in examples, overriding, and every fault with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialog_kit.career.load import load_catalogue, validate_career_file
from dialog_kit.career.model import AREAS
from dialog_kit.career.parse import MAX_TEXT
from dialog_kit.career.search import fits_person, search
from dialog_kit.guides import load_library
from tests.career.helpers import PROGRAMME, career_file, org_folder, path_block, texts


def test_the_builtin_examples_load_cleanly_and_cover_welfare_and_the_stage() -> None:
    catalogue = load_catalogue()
    assert catalogue.problems == []
    assert catalogue.examples  # marked as examples to adapt
    areas = {p.area for p in catalogue.paths.values()}
    assert {"elderly-care", "health-care", "schools", "performing-arts"} <= areas
    assert set(catalogue.programmes) >= {"trainee", "aspirant", "mentoring", "rotation",
                                         "exchange"}  # fmt: skip
    profiles = set(load_library().profiles)
    for path in catalogue.paths.values():
        assert path.area in AREAS and path.steps
        assert set(path.profiles) <= profiles
        for step in path.steps:
            assert set(step.programmes) <= set(catalogue.programmes), (path.id, step.id)
            # Every language written, and not a copy of another language.
            assert len({step.title.sv, step.title.da, step.title.en}) >= 2 or step.title.sv in (
                "Lektor", "Répétiteur")  # fmt: skip


def test_the_guides_library_passes_the_career_file_by() -> None:
    library = load_library()
    assert library.problems == []
    assert not any("career-paths" in str(p.path) for p in library.warnings)


def test_an_organisation_file_overrides_by_id_and_adds(tmp_path: Path) -> None:
    text = career_file(
        path_block("nurse-specialist", title=texts("Our nurse path")), path_block("new-one"),
        include_builtin=True,
    )  # fmt: skip
    catalogue = load_catalogue(org_folder(tmp_path, text))
    assert catalogue.problems == []
    assert catalogue.paths["nurse-specialist"].title.en == "Our nurse path en"
    assert "new-one" in catalogue.paths
    assert "teacher-first-teacher" in catalogue.paths  # the other examples stay


def test_include_builtin_false_leaves_every_example_out(tmp_path: Path) -> None:
    catalogue = load_catalogue(org_folder(tmp_path, career_file(path_block())))
    assert list(catalogue.paths) == ["cook-chef"]
    assert not catalogue.examples
    assert catalogue.programmes == {}


BROKEN = [
    # (what is wrong, the file's text, the key at fault, words of the message, words of its line)
    ("an unknown programme id",
     career_file(PROGRAMME, path_block(step_programmes='["mentor", "nope"]')),
     "paths[0].steps[0].programmes[1]", "unknown programme 'nope'", '"nope"'),
    ("a missing language",
     career_file(path_block(title='{ sv = "Kock", en = "Cook" }')),
     "paths[0].title.da", "the da text is missing", "title = "),
    ("a duplicate path id",
     career_file(path_block(), path_block()),
     "paths[1].id", "duplicate path id 'cook-chef'", 'id = "cook-chef"'),
    ("a wrong type",
     career_file(path_block(step_time='12')),
     "paths[0].steps[0].time", "must be texts in sv, da and en", "time = 12"),
    ("a wrong type in a list of texts",
     career_file(path_block().replace(f"competences = [{texts('Knife skills')}]",
                                      'competences = ["knives"]')),
     "paths[0].steps[0].competences[0]", "must be texts in sv, da and en", "knives"),
    ("an unknown area",
     career_file(path_block().replace('area = "other"', 'area = "kitchen"')),
     "paths[0].area", "must be one of", "kitchen"),
    ("an oversize text",
     career_file(path_block(step_pay=texts("x" * (MAX_TEXT + 1)))),
     "paths[0].steps[0].pay.sv", "is too long", "pay = "),
    ("a url that is not the web",
     career_file(path_block(url='"javascript:alert(1)"')),
     "paths[0].url", "must start with https://", "javascript:"),
    ("an unknown key",
     career_file(path_block(salary='"lots"')),
     "paths[0].salary", "unknown key", "salary"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "text", "key", "words", "at"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_file_is_reported_at_its_line_and_key(
    tmp_path: Path, what: str, text: str, key: str, words: str, at: str
) -> None:
    path = org_folder(tmp_path, text) / "career-paths.toml"
    problems = validate_career_file(path)
    assert [p.key for p in problems] == [key], problems
    (problem,) = problems
    assert words in problem.message
    lines = text.split("\n")
    assert problem.line is not None and at in lines[problem.line - 1], str(problem)
    if key == "paths[1].id":  # the second of the two, not the first
        assert problem.line > lines.index('id = "cook-chef"') + 1
    assert str(problem).startswith(f"{path}:{problem.line}: {key}: ")


def test_a_broken_organisation_file_is_left_out_and_said(tmp_path: Path) -> None:
    folder = org_folder(tmp_path, career_file(path_block(title="3")))
    catalogue = load_catalogue(folder)
    assert catalogue.problems and catalogue.problems[0].key == "paths[0].title"
    assert "cook-chef" not in catalogue.paths
    assert "nurse-specialist" in catalogue.paths  # the built-in examples still serve


def test_an_oversize_or_linked_file_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "career-paths.toml").write_bytes(b"#" * (1024 * 1024 + 1))
    (problem,) = load_catalogue(folder).problems
    assert "larger than 1 MiB" in problem.message
    (folder / "career-paths.toml").unlink()
    (folder / "career-paths.toml").symlink_to("/dev/zero")
    (problem,) = load_catalogue(folder).problems
    assert "link" in problem.message


def test_a_profile_the_guides_do_not_define_is_reported(tmp_path: Path) -> None:
    path = org_folder(tmp_path, career_file(path_block(profiles='["welfare", "kitchen"]')))
    (problem,) = validate_career_file(path / "career-paths.toml", profiles={"welfare", "general"})
    assert problem.key == "paths[0].profiles[1]" and "unknown profile 'kitchen'" in problem.message


def test_search_finds_words_in_any_language_without_accents() -> None:
    paths = list(load_catalogue().paths.values())
    assert [p.id for p in search(paths, "forstelarare")] == ["teacher-first-teacher"]
    assert [p.id for p in search(paths, "first teacher")] == ["teacher-first-teacher"]
    assert [p.id for p in search(paths, "demens")] == ["assistant-nurse-dementia"]
    assert search(paths, "demens lektor") == []  # every word must be there
    assert {p.id for p in search(paths, area="performing-arts")} == {
        "dancer-repetiteur", "dancer-physiotherapy"}  # fmt: skip


def test_the_person_filter_uses_profile_and_role_words() -> None:
    catalogue = load_catalogue()
    dementia = catalogue.paths["assistant-nurse-dementia"]
    assert fits_person(dementia, "welfare", "Undersköterska, hemtjänst")
    assert fits_person(dementia, "welfare", "SOSU-assistent")
    assert not fits_person(dementia, "welfare", "Lärare")
    assert not fits_person(dementia, "performing-arts", "Undersköterska")
    manager = catalogue.paths["welfare-first-manager"]  # names no roles: open to every role
    assert fits_person(manager, "welfare", "Lärare")
    found = search(catalogue.paths.values(), profile="performing-arts", role="Dansare")
    assert {p.id for p in found} == {"dancer-repetiteur", "dancer-physiotherapy"}


def test_a_fifo_or_folder_in_place_of_the_file_is_not_read(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "org"
    folder.mkdir()
    os.mkfifo(folder / "career-paths.toml")  # would block a plain open() for ever
    (problem,) = load_catalogue(folder).problems
    assert "not a regular file" in problem.message
    (folder / "career-paths.toml").unlink()
    (folder / "career-paths.toml").mkdir()
    (problem,) = load_catalogue(folder).problems
    assert "a folder, not a file" in problem.message
    assert "nurse-specialist" in load_catalogue(folder).paths  # the examples still serve


def test_a_syntax_error_is_placed_at_its_line(tmp_path: Path) -> None:
    text = career_file(path_block()).replace('direction = "deeper"', "direction = deeper")
    path = org_folder(tmp_path, text) / "career-paths.toml"
    (problem,) = validate_career_file(path)
    assert "is not valid TOML" in problem.message
    assert problem.line is not None and "direction" in text.split("\n")[problem.line - 1]
