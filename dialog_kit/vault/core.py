"""The Vault: one vault folder opened, unlocked, read and written under the write lock."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

from dialog_kit import age
from dialog_kit.atomic import ensure_private_dir, fsync_dir, is_temp_name, write_atomic
from dialog_kit.briefings import Briefings
from dialog_kit.errors import DialogKitError, WrongPassphraseError
from dialog_kit.i18n import _, ngettext
from dialog_kit.listing import Talk, TalkSummary
from dialog_kit.matching import GroupingReport, group_unassigned
from dialog_kit.names import same_name
from dialog_kit.people import Register
from dialog_kit.privacy import HANDOVER_INCLUDES_PRIVATE
from dialog_kit.record import Record
from dialog_kit.safe_files import UnsafeFileError, is_real_folder
from dialog_kit.safe_files import read_file as safe_read
from dialog_kit.vault_marker import is_vault

from . import lock, retention
from .briefings import BRIEFINGS_FILE, read_briefings, reencrypt_briefings, write_briefings
from .handover import (
    HandoverResult,
    ImportResult,
    chosen_records,
    handover_note,
    read_handover,
    successor_copy,
)
from .identity import identity_text, is_marked, parse_identity_text
from .index import (
    INDEX_FILE,
    Index,
    fits,
    make_row,
    read_index,
    remove_index,
    summary_of,
    write_index,
)
from .layout import (
    FORMAT,
    HANDOVER_NOTE,
    IDENTITY_FILE,
    LOCK_FILE,
    MAX_IDENTITY_FILE,
    MAX_WORK_FACTOR,
    MIN_WORK_FACTOR,
    RECORD_SUFFIX,
    RECORDS_DIR,
    SAFE_WORK_FACTOR,
    VAULT_FILE,
    DamagedFile,
    VaultBusyError,
    VaultError,
    VaultInputError,
    record_file_name,
)
from .lock import LockHolder
from .people import (
    PEOPLE_FILE,
    handover_register,
    read_register,
    reencrypt_register,
    write_register,
)
from .recipients import reencrypt_records
from .records import (
    read_file,
    read_record_and_stat,
    read_record_file,
    record_file_names,
    resolve_name,
)
from .settings import (
    Authentication,
    AuthState,
    Secured,
    Settings,
    authenticate,
    read_settings,
    write_settings,
)


class SettingsChangedError(VaultError):
    """vault.toml is not what dialog_kit last authenticated: nothing is written until the
    manager accepts or undoes the change (`dialog-kit settings accept|restore`)."""


class WorkFactorError(VaultError):
    """A work factor below the vault's floor was asked for without saying so (exit 2)."""

    exit_code = 2


class RecordsFolderError(VaultError):
    """records/ is not a real folder of the vault (a link, say): nothing is written."""


@dataclass
class ListResult:
    records: list[Record] = field(default_factory=list)
    damaged: list[DamagedFile] = field(default_factory=list)


@dataclass
class TalkListing:
    """What `list` and the team view show: every readable talk's summary, newest first."""

    talks: list[TalkSummary] = field(default_factory=list)
    damaged: list[DamagedFile] = field(default_factory=list)


