"""Bare baselines the benchmarks measure against: raw age crypto, and Debian's age -d on a tty."""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import os
import select
import subprocess
import termios
import time
from base64 import b64decode
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dialog_kit import age

ZERO_NONCE = bytes(12)
LAST_CHUNK_NONCE = bytes(11) + b"\x01"


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings: the one least disturbed by other processes."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def bare_age_decrypt(files: list[bytes], identity: age.Identity) -> Callable[[], None]:
    """The crypto that decrypting these one-chunk X25519 files cannot avoid.

    The inputs are cut out of each file beforehand, so only X25519, HKDF, the
    header MAC and ChaCha20-Poly1305 are timed: no parsing, no checks.
    """
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


def _take_controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def age_decrypt_in_tty(age_bin: str, path: Path, out: Path, passphrase: str) -> float:
    """Seconds from typing the passphrase until age exits (its prompt latency not counted).

    age reads a passphrase only from a terminal, so it gets a pseudo-terminal.
    """
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
