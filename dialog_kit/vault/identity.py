"""identity.age's plaintext: the manager's X25519 identity in age-keygen's format."""

from __future__ import annotations

from datetime import UTC, datetime

from dialog_kit import age
from dialog_kit.i18n import _

from .layout import VaultError
from .settings import IDENTITY_MARKER


def identity_text(identity: age.Identity) -> str:
    """The identity in age-keygen's format, so `age -d -i identity.age` can use it directly,
    with the line that says this vault's settings are authenticated (a comment to age)."""
    created = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return (
        f"# created: {created}\n# public key: {identity.recipient}\n{IDENTITY_MARKER}\n"
        f"{identity.secret()}\n"
    )


def is_marked(text: bytes) -> bool:
    """Whether a decrypted identity.age says the vault's settings are authenticated."""
    marker = IDENTITY_MARKER.encode("ascii")
    return any(line.strip() == marker for line in text.splitlines())


def parse_identity_text(text: bytes) -> age.Identity:
    """The identity in a decrypted identity.age; VaultError when it holds none."""
    for line in text.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith("AGE-SECRET-KEY-1"):
            try:
                return age.parse_identity(line)
            except age.AgeError:
                break
    raise VaultError(_("Identity damaged"), _("identity.age does not hold a valid age identity."))
