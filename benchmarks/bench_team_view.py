"""Times the home's team view (40 people, 400 talks) against its list of the same 400 talks.

In the real app, driven with Pilot at 80x24 on a vault in a temporary folder
(made by team_vault.seed: every talk with notes, actions and a follow-up).
Each run presses t and waits until the other table is filled and the screen
has been refreshed: talks -> people is one team-view sample, people -> talks
one list sample. The two alternate, so both see the same machine load; the
figures are medians with min and max (benchmarks/harness.py). The target is
"as fast as the list": at most 1.1x, and a miss is the exit code.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from harness import Report, Result, Target  # noqa: E402
from team_vault import PASSPHRASE, PEOPLE, TALKS, TODAY, seed  # noqa: E402

from dialog_kit.clock import fixed_today  # noqa: E402
from dialog_kit.config import Config  # noqa: E402

RUNS = 21
SIZE = (80, 24)
TARGET = Target(max_ratio=1.1, note="the team view appears as fast as the list of talks")


async def measure(vault_dir: Path, out: Path) -> tuple[list[float], list[float]]:
    from textual.widgets import DataTable, Input

    from dialog_kit.tui.app import DialogKitApp

    config = Config(organisation="Bench", manager_name="Bo Ek", country="se")
    app = DialogKitApp(
        config, vault_dir, work_factor=10, output_folder=out, language="en", ask_setup=False
    )
    app.animation_level = "none"
    team_times: list[float] = []
    list_times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        while getattr(app.screen, "mode", "") != "unlock":
            await pilot.pause(0.01)
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        while type(app.screen).__name__ != "HomeScreen":
            await pilot.pause(0.01)
        await pilot.pause()
        talks = app.screen.query_one("#talks", DataTable)
        people = app.screen.query_one("#people", DataTable)
        assert talks.row_count == TALKS, talks.row_count

        async def switch(table: DataTable[object], rows: int) -> float:
            table.clear()  # so "filled" below means filled by this switch
            started = time.perf_counter()
            await pilot.press("t")
            while not (table.display and table.row_count == rows):
                await pilot.pause(0)
            await pilot.pause()  # the repaint
            return time.perf_counter() - started

        for _run in range(RUNS):
            team_times.append(await switch(people, PEOPLE))
            list_times.append(await switch(talks, TALKS))
    return team_times, list_times


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="dialog-kit-bench-team-view-"))
    try:
        seed(folder).close()
        (folder / "out").mkdir()
        with fixed_today(TODAY):
            team_times, list_times = asyncio.run(measure(folder / "vault", folder / "out"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report = Report("bench_team_view")
    print(f"home screen at 80x24, {PEOPLE} people with {TALKS} talks, {RUNS} alternating runs")
    report.add(
        Result(
            f"team view of {PEOPLE} people (baseline: the list of {TALKS} talks)",
            team_times,
            list_times,
            TARGET,
        )
    )
    return report.exit_code()


if __name__ == "__main__":
    raise SystemExit(main())
