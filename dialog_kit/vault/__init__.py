"""The vault folder: identity, recipients, encrypted records, atomic writes, lock, passphrase.

Layout (docs/vault.md has the full story):

    vault/
      vault.toml          format version, public recipients, settings (nothing secret),
                          the security-relevant part authenticated with a key from the identity
      identity.age        the manager's X25519 identity, age-encrypted with the passphrase
      index.age           the listing index: each record's summary and file status, encrypted
      records/<uuid>.age  one record each, age-encrypted to the vault's recipients
      .lock               who writes right now (flock; released by the OS when a process dies)

Every record is encrypted to the manager's recipient and the extra recipients,
so a passphrase change rewrites only identity.age. There is no plaintext
index: index.age, the listing index, is encrypted like the records, derived
from them and never trusted over them (a record whose file changed is read).

The modules: layout (names, limits, errors), settings (vault.toml and its
authentication), identity, lock, records (record files), index (index.age),
recipients (the resumable change), retention, handover, notices (what an
unlock tells the manager), core (the Vault).
"""

from __future__ import annotations

from .core import (
    CheckReport,
    ListResult,
    SettingsChangedError,
    TalkListing,
    Vault,
    WorkFactorError,
    open_vault,
)
from .handover import HandoverResult, ImportResult
from .layout import (
    FORMAT,
    MAX_RECORD_FILE,
    MAX_WORK_FACTOR,
    MIN_WORK_FACTOR,
    DamagedFile,
    VaultBusyError,
    VaultError,
    record_file_name,
)
from .lock import LockHolder
from .retention import months_before
from .settings import Authentication, AuthState, Secured

__all__ = [
    "FORMAT",
    "MAX_RECORD_FILE",
    "MAX_WORK_FACTOR",
    "MIN_WORK_FACTOR",
    "AuthState",
    "Authentication",
    "CheckReport",
    "DamagedFile",
    "HandoverResult",
    "ImportResult",
    "ListResult",
    "LockHolder",
    "Secured",
    "SettingsChangedError",
    "TalkListing",
    "Vault",
    "VaultBusyError",
    "VaultError",
    "WorkFactorError",
    "months_before",
    "open_vault",
    "record_file_name",
]
