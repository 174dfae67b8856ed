"""--lang before the command sets the interface language; after it, only the document's."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from dialog_kit.cli import main


def test_lang_after_the_command_sets_the_document_language_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "prep.pdf"

    code = main(["prep", "development", "--pdf", str(out), "--lang", "da"])

    assert code == 0
    assert "NOT encrypted" in capsys.readouterr().err  # the interface stayed English
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "MUS" in text  # the document is Danish


def test_lang_before_the_command_sets_the_interface_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--lang", "sv", "guides", "--help"]) == 0
    assert "samtalsguiderna" in capsys.readouterr().out
