"""End to end over real HTTP: after a cycle the hub holds the commune's report figures, the same
as core.reports computes them on the PC (docs/SYNC.md "Report figures")."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from core.reports import settings
from core.reports.compute import compute_report
from core.reports.overrides import set_override
from core.services import persons, sync_state
from sync.client import report_push, service
from sync.hub.schema import commune_report, device_activity
from tests.report_commune import seed
from tests.sync.conftest import COMMUNE


def _hub_reports(hub) -> dict:
    with hub.db.read() as conn:
        return {r.period_key: r for r in conn.execute(select(commune_report))}


def _activity(hub, device_id):
    with hub.db.read() as conn:
        return conn.execute(select(device_activity)
                            .where(device_activity.c.device_id == device_id)).first()


def test_cycle_sends_the_commune_report_and_only_when_due(admin_ws, live_hub):
    seed(admin_ws)
    service.enroll(admin_ws, live_hub.url, live_hub.code(COMMUNE), "Máy một cửa")
    report = service.run_cycle(admin_ws)
    assert report.ok and report.report_sent and report.notes == []

    today = date.today()
    periods = report_push.periods_to_send(settings.period_rules(admin_ws), today)
    assert [p.kind for p in periods] == ["week", "month", "month"]
    stored = _hub_reports(live_hub)
    assert set(stored) == {p.label for p in periods}
    for period in periods:
        local = compute_report(admin_ws, period, today=today)
        row = stored[period.label]
        assert (row.commune_code, row.kind, row.start, row.end) == (
            COMMUNE, period.kind, period.start, period.end)
        figures = json.loads(row.figures)
        assert set(figures) == {v.code for v in local.values}
        for v in local.values:
            sent = figures[v.code]
            assert sent["value"] == v.value, v.code
            assert (sent["num"], sent["den"]) == (v.part.num, v.part.den), v.code
            assert sent["target"] == v.target
            assert sent["cumulative"] == (v.cumulative if v.indicator.cumulative else None)
    # stocks do not depend on the day: 7 residents of 14 or more live in the seeded commune
    month = stored[periods[1].label]
    assert json.loads(month.figures)["residents_14"]["value"] >= 7

    device_id = sync_state.require_state(admin_ws).device_id
    activity = _activity(live_hub, device_id)
    assert activity.pending_changes == 0 and activity.last_push_at and activity.last_pull_at
    first_report_at = activity.last_report_at
    assert first_report_at is not None

    # within the hour and nothing moved: nothing is sent
    again = service.run_cycle(admin_ws)
    assert again.ok and not again.report_sent and again.notes == []
    assert _activity(live_hub, device_id).last_report_at == first_report_at
    assert _hub_reports(live_hub)[periods[1].label].computed_at == month.computed_at

    # an override is the reported figure; a change makes the next cycle send at once
    set_override(admin_ws, periods[1], "vneid_collected", 125, "Số công an tỉnh gửi")
    persons.create_person(admin_ws, {"full_name": "Đinh Văn Mới"})
    moved = service.run_cycle(admin_ws)
    assert moved.ok and moved.report_sent and moved.results == {"applied": 1}
    figures = json.loads(_hub_reports(live_hub)[periods[1].label].figures)
    assert figures["vneid_collected"]["value"] == 125 == figures["vneid_collected"]["num"]


def test_a_failed_report_is_a_note_not_a_failed_cycle(admin_ws, live_hub):
    service.enroll(admin_ws, live_hub.url, live_hub.code(COMMUNE))
    with live_hub.db.write() as conn:  # a broken hub: push and pull work, reports fail (500)
        conn.exec_driver_sql("DROP TABLE commune_report")
    report = service.run_cycle(admin_ws)
    assert report.ok and not report.report_sent
    assert len(report.notes) == 1 and report.notes[0].startswith("Chưa gửi được số liệu")
    assert "Chưa gửi được số liệu" in service.describe(report)
    assert sync_state.report_sent_at(admin_ws) is None  # the next cycle tries again
