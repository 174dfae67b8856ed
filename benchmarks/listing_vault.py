"""The vault the listing benchmarks read: 10,000 talks of 1,000 people, made once and cached.

Kept in benchmarks/.cache/ (not in git): making it encrypts 10,000 records,
which is not what is measured. Its scrypt work factor is 10 (the lowest), so
unlocking costs about a millisecond in ours and in the baselines alike, and
the figures are about listing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dialog_kit.people import PersonEntry
    from dialog_kit.record import Record

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
PYCACHE = CACHE / "pycache"
VERSION = 1
"""Raise when what is generated changes: the cached vault is then made again."""

PASSPHRASE = "benchmark passphrase, long enough"
TODAY = date(2026, 11, 22)


@dataclass(frozen=True)
class BenchVault:
    folder: Path
    pass_file: Path
    config: Path
    count: int

    def env(self) -> dict[str, str]:
        """As installed: with bytecode (pip compiles it at install), kept out of the tree."""
        env = dict(os.environ)
        env["DIALOG_KIT_CONFIG"] = str(self.config)
        env.pop("DIALOG_KIT_VAULT", None)
        # Without bytecode every start compiles dialog_kit anew (site-packages has its
        # .pyc files already): that would measure the compiler, not the listing.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
        return env

    def cli(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "dialog_kit", "--vault", str(self.folder),
                "--passphrase-file", str(self.pass_file), *args]  # fmt: skip

    def bare(self, what: str) -> list[str]:
        return [sys.executable, str(HERE / "bare_list.py"), what, str(self.folder),
                str(self.pass_file)]  # fmt: skip

    @property
    def index(self) -> Path:
        return self.folder / "index.age"


def listing_vault(count: int = 10_000, people: int = 1_000) -> BenchVault:
    """The cached vault of `count` talks (made when missing), its index written."""
    where = CACHE / f"listing-{count}-{people}-v{VERSION}"
    made = BenchVault(where / "vault", where / "pass.txt", where / "config.toml", count)
    if not (where / "complete").exists():
        shutil.rmtree(where, ignore_errors=True)
        where.mkdir(parents=True)
        started = time.perf_counter()
        _make(made, count, people)
        (where / "complete").write_text("made\n")
        print(f"(made {count} talks in {time.perf_counter() - started:.1f} s, cached in {where})")
    # Bytecode first (as an installation has it), then the index written (or brought up to
    # date) by the real command: the warm runs find both current.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "dialog_kit")],
                   env=made.env(), check=True, cwd=ROOT)  # fmt: skip
    subprocess.run(made.cli("list"), env=made.env(), check=True, stdout=subprocess.DEVNULL,
                   cwd=ROOT)  # fmt: skip
    return made


def development_talk(person: PersonEntry, on: date) -> Record:
    """A development talk as a manager leaves it: a dozen notes, three actions (one done) and
    a follow-up, about 4 KB; planned, and tied to nobody yet."""
    sys.path.insert(0, str(ROOT))
    from dialog_kit.record import Action, GuideRef, Kind, Person, Visibility, new_record

    record = new_record(
        Kind.DEVELOPMENT, GuideRef("development", 1), Person(person.name, person.role),
        Person("Bo Ek", "Enhetschef"), "sv", on, profile="welfare",
    )  # fmt: skip
    for phase in ("prepare", "look-back", "now", "look-ahead", "agree"):
        record.phase(phase).ticked.extend(["a", "b", "c"])
        record.add_note(phase, "Berättade om året, arbetsmiljön och vad som gått bra. " * 3)
        record.add_note(phase, "Vill fördjupa sig inom demensvård.", Visibility.SHARED)
    record.add_note("agree", "Tar upp med HR.", Visibility.HR)
    for k, what in enumerate(("Handledarutbildning", "Språkstöd", "Auskultation")):
        record.actions.append(Action(what, person.name, on + timedelta(days=90), done=k == 0))
    record.follow_up = on + timedelta(days=180)
    return record


def _make(made: BenchVault, count: int, people: int) -> None:
    sys.path.insert(0, str(ROOT))
    from dialog_kit import age
    from dialog_kit.people import Register
    from dialog_kit.record import Status
    from dialog_kit.vault import Vault

    made.pass_file.write_text(PASSPHRASE + "\n")
    made.pass_file.chmod(0o600)
    made.config.write_text("cadence_months = 12\n")
    vault = Vault.create(made.folder, PASSPHRASE, work_factor=10)
    recipients = [vault.recipient]
    register = Register()
    staff = [
        register.add(f"Employee {i}", "Undersköterska", profile="welfare", birth_year=1960 + i % 40)
        for i in range(people)
    ]
    for n in range(count):
        person = staff[n % people]
        on = TODAY - timedelta(days=365 * (n // people) + n % 300)
        record = development_talk(person, on)
        record.status = Status.COMPLETED if n >= people else Status.PLANNED
        # Written directly (no fsync, no index): making the vault is not what is measured.
        data = age.encrypt(record.to_json().encode("utf-8"), recipients)
        (made.folder / "records" / f"{record.id}.age").write_bytes(data)
        register.assign(record.id, person.id)
    vault.save_people(register)
    vault.close()
