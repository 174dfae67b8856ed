"""The open vault, the guide library and the records in memory, shared by every screen.

Methods that touch the vault block (scrypt, disk): call them from thread workers.
The vault package and the record and matching modules are imported late, so the unlock
screen shows and answers before they load; `warm_up` loads them while the passphrase is typed.
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

if TYPE_CHECKING:
    from dialog_kit.briefings import Briefing, Briefings
    from dialog_kit.cohorts import Cohort
    from dialog_kit.guides import GuideLibrary
    from dialog_kit.matching import GroupingReport
    from dialog_kit.people import PersonEntry, Register
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
    _register: Register | None = field(default=None, repr=False)
    """See `register`; None until it is first read or set."""
    briefings: Briefings | None = None
    """The group briefings (who was informed about career transition, and when)."""
    grouping: GroupingReport | None = None
    """What tying the talks to people did at unlock: groupings for the manager to confirm."""
    damaged: list[Any] = field(default_factory=list)
    read_only: bool = False
    save_delay: float = 1.0
    """Seconds after the last change before a talk is saved: one save per pause, not per key."""
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _guides_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def register(self) -> Register:
        """The person register, every readable talk tied to a person (see dialog_kit.team).

        Empty until the vault is unlocked; made on first use, so the unlock screen shows
        without loading dialog_kit.people.
        """
        register = self._register
        if register is None:
            from dialog_kit.people import Register

            with self._lock:  # never over one that unlocking has just set
                if self._register is None:
                    self._register = Register()
                register = self._register
        return register

    @register.setter
    def register(self, register: Register) -> None:
        self._register = register

    # -- start-up (thread) -------------------------------------------------

    def prepare(self) -> bool:
        """Says whether a vault exists at the path; the rest loads after, in `warm_up()`."""
        from dialog_kit.vault_marker import is_vault

        # Not Vault.exists: the vault package loads cryptography, which Enter need not wait for.
        return is_vault(self.vault_path)

    def warm_up(self) -> None:
        """Loads the guides and imports what unlocking needs (the unlock screen calls this in
        a thread while the passphrase is typed, so Enter finds them there)."""
        import importlib

        importlib.import_module("dialog_kit.vault")  # with it cryptography, records, matching
        self.guides()

    def guides(self) -> GuideLibrary:
        """The guide library, loaded on first use (the unlock screen loads it while the
        passphrase is typed; unlocking waits for it if it is not there yet)."""
        with self._guides_lock:
            if self.library is None:
                from dialog_kit.guides import load_library

                self.library = load_library(self.config.guides_dir)
            return self.library

    def create(self, passphrase: str) -> None:
        from dialog_kit.vault import Vault

        self.guides()
        self.vault = Vault.create(self.vault_path, passphrase, work_factor=self.work_factor)
        self._take_lock()
        self.reload()

    def unlock(self, passphrase: str) -> None:
        """Raises WrongPassphraseError (try again) or another DialogKitError."""
        from dialog_kit.vault import Vault

        self.guides()
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
        damaged = list(result.damaged)
        briefings = self._read_briefings(damaged)
        with self._lock:
            self.records = records
            self.damaged = damaged
            self.register = register
            self.grouping = grouping
            self.briefings = briefings

    def _read_briefings(self, damaged: list[Any]) -> Briefings | None:
        """The briefings; a damaged file is reported like a damaged record, not a lock-out."""
        from dialog_kit.vault import DamagedFile, VaultError
        from dialog_kit.vault.briefings import BRIEFINGS_FILE

        try:
            briefings: Briefings = self.vault.load_briefings()
        except VaultError as exc:
            damaged.append(DamagedFile(BRIEFINGS_FILE, exc.message))
            return None
        return briefings

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
            self.briefings,
        )

    def cohorts(self) -> list[Cohort]:
        """This year's age groups, as `dialog-kit cohorts` lists them (no vault access)."""
        from dialog_kit.cohorts import current_cohorts
        from dialog_kit.guides import org_scope

        country = org_scope(self.config).country
        return current_cohorts(self.register, self.library, country, today(), self.briefings)

    def add_briefing(self, briefing: Briefing) -> None:
        """Records a group briefing and saves briefings.age (thread)."""
        from dialog_kit.briefings import Briefings

        self.ensure_writable()
        current = self.briefings
        if current is None:
            # Not read at unlock (damaged): read again rather than save over what is in it.
            current = self.vault.load_briefings()  # raises, naming the file
        briefings = Briefings.from_dict(current.to_dict())
        briefings.add(briefing)
        self.vault.save_briefings(briefings)
        with self._lock:
            self.briefings = briefings

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
        """Ties a talk (a new one from the person picker) to the person: the register, then
        the talk itself (its `person` is what counts), are saved."""
        self.ensure_writable()
        register = self.register.copy()
        register.assign(record_id, person_id)
        self.save_register(register)
        record = self.get(record_id)
        if record is not None and record.person != person_id:
            relinked = copy.deepcopy(record)
            relinked.link_person(person_id)
            self.save(relinked, person_id)

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
        register = self.register
        if person_id is None:
            person_id = register.person_for(record)
        if person_id is None:
            # A talk made by name only: tie it to its person as the migration would.
            from dialog_kit.matching import group_unassigned

            working = register.copy()
            if group_unassigned(working, [record]).changed:
                person_id = working.person_of(record.id)
                register = working
        if person_id is not None and register.person_of(record.id) != person_id:
            register = register.copy()
            register.assign(record.id, person_id)
        # The register first: a talk never names a person the register lacks.
        if register is not self.register:
            self.save_register(register)
        record.link_person(person_id)
        self.vault.save(record)
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
