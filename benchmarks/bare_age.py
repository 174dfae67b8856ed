"""The least age decryption can be, on `cryptography` alone: what the bare baselines use.

No dialog_kit import: a bare baseline process must not pay for ours. It does
what decrypting an age file cannot avoid (the stanza, the header MAC, every
payload chunk) and checks nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

ZERO_NONCE = bytes(12)
CHUNK = 64 * 1024 + 16
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _b64(text: bytes) -> bytes:
    return base64.b64decode(text + b"=" * (-len(text) % 4))


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _split(data: bytes) -> tuple[bytes, bytes, list[tuple[list[bytes], bytes]], bytes]:
    end = data.index(b"\n---")
    header = data[: end + 4]
    line_end = data.index(b"\n", end + 1)
    mac = _b64(data[end + 5 : line_end])
    lines = header.split(b"\n")
    stanzas = []
    i = 1
    while lines[i].startswith(b"-> "):
        args = lines[i][3:].split(b" ")
        i += 1
        body = b""
        while True:
            piece = lines[i]
            i += 1
            body += piece
            if len(piece) < 64:
                break
        stanzas.append((args, _b64(body)))
    return header, mac, stanzas, data[line_end + 1 :]


def _payload(file_key: bytes, header: bytes, mac: bytes, payload: bytes) -> bytes:
    mac_key = _hkdf(file_key, b"", b"header")
    if not hmac.compare_digest(hmac.digest(mac_key, header, hashlib.sha256), mac):
        raise ValueError("bad header MAC")
    aead = ChaCha20Poly1305(_hkdf(file_key, payload[:16], b"payload"))
    sealed = payload[16:]
    count = max(1, -(-len(sealed) // CHUNK))
    out = []
    for n in range(count):
        flag = b"\x01" if n == count - 1 else b"\x00"
        out.append(
            aead.decrypt(n.to_bytes(11, "big") + flag, sealed[n * CHUNK : (n + 1) * CHUNK], None)
        )
    return b"".join(out)


def decrypt_with_passphrase(data: bytes, passphrase: bytes) -> bytes:
    header, mac, stanzas, payload = _split(data)
    (_kind, salt, factor), body = stanzas[0]
    key = Scrypt(
        salt=b"age-encryption.org/v1/scrypt" + _b64(salt), length=32, n=1 << int(factor), r=8, p=1
    ).derive(passphrase)
    return _payload(ChaCha20Poly1305(key).decrypt(ZERO_NONCE, body, None), header, mac, payload)


class Identity:
    def __init__(self, text: bytes) -> None:
        line = next(x for x in text.split(b"\n") if x.startswith(b"AGE-SECRET-KEY-1"))
        words = [BECH32.index(c) for c in line.decode().lower().rpartition("1")[2][:-6]]
        bits, acc, raw = 0, 0, bytearray()
        for word in words:
            acc, bits = (acc << 5) | word, bits + 5
            if bits >= 8:
                bits -= 8
                raw.append((acc >> bits) & 0xFF)
        self.private = X25519PrivateKey.from_private_bytes(bytes(raw[:32]))
        self.public = self.private.public_key().public_bytes_raw()

    def decrypt(self, data: bytes) -> bytes:
        header, mac, stanzas, payload = _split(data)
        for args, body in stanzas:
            share = _b64(args[1])
            shared = self.private.exchange(X25519PublicKey.from_public_bytes(share))
            wrap = _hkdf(shared, share + self.public, b"age-encryption.org/v1/X25519")
            try:
                file_key = ChaCha20Poly1305(wrap).decrypt(ZERO_NONCE, body, None)
            except InvalidTag:
                continue
            return _payload(file_key, header, mac, payload)
        raise ValueError("no stanza for this identity")
