"""A PDF made in a child process is the PDF made in-process; the child's failures are messages."""

from __future__ import annotations

import io
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from dialog_kit.config import Config
from dialog_kit.documents import pdf_process, preparation_pdf, summary_pdf
from dialog_kit.documents.render import FetchRefusedError, html_to_pdf
from dialog_kit.errors import DialogKitError
from dialog_kit.guides import GuideLibrary
from dialog_kit.i18n import set_language

from .conftest import MakeTalk, pdf_text


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_a_summary_made_in_a_child_is_the_one_made_here(
    make_talk: MakeTalk, library: GuideLibrary, config: Config
) -> None:
    talk = make_talk("development", lang="sv", notes_per_phase=2)
    here = summary_pdf(talk.record, library, config)
    child = summary_pdf(talk.record, library, config, in_child=True)
    assert pages(child) == pages(here)
    assert PdfReader(io.BytesIO(child)).metadata == PdfReader(io.BytesIO(here)).metadata
    text = pdf_text(child)
    assert all(mark in text for mark in talk.shared + talk.actions)
    assert not any(mark in text for mark in talk.hidden)


def test_a_preparation_form_made_in_a_child_keeps_its_fields(
    library: GuideLibrary, config: Config
) -> None:
    here = preparation_pdf("development", "general", library, config, "da")
    child = preparation_pdf("development", "general", library, config, "da", in_child=True)
    assert pages(child) == pages(here)
    fields = PdfReader(io.BytesIO(child)).get_fields()
    assert fields and fields.keys() == (PdfReader(io.BytesIO(here)).get_fields() or {}).keys()


def test_a_refused_address_in_the_child_is_the_same_clear_error(tmp_path: Path) -> None:
    html = '<html lang="en"><body><img src="https://example.org/x.png"></body></html>'
    with pytest.raises(FetchRefusedError) as here:
        html_to_pdf(html)
    with pytest.raises(DialogKitError) as child:
        pdf_process.html_to_pdf_in_child(html)
    assert (child.value.title, child.value.message) == (here.value.title, here.value.message)
    assert "example.org" in child.value.message


def test_the_child_answers_in_the_interface_language() -> None:
    html = '<html lang="sv"><body><img src="https://example.org/x.png"></body></html>'
    set_language("sv")
    try:
        with pytest.raises(DialogKitError) as child:
            pdf_process.html_to_pdf_in_child(html)
    finally:
        set_language("en")
    assert child.value.title == "En fil fick inte läsas in"


def fake_python(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "python"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_a_child_that_dies_is_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crash = "cat >/dev/null; echo 'Traceback: zqsecret' >&2; exit 1"
    monkeypatch.setattr(sys, "executable", str(fake_python(tmp_path, crash)))
    with pytest.raises(DialogKitError) as error:
        pdf_process.html_to_pdf_in_child("<p>zqsecret</p>")
    assert "exit code 1" in error.value.message and "no file was written" in error.value.message
    assert "zqsecret" not in str(error.value)  # its stderr is never shown


def test_a_child_that_answers_nonsense_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(fake_python(tmp_path, "echo '{'; exit 3")))
    with pytest.raises(DialogKitError) as error:
        pdf_process.html_to_pdf_in_child("<p>x</p>")
    assert "exit code 3" in error.value.message


def test_a_child_that_hangs_is_stopped_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(fake_python(tmp_path, "exec sleep 600")))
    with pytest.raises(DialogKitError) as error:
        pdf_process.html_to_pdf_in_child("<p>x</p>", timeout=1)
    assert "stopped" in error.value.message


def test_the_document_goes_through_the_pipe_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing of the document on the child's command line, in its environment or in a temp
    folder; what it gets is on its standard input."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    seen: list[dict[str, Any]] = []
    real_run = subprocess.run

    def run(args: list[str], **kwargs: Any) -> Any:
        seen.append({"args": args, **kwargs})
        return real_run(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    html = '<html lang="en"><head><title>t</title></head><body><p>zqplain note</p></body></html>'
    data = pdf_process.html_to_pdf_in_child(html)
    assert "zqplainnote" in pdf_text(data)
    (call,) = seen
    assert not any("zqplain" in arg for arg in call["args"])
    assert not any("zqplain" in value for value in call["env"].values())
    assert b"zqplain" in call["input"]
    assert list(temp.iterdir()) == []  # the child's temp folder is as empty as before
