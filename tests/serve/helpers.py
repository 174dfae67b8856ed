"""The real `dialog-kit serve` in a subprocess, on a real vault in tmp_path."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PASSPHRASE = "pw-serve-test"
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]+)/")


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    vault: Path
    home: Path
    output: list[str]

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    @property
    def token(self) -> str:
        return urlsplit(self.url).path.strip("/")

    @property
    def authority(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return f"http://{self.authority}"

    @property
    def websocket_url(self) -> str:
        return f"ws://{self.authority}/{self.token}/ws"


def make_vault(vault: Path, tmp_path: Path) -> None:
    """A real vault made by the real command (fast scrypt: the tests are about serving)."""
    secret = tmp_path / "passphrase.txt"
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "dialog_kit",
            "--vault",
            str(vault),
            "--passphrase-file",
            str(secret),
            "init",
            "--work-factor",
            "10",
        ],
        check=True,
        capture_output=True,
        env=environment(home),
    )
    secret.unlink()


def environment(home: Path) -> dict[str, str]:
    """Settings, documents and data under `home`: never the real user's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIALOG_KIT", "LC_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        DIALOG_KIT_CONFIG=str(home / "config.toml"),
        LANG="en_GB.UTF-8",
        PYTHONUNBUFFERED="1",
    )
    return env


@contextmanager
def serve(
    tmp_path: Path, *extra: str, lang: str = "en", idle_minutes: int = 10
) -> Iterator[Served]:
    """Starts the server on a free loopback port; stops it (SIGTERM, as Ctrl+C would) after."""
    vault = tmp_path / "vault"
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    settings = home / "config.toml"
    if not settings.exists():
        settings.write_text(
            # Set up already (country too), so no first-run setup comes between.
            'organisation = "Test Municipality"\nmanager_name = "Maja Chef"\ncountry = "se"\n',
            encoding="utf-8",
        )
    if not vault.exists():
        make_vault(vault, tmp_path)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dialog_kit",
            "--vault",
            str(vault),
            "--lang",
            lang,
            "serve",
            "--port",
            "0",
            "--no-browser",
            "--idle-lock",
            str(idle_minutes),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment(home),
    )
    output: list[str] = []
    reader: threading.Thread | None = None
    try:
        url, reader = _wait_for_address(process, output)
        yield Served(process, url, vault, home, output)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if reader is not None:
            reader.join(timeout=10)
        assert process.stdout is not None
        process.stdout.close()


def _wait_for_address(
    process: subprocess.Popen[str], output: list[str]
) -> tuple[str, threading.Thread]:
    """Reads the server's output in a thread (kept in `output`) until the address shows."""
    found: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            if match := URL.search(line):
                found.put(match.group(0))
        found.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        url = found.get(timeout=60)
    except queue.Empty:
        url = None
    if url is None:
        raise AssertionError("the server printed no address:\n" + "".join(output))
    return url, reader


def stop(served: Served) -> str:
    """Stops the server as Ctrl+C would and returns everything it printed."""
    served.process.send_signal(signal.SIGINT)
    served.process.wait(timeout=60)
    deadline = time.monotonic() + 10
    while not any("Stopped" in line for line in served.output) and time.monotonic() < deadline:
        time.sleep(0.01)  # the reader thread is taking the last lines
    return "".join(served.output)
