"""Stopping a tab's app leaves nothing for the garbage collector to close after the loop."""

from __future__ import annotations

import asyncio
import gc
import sys
from typing import Any

import pytest

from dialog_kit.tui.serve.server import _stop


class QuitsLikeTheApp:
    """textual-serve's AppService as `_stop` sees it: `stop()` ends the app and returns,
    without closing the app's stdin or reaping it."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self._process = process

    async def stop(self) -> None:
        self._process.kill()


def test_a_stopped_tab_prints_no_traceback_when_the_server_has_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ignored: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)

    async def one_tab() -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", "import sys; sys.stdin.read()",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        await _stop(QuitsLikeTheApp(process))  # type: ignore[arg-type]

    asyncio.run(one_tab())  # the loop is closed when this returns
    gc.collect()
    # Before: "unclosed transport" for the app's pipes, then "Event loop is closed".
    assert [str(u.exc_value) for u in ignored] == []
