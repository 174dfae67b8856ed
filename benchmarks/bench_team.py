"""The team view of 1,000 people with 10,000 talks, as whole processes, from the listing index.

`dialog-kit team --json` reads index.age and people.age (and the guides, for the
career windows) and works out who is due and why. The bare baseline reads the
same two files (decrypt, json.loads) and prints the talks and the people as JSON.
Every timer starts before the interpreter; runs alternate; medians with min and
max; the script exits 1 when a target is missed. The vault is the one
bench_vault.py lists (made once, cached in benchmarks/.cache/).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Report, Result, Target, alternate, run_process
from listing_vault import ROOT, listing_vault

RUNS = 11


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    vault = listing_vault(count, max(1, count // 10))
    print(f"(load average: {os.getloadavg()[0]:.2f})")
    env = vault.env()
    ours = vault.cli("team", "--json")
    bare = vault.bare("team")
    rows = subprocess.run(ours, env=env, cwd=ROOT, capture_output=True, check=True).stdout
    if rows.count(b'"person":') != max(1, count // 10):
        raise SystemExit("team --json did not list every person")
    memory: dict[str, list[float]] = {"ours": [], "bare": []}
    cpu: dict[str, list[float]] = {"ours": [], "bare": []}

    def run(argv: list[str], into: str) -> float:
        done = run_process(argv, env, str(ROOT))
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}")
        memory[into].append(done.max_rss_mib)
        cpu[into].append(done.cpu_seconds)
        return done.seconds

    mine, theirs = alternate(lambda: run(ours, "ours"), lambda: run(bare, "bare"), runs=RUNS)
    report = Report("bench_team")
    report.add(
        Result(
            f"team --json, {count // 10:,} people with {count:,} talks (ours from index.age; "
            "bare: decrypt and json.loads index.age and people.age)",
            mine,
            theirs,
            Target(max_ratio=1.5, max_seconds=0.5),
        )
    )
    report.add(
        Result(
            "   CPU time (user + system: steadier than the wall clock on a shared machine)",
            cpu["ours"][-RUNS:],
            cpu["bare"][-RUNS:],
            Target(max_ratio=1.5, max_seconds=0.5),
        )
    )
    report.add(
        Result(
            "   peak memory (max RSS)",
            memory["ours"][-RUNS:],
            memory["bare"][-RUNS:],
            Target(max_ratio=2.0),
            unit="MiB",
        )
    )
    print(f"(load average at the end: {os.getloadavg()[0]:.2f})")
    return report.exit_code()


if __name__ == "__main__":
    raise SystemExit(main())
