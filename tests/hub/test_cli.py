"""`python main.py hub admin …` and `hub keys`: real processes, Vietnamese one-line errors."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys

from sync.hub import admin
from sync.hub.db import Database
from sync.hub.keys import load_or_create_keys
from sync.protocol import generate_device_key, public_key_to_text
from tests.hub.helpers import ROOT


def _hub(data, *args, stdin: str | None = None):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "hub", *args, "--data",
                           str(data)], input=stdin, capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def _refused(done, start: str) -> None:
    assert done.returncode == 1, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: " + start), done.stderr


def test_admin_commands_end_to_end(tmp_path):
    data = tmp_path / "hub-data"
    done = _hub(data, "admin", "add-commune", "16498")
    assert done.returncode == 0 and "Quảng Ngọc" in done.stdout, done.stderr
    _refused(_hub(data, "admin", "add-commune", "16498"), "Xã mã “16498” đã có")
    _refused(_hub(data, "admin", "add-commune", "99999"), "Mã xã “99999” không hợp lệ")
    assert _hub(data, "admin", "add-commune", "99999", "--name", "Xã Thử Nghiệm").returncode == 0

    done = _hub(data, "admin", "enrollment-code", "--commune", "16498", "--hours", "2")
    assert done.returncode == 0, done.stderr
    code = done.stdout.strip()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    _refused(_hub(data, "admin", "enrollment-code", "--commune", "11111"), "Xã mã “11111” chưa")

    keys = json.loads(_hub(data, "keys", "--json").stdout)
    assert keys == load_or_create_keys(data).public()
    assert stat.S_IMODE(os.stat(data / "hub_keys.json").st_mode) == 0o600

    db = Database(f"sqlite:///{data / 'hub.db'}")
    try:
        enrolled = admin.enroll(db, load_or_create_keys(data), code, "Máy một cửa",
                                public_key_to_text(generate_device_key().public_key()))
    finally:
        db.dispose()
    devices = json.loads(_hub(data, "admin", "devices", "--commune", "16498", "--json").stdout)
    assert [(d["device_id"], d["name"], d["revoked_at"]) for d in devices] == [
        (enrolled["device_id"], "Máy một cửa", None)]
    done = _hub(data, "admin", "revoke", enrolled["device_id"])
    assert done.returncode == 0 and enrolled["device_id"] in done.stdout
    (device,) = json.loads(_hub(data, "admin", "devices", "--json").stdout)
    assert device["revoked_at"] and device["revoked_at"].endswith("Z")
    _refused(_hub(data, "admin", "revoke", "d-nope"), "Không có máy mã “d-nope”")

    done = _hub(data, "admin", "add-user", "tinh.admin", "--role", "province", "--password-stdin",
                stdin="mật khẩu dài đủ\n")
    assert done.returncode == 0, done.stderr
    _refused(_hub(data, "admin", "add-user", "xa", "--role", "commune", "--password-stdin",
                  stdin="mật khẩu dài đủ\n"), "Không tạo được người dùng máy chủ")
    db = Database(f"sqlite:///{data / 'hub.db'}")
    try:
        user = admin.verify_user(db, "tinh.admin", "mật khẩu dài đủ")
        assert user == {"username": "tinh.admin", "role": "province", "commune_code": None}
        assert admin.verify_user(db, "tinh.admin", "sai") is None
        done = _hub(data, "admin", "disable-user", "tinh.admin")
        assert done.returncode == 0 and "Đã khóa người dùng tinh.admin" in done.stdout
        assert admin.verify_user(db, "tinh.admin", "mật khẩu dài đủ") is None
        _refused(_hub(data, "admin", "disable-user", "ai-do"), "Không có người dùng máy chủ “ai-do”")
        done = _hub(data, "admin", "set-password", "tinh.admin", "--password-stdin",
                    stdin="mật khẩu mới dài đủ\n")
        assert done.returncode == 0, done.stderr
        assert admin.verify_user(db, "tinh.admin", "mật khẩu dài đủ") is None
        assert admin.verify_user(db, "tinh.admin", "mật khẩu mới dài đủ")["role"] == "province"
        _refused(_hub(data, "admin", "set-password", "tinh.admin", "--password-stdin",
                      stdin="ngan\n"), "Mật khẩu mới chưa đạt")
    finally:
        db.dispose()


def test_unreachable_database_is_one_line(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "hub", "admin", "devices",
                           "--data", str(tmp_path), "--db",
                           "postgresql+psycopg://xaso:secret@127.0.0.1:1/hub"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    _refused(done, "Không mở được cơ sở dữ liệu của máy chủ")
    assert "secret" not in done.stderr
