"""The main window: pages, keyboard navigation, the lazily fetched resident list, status bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.demo import generate_demo
from core.store import Store
from tests.conftest import FAST_KDF
from ui.pages.empty import EmptyPage
from ui.pages.residents import PAGE
from ui.shell import PAGES, MainWindow


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    ws, _ = Store(tmp_path_factory.mktemp("demo") / "data", kdf=FAST_KDF).initialise(
        "16498", "demo", "xaso-demo", demo=True)
    generate_demo(ws, persons=700)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, demo_ws):
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    win.show()
    return win


def test_every_page_is_there_and_unbuilt_ones_say_so(window):
    labels = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert labels == ["Tổng quan", "Cư dân", "Hộ gia đình", "Đọc thẻ", "VNeID", "Hồ sơ",
                      "Rà soát", "Đồng bộ", "Báo cáo", "Cài đặt", "Nhật ký"]
    assert len(PAGES) == len(labels)
    for key, _label, empty in PAGES:
        page = window.pages[key]
        assert isinstance(page, EmptyPage) == (empty is not None), key


def test_resident_list_fetches_pages_as_it_scrolls(qtbot, window):
    page = window.pages["residents"]
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == PAGE, timeout=5000)
    assert model.total >= 700
    assert "cư dân" in page.status.text()
    names = [model.rows[i].full_name for i in range(PAGE)]
    page.table.scrollToBottom()  # the view asks for more when it reaches the end
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE, timeout=5000)
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: not model._fetching, timeout=5000)
    assert model.rowCount() == model.total
    assert [model.rows[i].full_name for i in range(PAGE)] == names  # stable, no duplicates
    assert len({hit.id for hit in model.rows}) == model.total


def test_ctrl_f_jumps_to_search_and_typing_filters(qtbot, window):
    window.show_page("overview")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["residents"]
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.query, timeout=2000)
    first = page.model.rows[0].full_name if page.model.rows else None
    page.query.insert("nguyen")  # non-ASCII safe typing (ENGINEERING_NOTES)
    qtbot.waitUntil(lambda: page.model.searching, timeout=5000)
    assert "kết quả" in page.status.text()
    assert page.model.rows and all("Nguyễn" in h.full_name or "Nguyên" in h.full_name
                                   for h in page.model.rows[:20])
    page.query.clear()
    qtbot.waitUntil(lambda: "cư dân" in page.status.text(), timeout=5000)
    assert first is None or page.model.rows[0].full_name == first


def test_overview_shows_the_real_counts(qtbot, window, demo_ws):
    from core.services.overview import overview

    expected = overview(demo_ws)
    window.show_page("overview")
    tiles = window.pages["overview"].tiles
    qtbot.waitUntil(lambda: tiles["persons"].text() != "…", timeout=5000)
    assert tiles["persons"].text() == f"{expected.persons:,}".replace(",", ".")
    assert tiles["households"].text() == f"{expected.households:,}".replace(",", ".")
    assert tiles["vneid.activated"].text() == str(expected.vneid_by_state.get("activated", 0))


def test_status_bar_names_the_user_commune_and_pending_changes(qtbot, window):
    assert "demo" in window.user_label.text()
    assert "Quảng Ngọc" in window.commune_label.text()
    qtbot.waitUntil(lambda: window.pending_label.text().startswith("Chưa đồng bộ"), timeout=5000)
    assert window.pending_label.text() == "Chưa đồng bộ: 0"  # demo data never syncs


def test_keyboard_page_shortcuts(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["households"]
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["audit"]


def test_filters_narrow_the_list_and_the_search(qtbot, window, demo_ws):
    from sqlalchemy import text

    page = window.pages["residents"]
    bar = page.filters
    qtbot.waitUntil(lambda: bar.hamlet.count() > 1, timeout=5000)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    bar.sex.setCurrentIndex(bar.sex.findData("F"))
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.model.where is not None
                    and page.model.where.sex == "F", timeout=5000)
    with demo_ws.db.read() as session:
        women = session.execute(text("SELECT count(*) FROM person WHERE deleted_at IS NULL "
                                     "AND sex = 'F'")).scalar_one()
    assert page.model.total == women
    assert {hit.sex for hit in page.model.rows} == {"F"}
    hamlet_name = bar.hamlet.itemText(2)
    bar.hamlet.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.model.where.hamlet_id == bar.hamlet.itemData(2)
                    and page.model.rowCount() > 0, timeout=5000)
    assert {hit.hamlet for hit in page.model.rows} == {hamlet_name}
    assert {hit.sex for hit in page.model.rows} == {"F"}
    page.query.insert("thi")
    qtbot.waitUntil(lambda: page.model.searching, timeout=5000)
    assert page.model.rows and all(h.hamlet == hamlet_name and h.sex == "F"
                                   for h in page.model.rows)
    from datetime import date

    def all_under_six() -> bool:
        return all(h.dob and int(h.dob[:4]) >= date.today().year - 5 for h in page.model.rows)

    bar.age.setCurrentIndex(1)  # under 6
    qtbot.waitUntil(all_under_six, timeout=5000)  # the adults found before are gone


def test_a_demo_commune_says_it_never_syncs(qtbot, window):
    qtbot.waitUntil(lambda: "dữ liệu mẫu" in window.sync_label.text(), timeout=5000)
    window.sidebar.setCurrentRow([key for key, _l, _e in PAGES].index("sync"))
    page = window.pages["sync"]
    qtbot.waitUntil(lambda: "Xã mẫu" in page.status_label.text(), timeout=5000)
    assert not page.buttons["enroll"].isEnabled() and not page.buttons["sync"].isEnabled()


def test_lock_now_from_the_status_bar_locks_the_session(qtbot, window):
    from ui.login import IdleLock

    idle = IdleLock(minutes=30)
    window.lock_requested.connect(idle.lock_now)
    idle.start()
    with qtbot.waitSignal(idle.locked, timeout=2000):
        window.lock_button.click()
    assert idle.is_locked
