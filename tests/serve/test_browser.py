"""A manager's talk in a real browser: unlock, a talk, a shared note, the summary as a download.

Debian's Chromium (headless) through Playwright, against `dialog-kit serve` on a free
loopback port and a real vault in tmp_path. Every request the pages make is recorded:
none may leave 127.0.0.1:port.
"""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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
        assert tab.page.is_hidden("#terminal")  # the last screen is not left showing
        mark = tab.mark()
        tab.page.click("#restart")  # a new session, which asks for the passphrase again
        tab.wait_text("Enter your passphrase", since=mark)
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


EVIL_PAGE = """<!DOCTYPE html><title></title><script>
// Another site, open in the same browser, tries to drive the app. It even has the token.
const socket = new WebSocket(%r);
socket.onopen = () => { document.title = "opened"; };
socket.onclose = () => { if (!document.title) document.title = "refused"; };
</script>"""


@contextmanager
def evil_site(websocket_url: str) -> Iterator[str]:
    """A web page on another loopback port (another origin) that opens our websocket."""
    body = (EVIL_PAGE % websocket_url).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://attacker.test:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_browser_is_refused_without_the_token_and_from_other_sites(tmp_path: Path) -> None:
    # attacker.test resolves to 127.0.0.1 inside this browser: DNS rebinding, without a network.
    rules = ("--host-resolver-rules=MAP attacker.test 127.0.0.1",)
    with serve(tmp_path) as served, chromium(tmp_path / "profile", extra_args=rules) as browser:
        page = browser.context.new_page()
        for url in (
            served.origin + "/",
            f"{served.origin}/{'A' * len(served.token)}/",
            f"{served.origin}/{served.token[:-1]}/",
            f"http://attacker.test:{served.port}/{served.token}/",  # rebinding, token and all
        ):
            response = page.goto(url)
            assert response is not None and response.status == 403, url
            assert "dialog_kit" not in page.content()

        for socket_url in (
            served.websocket_url,
            f"ws://attacker.test:{served.port}/{served.token}/ws",
        ):
            with evil_site(socket_url) as evil:
                page.goto(evil)
                page.wait_for_function("document.title !== ''", timeout=30_000)
                assert page.title() == "refused", socket_url

        # The real page still opens, and only now does an app process start.
        assert page.goto(served.url) is not None
        page.wait_for_selector("body.-first-byte", timeout=60_000)
    printed = "".join(served.output)
    assert printed.count("refused a request") >= 6
