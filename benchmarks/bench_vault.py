"""Times the vault: unlock against age -d, listing against the bare crypto, one autosave."""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import os
import select
import shutil
import subprocess
import sys
import tempfile
import termios
import time
from base64 import b64decode
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialog_kit import age
from dialog_kit import vault as vault_module
from dialog_kit.record import Action, GuideRef, Kind, Person, Record, Visibility, new_record
from dialog_kit.vault import Vault

PASSPHRASE = "benchmark passphrase, long enough"
ZERO_NONCE = bytes(12)
LAST_CHUNK_NONCE = bytes(11) + b"\x01"


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


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


def _take_controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def age_decrypt_in_tty(age_bin: str, path: Path, out: Path, passphrase: str) -> float:
    """Seconds from typing the passphrase until age exits (its prompt latency not counted)."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [age_bin, "-d", "-o", str(out), str(path)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        preexec_fn=_take_controlling_terminal,
    )
    os.close(slave)
    transcript = b""
    typed_at: float | None = None
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                transcript += chunk
                if typed_at is None and transcript.rstrip().endswith(b":"):
                    typed_at = time.perf_counter()
                    os.write(master, passphrase.encode() + b"\n")
            elif proc.poll() is not None:
                break
        proc.wait()
    finally:
        os.close(master)
    finished = time.perf_counter()
    if proc.returncode != 0 or typed_at is None:
        raise RuntimeError(f"age -d failed: {transcript.decode(errors='replace')}")
    return finished - typed_at


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


def hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def bare_crypto(files: list[bytes], identity: age.Identity) -> Callable[[], None]:
    """The crypto a listing cannot avoid, with the inputs already cut out of each file."""
    private = identity._private
    public = identity.public_bytes
    prepared = []
    for data in files:
        lines = data.split(b"\n", 4)
        share = b64decode(lines[1].split(b" ")[2] + b"=")
        body = b64decode(lines[2] + b"=")
        mac_input = data[: data.index(b"\n---") + 4]
        mac = b64decode(lines[3][4:] + b"=")
        payload = data[len(mac_input) + 1 + 43 + 1 :]
        prepared.append((share, body, mac_input, mac, payload[:16], payload[16:]))

    def run() -> None:
        for share, body, mac_input, mac, nonce, sealed in prepared:
            shared = private.exchange(X25519PublicKey.from_public_bytes(share))
            wrap = hkdf(shared, share + public, b"age-encryption.org/v1/X25519")
            file_key = ChaCha20Poly1305(wrap).decrypt(ZERO_NONCE, body, None)
            mac_key = hkdf(file_key, b"", b"header")
            if not hmac.compare_digest(hmac.digest(mac_key, mac_input, hashlib.sha256), mac):
                raise RuntimeError("bad mac")
            ChaCha20Poly1305(hkdf(file_key, nonce, b"payload")).decrypt(
                LAST_CHUNK_NONCE, sealed, None
            )

    return run


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
    bare_s = best_of(3, bare_crypto(files, identity))
    plaintexts = [age.decrypt(f, [identity]) for f in files]
    decrypt_s = best_of(3, lambda: [age.decrypt(f, [identity]) for f in files])
    parse_s = best_of(3, lambda: [Record.from_json(p) for p in plaintexts])
    v.close()
    verdict = f"target <= 3{' and under 2 s' if count >= 10_000 else ''}"
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
