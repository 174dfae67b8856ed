"""Fixtures for the age tests: Debian's age command, driven through a terminal when it asks."""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import subprocess
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class TtyRun:
    returncode: int
    transcript: str  # what age wrote to the terminal (prompts, errors)
    prompts: int  # how many passphrase prompts were answered


def _take_controlling_terminal() -> None:
    # The child is a session leader (start_new_session); make the pty its terminal,
    # because age reads passphrases from /dev/tty, never from standard input.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def run_age_in_tty(
    age_bin: str, args: Sequence[str], passphrase: str, timeout: float = 120.0
) -> TtyRun:
    """Runs age on a pseudo-terminal and types `passphrase` at every passphrase prompt."""
    master, slave = os.openpty()
    try:
        proc = subprocess.Popen(
            [age_bin, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            preexec_fn=_take_controlling_terminal,
        )
    finally:
        os.close(slave)
    transcript = b""
    answered_up_to = 0
    prompts = 0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # EIO: the child closed its side of the terminal
                    break
                if not chunk:
                    break
                transcript += chunk
                pending = transcript[answered_up_to:]
                if b"assphrase" in pending and pending.rstrip().endswith(b":"):
                    os.write(master, passphrase.encode("utf-8") + b"\n")
                    answered_up_to = len(transcript)
                    prompts += 1
            elif proc.poll() is not None:
                break
        returncode = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return TtyRun(returncode, transcript.decode("utf-8", "replace"), prompts)


@pytest.fixture(scope="session")
def age_bin() -> str:
    """Debian's age; its absence is a failure (make test installs it), never a skip."""
    path = shutil.which("age") or ("/usr/bin/age" if Path("/usr/bin/age").exists() else None)
    assert path, "Debian's age command is missing: run `make test` or `apt-get install age`"
    return path


@pytest.fixture(scope="session")
def age_keygen_bin() -> str:
    path = shutil.which("age-keygen")
    assert path, "age-keygen is missing: run `make test` or `apt-get install age`"
    return path


@pytest.fixture
def age_tty(age_bin: str) -> Callable[..., TtyRun]:
    def run(args: Sequence[str], passphrase: str, timeout: float = 120.0) -> TtyRun:
        return run_age_in_tty(age_bin, args, passphrase, timeout)

    return run
