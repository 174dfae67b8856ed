"""The shared measuring rules: alternating runs, medians with min and max, targets beside figures.

Every benchmark script measures dialog_kit against a bare baseline that does the
same work, in the same run, alternating (ours, baseline, ours, ...) so that a
busy moment on the machine falls on both. It reports the median and the spread,
prints the target next to the figure, and exits non-zero when a target is missed.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

Measure = Callable[[], float | None]
"""One run: returns the seconds it measured itself, or None to be timed as a whole."""

AsyncMeasure = Callable[[], Awaitable[float | None]]
"""The same, for runs inside one event loop (keys sent to an app that is running)."""


@dataclass(frozen=True)
class Target:
    """What a measurement must reach; either bound may be left out."""

    max_ratio: float | None = None
    max_seconds: float | None = None
    note: str = ""

    def describe(self) -> str:
        parts = []
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}×")
        if self.max_seconds is not None:
            parts.append(f"< {format_seconds(self.max_seconds)}")
        return " and ".join(parts) or "(no target)"


@dataclass(frozen=True)
class Result:
    name: str
    ours: list[float]
    baseline: list[float]
    target: Target
    unit: str = "s"

    @property
    def ratio(self) -> float:
        base = statistics.median(self.baseline)
        return statistics.median(self.ours) / base if base > 0 else float("inf")

    @property
    def met(self) -> bool:
        ours = statistics.median(self.ours)
        if self.target.max_ratio is not None and self.ratio > self.target.max_ratio:
            return False
        return not (self.target.max_seconds is not None and ours > self.target.max_seconds)


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def spread(values: list[float], unit: str) -> str:
    show = format_seconds if unit == "s" else (lambda v: f"{v:.1f} {unit}")
    return f"{show(statistics.median(values))} ({show(min(values))}–{show(max(values))})"


def _timed(measure: Measure) -> float:
    started = time.perf_counter()
    own = measure()
    return own if own is not None else time.perf_counter() - started


def alternate(
    ours: Measure, baseline: Measure, runs: int = 7, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Runs both `runs` times, alternating which goes first, after `warmup` unrecorded rounds."""
    mine: list[float] = []
    bare: list[float] = []
    for round_no in range(warmup + runs):
        pair = [(ours, mine), (baseline, bare)]
        if round_no % 2:
            pair.reverse()
        for measure, into in pair:
            value = _timed(measure)
            if round_no >= warmup:
                into.append(value)
    return mine, bare


async def alternate_async(
    ours: AsyncMeasure, baseline: AsyncMeasure, runs: int = 7, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """`alternate` for measures that must run in the caller's event loop."""
    mine: list[float] = []
    bare: list[float] = []
    for round_no in range(warmup + runs):
        pair = [(ours, mine), (baseline, bare)]
        if round_no % 2:
            pair.reverse()
        for measure, into in pair:
            started = time.perf_counter()
            own = await measure()
            value = own if own is not None else time.perf_counter() - started
            if round_no >= warmup:
                into.append(value)
    return mine, bare


@dataclass
class Report:
    """Collects results, prints each as it comes, and turns misses into the exit code."""

    title: str
    results: list[Result] = field(default_factory=list)

    def add(self, result: Result) -> Result:
        self.results.append(result)
        verdict = "ok" if result.met else "MISSED"
        print(
            f"{result.name}\n"
            f"    ours     {spread(result.ours, result.unit)}\n"
            f"    baseline {spread(result.baseline, result.unit)}\n"
            f"    ratio {result.ratio:.2f}×   target {result.target.describe()}   {verdict}"
            + (f"   ({result.target.note})" if result.target.note else ""),
            flush=True,
        )
        return result

    def measure(
        self,
        name: str,
        ours: Measure,
        baseline: Measure,
        target: Target,
        runs: int = 7,
        warmup: int = 1,
    ) -> Result:
        mine, bare = alternate(ours, baseline, runs=runs, warmup=warmup)
        return self.add(Result(name, mine, bare, target))

    def exit_code(self) -> int:
        missed = [r.name for r in self.results if not r.met]
        if missed:
            print(f"{self.title}: target missed: {', '.join(missed)}", file=sys.stderr)
            return 1
        return 0


@dataclass(frozen=True)
class ProcessRun:
    seconds: float
    max_rss_mib: float
    returncode: int
    cpu_seconds: float = 0.0
    """User and system time: on a machine shared with others, the steadier figure."""


_LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    out = os.open(os.devnull, os.O_WRONLY)
    os.dup2(out, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_pid, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status),
      usage.ru_utime + usage.ru_stime)
"""


def run_process(
    argv: list[str], env: dict[str, str] | None = None, cwd: str | None = None
) -> ProcessRun:
    """Runs one whole process (its output to /dev/null): its wall time and its own peak memory.

    The timer starts before the measured interpreter does, so every import is in the
    figure. A small launcher forks it: a child's peak resident size (wait4) counts the
    memory of the process it was forked from, which must not be this one, holding
    whatever the benchmark has loaded.
    """
    import subprocess

    launched = subprocess.run(
        [sys.executable, "-S", "-c", _LAUNCHER, *argv],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, max_rss_kib, returncode, cpu = launched.stdout.split()
    return ProcessRun(float(seconds), int(max_rss_kib) / 1024, int(returncode), float(cpu))
