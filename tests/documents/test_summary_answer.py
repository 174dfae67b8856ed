"""A final summary ends with the employee's answer; summary-import brings it back into the talk."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from dialog_kit.config import Config
from dialog_kit.documents import build_summary_document, summary_pdf, summary_plain_text
from dialog_kit.guides import GuideLibrary
from dialog_kit.privacy import Audience, Visibility, amendments_for
from tests.cli.test_documents_cli import Setup, talk

from .conftest import LANGS, MakeTalk, pdf_text
from .same_text import assert_same_text
from .test_prep_form import fields_of, fill, load


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    return Setup(tmp_path)


@pytest.mark.parametrize("lang", LANGS)
def test_a_final_summary_has_a_comments_field_a_read_box_and_signature_lines(
    lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    record = make_talk(lang=lang).record
    assert fields_of(summary_pdf(record, library, config)) == {}  # a draft is not answered
    record.lock()
    doc = build_summary_document(record, library, config)
    data = summary_pdf(record, library, config)
    found = fields_of(data)
    assert set(found) == {"comments", "read"}
    assert found["comments"]["/FT"] == "/Tx" and found["read"]["/FT"] == "/Btn"
    assert doc.sections[-1].id == "answer"
    assert_same_text(doc, data)  # the preview names the fields too
    assert summary_plain_text(doc).count(record.employee.name) >= 2  # and the signature line
    keywords = str(PdfReader(io.BytesIO(data)).metadata["/Keywords"])  # type: ignore[index]
    assert f"talk-{record.id}" in keywords and "version-1" in keywords


def test_the_answer_comes_back_as_a_shared_amendment_and_the_reading_is_recorded(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = talk()
    record.lock()
    setup.add(record)
    out = setup.dir / "summary.pdf"
    assert setup.run("export", record.id[:8], "--pdf", str(out)) == 0
    filled = setup.dir / "answered.pdf"
    comment = "Jag vill <i>lägga till</i> att kursen är på hösten."
    filled.write_bytes(fill(out.read_bytes(), {"comments": comment, "read": "/on"}))
    assert setup.run("summary-import", record.id[:8], str(filled)) == 0
    stored = load(setup, record.id)
    shared = amendments_for(stored, Audience.EMPLOYEE)
    assert [m.text for m in shared] == [f"Medarbetarens kommentar till version 1: {comment}"]
    read = [m for m in stored.amendments if m.visibility is Visibility.HR]
    assert [m.text for m in read] == ["Medarbetaren har läst sammanfattningen, version 1."]
    assert stored.summary_version == 2  # the comment is in the next version the employee gets
    # The next summary shows the comment as text, never as markup.
    second = setup.dir / "summary-2.pdf"
    assert setup.run("export", record.id[:8], "--pdf", str(second)) == 0
    assert "<i>läggatill</i>" in pdf_text(second.read_bytes())


def test_a_draft_another_talks_summary_or_a_prep_sheet_is_refused(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    from .test_prep_form import refused

    record, other = talk(), talk("Bo Ek")
    record.lock()
    other.lock()
    setup.add(record, other)
    theirs = setup.dir / "theirs.pdf"
    assert setup.run("export", other.id[:8], "--pdf", str(theirs)) == 0
    filled = setup.dir / "theirs-filled.pdf"
    filled.write_bytes(fill(theirs.read_bytes(), {"comments": "zqwrong"}))
    assert "another talk" in refused_summary(setup, record.id, filled, capsys)
    prep = setup.dir / "prep.pdf"
    assert setup.run("prep", "--talk", record.id[:8], "--pdf", str(prep)) == 0
    prep_filled = setup.dir / "prep-filled.pdf"
    prep_filled.write_bytes(fill(prep.read_bytes(), {"answer-1": "zq"}))
    assert "not a final summary" in refused_summary(setup, record.id, prep_filled, capsys)
    # And the other way round: a summary is not a preparation sheet.
    own = setup.dir / "own.pdf"
    assert setup.run("export", record.id[:8], "--pdf", str(own)) == 0
    own_filled = setup.dir / "own-filled.pdf"
    own_filled.write_bytes(fill(own.read_bytes(), {"comments": "zq"}))
    assert "not a preparation sheet" in refused(setup, record.id, own_filled, capsys)
    nothing = setup.dir / "nothing.pdf"
    nothing.write_bytes(fill(own.read_bytes(), {"comments": ""}))
    assert "no comments" in refused_summary(setup, record.id, nothing, capsys)


def refused_summary(
    setup: Setup, record_id: str, path: Path, capsys: pytest.CaptureFixture[str]
) -> str:
    before = load(setup, record_id).to_json()
    assert setup.run("summary-import", record_id[:8], str(path)) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert load(setup, record_id).to_json() == before
    return err
