"""An encrypted journal: SQLCipher (package sqlcipher3) under the same store.

A plain journal is opened with the standard library's sqlite3, as before; only a
file whose first bytes are not SQLite's header is taken for an encrypted one, and
only then is sqlcipher3 imported (the app's start on a plain journal does not pay
for it).

The passphrase is turned into SQLCipher's key here, once, the way SQLCipher 4 does
it by default (PBKDF2-HMAC-SHA512, 256,000 rounds, over the 16-byte salt that
begins the file), and every connection is then given that raw key: a second
connection (the page check, a backup) costs no second derivation. The store keeps
the Key in memory only; nothing of the passphrase is ever written.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

from journal.store.errors import DRIVER_ERRORS, StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLCipher 4's defaults: a file made elsewhere with the sqlcipher shell and a
# passphrase opens here with the same passphrase.
KDF_ITERATIONS = 256_000
KEY_BYTES = 32
SALT_BYTES = 16
# The smallest page SQLite knows: an encrypted journal is whole pages.
MIN_PAGE = 512


class WrongPassphrase(StoreError):
    """The passphrase does not open the journal (or its first page is damaged:
    SQLCipher cannot tell the two apart)."""

    def __init__(self) -> None:
        super().__init__("wrong passphrase")


class PassphraseNeeded(StoreError):
    """The journal is encrypted and no passphrase was given."""


class Key:
    """SQLCipher's raw key for one file, with the salt it was derived over. (Not a
    dataclass: making one costs the plain journal's start-up 2 ms; and its repr
    must never show the key.)"""

    __slots__ = ("salt", "secret")

    def __init__(self, secret: bytes, salt: bytes) -> None:
        self.secret = secret
        self.salt = salt

    def __repr__(self) -> str:
        return "Key(...)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Key) and (self.secret, self.salt) == (other.secret, other.salt)

    __hash__ = None  # type: ignore[assignment]

    def literal(self) -> str:
        """The key as PRAGMA key and ATTACH ... KEY take it: raw key, then salt."""
        return f"\"x'{self.secret.hex()}{self.salt.hex()}'\""


def derive(passphrase: str, salt: bytes) -> Key:
    # Imported here: a plain journal's start does not load it.
    import hashlib

    secret = hashlib.pbkdf2_hmac(
        "sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
    )
    return Key(secret, salt)


def new_key(passphrase: str) -> Key:
    """A key for a file about to be written, over a fresh random salt."""
    return derive(passphrase, os.urandom(SALT_BYTES))


def key_for(path: Path, passphrase: str) -> Key:
    """The key that opens the encrypted journal at `path` if `passphrase` is right."""
    with path.open("rb") as handle:
        return derive(passphrase, handle.read(SALT_BYTES))


def is_encrypted(path: Path) -> bool:
    """Whether the file at `path` looks like an encrypted journal: not SQLite's
    header, and whole pages. (Anything else that is not SQLite is no journal.)"""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    return bool(header) and header != SQLITE_MAGIC and size >= MIN_PAGE and size % MIN_PAGE == 0


def driver() -> ModuleType:
    """sqlcipher3's DB-API module; a clear line when it cannot be imported."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise StoreError(
            "this journal is encrypted and SQLCipher is not installed here; "
            "install it (pip install sqlcipher3) to open it"
        ) from None
    DRIVER_ERRORS.add(dbapi2)
    return dbapi2


def connect(target: str | Path, key: Key | None, **options: Any) -> sqlite3.Connection:
    """A connection to a plain journal (`key` None, through sqlite3) or an encrypted
    one (through sqlcipher3, keyed). `options` are sqlite3.connect's. The key is
    only checked by the first read: see check_key()."""
    if key is None:
        return sqlite3.connect(target, **options)
    conn: sqlite3.Connection = driver().connect(str(target), **options)
    try:
        # Before the key: SQLCipher would otherwise print its own lines on stderr
        # (over the app's screen) when a key is wrong.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {key.literal()}")
    except BaseException:
        conn.close()
        raise
    return conn


def check_key(conn: sqlite3.Connection) -> None:
    """The first read of a keyed connection: a wrong key reads as 'not a database'."""
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
    except DRIVER_ERRORS.database as exc:
        if "not a database" in str(exc):
            raise WrongPassphrase() from None
        raise
