"""Indicators against a seeded commune, every expected figure worked out by hand
(tests/report_commune.py has the table of who is who)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from core.auth import Role
from core.errors import PermissionDenied, ValidationError
from core.reports import overrides, settings
from core.reports.catalogue import CatalogueError, load_catalogue, parse_catalogue
from core.reports.compute import compute_report
from core.reports.periods import CALENDAR, containing, parse_period
from core.services import collection, records, reviews, vneid
from tests.report_commune import TODAY, seed

NOV, OCT = parse_period("2026-11", CALENDAR), parse_period("2026-10", CALENDAR)


@pytest.fixture
def commune(admin_ws):
    return seed(admin_ws)


def figures(report, code):
    value = report.get(code)
    names = dict(report.hamlets)
    return value.value, value.cumulative, {names[h]: v for h, v in value.by_hamlet.items()}


def test_vneid_funnel_counts_each_step_in_the_period_and_since_january(commune):
    report = compute_report(commune.ws, NOV, today=TODAY)
    assert [name for _, name in report.hamlets] == ["Thôn Đông", "Thôn Tây", "—"]
    # collected: b (11-03), e (activated 11-12: collected no later), i (11-02); since Jan
    # also a (03-10) and f (issued 06-01); c was collected in Dec 2025; j is deleted.
    assert figures(report, "vneid_collected") == (3, 5, {"Thôn Đông": 2, "Thôn Tây": 0,
                                                         "—": 1})
    assert figures(report, "vneid_issued")[:2] == (3, 6)  # + c's issue of 2026-01-10
    assert figures(report, "vneid_activated")[:2] == (3, 3)  # a, e, i


def test_coverage_of_eligible_residents_at_the_period_end(commune):
    report = compute_report(commune.ws, NOV, today=TODAY)
    # aged 14+ on 28 Nov: a b c d | f g (14 today; h tomorrow) | i  → level 2: a b c | f | i
    assert figures(report, "residents_14")[0] == 7
    assert figures(report, "vneid_level2_14")[0] == 5
    assert figures(report, "vneid_coverage_14") == (71.4, None, {
        "Thôn Đông": 75.0, "Thôn Tây": 50.0, "—": 100.0})
    assert report.get("vneid_coverage_14").part.den == 7
    # aged 6+: everyone alive (9); level 2: a b c e f i
    assert figures(report, "vneid_coverage_6") == (66.7, None, {
        "Thôn Đông": 80.0, "Thôn Tây": 33.3, "—": 100.0})


def test_a_past_period_does_not_count_what_happened_after_it(commune):
    report = compute_report(commune.ws, OCT, today=TODAY)
    # 31 Oct: g is 13, so 6 eligible; b, e, i reached level 2 in November
    assert figures(report, "residents_14")[0] == 6
    assert figures(report, "vneid_coverage_14") == (50.0, None, {
        "Thôn Đông": 50.0, "Thôn Tây": 100.0, "—": 0.0})
    assert figures(report, "vneid_coverage_6")[0] == 33.3  # a c f of 9
    assert figures(report, "vneid_collected")[:2] == (0, 2)  # a, f since January
    assert figures(report, "vneid_issued")[:2] == (0, 3)  # a, c, f
    assert figures(report, "vneid_activated")[:2] == (0, 0)


def test_failures_criteria_and_data_quality_groups(commune):
    report = compute_report(commune.ws, NOV, today=TODAY)
    assert figures(report, "vneid_failure_not_activated")[0] == 1  # c
    assert figures(report, "vneid_failure_no_smartphone")[0] == 1  # d
    assert figures(report, "vneid_failure_sim")[0] == 0
    assert [figures(report, c)[0] for c in ("dc_e_payment", "dc_digital_signature",
                                            "dc_digital_address", "dc_all_criteria")] == [
        2, 1, 1, 1]
    # G1: a, i (number from the chip); c's chip number disagrees with the birth year, so a
    # review item is open: G2 with b and f (typed numbers); G3: d e g h (no number)
    assert figures(report, "quality_g1") == (2, None, {"Thôn Đông": 1, "Thôn Tây": 0,
                                                       "—": 1})
    assert figures(report, "quality_g2")[0] == 3
    assert figures(report, "quality_g3") == (4, None, {"Thôn Đông": 2, "Thôn Tây": 2,
                                                       "—": 0})
    assert figures(report, "quality_g1_pct")[0] == 22.2


def test_one_hamlet_report_and_disabled_criteria(commune):
    from core.services import digital_citizen

    digital_citizen.set_enabled_criteria(commune.ws, ["vneid_level2", "e_payment"])
    report = compute_report(commune.ws, NOV, commune.east.id, today=TODAY)
    assert report.hamlet_name == "Thôn Đông"
    assert figures(report, "vneid_collected")[:2] == (2, 3)  # b, e | + a
    assert report.get("vneid_coverage_14").value == 75.0
    assert report.get("dc_all_criteria").value == 2  # a and b: level 2 with e-payment
    assert report.as_dict()["hamlet"] == "Thôn Đông"


def test_records_welfare_stays_sessions_and_workflow(commune):
    """Creation times are the real clock's, so this report is for the month of today."""
    ws, people = commune.ws, commune.people
    today = date.today()
    month = containing(today, "month", CALENDAR)
    social = {"category": "Người cao tuổi", "status": "Đang hưởng"}
    records.create_record(ws, "social_protection", social | {
        "beneficiary_name": "Trần Văn Phúc", "payment_method": "Tài khoản"},
        [("beneficiary", people["f"].id)])  # Tây, through the person
    records.create_record(ws, "social_protection", social | {
        "beneficiary_name": "Lê Thị Hoa", "hamlet": "Thôn Đông",
        "payment_method": "Tiền mặt"})  # Đông, named in the record
    records.create_record(ws, "social_protection", social | {
        "beneficiary_name": "Lê Thị Huệ", "hamlet": "thon dong", "status": "Thôi hưởng",
        "payment_method": "Tài khoản"})  # no longer paid
    records.create_record(ws, "meritorious", {
        "beneficiary_name": "Phạm Văn Ích", "category": "Người hoạt động kháng chiến",
        "payment_method": "Tài khoản", "status": "Đang hưởng"}, [("beneficiary", people["i"].id)])
    stay = {"guest_name": "Vũ Văn Khách", "reason": "Thăm người thân", "host_name": "Lê Thị Bình",
            "host_address": "Thôn Đông"}
    records.create_record(ws, "stay", stay | {"from_date": month.start.isoformat(),
                                              "to_date": month.start.isoformat()},
                          [("host", people["b"].id)])
    records.create_record(ws, "stay", stay | {"guest_name": "Vũ Thị Khánh",
                                              "from_date": "2025-06-01", "to_date": "2025-06-03",
                                              "host_hamlet": "Thôn Tây"})
    records.create_record(ws, "birth", {"child_name": "Lê Minh Em", "child_dob": "2015-06-01",
                                        "child_sex": "Nam", "registered_on": "2015-06-20"},
                          [("child", people["e"].id)])
    land = records.create_record(ws, "land", {"holder_name": "Trần Văn Phúc",
                                              "map_sheet": "12", "parcel_number": "345"})
    with ws.db.write() as session:  # digitised long ago: the import of an older campaign
        session.execute(text("UPDATE record SET created_at = '2025-03-01 03:00:00.000000' "
                             "WHERE id = :id"), {"id": land.id})
    collection.create_session(ws, month.start.isoformat(), "Nhà văn hóa thôn Tây",
                              commune.west.id)
    collection.create_session(ws, "2025-05-05", "Trụ sở công an xã")
    vneid.add_follow_up(ws, people["a"].id, "Hướng dẫn đổi mật khẩu",
                        (today - timedelta(days=3)).isoformat())
    vneid.add_follow_up(ws, people["b"].id, "Kích hoạt", (today + timedelta(days=2)).isoformat())
    done = vneid.add_follow_up(ws, people["d"].id, "Mời đi làm mức 2",
                               (today - timedelta(days=1)).isoformat())
    vneid.complete_follow_up(ws, done.id)
    vneid.add_follow_up(ws, people["f"].id, "Gọi lại", today.isoformat())  # due, not overdue

    report = compute_report(ws, month, today=today)
    assert figures(report, "welfare_beneficiaries") == (3, None, {
        "Thôn Đông": 1, "Thôn Tây": 1, "—": 1})
    assert figures(report, "welfare_cashless")[0] == 2
    assert figures(report, "welfare_cashless_pct")[0] == 66.7
    assert figures(report, "stay_notifications") == (1, 1, {"Thôn Đông": 1, "Thôn Tây": 0,
                                                            "—": 0})
    assert figures(report, "records_social_protection")[:2] == (3, 3)
    assert figures(report, "records_birth") == (1, 1, {"Thôn Đông": 1, "Thôn Tây": 0,
                                                       "—": 0})
    assert figures(report, "records_land")[:2] == (0, 0)
    assert figures(report, "records_all")[:2] == (7, 7)
    assert figures(report, "collection_sessions")[:2] == (1, 1)
    assert figures(report, "collection_held") == (True, None, {
        "Thôn Đông": False, "Thôn Tây": True, "—": False})
    assert figures(report, "follow_ups_overdue")[0] == 1  # a's; d's is done, f's due today
    assert figures(report, "review_backlog") == (1, None, {"Thôn Đông": 1, "Thôn Tây": 0,
                                                           "—": 0})
    east = compute_report(ws, month, commune.east.id, today)  # its own year to date
    assert [east.get(c).value for c in ("welfare_beneficiaries", "records_birth")] == [1, 1]
    assert (east.get("stay_notifications").value, east.get("stay_notifications").cumulative,
            east.get("records_all").cumulative) == (1, 1, 4)  # Hoa, Huệ, the stay, the birth
    west = compute_report(ws, month, commune.west.id, today)
    assert (west.get("records_all").value, west.get("records_all").cumulative) == (2, 2)
    item = reviews.open_items(ws)[0]
    reviews.resolve(ws, item.id, "resolved", "Đã đối chiếu thẻ, sửa năm sinh")
    assert compute_report(ws, month, today=today).get("review_backlog").value == 0


