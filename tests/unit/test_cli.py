"""The CLI as a user runs it: real processes, production key derivation, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env=None, input=None, check=True):
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("XASO_")}
    full_env = {**inherited, "PYTHONPATH": str(ROOT), **(env or {})}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                            text=True, env=full_env, input=input, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {result.stderr}")
    return result


def test_selftest_reports_json_and_exit_0():
    result = run("selftest")
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert {c["check"] for c in report["checks"]} >= {"sqlcipher", "admin_units", "store_roundtrip"}


def test_init_prints_recovery_key_once_and_unlocks(tmp_path):
    data = str(tmp_path / "d")
    result = run("init", "--data-dir", data, "--commune", "16498", "--admin", "chu.tich",
                 "--password-stdin", input="mat-khau-manh\n")
    assert "Xã Quảng Ngọc" in result.stdout
    key = result.stdout.strip().splitlines()[-1]
    assert len(key.replace("-", "")) == 52
    assert key not in (tmp_path / "d" / "keys.json").read_text()
    again = run("init", "--data-dir", data, "--commune", "16498", "--admin", "x",
                "--password-stdin", input="mat-khau-manh\n", check=False)
    assert again.returncode == 1 and "đã có dữ liệu" in again.stderr
    env = {"XASO_USER": "chu.tich", "XASO_PASSWORD": "mat-khau-manh"}
    assert json.loads(run("audit", "verify", "--data-dir", data, env=env).stdout)["ok"] is True
    wrong = run("search", "a", "--data-dir", data, env={**env, "XASO_PASSWORD": "sai"}, check=False)
    assert wrong.returncode == 1 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.stderr


def test_recovery_key_sets_a_forgotten_admin_password(tmp_path):
    data = str(tmp_path / "d")
    key = run("init", "--data-dir", data, "--commune", "16498", "--admin", "chu.tich",
              "--password-stdin", input="mat-khau-manh\n").stdout.strip().splitlines()[-1]
    wrong = run("recover", "chu.tich", "--data-dir", data, "--password-stdin",
                input="AAAA-BBBB\nmat-khau-moi-1\n", check=False)
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    done = run("recover", "chu.tich", "--data-dir", data, "--password-stdin",
               input=f"{key}\nmat-khau-moi-1\n")
    assert "mật khẩu mới" in done.stdout
    env = {"XASO_USER": "chu.tich", "XASO_PASSWORD": "mat-khau-moi-1"}
    assert json.loads(run("audit", "verify", "--data-dir", data, env=env).stdout)["ok"] is True
    old = run("search", "a", "--data-dir", data, check=False,
              env={**env, "XASO_PASSWORD": "mat-khau-manh"})
    assert old.returncode == 1


def test_init_rejects_unknown_commune(tmp_path):
    result = run("init", "--data-dir", str(tmp_path / "d"), "--commune", "99999", "--admin", "a",
                 "--password-stdin", input="mat-khau-manh\n", check=False)
    assert result.returncode == 1 and "không có trong danh mục" in result.stderr


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    data = str(tmp_path_factory.mktemp("demo") / "d")
    run("demo", "--data-dir", data, "--persons", "3000", "--quiet")
    return data


DEMO_ENV = {"XASO_USER": "demo", "XASO_PASSWORD": "xaso-demo"}


def test_demo_then_search_duc_returns_people_named_duc(demo_dir):
    hits = json.loads(run("search", "duc", "--json", "--data-dir", demo_dir, env=DEMO_ENV).stdout)
    assert hits and all("đức" in h["full_name"].lower() or "duc" in h["full_name"].lower()
                        for h in hits)
    assert any("Đức" in h["full_name"] for h in hits)
    limited = run("search", "nguyen", "--json", "--limit", "3", "--data-dir", demo_dir, env=DEMO_ENV)
    assert len(json.loads(limited.stdout)) == 3


def test_users_backup_and_audit_from_cli(demo_dir, tmp_path):
    run("users", "add", "lan", "--role", "officer", "--display-name", "Nguyễn Thị Lan",
        "--data-dir", demo_dir, "--user", "demo", "--password-stdin",
        input="xaso-demo\nlan-password\n")
    listed = json.loads(run("users", "list", "--data-dir", demo_dir, env=DEMO_ENV).stdout)
    assert {u["username"]: u["role"] for u in listed} == {"demo": "admin", "lan": "officer"}
    out = run("backup", "--to", str(tmp_path / "usb"), "--data-dir", demo_dir, env=DEMO_ENV).stdout
    assert "Đã sao lưu" in out and list((tmp_path / "usb").glob("xaso-backup-*/keys.json"))
    daily = run("backup", "--data-dir", demo_dir, env=DEMO_ENV).stdout
    backup_file = daily.splitlines()[0].split(": ", 1)[1]
    restored = run("restore", backup_file, "--data-dir", demo_dir, env=DEMO_ENV).stdout
    assert "Đã khôi phục" in restored
    assert json.loads(run("audit", "verify", "--data-dir", demo_dir, env=DEMO_ENV).stdout)["ok"]


def test_gui_without_display_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "xvfb-run" in lines[0] and "Traceback" not in result.stderr


def test_person_match_from_a_card_json(demo_dir, tmp_path):
    hit = next(h for h in json.loads(run("search", "nguyen", "--json", "--data-dir", demo_dir,
                                         env=DEMO_ENV).stdout)
               if h["personal_number"] and len(h["dob"] or "") == 10)
    card = {"id_number": hit["personal_number"], "full_name": hit["full_name"].upper(),
            "date_of_birth": hit["dob"]}
    path = tmp_path / "card.json"
    path.write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    found = json.loads(run("person", "match", "--card-json", str(path), "--json",
                           "--data-dir", demo_dir, env=DEMO_ENV).stdout)
    assert found["outcome"] == "strong" and found["person_id"] == hit["id"]
    path.write_text("{not json", encoding="utf-8")
    broken = run("person", "match", "--card-json", str(path), "--data-dir", demo_dir,
                 env=DEMO_ENV, check=False)
    assert broken.returncode == 1 and "JSON" in broken.stderr and "Traceback" not in broken.stderr


def test_vneid_worklist_and_coverage(demo_dir):
    coverage = json.loads(run("vneid", "coverage", "--json", "--data-dir", demo_dir,
                              env=DEMO_ENV).stdout)
    total = coverage["total"]
    assert coverage["hamlets"] and total["eligible"] == sum(h["eligible"]
                                                            for h in coverage["hamlets"])
    assert total["eligible"] >= total["collected"] >= total["issued"] >= total["activated"] > 0
    items = json.loads(run("vneid", "worklist", "--date", "2100-01-01", "--json",
                           "--data-dir", demo_dir, env=DEMO_ENV).stdout)
    assert items and all(i["due_date"] <= "2100-01-01" for i in items)
    bad = run("vneid", "worklist", "--date", "28/11/2026", "--data-dir", demo_dir, env=DEMO_ENV,
              check=False)
    assert bad.returncode == 1 and "YYYY-MM-DD" in bad.stderr
