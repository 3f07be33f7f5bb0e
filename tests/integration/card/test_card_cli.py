"""`python main.py card …` against the virtual card through real pcscd."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.integration.card.conftest import VPCD_READER

ROOT = Path(__file__).resolve().parents[3]


def main_py(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "card", *args],
                          capture_output=True, text=True, timeout=120)


def test_readers_lists_the_virtual_reader_with_its_card(virtual_card):
    virtual_card("le-van-hung")
    result = main_py("readers", "--json")
    assert result.returncode == 0, result.stderr
    assert {"reader": VPCD_READER, "card_present": True} in json.loads(result.stdout)


def test_read_prints_every_field_in_vietnamese_and_a_passing_verdict(virtual_card, tmp_path):
    _client, profile, trust = virtual_card("nguyen-thi-mai")
    trust_dir = tmp_path / "trust"
    trust_dir.mkdir()
    (trust_dir / "csca.der").write_bytes(profile.csca_cert_der)
    face = tmp_path / "face.png"
    result = main_py("read", "--id-number", profile.id_number, "--trust", str(trust_dir),
                     "--face", str(face), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["full_name"] == "Nguyễn Thị Mai"
    assert data["place_of_residence"] == profile.person.place_of_residence
    assert data["sex"] == "Nữ" and data["access"] == "PACE" and data["source"] == "chip"
    assert data["passive_auth"]["passed"] is True
    assert face.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = main_py("read", "--id-number", profile.id_number, "--trust", str(trust_dir))
    assert "Họ và tên: Nguyễn Thị Mai" in text.stdout and "(PA): hợp lệ (băm đạt" in text.stdout


def test_wrong_id_number_exits_1_with_a_json_error(virtual_card):
    _client, profile, _trust = virtual_card("nguyen-thi-mai")
    wrong = "0" * 6 + profile.id_number[6:-1] + str((int(profile.id_number[-1]) + 1) % 10)
    result = main_py("read", "--id-number", wrong, "--pace", "--json")
    assert result.returncode == 1
    error = json.loads(result.stdout)
    assert error["error"] == "wrong_key" and "số định danh" in error["message"]
    plain = main_py("read", "--id-number", wrong, "--pace")
    assert plain.returncode == 1 and plain.stderr.startswith("Lỗi: ")
    assert len(plain.stderr.strip().splitlines()) == 1


def test_qr_payload():
    payload = "038192900202|173900202|Nguyễn Thị Mai|05111992|Nữ|Số 27, Phú Sơn, Thanh Hóa|02042021"
    result = main_py("qr", payload, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["full_name"] == "Nguyễn Thị Mai" and data["date_of_birth"] == "1992-11-05"
    assert data["source"] == "qr" and data["old_id_number"] == "173900202"
    bad = main_py("qr", "không phải mã QR", "--json")
    assert bad.returncode == 1 and "error" in json.loads(bad.stdout)


def test_virtual_card_command_serves_a_preset_until_stopped(pcscd, tmp_path):
    from card_reader.pcsc import reader_states
    from card_reader.virtual.profile import preset_data
    from tests.integration.card.conftest import wait_until

    trust_dir = tmp_path / "trust"
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "card", "virtual", "--data", "le-van-hung",
         "--keys", str(tmp_path / "keys"), "--trust-out", str(trust_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_until(lambda: (VPCD_READER, True) in reader_states(), timeout=30)
        person = preset_data("le-van-hung")["person"]
        result = main_py("read", "--id-number", person["id_number"], "--trust", str(trust_dir),
                         "--json")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["full_name"] == person["full_name"] and data["passive_auth"]["passed"]
    finally:
        server.terminate()  # SIGTERM: stops as cleanly as Ctrl+C
        out, err = server.communicate(timeout=15)
    assert server.returncode == 0, err
    assert "Thẻ mô phỏng" in out
    assert wait_until(lambda: (VPCD_READER, False) in reader_states(), timeout=10)


def test_imported_csca_is_trusted_by_later_reads(virtual_card, tmp_path):
    _client, profile, _trust = virtual_card("nguyen-thi-mai")
    data_dir = tmp_path / "data"
    cert = tmp_path / "virtual-csca.der"
    cert.write_bytes(profile.csca_cert_der)
    before = main_py("read", "--id-number", profile.id_number, "--data-dir", str(data_dir),
                     "--json")
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["passive_auth"]["chain"] == "unknown"
    imported = main_py("trust", "import", str(cert), "--data-dir", str(data_dir))
    assert imported.returncode == 0 and "Đã nhập 1 chứng thư" in imported.stdout
    again = main_py("trust", "import", str(cert), "--data-dir", str(data_dir))
    assert "Đã nhập 0 chứng thư" in again.stdout
    listed = json.loads(main_py("trust", "list", "--data-dir", str(data_dir), "--json").stdout)
    assert len(listed) >= 2  # the bundled Vietnamese CSCA and the imported one
    after = main_py("read", "--id-number", profile.id_number, "--data-dir", str(data_dir),
                    "--json")
    assert json.loads(after.stdout)["passive_auth"]["passed"] is True
    broken = tmp_path / "broken.pem"
    broken.write_text("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    bad = main_py("trust", "import", str(broken), "--data-dir", str(data_dir))
    assert bad.returncode == 1 and bad.stderr.startswith("Lỗi: ")
