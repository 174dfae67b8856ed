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
DEADLINE = 120.0  # seconds a step may take before the test gives up (never waited out)
POLL = 0.05  # seconds between two looks at the screen


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
        """Named keys as tmux spells them (Enter, Escape, Tab, Down, Space, C-s, C-t, C-q).

        The program reads them in order. Keys reach whichever widget has focus when they
        are read, so a step that moves the focus or opens a screen is followed by a
        wait_for what that step shows, as a person looks before typing on.
        """
        for key in keys:
            self.run("send-keys", "-t", "main", key)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "main", "-l", text)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "main")

    def wait_for(self, *texts: str, gone: tuple[str, ...] = (), timeout: float = DEADLINE) -> str:
        """Polls the screen until every text shows and none of `gone` does.

        The deadline only bounds a broken run (on a loaded machine a step can take
        seconds); a passing step returns as soon as the screen shows it. A failure shows
        the screen as it was.
        """
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts) and not any(t in screen for t in gone):
                return screen
            time.sleep(POLL)
        raise AssertionError(
            f"waited {timeout}s for {texts!r} (and for {gone!r} to go); the screen showed:\n"
            f"{screen}"
        )

    def wait_for_cursor(self, text: str, timeout: float = DEADLINE) -> None:
        """Polls until the terminal's cursor stands on the line that shows `text`.

        Textual puts the cursor in the focused text field: this is how a person (and this
        test) sees that a field took the focus before typing into it.
        """
        deadline = time.monotonic() + timeout
        line = ""
        while time.monotonic() < deadline:
            row = int(self.run("display-message", "-p", "-t", "main", "#{cursor_y}").strip())
            lines = self.screen().splitlines()
            line = lines[row] if row < len(lines) else ""
            if text in line:
                return
            time.sleep(POLL)
        raise AssertionError(
            f"waited {timeout}s for the cursor on {text!r}; it was on {line!r} of:\n{self.screen()}"
        )

    def exited(self, timeout: float = DEADLINE) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.run("list-panes", "-t", "main", "-F", "#{pane_dead}").strip() == "1":
                return True
            time.sleep(POLL)
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
    # Each step waits for what it shows before the next key (see Terminal.keys).
    term.wait_for("Choose a passphrase to create one", "Write the passphrase down")
    dots = "•" * len(PASSPHRASE)  # what a passphrase field shows of it
    term.type(PASSPHRASE)
    term.wait_for(dots)
    term.keys("Enter")
    term.wait_for_cursor("The same passphrase again")  # the second field has the focus
    term.type(PASSPHRASE)
    term.wait_for_cursor(dots)
    term.keys("Enter")
    # Then the first-run setup: the settings file has no country, and it is never assumed.
    term.wait_for("Welcome", "Country", "Choose")
    term.keys("Tab", "Tab", "Tab")  # your name, your role, the organisation, the country
    term.keys("Enter")  # opens the list of countries
    term.wait_for("Sweden", "Denmark")
    term.keys("Down", "Enter")  # from "Choose…" down to Sweden
    term.wait_for("Transition agreement")  # Sweden has agreements the guides know
    term.keys("C-s")
    # The list and the footer with the key for the first thing to do (drawn after the list).
    term.wait_for("No talks yet. Press n to start one.", "New talk")
    assert 'country = "se"' in (vault_dir.parent / "config.toml").read_text(encoding="utf-8")

    # A new talk: the kind is focused first; Down opens the list, Down again is career change.
    term.keys("n")
    term.wait_for("Kind of talk", "Employee's name")
    term.keys("Down")
    term.wait_for("Career conversation", "Exit interview")  # the list of kinds is open
    term.keys("Down", "Enter")
    # A career conversation asks its stage next; the first, orientation, is the default.
    term.wait_for(
        "Career conversation",
        "Stage of change",
        "Orientation",
        "Employee's name",
        gone=("Exit interview",),
    )
    term.keys("Tab", "Tab")
    term.wait_for_cursor("Employee's name")
    term.type("Anna Berg")
    term.wait_for("Anna Berg")
    term.keys("Tab")
    term.wait_for_cursor("Role (optional)")
    term.type("Nurse")
    term.wait_for("Nurse")
    term.keys("C-s")
    screen = term.wait_for("Anna Berg · Career conversation")
    assert "Prepare" in screen and "Actions, follow-up" in screen

    # Into the first phase's checklist; space ticks its first item.
    term.keys("Enter")
    term.wait_for("[ ]", "space Tick")  # the footer shows the checklist's keys: it has the focus
    term.keys("Space")
    term.wait_for("[x]", "1/")  # ticked, and counted in the phase list

    # A shared note (ctrl+t once from private), then a private one.
    term.keys("Escape")
    term.wait_for(gone=("space Tick",))  # back in the phase list
    term.keys("w")
    # The editor shows, and has the focus once the footer shows its keys instead of "w".
    term.wait_for("New note [private]", gone=("w Write note",))
    term.keys("C-t")
    term.wait_for("New note [shared]")
    term.type(SHARED)
    term.wait_for(f"[shared] {SHARED}")
    term.keys("Escape")
    term.wait_for("w Write note")  # the editor has closed: the footer offers a new note
    term.keys("w")
    term.wait_for("New note [private]", gone=("w Write note",))
    term.type(PRIVATE)
    term.wait_for(f"[private] {PRIVATE}")
    term.keys("Escape")
    term.wait_for("saved ", "w Write note")  # written to the vault by itself; editor closed

    # Review shows what the employee will get: the shared note, never the private one.
    term.keys("r")
    screen = term.wait_for("What the employee will receive", "No follow-up date is set")
    assert PRIVATE not in screen  # the review warns about what is missing, above the document
    # The document leads with what was agreed; the shared note comes further down, below
    # the first screen, and the PDF's text is checked for it at the end of this test.

    term.keys("p")
    term.wait_for("Saved:")
    (pdf,) = documents.glob(f"summary-{date.today().isoformat()}-*-draft.pdf")
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


