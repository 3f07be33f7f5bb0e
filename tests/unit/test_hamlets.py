"""Hamlets: add (unique by folded name), rename, retire/restore, reorder; all audited."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.errors import PermissionDenied, ValidationError
from core.models import AuditEvent
from core.services import hamlets


def _names(ws, **kwargs):
    return [h.name for h in hamlets.list_hamlets(ws, **kwargs)]


def test_add_appends_and_refuses_folded_duplicates(admin_ws):
    hamlets.add_hamlet(admin_ws, "  Thôn   Đông ")
    hamlets.add_hamlet(admin_ws, "Thôn Tây")
    assert _names(admin_ws) == ["Thôn Đông", "Thôn Tây"]
    with pytest.raises(ValidationError) as err:
        hamlets.add_hamlet(admin_ws, "thon dong")
    assert "Đã có" in err.value.errors["name"]
    with pytest.raises(ValidationError):
        hamlets.add_hamlet(admin_ws, "   ")


def test_rename_retire_restore_reorder(admin_ws):
    east, west, south = (hamlets.add_hamlet(admin_ws, n) for n in ("Đông", "Tây", "Nam"))
    hamlets.rename_hamlet(admin_ws, east.id, "Thôn Đông Hòa")
    with pytest.raises(ValidationError):
        hamlets.rename_hamlet(admin_ws, west.id, "thon dong hoa")
    hamlets.set_hamlet_active(admin_ws, west.id, False)
    assert _names(admin_ws) == ["Thôn Đông Hòa", "Nam"]
    assert _names(admin_ws, include_retired=True) == ["Thôn Đông Hòa", "Tây", "Nam"]
    hamlets.set_hamlet_active(admin_ws, west.id, True)
    hamlets.reorder_hamlets(admin_ws, [south.id, east.id, west.id])
    assert _names(admin_ws) == ["Nam", "Thôn Đông Hòa", "Tây"]
    with admin_ws.db.read() as session:
        actions = [e.action for e in session.exec(
            select(AuditEvent).where(AuditEvent.action.startswith("hamlet.")))]
    assert actions.count("hamlet.create") == 3
    assert {"hamlet.rename", "hamlet.retire", "hamlet.restore", "hamlet.reorder"} <= set(actions)


def test_only_settings_managers_edit_hamlets(admin_ws):
    from core.auth import Role
    from core.services import users

    hamlet = hamlets.add_hamlet(admin_ws, "Đông")
    users.add_user(admin_ws, "tv", "Thành viên", Role.MEMBER, "mat-khau-thanh-vien")
    member = admin_ws.store.unlock("tv", "mat-khau-thanh-vien")
    try:
        assert _names(member) == ["Đông"]
        for call in (lambda: hamlets.add_hamlet(member, "Tây"),
                     lambda: hamlets.rename_hamlet(member, hamlet.id, "X"),
                     lambda: hamlets.set_hamlet_active(member, hamlet.id, False),
                     lambda: hamlets.reorder_hamlets(member, [hamlet.id])):
            with pytest.raises(PermissionDenied):
                call()
    finally:
        member.close()
