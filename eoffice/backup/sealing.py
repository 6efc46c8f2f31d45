"""Encryption of the archive's secrets member with the operator's passphrase:
scrypt derives the key (random salt), AES-256-GCM encrypts and authenticates.
The parameters travel in a JSON header line that is itself authenticated
(GCM associated data), so they cannot be weakened without the passphrase."""

import base64
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from eoffice.backup.errors import BackupError

# OWASP's scrypt recommendation: 128 MiB of memory and a fraction of a second per guess.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
# An archive may ask for more work than we use today, not for unbounded work.
MAX_SCRYPT_N = 2**20
SCHEME = "scrypt+AES-256-GCM"


def seal(plaintext: bytes, passphrase: str) -> bytes:
    salt, nonce = os.urandom(16), os.urandom(12)
    header = {"scheme": SCHEME, "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt), "nonce": _b64(nonce)}
    line = json.dumps(header, sort_keys=True).encode() + b"\n"
    key = _key(passphrase, {"n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt})
    return line + AESGCM(key).encrypt(nonce, plaintext, line)


def unseal(sealed: bytes, passphrase: str) -> bytes:
    line, _, ciphertext = sealed.partition(b"\n")
    header = _header(line)
    try:
        return AESGCM(_key(passphrase, header)).decrypt(header["nonce"], ciphertext, line + b"\n")
    except InvalidTag:
        raise BackupError("Sai cụm mật khẩu: không giải mã được phần bí mật (secrets.enc) của bản sao lưu.") from None


def _header(line: bytes) -> dict[str, Any]:
    """The header's parameters, checked before any work is spent on them; salt and nonce decoded."""
    try:
        header = json.loads(line)
        n, r, p = (int(header[name]) for name in "nrp")
        params: dict[str, Any] = {"n": n, "r": r, "p": p, "salt": base64.b64decode(header["salt"], validate=True)}
        params["nonce"] = base64.b64decode(header["nonce"], validate=True)
        valid = header["scheme"] == SCHEME and 2 <= n <= MAX_SCRYPT_N and n & (n - 1) == 0 and 1 <= r * p <= 64
    except (ValueError, KeyError, TypeError):
        valid = False
    if not valid or len(params["nonce"]) != 12:
        raise BackupError("Phần bí mật (secrets.enc) của bản sao lưu không đúng định dạng.")
    return params


def _key(passphrase: str, params: dict[str, Any]) -> bytes:
    kdf = Scrypt(salt=params["salt"], length=32, n=params["n"], r=params["r"], p=params["p"])
    return kdf.derive(passphrase.encode())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
