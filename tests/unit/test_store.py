"""The encrypted store: key slots, unlock, recovery, lockout, users."""

from __future__ import annotations

import sqlite3

import pytest

from core.auth import Role
from core.errors import (
    AlreadyInitialised,
    DatabaseDamaged,
    LockedOut,
    NotInitialised,
    PermissionDenied,
    ValidationError,
    WrongSecret,
    XasoError,
)
from core.keyslots import LockoutPolicy
from core.services import persons, users
from core.store import Store
from tests.conftest import ADMIN_PASSWORD, FAST_KDF


def test_database_file_is_encrypted(store, admin_ws):
    persons.create_person(admin_ws, {"full_name": "Nguyễn Thị Quỳnh Hương", "dob": "1990"})
    admin_ws.close()
    raw = b"".join(p.read_bytes() for p in store.data_dir.glob("xaso.db*"))
    assert "Quỳnh Hương".encode() not in raw
    assert b"Nguy" not in raw
    assert not raw.startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(store.db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_unlock_with_password_and_wrong_password(store, admin_ws):
    admin_ws.close()
    ws = store.unlock("admin", ADMIN_PASSWORD)
    assert ws.actor.role == Role.ADMIN
    ws.close()
    with pytest.raises(WrongSecret) as err:
        store.unlock("admin", "not-the-password")
    assert "Sai tên đăng nhập hoặc mật khẩu" in str(err.value)
    with pytest.raises(WrongSecret):
        store.unlock("nobody", ADMIN_PASSWORD)


def test_recovery_key_opens_and_wrong_recovery_key_does_not(store, admin_ws):
    key = admin_ws.recovery_key
    admin_ws.close()
    ws = store.unlock_with_recovery(key.lower().replace("-", " "))  # typed sloppily
    users.reset_password(ws, "admin", "brand-new-password")
    ws.close()
    store.unlock("admin", "brand-new-password").close()
    with pytest.raises(WrongSecret):
        store.unlock("admin", ADMIN_PASSWORD)
    other = ("B" if key[0] != "B" else "C") + key[1:]  # the first character carries 5 key bits
    with pytest.raises(WrongSecret):
        store.unlock_with_recovery(other)
    with pytest.raises(WrongSecret):
        store.unlock_with_recovery("not a key")


def test_lockout_after_five_failures_then_expires(store, admin_ws):
    admin_ws.close()
    slots = store.keyslots
    for _ in range(4):
        with pytest.raises(WrongSecret):
            slots.unlock_with_password("admin", "wrong", now=1000.0)
    with pytest.raises(LockedOut) as err:
        slots.unlock_with_password("admin", "wrong", now=1000.0)
    assert "5 phút" in str(err.value)
    # Locked: even the right password is refused until the lock expires.
    with pytest.raises(LockedOut):
        slots.unlock_with_password("admin", ADMIN_PASSWORD, now=1200.0)
    assert slots.unlock_with_password("admin", ADMIN_PASSWORD, now=1301.0)
    # Success clears the counter.
    with pytest.raises(WrongSecret):
        slots.unlock_with_password("admin", "wrong", now=1302.0)
    assert slots.load()["failures"]["admin"]["count"] == 1


def test_lockout_policy_is_configurable(store, login, admin_ws):
    with pytest.raises(PermissionDenied):
        users.set_lockout_policy(login(Role.OFFICER), 3, 1)
    with pytest.raises(ValidationError):
        users.set_lockout_policy(admin_ws, 1, 1)
    users.set_lockout_policy(admin_ws, 3, 1)
    assert store.keyslots.policy() == LockoutPolicy(max_failures=3, lock_seconds=60)
    for _ in range(2):
        with pytest.raises(WrongSecret):
            store.keyslots.unlock_with_password("admin", "x", now=0.0)
    with pytest.raises(LockedOut):
        store.keyslots.unlock_with_password("admin", "x", now=0.0)
    assert store.keyslots.unlock_with_password("admin", ADMIN_PASSWORD, now=61.0)


def test_initialise_twice_and_unlock_uninitialised(store, admin_ws, tmp_path):
    with pytest.raises(AlreadyInitialised):
        store.initialise("16498", "admin2", "another-password")
    with pytest.raises(NotInitialised):
        Store(tmp_path / "empty", kdf=FAST_KDF).unlock("admin", "x")


def test_password_rules(store):
    with pytest.raises(ValidationError):
        store.initialise("16498", "admin", "short")
    assert not store.is_initialised()


def test_add_disable_reset_user(store, admin_ws):
    users.add_user(admin_ws, "lan", "Nguyễn Thị Lan", Role.OFFICER, "lan-password")
    store.unlock("lan", "lan-password").close()
    users.disable_user(admin_ws, "lan")
    with pytest.raises(WrongSecret):
        store.unlock("lan", "lan-password")
    users.reset_password(admin_ws, "lan", "lan-new-password")
    ws = store.unlock("lan", "lan-new-password")
    assert ws.actor.role == Role.OFFICER
    ws.close()


def test_change_own_password_rewraps_slot(store, login):
    ws = login(Role.MEMBER, "minh")
    users.change_own_password(ws, "password-minh", "minh-second-password")
    with pytest.raises(WrongSecret):
        store.unlock("minh", "password-minh")
    store.unlock("minh", "minh-second-password").close()
    with pytest.raises(WrongSecret):
        users.change_own_password(ws, "wrong-old-password", "whatever-password")


def test_last_admin_cannot_be_removed_or_demoted(store, admin_ws):
    with pytest.raises(XasoError, match="quản trị viên cuối cùng"):
        users.disable_user(admin_ws, "admin")
    with pytest.raises(XasoError, match="quản trị viên cuối cùng"):
        users.set_role(admin_ws, "admin", Role.OFFICER)
    users.add_user(admin_ws, "admin2", "Phó", Role.ADMIN, "admin2-password")
    users.disable_user(admin_ws, "admin")  # another admin remains
    store.unlock("admin2", "admin2-password").close()


def test_only_admin_manages_users(login):
    officer = login(Role.OFFICER)
    with pytest.raises(PermissionDenied, match="quản lý người dùng"):
        users.add_user(officer, "x1", "X", Role.VIEWER, "password-x1")
    with pytest.raises(PermissionDenied):
        users.list_users(officer)


def test_username_rules(admin_ws):
    with pytest.raises(ValidationError):
        users.add_user(admin_ws, "Đức", "Đức", Role.MEMBER, "password-duc")
    users.add_user(admin_ws, "duc.nv", "Nguyễn Văn Đức", Role.MEMBER, "password-duc")
    with pytest.raises(ValidationError, match="đã tồn tại"):
        users.add_user(admin_ws, "duc.nv", "Khác", Role.MEMBER, "password-duc")


def test_integrity_check_runs_in_background_after_a_clean_close(store, admin_ws):
    marker = store.data_dir / "session.open"
    assert marker.exists()
    admin_ws.close()
    assert not marker.exists()
    ws = store.unlock("admin", ADMIN_PASSWORD)
    assert ws.db.wait_for_quick_check(timeout=30) == "ok"
    ws.close()


def test_after_a_crash_the_check_runs_before_use_and_refuses_damage(store, admin_ws):
    for i in range(300):  # enough pages that damage lands in table data
        persons.create_person(admin_ws, {"full_name": f"Người Số {i}", "dob": "1990"})
    admin_ws.close()
    (store.data_dir / "session.open").touch()  # as a killed process leaves it
    ws = store.unlock("admin", ADMIN_PASSWORD)
    assert ws.integrity() == "ok"  # checked synchronously, before returning
    ws.close()
    data = bytearray(store.db_path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)
    store.db_path.write_bytes(bytes(data))
    (store.data_dir / "session.open").touch()
    with pytest.raises(DatabaseDamaged, match="khôi phục từ bản sao lưu"):
        store.unlock("admin", ADMIN_PASSWORD)  # SQLCipher's page HMAC catches the damage


def test_disabled_account_with_an_old_key_file_still_cannot_open(store, admin_ws):
    users.add_user(admin_ws, "cu", "Người cũ", Role.MEMBER, "cu-password")
    old_slots = store.keyslots.path.read_bytes()
    users.disable_user(admin_ws, "cu")
    admin_ws.close()
    store.keyslots.path.write_bytes(old_slots)  # e.g. keys.json copied back from a USB backup
    with pytest.raises(WrongSecret, match="vô hiệu hóa"):
        store.unlock("cu", "cu-password")
    assert not (store.data_dir / "session.open").exists()


def test_nested_write_is_refused_instead_of_deadlocking(admin_ws):
    with admin_ws.db.write():
        with pytest.raises(RuntimeError, match="nested write"):
            with admin_ws.db.write():
                pass
