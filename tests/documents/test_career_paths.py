"""The summary's "Paths we looked at": shared paths only, each with its next step and where to
read more, in the PDF and in the review's preview alike, in every language."""

from __future__ import annotations

import pytest

from dialog_kit.career.attached import AttachedPath
from dialog_kit.career.load import load_catalogue
from dialog_kit.config import Config
from dialog_kit.documents import build_summary_document, summary_pdf
from dialog_kit.documents.text import summary_plain_text
from dialog_kit.guides import GuideLibrary
from dialog_kit.record import Record, Visibility

from .conftest import LANGS, MakeTalk, pdf_text

HEADING = {"sv": "Vägar vi tittade på", "da": "Veje, vi kiggede på", "en": "Paths we looked at"}
NEXT = {"sv": "Nästa steg", "da": "Næste skridt", "en": "Next step"}


def _attach(record: Record) -> tuple[AttachedPath, AttachedPath]:
    catalogue = load_catalogue()
    shared = record.attach_path(
        AttachedPath.of(catalogue.paths["nurse-specialist"], "specialist-nurse", "zqnextshared")
    )
    private = record.attach_path(
        AttachedPath.of(catalogue.paths["welfare-first-manager"], next_step="zqnextprivate")
    )
    record.update_path(private.id, visibility=Visibility.PRIVATE)
    return shared, private


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_lists_the_shared_paths_with_next_step_and_where_to_read_more(
    make_talk: MakeTalk, library: GuideLibrary, config: Config, lang: str
) -> None:
    talk = make_talk(lang=lang)
    _attach(talk.record)
    text = pdf_text(summary_pdf(talk.record, library, config, lang))
    assert HEADING[lang].replace(" ", "") in text
    title = {"sv": "Sjuksköterskatillspecialistsjuksköterska:Specialistsjuksköterska",
             "da": "Sygeplejersketilspecialistsygeplejerske:Specialistsygeplejerske",
             "en": "Registerednursetospecialistnurse:Specialistnurse"}[lang]  # fmt: skip
    assert title in text
    assert f"{NEXT[lang].replace(' ', '')}:zqnextshared" in text
    assert {"sv": "karriärguiden", "da": "karriereguiden", "en": "careerguide"}[lang] in text
    # The path made private is nowhere: neither its title nor its note.
    assert "zqnextprivate" not in text
    assert {"sv": "förstalinjenschef", "da": "ledertætpådriften",
            "en": "front-linemanager"}[lang] not in text  # fmt: skip


def test_a_path_attached_then_made_private_leaves_the_summary(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk()
    shared, _private = _attach(talk.record)
    before = summary_plain_text(build_summary_document(talk.record, library, config, "en"))
    assert "zqnextshared" in before and "Paths we looked at" in before
    talk.record.update_path(shared.id, visibility=Visibility.PRIVATE)
    after = summary_plain_text(build_summary_document(talk.record, library, config, "en"))
    assert "zqnextshared" not in after and "Specialist nurse" not in after
    assert "Paths we looked at" not in after  # no empty section either
    assert "zqnextshared" not in pdf_text(summary_pdf(talk.record, library, config, "en"))
    talk.record.update_path(shared.id, visibility=Visibility.HR)  # HR's is not the employee's
    assert "zqnextshared" not in pdf_text(summary_pdf(talk.record, library, config, "en"))


def test_a_path_with_a_web_page_says_where_to_read_more(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk()
    attached = AttachedPath.of(load_catalogue().paths["teacher-first-teacher"])
    attached.read_more = "https://intranet.example/career/first-teacher"
    talk.record.attach_path(attached)
    doc = build_summary_document(talk.record, library, config, "sv")
    section = next(s for s in doc.sections if s.id == "paths")
    texts = [p.text for group in section.blocks[1:] for p in group.paragraphs]  # type: ignore[union-attr]
    assert texts == ["Läs mer: https://intranet.example/career/first-teacher"]  # no next step yet
    ids = [s.id for s in doc.sections]
    assert ids.index("notes") < ids.index("paths") < ids.index("about")


def test_attached_paths_survive_the_record_json_and_a_locked_talk_refuses_more(
    make_talk: MakeTalk,
) -> None:
    talk = make_talk()
    _shared, private = _attach(talk.record)
    again = Record.from_json(talk.record.to_json())
    assert again.career_paths == talk.record.career_paths
    assert [p.visibility for p in again.career_paths] == [Visibility.SHARED, Visibility.PRIVATE]
    talk.record.lock()
    from dialog_kit.record import RecordLockedError

    with pytest.raises(RecordLockedError):
        talk.record.attach_path(AttachedPath.of(load_catalogue().paths["dancer-repetiteur"]))
    with pytest.raises(RecordLockedError):
        talk.record.update_path(private.id, visibility=Visibility.SHARED)
