"""Key slots: the database key wrapped once per user and once with a recovery key.

Like disk-encryption key slots: the SQLCipher database is opened with a random 256-bit raw key;
that key is stored only wrapped (AES-256-GCM) under a key derived from each user's password
(argon2id) and under the recovery key shown once at set-up. A wrong secret fails the GCM tag check,
so it opens nothing. The slot file also keeps the login-failure counters, because they must be
readable before the database is unlocked.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.errors import LockedOut, WrongSecret
from core.i18n import QT_TR_NOOP

FORMAT_VERSION = 1
RECOVERY_SLOT = "recovery"


@dataclass(frozen=True)
class KdfParams:
    # ~150 ms on the reference 2-core machine (benchmarks/bench_core.py prints the unlock time);
    # 64 MiB keeps GPU guessing expensive while staying kind to 4 GB office PCs.
    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    lock_seconds: int = 300


def new_database_key() -> bytes:
    return secrets.token_bytes(32)


def new_recovery_key() -> str:
    """32 random bytes as 13 groups of 4 base32 characters: easy to print and type."""
    text = base64.b32encode(secrets.token_bytes(32)).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def _normalise_recovery_key(text: str) -> bytes:
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    compact = compact.replace("0", "O").replace("1", "I").replace("8", "B")  # common misreadings
    try:
        raw = base64.b32decode(compact + "=" * (-len(compact) % 8))
    except ValueError as exc:
        raise WrongSecret(QT_TR_NOOP("Mã khôi phục không đúng định dạng.")) from exc
    # Re-encoding catches a wrong last character that only touched the unused padding bits.
    if len(raw) != 32 or base64.b32encode(raw).decode().rstrip("=") != compact:
        raise WrongSecret(QT_TR_NOOP("Mã khôi phục không đúng định dạng."))
    return raw


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


def _password_kek(password: str, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"), salt, kdf.time_cost, kdf.memory_kib, kdf.parallelism, 32, Type.ID
    )


def _recovery_kek(recovery_key: str, salt: bytes) -> bytes:
    # The recovery key is full-entropy random, so a fast KDF is enough.
    return HKDF(hashes.SHA256(), 32, salt, b"xaso recovery slot").derive(
        _normalise_recovery_key(recovery_key)
    )


def _seal(kek: bytes, db_key: bytes, slot_name: str) -> dict:
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, db_key, slot_name.encode())
    return {"nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def _open(kek: bytes, slot: dict, slot_name: str, message: str) -> bytes:
    try:
        return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), slot_name.encode())
    except InvalidTag as exc:
        raise WrongSecret(message) from exc


def user_slot_name(username: str) -> str:
    return f"user:{username}"


class KeySlotFile:
    """The JSON file beside the database holding wrapped keys and login-failure counters."""

    def __init__(self, path: Path, kdf: KdfParams | None = None):
        self.path = Path(path)
        self.kdf = kdf or KdfParams()

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> dict:
        with self.path.open(encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("format") != FORMAT_VERSION:
            raise ValueError("Tệp khóa không đúng phiên bản.")
        return data

    def save(self, data: dict) -> None:
        """Atomic replace: a crash leaves either the old or the new file, never half of one."""
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def create(self, db_key: bytes, username: str, password: str, recovery_key: str) -> None:
        data = {"format": FORMAT_VERSION, "slots": {}, "failures": {},
                "lockout": LockoutPolicy().__dict__}
        data["slots"][user_slot_name(username)] = self._password_slot(db_key, username, password)
        data["slots"][RECOVERY_SLOT] = self._recovery_slot(db_key, recovery_key)
        self.save(data)

    def _password_slot(self, db_key: bytes, username: str, password: str) -> dict:
        salt = secrets.token_bytes(16)
        slot = {"kind": "argon2id", "salt": _b64(salt), "t": self.kdf.time_cost,
                "m": self.kdf.memory_kib, "p": self.kdf.parallelism}
        slot.update(_seal(_password_kek(password, salt, self.kdf), db_key, user_slot_name(username)))
        return slot

    def _recovery_slot(self, db_key: bytes, recovery_key: str) -> dict:
        salt = secrets.token_bytes(16)
        slot = {"kind": "hkdf", "salt": _b64(salt)}
        slot.update(_seal(_recovery_kek(recovery_key, salt), db_key, RECOVERY_SLOT))
        return slot

    # -- unlocking ---------------------------------------------------------------------------

    def policy(self) -> LockoutPolicy:
        return LockoutPolicy(**self.load().get("lockout", {}))

    def set_policy(self, policy: LockoutPolicy) -> None:
        data = self.load()
        data["lockout"] = policy.__dict__
        self.save(data)

    def unlock_with_password(self, username: str, password: str, now: float | None = None) -> bytes:
        now = time.time() if now is None else now
        data = self.load()
        policy = LockoutPolicy(**data.get("lockout", {}))
        failure = data["failures"].get(username, {"count": 0, "locked_until": 0})
        if failure["locked_until"] > now:
            raise LockedOut(int(failure["locked_until"] - now) + 1)
        slot = data["slots"].get(user_slot_name(username))
        message = QT_TR_NOOP("Sai tên đăng nhập hoặc mật khẩu.")
        try:
            if slot is None:
                # Same message and similar cost for an unknown user: no account enumeration.
                _password_kek(password, b"\0" * 16, self.kdf)
                raise WrongSecret(message)
            kdf = KdfParams(slot["t"], slot["m"], slot["p"])
            kek = _password_kek(password, _unb64(slot["salt"]), kdf)
            db_key = _open(kek, slot, user_slot_name(username), message)
        except WrongSecret:
            failure["count"] += 1
            if failure["count"] >= policy.max_failures:
                failure = {"count": 0, "locked_until": now + policy.lock_seconds}
            data["failures"][username] = failure
            self.save(data)
            if failure["locked_until"] > now:
                raise LockedOut(policy.lock_seconds) from None
            raise
        if username in data["failures"]:
            del data["failures"][username]
            self.save(data)
        return db_key

    def unlock_with_recovery(self, recovery_key: str) -> bytes:
        data = self.load()
        slot = data["slots"][RECOVERY_SLOT]
        kek = _recovery_kek(recovery_key, _unb64(slot["salt"]))
        return _open(kek, slot, RECOVERY_SLOT, QT_TR_NOOP("Mã khôi phục không đúng."))

    # -- slot management (callers check permissions and hold the unlocked key) -----------------

    def set_user_password(self, db_key: bytes, username: str, password: str) -> None:
        data = self.load()
        data["slots"][user_slot_name(username)] = self._password_slot(db_key, username, password)
        data["failures"].pop(username, None)
        self.save(data)

    def remove_user(self, username: str) -> None:
        data = self.load()
        data["slots"].pop(user_slot_name(username), None)
        data["failures"].pop(username, None)
        self.save(data)

    def has_user(self, username: str) -> bool:
        return user_slot_name(username) in self.load()["slots"]
