"""Đồng bộ page: enrollment, "Đồng bộ ngay" with the real hub over HTTP (uvicorn on loopback),
a conflict shown side by side and resolved from the page, the guard banner; a real screenshot."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool

from core.services import persons, settings
from sync.client import service
from tests.sync.conftest import COMMUNE, live_hub, second_ws  # noqa: F401 - fixtures
from ui.pages.sync import SyncPage

WAIT = 30_000


def _idle(qtbot, page: SyncPage) -> None:
    qtbot.waitUntil(lambda: page.job is None
                    and QThreadPool.globalInstance().activeThreadCount() == 0, timeout=WAIT)
    qtbot.wait(50)


def _page(qtbot, ws) -> SyncPage:
    page = SyncPage(ws)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitUntil(lambda: page.state is not None, timeout=WAIT)
    return page


def test_enroll_sync_and_resolve_a_conflict(qtbot, admin_ws, second_ws, live_hub,  # noqa: F811
                                            tmp_path):
    page = _page(qtbot, admin_ws)
    assert "chưa đăng ký" in page.status_label.text()
    assert not page.buttons["sync"].isEnabled() and page.buttons["enroll"].isEnabled()

    page.enroll(live_hub.url, live_hub.code(COMMUNE), "Máy một cửa")
    qtbot.waitUntil(lambda: page.state.enrolled, timeout=WAIT)
    assert live_hub.url in page.status_label.text()
    assert page.buttons["sync"].isEnabled()

    person = persons.create_person(admin_ws, {"full_name": "Lò Văn Pọm",
                                              "dob": "02/03/1980"}).person
    page.refresh()
    qtbot.waitUntil(lambda: "chờ gửi: <b>1</b>" in page.status_label.text(), timeout=WAIT)
    page.sync_now()
    _idle(qtbot, page)
    assert "Đồng bộ xong" in page.message.text(), page.message.text()
    qtbot.waitUntil(lambda: "chờ gửi: <b>0</b>" in page.status_label.text(), timeout=WAIT)

    # The other PC of the commune changes the same resident first; this PC's edit conflicts.
    service.enroll(second_ws, live_hub.url, live_hub.code(COMMUNE), "Máy công an xã")
    assert service.run_cycle(second_ws).ok
    persons.update_person(second_ws, person.id, {"full_name": "Lò Văn Pọm Xuân"})
    assert service.run_cycle(second_ws).results == {"applied": 1}
    persons.update_person(admin_ws, person.id, {"full_name": "Lò Thị Pọm"})
    page.sync_now()
    _idle(qtbot, page)
    qtbot.waitUntil(lambda: page.problems.rowCount() == 1, timeout=WAIT)
    assert page.problems.item(0, 0).text() == "Xung đột với máy chủ"
    sides = {page.sides.item(r, 0).text(): (page.sides.item(r, 1).text(),
                                            page.sides.item(r, 2).text())
             for r in range(page.sides.rowCount())}
    assert sides["Họ và tên"] == ("Lò Thị Pọm", "Lò Văn Pọm Xuân")
    assert "name_folded" not in sides  # derived keys stay out of the comparison
    assert page.take_hub.isEnabled() and page.keep_mine.isEnabled()
    page.grab().save(str(tmp_path / "sync-conflict.png"))
    assert (tmp_path / "sync-conflict.png").stat().st_size > 10_000

    page.take_hub.click()
    qtbot.waitUntil(lambda: page.problems.rowCount() == 0, timeout=WAIT)
    assert persons.get_person(admin_ws, person.id).full_name == "Lò Văn Pọm Xuân"
    _idle(qtbot, page)


def test_guard_banner_and_clock_skew(qtbot, admin_ws, live_hub):  # noqa: F811
    service.enroll(admin_ws, live_hub.url, live_hub.code(COMMUNE), "Máy một cửa")
    settings.update_settings(admin_ws, sync_guard_days=1, sync_guard_block=True)
    persons.create_person(admin_ws, {"full_name": "Hà Thị Lan"})
    with admin_ws.db.write() as session:  # the change has waited three days
        session.connection().exec_driver_sql(
            "UPDATE outbox SET created_at = datetime('now', '-3 days')")
        session.connection().exec_driver_sql("UPDATE sync_state SET clock_skew = 900")
    page = _page(qtbot, admin_ws)
    text = page.warning.text()
    assert "tạm dừng nhập mới" in text
    assert "lệch 15 phút" in text
