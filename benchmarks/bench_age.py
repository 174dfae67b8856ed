"""Times dialog_kit.age against the bare cryptography calls it needs, and scrypt against age -d."""

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
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialog_kit import age

ZERO_NONCE = bytes(12)
LAST_CHUNK_NONCE = bytes(11) + b"\x01"


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def bench_small_files(count: int) -> None:
    private = X25519PrivateKey.generate()
    identity = age.Identity(private)
    public = identity.public_bytes
    plaintext = b'{"schema": 1, "notes": "' + b"x" * 600 + b'"}'
    files = [age.encrypt(plaintext, [identity.recipient]) for _ in range(count)]

    # The bare baseline gets its inputs already cut out of each file: only the crypto is timed.
    prepared = []
    for data in files:
        lines = data.split(b"\n", 4)
        share = b64decode(lines[1].split(b" ")[2] + b"=")
        body = b64decode(lines[2] + b"=")
        mac_input = data[: data.index(b"\n---") + 4]
        mac = b64decode(lines[3][4:] + b"=")
        payload_start = len(mac_input) + 1 + 43 + 1
        nonce = data[payload_start : payload_start + 16]
        prepared.append((share, body, mac_input, mac, nonce, data[payload_start + 16 :]))

    def ours() -> None:
        for data in files:
            age.decrypt(data, [identity])

    def bare() -> None:
        for share, body, mac_input, mac, nonce, chunk in prepared:
            shared = private.exchange(X25519PublicKey.from_public_bytes(share))
            wrap_key = hkdf(shared, share + public, b"age-encryption.org/v1/X25519")
            file_key = ChaCha20Poly1305(wrap_key).decrypt(ZERO_NONCE, body, None)
            mac_key = hkdf(file_key, b"", b"header")
            if not hmac.compare_digest(hmac.digest(mac_key, mac_input, hashlib.sha256), mac):
                raise AssertionError("bad MAC")
            payload_key = hkdf(file_key, nonce, b"payload")
            ChaCha20Poly1305(payload_key).decrypt(LAST_CHUNK_NONCE, chunk, None)

    # Interleaved best-of-5, so that load from other processes hits both sides alike.
    ours()
    bare()
    ours_s = bare_s = float("inf")
    for _ in range(5):
        ours_s = min(ours_s, best_of(1, ours))
        bare_s = min(bare_s, best_of(1, bare))
    print(
        f"age decrypt {count} small files: {ours_s:.3f} s; bare crypto {bare_s:.3f} s; "
        f"ratio {ours_s / bare_s:.2f}",
        flush=True,
    )


def _take_controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def age_decrypt_in_tty(age_bin: str, path: Path, out: Path, passphrase: str) -> float:
    """Seconds from typing the passphrase until age exits (prompt latency not counted)."""
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


def bench_scrypt(work_factor: int) -> None:
    age_bin = shutil.which("age")
    if age_bin is None:
        print("age scrypt: Debian's age is not installed; skipped", flush=True)
        return
    passphrase = "benchmark passphrase"
    data = age.encrypt_with_passphrase(b"AGE-SECRET-KEY-1...", passphrase, work_factor)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "identity.age"
        path.write_bytes(data)
        ours_s = best_of(3, lambda: age.decrypt_with_passphrase(data, passphrase))
        theirs = []
        for n in range(3):
            out = Path(tmp) / f"out{n}"
            theirs.append(age_decrypt_in_tty(age_bin, path, out, passphrase))
            if out.read_bytes() != b"AGE-SECRET-KEY-1...":
                raise RuntimeError("age decrypted something else")
        age_s = min(theirs)
    print(
        f"age scrypt unlock (work factor {work_factor}): {ours_s:.3f} s; "
        f"age -d {age_s:.3f} s; ratio {ours_s / age_s:.2f}",
        flush=True,
    )


def main() -> int:
    bench_small_files(1000)
    bench_small_files(10_000)
    bench_scrypt(18)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
