"""The PDFs themselves: what text they hold, in which language, and how accessible they are."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from dialog_kit.config import Config
from dialog_kit.documents import access_report_pdf, preparation_pdf, summary_pdf
from dialog_kit.guides import GuideLibrary
from dialog_kit.record import Visibility

from .conftest import KINDS, LANGS, MakeTalk, pdf_text

PAGE_WORDS = {"sv": "Sida1av", "da": "Side1af", "en": "Page1of"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_summary_pdf_shows_every_shared_note_and_action_and_nothing_private(
    kind: str, lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk(kind, lang=lang)
    text = pdf_text(summary_pdf(talk.record, library, config))
    for mark in talk.shared + talk.actions:
        assert mark in text
    for mark in talk.hidden:
        assert mark not in text
    assert PAGE_WORDS[lang] in text
    guide = library.guide_for_kind(kind)
    for phase in guide.phases:
        assert "".join(phase.title(lang).split()) in text


def structure(data: bytes) -> tuple[Any, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    return reader.trailer["/Root"], reader


def embedded_font_files(reader: PdfReader) -> list[str]:
    found = []
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            files = [k for k in descriptor if k in ("/FontFile", "/FontFile2", "/FontFile3")]
            found.append(files[0] if files else "missing")
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_summary_pdf_is_tagged_with_language_title_author_and_embedded_fonts(
    lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    root, reader = structure(summary_pdf(make_talk(lang=lang).record, library, config))
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == lang
    assert reader.metadata is not None
    title = {"sv": "Medarbetarsamtal", "da": "MUS-samtale", "en": "Development review"}
    assert reader.metadata.title.startswith(title[lang])
    assert reader.metadata.author == "Karin Berg"
    fonts = embedded_font_files(reader)
    assert fonts and "missing" not in fonts
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()


def test_actions_are_a_real_table_with_header_cells(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    root, _ = structure(summary_pdf(make_talk().record, library, config))
    roles: set[str] = set()

    def walk(node: Any, depth: int = 0) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                roles.add(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    if depth < 40 and hasattr(kid, "get_object"):
                        walk(kid, depth + 1)

    walk(root["/StructTreeRoot"])
    assert {"/Table", "/TR", "/TH", "/TD", "/H1", "/H2"} <= roles


def test_signature_lines_only_when_asked(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    record = make_talk().record
    assert "Dateandsignature" not in pdf_text(summary_pdf(record, library, config))
    with_lines = pdf_text(summary_pdf(record, library, config, signatures=True))
    assert with_lines.count("Dateandsignature") == 2


def test_a_talk_with_nothing_written_still_makes_a_kind_document(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk(notes_per_phase=0, actions=0, follow_up=None)
    text = pdf_text(summary_pdf(talk.record, library, config))
    assert "Nonoteswerewrittendown" in text
    assert "Wedidnotagreeonanyparticularactions" in text
    assert "Wehavenotsetadateforthefollow-upyet" in text


@pytest.mark.parametrize("lang", LANGS)
def test_preparation_sheet_has_purpose_and_every_question(
    lang: str, library: GuideLibrary, config: Config
) -> None:
    data = preparation_pdf("career-change", "performing-arts", library, config, lang)
    text = pdf_text(data)
    guide = library.with_profile(library.guide("career-change"), "performing-arts")
    # The guide's summary is written to the manager ("you listen"), so the sheet uses the intro.
    assert "".join(guide.summary(lang).split()) not in text
    assert "".join(guide.preparation.intro(lang).split()) in text
    for question in guide.preparation.questions:
        assert "".join(question.text(lang).split()) in text
    root, _ = structure(data)
    assert root["/Lang"] == lang and "/StructTreeRoot" in root


def test_access_report_shows_all_notes_with_their_levels(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    first, second, other = make_talk(), make_talk("exit"), make_talk("career-change")
    other.record.employee.name = "Someone Else"
    second.record.lock()
    second.record.amend("zqamendhr", Visibility.HR)
    records = [first.record, second.record, other.record]
    text = pdf_text(access_report_pdf(records, "ÅSA LINDQVIST", library, config, "en"))
    for talk in (first, second):
        for mark in talk.shared + talk.hidden + talk.actions + [talk.record.id]:
            assert mark in text
    assert "zqamendhr" in text
    assert all(mark not in text for mark in other.shared + other.hidden)
    assert "Private" in text and "Shared" in text and "HR" in text
    assert "Talksfound:2" in text


def test_access_report_for_an_unknown_name_says_nothing_is_held(
    library: GuideLibrary, config: Config
) -> None:
    text = pdf_text(access_report_pdf([], "Nobody", library, config, "sv"))
    assert "dialog_kitinnehålleringa" in text and "Antalsamtal:0" in text


@pytest.mark.parametrize(
    ("lang", "header", "pages"),
    [
        ("sv", "Samtal om karriärväxling – Sammanfattning", "Sida 2 av"),
        ("da", "Samtale om karriereskifte – Opsummering", "Side 2 af"),
        ("en", "Career conversation – Summary", "Page 2 of"),
    ],
)
def test_later_pages_carry_a_running_header_and_page_numbers(
    lang: str,
    header: str,
    pages: str,
    make_talk: MakeTalk,
    library: GuideLibrary,
    config: Config,
    tmp_path: Path,
) -> None:
    # Margin boxes are artifacts outside the structure tree, which pypdf skips; poppler reads them.
    talk = make_talk("career-change", lang=lang, notes_per_phase=4, actions=6)
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(summary_pdf(talk.record, library, config))
    second = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Norrviks kommun" in second and header in second and pages in second
