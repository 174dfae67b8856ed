"""The vault's encrypted JSON files beside the records (people.age, briefings.age): read safely."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dialog_kit import age
from dialog_kit.errors import InputError
from dialog_kit.i18n import _
from dialog_kit.safe_files import TooLargeError, UnsafeFileError, read_file

from .layout import VaultError

T = TypeVar("T")


def read_sealed(
    path: Path,
    limit: int,
    identity: age.Identity,
    *,
    empty: Callable[[], T],
    parse: Callable[[bytes], T],
    damaged: Callable[[str], VaultError],
    too_large: str,
    not_valid: str,
) -> T:
    """What the file holds, or `empty()` when there is no file yet.

    A damaged, foreign or planted file is `damaged(reason)`: it is never silently
    taken for an empty one, which the next save would write over. `not_valid` is
    the reason when the plaintext is refused, with `{reason}` for why.
    """
    try:
        data = read_file(path, limit)
    except FileNotFoundError:
        return empty()
    except TooLargeError:
        raise damaged(too_large) from None
    except UnsafeFileError as exc:
        raise damaged(exc.reason) from None
    except OSError as exc:
        raise damaged(exc.strerror or type(exc).__name__) from None
    try:
        plaintext = age.decrypt(data, [identity])
    except age.NoMatchError:
        raise damaged(_("encrypted for someone else: this vault's key cannot open it")) from None
    except age.AgeError as exc:
        raise damaged(_("damaged: {reason}").format(reason=exc.message)) from None
    try:
        return parse(plaintext)
    except InputError as exc:
        raise damaged(not_valid.format(reason=exc.message)) from None
