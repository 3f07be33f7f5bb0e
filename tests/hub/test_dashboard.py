"""The hub's web dashboard and PUT /v1/report over real HTTP (uvicorn on loopback), on SQLite
and PostgreSQL. Figures are the hand-checked ones of tests/hub/dashboard_seed.py."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from core.reports.catalogue import load_catalogue
from sync.hub import admin, schema
from sync.hub.config import RateLimit
from sync.hub.report_store import snapshots
from sync.hub.reports import aggregate
from tests.hub.dashboard_seed import (
    A_MONTH,
    MONTH,
    PASSWORD,
    WEEK,
    C,
    add_users,
    body,
    check_workbook,
    csrf_of,
    login,
    period,
    put_report,
    seed_reports,
)
from tests.hub.helpers import A, B


def _cell(html: str, row_id: str, css: str) -> str:
    """The text of `<td class="… css …">` in the table row `id=row_id`."""
    row = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S)[1]
    cell = re.search(rf'<td class="[^"]*\b{css}\b[^"]*">(.*?)</td>', row, re.S)[1]
    return re.sub(r"<[^>]+>", "", cell).split("\n")[-1].strip()


# -- PUT /v1/report ---------------------------------------------------------------------------

def test_report_upload_is_signed_validated_and_newest_wins(hub):
    dev = hub.device(A)
    month = period(MONTH, {"residents_14": {"value": 8, "num": 8}})
    unsigned = hub.http.put("/v1/report", json=body(month))
    assert unsigned.status_code == 401 and unsigned.json()["error"] == "unauthenticated"
    assert hub.count(schema.commune_report) == 0

    for bad in ({**body(month), "periods": []},
                body(period(MONTH, {"residents_14": {"value": -1}})),
                body(period(MONTH, {}, kind="week")),  # a month key said to be a week
                body(period(MONTH, {}, end="2026-12-31")),  # 61 days is no month
                body(month, month),  # the same period twice
                body(period(MONTH, {"residents_14": {"value": 1, "extra": 2}})),
                body(month, computed_at="2099-01-01T00:00:00Z"),  # ahead of the hub's clock
                body(month, computed_at="0001-01-01T00:00:00+01:00"),  # before year 1 in UTC
                {**body(month), "app_version": "1.0\x00"}):
        r = put_report(dev, bad)
        assert r.status_code == 422 and r.json()["error"] == "invalid_request", (bad, r.text)
    assert put_report(dev, b"{not json").status_code == 422
    too_big = put_report(dev, b" " * (300 * 1024))
    assert too_big.status_code == 413 and too_big.json()["error"] == "too_large"
    assert hub.count(schema.commune_report) == 0

    assert put_report(dev, body(month)).json() == {"stored": 1, "stale": 0, "ignored": 0}
    # the same again, or an older computation: kept as it is (a retry is harmless)
    assert put_report(dev, body(month)).json() == {"stored": 0, "stale": 1, "ignored": 0}
    older = period(MONTH, {"residents_14": {"value": 1, "num": 1}})
    assert put_report(dev, body(older, computed_at="2026-11-27T08:00:00Z")).json()[
        "stale"] == 1
    # another PC of the commune computed later: its figures replace the stored ones
    other = hub.device(A, "Máy hai")
    newer = period(MONTH, {"residents_14": {"value": 9, "num": 9}, "bogus": {"value": 1}})
    assert put_report(other, body(newer, computed_at="2026-11-28T09:00:00+07:00")).json() == {
        "stored": 0, "stale": 1, "ignored": 1}  # 02:00 UTC: older than 08:00 UTC
    assert put_report(other, body(newer, computed_at="2026-11-28T09:00:00Z")).json() == {
        "stored": 1, "stale": 0, "ignored": 1}
    with hub.db.read() as conn:
        stored = snapshots(conn, MONTH)[A]
    assert stored.device_id == other.device_id
    assert stored.figures == {"residents_14": {"value": 9, "num": 9, "cumulative": None,
                                               "den": None, "target": None}}
    admin.revoke_device(hub.db, other.device_id)
    assert put_report(other, body(newer)).status_code == 403


# -- login, sessions, CSRF --------------------------------------------------------------------

def test_login_logout_csrf_and_disabled_users(hub):
    add_users(hub)
    client = hub.http
    r = client.get("/dashboard/")
    assert r.status_code == 303 and r.headers["location"] == "/dashboard/login"
    assert client.get("/").headers["location"] == "/dashboard/"
    form = client.get("/dashboard/login")
    assert form.status_code == 200 and "Đăng nhập" in form.text
    assert form.headers["content-security-policy"].startswith("default-src 'self'")
    assert form.headers["x-frame-options"] == "DENY" and form.headers["cache-control"] == \
        "no-store"
    assert "https://" not in form.text  # nothing from a CDN: the hub serves its own CSS
    css = client.get("/dashboard/static/hub.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    token = csrf_of(form.text)

    no_csrf = client.post("/dashboard/login", data={"username": "tinh", "password": PASSWORD})
    assert no_csrf.status_code == 400 and "xaso_hub_session" not in no_csrf.cookies
    for username, password in (("tinh", "sai-mat-khau-123"), ("khong-co", PASSWORD)):
        bad = client.post("/dashboard/login", data={"username": username, "password": password,
                                                    "csrf": token})
        assert bad.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu." in bad.text
        assert "xaso_hub_session" not in bad.cookies

    ok = client.post("/dashboard/login", data={"username": "TINH ", "password": PASSWORD,
                                               "csrf": token})
    assert ok.status_code == 303 and ok.headers["location"] == "/dashboard/"
    cookie = ok.headers["set-cookie"]
    assert "xaso_hub_session=" in cookie and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie and "Path=/dashboard" in cookie
    assert "Secure" not in cookie  # plain http on loopback; https (behind the proxy) sets it
    page = client.get("/dashboard/")
    assert page.status_code == 200 and 'id="communes"' in page.text
    with hub.db.read() as conn:  # only the token's hash is stored
        stored = conn.execute(select(schema.hub_session.c.token_hash)).scalars().all()
    assert len(stored) == 1 and stored[0] != client.cookies["xaso_hub_session"]

    assert client.post("/dashboard/logout", data={"csrf": "forged"}).status_code == 403
    assert client.get("/dashboard/").status_code == 200  # still logged in
    out = client.post("/dashboard/logout", data={"csrf": csrf_of(page.text)})
    assert out.status_code == 303 and out.headers["location"] == "/dashboard/login"
    assert hub.count(schema.hub_session) == 0
    assert client.get("/dashboard/").status_code == 303

    # a disabled user cannot log in, and an open session of theirs ends
    other = login(hub, "xa.a")
    assert other.get("/dashboard/").status_code == 200
    admin.disable_user(hub.db, "xa.a")
    assert other.get("/dashboard/").status_code == 303
    form = client.get("/dashboard/login")
    r = client.post("/dashboard/login", data={"username": "xa.a", "password": PASSWORD,
                                              "csrf": csrf_of(form.text)})
    assert r.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu." in r.text
    other.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sessions_expire_and_logins_are_rate_limited(make_hub):
    hub = make_hub(login_user_rate=RateLimit(per_minute=1, burst=3))
    add_users(hub)
    client = login(hub)  # 1 of the 3 attempts
    with hub.db.write() as conn:
        conn.execute(update(schema.hub_session).values(
            expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    r = client.get("/dashboard/report")
    assert r.status_code == 303 and r.headers["location"] == "/dashboard/login"
    assert hub.count(schema.hub_session) == 0  # an expired session is removed

    token = csrf_of(client.get("/dashboard/login").text)
    for _ in range(2):
        wrong = {"username": "tinh", "password": "doan-mo-1234", "csrf": token}
        assert client.post("/dashboard/login", data=wrong).status_code == 401
    limited = client.post("/dashboard/login", data={"username": "tinh", "password": PASSWORD,
                                                    "csrf": token})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert "Quá nhiều lần đăng nhập" in limited.text
    # another username from the same PC is not locked out by it
    assert login(hub, "xa.a").get("/dashboard/").status_code == 200
    client.close()


# -- what the pages show ----------------------------------------------------------------------

def test_overview_report_page_and_workbook_show_the_hand_checked_figures(hub):
    devices = seed_reports(hub)
    add_users(hub)
    # refusals counted from the ledger: one conflict and one rejected op from A's device
    dev = devices[A]
    created = dev.op(name="Trần Văn Bình")
    assert dev.statuses(dev.batch(created)) == ["applied"]
    bad_id = "bad\x01id"
    assert dev.statuses(dev.batch(
        dev.op(created.entity_id, base=1), dev.op(created.entity_id, base=0),
        dev.op(bad_id, payload={"id": bad_id, "version": 1, "full_name": "x"}))) == [
        "applied", "conflict", "rejected"]

    client = login(hub)
    page = client.get("/dashboard/")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    html = page.text
    assert [m for m in re.findall(r'<tr id="c-(\d+)">', html)] == [B, C, A]
    assert _cell(html, f"c-{A}", "value") == "62,5 %"
    assert _cell(html, f"c-{B}", "value") == "75,0 %"
    assert _cell(html, f"c-{C}", "value") == "–"
    assert _cell(html, f"c-{A}", "pending") == "3"
    assert (_cell(html, f"c-{A}", "rejected"), _cell(html, f"c-{A}", "conflict")) == ("1", "1")
    assert _cell(html, f"c-{B}", "rejected") == "0"
    assert _cell(html, f"c-{A}", "devices") == "1" and _cell(html, f"c-{C}", "devices") == "0"
    assert _cell(html, f"c-{C}", "fresh") == "chưa có" and "chưa có" not in _cell(
        html, f"c-{A}", "last-sync")
    assert re.search(r'id="headline-value">72,9 %<', html)

    report = client.get(f"/dashboard/report?period={MONTH}").text
    assert _cell(report, "t-vneid_coverage_14", "value") == "72,9 %"
    assert _cell(report, "t-vneid_coverage_14", "target") == "80,0 %"
    assert _cell(report, "t-vneid_activated", "value") == "10"
    assert _cell(report, "t-vneid_activated", "cumulative") == "30"
    assert _cell(report, "t-collection_held", "value") == "1/2"
    assert _cell(report, "t-residents_14", "value") == "48"
    assert _cell(report, "t-residents_14", "reporting") == "2"
    assert _cell(report, "t-quality_g3", "target") == "0"
    assert "Chưa gửi</strong>" in report or "Chưa gửi (1)" in report
    assert re.search(rf"{C} Xã Chưa Gửi</a>", report)
    assert 'id="period-dates">(01/11/2026 – 30/11/2026)' in report
    week = client.get(f"/dashboard/report?period={WEEK}").text
    assert _cell(week, "t-vneid_activated", "value") == "3"
    english = client.get(f"/dashboard/report?period={MONTH}&lang=en")
    assert "Province report" in english.text and "72.9 %" in english.text
    assert "xaso_hub_lang=en" in english.headers["set-cookie"]
    assert "Overview" in client.get("/dashboard/").text  # the choice is remembered

    detail = client.get(f"/dashboard/communes/{A}?period={MONTH}").text
    assert dev.device_id in detail and "Máy một cửa" in detail
    assert _cell(detail, "i-vneid_coverage_14", "value") == "62.5 %"  # still English
    assert _cell(detail, f"d-{dev.device_id}", "rejected") == "1"

    xlsx = client.get(f"/dashboard/report.xlsx?period={MONTH}&lang=vi")
    assert xlsx.status_code == 200 and xlsx.headers["cache-control"] == "no-store"
    assert xlsx.headers["content-disposition"] == \
        'attachment; filename="xaso-bao-cao-2026-11.xlsx"'
    check_workbook(xlsx.content)
    client.close()


def test_a_commune_user_sees_only_its_commune(hub):
    seed_reports(hub)
    add_users(hub)
    client = login(hub, "xa.a")
    html = client.get("/dashboard/").text
    assert re.findall(r'<tr id="c-(\d+)">', html) == [A]
    assert client.get(f"/dashboard/communes/{A}").status_code == 200
    refused = client.get(f"/dashboard/communes/{B}")
    assert refused.status_code == 403 and "chỉ xem được xã của mình" in refused.text
    assert "Xã thử 00004" not in refused.text
    assert client.get("/dashboard/communes/99999").status_code == 403
    report = client.get(f"/dashboard/report?period={MONTH}").text
    assert _cell(report, "t-vneid_coverage_14", "value") == "62,5 %"
    assert re.findall(r'<tr id="r-(\d+)">', report) == [A] and B not in report
    xlsx = client.get(f"/dashboard/report.xlsx?period={MONTH}")
    assert 'filename="xaso-bao-cao-16498-2026-11.xlsx"' in xlsx.headers["content-disposition"]
    check_workbook(xlsx.content, (A,))
    client.close()


def test_aggregation_recomputes_ratios_and_counts_yes_answers(hub):
    seed_reports(hub)
    catalogue = load_catalogue()
    with hub.db.read() as conn:
        month = snapshots(conn, MONTH)
    report = aggregate(catalogue, [(A, "A"), (B, "B"), (C, "C")], month, MONTH)
    coverage = report.total("vneid_coverage_14")
    assert (coverage.num, coverage.den, coverage.value) == (35, 48, 72.9)
    assert coverage.target == 80 and coverage.progress == 91.1 and coverage.reporting == 2
    activated = report.total("vneid_activated")
    assert (activated.value, activated.cumulative, activated.progress) == (10, 30, None)
    held = report.total("collection_held")
    assert (held.value, held.reporting, held.target) == (1, 2, 2)
    g3 = report.total("quality_g3")
    assert (g3.value, g3.target, g3.progress) == (3, 0, None)
    assert report.total("vneid_issued").value is None  # nobody sent it
    assert report.missing == [(C, "C")]
    assert (str(report.start), str(report.end), report.mixed_dates) == (
        "2026-11-01", "2026-11-30", False)
    assert report.figure(A, "bogus") is None and report.figure(A, "residents_14")["value"] == 8
    # different targets are weighted by the denominators: (70·8 + 80·40) / 48
    month[A].figures["vneid_coverage_14"]["target"] = 70
    assert aggregate(catalogue, [(A, "A"), (B, "B")], month, MONTH).total(
        "vneid_coverage_14").target == 78.3
    assert A_MONTH["vneid_coverage_14"]["value"] == 62.5


def test_every_dashboard_text_has_its_english():
    from pathlib import Path

    from sync.hub.web import i18n

    web = Path(i18n.__file__).parent
    sources = [p.read_text(encoding="utf-8") for p in (web / "templates").glob("*.html")]
    sources.append((web / "workbook.py").read_text(encoding="utf-8"))
    texts = {m for s in sources for m in re.findall(r"""\bt\(["']([^"']+)["']""", s)}
    assert len(texts) > 40 and not texts - set(i18n.EN)
