"""Commune settings (auto-lock, hub address) and this PC's preferences (language)."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from core.errors import PermissionDenied, ValidationError
from core.models import AuditEvent
from core.preferences import load_preferences, save_preference
from core.services import settings, users
from core.services.settings import check_hub_url


def test_hub_url_check():
    assert check_hub_url("  ") is None
    assert check_hub_url("http://10.0.0.5:8080") == "http://10.0.0.5:8080"
    assert check_hub_url(" HTTPS://dongbo.example.vn/api ") == "https://dongbo.example.vn/api"
    for bad in ("dongbo.example.vn", "ftp://x.vn", "https://", "http//x", "http://x.vn:abc",
                "http://a b.vn"):
        with pytest.raises(ValidationError) as err:
            check_hub_url(bad)
        assert "http://" in err.value.errors["hub_url"]


def test_settings_defaults_update_and_audit(admin_ws):
    assert settings.get_settings(admin_ws) == settings.CommuneSettings(10, None)
    changed = settings.update_settings(admin_ws, auto_lock_minutes=5,
                                       hub_url="https://dongbo.example.vn")
    assert changed == settings.CommuneSettings(5, "https://dongbo.example.vn")
    assert settings.get_settings(admin_ws) == changed
    # Leaving hub_url out keeps it; None clears it.
    assert settings.update_settings(admin_ws, auto_lock_minutes=15).hub_url is not None
    assert settings.update_settings(admin_ws, hub_url=None).hub_url is None
    with admin_ws.db.read() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "settings.update")).all()
    assert [json.loads(e.details)["changes"] for e in events] == [
        {"auto_lock_minutes": 5, "hub_url": "https://dongbo.example.vn"},
        {"auto_lock_minutes": 15}, {"hub_url": None}]


@pytest.mark.parametrize("minutes", [0, 121, "x", -3])
def test_auto_lock_out_of_range_is_refused_and_nothing_changes(admin_ws, minutes):
    with pytest.raises(ValidationError) as err:
        settings.update_settings(admin_ws, auto_lock_minutes=minutes,
                                 hub_url="https://dongbo.example.vn")
    assert "phút" in err.value.errors["auto_lock_minutes"]
    assert settings.get_settings(admin_ws) == settings.CommuneSettings()


def test_only_settings_managers_change_settings(admin_ws):
    from core.auth import Role

    users.add_user(admin_ws, "canbo", "Cán bộ", Role.OFFICER, "mat-khau-can-bo")
    officer = admin_ws.store.unlock("canbo", "mat-khau-can-bo")
    try:
        assert settings.get_settings(officer).auto_lock_minutes == 10  # everyone reads them
        with pytest.raises(PermissionDenied):
            settings.update_settings(officer, auto_lock_minutes=1)
    finally:
        officer.close()


def test_preferences_roundtrip_and_damaged_file(tmp_path):
    assert load_preferences(tmp_path / "none") == {"language": "vi"}
    save_preference(tmp_path, "language", "en")
    assert load_preferences(tmp_path) == {"language": "en"}
    assert not list(tmp_path.glob("*.tmp"))
    (tmp_path / "preferences.json").write_text("{not json", encoding="utf-8")
    assert load_preferences(tmp_path) == {"language": "vi"}
    (tmp_path / "preferences.json").write_text('["en"]', encoding="utf-8")
    assert load_preferences(tmp_path) == {"language": "vi"}
    with pytest.raises(KeyError):
        save_preference(tmp_path, "password", "x")
