"""The vault folder: identity, recipients, encrypted records, atomic writes, lock, passphrase.

Layout (docs/vault.md has the full story):

    vault/
      vault.toml          format version, public recipients, settings (nothing secret)
      identity.age        the manager's X25519 identity, age-encrypted with the passphrase
      records/<uuid>.age  one record each, age-encrypted to the vault's recipients
      .lock               who writes right now (flock; released by the OS when a process dies)

Every record is encrypted to the manager's recipient and the extra recipients,
so a passphrase change rewrites only identity.age. There is no plaintext
index: listing decrypts every record with the unlocked identity.
"""

from __future__ import annotations

import calendar
import contextlib
import errno
import fcntl
import gc
import json
import os
import re
import select
import socket
import subprocess
import sys
import threading
import tomllib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

from dialog_kit import age
from dialog_kit.atomic import ensure_private_dir, fsync_dir, is_temp_name, write_atomic
from dialog_kit.errors import DialogKitError, InputError, WrongPassphraseError
from dialog_kit.i18n import _
from dialog_kit.record import Record, Status, Visibility

FORMAT = 1
"""The version of the vault layout that this code writes and reads."""

VAULT_FILE = "vault.toml"
IDENTITY_FILE = "identity.age"
RECORDS_DIR = "records"
LOCK_FILE = ".lock"
HANDOVER_NOTE = "README.txt"
RECORD_SUFFIX = ".age"

MIN_WORK_FACTOR = 10
MAX_WORK_FACTOR = 22
"""Unlocking refuses identity files above this scrypt work factor (a guard against a
planted file that would keep the machine busy for minutes)."""

MAX_RECORD_FILE = 64 * 1024 * 1024
"""A record file larger than this is not read: a planted file must not exhaust memory."""

_RECORD_NAME = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.age")
_ID_PREFIX = re.compile(r"[0-9a-f-]{1,36}")


class VaultError(DialogKitError):
    """The vault cannot do what was asked; the message says why and what to do."""


class VaultBusyError(VaultError):
    """Another process holds the write lock; reading still works."""


@dataclass(frozen=True)
class DamagedFile:
    """A file in the vault that cannot be used, with a plain reason (never its content)."""

    name: str
    reason: str


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


@dataclass(frozen=True)
class LockHolder:
    """Who holds the write lock: nothing confidential, enough to find the process."""

    pid: int | None
    host: str
    since: str

    def describe(self) -> str:
        if self.pid is None:
            return _("another process")
        return _("process {pid} on {host}, since {since}").format(
            pid=self.pid, host=self.host or "?", since=self.since or "?"
        )


@dataclass
class HandoverResult:
    out_dir: Path
    count: int
    damaged: list[DamagedFile] = field(default_factory=list)


@dataclass
class _Settings:
    recipient: str
    recipients: list[str]
    pending: list[str] | None
    work_factor: int
    created: str


def record_file_name(record_id: str) -> str:
    """records/<uuid>.age: the canonical UUID and nothing else."""
    try:
        canonical = str(uuid.UUID(record_id))
    except (ValueError, AttributeError, TypeError):
        raise VaultError(
            _("Bad record id"), _("A record id must be a UUID; this one is not.")
        ) from None
    if canonical != record_id:
        raise VaultError(_("Bad record id"), _("A record id must be a lower-case UUID."))
    return canonical + RECORD_SUFFIX


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _identity_text(identity: age.Identity) -> str:
    """The identity in age-keygen's format, so `age -d -i identity.age` can use it directly."""
    created = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return f"# created: {created}\n# public key: {identity.recipient}\n{identity.secret()}\n"


