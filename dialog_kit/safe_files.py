"""Reading files that may be hostile: no links followed, no special files, never more than a limit.

The vault may sit in a synced or shared folder that other people and programs
can write to, and guide folders are shared by design. A file there may be
replaced by a link (to /dev/zero, to another user's file), a named pipe that
never delivers, a folder, or something huge. Every such file is read through
`read_file`: opened without following a link and without blocking, checked on
the open handle (so it cannot be swapped between the check and the read), and
read only up to its limit.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from dialog_kit.errors import InputError
from dialog_kit.i18n import _

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class UnsafeFileError(InputError):
    """A file is not a plain regular file within its size limit (exit code 2).

    `reason` is a plain phrase ("a link, which is not followed") that callers
    listing a vault can show beside the file's name.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(_("Unusable file"), f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def read_file(
    path: Path | str,
    limit: int,
    *,
    follow_links: bool = False,
    allow_pipe: bool = False,
) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.

    Raises UnsafeFileError for a link (unless `follow_links`: for a path the user
    named on the command line), a folder, a device, a socket, a pipe (unless
    `allow_pipe`: a passphrase from `<(pass show ...)`), or a file larger than
    `limit`. Other OSErrors (missing, permission denied) pass through as they are.
    """
    return read_file_and_stat(path, limit, follow_links=follow_links, allow_pipe=allow_pipe)[0]


def read_file_and_stat(
    path: Path | str,
    limit: int,
    *,
    follow_links: bool = False,
    allow_pipe: bool = False,
) -> tuple[bytes, os.stat_result]:
    """read_file, and the status of the very file read (taken on its open handle).

    The listing index keeps a record's size, times and inode beside what it read
    from it: the status must be that of the file read, not of whatever the name
    points to a moment later.
    """
    path = Path(path)
    flags = os.O_RDONLY | _O_CLOEXEC | _O_NONBLOCK | (0 if follow_links else _O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        # Linux says ELOOP for a link met with O_NOFOLLOW, FreeBSD EMLINK.
        if not follow_links and exc.errno in (errno.ELOOP, errno.EMLINK):
            raise UnsafeFileError(path, _("a link, which is not followed")) from None
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing
            raise UnsafeFileError(path, _("not a regular file")) from None
        raise
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise UnsafeFileError(path, _("a folder, not a file"))
        pipe = stat.S_ISFIFO(mode)
        if not stat.S_ISREG(mode) and not (pipe and allow_pipe):
            raise UnsafeFileError(
                path, _("not a regular file (a device, a pipe or a socket), so it is not read")
            )
        if info.st_size > limit:
            raise too_large(path, limit)
        # Opened without blocking (a FIFO would otherwise hang the open); reading blocks again.
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        remaining = limit + 1  # one byte more tells a file that grew past the limit
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise too_large(path, limit)
    return data, info


class TooDeepError(InputError):
    """Text that parses, but only by recursing too deep (or with absurd numbers) (exit code 2)."""

    def __init__(self, reason: str) -> None:
        super().__init__(_("Unusable file"), reason)
        self.reason = reason


def load_toml(text: str) -> dict[str, Any]:
    """tomllib.loads for hostile text: deep nesting and huge numbers become TooDeepError.

    tomllib recurses once per level of nested arrays and inline tables, so a few
    hundred `[` exhaust the stack; and it turns digits into int() unchecked.
    TOMLDecodeError passes through for the caller to place in the file.
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        raise TooDeepError(_("is nested too deeply to be read")) from None
    except ValueError:  # int() of thousands of digits
        raise TooDeepError(_("holds a number too long to be read")) from None


class TooLargeError(UnsafeFileError):
    """A file larger than the limit it is read with."""


def too_large(path: Path, limit: int) -> TooLargeError:
    return TooLargeError(
        path, _("larger than {size}, the most that is read").format(size=format_size(limit))
    )


def format_size(size: int) -> str:
    """1048576 -> '1 MiB'; for limits, which are round numbers."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} B"


def is_real_folder(path: Path) -> bool:
    """True for a folder that is not a link to one (lstat, not stat)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


__all__ = [
    "TooDeepError",
    "TooLargeError",
    "UnsafeFileError",
    "format_size",
    "is_real_folder",
    "load_toml",
    "read_file",
    "read_file_and_stat",
    "too_large",
]
