"""Every kind of fault in a guide file gets exit 2 and a `file:line: key: message` line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from guidefiles import MINI_GUIDE, MINI_PROFILES, MINI_RESOURCES, WriteFile, line_of, replace_once

from dialog_kit.cli import main
from dialog_kit.guides import GuideProblem, validate_path


@dataclass(frozen=True)
class Fault:
    """One broken file: `old` replaced by `new` in a valid file; `at` marks the faulty line."""

    name: str
    base: str
    old: str
    new: str
    key: str
    at: str
    words: str  # a word the message must contain
    occurrence: int = 1  # which `old` to replace
    at_occurrence: int = 1  # which line containing `at` is the faulty one


FAULTS = [
    Fault("invalid-toml", MINI_GUIDE, 'title.da = "Minisamtale"', 'title.da = "Minisamtale',
          "title.da", 'title.da = "Minisamtale', "TOML"),
    Fault("invalid-toml-in-an-item", MINI_GUIDE, 'text.en = "Say who sees the notes."',
          "text.en = Say who sees the notes.", "phases[1].items[0].text.en",
          "text.en = Say who", "TOML"),
    Fault("unclosed-multi-line-string", MINI_GUIDE, 'text.en = "What do we do first?"',
          'text.en = """What do we do first?', "phases[2].prompts[0].text.en",
          'text.en = """What', "TOML"),
    Fault("duplicate-key-toml", MINI_GUIDE, 'title.en = "Mini talk"',
          'title.en = "Mini talk"\ntitle.en = "Again"', "title.en", 'title.en = "Again"', "TOML"),
    Fault("unknown-top-level-key", MINI_GUIDE, "version = 1", "version = 1\ncolour = 'red'",
          "colour", "colour = 'red'", "unknown key"),
    Fault("unknown-item-key", MINI_GUIDE, 'id = "read-plan"', 'id = "read-plan"\npriority = 1',
          "phases[0].items[1].priority", "priority = 1", "unknown key"),
    Fault("missing-locale", MINI_GUIDE,
          'purpose.da = "Skab tryghed og sig, hvad der bliver noteret."\n', "",
          "phases[1].purpose.da", 'purpose.sv = "Skapa trygghet', "da"),
    Fault("unknown-locale", MINI_GUIDE, 'title.en = "Mini talk"',
          'title.en = "Mini talk"\ntitle.fi = "Minikeskustelu"', "title.fi", "title.fi",
          "language"),
    Fault("empty-text", MINI_GUIDE, 'text.en = "How are you right now?"', 'text.en = "  "',
          "phases[1].prompts[0].text.en", 'text.en = "  "', "empty"),
    Fault("wrong-type-version", MINI_GUIDE, "version = 1", 'version = "1"', "version",
          'version = "1"', "whole number"),
    Fault("wrong-type-required", MINI_GUIDE, "required = true", 'required = "yes"',
          "phases[1].items[0].required", 'required = "yes"', "true or false", occurrence=2),
    Fault("text-not-a-table", MINI_GUIDE, 'summary.sv = "Ett kort samtal att prova med."\n'
          'summary.da = "En kort samtale at prøve med."\nsummary.en = "A short talk to try things '
          'with."', 'summary = "A short talk"', "summary", 'summary = "A short talk"', "sv, da"),
    Fault("duplicate-phase-id", MINI_GUIDE, 'id = "follow-up"', 'id = "open"', "phases[2].id",
          'id = "open"', "duplicate", at_occurrence=2),
    Fault("duplicate-item-id", MINI_GUIDE, 'id = "read-plan"', 'id = "book-room"',
          "phases[0].items[1].id", 'id = "book-room"', "duplicate", at_occurrence=2),
    Fault("duplicate-prompt-id", MINI_GUIDE, '[[phases.cautions]]\nid = "no-rush"',
          '[[phases.prompts]]\nid = "how-are-you"\ntext.sv = "a"\ntext.da = "b"\ntext.en = "c"\n'
          '[[phases.cautions]]\nid = "no-rush"', "phases[1].prompts[1].id",
          'id = "how-are-you"', "duplicate", at_occurrence=2),
    Fault("duplicate-caution-id", MINI_GUIDE, 'id = "no-promises"', 'id = "no-rush"',
          "phases[1].cautions[1].id", 'id = "no-rush"', "duplicate", at_occurrence=2),
    Fault("duplicate-question-id", MINI_GUIDE, 'id = "wish"', 'id = "proud-of"',
          "preparation.questions[1].id", 'id = "proud-of"', "duplicate", at_occurrence=2),
    Fault("bad-stage", MINI_GUIDE, 'stage = "during"', 'stage = "middle"', "phases[1].stage",
          'stage = "middle"', "before, during, after"),
    Fault("stage-out-of-order", MINI_GUIDE, 'stage = "before"', 'stage = "after"',
          "phases[1].stage", 'stage = "during"', "cannot follow"),
    Fault("after-without-talk", MINI_GUIDE, 'stage = "during"', 'stage = "before"',
          "phases[2].stage", 'stage = "after"', "during"),
    Fault("bad-kind", MINI_GUIDE, 'kind = "development"', 'kind = "appraisal"', "kind",
          'kind = "appraisal"', "career-change"),
    Fault("bad-visibility", MINI_GUIDE, 'visibility = "shared"', 'visibility = "public"',
          "phases[0].items[1].visibility", 'visibility = "public"', "private"),
    Fault("bad-id", MINI_GUIDE, 'id = "notes-rule"', 'id = "notes rule"',
          "phases[1].items[0].id", 'id = "notes rule"', "letters"),
    Fault("missing-preparation", MINI_GUIDE, "[preparation]\n", "[prep]\n", "prep", "[prep]",
          "unknown key"),
    Fault("phase-without-items", MINI_GUIDE, '[[phases.items]]\nid = "send-summary"\n'
          'text.sv = "Skicka sammanfattningen."\ntext.da = "Send opsummeringen."\n'
          'text.en = "Send the summary."\n', "", "phases[2].items", "[[phases]]",
          "[[phases.items]]", at_occurrence=3),
    Fault("newer-format", MINI_GUIDE, "format = 1", "format = 2", "format", "format = 2",
          "newer"),
    Fault("profile-unknown-key", MINI_PROFILES, "horizon_years = 3",
          "horizon_years = 3\ncolor = 1", "profiles[0].color", "color = 1", "unknown key"),
    Fault("profile-window-ages", MINI_PROFILES, "closes_before_age = 43",
          "closes_before_age = 30", "profiles[0].windows[0].closes_before_age",
          "closes_before_age = 30", "opens_at_age"),
    Fault("profile-duplicate-id", MINI_PROFILES + MINI_PROFILES.replace("format = 1\n", ""),
          "x", "x", "profiles[1].id", 'id = "stage"', "duplicate", at_occurrence=2),
    Fault("resource-bad-kinds", MINI_RESOURCES, 'kinds = ["development"]',
          'kinds = [\n  "development",\n  "appraisal",\n]', "resources[0].kinds[1]",
          '"appraisal"', "career-change"),
    Fault("resource-duplicate-id", MINI_RESOURCES, 'id = "hr"', 'id = "fund"',
          "resources[1].id", 'id = "fund"', "duplicate", at_occurrence=2),
    # -- the content model of issue 11: country, agreement, sector, stage, date, profession --
    Fault("resource-unknown-country", MINI_RESOURCES, 'country = "se"', 'countries = ["sweden"]',
          "resources[0].countries[0]", "countries = ", "sweden"),
    Fault("resource-country-and-countries", MINI_RESOURCES, 'country = "se"',
          'country = "se"\ncountries = ["se"]', "resources[0].country", 'country = "se"', "both"),
    Fault("resource-unknown-agreement", MINI_RESOURCES, 'kinds = ["development"]',
          'kinds = ["development"]\nagreements = ["kom-kr", "kommunal"]',
          "resources[0].agreements[1]", "agreements = ", "kommunal"),
    Fault("resource-agreement-of-another-country", MINI_RESOURCES, 'country = "se"',
          'countries = ["dk"]\nagreements = ["trs"]', "resources[0].agreements",
          "agreements = ", "se"),
    Fault("resource-unknown-sector", MINI_RESOURCES, 'kinds = ["development"]',
          'kinds = ["development"]\nsectors = ["county"]', "resources[0].sectors[0]",
          "sectors = ", "county"),
    Fault("resource-stage-outside-career-change", MINI_RESOURCES, 'kinds = ["development"]',
          'kinds = ["development"]\nstages = ["plan"]', "resources[0].stages",
          "stages = ", "career-change"),
    Fault("resource-unknown-stage", MINI_RESOURCES, 'kinds = ["development"]',
          'kinds = ["career-change"]\nstages = ["decision"]', "resources[0].stages[0]",
          "stages = ", "decision"),
    Fault("resource-checked-not-a-date", MINI_RESOURCES, 'confidential = true',
          'confidential = true\nchecked = "last spring"', "resources[0].checked",
          "checked = ", "YYYY-MM-DD"),
    Fault("resource-checked-a-number", MINI_RESOURCES, 'confidential = true',
          'confidential = true\nchecked = 2026', "resources[0].checked", "checked = ",
          "YYYY-MM-DD"),
    Fault("window-profession-not-listed", MINI_PROFILES, 'resource = "fund"',
          'resource = "fund"\nprofession = "juggler"', "profiles[0].windows[0].profession",
          'profession = "juggler"', "juggler"),
    Fault("window-unknown-country", MINI_PROFILES, 'resource = "fund"',
          'resource = "fund"\ncountries = ["xx"]', "profiles[0].windows[0].countries[0]",
          "countries = ", "xx"),
    Fault("profession-not-an-id", MINI_PROFILES, "horizon_years = 3",
          'horizon_years = 3\nprofessions = ["solo singer"]', "profiles[0].professions[0]",
          "professions = ", "id"),
    Fault("fact-without-profession", MINI_PROFILES, "[[profiles.windows]]",
          '[[profiles.facts]]\nid = "retire"\ntitle.sv = "a"\ntitle.da = "a"\n'
          'title.en = "a"\ntext.sv = "b"\ntext.da = "b"\ntext.en = "b"\n\n'
          "[[profiles.windows]]", "profiles[0].facts[0].profession", "[[profiles.facts]]",
          "missing"),
    Fault("fact-age-out-of-range", MINI_PROFILES, "[[profiles.windows]]",
          '[[profiles.facts]]\nid = "retire"\nprofession = ""\nat_age = 400\n'
          'title.sv = "a"\ntitle.da = "a"\ntitle.en = "a"\ntext.sv = "b"\ntext.da = "b"\n'
          'text.en = "b"\n\n[[profiles.windows]]', "profiles[0].facts[0].at_age",
          "at_age = 400", "between"),
    Fault("talk-stages-outside-career-change", MINI_GUIDE, 'kind = "development"',
          'kind = "development"\ntalk_stages = ["orientation"]', "talk_stages",
          "talk_stages = ", "career-change"),
    Fault("talk-stage-not-a-phase", MINI_GUIDE, 'kind = "development"',
          'kind = "career-change"\ntalk_stages = ["plan"]', "talk_stages[0]",
          "talk_stages = ", "plan"),
]  # fmt: skip


