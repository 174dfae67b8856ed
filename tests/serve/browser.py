"""Debian's Chromium, headless, driven by Playwright: what the page draws, every request.

The terminal is drawn on a canvas, so the text a test waits for is read from what the
server sends the page over the websocket (Textual's output, escape codes removed).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import BrowserContext, Download, Page, WebSocket, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# No Google services, no QUIC, no updates: on this closed network anything else is refused.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SMALL_FRAME = 400
"""Bytes: a cursor blink or a clock is smaller; a new screen or a focus change is larger."""
VIEWPORT = {"width": 1280, "height": 800}
_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, pointer shapes
    rb"|\x1b[=>()][0-9A-B]?"  # keypad and character set switches
)


@dataclass
class Tab:
    """One page and everything its websocket brought."""

    page: Page
    received: bytearray = field(default_factory=bytearray)
    websockets: list[str] = field(default_factory=list)
    sent: list[str | bytes] = field(default_factory=list)
    last_drawing: float = 0.0
    failure_shot: Path | None = None
    """Where a screenshot goes when a wait fails (to see why)."""

    def on_websocket(self, socket: WebSocket) -> None:
        self.websockets.append(socket.url)
        socket.on("framereceived", self._frame)
        socket.on("framesent", lambda payload: self.sent.append(payload))

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.received += payload
            if len(payload) > SMALL_FRAME:
                self.last_drawing = time.monotonic()

    def settle(self, quiet: float = 0.5) -> None:
        """Waits until the app has stopped redrawing (a blinking cursor does not count).

        Keys pressed while a new screen or a newly focused widget is still being set
        up can be lost, by a person typing that fast as much as by a test.
        """
        self.wait(lambda: time.monotonic() - self.last_drawing >= quiet, "the drawing to settle")

    def mark(self) -> int:
        return len(self.received)

    def text(self, since: int = 0) -> str:
        return _ESCAPES.sub(b"", bytes(self.received[since:])).decode("utf-8", "replace")

    def wait_text(self, text: str, since: int = 0, timeout: float = 60) -> None:
        """Waits until the app has drawn `text` (after `since`) in this tab."""
        self.wait(lambda: text in self.text(since), f"{text!r} on the page", timeout)

    def wait(self, condition: object, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if callable(condition) and condition():
                return
            # Lets Playwright deliver its events (frames, downloads) while we wait.
            self.page.wait_for_timeout(20)
        if self.failure_shot is not None:
            self.page.screenshot(path=str(self.failure_shot))
        shown = " ".join(self.text().split())[-2000:]
        raise AssertionError(f"timed out waiting for {what}; the page showed:\n{shown}")

    def press(self, key: str, then: str) -> None:
        """Presses `key` and waits until the app has drawn `then` in answer.

        A key pressed while the app is still redrawing for the previous one can be
        lost, so a journey waits for each key's effect (the footer is drawn last).
        """
        self.settle()
        mark = self.mark()
        self.page.keyboard.press(key)
        self.wait_text(then, since=mark)

    def click_cell(self, column: int, row: int, then: str) -> None:
        """Clicks the terminal cell (0-based; negative rows count from the bottom)."""
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None and self.websockets
        size = parse_qs(urlsplit(self.websockets[-1]).query)
        columns, rows = int(size["width"][0]), int(size["height"][0])
        width, height = box["width"] / columns, box["height"] / rows
        row = row % rows
        self.settle()
        mark = self.mark()
        self.page.mouse.click(box["x"] + (column + 0.5) * width, box["y"] + (row + 0.5) * height)
        self.wait_text(then, since=mark)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        """Types `text` once the app is ready, and waits until it is drawn."""
        self.settle()
        mark = self.mark()
        self.page.keyboard.type(text)
        self.wait_text(text[-12:], since=mark)


@dataclass
class Browser:
    context: BrowserContext
    shots: Path
    requests: list[str] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    tabs: list[Tab] = field(default_factory=list)

    def open(self, url: str) -> Tab:
        page = self.context.new_page()
        tab = Tab(page, failure_shot=self.shots / f"failed-{len(self.tabs)}.png")
        page.on("websocket", tab.on_websocket)
        self.tabs.append(tab)
        page.goto(url)
        page.wait_for_selector("body.-first-byte", timeout=60_000)
        page.click("#terminal")  # focus: keys go to the terminal
        return tab

    def websockets(self) -> list[str]:
        return [url for tab in self.tabs for url in tab.websockets]


def _allow_several_downloads(user_data: Path) -> None:
    """The answer a person gives when a site's second download asks "Allow multiple files?".

    A download that starts more than a few seconds after its key press (a PDF made on a
    busy machine) no longer counts as asked for; Chromium then lets a site make one such
    download and cancels the next, with no prompt a headless browser could answer. The
    journey makes two (the summary, the preparation sheet), as a manager would.
    """
    default = user_data / "Default"
    default.mkdir(parents=True, exist_ok=True)
    preferences = {"profile": {"default_content_setting_values": {"automatic_downloads": 1}}}
    (default / "Preferences").write_text(json.dumps(preferences), encoding="utf-8")


@contextmanager
def chromium(
    user_data: Path, locale: str = "en-GB", extra_args: tuple[str, ...] = ()
) -> Iterator[Browser]:
    """A fresh profile each time; fails (never skips) when Debian's Chromium is missing."""
    assert CHROMIUM.exists(), "Debian's chromium is needed: make test installs it (apt-get)"
    _allow_several_downloads(user_data)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data),
            executable_path=str(CHROMIUM),
            args=[*CHROMIUM_ARGS, *extra_args],
            headless=True,
            viewport=VIEWPORT,  # type: ignore[arg-type]
            accept_downloads=True,
            locale=locale,
        )
        browser = Browser(context, user_data.parent)
        context.on("request", lambda request: browser.requests.append(request.url))

        def downloaded(download: Download) -> None:
            browser.downloads.append(download)

        def new_page(page: Page) -> None:
            page.on("download", downloaded)

        context.on("page", new_page)
        try:
            yield browser
        finally:
            context.close()
