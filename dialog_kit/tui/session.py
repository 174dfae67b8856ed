"""The open vault, the guide library and the records in memory, shared by every screen.

Methods that touch the vault block (scrypt, disk): call them from thread workers.
The vault module is imported late so the unlock screen shows before cryptography loads.
"""

from __future__ import annotations

import contextlib
import copy
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dialog_kit.config import Config
from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import _
from dialog_kit.matching import GroupingReport, group_unassigned
from dialog_kit.people import Register

if TYPE_CHECKING:
    from dialog_kit.guides import GuideLibrary
    from dialog_kit.people import PersonEntry
    from dialog_kit.record import Record
    from dialog_kit.team import TeamRow


@dataclass
class Session:
    config: Config
    vault_path: Path
    work_factor: int = 18
    vault: Any = None  # dialog_kit.vault.Vault once unlocked
    library: GuideLibrary | None = None
    records: list[Record] = field(default_factory=list)
    register: Register = field(default_factory=lambda: _empty_register())
    """The person register, every readable talk tied to a person (see dialog_kit.team)."""
    grouping: GroupingReport | None = None
    """What tying the talks to people did at unlock: groupings for the manager to confirm."""
    damaged: list[Any] = field(default_factory=list)
    read_only: bool = False
    save_delay: float = 1.0
    """Seconds after the last change before a talk is saved: one save per pause, not per key."""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- start-up (thread) -------------------------------------------------

    def prepare(self) -> bool:
        """Loads the guides and says whether a vault exists at the path."""
        from dialog_kit.vault import Vault

        self.guides()
        return bool(Vault.exists(self.vault_path))

    def guides(self) -> GuideLibrary:
        """The guide library, loaded on first use (prepare() normally has loaded it)."""
        if self.library is None:
            from dialog_kit.guides import load_library

            self.library = load_library(self.config.guides_dir)
        return self.library

    def create(self, passphrase: str) -> None:
        from dialog_kit.vault import Vault

        self.vault = Vault.create(self.vault_path, passphrase, work_factor=self.work_factor)
        self._take_lock()
        self.reload()

    def unlock(self, passphrase: str) -> None:
        """Raises WrongPassphraseError (try again) or another DialogKitError."""
        from dialog_kit.vault import Vault

        vault = self.vault if self.vault is not None else Vault.open(self.vault_path)
        self.vault = vault
        vault.unlock(passphrase)
        self._take_lock()
        self.reload()

    def _take_lock(self) -> None:
        from dialog_kit.vault import VaultBusyError

        try:
            self.vault.acquire_write_lock()
        except VaultBusyError:
            self.read_only = True
        else:
            self.read_only = bool(getattr(self.vault, "read_only", False))

    def reload(self) -> None:
        result = self.vault.list_records()
        records = sorted(result.records, key=lambda r: (r.date, r.created), reverse=True)
        register, grouping = self.vault.sync_people(records)
        with self._lock:
            self.records = records
            self.damaged = list(result.damaged)
            self.register = register
            self.grouping = grouping

    def save_register(self, register: Register) -> None:
        """Saves the person register (a copy changed by the caller) and keeps it."""
        self.ensure_writable()
        self.vault.save_people(register)
        with self._lock:
            self.register = register

    # -- people (thread: each change saves people.age) -------------------------

    def team(self) -> list[TeamRow[Record]]:
        """One row per active person, as `dialog-kit team` shows them (no vault access)."""
        from dialog_kit.guides import org_scope
        from dialog_kit.team import team_rows

        return team_rows(
            self.register,
            self.records,
            self.library,
            self.config.cadence_months,
            today(),
            org_scope(self.config).country,
        )

    def talks_of(self, person_id: str) -> list[Record]:
        """Every talk with the person, newest first (by register id, never by name)."""
        from dialog_kit.team import talks_by_person

        return talks_by_person(self.register, self.records).by_person.get(person_id, [])

    def add_person(self, name: str, **fields: Any) -> PersonEntry:
        """Adds a person (fields as Register.add takes them) and saves the register."""
        self.ensure_writable()
        register = self.register.copy()
        person = register.add(name, **fields)
        self.save_register(register)
        return person

    def edit_person(self, person_id: str, **changes: Any) -> PersonEntry:
        self.ensure_writable()
        register = self.register.copy()
        person = register.edit(person_id, **changes)
        self.save_register(register)
        return person

    def assign(self, record_id: str, person_id: str) -> None:
        """Ties a talk (a new one from the person picker) to the person, and saves the register."""
        self.ensure_writable()
        register = self.register.copy()
        register.assign(record_id, person_id)
        self.save_register(register)

    def mark_dealt_with(self, person_id: str, key: str) -> None:
        """The manager dealt with a reminder (a To do entry's `key`); stored in the register."""
        self.ensure_writable()
        register = self.register.copy()
        register.mark_dealt_with(person_id, key)
        self.save_register(register)

    def save_setup(self, values: dict[str, object]) -> None:
        """Writes the first-run setup to the settings file and takes it into the session."""
        from dialog_kit.config import load_config, save_settings

        save_settings(values)
        self.config = load_config()

    def recovery_recipients(self) -> list[str]:
        """The vault's extra recipients (recovery keys): they can read private notes too."""
        return list(self.vault.recipients()) if self.vault is not None else []

    # -- changes (thread) ----------------------------------------------------

    def ensure_writable(self) -> None:
        if self.read_only:
            raise DialogKitError(
                _("Read-only"),
                _("Another dialog-kit is using this vault, so changes cannot be saved here."),
            )

    def save(self, record: Record, person_id: str | None = None) -> None:
        """Saves a snapshot (taken by the caller on the UI thread) and updates the list.

        `person_id` ties a new talk to the person picked for it; a talk saved
        without one is tied to its person by name and role, as at migration.
        """
        self.ensure_writable()
        self.vault.save(record)
        if person_id is not None and self.register.person_of(record.id) != person_id:
            register = self.register.copy()
            register.assign(record.id, person_id)
            self.save_register(register)
        elif self.register.person_of(record.id) is None:
            # A talk made by name only: tie it to its person as the migration would.
            register = self.register.copy()
            if group_unassigned(register, [record]).changed:
                self.vault.save_people(register)
                with self._lock:
                    self.register = register
        with self._lock:
            kept = [r for r in self.records if r.id != record.id]
            self.records = sorted([*kept, record], key=lambda r: (r.date, r.created), reverse=True)

    def delete(self, record_id: str) -> None:
        self.ensure_writable()
        self.vault.delete(record_id)
        with self._lock:
            self.records = [r for r in self.records if r.id != record_id]

    def get(self, record_id: str) -> Record | None:
        return next((r for r in self.records if r.id == record_id), None)

    def working_copy(self, record_id: str) -> Record | None:
        """A copy the talk screen may change freely; the list keeps what is saved."""
        record = self.get(record_id)
        return copy.deepcopy(record) if record is not None else None

    def close(self) -> None:
        if self.vault is not None:
            with contextlib.suppress(DialogKitError):
                self.vault.close()


def today() -> date:
    """The session's date (dialog_kit.clock: tests can set it)."""
    from dialog_kit.clock import today as clock_today

    return clock_today()


def _empty_register() -> Register:
    return Register()
