"""Times dialog_kit.age against the bare cryptography calls it needs, and scrypt against age -d."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from baselines import age_decrypt_in_tty, bare_age_decrypt, best_of

from dialog_kit import age


def bench_small_files(count: int) -> None:
    private = X25519PrivateKey.generate()
    identity = age.Identity(private)
    plaintext = b'{"schema": 1, "notes": "' + b"x" * 600 + b'"}'
    files = [age.encrypt(plaintext, [identity.recipient]) for _ in range(count)]

    def ours() -> None:
        for data in files:
            age.decrypt(data, [identity])

    bare = bare_age_decrypt(files, identity)

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