def _mutate(fault: Fault) -> str:
    if fault.old == fault.new:
        return fault.base
    return replace_once(fault.base, fault.old, fault.new, fault.occurrence)


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_broken_file_gets_exit_2_and_names_file_line_and_key(
    fault: Fault, write_file: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _mutate(fault)
    path = write_file(f"{fault.name}.toml", text)
    line = line_of(text, fault.at, fault.at_occurrence)

    code = main(["guides", "validate", str(path)])

    out = capsys.readouterr().out
    assert code == 2
    expected = f"{path}:{line}: {fault.key}: "
    lines = out.splitlines()
    assert any(row.startswith(expected) for row in lines), f"want {expected!r} in:\n{out}"
    message = next(row for row in lines if row.startswith(expected))
    assert fault.words in message


def test_there_are_at_least_twelve_kinds_of_fault() -> None:
    assert len({f.name for f in FAULTS}) >= 12


def test_not_utf8_names_the_line(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_file("latin1.toml", "")
    path.write_bytes(
        MINI_GUIDE.replace("Förbered", "F\udcf6rbered").encode("utf-8", "surrogateescape")
    )

    assert main(["guides", "validate", str(path)]) == 2

    assert f"{path}:{line_of(MINI_GUIDE, 'Förbered')}: " in capsys.readouterr().out


def test_every_problem_of_a_file_is_reported_at_once(write_file: WriteFile) -> None:
    text = MINI_GUIDE.replace('kind = "development"', 'kind = "x"').replace(
        'stage = "during"', 'stage = "y"'
    )
    problems = validate_path(write_file("two.toml", text))
    assert {p.key for p in problems} == {"kind", "phases[1].stage"}


def test_a_file_that_is_no_guide_at_all(write_file: WriteFile) -> None:
    problems = validate_path(write_file("notes.toml", 'format = 1\ncolour = "red"\n'))
    assert [(p.line, p.key) for p in problems] == [(1, "")]
    assert "neither a guide" in problems[0].message


def test_a_valid_file_passes_with_a_summary(
    write_file: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file("mini.toml", MINI_GUIDE)
    assert main(["guides", "validate", str(path)]) == 0
    assert "no problems" in capsys.readouterr().out


def test_problem_text_has_the_grep_format() -> None:
    problem = GuideProblem(Path("g.toml"), 7, "phases[0].id", "is missing")
    assert str(problem) == "g.toml:7: phases[0].id: is missing"
