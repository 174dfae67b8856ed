"""A summary made before locking says it is a draft; after locking it is final, with a version."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from dialog_kit.config import Config
from dialog_kit.documents import build_summary_document, summary_pdf, summary_plain_text
from dialog_kit.guides import GuideLibrary
from dialog_kit.record import Record, Visibility

from .conftest import LANGS, MakeTalk
from .same_text import pdf_content, words

DRAFT = {
    "sv": ("Utkast", "Medarbetarsamtal – sammanfattning (utkast)", "Utkast: samtalet är inte"),
    "da": (
        "Udkast",
        "MUS-samtale – opsummering (udkast)",
        "Udkast: samtalen er ikke afsluttet",
    ),
    "en": ("Draft", "Development review – summary (draft)", "Draft: the talk is not completed"),
}
FINAL = {
    "sv": ("Slutgiltig, version {v}", "(slutgiltig, version {v})", "Slutgiltig sammanfattning, "
           "version {v}."),
    "da": ("Endelig, version {v}", "(endelig, version {v})", "Endelig opsummering, version {v}."),
    "en": ("Final, version {v}", "(final, version {v})", "Final summary, version {v}."),
}  # fmt: skip


def made(record: Record, library: GuideLibrary, config: Config) -> tuple[str, str, PdfReader]:
    """(the preview's text, the PDF's text without page furniture, the PDF) of a summary."""
    doc = build_summary_document(record, library, config)
    data = summary_pdf(record, library, config)
    # pdf_content checks every page's running header (with the mark) and page number.
    return words(summary_plain_text(doc)), pdf_content(data, doc), PdfReader(io.BytesIO(data))


@pytest.mark.parametrize("lang", LANGS)
def test_a_summary_before_locking_is_a_draft(
    lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk(lang=lang, notes_per_phase=4, actions=6)  # more than one page
    mark, title, status = DRAFT[lang]
    preview, text, reader = made(talk.record, library, config)
    assert len(reader.pages) > 1
    assert reader.metadata is not None
    assert reader.metadata.title == title
    assert reader.metadata.subject.startswith(status)
    # The XMP metadata (what PDF/UA viewers read) says the same.
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert f">{title}<" in xmp and f">{reader.metadata.subject}<" in xmp
    assert status in text and status in preview
    doc = build_summary_document(talk.record, library, config)
    assert doc.header_first == mark and doc.header_right.endswith(f"– {mark}")
    assert not doc.final and doc.version == 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_locked_summary_is_final_and_its_version_grows_with_each_amendment(
    lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk(lang=lang, notes_per_phase=4, actions=6)
    talk.record.lock()
    draft_status = DRAFT[lang][2]
    steps = (
        (1, None),
        (2, Visibility.SHARED),
        # What the employee does not read does not change their document.
        (2, Visibility.PRIVATE),
        (2, Visibility.HR),
        (3, Visibility.SHARED),
    )
    for step, (version, amend) in enumerate(steps):
        if amend is not None:
            talk.record.amend(f"zqamend{step}{amend.value}", amend)
        assert talk.record.summary_version == version
        mark, title, status = (s.format(v=version) for s in FINAL[lang])
        preview, text, reader = made(talk.record, library, config)
        assert reader.metadata is not None
        assert reader.metadata.title.endswith(title)
        assert reader.metadata.subject.startswith(status)
        assert status in text and status in preview
        assert draft_status not in text and draft_status not in preview
        doc = build_summary_document(talk.record, library, config)
        assert doc.header_first == mark and doc.header_right.endswith(f"– {mark}")
        for hidden in ("zqamend2private", "zqamend3hr"):
            assert hidden not in text and hidden not in preview
