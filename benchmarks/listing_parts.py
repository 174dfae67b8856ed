"""Where a listing's time goes beyond the bare baseline: the parts measured one by one.

    listing_parts.py VAULT PASSFILE

Prints, as medians of 7 (CPU seconds of this process), what `list --json` does that
the bare baselines do not: one stat of every record file (an index entry is used only
while its file is unchanged), the checks of every index entry (index.age is read as
hostile input even with a valid MAC), and the strict read of one record (every field
checked, against json.loads of the same plaintext); and, as whole processes, the
imports of `list` against those of the bare baseline. Figures for the record: no target.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialog_kit import age
from dialog_kit.listing import TalkSummary
from dialog_kit.record import Record
from dialog_kit.record.strict_json import loads as strict_loads
from dialog_kit.vault import Vault
from dialog_kit.vault.index import INDEX_FILE, ROW_TALK


def median_cpu(work: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times)


def process_cpu(code: str, runs: int = 7) -> float:
    """Median CPU seconds of `python -c code` (with this environment: bytecode as installed)."""
    here = str(Path(__file__).resolve().parent)
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", code], check=True, cwd=here)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times)


def main() -> int:
    folder, pass_file = Path(sys.argv[1]), Path(sys.argv[2])
    vault = Vault.open(folder)
    vault.unlock(pass_file.read_text(encoding="utf-8").rstrip("\n"))
    identity = vault._require_identity()
    records = vault.records_dir
    names = sorted(os.listdir(records))
    fd = os.open(records, os.O_RDONLY | os.O_DIRECTORY)

    def stat_all() -> None:
        for name in names:
            os.stat(name, dir_fd=fd, follow_symlinks=False)

    plaintext = age.decrypt((folder / INDEX_FILE).read_bytes(), [identity])
    rows = json.loads(plaintext.partition(b"\n")[2])["records"]

    def check_all() -> None:
        for row in rows:
            TalkSummary.check_entry(row, ROW_TALK)

    sample = [age.decrypt((records / n).read_bytes(), [identity]) for n in names[:200]]

    def strict() -> None:
        for text in sample:
            Record.from_dict(strict_loads(text))

    def plain() -> None:
        for text in sample:
            json.loads(text)

    count = len(names)
    print(f"   one stat of each of {count:,} record files: {median_cpu(stat_all) * 1000:.0f} ms")
    checks = median_cpu(check_all)
    print(f"   the checks of each of {len(rows):,} index entries: {checks * 1000:.0f} ms")
    per_strict = median_cpu(strict) / len(sample)
    per_plain = median_cpu(plain) / len(sample)
    print(
        f"   one record read strictly (every field checked): {per_strict * 1e6:.0f} µs, "
        f"json.loads of it: {per_plain * 1e6:.0f} µs ({per_strict / per_plain:.1f}×)"
    )
    ours = process_cpu(
        "import json, dialog_kit.cli, dialog_kit.cli.vault_cmd, dialog_kit.vault, "
        "dialog_kit.passphrase"
    )
    bare = process_cpu("import json, bare_age")
    print(
        f"   a process that imports what `list` imports: {ours * 1000:.0f} ms; "
        f"what the bare baseline imports: {bare * 1000:.0f} ms"
    )
    os.close(fd)
    vault.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
