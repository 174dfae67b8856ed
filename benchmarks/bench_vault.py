"""Times the vault: unlock against age -d, listing against the bare crypto, one autosave."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from baselines import age_decrypt_in_tty, bare_age_decrypt, best_of

from dialog_kit import age
from dialog_kit.record import Action, GuideRef, Kind, Person, Record, Visibility, new_record
from dialog_kit.vault import Vault
from dialog_kit.vault import parallel as vault_module

PASSPHRASE = "benchmark passphrase, long enough"


def typical_record(i: int) -> Record:
    """A development talk as a manager leaves it: a dozen notes, three actions (about 4 KB)."""
    record = new_record(
        Kind.DEVELOPMENT,
        GuideRef("development", 1),
        Person(f"Employee {i}", "Undersköterska", 1980),
        Person("Bo Ek", "Enhetschef"),
        "sv",
        date(2026, 3, 2),
    )
    for phase in ("prepare", "look-back", "now", "look-ahead", "agree"):
        record.phase(phase).ticked.extend(["a", "b", "c"])
        record.add_note(phase, "Berättade om året, arbetsmiljön och vad som gått bra. " * 3)
        record.add_note(phase, "Vill fördjupa sig inom demensvård.", Visibility.SHARED)
    record.add_note("agree", "Tar upp med HR.", Visibility.HR)
    for what in ("Handledarutbildning", "Språkstöd", "Auskultation på annan enhet"):
        record.actions.append(Action(what, f"Employee {i}", date(2026, 9, 1)))
    record.follow_up = date(2026, 9, 15)
    return record


# -- (a) unlock ---------------------------------------------------------------------


def bench_unlock(tmp: Path, work_factor: int = 18) -> None:
    path = tmp / "unlock-vault"
    Vault.create(path, PASSPHRASE, work_factor=work_factor).close()

    def ours() -> None:
        with Vault.open(path) as v:
            v.unlock(PASSPHRASE)

    ours_s = best_of(3, ours)
    age_bin = shutil.which("age")
    if age_bin is None:
        print(f"unlock (work factor {work_factor}): {ours_s:.3f} s; age is not installed")
        return
    theirs = []
    for n in range(3):
        out = tmp / f"identity-{n}.txt"
        theirs.append(age_decrypt_in_tty(age_bin, path / "identity.age", out, PASSPHRASE))
        out.unlink()
    age_s = min(theirs)
    print(
        f"unlock (scrypt work factor {work_factor}): ours {ours_s:.3f} s; "
        f"age -d {age_s:.3f} s; ratio {ours_s / age_s:.2f} (target <= 1.2)",
        flush=True,
    )


# -- (b) listing ----------------------------------------------------------------------


def bench_list(tmp: Path, count: int) -> None:
    path = tmp / f"list-vault-{count}"
    v = Vault.create(path, PASSPHRASE, work_factor=10)
    recipients = [v.recipient]
    files = []
    for i in range(count):
        record = typical_record(i)
        data = age.encrypt(record.to_json().encode(), recipients)
        # Written directly (no fsync): the benchmark is about reading.
        (path / "records" / f"{record.id}.age").write_bytes(data)
        files.append(data)
    identity = v._identity
    assert identity is not None
    size = sum(len(f) for f in files) // count

    def listing() -> None:
        result = v.list_records()
        if len(result.records) != count or result.damaged:
            raise RuntimeError("listing lost records")

    list_s = best_of(3, listing)
    saved = vault_module.PARALLEL_MIN_FILES
    vault_module.PARALLEL_MIN_FILES = 10**9
    serial_s = best_of(2, listing)
    vault_module.PARALLEL_MIN_FILES = saved
    bare_s = best_of(3, bare_age_decrypt(files, identity))
    plaintexts = [age.decrypt(f, [identity]) for f in files]
    decrypt_s = best_of(3, lambda: [age.decrypt(f, [identity]) for f in files])
    parse_s = best_of(3, lambda: [Record.from_json(p) for p in plaintexts])
    v.close()
    # The target is for 10,000 records; smaller vaults are shown for scale.
    verdict = "target <= 3 and under 2 s" if count >= 10_000 else "no target"
    print(
        f"list {count} records ({size} bytes each): {list_s:.3f} s "
        f"({serial_s:.3f} s without the helper process); bare "
        f"X25519+HKDF+ChaCha20-Poly1305 {bare_s:.3f} s; ratio {list_s / bare_s:.2f} ({verdict})",
        flush=True,
    )
    print(
        f"   in one process: age.decrypt {decrypt_s:.3f} s, Record.from_json {parse_s:.3f} s, "
        f"the rest (reading files, sorting) {max(0.0, serial_s - decrypt_s - parse_s):.3f} s",
        flush=True,
    )


# -- (c) autosave ---------------------------------------------------------------------------


def bench_autosave(tmp: Path) -> None:
    path = tmp / "save-vault"
    with Vault.create(path, PASSPHRASE, work_factor=10) as v:
        v.add_recipient(age.generate_identity()[1])  # a vault with an HR recovery key
        record = typical_record(1)
        size = len(record.to_json().encode())
        save_s = best_of(20, lambda: v.save(record))
        encrypt_s = best_of(
            20, lambda: age.encrypt(record.to_json().encode(), [v.recipient, v.recipient])
        )
        target = path / "bare.bin"
        data = b"x" * size

        def bare_write() -> None:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)

        write_s = best_of(20, bare_write)
    print(
        f"autosave of a typical record ({size} bytes, 2 recipients): {save_s * 1000:.1f} ms "
        f"(serialise+encrypt {encrypt_s * 1000:.1f} ms; bare write+fsync "
        f"{write_s * 1000:.1f} ms; ratio to bare write {save_s / write_s:.2f})",
        flush=True,
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        bench_unlock(tmp)
        bench_list(tmp, 1000)
        bench_list(tmp, 10_000)
        bench_autosave(tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
