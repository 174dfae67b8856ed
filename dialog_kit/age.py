"""The age v1 file format (age-encryption.org/v1): X25519 and scrypt recipients, STREAM payload.

Follows the C2SP age specification as strictly as the reference implementation
(filippo.io/age): canonical unpadded base64, 64-column stanza bodies, a header
MAC, and the STREAM construction over ChaCha20-Poly1305 in 64 KiB chunks.
Armor, plugins and post-quantum recipients are not supported; stanzas of
other types are skipped, as the specification asks.

Decrypting a small file costs one X25519 exchange, three HKDFs, one HMAC and
two ChaCha20-Poly1305 openings; parsed identities (`Identity`) keep their key
objects so that listing many records does not parse keys again.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from dialog_kit.errors import DialogKitError
from dialog_kit.i18n import _

__all__ = [
    "MAX_HEADER_SIZE",
    "MAX_STANZAS",
    "AgeError",
    "HMACError",
    "HeaderError",
    "Identity",
    "KeyFormatError",
    "NoMatchError",
    "PayloadError",
    "Recipient",
    "decrypt",
    "decrypt_with_passphrase",
    "encrypt",
    "encrypt_with_passphrase",
    "format_identity_file",
    "generate_identity",
    "parse_identity",
    "parse_identity_file",
    "parse_recipient",
    "passphrase_work_factor",
    "recipient_from_identity",
    "stanza_types",
]

# --------------------------------------------------------------------------- errors


class AgeError(DialogKitError):
    """An age file or key could not be used. Messages never carry key material or plaintext."""

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(title or _("Encrypted file unreadable"), message)


class HeaderError(AgeError):
    """The header is malformed, or a stanza is invalid (not merely for another key)."""


class NoMatchError(AgeError):
    """No identity (or the passphrase) opens any stanza of the file."""

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message, title or _("Wrong key"))


class HMACError(AgeError):
    """The header MAC does not match: the header was altered."""


class PayloadError(AgeError):
    """The payload is truncated, extended or altered."""


class KeyFormatError(AgeError):
    """A recipient (age1...) or identity (AGE-SECRET-KEY-1...) string is malformed."""

    exit_code = 2  # a key typed or pasted by the user: bad input, like a bad file

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message, title or _("Invalid key"))


# --------------------------------------------------------------------------- constants

_INTRO = b"age-encryption.org/v1\n"
_STANZA_PREFIX = b"-> "
_MAC_PREFIX = b"--- "
_X25519_LABEL = b"age-encryption.org/v1/X25519"
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
_FILE_KEY_SIZE = 16
_WRAPPED_KEY_SIZE = _FILE_KEY_SIZE + 16
_NONCE_SIZE = 16
_CHUNK_SIZE = 64 * 1024
_TAG_SIZE = 16
_ENC_CHUNK_SIZE = _CHUNK_SIZE + _TAG_SIZE
_ZERO_NONCE = bytes(12)
_BODY_COLUMNS = 64
_RECIPIENT_HRP = "age"
_IDENTITY_HRP = "AGE-SECRET-KEY-"
_MAX_ENCRYPT_WORK_FACTOR = 30

MAX_STANZAS = 64
"""The most recipient stanzas a file may have. The vault encrypts to the manager and a
few extra recipients (HR's recovery key, say); a planted file with hundreds of thousands
of stanzas would otherwise keep every listing busy for a minute and hundreds of MB."""

MAX_HEADER_SIZE = 128 * 1024
"""The largest header read: 64 stanzas of the largest known kind (post-quantum, ~2 KiB)."""

_B64_VALUES = {
    c: i for i, c in enumerate(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}
_VCHAR = re.compile(rb"[\x21-\x7e]+")
_DECIMAL = re.compile(r"[1-9][0-9]{0,1}")

# --------------------------------------------------------------------------- primitives


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _b64encode(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _b64decode(text: bytes) -> bytes:
    """Strict canonical unpadded base64: no padding, no stray characters, no spare bits."""
    rest = len(text) % 4
    if rest == 1 or b"=" in text:
        raise ValueError("not canonical base64")
    if rest:
        # The spare low bits of the last character must be zero, or the encoding is not canonical.
        last = _B64_VALUES.get(text[-1], 0)
        if last & (0x0F if rest == 2 else 0x03):
            raise ValueError("not canonical base64")
    try:
        return binascii.a2b_base64(text + b"=" * (-len(text) % 4), strict_mode=True)
    except binascii.Error as exc:
        raise ValueError("not canonical base64") from exc


def _wrap_body(body: bytes) -> bytes:
    encoded = _b64encode(body)
    lines = [encoded[i : i + _BODY_COLUMNS] for i in range(0, len(encoded), _BODY_COLUMNS)]
    if not lines or len(lines[-1]) == _BODY_COLUMNS:
        lines.append(b"")  # a stanza always ends with a short line, even an empty one
    return b"\n".join(lines) + b"\n"


# --------------------------------------------------------------------------- bech32

_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_REV = {c: i for i, c in enumerate(_BECH32_CHARSET)}
_BECH32_GEN = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _bech32_polymod(values: Sequence[int]) -> int:
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= _BECH32_GEN[i]
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: Sequence[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    acc = 0
    bits = 0
    out: list[int] = []
    maxv = (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (to_bits - bits)) & maxv)
    elif bits >= from_bits or ((acc << (to_bits - bits)) & maxv):
        raise ValueError("invalid padding")
    return out


def bech32_encode(hrp: str, data: bytes) -> str:
    """Bech32 with the BIP 173 checksum and no length limit, as age uses it."""
    upper = hrp.upper() == hrp and hrp.lower() != hrp
    lower_hrp = hrp.lower()
    values = _convert_bits(data, 8, 5, pad=True)
    polymod = _bech32_polymod([*_hrp_expand(lower_hrp), *values, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    text = lower_hrp + "1" + "".join(_BECH32_CHARSET[v] for v in values + checksum)
    return text.upper() if upper else text


def bech32_decode(text: str) -> tuple[str, bytes]:
    """Returns (hrp as written, data); raises ValueError for any defect."""
    if text.lower() != text and text.upper() != text:
        raise ValueError("mixed case")
    if any(ord(c) < 33 or ord(c) > 126 for c in text):
        raise ValueError("invalid character")
    pos = text.rfind("1")
    if pos < 1 or pos + 7 > len(text):
        raise ValueError("separator misplaced")
    hrp = text[:pos]
    lowered = text.lower()
    try:
        values = [_BECH32_REV[c] for c in lowered[pos + 1 :]]
    except KeyError as exc:
        raise ValueError("invalid character") from exc
    if _bech32_polymod([*_hrp_expand(hrp.lower()), *values]) != 1:
        raise ValueError("invalid checksum")
    return hrp, bytes(_convert_bits(values[:-6], 5, 8, pad=False))


# --------------------------------------------------------------------------- keys


@dataclass(frozen=True)
class Recipient:
    """A parsed X25519 recipient (age1...)."""

    public_bytes: bytes
    _key: X25519PublicKey = field(repr=False, compare=False)

    def __str__(self) -> str:
        return bech32_encode(_RECIPIENT_HRP, self.public_bytes)


class Identity:
    """A parsed X25519 identity with its key object and recipient bytes cached."""

    __slots__ = ("_private", "public_bytes")

    def __init__(self, private_key: X25519PrivateKey) -> None:
        self._private = private_key
        self.public_bytes = private_key.public_key().public_bytes_raw()

    @classmethod
    def generate(cls) -> Identity:
        return cls(X25519PrivateKey.generate())

    @classmethod
    def parse(cls, secret: str) -> Identity:
        return parse_identity(secret)

    @property
    def recipient(self) -> str:
        return bech32_encode(_RECIPIENT_HRP, self.public_bytes)

    def secret(self) -> str:
        """The AGE-SECRET-KEY-1... string (handle with care)."""
        return bech32_encode(_IDENTITY_HRP, self._private.private_bytes_raw())

    def derive_key(self, label: bytes) -> bytes:
        """A 32-byte key for `label` (HKDF-SHA-256 of the secret key): as secret as the identity."""
        return _hkdf(self._private.private_bytes_raw(), b"", label)

    def __repr__(self) -> str:  # never show the secret
        return f"Identity(recipient={self.recipient!r})"

    def _unwrap(self, args: list[bytes], body: bytes) -> bytes | None:
        """The file key, None when the stanza is for another key; HeaderError when invalid."""
        if len(args) != 2:
            raise HeaderError(_("An X25519 stanza has the wrong number of arguments."))
        try:
            share = _b64decode(args[1])
        except ValueError:
            raise HeaderError(_("An X25519 stanza has an invalid share.")) from None
        if len(share) != 32:
            raise HeaderError(_("An X25519 stanza has a share of the wrong length."))
        if len(body) != _WRAPPED_KEY_SIZE:
            raise HeaderError(_("An X25519 stanza has a wrapped key of the wrong length."))
        try:
            shared = self._private.exchange(X25519PublicKey.from_public_bytes(share))
        except ValueError:
            # OpenSSL refuses low-order points, whose shared secret is all zeros.
            raise HeaderError(_("An X25519 stanza has a low-order share.")) from None
        if shared == bytes(32):
            raise HeaderError(_("An X25519 stanza has a low-order share."))
        wrap_key = _hkdf(shared, share + self.public_bytes, _X25519_LABEL)
        try:
            return ChaCha20Poly1305(wrap_key).decrypt(_ZERO_NONCE, body, None)
        except InvalidTag:
            return None


def parse_recipient(text: str) -> Recipient:
    """Parses an age1... X25519 recipient; KeyFormatError (an AgeError) when malformed."""
    recipient = _parse_recipient_form(text)
    # The spec makes an all-zero shared secret an error: a low-order key gives one with any
    # secret (a clamped scalar is a multiple of the cofactor), so one exchange shows it.
    _shared_secret(X25519PrivateKey.generate(), recipient._key)
    return recipient


def _parse_recipient_form(text: str) -> Recipient:
    """The recipient's bech32 form checked; its order is left to the caller (encrypt)."""
    if not isinstance(text, str):
        raise KeyFormatError(_("A recipient must be text starting with age1."))
    text = text.strip()
    try:
        hrp, data = bech32_decode(text)
    except ValueError:
        raise KeyFormatError(
            _("Not a valid age recipient: expected age1 followed by 58 letters and digits.")
        ) from None
    if hrp != _RECIPIENT_HRP:
        raise KeyFormatError(_("Not an age X25519 recipient: it must start with age1."))
    if len(data) != 32:
        raise KeyFormatError(_("Not a valid age recipient: the key has the wrong length."))
    return Recipient(data, X25519PublicKey.from_public_bytes(data))


def _shared_secret(private: X25519PrivateKey, public: X25519PublicKey) -> bytes:
    """The X25519 shared secret; KeyFormatError for a low-order key (an all-zero secret)."""
    try:
        shared = private.exchange(public)
    except ValueError:  # OpenSSL refuses low-order points itself
        shared = bytes(32)
    if shared == bytes(32):
        raise KeyFormatError(
            _(
                "This age recipient is a low-order X25519 key: nothing can be encrypted to it "
                "safely (the age specification forbids it)."
            )
        )
    return shared


def parse_identity(text: str) -> Identity:
    """Parses an AGE-SECRET-KEY-1... identity; KeyFormatError (an AgeError) when malformed."""
    if not isinstance(text, str):
        raise KeyFormatError(_("An identity must be text starting with AGE-SECRET-KEY-1."))
    try:
        hrp, data = bech32_decode(text.strip())
    except ValueError:
        raise KeyFormatError(_("Not a valid age identity.")) from None
    if hrp != _IDENTITY_HRP:
        raise KeyFormatError(_("Not an age X25519 identity: it must start with AGE-SECRET-KEY-1."))
    if len(data) != 32:
        raise KeyFormatError(_("Not a valid age identity: the key has the wrong length."))
    return Identity(X25519PrivateKey.from_private_bytes(data))


def generate_identity() -> tuple[str, str]:
    """A new X25519 identity: (AGE-SECRET-KEY-1..., age1...)."""
    identity = Identity.generate()
    return identity.secret(), identity.recipient


def recipient_from_identity(secret: str | Identity) -> str:
    """The age1... recipient of an identity."""
    identity = secret if isinstance(secret, Identity) else parse_identity(secret)
    return identity.recipient


def parse_identity_file(text: str) -> list[Identity]:
    """The identities in an age key file as age-keygen writes it ('#' comments, blank lines)."""
    identities = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(parse_identity(line))
        except KeyFormatError:
            raise KeyFormatError(
                _("Line {number} of the key file is not an age identity.").format(number=number)
            ) from None
    if not identities:
        raise KeyFormatError(_("The key file holds no age identity."))
    return identities


def format_identity_file(identity: str | Identity, created: str | None = None) -> str:
    """An age key file for one identity, in age-keygen's layout (readable by `age -d -i`)."""
    parsed = identity if isinstance(identity, Identity) else parse_identity(identity)
    header = f"# created: {created}\n" if created else ""
    return f"{header}# public key: {parsed.recipient}\n{parsed.secret()}\n"


# --------------------------------------------------------------------------- header


@dataclass
class _Stanza:
    args: list[bytes]  # args[0] is the type
    body: bytes


@dataclass
class _Header:
    stanzas: list[_Stanza]
    mac_input: bytes  # everything up to and including "---"
    mac: bytes
    payload_start: int


def _parse_header(data: bytes) -> _Header:
    if not data.startswith(_INTRO):
        first_line = data.split(b"\n", 1)[0]
        if first_line.startswith(b"age-encryption.org/v1"):
            raise HeaderError(_("The file header is malformed."))
        if first_line.startswith(b"age-encryption.org/"):
            raise HeaderError(_("This age format version is not supported."))
        if first_line.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----"):
            raise HeaderError(_("ASCII-armored age files are not supported."))
        raise HeaderError(_("This is not an age encrypted file."))
    pos = len(_INTRO)
    stanzas: list[_Stanza] = []
    size = len(data)
    # Lines are only looked for within the header's limit: a planted file of many
    # megabytes without a newline must not be scanned to its end, let alone kept.
    limit = min(size, MAX_HEADER_SIZE)

    def next_line_end(start: int) -> int:
        end = data.find(b"\n", start, limit)
        if end < 0:
            if size > MAX_HEADER_SIZE:
                raise HeaderError(
                    _("The file header is larger than {size} KiB, the most that is read.").format(
                        size=MAX_HEADER_SIZE // 1024
                    )
                )
            raise HeaderError(_("The file header is incomplete."))
        return end

    while True:
        end = next_line_end(pos)
        line = data[pos:end]
        if line.startswith(b"---"):
            if not line.startswith(_MAC_PREFIX) or len(line) != len(_MAC_PREFIX) + 43:
                raise HeaderError(_("The file header has a malformed closing line."))
            try:
                mac = _b64decode(line[len(_MAC_PREFIX) :])
            except ValueError:
                raise HeaderError(_("The file header has a malformed closing line.")) from None
            if len(mac) != 32:
                raise HeaderError(_("The file header has a malformed closing line."))
            break
        if not line.startswith(_STANZA_PREFIX):
            raise HeaderError(_("The file header has a malformed line."))
        args = line[len(_STANZA_PREFIX) :].split(b" ")
        for arg in args:
            if _VCHAR.fullmatch(arg) is None:
                raise HeaderError(_("A stanza in the file header has an invalid argument."))
        pos = end + 1
        body_parts: list[bytes] = []
        while True:
            end = next_line_end(pos)
            body_line = data[pos:end]
            pos = end + 1
            if len(body_line) > _BODY_COLUMNS:
                raise HeaderError(_("A stanza in the file header has an over-long line."))
            body_parts.append(body_line)
            if len(body_line) < _BODY_COLUMNS:
                break
        try:
            body = _b64decode(b"".join(body_parts))
        except ValueError:
            raise HeaderError(_("A stanza in the file header is not valid base64.")) from None
        stanzas.append(_Stanza(args, body))
        if len(stanzas) > MAX_STANZAS:
            raise HeaderError(
                _(
                    "The file header has more than {count} recipients, the most that is read."
                ).format(count=MAX_STANZAS)
            )
        if pos >= size:
            raise HeaderError(_("The file header is incomplete."))
    if not stanzas:
        raise HeaderError(_("The file header has no recipients."))
    if len(stanzas) > 1 and any(s.args[0] == b"scrypt" for s in stanzas):
        raise HeaderError(_("A passphrase-protected file must not have other recipients."))
    return _Header(stanzas, data[: pos + 3], mac, end + 1)


def _verify_mac(header: _Header, file_key: bytes) -> None:
    mac_key = _hkdf(file_key, b"", b"header")
    if not hmac.compare_digest(hmac.digest(mac_key, header.mac_input, hashlib.sha256), header.mac):
        raise HMACError(_("The file header has been altered (its MAC does not match)."))


def _write_header(stanzas: Sequence[tuple[Sequence[bytes], bytes]], file_key: bytes) -> bytes:
    parts = [_INTRO]
    for args, body in stanzas:
        parts.append(_STANZA_PREFIX + b" ".join(args) + b"\n")
        parts.append(_wrap_body(body))
    parts.append(b"---")
    mac_input = b"".join(parts)
    mac = hmac.digest(_hkdf(file_key, b"", b"header"), mac_input, hashlib.sha256)
    return mac_input + b" " + _b64encode(mac) + b"\n"


# --------------------------------------------------------------------------- payload (STREAM)


def _chunk_nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _encrypt_payload(file_key: bytes, data: bytes) -> bytes:
    nonce = os.urandom(_NONCE_SIZE)
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    # A non-empty payload that fills its last chunk exactly ends with that full chunk.
    count = max(1, -(-len(data) // _CHUNK_SIZE))
    out = [nonce]
    for i in range(count):
        chunk = data[i * _CHUNK_SIZE : (i + 1) * _CHUNK_SIZE]
        out.append(aead.encrypt(_chunk_nonce(i, i == count - 1), chunk, None))
    return b"".join(out)


def _decrypt_payload(file_key: bytes, data: bytes, start: int) -> bytes:
    nonce = data[start : start + _NONCE_SIZE]
    if len(nonce) != _NONCE_SIZE:
        raise HeaderError(_("The file ends before its payload begins."))
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    pos = start + _NONCE_SIZE
    size = len(data)
    if pos >= size:
        raise PayloadError(_("The encrypted content is missing."))
    out: list[bytes] = []
    counter = 0
    while True:
        end = pos + _ENC_CHUNK_SIZE
        last = end >= size
        chunk = data[pos:end]
        try:
            # Everything after the previous chunk must be this chunk marked last, or a
            # full chunk followed by more; trailing data and missing ends fail here.
            plain = aead.decrypt(_chunk_nonce(counter, last), chunk, None)
        except InvalidTag:
            raise PayloadError(
                _("The encrypted content is damaged, truncated or extended.")
            ) from None
        if last:
            if not plain and counter > 0:
                raise PayloadError(_("The encrypted content ends with an empty chunk."))
            out.append(plain)
            break
        out.append(plain)
        counter += 1
        pos = end
    return out[0] if len(out) == 1 else b"".join(out)


# --------------------------------------------------------------------------- public API


def _as_identity(value: str | Identity) -> Identity:
    return value if isinstance(value, Identity) else parse_identity(value)


def _as_recipient(value: str | Recipient) -> Recipient:
    # encrypt() checks the order with its own exchange: no second one here.
    return value if isinstance(value, Recipient) else _parse_recipient_form(value)


def encrypt(data: bytes, recipients: Sequence[str | Recipient]) -> bytes:
    """Encrypts to one or more X25519 recipients (age1... strings or parsed Recipients)."""
    if isinstance(recipients, str | Recipient):
        raise TypeError("recipients must be a sequence")
    parsed = [_as_recipient(r) for r in recipients]
    if not parsed:
        raise AgeError(_("There is no recipient to encrypt to."))
    if len(parsed) > MAX_STANZAS:
        # Never write a file that decrypt() would refuse.
        raise AgeError(
            _("A file can be encrypted to at most {count} recipients.").format(count=MAX_STANZAS)
        )
    file_key = os.urandom(_FILE_KEY_SIZE)
    stanzas: list[tuple[Sequence[bytes], bytes]] = []
    for recipient in parsed:
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes_raw()
        shared = _shared_secret(ephemeral, recipient._key)
        wrap_key = _hkdf(shared, share + recipient.public_bytes, _X25519_LABEL)
        body = ChaCha20Poly1305(wrap_key).encrypt(_ZERO_NONCE, file_key, None)
        stanzas.append(((b"X25519", _b64encode(share)), body))
    return _write_header(stanzas, file_key) + _encrypt_payload(file_key, bytes(data))


def decrypt(data: bytes, identities: Sequence[str | Identity]) -> bytes:
    """Decrypts with X25519 identities (AGE-SECRET-KEY-1... strings or parsed Identities)."""
    if isinstance(identities, str | Identity):
        raise TypeError("identities must be a sequence")
    parsed = [_as_identity(i) for i in identities]
    header = _parse_header(data)
    file_key: bytes | None = None
    for identity in parsed:
        for stanza in header.stanzas:
            if stanza.args[0] != b"X25519":
                continue  # another recipient type: not for us
            file_key = identity._unwrap(stanza.args, stanza.body)
            if file_key is not None:
                break
        if file_key is not None:
            break
    if file_key is None:
        raise NoMatchError(_("None of the given keys can open this file."))
    if len(file_key) != _FILE_KEY_SIZE:  # pragma: no cover - the body length is checked
        raise HeaderError(_("The file key has the wrong length."))
    _verify_mac(header, file_key)
    return _decrypt_payload(file_key, data, header.payload_start)


def stanza_types(data: bytes) -> list[str]:
    """The type of each recipient stanza in an age file's header ("X25519", "scrypt", ...).

    X25519 stanzas do not say whom they are for: this is all a header reveals.
    """
    return [stanza.args[0].decode("ascii") for stanza in _parse_header(data).stanzas]


def passphrase_work_factor(data: bytes) -> int:
    """The scrypt work factor a passphrase-protected file says it uses (not yet authenticated:
    decrypt_with_passphrase verifies the header it comes from)."""
    header = _parse_header(data)
    stanza = header.stanzas[0]
    if len(header.stanzas) != 1 or stanza.args[0] != b"scrypt" or len(stanza.args) != 3:
        raise NoMatchError(_("This file is not protected by a passphrase."))
    text = stanza.args[2].decode("ascii")
    if _DECIMAL.fullmatch(text) is None:
        raise HeaderError(_("The passphrase stanza has an invalid work factor."))
    return int(text)


def _scrypt_key(passphrase: str | bytes, salt: bytes, work_factor: int) -> bytes:
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    kdf = Scrypt(salt=_SCRYPT_LABEL + salt, length=32, n=1 << work_factor, r=8, p=1)
    try:
        return kdf.derive(secret)
    except (MemoryError, ValueError):
        # scrypt needs 2**work_factor KiB of memory: 256 MiB at 18, 4 GiB at 22.
        raise AgeError(
            _("There is not enough memory to check the passphrase (work factor {factor}).").format(
                factor=work_factor
            )
        ) from None


def encrypt_with_passphrase(data: bytes, passphrase: str | bytes, work_factor: int = 18) -> bytes:
    """Encrypts with an scrypt passphrase stanza (N = 2**work_factor, r = 8, p = 1)."""
    if not 1 <= work_factor <= _MAX_ENCRYPT_WORK_FACTOR:
        raise ValueError(f"work_factor must be between 1 and {_MAX_ENCRYPT_WORK_FACTOR}")
    if not passphrase:
        raise AgeError(_("The passphrase must not be empty."))
    file_key = os.urandom(_FILE_KEY_SIZE)
    salt = os.urandom(16)
    wrap_key = _scrypt_key(passphrase, salt, work_factor)
    body = ChaCha20Poly1305(wrap_key).encrypt(_ZERO_NONCE, file_key, None)
    stanza = ((b"scrypt", _b64encode(salt), str(work_factor).encode()), body)
    return _write_header([stanza], file_key) + _encrypt_payload(file_key, bytes(data))


def decrypt_with_passphrase(
    data: bytes, passphrase: str | bytes, max_work_factor: int = 22
) -> bytes:
    """Decrypts a passphrase-protected file; work factors above max_work_factor are refused."""
    header = _parse_header(data)
    stanza = header.stanzas[0]
    if len(header.stanzas) != 1 or stanza.args[0] != b"scrypt":
        raise NoMatchError(_("This file is not protected by a passphrase."))
    if len(stanza.args) != 3:
        raise HeaderError(_("The passphrase stanza has the wrong number of arguments."))
    try:
        salt = _b64decode(stanza.args[1])
    except ValueError:
        raise HeaderError(_("The passphrase stanza has an invalid salt.")) from None
    if len(salt) != 16:
        raise HeaderError(_("The passphrase stanza has a salt of the wrong length."))
    factor_text = stanza.args[2].decode("ascii")
    if _DECIMAL.fullmatch(factor_text) is None:
        raise HeaderError(_("The passphrase stanza has an invalid work factor."))
    work_factor = int(factor_text)
    if work_factor > max_work_factor:
        raise HeaderError(
            _("The passphrase work factor {factor} is above the limit {limit}.").format(
                factor=work_factor, limit=max_work_factor
            )
        )
    if len(stanza.body) != _WRAPPED_KEY_SIZE:
        raise HeaderError(_("The passphrase stanza has a wrapped key of the wrong length."))
    wrap_key = _scrypt_key(passphrase, salt, work_factor)
    try:
        file_key = ChaCha20Poly1305(wrap_key).decrypt(_ZERO_NONCE, stanza.body, None)
    except InvalidTag:
        raise NoMatchError(_("The passphrase is wrong."), _("Wrong passphrase")) from None
    _verify_mac(header, file_key)
    return _decrypt_payload(file_key, data, header.payload_start)