@pytest.mark.slow
def test_ticking_through_a_phase_after_another_ticks_what_is_seen(
    terminal: tuple[Terminal, Path, Path],
) -> None:
    """The checklist repro of issue 8, typed as a person would: after ticking item 6 of
    Prepare, Opening starts on its first item, and space-down-space-down-space-down-space
    ticks its four items once each."""
    from dialog_kit.record import GuideRef, Person, new_record
    from dialog_kit.vault import Vault

    term, vault_dir, _documents = terminal
    record = new_record(
        Kind.CAREER_CHANGE, GuideRef("career-change", 1), Person("Anna Berg", "Nurse"),
        Person("Maja Chef"), "en", date(2026, 10, 1),
    )  # fmt: skip
    with Vault.create(vault_dir, PASSPHRASE, work_factor=10) as vault:
        vault.save(record)
    # Set up already (the first-run setup has its own journey above).
    config = vault_dir.parent / "config.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'country = "se"\n', encoding="utf-8")

    def send(*keys: str) -> None:
        # One send-keys per call: the keys arrive as fast as tmux passes them on.
        term.run("send-keys", "-t", "main", *keys)

    term.start(["env", "TERM=xterm-256color", sys.executable, "-m", "dialog_kit",
                "--vault", str(vault_dir)])  # fmt: skip
    term.wait_for("Enter your passphrase to open your talks")
    term.run("send-keys", "-t", "main", "-l", PASSPHRASE)
    send("Enter")
    term.wait_for("Anna Berg  Career change")
    send("Enter")
    term.wait_for("Anna Berg · Career conversation", "0/6 Prepare")

    send("Enter")
    term.wait_for("[ ] Be clear about how the talk came about", "space Tick")  # in the list
    send("Down", "Down", "Down", "Down", "Down", "Space")
    term.wait_for("1/6 Prepare")
    # Escape alone: a terminal cannot tell Escape-then-Down from Alt+Down typed together.
    send("Escape")
    term.wait_for(gone=("space Tick",))
    send("Down")
    term.wait_for("Opening  (during)")
    send("Enter")
    term.wait_for("space Tick")
    send("Space", "Down", "Space", "Down", "Space", "Down", "Space")
    screen = term.wait_for("4/4 Opening")
    assert "✓ 4/4 Opening" in screen

    send("C-q")
    assert term.exited(), f"the program did not quit; the screen showed:\n{term.screen()}"
    with Vault.open(vault_dir) as vault:
        vault.unlock(PASSPHRASE)
        (saved,) = vault.list_records().records
    assert saved.phase("prepare").ticked == ["own-reaction"]
    assert saved.phase("open").ticked == [
        "purpose-time", "what-is-noted", "nothing-decided", "their-agenda",
    ]  # fmt: skip
