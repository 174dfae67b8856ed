"""The real program in a real terminal (tmux, 80x24), typed at like a person would.

Pilot tests drive the app from inside; this one starts `python -m dialog_kit` as a user
does, so start-up, the terminal driver, key decoding and quitting are covered too. Afterwards
the vault is read through the vault API and the PDF with pypdf.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dialog_kit.record import Kind, Visibility

PASSPHRASE = "correct horse battery"
SHARED = "Wants to try the job centre course"
PRIVATE = "Seemed worried about money"
WIDTH, HEIGHT = 80, 24


class Terminal:
    """One tmux server on its own socket, holding one 80x24 window that runs the program."""

    def __init__(self, tmux: str, env: dict[str, str]) -> None:
        self.tmux = tmux
        self.socket = f"dialog-kit-test-{uuid.uuid4().hex[:12]}"
        self.env = env

    def run(self, *args: str) -> str:
        result = subprocess.run(
            [self.tmux, "-L", self.socket, "-f", "/dev/null", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return result.stdout

    def start(self, command: list[str]) -> None:
        self.run(
            "new-session", "-d", "-s", "main", "-x", str(WIDTH), "-y", str(HEIGHT),
            *command,
        )  # fmt: skip
        # Keep the pane after the program ends, so a crash can still be read.
        self.run("set-option", "-t", "main", "remain-on-exit", "on")

    def keys(self, *keys: str) -> None:
        """Named keys as tmux spells them (Enter, Escape, Tab, Down, Space, C-s, C-t, C-q),
        one at a time, each once the screen has reacted to the one before."""
        for key in keys:
            self.run("send-keys", "-t", "main", key)
            self.settle()

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "main", "-l", text)
        self.settle()

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "main")

    def wait_for(self, *texts: str, timeout: float = 30) -> str:
        """Polls the screen until every text shows; fails with the screen as it was."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"waited {timeout}s for {texts!r}; the screen showed:\n{screen}")

    def settle(self, quiet: float = 0.25, timeout: float = 10) -> None:
        """Waits until the screen, colours included, has not changed for `quiet` seconds.

        Keys reach whichever widget has focus when they are read; a person waits for the
        screen to react before typing on, and so does this test.
        """
        deadline = time.monotonic() + timeout
        last = self.run("capture-pane", "-e", "-p", "-t", "main")
        since = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.run("capture-pane", "-e", "-p", "-t", "main")
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
        raise AssertionError(f"the screen kept changing for {timeout}s:\n{self.screen()}")

    def exited(self, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.run("list-panes", "-t", "main", "-F", "#{pane_dead}").strip() == "1":
                return True
            time.sleep(0.05)
        return False

    def kill(self) -> None:
        socket_path = subprocess.run(
            [self.tmux, "-L", self.socket, "display-message", "-p", "#{socket_path}"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout.strip()
        subprocess.run(
            [self.tmux, "-L", self.socket, "kill-server"],
            env=self.env,
            capture_output=True,
            timeout=30,
            check=False,
        )
        if socket_path:
            Path(socket_path).unlink(missing_ok=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path, Path]]:
    tmux = shutil.which("tmux")
    # No skip: a missing tmux is a broken test set-up (make test installs it).
    assert tmux is not None, "tmux is not installed; run 'make test' or apt-get install tmux"
    home = tmp_path / "home"
    documents = home / "Documents"
    documents.mkdir(parents=True)
    config = tmp_path / "config.toml"
    config.write_text(
        'organisation = "Test Municipality"\nmanager_name = "Maja Chef"\nlanguage = "en"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        DIALOG_KIT_CONFIG=str(config),
        LANG="en_GB.UTF-8",
        TERM="xterm-256color",
    )
    env.pop("DIALOG_KIT_VAULT", None)
    term = Terminal(tmux, env)
    try:
        yield term, tmp_path / "vault", documents
    finally:
        term.kill()


@pytest.mark.slow
def test_a_career_change_talk_typed_in_a_real_terminal(
    terminal: tuple[Terminal, Path, Path],
) -> None:
    term, vault_dir, documents = terminal
    # tmux sets TERM for its panes; the program should see an ordinary xterm.
    program = [sys.executable, "-m", "dialog_kit", "--vault", str(vault_dir)]
    term.start(["env", "TERM=xterm-256color", *program])

    # First run: no vault yet, so the passphrase is chosen and typed twice.
    term.wait_for("Choose a passphrase to create one", "Write the passphrase down")
    term.type(PASSPHRASE)
    term.keys("Enter")
    term.wait_for("The same passphrase again")
    term.type(PASSPHRASE)
    term.keys("Enter")
    # Then the first-run setup: the settings file has no country, and it is never assumed.
    term.wait_for("Welcome", "Country", "Choose")
    term.keys("Tab", "Tab", "Tab")  # your name, your role, the organisation, the country
    term.keys("Enter")  # opens the list of countries
    term.wait_for("Sweden", "Denmark")
    term.keys("Down", "Enter")  # from "Choose…" down to Sweden
    term.wait_for("Transition agreement")  # Sweden has agreements the guides know
    term.keys("C-s")
    # The footer shows the key for the first thing to do (it may paint after the list).
    term.wait_for("No talks yet. Press n to start one.", "New talk")
    assert 'country = "se"' in (vault_dir.parent / "config.toml").read_text(encoding="utf-8")

    # A new talk: the kind is focused first; Down opens the list, Down again is career change.
    term.keys("n")
    term.wait_for("New talk", "Kind of talk", "Employee's name")
    term.keys("Down")
    term.wait_for("Career-change talk")
    term.keys("Down", "Enter")
    term.wait_for("Career-change talk", "Employee's name")
    term.keys("Tab")
    term.type("Anna Berg")
    term.keys("Tab")
    term.type("Nurse")
    term.keys("C-s")
    screen = term.wait_for("Anna Berg · Career-change talk")
    assert "Prepare" in screen and "Actions, follow-up" in screen

    # Into the first phase's checklist; space ticks its first item.
    term.keys("Enter")
    term.wait_for("[ ]")
    term.keys("Space")
    screen = term.wait_for("[x]")
    assert "1/" in screen  # the phase list counts the tick

    # A shared note (ctrl+t once from private), then a private one.
    term.keys("Escape", "w", "C-t")
    term.wait_for("New note [shared]")
    term.type(SHARED)
    term.wait_for(f"[shared] {SHARED}")
    term.keys("Escape", "w")
    term.wait_for("New note [private]")
    term.type(PRIVATE)
    term.wait_for(f"[private] {PRIVATE}")
    term.keys("Escape")
    term.wait_for("saved ")  # written to the vault by itself

    # Review shows what the employee will get: the shared note, never the private one.
    term.keys("r")
    screen = term.wait_for("What the employee will receive", SHARED)
    assert PRIVATE not in screen
    assert "No follow-up date is set" in screen  # the review warns about what is missing

    term.keys("p")
    pdf = documents / f"summary-{date.today().isoformat()}.pdf"
    term.wait_for("Saved:", timeout=60)
    assert pdf.is_file()
    assert "Anna" not in " ".join(p.name for p in documents.iterdir())  # neutral names

    term.keys("C-q")
    assert term.exited(), f"the program did not quit; the screen showed:\n{term.screen()}"

    # What is on disk, read as any other program would.
    from dialog_kit.vault import Vault

    vault = Vault.open(vault_dir)
    vault.unlock(PASSPHRASE)
    try:
        result = vault.list_records()
    finally:
        vault.close()
    assert not result.damaged
    (record,) = result.records
    assert record.kind is Kind.CAREER_CHANGE
    assert (record.employee.name, record.employee.role) == ("Anna Berg", "Nurse")
    assert record.manager.name == "Maja Chef"
    first_phase = next(iter(record.phases.values()))
    assert len(first_phase.ticked) == 1
    assert {(n.text, n.visibility) for _, n in record.notes()} == {
        (SHARED, Visibility.SHARED),
        (PRIVATE, Visibility.PRIVATE),
    }

    from pypdf import PdfReader

    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    assert SHARED in text
    assert PRIVATE not in text
    assert "Anna Berg" in text
