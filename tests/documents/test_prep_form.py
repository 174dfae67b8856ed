"""The preparation sheet is a PDF form: fields pypdf finds, fills and reads back, into the talk.

End to end through the CLI: `prep --talk` makes the sheet, the test fills it as
a PDF reader would (pypdf), `prep-import` brings the answers in. Bad sheets
(another talk's, damaged, with unexpected fields, too long, a link) are
refused with exit 2 and leave the talk as it was.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from dialog_kit.cli import main
from dialog_kit.config import Config
from dialog_kit.documents import build_summary_document, preparation_pdf, summary_plain_text
from dialog_kit.documents.forms import (
    EMPLOYEE_PREPARATION,
    MAX_FIELD_CHARS,
    PREP_MARK,
    FilledForm,
    FormError,
    read_form,
    read_pdf_bytes,
)
from dialog_kit.documents.prep_import import preparation_answers
from dialog_kit.guides import GuideLibrary, load_library
from dialog_kit.record import Status, Visibility
from dialog_kit.vault import Vault
from tests.cli.test_documents_cli import PASSPHRASE, Setup, talk

from .conftest import LANGS, MakeTalk, pdf_text


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    return Setup(tmp_path)


def fields_of(data: bytes) -> dict[str, dict[str, object]]:
    return dict(PdfReader(io.BytesIO(data)).get_fields() or {})


def fill(data: bytes, values: dict[str, str]) -> bytes:
    """The sheet with `values` typed into its fields, as a PDF reader saves it."""
    writer = PdfWriter(clone_from=io.BytesIO(data))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def load(setup: Setup, record_id: str):  # type: ignore[no-untyped-def]
    vault = Vault.open(setup.vault)
    vault.unlock(PASSPHRASE)
    with vault:
        return vault.load(record_id)


@pytest.mark.parametrize("lang", LANGS)
def test_the_blank_sheet_has_a_named_field_for_every_question(
    lang: str, library: GuideLibrary, config: Config
) -> None:
    data = preparation_pdf("career-change", "performing-arts", library, config, lang)
    guide = library.with_profile(library.guide("career-change"), "performing-arts")
    questions = [q.text(lang) for q in guide.preparation.questions]
    found = fields_of(data)
    assert list(found) == [f"answer-{n}" for n in range(1, len(questions) + 1)]
    # Each field is named for a screen reader by its question, and is multi-line text.
    assert [f["/TU"] for f in found.values()] == questions
    assert all(f["/FT"] == "/Tx" and int(f["/Ff"]) & 4096 for f in found.values())  # type: ignore[call-overload]
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == lang
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    # The blank sheet belongs to no talk, so it cannot be imported into one.
    assert PREP_MARK not in str((reader.metadata or {}).get("/Keywords", ""))


def test_a_talks_sheet_is_filled_read_back_and_imported_as_the_employees_words(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = talk()
    record.status = Status.PLANNED  # a talk planned, not held yet
    setup.add(record)
    sheet = setup.dir / "prep.pdf"
    assert setup.run("prep", "--talk", record.id[:8], "--pdf", str(sheet)) == 0
    data = sheet.read_bytes()
    text = pdf_text(data)
    assert "3mars2027" in text and "KarinBerg,Enhetschef" in text  # when and with whom
    names = list(fields_of(data))
    assert names and names[0] == "answer-1"
    answers = {
        names[0]: "Jag vill lära mig <b>schemaläggning</b>\r\noch gå en kurs.",
        names[-1]: "zqlast",
    }
    filled = setup.dir / "filled.pdf"
    filled.write_bytes(fill(data, answers))
    back = read_form(filled)
    assert back.talk_id == record.id and back.mark == PREP_MARK
    assert back.fields[names[0]] == "Jag vill lära mig <b>schemaläggning</b>\noch gå en kurs."
    assert setup.run("prep-import", record.id[:8], str(filled)) == 0
    assert "2" in capsys.readouterr().err
    stored = load(setup, record.id)
    notes = stored.phases[EMPLOYEE_PREPARATION].notes
    assert [n.item for n in notes] == [names[0], names[-1]]
    assert (
        notes[0].text == "Jag vill lära mig <b>schemaläggning</b>\noch gå en kurs."
    )  # text, not markup
    assert all(n.visibility is Visibility.SHARED for n in notes)
    assert stored.status is Status.PLANNED  # importing does not start the talk
    # Shared, so the employee's summary shows their own words under their own heading.
    library = load_library(Path(str(setup.dir)))
    summary = summary_plain_text(build_summary_document(stored, library, Config(country="se")))
    assert "Dina egna ord" in summary and "zqlast" in summary
    # Importing again replaces the earlier answers rather than doubling them.
    assert setup.run("prep-import", record.id[:8], str(filled)) == 0
    assert len(load(setup, record.id).phases[EMPLOYEE_PREPARATION].notes) == 2


def refused(setup: Setup, record_id: str, path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = load(setup, record_id).to_json()
    assert setup.run("prep-import", record_id[:8], str(path)) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert load(setup, record_id).to_json() == before  # nothing changed
    return err


def test_bad_sheets_are_refused_and_change_nothing(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record, other = talk(), talk("Bo Ek")
    setup.add(record, other)
    sheet = setup.dir / "other.pdf"
    assert setup.run("prep", "--talk", other.id[:8], "--pdf", str(sheet)) == 0
    filled = setup.dir / "other-filled.pdf"
    filled.write_bytes(fill(sheet.read_bytes(), {"answer-1": "zqwrongtalk"}))
    assert "another talk" in refused(setup, record.id, filled, capsys)

    damaged = setup.dir / "damaged.pdf"
    damaged.write_bytes(filled.read_bytes()[:900])
    refused(setup, record.id, damaged, capsys)

    not_pdf = setup.dir / "notes.pdf"
    not_pdf.write_text("<html>not a pdf</html>")
    assert "not a PDF" in refused(setup, record.id, not_pdf, capsys)

    blank = setup.dir / "blank.pdf"
    assert main(["prep", "development", "--pdf", str(blank)]) == 0
    assert "not made by dialog_kit for a talk" in refused(setup, record.id, blank, capsys)

    link = setup.dir / "link.pdf"
    os.symlink(filled, link)
    assert "link" in refused(setup, record.id, link, capsys)

    own = setup.dir / "own.pdf"
    assert setup.run("prep", "--talk", record.id[:8], "--pdf", str(own)) == 0
    too_long = setup.dir / "long.pdf"
    too_long.write_bytes(fill(own.read_bytes(), {"answer-1": "x" * (MAX_FIELD_CHARS + 1)}))
    assert str(MAX_FIELD_CHARS) in refused(setup, record.id, too_long, capsys)

    empty = setup.dir / "empty.pdf"
    empty.write_bytes(fill(own.read_bytes(), {"answer-1": "   "}))
    assert "no answers" in refused(setup, record.id, empty, capsys)


def test_unexpected_fields_or_another_field_set_are_refused(
    library: GuideLibrary, config: Config
) -> None:
    from dialog_kit.documents.context import build_preparation_for_talk, preparation_fingerprint

    record = talk()
    fields = build_preparation_for_talk(record, library, config).fields
    prints = preparation_fingerprint(fields)
    values = {f.name: "ok" for f in fields}
    assert len(preparation_answers(record, FilledForm(PREP_MARK, record.id, prints, values, {}),
                                   library, config)) == len(fields)  # fmt: skip
    with pytest.raises(FormError, match="fields it should not"):
        extra = {**values, "answer-99": "zq"}
        preparation_answers(record, FilledForm(PREP_MARK, record.id, prints, extra, {}),
                            library, config)  # fmt: skip
    with pytest.raises(FormError, match="fields it should not"):
        preparation_answers(record, FilledForm(PREP_MARK, record.id, prints, values,
                                               {"run": True}), library, config)  # fmt: skip
    with pytest.raises(FormError, match="not the questions"):
        preparation_answers(record, FilledForm(PREP_MARK, record.id, "0" * 16, values, {}),
                            library, config)  # fmt: skip


def test_a_file_over_the_size_cap_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    with pytest.raises(FormError, match="larger than"):
        read_pdf_bytes(big, limit=1000)
    assert read_pdf_bytes(big, limit=5000).startswith(b"%PDF")


@pytest.mark.parametrize("lang", LANGS)
def test_a_talks_sheet_holds_no_note_of_the_talk(
    lang: str, make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    from dialog_kit.documents import talk_preparation_pdf

    talk_ = make_talk(lang=lang)
    text = pdf_text(talk_preparation_pdf(talk_.record, library, config))
    assert "KarinBerg" in text
    for mark in [*talk_.shared, *talk_.hidden, *talk_.actions]:
        assert mark not in text


def test_the_manager_can_make_an_imported_answer_private(
    library: GuideLibrary, config: Config
) -> None:
    from dialog_kit.documents.context import build_preparation_for_talk, preparation_fingerprint
    from dialog_kit.documents.prep_import import import_preparation

    record = talk()
    fields = build_preparation_for_talk(record, library, config).fields
    form = FilledForm(PREP_MARK, record.id, preparation_fingerprint(fields),
                      {f.name: "" for f in fields} | {fields[0].name: "zqmine",
                                                       fields[1].name: "zqours"}, {})  # fmt: skip
    import_preparation(record, preparation_answers(record, form, library, config))
    text = summary_plain_text(build_summary_document(record, library, config))
    assert "zqmine" in text and "zqours" in text
    record.phases[EMPLOYEE_PREPARATION].notes[0].visibility = Visibility.PRIVATE
    text = summary_plain_text(build_summary_document(record, library, config))
    assert "zqmine" not in text and "zqours" in text


def test_prep_takes_a_kind_or_a_talk_not_both_nor_neither(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    record = talk()
    setup.add(record)
    out = setup.dir / "p.pdf"
    assert setup.run("prep", "--pdf", str(out)) == 2
    assert setup.run("prep", "exit", "--talk", record.id[:8], "--pdf", str(out)) == 2
    assert (
        setup.run("prep", "--talk", record.id[:8], "--profile", "welfare", "--pdf", str(out)) == 2
    )
    assert setup.run("prep", "--talk", "ffffffff", "--pdf", str(out)) == 1  # no such talk
    assert not out.exists()
    assert "Traceback" not in capsys.readouterr().err


def test_a_mangled_sheet_is_refused_never_a_crash(
    library: GuideLibrary, config: Config, tmp_path: Path
) -> None:
    from dialog_kit.documents import talk_preparation_pdf

    record = talk()
    data = fill(talk_preparation_pdf(record, library, config), {"answer-1": "zq"})
    path = tmp_path / "mangled.pdf"
    outcomes = set()
    for n in range(1, 40):
        at = len(data) * n // 40
        for mangled in (data[:at], data[:at] + b"\x00garbage" + data[at + 8 :]):
            path.write_bytes(mangled)
            try:
                read_form(path)
                outcomes.add("read")
            except FormError:
                outcomes.add("refused")
    assert "refused" in outcomes  # and no other exception escaped
