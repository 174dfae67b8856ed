"""A manager's talk in a real browser: unlock, a talk, a shared note, the summary as a download.

Debian's Chromium (headless) through Playwright, against `dialog-kit serve` on a free
loopback port and a real vault in tmp_path. Every request the pages make is recorded:
none may leave 127.0.0.1:port.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from dialog_kit.record import Visibility
from dialog_kit.vault import Vault
from tests.serve.browser import Tab, chromium
from tests.serve.helpers import PASSPHRASE, Served, serve, stop

pytestmark = pytest.mark.slow

NOTE = "Wants to try the evening course"
EMPLOYEE = "Anna Berg"


def unlock(tab: Tab) -> None:
    tab.wait_text("Enter your passphrase")
    tab.settle()
    tab.page.keyboard.type(PASSPHRASE)  # not drawn: a password field
    tab.press("Enter", "n New talk")


def hold_a_talk(tab: Tab) -> None:
    """From the home screen: a new talk, one note made shared, then the review screen."""
    tab.click_cell(3, -1, "^s Create")  # the mouse: "n New talk" in the footer
    tab.press("Tab", "^s Create")  # from the kind of talk to the name
    tab.type(EMPLOYEE)
    tab.press("Control+s", "w Write note")
    tab.press("Enter", "f1 Help")  # into the first phase
    tab.press("w", "^t Who sees it")
    tab.type(NOTE)
    # Ctrl+T is the browser's own (a new tab): a note becomes shared with v in the list.
    tab.press("Escape", "f1 Help")
    tab.press("Tab", "f1 Help")
    tab.press("Tab", "f1 Help")
    tab.press("Tab", "v Who sees it")
    tab.press("v", "[shared]")
    tab.press("r", NOTE)  # the review: the preview of the employee's summary


def assert_all_local(requests: list[str], websockets: list[str], served: Served) -> None:
    assert requests, "the pages made no request at all?"
    assert websockets
    foreign = [url for url in requests if not url.startswith(served.origin + "/")]
    foreign += [url for url in websockets if not url.startswith(f"ws://{served.authority}/")]
    assert foreign == [], f"requests left 127.0.0.1:{served.port}: {foreign}"


def test_a_talk_held_in_the_browser_ends_as_a_downloaded_pdf(tmp_path: Path) -> None:
    with serve(tmp_path) as served, chromium(tmp_path / "profile") as browser:
        tab = browser.open(served.url)
        unlock(tab)
        hold_a_talk(tab)

        mark = tab.mark()
        tab.keys("p")
        tab.wait(lambda: browser.downloads, "the summary as a download")
        tab.wait_text("Saved", since=mark)
        download = browser.downloads[0]
        assert download.suggested_filename.startswith("summary-")
        assert download.suggested_filename.endswith(".pdf")
        assert EMPLOYEE.split()[0] not in download.suggested_filename
        received = tmp_path / "received.pdf"
        download.save_as(received)
        data = received.read_bytes()
        assert data.startswith(b"%PDF-")
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert NOTE in " ".join(text.split())
        # ... and saved where the app saves documents, the same file.
        saved = list(served.home.rglob("summary-*.pdf"))
        assert [p.read_bytes() for p in saved] == [data]

        # The employee's preparation sheet, made from the home screen, arrives too.
        tab.press("Escape", "w Write note")  # the review, back to the talk
        tab.press("Escape", "f1 Help")  # the notes, back to the phases
        tab.press("Escape", "n New talk")  # the talk, back home
        tab.press("p", "Make PDF (ctrl+s)")
        tab.press("Control+s", "n New talk")
        tab.wait(lambda: len(browser.downloads) == 2, "the preparation sheet as a download")
        sheet = browser.downloads[1]
        assert sheet.suggested_filename.startswith("preparation-development-")
        sheet.save_as(tmp_path / "sheet.pdf")
        assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF-")

        # A second tab is a second instance: it opens the vault read-only.
        second = browser.open(served.url)
        unlock(second)
        second.wait_text("READ-ONLY")

        # Quitting saves first, then the page says the session ended.
        tab.page.keyboard.press("Control+q")
        tab.page.wait_for_selector("body.-closed", timeout=60_000)
        assert_all_local(browser.requests, browser.websockets(), served)
        printed = stop(served)
    assert "Stopped" in printed
    assert "Traceback" not in printed

    vault = Vault.open(served.vault)
    vault.unlock(PASSPHRASE)
    records = vault.list_records().records
    vault.close()
    assert [r.employee.name for r in records] == [EMPLOYEE]
    notes = [n for phase in records[0].phases.values() for n in phase.notes]
    assert [(n.text, n.visibility) for n in notes] == [(NOTE, Visibility.SHARED)]
