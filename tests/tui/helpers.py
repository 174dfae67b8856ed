"""Helpers for the Pilot journeys: an app on a vault in tmp_path, waiting, typing."""

from __future__ import annotations

import asyncio
import functools
import html
import re
import time
import unicodedata
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.keys import KEY_NAME_REPLACEMENTS
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from dialog_kit.config import Config
from dialog_kit.tui.app import DialogKitApp

SIZE = (80, 24)
PASSPHRASE = "pw-test"
WORK_FACTOR = 10  # fast scrypt: tests are about the app, not key stretching
SAVE_DELAY = 0.05  # the talk autosaves this soon after a change: tests wait for it, not 1 s


def journey(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Runs an async test in its own event loop (no asyncio plugin is needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def make_app(tmp_path: Path, **kwargs: object) -> DialogKitApp:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    kwargs.setdefault("save_delay", SAVE_DELAY)
    config = Config(organisation="Test Municipality", manager_name="Maja Chef", country="se")
    app = DialogKitApp(
        config,
        tmp_path / "vault",
        work_factor=WORK_FACTOR,
        output_folder=out,
        **kwargs,  # type: ignore[arg-type]
    )
    app.animation_level = "none"  # scrolling animations only slow the tests down
    return app


async def wait_for(
    pilot: Pilot[None], condition: Callable[[], object], timeout: float = 60
) -> None:
    """Pauses until `condition()` is true; fails the test with a clear message after `timeout`.

    The deadline only bounds a broken test: a passing one goes on as soon as the condition
    holds, and a loaded machine running the suite in parallel can take many seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {getattr(condition, '__name__', condition)}")


async def wait_screen(pilot: Pilot[None], name: str) -> None:
    def on_screen() -> bool:
        return type(pilot.app.screen).__name__ == name

    on_screen.__name__ = f"screen {name}"
    await wait_for(pilot, on_screen)
    await pilot.pause()  # let the new screen paint before anyone reads it


async def wait_text(pilot: Pilot[None], text: str, timeout: float = 60) -> None:
    """Waits until `text` shows on the terminal."""

    def shown() -> bool:
        return text in screen_text(pilot)

    shown.__name__ = f"{text!r} on the screen"
    await wait_for(pilot, shown, timeout)


def key_for(character: str) -> str:
    """The key name a terminal driver gives `character` ("a", "space", "full_stop")."""
    if character.isalnum():
        return character
    named = {" ": "space", "\n": "enter", "\t": "tab"}.get(character)
    if named:
        return named
    name = unicodedata.name(character, repr(character)).lower()
    name = name.replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Types `text` as a quick typist does, and returns once the app has taken every key.

    Into a field, the keys arrive in one burst, as a terminal delivers keys typed faster
    than the app draws. Pilot.press would instead wait for the app to fall idle after
    each key, which is most of a typing test's time and none of what it tests. Text with
    Enter or Tab in it, or typed where no field has focus, can act between keys (move
    the focus, open a screen), so it is pressed key by key.
    """
    app = pilot.app
    field = app.focused
    if not isinstance(field, Input | TextArea) or any(c in "\n\t" for c in text):
        await pilot.press(*[key_for(c) for c in text])
        # Pilot guesses the app is idle from its CPU time; on a loaded machine the last key
        # can still be queued. A callback queued now runs after every key is handled.
        await _once_queued(app.call_later, f"the app did not take the typed {text!r}")
        return
    for character in text:
        app.post_message(events.Key(key_for(character), character))
    # The app forwards each key to the field; a callback it runs after the last key queues
    # behind them in the field's own queue, so it runs once the field has handled them all.
    await _once_queued(
        lambda done: app.call_later(field.call_later, done),
        f"{field!r} did not take the typed {text!r}",
    )
    await pilot.pause()  # what the field posted in answer (Changed) reaches its screen


async def _once_queued(queue: Callable[[Callable[[], None]], object], failure: str) -> None:
    """Queues a callback with `queue` and returns when it has run (fails with `failure`)."""
    done = asyncio.Event()
    queue(done.set)
    try:
        await asyncio.wait_for(done.wait(), timeout=60)
    except TimeoutError:
        raise AssertionError(failure) from None


async def write_note(pilot: Pilot[None]) -> None:
    """Presses w in the talk screen and returns once the note editor has the focus.

    Textual moves the focus after the key is handled; a text typed before that would
    reach the screen's keys (a: add action, r: review) instead of the editor.
    """
    await pilot.press("w")
    editor = pilot.app.screen.query_one("#editor", TextArea)

    def editing() -> bool:
        return editor.has_focus

    editing.__name__ = "the note editor to have the focus"
    await wait_for(pilot, editing)


async def _ready_for_passphrase(pilot: Pilot[None], mode: str) -> None:
    """Waits for the unlock form's mode and for its field to have focus.

    Textual applies focus after a repaint; keys pressed before that reach no field.
    """

    def ready() -> bool:
        focused = getattr(pilot.app.focused, "id", None)
        return getattr(pilot.app.screen, "mode", "") == mode and focused == "passphrase"

    ready.__name__ = f"the passphrase field ({mode})"
    await wait_for(pilot, ready)


async def create_vault(
    pilot: Pilot[None], passphrase: str = PASSPHRASE, then: str = "HomeScreen"
) -> None:
    """Creates the vault through the form; `then` is the screen after it (setup on a first run)."""
    from dialog_kit.passphrase import estimate

    await _ready_for_passphrase(pilot, "create")
    await type_text(pilot, passphrase)
    await pilot.press("enter")
    await type_text(pilot, passphrase)
    await pilot.press("enter")
    if estimate(passphrase).weak:  # the app says so and wants a second Enter to keep it
        await wait_for(pilot, lambda: "Press Enter again" in error_text(pilot))
        await pilot.press("enter")
    await wait_screen(pilot, then)


async def unlock(pilot: Pilot[None], passphrase: str = PASSPHRASE) -> None:
    await _ready_for_passphrase(pilot, "unlock")
    await type_text(pilot, passphrase)
    await pilot.press("enter")
    await wait_screen(pilot, "HomeScreen")


def seed_vault(tmp_path: Path, records: list[Any]) -> None:
    """A vault made through the vault API, holding `records` (set-up, not the thing tested)."""
    from dialog_kit.vault import Vault

    vault = Vault.create(tmp_path / "vault", PASSPHRASE, work_factor=WORK_FACTOR)
    try:
        for record in records:
            vault.save(record)
    finally:
        vault.close()


def vault_records(tmp_path: Path) -> list[Any]:
    """The records as any other program reads them: decrypted through the vault API."""
    from dialog_kit.vault import Vault

    vault = Vault.open(tmp_path / "vault")
    vault.unlock(PASSPHRASE)
    try:
        result = vault.list_records()
        assert not result.damaged
        return list(result.records)
    finally:
        vault.close()


def talk(
    name: str = "Anna Berg",
    kind: str = "development",
    on: str = "2026-10-01",
    profile: str = "general",
    birth_year: int | None = None,
) -> Any:
    from datetime import date

    from dialog_kit.record import GuideRef, Kind, Person, new_record

    return new_record(
        Kind(kind),
        GuideRef(kind, 1),
        Person(name, "Nurse", birth_year),
        Person("Maja Chef"),
        "en",
        date.fromisoformat(on),
        profile=profile,
    )


def error_text(pilot: Pilot[None]) -> str:
    """The unlock form's error line as the app wrote it (it wraps on the screen)."""
    return str(pilot.app.screen.query_one("#unlock-error").content)


_SVG_TEXT = re.compile(
    r'<text [^>]*?x="(?P<x>[\d.]+)"[^>]*?textLength="(?P<width>[\d.]+)"'
    r'[^>]*?clip-path="url\(#[\w-]+-line-(?P<line>\d+)\)"[^>]*>(?P<text>[^<]*)</text>'
)


def screen_text(pilot: Pilot[None]) -> str:
    """Everything the terminal shows now, as plain text (for assertions on what users see).

    Read from the app's public SVG screenshot (Rich's export: one <text> per run
    of characters, placed by cell), so no private Textual module is needed. Under
    a dialog the dimmed screen behind it shows through, as it does in a terminal.
    """
    width, height = pilot.app.size
    rows = [[" "] * width for _ in range(height)]
    svg = pilot.app.export_screenshot()
    matches = list(_SVG_TEXT.finditer(svg))
    # A change in Rich's SVG would otherwise read as an empty screen, and pass every "not in".
    cells = len(re.findall(r"<text [^>]*clip-path=", svg))
    assert len(matches) == cells, "the screenshot's text elements changed form"
    for match in matches:
        text = html.unescape(match["text"]).replace("\xa0", " ")
        cell = float(match["width"]) / len(text)
        line, column = int(match["line"]), round(float(match["x"]) / cell)
        for char in text:
            if line < height and column < width:
                rows[line][column] = char
                if cell_len(char) == 2 and column + 1 < width:
                    rows[line][column + 1] = ""  # the right half of a wide character
            column += max(cell_len(char), 1)
    return "\n".join("".join(row).rstrip() for row in rows)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
