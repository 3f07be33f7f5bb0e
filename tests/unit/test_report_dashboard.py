"""Dashboard figures on the hand-checked commune: the work waiting and sync freshness (the
coverage figures and the monthly series are checked through the page: tests/ui)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from core.reports.dashboard import dashboard
from core.services import vneid
from tests.report_commune import TODAY, seed


def test_work_waiting_and_sync_freshness(admin_ws):
    commune = seed(admin_ws)
    ws, people, today = admin_ws, commune.people, date.today()
    for key, days in (("a", -3), ("b", 2), ("f", 0), ("d", 9)):
        vneid.add_follow_up(ws, people[key].id, "Gọi điện nhắc",
                            (today + timedelta(days)).isoformat())
    data = dashboard(ws, today)
    assert (data.overdue, data.due_soon, data.review_backlog) == (1, 2, 1)  # a | b f | c
    with ws.db.read() as session:
        pending = session.execute(text(
            "SELECT count(*) FROM outbox WHERE pushed_at IS NULL")).scalar_one()
    assert data.pending_changes == pending > 0
    assert data.oldest_pending_days == 0  # everything was written just now
    with ws.db.write() as session:  # a change waiting since last month: the sync is stale
        session.execute(text("UPDATE outbox SET created_at = :old WHERE seq = (SELECT min(seq) "
                             "FROM outbox WHERE pushed_at IS NULL)"),
                        {"old": (today - timedelta(days=40)).isoformat() + " 08:00:00.000000"})
    assert dashboard(ws, today).oldest_pending_days in (39, 40)  # UTC vs the local day

    fixed = dashboard(ws, TODAY)  # calendar months: January → November 2026
    assert [p.label for p in fixed.months][::10] == ["2026-01", "2026-11"]
    assert fixed.month_funnel == {"collected": 3, "issued": 3, "activated": 3}
    assert [(r.hamlet, r.coverage_pct) for r in fixed.coverage] == [
        ("Thôn Đông", 75.0), ("Thôn Tây", 50.0), ("—", 100.0)]