def _toml_string(value: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(value, ensure_ascii=True)


class Vault:
    """One vault folder. Open it locked, unlock it with the passphrase, then read and write."""

    def __init__(self, path: Path, settings: _Settings) -> None:
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
        settings = _Settings(
            recipient=identity.recipient,
            recipients=[],
            pending=None,
            work_factor=work_factor,
            created=datetime.now(UTC).replace(microsecond=0).isoformat(),
        )
        vault = cls(path, settings)
        try:
            secret_file = age.encrypt_with_passphrase(
                _identity_text(identity).encode("utf-8"), passphrase, work_factor
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
        return cls(path, _read_settings(path))

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
        identity = _parse_identity_text(text)
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
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path / LOCK_FILE, flags, 0o600)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
            self._read_only = True
            raise VaultBusyError(
                _("Vault read-only"),
                _("This vault folder cannot be written by you; you can read but not save."),
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                # A filesystem without locks (some network shares): writing stays atomic,
                # but nothing keeps a second machine out. docs/vault.md says so.
                self.lock_unsupported = True
            else:
                holder = _read_lock_holder(fd)
                os.close(fd)
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                self._read_only = True
                raise VaultBusyError(
                    _("Vault in use"),
                    _(
                        "Another dialog-kit ({holder}) is writing to this vault. You can read, "
                        "but changes cannot be saved until it closes."
                    ).format(holder=holder.describe()),
                ) from None
        try:
            # Another process may have changed the recipients since this one opened the
            # vault; now that nobody else can write, take vault.toml as it is.
            self._settings = _read_settings(self.path)
        except BaseException:
            os.close(fd)
            raise
        since = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        info = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": since})
        os.ftruncate(fd, 0)
        os.pwrite(fd, info.encode() + b"\n", 0)
        # Before publishing the lock: a thread that sees it held may start writing at once,
        # and its temporary file must not be taken for a crash's leftover. Without a real
        # lock another machine may be mid-save, so nothing is cleaned up then.
        if not self.lock_unsupported:
            self._remove_stale_temp_files()
        self._lock_fd = fd
        self._read_only = False

    def release_write_lock(self) -> None:
        with self._lock_guard:
            fd, self._lock_fd = self._lock_fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            # Closing the file would release the lock too; unlocking first says so explicitly.
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def lock_holder(self) -> LockHolder | None:
        """Who holds the write lock now (None when nobody does, or when we do)."""
        if self._lock_fd is not None:
            return None
        try:
            fd = os.open(self.path / LOCK_FILE, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return _read_lock_holder(fd)
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def _ensure_write_lock(self) -> None:
        if self._lock_fd is None:
            self.acquire_write_lock()

    def _remove_stale_temp_files(self) -> None:
        """Temporary files left by a crash: safe to remove while we hold the write lock."""
        for folder in (self.path, self.records_dir):
            with contextlib.suppress(OSError), os.scandir(folder) as entries:
                for entry in entries:
                    if is_temp_name(entry.name) and entry.is_file(follow_symlinks=False):
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)

    # -- records ---------------------------------------------------------------

    def list_records(self) -> ListResult:
        """Every record, newest first; damaged or foreign files are named, never fatal."""
        identity = self._require_identity()
        result = ListResult()
        names = list(self._record_file_names(result.damaged))
        with _cyclic_gc_paused():
            if len(names) >= PARALLEL_MIN_FILES and _parallel_possible():
                outcomes = _read_with_helper(self.records_dir, names, identity)
            else:
                outcomes = [_read_record_file(self.records_dir, n, identity) for n in names]
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
        name = self._resolve(record_id)
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
        return self._resolve(record_id).removesuffix(RECORD_SUFFIX)

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
        name = self._resolve(record_id)
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
        cutoff = months_before(now, older_than_months)
        done = (Status.COMPLETED, Status.LOCKED)
        return [r for r in self.list_records().records if r.status in done and r.date < cutoff]

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
            _identity_text(identity).encode("utf-8"), new_passphrase, factor
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
        """Resumable: the new set is written to vault.toml as pending first, then every record
        is re-encrypted to it one by one (each atomically), then it becomes the set.

        If this is interrupted, vault.toml still says `pending_recipients`; the next
        unlock re-encrypts every record again (harmless for those already done), so no
        record stays readable by a removed recipient once a change has completed.
        """
        self._require_identity()
        self._ensure_write_lock()
        self._settings.pending = new
        self._write_settings()
        return self._complete_change()

    def _complete_change(self) -> list[DamagedFile]:
        identity = self._require_identity()
        assert self._settings.pending is not None
        recipients = self._current_recipients()
        damaged: list[DamagedFile] = []
        for name in self._record_file_names(damaged):
            path = self.records_dir / name
            try:
                plaintext = age.decrypt(path.read_bytes(), [identity])
            except FileNotFoundError:
                continue  # deleted meanwhile
            except age.AgeError as exc:
                damaged.append(DamagedFile(name, _describe_age_error(exc)))
                continue
            write_atomic(path, age.encrypt(plaintext, recipients))
        self._settings.recipients = self._settings.pending
        self._settings.pending = None
        self._write_settings()
        return damaged

    def _finish_interrupted_change(self) -> None:
        try:
            self._ensure_write_lock()
        except VaultBusyError:
            return  # the process that holds the lock is probably finishing it
        self._settings = _read_settings(self.path)  # another process may have finished it
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
            settings = _read_settings(self.path)
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
        for name in self._record_file_names(report.problems):
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
        include_private: bool = True,
    ) -> HandoverResult:
        """Copies the chosen records, encrypted only to the successor's recipient, to out_dir.

        With include_private=False the private notes and amendments (the manager's own)
        are left out of the copies; shared and HR ones stay.
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
        key = _name_key(employee) if employee else None
        chosen = [r for r in listing.records if key is None or _name_key(r.employee.name) == key]
        if not chosen:
            raise VaultError(
                _("Nothing to hand over"),
                _("No readable record matches; nothing was written."),
            )
        ensure_private_dir(out_dir)
        ensure_private_dir(out_dir / RECORDS_DIR)
        for record in chosen:
            if not include_private:
                record = _without_private(record)
            data = record.to_json().encode("utf-8")
            write_atomic(
                out_dir / RECORDS_DIR / record_file_name(record.id),
                age.encrypt(data, [successor]),
            )
        write_atomic(out_dir / HANDOVER_NOTE, _handover_note(str(successor), len(chosen)))
        return HandoverResult(out_dir=out_dir, count=len(chosen), damaged=listing.damaged)

    # -- internals ---------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise VaultError(_("Vault closed"), _("This vault has been closed; open it again."))

    def _require_identity(self) -> age.Identity:
        self._check_open()
        if self._identity is None:
            raise VaultError(_("Vault locked"), _("Unlock the vault with its passphrase first."))
        return self._identity

    def _record_file_names(self, damaged: list[DamagedFile]) -> Iterator[str]:
        """Names of record files in records/, sorted; foreign names are reported as damaged."""
        try:
            with os.scandir(self.records_dir) as it:
                entries = sorted(it, key=lambda e: e.name)
        except FileNotFoundError:
            damaged.append(DamagedFile(RECORDS_DIR, _("the records folder is missing")))
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue  # our temporary files (and the usual hidden clutter)
            if _RECORD_NAME.fullmatch(name) is None:
                damaged.append(DamagedFile(name, _("not a record file (unexpected name)")))
            else:
                yield name

    def _read_record(
        self, name: str, identity: age.Identity, damaged: list[DamagedFile]
    ) -> Record | None:
        result = _read_record_file(self.records_dir, name, identity)
        if isinstance(result, DamagedFile):
            damaged.append(result)
            return None
        return result

    def _resolve(self, record_id: str) -> str:
        """The file name for a full id or unique prefix (hyphens optional, any case)."""
        wanted = record_id.strip().lower()
        if not wanted or _ID_PREFIX.fullmatch(wanted) is None:
            raise VaultError(
                _("No such record"), _("A record id uses the digits 0-9, a-f and hyphens.")
            )
        compact = wanted.replace("-", "")
        matches = [
            name
            for name in self._record_file_names([])
            if name.removesuffix(RECORD_SUFFIX).replace("-", "").startswith(compact)
        ]
        if not matches:
            raise VaultError(
                _("No such record"), _("No record has the id {id}.").format(id=record_id)
            )
        if len(matches) > 1:
            raise VaultError(
                _("Ambiguous id"),
                _("{count} records start with {id}; give more of the id.").format(
                    count=len(matches), id=record_id
                ),
            )
        return matches[0]

    def _write_settings(self) -> None:
        s = self._settings
        lines = [
            "# dialog_kit vault: public settings only, nothing secret (see docs/vault.md).",
            f"format = {FORMAT}",
            "# The manager's own recipient: identity.age holds its secret key.",
            f"recipient = {_toml_string(s.recipient)}",
            "# Extra recipients every record is also encrypted to (for example HR's recovery key).",
            "recipients = [" + ", ".join(_toml_string(r) for r in s.recipients) + "]",
        ]
        if s.pending is not None:
            lines += [
                "# A recipient change in progress: the next unlock finishes it.",
                "pending_recipients = [" + ", ".join(_toml_string(r) for r in s.pending) + "]",
            ]
        lines += [
            "",
            "[settings]",
            f"work_factor = {s.work_factor}",
            f"created = {_toml_string(s.created)}",
            "",
        ]
        write_atomic(self.path / VAULT_FILE, "\n".join(lines).encode("utf-8"))


# -- helpers ----------------------------------------------------------------------


def _read_settings(path: Path) -> _Settings:
    file = path / VAULT_FILE
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise VaultError(
            _("No vault"),
            _("There is no vault at {path}. Create one with `dialog-kit init`.").format(path=path),
        ) from None
    except OSError as exc:
        raise VaultError(_("Vault unreadable"), f"{file}: {exc.strerror}") from None

    def broken(problem: str) -> VaultError:
        return VaultError(_("Vault settings damaged"), f"{file}: {problem}")

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise broken(str(exc)) from None
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise broken(_("'format' must be a whole number from 1 up."))
    if version > FORMAT:
        raise VaultError(
            _("Newer vault"),
            _(
                "{path} was made by a newer dialog_kit (vault format {version}); this version "
                "reads format {ours}. Update dialog_kit; nothing was changed."
            ).format(path=path, version=version, ours=FORMAT),
        )

    def recipient_list(key: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise broken(_("'{key}' must be a list of age1... recipients.").format(key=key))
        try:
            return [str(age.parse_recipient(v)) for v in value]
        except age.AgeError as exc:
            raise broken(f"{key}: {exc.message}") from None

    recipient = data.get("recipient")
    if not isinstance(recipient, str):
        raise broken(_("'recipient' (the vault's own age1... key) is missing."))
    try:
        recipient = str(age.parse_recipient(recipient))
    except age.AgeError as exc:
        raise broken(f"recipient: {exc.message}") from None
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise broken(_("[settings] must be a table."))
    work_factor = settings.get("work_factor", 18)
    if not isinstance(work_factor, int) or not MIN_WORK_FACTOR <= work_factor <= MAX_WORK_FACTOR:
        raise broken(
            _("settings.work_factor must be between {low} and {high}.").format(
                low=MIN_WORK_FACTOR, high=MAX_WORK_FACTOR
            )
        )
    created = settings.get("created", "")
    return _Settings(
        recipient=recipient,
        recipients=recipient_list("recipients"),
        pending=recipient_list("pending_recipients") if "pending_recipients" in data else None,
        work_factor=work_factor,
        created=str(created),
    )


def _parse_identity_text(text: bytes) -> age.Identity:
    for line in text.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith("AGE-SECRET-KEY-1"):
            try:
                return age.parse_identity(line)
            except age.AgeError:
                break
    raise VaultError(_("Identity damaged"), _("identity.age does not hold a valid age identity."))


def _read_lock_holder(fd: int) -> LockHolder:
    try:
        info = json.loads(os.pread(fd, 512, 0) or b"{}")
        pid = info.get("pid")
        return LockHolder(
            pid=pid if isinstance(pid, int) else None,
            host=str(info.get("host", ""))[:64],
            since=str(info.get("since", ""))[:40],
        )
    except (OSError, ValueError, AttributeError):
        return LockHolder(pid=None, host="", since="")


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pauses the cycle collector while records are read.

    A listing keeps thousands of small objects alive and makes no cycles; the
    collector would rescan the growing heap again and again (a quarter of the
    parsing time at 10,000 records). Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_record_file(records_dir: Path, name: str, identity: age.Identity) -> Record | DamagedFile:
    """One record, or a DamagedFile with a plain reason; never raises for a bad file."""
    plaintext = _decrypt_file(records_dir, name, identity)
    if isinstance(plaintext, DamagedFile):
        return plaintext
    return _parse_record(name, plaintext)


def _decrypt_file(records_dir: Path, name: str, identity: age.Identity) -> bytes | DamagedFile:
    try:
        with open(records_dir / name, "rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_RECORD_FILE:
                return DamagedFile(name, _("too large to be a record"))
            data = f.read()
        return age.decrypt(data, [identity])
    except IsADirectoryError:
        return DamagedFile(name, _("a folder, not a record file"))
    except OSError as exc:
        return DamagedFile(name, exc.strerror or type(exc).__name__)
    except age.AgeError as exc:
        return DamagedFile(name, _describe_age_error(exc))


def _parse_record(name: str, plaintext: bytes) -> Record | DamagedFile:
    try:
        record = Record.from_json(plaintext, source=name)
    except InputError as exc:
        reason = _("decrypted, but not a valid record: {reason}").format(reason=exc.message)
        return DamagedFile(name, reason)
    except (ValueError, RecursionError, MemoryError) as exc:
        # A hostile file (absurdly nested JSON, say) must not stop the others from listing.
        return DamagedFile(name, _("unreadable ({error})").format(error=type(exc).__name__))
    if record.id + RECORD_SUFFIX != name:
        return DamagedFile(name, _("the record inside has another id"))
    return record


# -- listing with a helper process -----------------------------------------------------
# Listing costs about 0.4 ms a record: a third decrypting, two thirds validating the
# JSON. A helper process decrypts while this one validates, and hands back plaintext
# bytes (cheap), not parsed records (pickling them back cost more than half of parsing
# them again). The helper is a fresh interpreter, not a fork: forking beside the TUI's
# threads can deadlock. The secret key reaches it through a pipe, never the disk, and
# if anything goes wrong with it this process simply reads the rest itself.

PARALLEL_MIN_FILES = 1500
"""Below this many records the helper's start-up (0.2 to 0.5 s) costs more than it saves."""

HEAD_START = 600
"""Records this process reads in full while the helper starts up."""

_HELPER_CODE = "from dialog_kit.vault import _helper_main; _helper_main()"
_HELPER_TIMEOUT = 30.0


def _parallel_possible() -> bool:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores > 1 and bool(sys.executable)


def _helper_main() -> None:
    """In the helper: decrypts the named files in order; answers status, length, payload."""
    from dialog_kit.i18n import set_language

    job = json.loads(sys.stdin.buffer.readline())
    set_language(job["language"])
    identity = age.parse_identity(job["secret"])
    folder = Path(job["folder"])
    names = [n for n in sys.stdin.buffer.read().decode("utf-8").split("\n") if n]
    out = sys.stdout.buffer
    for name in names:
        result = _decrypt_file(folder, name, identity)
        if isinstance(result, DamagedFile):
            payload, status = result.reason.encode("utf-8"), 1
        else:
            payload, status = result, 0
        out.write(bytes([status]) + len(payload).to_bytes(4, "big") + payload)
    out.flush()


class _HelperStream:
    """Reads the helper's answers without blocking while this process has work of its own."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        os.set_blocking(fd, False)
        self.buffer = bytearray()
        self.pos = 0
        self.eof = False

    def drain(self) -> None:
        while not self.eof:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                return
            if not chunk:
                self.eof = True
            self.buffer += chunk

    def next(self) -> tuple[int, bytes] | None:
        """The next answer; None when the helper stopped early or went quiet."""
        while True:
            available = len(self.buffer) - self.pos
            if available >= 5:
                size = int.from_bytes(self.buffer[self.pos + 1 : self.pos + 5], "big")
                if available >= 5 + size:
                    status = self.buffer[self.pos]
                    start = self.pos + 5
                    payload = bytes(self.buffer[start : start + size])
                    self.pos = start + size
                    if self.pos > 1 << 22:
                        del self.buffer[: self.pos]
                        self.pos = 0
                    return status, payload
            if self.eof:
                return None
            ready, _, _ = select.select([self.fd], [], [], _HELPER_TIMEOUT)
            if not ready:
                return None
            self.drain()


def _read_with_helper(
    records_dir: Path, names: list[str], identity: age.Identity
) -> list[Record | DamagedFile]:
    from dialog_kit.i18n import get_language

    head, tail = names[:HEAD_START], names[HEAD_START:]
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", _HELPER_CODE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError:
        return [_read_record_file(records_dir, n, identity) for n in names]
    assert proc.stdin is not None and proc.stdout is not None
    job = json.dumps(
        {"secret": identity.secret(), "language": get_language(), "folder": str(records_dir)}
    )
    request = (job + "\n" + "\n".join(tail) + "\n").encode("utf-8")
    stdin = proc.stdin

    def send() -> None:
        with contextlib.suppress(OSError):  # the helper died: the rest is read here
            stdin.write(request)
            stdin.close()

    # A thread, because the request can be larger than the pipe while the helper starts.
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    stream = _HelperStream(proc.stdout.fileno())
    outcomes: list[Record | DamagedFile] = []
    try:
        for name in head:
            outcomes.append(_read_record_file(records_dir, name, identity))
            stream.drain()  # keep the helper from waiting on a full pipe
        for index, name in enumerate(tail):
            answer = stream.next()
            if answer is None:
                outcomes += [_read_record_file(records_dir, n, identity) for n in tail[index:]]
                break
            status, payload = answer
            if status == 0:
                outcomes.append(_parse_record(name, payload))
            else:
                outcomes.append(DamagedFile(name, payload.decode("utf-8", "replace")))
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        sender.join()
        proc.stdout.close()
    return outcomes


def _describe_age_error(exc: age.AgeError) -> str:
    if isinstance(exc, age.NoMatchError):
        return _("encrypted for someone else: this vault's key cannot open it")
    return _("damaged: {reason}").format(reason=exc.message)


def _without_private(record: Record) -> Record:
    copy = Record.from_dict(record.to_dict())
    for state in copy.phases.values():
        state.notes = [n for n in state.notes if n.visibility is not Visibility.PRIVATE]
    copy.amendments = [m for m in copy.amendments if m.visibility is not Visibility.PRIVATE]
    return copy


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _handover_note(successor: str, count: int) -> bytes:
    when = datetime.now(UTC).date().isoformat()
    text = f"""dialog_kit handover
===================

This folder holds {count} conversation record(s) handed over from a manager's
dialog_kit vault on {when}. Nothing in this note is confidential: the records
themselves are in records/, one file each, named by a random id.

Every file in records/ is encrypted with age (https://age-encryption.org) to
this recipient only:

    {successor}

The person who holds the matching secret key (AGE-SECRET-KEY-1...) can read a
record with the standard age command:

    age -d -i my-key.txt records/<id>.age > record.json

and add it to their own dialog_kit vault with:

    dialog-kit new --from record.json

Delete record.json afterwards: it is not encrypted. Keep this folder only as
long as the records are needed, then delete it.
"""
    return text.encode("utf-8")


def open_vault(path: Path, passphrase: str | None = None) -> Vault:
    """Opens a vault and unlocks it when a passphrase is given."""
    vault = Vault.open(path)
    if passphrase is not None:
        vault.unlock(passphrase)
    return vault


__all__ = [
    "FORMAT",
    "CheckReport",
    "DamagedFile",
    "HandoverResult",
    "ListResult",
    "LockHolder",
    "Vault",
    "VaultBusyError",
    "VaultError",
    "months_before",
    "open_vault",
    "record_file_name",
]
