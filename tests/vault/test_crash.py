"""A writer killed at any moment leaves every record as its old or its new version, never broken,
and a listing from the index that is still right."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dialog_kit import age
from dialog_kit.atomic import is_temp_name
from dialog_kit.listing import TalkSummary
from dialog_kit.record import Record
from dialog_kit.vault import Vault

from .conftest import PASSPHRASE, build_record

pytestmark = pytest.mark.slow

WRITER = """
import json, sys
from pathlib import Path
from dialog_kit.record import Record
from dialog_kit.vault import Vault

vault_dir, versions_file = sys.argv[1], sys.argv[2]
pairs = [[Record.from_json(text) for text in pair]
         for pair in json.loads(Path(versions_file).read_text())]
vault = Vault.open(Path(vault_dir))
vault.unlock(sys.argv[3])  # saving needs the identity: it authenticates the recipients
for pair in pairs:
    vault.save(pair[0])
print("ready", flush=True)
turn = 0
while True:
    turn += 1
    for pair in pairs:
        vault.save(pair[turn % 2])
"""


def _versions(count: int) -> list[tuple[str, str]]:
    """For each record a small and a large version (the large one spans several age chunks)."""
    pairs = []
    for i in range(count):
        small = build_record(name=f"Person {i}", note=f"small version {i}")
        large = Record.from_json(small.to_json())
        for n in range(12):
            large.add_note("look-ahead", f"large version {i}.{n} " + "x" * 15_000)
        pairs.append((small.to_json(), large.to_json()))
    return pairs


def test_sigkill_during_saves_never_leaves_a_broken_record(
    vault: Vault, vault_path: Path, tmp_path: Path
) -> None:
    pairs = _versions(4)
    versions_file = tmp_path / "versions.json"
    versions_file.write_text(json.dumps(pairs))
    expected = {
        Record.from_json(small).id: {small.encode(), large.encode()} for small, large in pairs
    }
    vault.close()
    rng = random.Random()
    leftovers_seen = 0
    for _round in range(8):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(vault_path), str(versions_file), PASSPHRASE],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.4))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()

        names = sorted(p.name for p in (vault_path / "records").iterdir())
        leftovers_seen += any(is_temp_name(n) for n in names)
        with Vault.open(vault_path) as reader:
            reader.unlock(PASSPHRASE)
            listing = reader.list_records()
            # The kill may fall between a record and the index: the index is never
            # trusted over the record, so the listing from it is still exactly right.
            talks = reader.list_talks()
            identity = reader._identity
            assert identity is not None
        assert talks.talks == [TalkSummary.of(r) for r in listing.records]
        assert talks.damaged == []
        assert listing.damaged == []
        assert {r.id for r in listing.records} == set(expected)
        for record_id, allowed in expected.items():
            data = (vault_path / "records" / f"{record_id}.age").read_bytes()
            assert age.decrypt(data, [identity]) in allowed
    # Temporary files of a killed save are never listed, and the next writer removes them.
    with Vault.open(vault_path) as writer_again:
        writer_again.acquire_write_lock()
    assert not [p for p in (vault_path / "records").iterdir() if is_temp_name(p.name)]
    print(f"rounds that left a temporary file behind: {leftovers_seen}")


REENCRYPTER = """
import sys
from pathlib import Path
from dialog_kit.vault import Vault

vault = Vault.open(Path(sys.argv[1]))
vault.unlock(sys.argv[2])
print("started", flush=True)
vault.add_recipient(sys.argv[3])
print("finished", flush=True)
"""


def test_a_recipient_change_killed_midway_is_finished_on_the_next_unlock(
    vault: Vault, vault_path: Path
) -> None:
    records = [build_record(name=f"P{i}") for i in range(150)]
    for record in records:
        vault.save(record)
    vault.close()
    hr_secret, hr_public = age.generate_identity()
    proc = subprocess.Popen(
        [sys.executable, "-c", REENCRYPTER, str(vault_path), PASSPHRASE, hr_public],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "started"
    # Kill it once the pending set is on disk, before it can finish the last record.
    deadline = time.monotonic() + 30
    toml = vault_path / "vault.toml"
    while "pending_recipients" not in toml.read_text() and time.monotonic() < deadline:
        time.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()

    readable_by_hr = 0
    for record in records:
        try:
            age.decrypt((vault_path / "records" / f"{record.id}.age").read_bytes(), [hr_secret])
            readable_by_hr += 1
        except age.NoMatchError:
            pass
    assert readable_by_hr < len(records), "the change finished before the kill"

    with Vault.open(vault_path) as again:
        assert again.pending_recipient_change
        again.unlock(PASSPHRASE)
        assert again.finished_interrupted_change
        assert again.recipients() == [hr_public]
        assert {r.id for r in again.list_records().records} == {r.id for r in records}
    for record in records:
        data = (vault_path / "records" / f"{record.id}.age").read_bytes()
        assert age.decrypt(data, [hr_secret]) == record.to_json().encode()
    assert "pending_recipients" not in toml.read_text()
