"""Listing 10,000 talks as whole processes against bare baselines that read the same files.

- warm: `dialog-kit list --json` with the listing index, against a bare process that
  decrypts identity.age and index.age, json.loads the index and prints the same JSON;
- cold: the same command with no index (every record read, the index written), against
  a bare process that decrypts every record, json.loads it and prints the same JSON;
- the peak memory (max RSS) of those processes;
- a save in that vault (the record and the index), against the bare write of the record;
- unlocking (scrypt, work factor 18), against Debian's `age -d`.

Every timer starts before the interpreter, so every import is in the figure. Runs
alternate (ours, bare, bare, ours, ...) and the figures are medians with min and max.
The script exits 1 when a target is missed. The vault is made once and cached in
benchmarks/.cache/ (see listing_vault.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from harness import Report, Result, Target, alternate, run_process
from listing_vault import ROOT, BenchVault, listing_vault

RUNS = 11
COLD_RUNS = 5


def _same_output(vault: BenchVault, ours: list[str], bare: list[str]) -> None:
    """The baseline must print exactly what we print, or it is not the same work."""
    mine = subprocess.run(ours, env=vault.env(), cwd=ROOT, capture_output=True, check=True)
    theirs = subprocess.run(bare, env=vault.env(), cwd=ROOT, capture_output=True, check=True)
    if mine.stdout != theirs.stdout:
        raise SystemExit(f"{bare[2]} baseline prints something else than {' '.join(ours[-2:])}")


def bench_listing(report: Report, vault: BenchVault) -> None:
    ours = vault.cli("list", "--json")
    env = vault.env()
    memory: dict[str, list[float]] = {"ours": [], "bare": []}
    cpu: dict[str, list[float]] = {"ours": [], "bare": []}

    def run(argv: list[str], into: str, before: object = None) -> float:
        if callable(before):
            before()
        done = run_process(argv, env, str(ROOT))
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}")
        memory[into].append(done.max_rss_mib)
        cpu[into].append(done.cpu_seconds)
        return done.seconds

    def cpu_result(runs: int, target: Target) -> Result:
        return Result(
            "   CPU time (user + system: steadier than the wall clock on a shared machine)",
            cpu["ours"][-runs:],
            cpu["bare"][-runs:],
            target,
        )

    # -- warm: the index is there and current ------------------------------------------
    _same_output(vault, ours, vault.bare("index"))
    mine, bare = alternate(
        lambda: run(ours, "ours"), lambda: run(vault.bare("index"), "bare"), runs=RUNS
    )
    report.add(
        Result(
            f"list --json, {vault.count:,} talks, warm (ours with index.age; bare: decrypt and "
            "json.loads index.age alone)",
            mine,
            bare,
            Target(max_ratio=1.5, max_seconds=0.5),
        )
    )
    report.add(cpu_result(RUNS, Target(max_ratio=1.5, max_seconds=0.5)))
    warm_memory = dict(memory)
    report.add(
        Result(
            "   peak memory (max RSS), warm",
            warm_memory["ours"][-RUNS:],
            warm_memory["bare"][-RUNS:],
            Target(max_ratio=2.0),
            unit="MiB",
        )
    )

    # -- cold: no index, every record read (and the index written by ours) ----------------
    def drop_index() -> None:
        vault.index.unlink(missing_ok=True)

    _same_output(vault, ours, vault.bare("records"))
    memory = {"ours": [], "bare": []}
    cpu = {"ours": [], "bare": []}
    mine, bare = alternate(
        lambda: run(ours, "ours", drop_index),
        lambda: run(vault.bare("records"), "bare"),
        runs=COLD_RUNS,
    )
    report.add(
        Result(
            f"list --json, {vault.count:,} talks, cold (ours with no index.age; bare: decrypt "
            "and json.loads every record)",
            mine,
            bare,
            Target(max_ratio=1.5),
        )
    )
    report.add(cpu_result(COLD_RUNS, Target(max_ratio=1.5)))
    report.add(
        Result(
            "   peak memory (max RSS), cold",
            memory["ours"][-COLD_RUNS:],
            memory["bare"][-COLD_RUNS:],
            Target(max_ratio=2.0),
            unit="MiB",
        )
    )


def bench_save(report: Report, vault: BenchVault) -> None:
    """One save of a talk in the 10,000-talk vault: the record, then the index (fsync both)."""
    from dialog_kit import age
    from dialog_kit.vault import Vault

    with Vault.open(vault.folder) as opened:
        opened.unlock(vault.pass_file.read_text().rstrip("\n"))
        record = opened.load(opened.list_talks().talks[0].id)
        data = record.to_json().encode("utf-8")
        recipients = [opened.recipient]
        scratch = vault.folder.parent / "bare-save.bin"

        def bare() -> None:
            ciphertext = age.encrypt(data, recipients)
            fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, ciphertext)
                os.fsync(fd)
            finally:
                os.close(fd)

        report.measure(
            f"save one talk in a {vault.count:,}-talk vault (record + index.age; bare: "
            "encrypt, write and fsync the record)",
            lambda: opened.save(record),
            bare,
            Target(note="no target: what an autosave costs at this size"),
            runs=RUNS,
        )
        scratch.unlink(missing_ok=True)


def bench_unlock(report: Report) -> None:
    from baselines import age_decrypt_in_tty

    from dialog_kit.vault import Vault

    age_bin = shutil.which("age")
    if age_bin is None:
        print("unlock: Debian's age is not installed (make system-test installs it)")
        return
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        path = tmp / "vault"
        passphrase = "benchmark passphrase, long enough"
        Vault.create(path, passphrase, work_factor=18).close()

        def ours() -> None:
            with Vault.open(path) as v:
                v.unlock(passphrase)

        def theirs() -> float:
            out = tmp / "identity.txt"
            seconds = age_decrypt_in_tty(age_bin, path / "identity.age", out, passphrase)
            out.unlink()
            return seconds

        report.measure(
            "unlock (scrypt work factor 18; bare: age -d from the passphrase typed)",
            ours,
            theirs,
            Target(max_ratio=1.2),
            runs=5,
        )


def main() -> int:
    report = Report("bench_vault")
    started = time.perf_counter()
    # A smaller vault for trying the script out: bench_vault.py 500 (the targets are for 10,000).
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    vault = listing_vault(count, max(1, count // 10))
    print(f"(vault ready in {time.perf_counter() - started:.1f} s; load {os.getloadavg()[0]:.2f})")
    bench_listing(report, vault)
    print("where the rest goes (CPU, in one process; no target):", flush=True)
    subprocess.run(
        [sys.executable, str(Path(__file__).resolve().parent / "listing_parts.py"),
         str(vault.folder), str(vault.pass_file)],
        env=vault.env(), cwd=ROOT, check=True,
    )  # fmt: skip
    bench_save(report, vault)
    bench_unlock(report)
    print(f"(load average at the end: {os.getloadavg()[0]:.2f})")
    return report.exit_code()


if __name__ == "__main__":
    raise SystemExit(main())
