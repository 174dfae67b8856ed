"""The write lock: flock on .lock, with who holds it written inside (nothing confidential)."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dialog_kit.atomic import is_temp_name
from dialog_kit.i18n import _

from .layout import LOCK_FILE, VaultBusyError, VaultError

_NO_LINKS = (
    getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
)
"""How .lock is opened: a link planted in its place (to a file of the user's) would be
truncated by the next save if followed; a FIFO there would hang the open."""


def _open_lock_file(path: Path, flags: int) -> int:
    """Opens .lock, refusing a link, a FIFO or anything but a regular file."""
    try:
        fd = os.open(path, flags | _NO_LINKS, 0o600)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK, errno.ENXIO):
            raise _not_a_lock_file(path) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise _not_a_lock_file(path)
    os.set_blocking(fd, True)
    return fd


def _not_a_lock_file(path: Path) -> VaultBusyError:
    # "Busy", so the app opens read-only: the notes can still be read, nothing is written.
    return VaultBusyError(
        _("Lock file replaced"),
        _(
            "{path} is a link or a special file, not dialog_kit's lock file; nothing was "
            "written. Someone with access to the vault folder put it there: remove it, "
            "check the folder, then try again."
        ).format(path=path),
    )


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


def take(vault_path: Path) -> tuple[int, bool]:
    """Opens and flocks .lock without waiting: (fd, True when the filesystem has no locks).

    VaultBusyError when another process holds it or the folder cannot be written.
    """
    try:
        fd = _open_lock_file(vault_path / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        raise VaultBusyError(
            _("Vault read-only"),
            _("This vault folder cannot be written by you; you can read but not save."),
        ) from None
    unsupported = False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            # A filesystem without locks (some network shares): writing stays atomic,
            # but nothing keeps a second machine out. docs/vault.md says so.
            unsupported = True
        else:
            holder = read_lock_holder(fd)
            os.close(fd)
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            raise VaultBusyError(
                _("Vault in use"),
                _(
                    "Another dialog-kit ({holder}) is writing to this vault. You can read, "
                    "but changes cannot be saved until it closes."
                ).format(holder=holder.describe()),
            ) from None
    return fd, unsupported


def _host() -> str:
    """This computer's name, as socket.gethostname gives it (without loading socket)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def write_holder(fd: int) -> None:
    """Writes this process's id, host and time into the held lock file."""
    since = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    info = json.dumps({"pid": os.getpid(), "host": _host(), "since": since})
    os.ftruncate(fd, 0)
    os.pwrite(fd, info.encode() + b"\n", 0)


def release(fd: int) -> None:
    """Empties and unlocks the lock file, then closes it."""
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        # Closing the file would release the lock too; unlocking first says so explicitly.
        fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def holder(vault_path: Path) -> LockHolder | None:
    """Who holds the write lock now (None when nobody does)."""
    try:
        fd = _open_lock_file(vault_path / LOCK_FILE, os.O_RDONLY)
    except (OSError, VaultError):
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return read_lock_holder(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def read_lock_holder(fd: int) -> LockHolder:
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


def remove_stale_temp_files(folders: tuple[Path, ...]) -> None:
    """Temporary files left by a crash: safe to remove while we hold the write lock."""
    for folder in folders:
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if is_temp_name(entry.name) and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
