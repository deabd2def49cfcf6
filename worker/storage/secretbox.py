"""Encryption at rest for secrets the service must be able to read back (webhook secrets).

API keys are only ever compared, so only their hash is stored (``keys.py``). A webhook secret
is different: every delivery signs with it, so it must be recoverable, and storing it in clear
would let anyone with a database dump or backup forge deliveries to every tenant's endpoint.
It is therefore stored encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from
``cryptography``) under ``QUOTELENS_SECRET_KEY``, which lives in the environment, never in the
database.

``QUOTELENS_SECRET_KEY`` is one Fernet key or several separated by commas: the first encrypts,
all of them decrypt, so the key itself can be rotated (put the new key first, run
``python -m worker.storage.rekey reencrypt``, then drop the old one). Generate a key with
``python -m worker.storage.rekey generate``.

``EncryptedText`` is the column type: values are encrypted when written and decrypted when read,
so the rest of the code handles plain secrets and the database only ever sees tokens.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator

# Every Fernet token starts with the version byte 0x80, which is "gAAAAA" in URL-safe base64.
TOKEN_PREFIX = "gAAAAA"


class SecretKeyError(RuntimeError):
    """``QUOTELENS_SECRET_KEY`` is missing or invalid, or a stored value cannot be decrypted."""


def generate_key() -> str:
    """A new random key for ``QUOTELENS_SECRET_KEY``."""
    return Fernet.generate_key().decode("ascii")


@lru_cache(maxsize=8)
def box_for(keys: str) -> MultiFernet:
    """The cipher for a ``QUOTELENS_SECRET_KEY`` value (cached: parsing keys is not free)."""
    parts = [part.strip() for part in keys.split(",") if part.strip()]
    if not parts:
        raise SecretKeyError(_MISSING)
    try:
        return MultiFernet([Fernet(part.encode("ascii")) for part in parts])
    except (ValueError, UnicodeEncodeError) as exc:
        raise SecretKeyError(
            "QUOTELENS_SECRET_KEY is not a valid Fernet key (32 url-safe base64-encoded bytes; "
            "make one with `python -m worker.storage.rekey generate`)"
        ) from exc


_MISSING = (
    "QUOTELENS_SECRET_KEY is not set: webhook secrets are stored encrypted and need it. "
    "Generate one with `python -m worker.storage.rekey generate` and set it in the "
    "environment or .env of every API and worker process."
)


def configured_keys() -> str:
    """The key(s) from the process settings, or ``SecretKeyError``."""
    from worker.settings import get_settings

    value = get_settings().quotelens_secret_key
    keys = value.get_secret_value().strip() if value is not None else ""
    if not keys:
        raise SecretKeyError(_MISSING)
    return keys


def current_box() -> MultiFernet:
    """The cipher of this process (``QUOTELENS_SECRET_KEY``)."""
    return box_for(configured_keys())


def is_token(value: str) -> bool:
    """Whether ``value`` looks like a Fernet token rather than a plain secret."""
    return value.startswith(TOKEN_PREFIX)


def encrypt(plain: str, box: MultiFernet | None = None) -> str:
    return (box or current_box()).encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt(token: str, box: MultiFernet | None = None) -> str:
    try:
        return (box or current_box()).decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as exc:
        raise SecretKeyError(
            "a stored secret cannot be decrypted with QUOTELENS_SECRET_KEY (wrong key, or the "
            "value was never encrypted); keep the old key in the list until re-encrypted"
        ) from exc


class EncryptedText(TypeDecorator[str]):
    """A text column holding a Fernet token; Python code sees the plain value."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else encrypt(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else decrypt(str(value))
