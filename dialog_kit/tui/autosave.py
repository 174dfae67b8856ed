"""Saving from the TUI: one save per pause in typing, off the UI thread, failures said one way.

Every screen that writes to the vault (or makes a file) runs the blocking part in a
thread and reports a failure as a title and a message; `run_reporting` is that pattern
once. `AutoSaver` adds what the talk screen needs on top: a delay after the last
change (a setting of the session, short in tests), numbered snapshots so an older one
never overwrites a newer one, and a flush for leaving the screen.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import _

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer
    from textual.widget import Widget

    from dialog_kit.record import Record

T = TypeVar("T")
SaveState = Literal["pending", "saved", "error"]


def failure(exc: DialogKitError | OSError) -> tuple[str, str]:
    """The title and message the user sees for a failed save or write (never a traceback)."""
    if isinstance(exc, DialogKitError):
        return exc.title, exc.message
    return _("Could not save"), exc.strerror or type(exc).__name__


def run_reporting(
    app: App[Any],
    job: Callable[[], T],
    done: Callable[[T], object],
    failed: Callable[[str, str], object],
) -> bool:
    """Runs `job` on this worker thread, then `done(result)` or `failed(title, message)`."""
    try:
        result = job()
    except (DialogKitError, OSError) as exc:
        app.call_from_thread(failed, *failure(exc))
        return False
    app.call_from_thread(done, result)
    return True


class AutoSaver:
    """Saves a record some time after the last change, in a thread, newest snapshot last.

    `changed()` after every edit; `flush()` (on the UI thread) before leaving. A failed
    save keeps the record dirty, so the next change or flush tries again: nothing typed
    is thrown away.
    """

    def __init__(
        self,
        owner: Widget,
        snapshot: Callable[[], Record],
        save: Callable[[Record], None],
        *,
        delay: float,
        on_state: Callable[[SaveState], None],
    ) -> None:
        self.owner = owner
        self.snapshot = snapshot
        self.save = save
        self.delay = delay
        self.on_state = on_state
        self.dirty = False
        self._timer: Timer | None = None
        self._seq = 0
        self._saved_seq = 0
        self._lock = threading.Lock()

    def changed(self, delay: float | None = None) -> None:
        """Something changed: save after `delay` seconds (the session's delay by default)."""
        self.dirty = True
        self._seq += 1
        self.on_state("pending")
        if self._timer is not None:
            self._timer.stop()
        wait = self.delay if delay is None else delay
        self._timer = self.owner.set_timer(max(wait, 0.001), self._due)

    def _due(self) -> None:
        self._timer = None
        if not self.dirty:
            return
        self.dirty = False
        snapshot, seq = copy.deepcopy(self.snapshot()), self._seq
        self.owner.run_worker(
            lambda: self._save_in_thread(snapshot, seq),
            thread=True,
            exit_on_error=False,
            group="autosave",
        )

    def _save_in_thread(self, snapshot: Record, seq: int) -> None:
        app = self.owner.app
        with self._lock:
            if seq <= self._saved_seq:
                return  # a newer snapshot was saved already
            try:
                self.save(snapshot)
            except (DialogKitError, OSError) as exc:
                app.call_from_thread(self._failed, *failure(exc))
                return
            self._saved_seq = seq
        app.call_from_thread(self._saved, seq)

    def _saved(self, seq: int) -> None:
        if seq == self._seq and not self.dirty:
            self.on_state("saved")

    def _failed(self, title: str, message: str) -> None:
        self.dirty = True
        self.on_state("error")
        self.owner.notify(message, title=title, severity="error", timeout=10)

    def flush(self) -> bool:
        """Saves now, on this thread; False (and the message shown) when it failed."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.dirty:
            return True
        snapshot = copy.deepcopy(self.snapshot())
        with self._lock:
            try:
                self.save(snapshot)
            except (DialogKitError, OSError) as exc:
                self._failed(*failure(exc))
                return False
            self._saved_seq = self._seq
        self.dirty = False
        self.on_state("saved")
        return True
