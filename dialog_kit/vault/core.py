"""The Vault: one vault folder opened, unlocked, read and written under the write lock."""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

from dialog_kit import age
from dialog_kit.atomic import ensure_private_dir, fsync_dir, is_temp_name, write_atomic
from dialog_kit.errors import WrongPassphraseError
from dialog_kit.i18n import _
from dialog_kit.privacy import HANDOVER_INCLUDES_PRIVATE
from dialog_kit.record import Record

from . import lock, parallel, retention
from .handover import (
    HandoverResult,
    ImportResult,
    chosen_records,
    handover_note,
    read_handover,
    successor_copy,
)
from .identity import identity_text, parse_identity_text
from .layout import (
    HANDOVER_NOTE,
    IDENTITY_FILE,
    MAX_WORK_FACTOR,
    MIN_WORK_FACTOR,
    RECORD_SUFFIX,
    RECORDS_DIR,
    VAULT_FILE,
    DamagedFile,
    VaultBusyError,
    VaultError,
    record_file_name,
)
from .lock import LockHolder
from .recipients import reencrypt_records
from .records import cyclic_gc_paused, read_record_file, record_file_names, resolve_name
from .settings import Settings, read_settings, write_settings


@dataclass
class ListResult:
    records: list[Record] = field(default_factory=list)
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
        self.finished_interrupted_change = False
        """Set by unlock() when it completed a recipient change that had been interrupted."""
        self.lock_unsupported = False
        """The filesystem refused flock: saves stay atomic, but another machine is not kept out."""

    # -- opening -------------------------------------------------------------

    @staticmethod
    def exists(path: Path) -> bool:
        return (Path(path) / VAULT_FILE).is_file()

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
        settings = Settings(
            recipient=identity.recipient,
            recipients=[],
            pending=None,
            work_factor=work_factor,
            created=datetime.now(UTC).replace(microsecond=0).isoformat(),
        )
        vault = cls(path, settings)
        try:
            secret_file = age.encrypt_with_passphrase(
                identity_text(identity).encode("utf-8"), passphrase, work_factor
            )
            write_atomic(path / IDENTITY_FILE, secret_file)
            ensure_private_dir(path / RECORDS_DIR)
            # vault.toml comes last: until it exists, the folder is not a vault.
            vault._write_settings()
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
        vault._identity = identity
        return vault

    @classmethod
    def open(cls, path: Path) -> Vault:
        """Opens the vault in `path`, locked: only public settings are read."""
        path = Path(path)
        return cls(path, read_settings(path))

    def unlock(self, passphrase: str) -> None:
        """Decrypts the identity; WrongPassphraseError (exit 3) changes nothing.

        When a recipient change was interrupted, it is finished here (it needs
        the identity), unless another process holds the write lock.
        """
        self._check_open()
        try:
            data = (self.path / IDENTITY_FILE).read_bytes()
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
        if identity.recipient != self._settings.recipient:
            raise VaultError(
                _("Identity mismatch"),
                _(
                    "identity.age holds a key other than the recipient in vault.toml; "
                    "the vault has been tampered with or mixed up with another."
                ),
            )
        self._identity = identity
        if self._settings.pending is not None:
            self._finish_interrupted_change()

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
    def pending_recipient_change(self) -> bool:
        """A recipient change was interrupted; unlocking with the write lock finishes it."""
        return self._settings.pending is not None

    def close(self) -> None:
        """Releases the write lock and forgets the identity."""
        self.release_write_lock()
        self._identity = None
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
        except BaseException:
            os.close(fd)
            raise
        lock.write_holder(fd)
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
        names = list(record_file_names(self.records_dir, result.damaged))
        with cyclic_gc_paused():
            if parallel.worthwhile(len(names)):
                outcomes = parallel.read_with_helper(self.records_dir, names, identity)
            else:
                outcomes = [read_record_file(self.records_dir, n, identity) for n in names]
        for outcome in outcomes:
            if isinstance(outcome, DamagedFile):
                result.damaged.append(outcome)
            else:
                result.records.append(outcome)
        result.records.sort(key=lambda r: (r.date, r.created), reverse=True)
        return result

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
        ciphertext = age.encrypt(data, self._current_recipients())
        write_atomic(self.records_dir / name, ciphertext)

    def delete(self, record_id: str) -> str:
        """Removes one record file; returns the full id. (Overwriting first is pointless
        on SSDs and journaling filesystems: see docs/threat-model.md.)"""
        self._check_open()
        name = resolve_name(self.records_dir, record_id)
        self._ensure_write_lock()
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
        for record in candidates:
            self.delete(record.id)
        return candidates

    # -- passphrase and recipients ---------------------------------------------

    def change_passphrase(self, new_passphrase: str, work_factor: int | None = None) -> None:
        """Rewrites identity.age (atomically) with the new passphrase; records stay as they are."""
        identity = self._require_identity()
        if not new_passphrase:
            raise VaultError(_("No passphrase"), _("The passphrase must not be empty."))
        factor = self._settings.work_factor if work_factor is None else work_factor
        if not MIN_WORK_FACTOR <= factor <= MAX_WORK_FACTOR:
            raise VaultError(
                _("Bad work factor"),
                _("The work factor must be between {low} and {high}.").format(
                    low=MIN_WORK_FACTOR, high=MAX_WORK_FACTOR
                ),
            )
        self._ensure_write_lock()
        data = age.encrypt_with_passphrase(
            identity_text(identity).encode("utf-8"), new_passphrase, factor
        )
        write_atomic(self.path / IDENTITY_FILE, data)
        if factor != self._settings.work_factor:
            self._settings.work_factor = factor
            self._write_settings()

    def recipients(self) -> list[str]:
        """The extra recipients (age1...), for example HR's recovery key."""
        return list(self._settings.recipients)

    def add_recipient(self, recipient: str) -> list[DamagedFile]:
        """Adds an extra recipient and re-encrypts every record; returns files it could not."""
        parsed = str(age.parse_recipient(recipient))
        if parsed == self._settings.recipient or parsed in self._settings.recipients:
            raise VaultError(
                _("Already a recipient"), _("{key} is already a recipient.").format(key=parsed)
            )
        return self._change_recipients([*self._settings.recipients, parsed])

    def remove_recipient(self, recipient: str) -> list[DamagedFile]:
        """Removes an extra recipient and re-encrypts every record without it."""
        parsed = str(age.parse_recipient(recipient))
        if parsed == self._settings.recipient:
            raise VaultError(
                _("Cannot remove"),
                _("This is the vault's own key; without it you could not read your notes."),
            )
        if parsed not in self._settings.recipients:
            raise VaultError(
                _("Not a recipient"),
                _("{key} is not a recipient of this vault.").format(key=parsed),
            )
        return self._change_recipients([r for r in self._settings.recipients if r != parsed])

    def _change_recipients(self, new: list[str]) -> list[DamagedFile]:
        """Resumable (see dialog_kit/vault/recipients.py): pending first, then every record."""
        self._require_identity()
        self._ensure_write_lock()
        self._settings.pending = new
        self._write_settings()
        return self._complete_change()

    def _complete_change(self) -> list[DamagedFile]:
        identity = self._require_identity()
        assert self._settings.pending is not None
        damaged = reencrypt_records(self.records_dir, identity, self._current_recipients())
        self._settings.recipients = self._settings.pending
        self._settings.pending = None
        self._write_settings()
        return damaged

    def _finish_interrupted_change(self) -> None:
        try:
            self._ensure_write_lock()
        except VaultBusyError:
            return  # the process that holds the lock is probably finishing it
        self._settings = read_settings(self.path)  # another process may have finished it
        if self._settings.pending is not None:
            self._complete_change()
            self.finished_interrupted_change = True

    def _current_recipients(self) -> list[str]:
        extra = self._settings.pending
        if extra is None:
            extra = self._settings.recipients
        return [self._settings.recipient, *extra]

    # -- checking and handing over ---------------------------------------------

    def check(self) -> CheckReport:
        """Verifies vault.toml, identity.age and every record; names each damaged file."""
        identity = self._require_identity()
        report = CheckReport()
        try:
            settings = read_settings(self.path)
            if settings.recipient != identity.recipient:
                report.problems.append(
                    DamagedFile(VAULT_FILE, _("its recipient is not the vault's own key"))
                )
            if settings.pending is not None:
                report.warnings.append(
                    _("A recipient change was interrupted; unlock with write access to finish it.")
                )
        except VaultError as exc:
            report.problems.append(DamagedFile(VAULT_FILE, exc.message))
        try:
            header = (self.path / IDENTITY_FILE).read_bytes()[:200]
            if not header.startswith(b"age-encryption.org/v1\n-> scrypt "):
                report.problems.append(
                    DamagedFile(IDENTITY_FILE, _("not a passphrase-protected age file"))
                )
        except OSError as exc:
            report.problems.append(DamagedFile(IDENTITY_FILE, exc.strerror or str(exc)))
        for name in record_file_names(self.records_dir, report.problems):
            if self._read_record(name, identity, report.problems) is not None:
                report.records_ok += 1
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
    ) -> HandoverResult:
        """Copies the chosen records, encrypted only to the successor's recipient, to out_dir.

        What a successor gets is dialog_kit.privacy's to say: private notes and
        amendments (the manager's own) are left out unless include_private; shared
        and HR ones stay. `employee` takes one person by whole name (names.same_name).
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
        if not chosen:
            raise VaultError(
                _("Nothing to hand over"),
                _("No readable record matches; nothing was written."),
            )
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
        write_atomic(out_dir / HANDOVER_NOTE, handover_note(str(successor), len(chosen)))
        return HandoverResult(
            out_dir=out_dir, count=len(chosen), damaged=listing.damaged, private_left_out=left_out
        )

    def import_handover(self, folder: Path) -> ImportResult:
        """Takes a handover folder (encrypted to this vault's key) into this vault.

        Each record is decrypted in memory and saved like any other, encrypted to
        this vault's recipients: no plaintext is written. A record already here
        unchanged is skipped; one here in another version is never replaced.
        """
        identity = self._require_identity()
        folder = Path(folder)
        records, damaged = read_handover(folder, identity)
        result = ImportResult(folder=folder, damaged=damaged)
        for record in sorted(records, key=lambda r: (r.date, r.created)):
            if self.has_record(record.id):
                mine = read_record_file(self.records_dir, record_file_name(record.id), identity)
                if isinstance(mine, Record) and mine.to_dict() == record.to_dict():
                    result.already_here.append(record.id)
                else:
                    result.conflicts.append(record.id)
                continue
            self.save(record)
            result.imported.append(record)
        return result

    # -- internals ---------------------------------------------------------------

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

    def _write_settings(self) -> None:
        write_settings(self.path, self._settings)


def open_vault(path: Path, passphrase: str | None = None) -> Vault:
    """Opens a vault and unlocks it when a passphrase is given."""
    vault = Vault.open(path)
    if passphrase is not None:
        vault.unlock(passphrase)
    return vault