@dataclass
class CheckReport:
    records_ok: int = 0
    problems: list[DamagedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Vault:
    """One vault folder. Open it locked, unlock it with the passphrase, then read and write."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = Path(path)
        self._settings = settings
        self._identity: age.Identity | None = None
        self._lock_fd: int | None = None
        # The TUI saves from worker threads: two of them must not both try to take the lock
        # (the second flock in one process would look like another process writing).
        self._lock_guard = threading.Lock()
        self._read_only = False
        self._closed = False
        self._marked = False
        self._identity_factor = 0
        self._auth: Authentication | None = None
        self.finished_interrupted_change = False
        """Set by unlock() when it completed a recipient change that had been interrupted."""
        self.interrupted_change_damaged: list[DamagedFile] = []
        """The files that finishing an interrupted change could not re-encrypt."""
        self.interrupted_change_error: VaultError | None = None
        """Why finishing an interrupted change failed at unlock (the change stays pending)."""
        self.upgraded_settings: Secured | None = None
        """Set by unlock() when it authenticated the settings of a vault made by 0.1.0."""
        self.upgrade_error: DialogKitError | None = None
        """Why the settings could not be authenticated (or identity.age marked) at unlock."""
        self.dropped_pending: tuple[str, ...] | None = None
        """The unauthenticated pending change of a 0.1.0 vault that the upgrade left behind."""
        self.lock_unsupported = False
        """The filesystem refused flock: saves stay atomic, but another machine is not kept out."""
        self._index: Index | None = None
        """index.age as last read or written by this process (entries checked on use)."""
        # The TUI saves from worker threads: two saves must not change the index at once.
        self._index_guard = threading.RLock()

    # -- opening -------------------------------------------------------------

    @staticmethod
    def exists(path: Path) -> bool:
        return is_vault(path)

    @classmethod
    def create(cls, path: Path, passphrase: str, *, work_factor: int = 18) -> Vault:
        """Creates a new vault in `path` (missing or empty) and returns it unlocked."""
        path = Path(path)
        if not MIN_WORK_FACTOR <= work_factor <= MAX_WORK_FACTOR:
            raise VaultError(
                _("Bad work factor"),
                _("The work factor must be between {low} and {high}.").format(
                    low=MIN_WORK_FACTOR, high=MAX_WORK_FACTOR
                ),
            )
        if not passphrase:
            raise VaultError(_("No passphrase"), _("The passphrase must not be empty."))
        if path.exists() and not path.is_dir():
            raise VaultError(
                _("Cannot create vault"), _("{path} exists and is not a folder.").format(path=path)
            )
        if path.is_dir() and any(path.iterdir()):
            what = _("A vault already exists") if cls.exists(path) else _("Folder not empty")
            raise VaultError(
                what,
                _("{path} is not empty; a new vault needs an empty or new folder.").format(
                    path=path
                ),
            )
        existed = path.is_dir()
        ensure_private_dir(path)
        identity = age.Identity.generate()
        secured = Secured(
            recipient=identity.recipient,
            recipients=(),
            pending=None,
            work_factor=work_factor,
            min_work_factor=work_factor,
        )
        created = datetime.now(UTC).replace(microsecond=0).isoformat()
        vault = cls(path, _as_settings(secured, created, identity))
        vault._identity = identity
        vault._marked = True
        vault._identity_factor = work_factor
        try:
            secret_file = age.encrypt_with_passphrase(
                identity_text(identity).encode("utf-8"), passphrase, work_factor
            )
            write_atomic(path / IDENTITY_FILE, secret_file)
            ensure_private_dir(path / RECORDS_DIR)
            # vault.toml comes last: until it exists, the folder is not a vault.
            vault._store(secured)
        except BaseException:
            # A half-made vault (disk full, Ctrl-C) would block the next `init`: undo it.
            for leftover in (path / IDENTITY_FILE, path / VAULT_FILE):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            with contextlib.suppress(OSError):
                (path / RECORDS_DIR).rmdir()
            if not existed:
                with contextlib.suppress(OSError):
                    path.rmdir()
            raise
        return vault

    @classmethod
    def open(cls, path: Path) -> Vault:
        """Opens the vault in `path`, locked: only public settings are read."""
        path = Path(path)
        return cls(path, read_settings(path))

    def unlock(self, passphrase: str, *, upgrade: bool = True, finish_change: bool = True) -> None:
        """Decrypts the identity and authenticates vault.toml; WrongPassphraseError (exit 3)
        changes nothing.

        Settings changed outside dialog_kit do not stop reading: they stop every write
        (`authentication` says what differs). With `upgrade`, a vault made by 0.1.0 gets
        its settings authenticated as they are (`upgraded_settings` says so), and (with
        `finish_change`) an authenticated recipient change that was interrupted is
        finished, unless another process holds the write lock.
        """
        self._check_open()
        try:
            data = safe_read(self.path / IDENTITY_FILE, MAX_IDENTITY_FILE)
        except UnsafeFileError as exc:
            raise VaultError(
                _("Identity damaged"), _("identity.age: {reason}").format(reason=exc.reason)
            ) from None
        except FileNotFoundError:
            raise VaultError(
                _("Identity missing"),
                _("{path} has no identity.age: the vault cannot be unlocked.").format(
                    path=self.path
                ),
            ) from None
        try:
            text = age.decrypt_with_passphrase(data, passphrase, max_work_factor=MAX_WORK_FACTOR)
        except age.NoMatchError:
            if b"\n-> scrypt " not in data[:200]:
                raise VaultError(
                    _("Identity damaged"),
                    _("identity.age is not protected by a passphrase."),
                ) from None
            raise WrongPassphraseError(
                _("Wrong passphrase"),
                _("The passphrase does not unlock this vault. Nothing was changed."),
            ) from None
        except age.AgeError as exc:
            raise VaultError(
                _("Identity damaged"), _("identity.age: {reason}").format(reason=exc.message)
            ) from None
        identity = parse_identity_text(text)
        self._identity = identity
        self._marked = is_marked(text)
        # The header was authenticated by decrypting it with the passphrase.
        self._identity_factor = age.passphrase_work_factor(data)
        self._auth = authenticate(self._settings, identity, marked=self._marked)
        if not upgrade:
            return
        try:
            if self._auth.state is AuthState.LEGACY:
                self._upgrade(passphrase)
            elif self._auth.state is AuthState.OK and not self._marked:
                self._mark_identity(passphrase)
        except VaultBusyError:
            return  # the process that holds the lock may be doing the same; reading works
        except (DialogKitError, OSError) as exc:
            # A full disk must not stop reading: the upgrade is simply tried again next time.
            self.upgrade_error = (
                exc
                if isinstance(exc, DialogKitError)
                else VaultError(_("Vault settings not authenticated"), exc.strerror or str(exc))
            )
            return
        pending = self._settings.pending is not None
        if finish_change and pending and self._auth.state is AuthState.OK:
            self._finish_interrupted_change()

    @property
    def authentication(self) -> Authentication:
        """Whether vault.toml is what dialog_kit authenticated, and what differs."""
        self._require_identity()
        assert self._auth is not None
        return self._auth

    @property
    def own_recipient(self) -> str:
        """The recipient of the key in identity.age (vault.toml's `recipient` may differ)."""
        return self._require_identity().recipient

    @property
    def identity_work_factor(self) -> int:
        """The work factor identity.age uses now (authenticated by the passphrase)."""
        self._require_identity()
        return self._identity_factor

    @property
    def unlocked(self) -> bool:
        return self._identity is not None

    @property
    def recipient(self) -> str:
        """The manager's own recipient (age1...)."""
        return self._settings.recipient

    @property
    def work_factor(self) -> int:
        return self._settings.work_factor

    @property
    def records_dir(self) -> Path:
        return self.path / RECORDS_DIR

    @property
    def min_work_factor(self) -> int:
        return self._settings.min_work_factor

    @property
    def pending_recipient_change(self) -> bool:
        """A recipient change was interrupted; `recipients resume` or `abandon` ends it."""
        return self._settings.pending is not None

    def pending_recipients(self) -> list[str] | None:
        """The extra recipients of the unfinished change, as vault.toml says."""
        return None if self._settings.pending is None else list(self._settings.pending)

    def close(self) -> None:
        """Releases the write lock and forgets the identity."""
        self.release_write_lock()
        self._identity = None
        self._index = None
        self._closed = True

    def __enter__(self) -> Vault:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- the write lock ------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when the last attempt to take the write lock found another process writing."""
        return self._read_only

    @property
    def holds_write_lock(self) -> bool:
        return self._lock_fd is not None

    def acquire_write_lock(self) -> None:
        """Takes the write lock (no waiting); VaultBusyError names the process that holds it."""
        self._check_open()
        with self._lock_guard:
            if self._lock_fd is None:
                self._take_lock()

    def _take_lock(self) -> None:
        try:
            fd, unsupported = lock.take(self.path)
        except VaultBusyError:
            self._read_only = True
            raise
        if unsupported:
            self.lock_unsupported = True
        try:
            # Another process may have changed the recipients since this one opened the
            # vault; now that nobody else can write, take vault.toml as it is.
            self._settings = read_settings(self.path)
            if self._identity is not None:
                self._auth = authenticate(self._settings, self._identity, marked=self._marked)
        except BaseException:
            os.close(fd)
            raise
        lock.write_holder(fd)
        self._index = None  # another process may have written it while we did not hold the lock
        # Before publishing the lock: a thread that sees it held may start writing at once,
        # and its temporary file must not be taken for a crash's leftover. Without a real
        # lock another machine may be mid-save, so nothing is cleaned up then.
        if not self.lock_unsupported:
            lock.remove_stale_temp_files((self.path, self.records_dir))
        self._lock_fd = fd
        self._read_only = False

    def release_write_lock(self) -> None:
        with self._lock_guard:
            fd, self._lock_fd = self._lock_fd, None
        if fd is None:
            return
        lock.release(fd)

    def lock_holder(self) -> LockHolder | None:
        """Who holds the write lock now (None when nobody does, or when we do)."""
        if self._lock_fd is not None:
            return None
        return lock.holder(self.path)

    def _ensure_write_lock(self) -> None:
        if self._lock_fd is None:
            self.acquire_write_lock()

    # -- records ---------------------------------------------------------------

    def list_records(self) -> ListResult:
        """Every record, newest first; damaged or foreign files are named, never fatal."""
        identity = self._require_identity()
        result = ListResult()
        for name in record_file_names(self.records_dir, result.damaged):
            outcome = read_record_file(self.records_dir, name, identity)
            if isinstance(outcome, DamagedFile):
                result.damaged.append(outcome)
            else:
                result.records.append(outcome)
        result.records.sort(key=lambda r: (r.date, r.created), reverse=True)
        return result

    def list_talks(self) -> TalkListing:
        """Every readable talk's summary, newest first, from the listing index.

        A record whose file has not changed since the index saw it is not decrypted;
        every other one (changed, added by a sync, or the index missing, damaged or
        foreign) is read from its file, exactly as list_records reads it. The index
        is then brought up to date when this process may write.
        """
        with self._index_guard:
            return self._list_talks()

    def _list_talks(self) -> TalkListing:
        identity = self._require_identity()
        result = TalkListing()
        index = self._load_index()
        known = index.entries
        fresh = Index()
        folder = self.records_dir
        try:
            # Each file's status relative to the folder: no walk of the whole path 10,000 times.
            folder_fd: int | None = os.open(
                folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
            )
        except OSError:
            folder_fd = None
        try:
            self._list_from_index(result, index, fresh, folder_fd, identity)
        finally:
            if folder_fd is not None:
                os.close(folder_fd)
        changed = index.problem is not None or fresh.changed or len(fresh.entries) != len(known)
        self._index = fresh
        if changed:
            self._store_index_if_possible(fresh)
        result.talks.sort(key=TalkSummary.sort_key, reverse=True)
        return result

    def _list_from_index(
        self,
        result: TalkListing,
        index: Index,
        fresh: Index,
        folder_fd: int | None,
        identity: age.Identity,
    ) -> None:
        folder = self.records_dir
        known = index.entries
        fresh.encoded = index.encoded  # rows that stay are the same rows: their text too
        talks = result.talks
        for name in record_file_names(folder, result.damaged):
            row = known.get(name)
            if row is not None and folder_fd is not None:
                try:
                    status = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
                except OSError:
                    pass
                else:
                    if fits(row, status):
                        fresh.entries[name] = row
                        talks.append(summary_of(row))
                        continue
            outcome, read_status = read_record_and_stat(folder, name, identity)
            if isinstance(outcome, DamagedFile):
                # Not in the index: a damaged file is read (and named) at every listing,
                # and does not make every listing rewrite the index.
                result.damaged.append(outcome)
                continue
            fresh.changed = True
            assert read_status is not None
            row = make_row(name, read_status, TalkSummary.of(outcome))
            fresh.entries[name] = row
            talks.append(summary_of(row))

    def load(self, record_id: str) -> Record:
        """The record with this id or unique id prefix; VaultError when unknown or damaged."""
        identity = self._require_identity()
        name = resolve_name(self.records_dir, record_id)
        damaged: list[DamagedFile] = []
        record = self._read_record(name, identity, damaged)
        if record is None:
            raise VaultError(
                _("Damaged record"),
                _("{name}: {reason}").format(name=damaged[0].name, reason=damaged[0].reason),
            )
        return record

    def resolve(self, record_id: str) -> str:
        """The full id for a full id or unique prefix (even when the file is damaged)."""
        self._check_open()
        return resolve_name(self.records_dir, record_id).removesuffix(RECORD_SUFFIX)

    def has_record(self, record_id: str) -> bool:
        try:
            return (self.records_dir / record_file_name(record_id)).exists()
        except VaultError:
            return False

    def save(self, record: Record) -> None:
        """Encrypts the record to every recipient and replaces its file atomically."""
        self._check_open()
        name = record_file_name(record.id)
        data = record.to_json().encode("utf-8")
        self._ensure_write_lock()
        recipients = self._current_recipients(self._writable())
        ciphertext = age.encrypt(data, recipients)
        status = write_atomic(self.records_dir / name, ciphertext)
        # The record first: a crash before the index is written leaves an entry whose
        # stamp no longer fits the file, so the next listing reads the record itself.
        with self._index_guard:
            index = self._load_index()
            index.entries[name] = make_row(name, status, TalkSummary.of(record))
            self._store_index(index, recipients)

    def load_people(self) -> Register:
        """The person register (people.age); empty when there is none yet."""
        return read_register(self.path, self._require_identity())

    def save_people(self, register: Register) -> None:
        """Encrypts the register to every recipient and replaces people.age atomically."""
        self._require_identity()
        self._ensure_write_lock()
        write_register(self.path, register, self._current_recipients(self._writable()))

    def load_briefings(self) -> Briefings:
        """The group briefings (briefings.age); none when there are none yet."""
        return read_briefings(self.path, self._require_identity())

    def save_briefings(self, briefings: Briefings) -> None:
        """Encrypts the briefings to every recipient and replaces briefings.age atomically."""
        self._require_identity()
        self._ensure_write_lock()
        write_briefings(self.path, briefings, self._current_recipients(self._writable()))

    def sync_people(self, records: Sequence[Talk]) -> tuple[Register, GroupingReport]:
        """The register with every readable talk tied to a person (a 0.1.0 vault is grouped here).

        A talk in schema 2 names its person (`Record.person`, the source of truth);
        a schema-1 talk is tied by the register's index, and one tied to nobody is
        matched or grouped by normalised name and role (dialog_kit.matching). Each
        record's `person` is filled in, in memory: the file is rewritten in schema 2
        at its next ordinary save (see docs/record-format.md, "Migration"). The
        register is saved (one atomic write) when that changed it and this process
        may write; read-only, the grouping holds for this session only.
        """
        register = self.load_people()
        # Links to talks whose file is gone (deleted, purged) are dropped; a file that is
        # there but unreadable keeps its link, so repairing it brings the talk back.
        present = {
            name.removesuffix(RECORD_SUFFIX) for name in record_file_names(self.records_dir, [])
        }
        gone = [record_id for record_id in register.talks if record_id not in present]
        for record_id in gone:
            register.unassign(record_id)
        linked = register.link_records(records)
        report = group_unassigned(register, records)
        register.link_records(records)
        if report.changed or gone or linked:
            with contextlib.suppress(VaultBusyError):  # the writer will do the same grouping
                self.save_people(register)
        return register, report

    def delete(self, record_id: str) -> str:
        """Removes one record file; returns the full id. (Overwriting first is pointless
        on SSDs and journaling filesystems: see docs/threat-model.md.)"""
        self._check_open()
        name = resolve_name(self.records_dir, record_id)
        self._ensure_write_lock()
        self._forget_in_index([name], self._current_recipients(self._writable()))
        try:
            os.unlink(self.records_dir / name)
        except FileNotFoundError:
            raise VaultError(
                _("No such record"), _("The record was removed by someone else.")
            ) from None
        fsync_dir(self.records_dir)
        return name.removesuffix(RECORD_SUFFIX)

    def purge_candidates(self, older_than_months: int, now: date) -> list[Record]:
        """Completed or locked records whose date lies more than `older_than_months` back."""
        return retention.purge_candidates(self.list_records().records, older_than_months, now)

    def purge(self, older_than_months: int, now: date) -> list[Record]:
        """Deletes every purge candidate and returns them."""
        candidates = self.purge_candidates(older_than_months, now)
        if candidates:
            # One index without all of them first, not one rewrite per record.
            self._ensure_write_lock()
            recipients = self._current_recipients(self._writable())
            self._forget_in_index([record_file_name(r.id) for r in candidates], recipients)
        for record in candidates:
            self.delete(record.id)
        return candidates

    # -- passphrase and recipients ---------------------------------------------

    def change_passphrase(
        self, new_passphrase: str, work_factor: int | None = None, *, allow_weaker: bool = False
    ) -> None:
        """Rewrites identity.age (atomically) with the new passphrase; records stay as they are.

        The work factor is the vault's (authenticated) one unless given. Going below the
        vault's floor (the factor it was made with), or lowering it below 18, needs
        `allow_weaker`; then the floor follows.
        """
        identity = self._require_identity()
        if not new_passphrase:
            raise VaultError(_("No passphrase"), _("The passphrase must not be empty."))
        self._ensure_write_lock()
        trusted = self._writable()
        current = max(trusted.work_factor, self._identity_factor)
        factor = current if work_factor is None else work_factor
        if not MIN_WORK_FACTOR <= factor <= MAX_WORK_FACTOR:
            raise WorkFactorError(
                _("Bad work factor"),
                _("The work factor must be between {low} and {high}.").format(
                    low=MIN_WORK_FACTOR, high=MAX_WORK_FACTOR
                ),
            )
        weaker = factor < trusted.min_work_factor or (
            factor < SAFE_WORK_FACTOR and factor < current
        )
        if weaker and not allow_weaker:
            raise WorkFactorError(
                _("Weaker work factor"),
                _(
                    "Work factor {factor} is below this vault's {floor}: a stolen identity.age "
                    "would be cheaper to guess. Add --allow-weaker if you mean it; nothing "
                    "was changed."
                ).format(factor=factor, floor=max(trusted.min_work_factor, min(current, 18))),
            )
        floor = min(trusted.min_work_factor, factor)
        data = age.encrypt_with_passphrase(
            identity_text(identity).encode("utf-8"), new_passphrase, factor
        )
        write_atomic(self.path / IDENTITY_FILE, data)
        self._marked = True
        self._identity_factor = factor
        if factor != trusted.work_factor or floor != trusted.min_work_factor:
            self._store(_replace(trusted, work_factor=factor, min_work_factor=floor))

    def recipients(self) -> list[str]:
        """The extra recipients (age1...), for example HR's recovery key."""
        return list(self._settings.recipients)

    def add_recipient(self, recipient: str) -> list[DamagedFile]:
        """Adds an extra recipient and re-encrypts every record; returns files it could not."""
        parsed = str(age.parse_recipient(recipient))
        trusted = self._writable_for_change()
        if parsed == trusted.recipient or parsed in trusted.recipients:
            raise VaultError(
                _("Already a recipient"), _("{key} is already a recipient.").format(key=parsed)
            )
        if 1 + len(trusted.recipients) + 1 > age.MAX_STANZAS:
            # Checked before anything is written: a change that could never complete
            # would otherwise be left pending, and every unlock would try it again.
            raise VaultInputError(
                _("Too many recipients"),
                _("A vault has at most {count} recipients, its own key included.").format(
                    count=age.MAX_STANZAS
                ),
            )
        return self._change_recipients(trusted, (*trusted.recipients, parsed))

    def remove_recipient(self, recipient: str) -> list[DamagedFile]:
        """Removes an extra recipient and re-encrypts every record without it."""
        parsed = str(age.parse_recipient(recipient))
        trusted = self._writable_for_change()
        if parsed == trusted.recipient:
            raise VaultError(
                _("Cannot remove"),
                _("This is the vault's own key; without it you could not read your notes."),
            )
        if parsed not in trusted.recipients:
            raise VaultError(
                _("Not a recipient"),
                _("{key} is not a recipient of this vault.").format(key=parsed),
            )
        return self._change_recipients(trusted, tuple(r for r in trusted.recipients if r != parsed))

    def resume_recipient_change(self) -> list[DamagedFile]:
        """Finishes the unfinished change of recipients; without one, re-encrypts every record
        to the vault's recipients (for records `check` found encrypted to others)."""
        self._require_identity()
        self._ensure_write_lock()
        trusted = self._writable()
        if trusted.pending is None:
            return self._reencrypt_all(self._current_recipients(trusted))
        return self._complete_change(trusted)

    def abandon_recipient_change(self) -> list[DamagedFile]:
        """Drops the unfinished change and re-encrypts every record to the vault's
        authenticated recipients, so no key of the abandoned change keeps what it got."""
        self._require_identity()
        self._ensure_write_lock()
        auth = self.authentication
        if auth.trusted is None:
            self._writable()  # says why, and what to do
            raise AssertionError  # pragma: no cover - _writable() raised
        if self._settings.pending is None and auth.trusted.pending is None:
            raise VaultError(_("No unfinished change"), _("No change of recipients is under way."))
        # Every record first, the settings last: interrupted, this can simply run again.
        kept = _replace(auth.trusted, pending=None)
        self._check_records_dir()
        damaged = self._reencrypt_all(self._current_recipients(kept))
        self._store(kept)
        return damaged

    def accept_settings(self) -> Secured:
        """Authenticates vault.toml as it is now (after the manager has seen what differs).

        The own recipient is always the key in identity.age, keys that are not usable
        recipients are left out, and the work factor never drops below the floor.
        """
        identity = self._require_identity()
        self._ensure_write_lock()
        auth = self.authentication
        seen = self._settings
        floor = auth.trusted.min_work_factor if auth.trusted else self._identity_factor
        floor = max(floor, min(seen.min_work_factor, MAX_WORK_FACTOR))
        bad = {v for v in [*seen.recipients, *(seen.pending or [])] if not _usable(v)}
        recipients = tuple(
            dict.fromkeys(r for r in seen.recipients if r not in bad and r != identity.recipient)
        )
        pending = None
        if seen.pending is not None:
            pending = tuple(
                dict.fromkeys(r for r in seen.pending if r not in bad and r != identity.recipient)
            )
        accepted = Secured(
            recipient=identity.recipient,
            recipients=recipients,
            pending=pending,
            work_factor=max(seen.work_factor, floor),
            min_work_factor=floor,
        )
        self._store(accepted)
        return accepted

    def restore_settings(self) -> Secured:
        """Writes vault.toml back as dialog_kit last authenticated it."""
        self._require_identity()
        self._ensure_write_lock()
        trusted = self.authentication.trusted
        if trusted is None:
            raise VaultError(
                _("Nothing to restore"),
                _(
                    "vault.toml holds no intact authenticated copy of its settings. See them "
                    "with `dialog-kit settings show` and keep what is right with "
                    "`dialog-kit settings accept`."
                ),
            )
        self._store(trusted)
        return trusted

    def _writable_for_change(self) -> Secured:
        self._require_identity()
        self._ensure_write_lock()
        trusted = self._writable()
        if trusted.pending is not None:
            raise VaultError(
                _("Change under way"),
                _(
                    "A change of recipients is not finished: end it first with "
                    "`dialog-kit recipients resume` or `dialog-kit recipients abandon`."
                ),
            )
        return trusted

    def _change_recipients(self, trusted: Secured, new: tuple[str, ...]) -> list[DamagedFile]:
        """Resumable (see dialog_kit/vault/recipients.py): pending first, then every record."""
        pending = _replace(trusted, pending=new)
        self._store(pending)
        return self._complete_change(pending)

    def _complete_change(self, trusted: Secured) -> list[DamagedFile]:
        assert trusted.pending is not None
        damaged = self._reencrypt_all(self._current_recipients(trusted))
        self._store(_replace(trusted, recipients=trusted.pending, pending=None))
        return damaged

    def _finish_interrupted_change(self) -> None:
        """At unlock: finishes an authenticated change; never stops the command that unlocked."""
        try:
            self._ensure_write_lock()
            if self._settings.pending is None:
                return  # another process finished it
            self.interrupted_change_damaged = self._complete_change(self._writable())
            self.finished_interrupted_change = True
        except VaultBusyError:
            return  # the process that holds the lock is probably finishing it
        except VaultError as exc:
            self.interrupted_change_error = exc
        except OSError as exc:
            self.interrupted_change_error = VaultError(
                _("Change not finished"), exc.strerror or type(exc).__name__
            )

    def _current_recipients(self, trusted: Secured) -> list[str]:
        identity = self._require_identity()
        extra = trusted.pending if trusted.pending is not None else trusted.recipients
        return [identity.recipient, *extra]

    def _writable(self) -> Secured:
        """The authenticated settings, when writing may go ahead; else why not."""
        self._check_records_dir()
        auth = self.authentication
        if auth.state is AuthState.OK and auth.trusted is not None:
            return auth.trusted
        if auth.state is AuthState.LEGACY:
            raise SettingsChangedError(
                _("Vault settings not authenticated"),
                _(
                    "vault.toml was made by dialog_kit 0.1.0 and is not authenticated yet. "
                    "Unlock the vault again when no other dialog-kit is writing to it, and "
                    "its settings will be shown and authenticated. Nothing was written."
                ),
            )
        raise SettingsChangedError(
            _("Vault settings changed outside dialog_kit"),
            _(
                "vault.toml: {differences}. Nothing was written. See the change with "
                "`dialog-kit settings show`; keep it with `dialog-kit settings accept`, "
                "or undo it with `dialog-kit settings restore`."
            ).format(differences="; ".join(auth.differences)),
        )

    def _upgrade(self, passphrase: str) -> None:
        """Authenticates the settings of a vault made by 0.1.0, as they are (once)."""
        identity = self._require_identity()
        self._ensure_write_lock()  # re-reads and re-authenticates vault.toml
        if self.authentication.state is not AuthState.LEGACY:
            return
        seen = self._settings
        # identity.age's work factor is authenticated by the passphrase; vault.toml's is not.
        secured = Secured(
            recipient=identity.recipient,
            recipients=tuple(dict.fromkeys(seen.recipients)),
            pending=None,
            work_factor=max(seen.work_factor, self._identity_factor),
            min_work_factor=self._identity_factor,
        )
        if seen.pending is not None:
            # Never authenticated: a planted one would hand every record to a stranger.
            self.dropped_pending = tuple(seen.pending)
        self._store(secured)
        self.upgraded_settings = secured
        self._mark_identity(passphrase)

    def _mark_identity(self, passphrase: str) -> None:
        """Rewrites identity.age with the marker line, at the work factor it has."""
        identity = self._require_identity()
        self._ensure_write_lock()
        data = age.encrypt_with_passphrase(
            identity_text(identity).encode("utf-8"), passphrase, self._identity_factor
        )
        write_atomic(self.path / IDENTITY_FILE, data)
        self._marked = True

    def _store(self, secured: Secured) -> None:
        """Writes vault.toml with `secured` authenticated, and takes it as the vault's."""
        identity = self._require_identity()
        write_settings(self.path, secured, self._settings.created, identity)
        self._settings = _as_settings(secured, self._settings.created, identity)
        self._auth = Authentication(AuthState.OK, secured)

    # -- checking and handing over ---------------------------------------------

    def check(self) -> CheckReport:
        """Verifies vault.toml, identity.age and every record; names each damaged file."""
        identity = self._require_identity()
        report = CheckReport()
        counts: set[int] = set()
        try:
            settings = read_settings(self.path)
        except VaultError as exc:
            report.problems.append(DamagedFile(VAULT_FILE, exc.message))
        else:
            auth = authenticate(settings, identity, marked=self._marked)
            if auth.state is AuthState.LEGACY:
                report.warnings.append(
                    _(
                        "vault.toml is not authenticated yet (a vault made by dialog_kit "
                        "0.1.0): the next command that unlocks the vault shows its settings "
                        "and authenticates them."
                    )
                )
            for difference in auth.differences:
                report.problems.append(DamagedFile(VAULT_FILE, difference))
            if settings.pending is not None:
                report.warnings.append(
                    _(
                        "A change of recipients is not finished: `dialog-kit recipients resume` "
                        "finishes it, `dialog-kit recipients abandon` undoes it."
                    )
                )
            known = auth.trusted
            if known is None and auth.state is AuthState.LEGACY:
                known = settings.secured()
            if known is not None:
                counts.add(1 + len(known.recipients))
                if known.pending is not None:
                    counts.add(1 + len(known.pending))
        if not is_real_folder(self.records_dir) and self.records_dir.exists():
            report.problems.append(
                DamagedFile(
                    RECORDS_DIR,
                    _(
                        "a link to another folder, not a folder: dialog_kit reads through it "
                        "but refuses to write there"
                    ),
                )
            )
        if (self.path / LOCK_FILE).is_symlink():
            report.problems.append(
                DamagedFile(LOCK_FILE, _("a link: it is never followed, and saving is refused"))
            )
        try:
            header = safe_read(self.path / IDENTITY_FILE, MAX_IDENTITY_FILE)[:200]
            if not header.startswith(b"age-encryption.org/v1\n-> scrypt "):
                report.problems.append(
                    DamagedFile(IDENTITY_FILE, _("not a passphrase-protected age file"))
                )
        except UnsafeFileError as exc:
            report.problems.append(DamagedFile(IDENTITY_FILE, exc.reason))
        except OSError as exc:
            report.problems.append(DamagedFile(IDENTITY_FILE, exc.strerror or str(exc)))
        for name in record_file_names(self.records_dir, report.problems):
            if self._read_record(name, identity, report.problems) is None:
                continue
            problem = self._foreign_stanzas(name, counts)
            if problem is None:
                report.records_ok += 1
            else:
                report.problems.append(problem)
        try:
            read_register(self.path, identity)
        except VaultError as exc:
            report.problems.append(DamagedFile(PEOPLE_FILE, exc.message))
        try:
            read_briefings(self.path, identity)
        except VaultError as exc:
            report.problems.append(DamagedFile(BRIEFINGS_FILE, exc.message))
        index = read_index(self.path, identity)
        if index.problem is not None and os.path.lexists(self.path / INDEX_FILE):
            report.warnings.append(
                _("{name}: {reason}; the next listing rebuilds it from the records.").format(
                    name=INDEX_FILE, reason=index.problem
                )
            )
        for folder in (self.path, self.records_dir):
            with contextlib.suppress(OSError):
                if folder.stat().st_mode & 0o077:
                    report.warnings.append(
                        _("{path} can be read by other users; run chmod 700 on it.").format(
                            path=folder
                        )
                    )
                for entry in os.scandir(folder):
                    if entry.is_file(follow_symlinks=False):
                        if is_temp_name(entry.name):
                            report.warnings.append(
                                _("{name} is left over from an interrupted save.").format(
                                    name=entry.name
                                )
                            )
                        elif entry.stat(follow_symlinks=False).st_mode & 0o077:
                            report.warnings.append(
                                _("{name} can be read by other users; run chmod 600 on it.").format(
                                    name=entry.name
                                )
                            )
        return report

    def handover(
        self,
        to_recipient: str,
        out_dir: Path,
        employee: str | None = None,
        *,
        include_private: bool = HANDOVER_INCLUDES_PRIVATE,
        record_ids: set[str] | None = None,
    ) -> HandoverResult:
        """Copies the chosen records, encrypted only to the successor's recipient, to out_dir.

        What a successor gets is dialog_kit.privacy's to say: private notes and
        amendments (the manager's own) are left out unless include_private; shared
        and HR ones stay. `employee` takes one person by whole name (names.same_name);
        `record_ids` (the talks of the chosen people, from the register) limits the
        copies to those talks.
        """
        self._require_identity()
        successor = age.parse_recipient(to_recipient)
        out_dir = Path(out_dir)
        if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
            raise VaultError(
                _("Folder not empty"),
                _("{path} must be a new or empty folder.").format(path=out_dir),
            )
        if out_dir.resolve().is_relative_to(self.path.resolve()):
            raise VaultError(_("Bad folder"), _("The handover folder must lie outside the vault."))
        listing = self.list_records()
        chosen = chosen_records(listing.records, employee)
        if record_ids is not None:  # chosen by person (the register), never by name
            chosen = [r for r in chosen if r.id in record_ids]
        if not chosen:
            raise VaultError(
                _("Nothing to hand over"),
                _("No readable record matches; nothing was written."),
            )
        all_briefings = self.load_briefings()  # a damaged file stops it before anything is written
        ensure_private_dir(out_dir)
        ensure_private_dir(out_dir / RECORDS_DIR)
        left_out = 0
        for record in chosen:
            copy, dropped = successor_copy(record, with_private=include_private)
            left_out += dropped
            data = copy.to_json().encode("utf-8")
            write_atomic(
                out_dir / RECORDS_DIR / record_file_name(copy.id),
                age.encrypt(data, [successor]),
            )
        # The successor gets the people too, so two employees of one name stay two there.
        register, _report = self.sync_people(listing.records)
        handed = handover_register(register, [r.id for r in chosen])
        if handed.people:
            write_register(out_dir, handed, [str(successor)])
            # Their places in the group briefings, and nobody else's.
            briefings = all_briefings.only(p.id for p in handed.people)
            if briefings.items:
                write_briefings(out_dir, briefings, [str(successor)])
        write_atomic(out_dir / HANDOVER_NOTE, handover_note(str(successor), len(chosen)))
        return HandoverResult(
            out_dir=out_dir, count=len(chosen), damaged=listing.damaged, private_left_out=left_out
        )

    def import_handover(self, folder: Path) -> ImportResult:
        """Takes a handover folder (encrypted to this vault's key) into this vault.

        Each record is decrypted in memory and saved like any other, encrypted to
        this vault's recipients: no plaintext is written. A record already here
        unchanged is skipped; one here in another version is never replaced. The
        talks are tied to people of this register (the handover's people.age says
        who they are); a person id from the other vault is never taken as is.
        """
        identity = self._require_identity()
        folder = Path(folder)
        records, damaged = read_handover(folder, identity)
        result = ImportResult(folder=folder, damaged=damaged)
        handed = self._handed_register(folder, identity, result)
        register = self.load_people()
        mine: dict[str, str] = {}  # the handover's person id -> the id in this register
        to_save: list[Record] = []
        for record in sorted(records, key=lambda r: (r.date, r.created)):
            if self.has_record(record.id):
                here = read_record_file(self.records_dir, record_file_name(record.id), identity)
                if isinstance(here, Record) and _same_talk(here, record):
                    result.already_here.append(record.id)
                    if register.person_of(record.id) is None and here.person is None:
                        self._tie_handed(handed, register, record, mine)
                else:
                    result.conflicts.append(record.id)
                continue
            record.link_person(self._tie_handed(handed, register, record, mine))
            to_save.append(record)
        # The people first: a crash before the talks are saved leaves entries without
        # talks (harmless), never talks naming a person this register does not know.
        if mine:
            self.save_people(register)
        for record in to_save:
            self.save(record)
            result.imported.append(record)
        self._import_briefings(folder, identity, result)
        return result

    def _import_briefings(self, folder: Path, identity: age.Identity, result: ImportResult) -> None:
        """The handover's group briefings, tied to the people here through their talks."""
        if not (folder / BRIEFINGS_FILE).exists() or not (folder / PEOPLE_FILE).exists():
            return
        try:
            handed = read_register(folder, identity)
            theirs = read_briefings(folder, identity)
        except VaultError as exc:
            result.damaged.append(DamagedFile(BRIEFINGS_FILE, exc.message))
            return
        register = self.load_people()
        ids: dict[str, str] = {}  # the handover's person id -> the id in this register
        for entry in handed.people:
            for record_id in handed.talk_ids(entry.id):
                local = register.person_of(record_id)
                if local is not None:
                    ids[entry.id] = local
                    break
        theirs.remap(ids)  # a person the talks do not tie to anyone here is left out
        if theirs.items:
            briefings = self.load_briefings()
            result.briefings = briefings.take(theirs)
            self.save_briefings(briefings)

    def _handed_register(
        self, folder: Path, identity: age.Identity, result: ImportResult
    ) -> Register | None:
        if not (folder / PEOPLE_FILE).exists():
            return None  # an older handover: the talks are tied by name at the next unlock
        try:
            return read_register(folder, identity)
        except VaultError as exc:
            result.damaged.append(DamagedFile(PEOPLE_FILE, exc.message))
            return None

    @staticmethod
    def _tie_handed(
        handed: Register | None, register: Register, record: Record, mine: dict[str, str]
    ) -> str | None:
        """The id in this register of the person a handed-over talk is with (added if new)."""
        person_id = handed.person_for(record) if handed is not None else None
        if handed is None or person_id is None:
            return None
        if person_id not in mine:
            entry = handed.get(person_id)
            same = next((p for p in register.people if p.id == entry.id), None)
            if same is not None and same_name(same.name, entry.name):
                mine[person_id] = same.id  # handed back: the same person
            else:
                # A new person; a clashing id from elsewhere never joins someone here.
                mine[person_id] = register.add(
                    entry.name, entry.role, entry.language, entry.profile,
                    entry.profession, entry.birth_year, entry.employee_number,
                ).id  # fmt: skip
        register.assign(record.id, mine[person_id])
        return mine[person_id]

    # -- the listing index -------------------------------------------------------

    def _load_index(self) -> Index:
        if self._index is None:
            self._index = read_index(self.path, self._require_identity())
        return self._index

    def _store_index(self, index: Index, recipients: list[str]) -> None:
        """Writes index.age (under the write lock), without entries of files that are gone.

        Never fails the change it follows: an index that cannot be written is removed,
        and the next listing reads the records and writes it again.
        """
        try:
            present = set(os.listdir(self.records_dir))
        except OSError:
            present = set()
        for name in [n for n in index.entries if n not in present]:
            del index.entries[name]  # deleted here or by a sync: its summary goes too
        self._index = index
        try:
            if write_index(self.path, index, recipients, self._require_identity()):
                return
        except (DialogKitError, OSError):
            pass
        self._drop_index()

    def _drop_index(self) -> None:
        self._index = Index(problem=_("missing"))
        with contextlib.suppress(OSError):
            remove_index(self.path)

    def _store_index_if_possible(self, index: Index) -> None:
        """After a listing found the index out of date: rewrite it, if this process may."""
        try:
            self._ensure_write_lock()
            recipients = self._current_recipients(self._writable())
        except (DialogKitError, OSError):
            return  # read-only (another writer, changed settings): the writer keeps it
        self._store_index(index, recipients)

    def _forget_in_index(self, names: list[str], recipients: list[str]) -> None:
        """Takes records about to be erased out of the index first: never a summary of a
        talk that is gone (a crash before the erasure leaves a record the index lacks)."""
        with self._index_guard:
            self._forget(names, recipients)

    def _forget(self, names: list[str], recipients: list[str]) -> None:
        index = self._load_index()
        if index.problem is not None:
            # Not one this code reads (another version's, damaged): it goes, to be safe.
            with contextlib.suppress(OSError):
                remove_index(self.path)
            return
        if not any(n in index.entries for n in names):
            return
        for name in names:
            index.entries.pop(name, None)
        try:
            if write_index(self.path, index, recipients, self._require_identity()):
                return
        except (DialogKitError, OSError):
            pass
        # Not rewritten (a full disk): removed, so the erased summaries go with it.
        self._drop_index()
        if (self.path / INDEX_FILE).exists():
            raise VaultError(
                _("Listing index not updated"),
                _("{name} could not be rewritten or removed; nothing was erased.").format(
                    name=INDEX_FILE
                ),
            )

    def _reencrypt_all(self, recipients: list[str]) -> list[DamagedFile]:
        """Every record, people.age, briefings.age and index.age re-encrypted to `recipients`."""
        with self._index_guard:
            return self._reencrypt(recipients)

    def _reencrypt(self, recipients: list[str]) -> list[DamagedFile]:
        identity = self._require_identity()
        index = self._load_index().copy()
        moved = Index()

        def rewritten(name: str, before: os.stat_result, after: os.stat_result) -> None:
            row = index.entries.get(name)
            if row is not None and fits(row, before):
                moved.entries[name] = make_row(name, after, summary_of(row))

        damaged = reencrypt_records(self.records_dir, identity, recipients, rewritten)
        reencrypt_register(self.path, identity, recipients)
        reencrypt_briefings(self.path, identity, recipients)
        self._store_index(moved, recipients)
        return damaged

    # -- internals ---------------------------------------------------------------

    def _check_records_dir(self) -> None:
        """Refuses to write when records/ is a link: the notes would land wherever it points."""
        if not is_real_folder(self.records_dir):
            raise RecordsFolderError(
                _("Records folder replaced"),
                _(
                    "{path} is not a folder of this vault (a link, or missing); nothing was "
                    "written. Run `dialog-kit check`."
                ).format(path=self.records_dir),
            )

    def _check_open(self) -> None:
        if self._closed:
            raise VaultError(_("Vault closed"), _("This vault has been closed; open it again."))

    def _require_identity(self) -> age.Identity:
        self._check_open()
        if self._identity is None:
            raise VaultError(_("Vault locked"), _("Unlock the vault with its passphrase first."))
        return self._identity

    def _read_record(
        self, name: str, identity: age.Identity, damaged: list[DamagedFile]
    ) -> Record | None:
        result = read_record_file(self.records_dir, name, identity)
        if isinstance(result, DamagedFile):
            damaged.append(result)
            return None
        return result

    def _foreign_stanzas(self, name: str, counts: set[int]) -> DamagedFile | None:
        """A record whose header does not fit the vault's recipients, as far as a header shows:
        X25519 stanzas do not say whom they are for, only how many there are."""
        data = read_file(self.records_dir, name)
        if isinstance(data, DamagedFile):
            return data
        try:
            types = age.stanza_types(data)
        except age.AgeError as exc:
            return DamagedFile(name, exc.message)
        if any(t != "X25519" for t in types):
            return DamagedFile(
                name,
                _("also encrypted to a kind of key dialog_kit never uses ({types})").format(
                    types=", ".join(sorted({t[:20] for t in types} - {"X25519"}))
                ),
            )
        if counts and len(types) not in counts:
            return DamagedFile(
                name,
                ngettext(
                    "encrypted to {count} key, but the vault has {expected}: someone else may "
                    "read it; `dialog-kit recipients resume` re-encrypts every record to the "
                    "vault's keys",
                    "encrypted to {count} keys, but the vault has {expected}: someone else may "
                    "read it; `dialog-kit recipients resume` re-encrypts every record to the "
                    "vault's keys",
                    len(types),
                ).format(count=len(types), expected=" or ".join(str(c) for c in sorted(counts))),
            )
        return None


def _same_talk(here: Record, handed: Record) -> bool:
    """The same talk in the same version; which register entry names the person may differ."""
    ours, theirs = here.to_dict(), handed.to_dict()
    ours.pop("person", None)
    theirs.pop("person", None)
    return ours == theirs


def _replace(s: Secured, **changes: object) -> Secured:
    values: dict[str, object] = {
        "recipient": s.recipient,
        "recipients": s.recipients,
        "pending": s.pending,
        "work_factor": s.work_factor,
        "min_work_factor": s.min_work_factor,
    }
    values.update(changes)
    return Secured(**values)  # type: ignore[arg-type]


def _usable(key: str) -> bool:
    try:
        age.parse_recipient(key)
    except age.AgeError:
        return False
    return True


def _as_settings(secured: Secured, created: str, identity: age.Identity) -> Settings:
    return Settings(
        format=FORMAT,
        recipient=secured.recipient,
        recipients=list(secured.recipients),
        pending=None if secured.pending is None else list(secured.pending),
        work_factor=secured.work_factor,
        min_work_factor=secured.min_work_factor,
        created=created,
        signed=secured.canonical(),
        mac=secured.mac(identity),
    )


def open_vault(path: Path, passphrase: str | None = None) -> Vault:
    """Opens a vault and unlocks it when a passphrase is given."""
    vault = Vault.open(path)
    if passphrase is not None:
        vault.unlock(passphrase)
    return vault
