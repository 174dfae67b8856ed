"""Who may talk to the server: the listening address, the secret token, Host and Origin.

Pure functions with no web framework, so the rules can be read and tested on their own.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass

from dialog_kit.errors import UsageError
from dialog_kit.i18n import _

LOOPBACK_NAMES = ("127.0.0.1", "::1", "localhost")


def new_token() -> str:
    """256 random bits, URL-safe: new at every start, never written to disk."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind_address(host: str, *, allow_remote: bool) -> str:
    """The IP address to listen on: a loopback one unless `allow_remote` says otherwise.

    'localhost' becomes 127.0.0.1, so what is listened on is exactly what is checked
    in the Host header (a name could resolve to something else later).
    """
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise UsageError(
            _("Bad address"),
            _("--host takes an IP address such as 127.0.0.1, not {host!r}.").format(host=host),
        ) from None
    if not address.is_loopback and not allow_remote:
        raise UsageError(
            _("Not on this machine only"),
            _(
                "{host} can be reached from other computers. The app shows confidential "
                "notes: serve it on 127.0.0.1, or add --allow-remote if you really mean it."
            ).format(host=host),
        )
    return str(address)


@dataclass(frozen=True)
class Guard:
    """The checks every request passes before it reaches the app."""

    host: str
    port: int
    token: str

    @property
    def authority(self) -> str:
        """host:port as a browser writes it in the Host header ([::1]:8000 for IPv6)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def origin(self) -> str:
        return f"http://{self.authority}"

    @property
    def url(self) -> str:
        """The address to open: the token is the first part of the path."""
        return f"{self.origin}/{self.token}/"

    def host_ok(self, header: str | None) -> bool:
        """Only our own address: a page on a rebound DNS name sends that name here."""
        return header is not None and header.lower() == self.authority.lower()

    def origin_ok(self, header: str | None, *, required: bool) -> bool:
        """A browser names the page that made the request; it must be ours.

        Plain navigations carry no Origin; a websocket always does in a browser,
        so for the websocket a missing Origin is refused too.
        """
        if header is None:
            return not required
        return header.lower() == self.origin.lower()

    def fetch_site_ok(self, header: str | None) -> bool:
        """Sec-Fetch-Site, where the browser sends it: typed by the user or from our page."""
        return header is None or header in ("same-origin", "none")

    def token_ok(self, candidate: str) -> bool:
        return hmac.compare_digest(candidate.encode(), self.token.encode())