def test_override_needs_a_note_and_permission_and_is_audited(commune, login):
    ws = commune.ws
    with pytest.raises(ValidationError, match="lý do"):
        overrides.set_override(ws, NOV, "vneid_collected", 10, " ")
    with pytest.raises(ValidationError):
        overrides.set_override(ws, NOV, "vneid_coverage_14", 120, "Số của công an huyện")
    with pytest.raises(ValidationError):
        overrides.set_override(ws, NOV, "residents_14", 5, "Không có lũy kế", field="cumulative")
    with pytest.raises(PermissionDenied):
        overrides.set_override(login(Role.MEMBER), NOV, "vneid_collected", 10, "Thử quyền")
    overrides.set_override(ws, NOV, "vneid_collected", 10, "Cộng 7 hồ sơ thu tại công an tỉnh")
    overrides.set_override(ws, NOV, "vneid_collected", 12, "Số liệu lũy kế của công an tỉnh",
                           field="cumulative")
    report = compute_report(ws, NOV, today=TODAY)
    value = report.get("vneid_collected")
    assert (value.value, value.computed, value.cumulative, value.computed_cumulative) == (
        10, 3, 12, 5)
    assert value.override.note == "Cộng 7 hồ sơ thu tại công an tỉnh"
    assert report.overrides == 2
    assert compute_report(ws, OCT, today=TODAY).get("vneid_collected").value == 0  # per period
    assert compute_report(ws, NOV, commune.east.id, TODAY).get("vneid_collected").value == 2
    with ws.db.read() as session:
        events = session.execute(text(
            "SELECT action, details FROM audit_event WHERE action LIKE 'report.override%' "
            "ORDER BY seq")).all()
    assert [e[0] for e in events] == ["report.override", "report.override"]
    details = json.loads(events[0][1])
    assert details == {"code": "vneid_collected", "field": "value", "period": NOV.key,
                       "hamlet_id": None, "value": 10, "previous": None}
    assert overrides.clear_override(ws, NOV, "vneid_collected")
    assert compute_report(ws, NOV, today=TODAY).get("vneid_collected").value == 3


