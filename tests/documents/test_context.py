"""The summary context: what the employee sees, in which order and language, and nothing more."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date

import pytest

from dialog_kit.config import Config
from dialog_kit.documents import (
    access_records,
    build_access_report,
    build_preparation,
    build_summary,
)
from dialog_kit.errors import DialogKitError, UsageError
from dialog_kit.guides import GuideLibrary
from dialog_kit.record import Visibility

from .conftest import KINDS, LANGS, MakeTalk


def everything(value: object) -> str:
    """Every string reachable in a context, for searching."""
    return repr(dataclasses.asdict(value))  # type: ignore[call-overload]


@pytest.mark.parametrize("kind", KINDS)
def test_summary_holds_shared_notes_and_never_private_or_hr(
    kind: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk(kind, notes_per_phase=2)
    talk.record.lock()
    talk.record.amend("Later: zqamendprivate", Visibility.PRIVATE)
    talk.record.amend("Later: zqamendhr", Visibility.HR)
    talk.record.amend("Later: zqamendshared", Visibility.SHARED)
    context = build_summary(talk.record, library, config)
    text = everything(context)
    for mark in talk.shared + talk.actions + ["zqamendshared"]:
        assert mark in text
    for mark in [*talk.hidden, "zqamendprivate", "zqamendhr"]:
        assert mark not in text


def test_sections_follow_the_guide_order_with_its_phase_titles(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk("development", lang="sv")
    record = talk.record
    # Written out of order on purpose: the summary follows the guide, not the typing.
    record.phases = dict(reversed(list(record.phases.items())))
    context = build_summary(record, library, config)
    guide = library.guide("development")
    assert [s.phase_id for s in context.sections] == [p.id for p in guide.phases]
    assert [s.title for s in context.sections] == [p.title.sv for p in guide.phases]
    assert context.lang == "sv" and context.title == "Medarbetarsamtal"


def test_amendments_come_last_with_their_date(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk(notes_per_phase=1)
    talk.record.lock()
    talk.record.amend("Training booked", Visibility.SHARED)
    last = build_summary(talk.record, library, config).sections[-1]
    assert last.title == "Added after the talk"
    assert last.notes[0].endswith(": Training booked")


def test_notes_of_a_phase_the_guide_lacks_are_kept(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk(notes_per_phase=0)
    talk.record.add_note("retired-phase", "zqorphan note", Visibility.SHARED)
    sections = build_summary(talk.record, library, config).sections
    assert sections[-1].title == "Other" and sections[-1].notes == ("zqorphan note",)


def test_an_unknown_guide_still_gives_every_shared_note(
    make_talk: MakeTalk, config: Config
) -> None:
    talk = make_talk()
    context = build_summary(talk.record, GuideLibrary(), config)
    assert all(m in everything(context) for m in talk.shared)
    assert all(m not in everything(context) for m in talk.hidden)


@pytest.mark.parametrize("lang", LANGS)
def test_everything_is_in_the_document_language(
    lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk("exit", lang="en")
    context = build_summary(talk.record, library, config, lang)
    expected = {
        "sv": ("3 mars 2027", "Medarbetare", "Vi följer upp det här tillsammans den 15 september"),
        "da": ("3. marts 2027", "Medarbejder", "Vi følger op på det sammen den 15. september"),
        "en": ("3 March 2027", "Employee", "We will follow this up together on 15 September"),
    }[lang]
    assert context.date_text == expected[0]
    assert context.participants[0].label == expected[1]
    assert context.follow_up_text is not None and context.follow_up_text.startswith(expected[2])
    assert [a.due_text for a in context.actions][1] == context.labels["no_date"]


def test_the_record_locale_is_the_default_language(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    assert build_summary(make_talk(lang="da").record, library, config).lang == "da"


def test_an_unknown_language_is_refused(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    with pytest.raises(UsageError):
        build_summary(make_talk().record, library, config, "de")


@pytest.mark.parametrize(
    ("country", "phrase"),
    [("se", "allmän handling"), ("dk", "aktindsigt"), ("other", "tell your manager")],
)
def test_the_statement_depends_on_the_country(
    country: str, phrase: str, make_talk: MakeTalk, library: GuideLibrary
) -> None:
    context = build_summary(make_talk().record, library, Config(country=country))
    assert phrase in context.statement
    assert "3 March 2027" in context.statement


def test_career_change_resources_include_confidential_advice_for_the_profile(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk("career-change", profile="performing-arts")
    rows = build_summary(talk.record, library, config).resources
    names = [r.name for r in rows]
    assert "Transition advice (en)" in names
    assert any(r.confidential for r in rows)
    # Internal contacts come first; a Danish scheme is not offered in Sweden.
    assert names[0] == "HR desk (en)" and "Danish advice (en)" not in names
    # A contact the organisation has not filled in yet ("[Name, phone]") is left out.
    assert rows[0].contact == ""


def test_resources_follow_the_organisations_country(
    make_talk: MakeTalk, library: GuideLibrary
) -> None:
    talk = make_talk("career-change")
    names = [r.name for r in build_summary(talk.record, library, Config(country="dk")).resources]
    assert "Danish advice (en)" in names and "Job fund (en)" not in names


def test_preparation_has_the_guide_and_profile_questions(
    library: GuideLibrary, config: Config
) -> None:
    context = build_preparation("career-change", "performing-arts", library, config, "da")
    assert context.questions[-1] == "Profilspørgsmål om kroppen?"
    assert context.questions[0] == "Prepspørgsmål 1 til career-change?"
    assert context.profile_title == "Scenekunst"
    with pytest.raises(DialogKitError):
        build_preparation("exit", "no-such-profile", library, config, "en")


def test_access_records_match_names_loosely(make_talk: MakeTalk) -> None:
    a, b, c = make_talk().record, make_talk("exit").record, make_talk().record
    c.employee.name = "Someone Else"
    b.date = date(2026, 1, 1)
    assert access_records([a, b, c], "  ÅSA   lindqvist ") == [b, a]
    assert access_records([a, b, c], "Åsa") == []


def test_access_report_holds_every_note_with_its_level(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk()
    talk.record.lock()
    talk.record.amend("zqamendprivate", Visibility.PRIVATE)
    context = build_access_report([talk.record], "åsa lindqvist", library, config, "en")
    text = everything(context)
    for mark in [*talk.shared, *talk.hidden, *talk.actions, "zqamendprivate", talk.record.id]:
        assert mark in text
    levels = {n.visibility for r in context.records for n in r.notes}
    assert levels == {"Private", "Shared", "HR"}


def test_importing_and_building_a_summary_does_not_load_weasyprint() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from dialog_kit.config import Config\n"
        "from dialog_kit.guides import GuideLibrary\n"
        "from dialog_kit.record import GuideRef, Kind, Person, new_record\n"
        "import dialog_kit.documents as d\n"
        "r = new_record(Kind.EXIT, GuideRef('exit', 1), Person('A'), Person('B'), 'sv',"
        " date(2027, 1, 1))\n"
        "d.build_summary(r, GuideLibrary(), Config())\n"
        "print('weasyprint' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_access_report_names_ticked_items_by_their_text(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk()
    talk.record.toggle_item("agree", "agree-item")
    record = build_access_report([talk.record], "Åsa Lindqvist", library, config, "en").records[0]
    ticked = next(f.value for f in record.facts if f.label == "Checklist items ticked")
    assert ticked == "Agree: Do Agree."


def test_every_language_has_every_document_label() -> None:
    from dialog_kit.documents.labels import LABELS

    keys = {lang: set(table) for lang, table in LABELS.items()}
    assert keys["sv"] == keys["da"] == keys["en"]
    for lang, table in LABELS.items():
        assert all(text.strip() for text in table.values()), lang


def test_an_unset_country_says_nothing_national(make_talk: MakeTalk, library: GuideLibrary) -> None:
    """A country never asked for is not assumed to be Sweden: no public-record note, no fund."""
    talk = make_talk("career-change")
    unset = build_summary(talk.record, library, Config())
    other = build_summary(talk.record, library, Config(country="other"))
    assert unset.statement == other.statement
    assert "allmän handling" not in unset.statement and "aktindsigt" not in unset.statement
    names = [r.name for r in unset.resources]
    assert "Job fund (en)" not in names and "Danish advice (en)" not in names
    assert names == [r.name for r in other.resources]
