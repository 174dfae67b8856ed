"""Crash-safe file writing: a temporary file in the same folder, fsynced, renamed over the old."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import _

TEMP_PREFIX = ".tmp-"
"""Temporary files start with a dot and this prefix; their random rest reveals nothing."""


def temp_name() -> str:
    return f"{TEMP_PREFIX}{secrets.token_hex(8)}"


def is_temp_name(name: str) -> bool:
    return name.startswith(TEMP_PREFIX)


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> os.stat_result:
    """Replaces `path` with `data` so that a crash at any moment leaves the old or the new file.

    The data goes to a temporary file beside `path` (same filesystem, so the
    rename is atomic), is flushed to the disk, renamed over `path`, and then
    the folder itself is fsynced so the rename survives a power cut. On any
    error the temporary file is removed and the old file is left as it was.
    A full disk becomes a DialogKitError with a plain message.

    Returns the status of the file written, taken on its handle after the rename
    (the listing index keeps it: whatever replaces the file later has another).
    """
    path = Path(path)
    folder = path.parent
    tmp = folder / temp_name()
    fd = -1
    try:
        # O_EXCL: never follow or reuse something already there; mode applies from the start.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
        # The umask may have narrowed `mode`; a wider one never applies with os.open.
        os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.replace(tmp, path)
        status = os.fstat(fd)  # after the rename: a rename may change the ctime
    except BaseException as exc:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DialogKitError(
                _("Disk full"),
                _(
                    "There is no room left on the disk to save {name}; the previous version "
                    "is kept. Free some space and try again."
                ).format(name=path.name),
            ) from None
        raise
    os.close(fd)
    fsync_dir(folder)
    return status


def fsync_dir(folder: Path) -> None:
    """Makes a rename or unlink in `folder` durable (a no-op where folders cannot be fsynced)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some filesystems (and all of Windows) refuse fsync on a folder: nothing more to do.
        if exc.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP, errno.EACCES):
            raise
    finally:
        os.close(fd)


def ensure_private_dir(path: Path) -> Path:
    """Creates `path` (and missing parents) with mode 0700 and returns it.

    An existing folder of ours is tightened to 0700 too: a vault folder
    readable by the group is a leak waiting to happen.
    """
    path = Path(path)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o700)
    return path


def remove_durably(path: Path) -> None:
    """Removes a file and fsyncs its folder, so the removal survives a crash."""
    os.unlink(path)
    fsync_dir(Path(path).parent)