def test_viewer_reads_reports_targets_need_settings_permission(commune, login):
    viewer = login(Role.VIEWER)
    assert compute_report(viewer, NOV, today=TODAY).get("vneid_activated").value == 3
    with pytest.raises(PermissionDenied):
        settings.set_target(viewer, "vneid_coverage_14", 95)
    settings.set_target(commune.ws, "vneid_coverage_14", 95)
    value = compute_report(viewer, NOV, today=TODAY).get("vneid_coverage_14")
    assert (value.target, value.progress) == (95, round(100 * 71.4 / 95, 1))
    settings.set_target(commune.ws, "vneid_coverage_14", None)
    assert compute_report(viewer, NOV, today=TODAY).get("vneid_coverage_14").target == 80


def test_catalogue_is_checked():
    catalogue = load_catalogue()
    assert len(catalogue.indicators) == len(catalogue.by_code)
    base = {"code": "x", "name": {"vi": "X", "en": "X"}, "domain": "d", "kind": "count",
            "compute": "vneid_reached", "params": {"state": "issued"}, "cumulative": True}

    def parse(**change):
        return parse_catalogue({"domains": {"d": {"vi": "D", "en": "D"}},
                                "indicators": [base | change]})

    assert parse().indicators[0].computation.flow
    for change, problem in (({"compute": "sql"}, "unknown computation"),
                            ({"params": {"state": "drop table"}}, "wrong value"),
                            ({"params": {}}, "needs state"),
                            ({"kind": "ratio"}, "no denominator"),
                            ({"compute": "review_backlog", "params": {}}, "cannot be cumulative"),
                            ({"domain": "z"}, "domain"),
                            ({"sql": "SELECT 1"}, "unknown key"),
                            ({"target": -1}, "target")):
        with pytest.raises(CatalogueError, match=problem):
            parse(**change)
