"""The review's preview is the PDF: the same words, for every shipped guide, profile and language.

The comparison rule (whitespace, page furniture) is in same_text.py.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from dialog_kit.config import Config
from dialog_kit.documents import build_summary_document, summary_pdf, summary_plain_text
from dialog_kit.documents.render import render_pdf
from dialog_kit.guides import GuideLibrary, load_library
from dialog_kit.record import Action, GuideRef, Kind, Person, Record, Visibility, new_record

from .conftest import KINDS, LANGS, MakeTalk
from .same_text import assert_same_text, words


@pytest.fixture(scope="module")
def builtin() -> GuideLibrary:
    library = load_library()
    assert not library.problems, library.problems
    return library


def shipped_talk(library: GuideLibrary, kind: str, profile: str, lang: str, n: int) -> Record:
    """A talk on a shipped guide with a shared, a private and an HR note in every phase."""
    guide = library.guide_for_kind(kind)
    record = new_record(
        Kind(kind), GuideRef(guide.id, guide.version), Person("Åsa Lindqvist", "Undersköterska"),
        Person("Karin Berg", "Enhetschef"), lang, date(2027, 3, 3), profile=profile,
    )  # fmt: skip
    for i, phase in enumerate(guide.phases):
        record.add_note(
            phase.id,
            f"zqshared{i} We talked about the next step and what it needs.\nA second line.",
            Visibility.SHARED,
        )
        record.add_note(phase.id, f"zqprivate{i} my own worry", Visibility.PRIVATE)
        record.add_note(phase.id, f"zqhr{i} for HR only", Visibility.HR)
    record.actions += [
        Action("Book a talk with the career advisor about studies next year", "Åsa",
               date(2027, 4, 1)),
        Action("Send the course list", "", None, done=True),
    ]  # fmt: skip
    record.follow_up = date(2027, 9, 15) if n % 2 else None
    if n % 3 == 1:  # some drafts, some final, one amended
        record.lock()
        record.amend("zqamendshared Course booked.", Visibility.SHARED)
        record.amend("zqamendprivate", Visibility.PRIVATE)
    return record


CASES = [
    (kind, profile, lang)
    for kind in KINDS
    for profile in ("general", "welfare", "performing-arts")
    for lang in LANGS
]


@pytest.mark.parametrize(("kind", "profile", "lang"), CASES)
def test_the_preview_has_exactly_the_text_of_the_pdf(
    kind: str, profile: str, lang: str, builtin: GuideLibrary
) -> None:
    assert set(builtin.profiles) == {"general", "welfare", "performing-arts"}
    record = shipped_talk(builtin, kind, profile, lang, CASES.index((kind, profile, lang)))
    config = Config(organisation="Norrviks kommun", manager_name="Karin Berg", country="se")
    doc = build_summary_document(record, builtin, config)
    text = assert_same_text(doc, summary_pdf(record, builtin, config))
    # And that text is the employee's: shared notes in, the manager's own ones out.
    assert "zqshared0" in text
    assert "zqprivate" not in text and "zqhr" not in text and "zqamendprivate" not in text
    assert ("zqamendshared" in text) == record.locked


def test_the_resources_when_advice_is_in_neither(builtin: GuideLibrary) -> None:
    record = shipped_talk(builtin, "career-change", "performing-arts", "en", 0)
    doc = build_summary_document(record, builtin, Config(country="se"))
    resources = builtin.resources_for("career-change", "performing-arts")
    assert resources
    text = words(summary_plain_text(doc))
    # The manager's "when to point someone to it" advice of every resource stays out.
    advice = [words(r.when("en")) for r in resources if r.when("en")]
    assert advice and all(a not in text for a in advice)
    assert any(words(r.what("en")) in text for r in resources)


@pytest.mark.parametrize("lang", LANGS)
def test_signature_lines_match_too(lang: str, make_talk: MakeTalk, library: GuideLibrary) -> None:
    talk = make_talk(lang=lang, follow_up=None)
    talk.record.lock()
    config = Config(organisation="", country="other")
    doc = build_summary_document(talk.record, library, config, signatures=True)
    assert_same_text(doc, render_pdf("summary.html", doc))


def test_a_talk_with_nothing_written_matches(make_talk: MakeTalk, library: GuideLibrary) -> None:
    talk = make_talk(notes_per_phase=0, actions=0, follow_up=None)
    doc = build_summary_document(talk.record, library, Config(country="dk"))
    text = assert_same_text(doc, summary_pdf(talk.record, library, Config(country="dk")))
    assert "No notes were written down" in text and not doc.final


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_preview_never_shows_a_private_or_hr_note(
    kind: str, lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk(kind, lang=lang, notes_per_phase=2)
    talk.record.lock()
    talk.record.amend("zqamendprivate", Visibility.PRIVATE)
    talk.record.amend("zqamendhr", Visibility.HR)
    talk.record.amend("zqamendshared", Visibility.SHARED)
    document = build_summary_document(talk.record, library, config)
    text = summary_plain_text(document)
    everything = repr(dataclasses.asdict(document))  # the model, not only what is rendered
    for mark in [*talk.shared, *talk.actions, "zqamendshared"]:
        assert mark in text
    for mark in [*talk.hidden, "zqamendprivate", "zqamendhr"]:
        assert mark not in text and mark not in everything


def test_preview_lines_fit_the_width_unless_a_word_is_longer(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk("career-change", notes_per_phase=2, actions=3)
    long_word = "https://example.org/" + "a" * 70
    talk.record.add_note("look-back", f"See {long_word} for more.", Visibility.SHARED)
    doc = build_summary_document(talk.record, library, config)
    for width in (40, 72, 100):
        lines = summary_plain_text(doc, width).splitlines()
        too_long = [line for line in lines if len(line) > width and long_word not in line]
        assert too_long == []
        assert long_word in "\n".join(lines)  # kept whole: the terminal folds it
