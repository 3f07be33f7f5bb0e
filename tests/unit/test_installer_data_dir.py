"""The data folder chosen in the Windows installer, read beside the frozen executable."""

from __future__ import annotations

from pathlib import Path

from core.store import INSTALLER_CHOICE, installer_data_dir


def test_the_choice_beside_the_executable_is_used(tmp_path, monkeypatch):
    exe = tmp_path / "xaso.exe"
    monkeypatch.setenv("XASO_SHARED", str(tmp_path / "shared"))
    (tmp_path / INSTALLER_CHOICE).write_text("\ufeff$XASO_SHARED/XaSo\r\n", "utf-8")
    assert installer_data_dir(str(exe)) == Path(tmp_path / "shared" / "XaSo")


def test_no_choice_means_the_per_user_default(tmp_path):
    exe = tmp_path / "xaso.exe"
    assert installer_data_dir(str(exe)) is None
    (tmp_path / INSTALLER_CHOICE).write_text("  \n", "utf-8")
    assert installer_data_dir(str(exe)) is None
    (tmp_path / INSTALLER_CHOICE).write_bytes(b"\xff\xfe\x00garbage")
    assert installer_data_dir(str(exe)) is None


def test_a_source_checkout_ignores_any_stray_file():
    assert installer_data_dir() is None  # not frozen: only XASO_DATA_DIR or the per-user folder
