"""`make bench` stays out of `make test`, but its scripts must still load: one that no longer
imports (a helper moved, a name renamed) would only be found when someone measures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def test_every_benchmark_script_loads_and_has_a_main() -> None:
    scripts = sorted(BENCHMARKS.glob("bench_*.py"))
    assert len(scripts) >= 5
    probe = (
        "import importlib.util, sys\n"
        f"sys.path.insert(0, {str(BENCHMARKS)!r})\n"
        "for path in sys.argv[1:]:\n"
        "    spec = importlib.util.spec_from_file_location('bench_probe', path)\n"
        "    module = importlib.util.module_from_spec(spec)\n"
        "    spec.loader.exec_module(module)\n"
        "    assert callable(getattr(module, 'main', None)), path\n"
        "print('loaded', len(sys.argv) - 1)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *map(str, scripts)],
        capture_output=True, text=True, check=False, cwd=BENCHMARKS,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"loaded {len(scripts)}"
