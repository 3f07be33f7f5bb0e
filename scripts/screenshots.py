"""Screenshots of every page of the real app on the demo commune → docs/screenshots/*.png.

    xvfb-run -a .venv/bin/python scripts/screenshots.py [--data-dir DIR] [--persons N]

Creates the demo commune in a temporary folder unless `--data-dir` holds one, logs in as the
documented demo account, opens each page, waits for its background work to finish and saves
the window. Run under Xvfb (or any display); QT_QPA_PLATFORM=offscreen works too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QThreadPool, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cli import DEMO_PASSWORD, DEMO_USER  # noqa: E402
from core.dates import show_iso  # noqa: E402
from core.demo import generate_demo  # noqa: E402
from core.excel.writer import Sheet, write_xlsx  # noqa: E402
from core.services import persons, records  # noqa: E402
from core.services.records import DuplicateRecord  # noqa: E402
from core.store import Store  # noqa: E402
from ui.background import wait_for_background  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.import_wizard import ImportWizard  # noqa: E402
from ui.login import LoginDialog  # noqa: E402
from ui.person_dialog import PersonDialog  # noqa: E402
from ui.record_dialog import RecordDialog  # noqa: E402
from ui.setup_wizard import SetupWizard  # noqa: E402
from ui.shell import PAGES, MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def settle(ms: int = 300, timeout: float = 20.0) -> None:
    """Let queued signals run until no background job is left (then a little more)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        if QThreadPool.globalInstance().activeThreadCount() == 0:
            break
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def import_sample(path: Path, known) -> Path:
    """A hamlet's list as officers keep it: residents already stored (some with a new
    detail), new ones, and a row with mistakes, for the import wizard's preview."""
    sex = {"M": "Nam", "F": "Nữ"}
    rows = [[i, hit.full_name, show_iso(hit.dob), sex.get(hit.sex or "", ""),
             hit.personal_number or "", hit.hamlet or "", "Trạm y tế xã" if i < 3 else ""]
            for i, hit in enumerate(known, start=1)]
    n = len(rows)
    hamlet = known[0].hamlet or ""
    rows += [[n + 1, "Hoàng Thị Thu Trang", "14/03/1996", "Nữ", "", hamlet, ""],
             [n + 2, "Lò Văn Sáng", "1958", "Nam", "", hamlet, ""],
             [n + 3, "Phạm Văn Bình", "31/02/1990", "Nam", "", "Thôn 99", ""]]
    headers = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Thôn", "Nơi sinh"]
    write_xlsx(path, [Sheet("Danh sách", headers, rows)])
    return path


def sample_records(ws, limit: int = 60) -> str | None:
    """Birth registrations of the demo's children (linked to them) and social-protection
    records of its elderly, so the Hồ sơ page shows real lists; one birth gets a correction
    so its history has two entries. Returns that birth record's id (None if there is none)."""
    if records.count_records(ws, "birth") or records.count_records(ws, "social_protection"):
        found = records.list_records(ws, "birth", limit=1)
        return found[0].id if found else None
    sex = {"M": "Nam", "F": "Nữ"}
    today = date.today()
    births, elderly, after = [], [], None
    while len(births) < limit or len(elderly) < limit:
        _total, page = persons.browse(ws, after, 500)
        if not page:
            break
        after = page[-1][0]
        for _, hit in page:
            if not hit.dob or len(hit.dob) != 10 or not hit.sex:
                continue
            if hit.dob >= f"{today.year - 12}" and len(births) < limit:
                births.append(hit)
            elif hit.dob <= f"{today.year - 80}" and len(elderly) < limit:
                elderly.append(hit)
    first = None
    for number, hit in enumerate(births, start=1):
        born = date.fromisoformat(hit.dob)
        registered = min(born + timedelta(days=20), today)
        payload = {"child_name": hit.full_name, "child_dob": show_iso(hit.dob),
                   "child_sex": sex[hit.sex], "registered_on": registered.strftime("%d/%m/%Y"),
                   "registration_kind": "Đúng hạn", "child_nationality": "Việt Nam",
                   "book": f"01/{registered.year}", "page": 1 + number // 4, "entry": number}
        if hit.personal_number:
            payload["child_personal_number"] = hit.personal_number
        try:
            record = records.create_record(ws, "birth", payload, [("child", hit.id)])
        except DuplicateRecord:
            continue
        first = first or record.id
    for hit in elderly:
        payload = {"beneficiary_name": hit.full_name, "beneficiary_dob": show_iso(hit.dob),
                   "beneficiary_sex": sex[hit.sex], "hamlet": hit.hamlet or "",
                   "category": "Người cao tuổi", "coefficient": "1,5",
                   "monthly_allowance": "750.000", "start_date": "01/07/2024",
                   "payment_method": "Tiền mặt", "status": "Đang hưởng"}
        try:
            records.create_record(ws, "social_protection", payload, [("beneficiary", hit.id)])
        except DuplicateRecord:
            continue
    if first:
        records.correct_record(ws, first, {"home_town": "Xã Quảng Ngọc, Tỉnh Thanh Hóa"},
                               "Tờ khai bổ sung của cha mẹ, ngày 05/11/2026", "supplement")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--persons", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp) / "demo"
        store = Store(data_dir)
        if store.is_initialised():
            ws = store.unlock(DEMO_USER, DEMO_PASSWORD)
        else:
            ws, _recovery = store.initialise("16498", DEMO_USER, DEMO_PASSWORD, "Tài khoản mẫu",
                                             demo=True)
            generate_demo(ws, persons=args.persons)
        try:
            args.out.mkdir(parents=True, exist_ok=True)
            birth_id = sample_records(ws)
            first_run = SetupWizard(Store(Path(tmp) / "new"))
            first_run.show()
            settle()
            first_run.grab().save(str(args.out / "00a-setup-wizard.png"))
            first_run.close()
            login = LoginDialog(store, DEMO_USER)
            login.show()
            settle()
            login.grab().save(str(args.out / "00b-login.png"))
            login.close()
            window = MainWindow(ws)
            window.resize(1280, 800)
            window.show()
            for number, (key, _label, _empty) in enumerate(PAGES, start=1):
                window.show_page(key)
                settle()
                path = args.out / f"{number:02d}-{key}.png"
                window.grab().save(str(path))
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            window.show_page("card")  # a training card read and matched
            desk = window.pages["card"]
            desk.training.setChecked(True)
            desk.preset.setCurrentText("nguyen-thi-mai")
            desk.read()
            settle(1500, timeout=60)
            window.grab().save(str(args.out / "04b-card-training.png"))
            window.show_page("residents")
            window.pages["residents"].query.insert("nguyen van duc")
            settle(600)
            window.grab().save(str(args.out / "02b-residents-search.png"))
            residents = window.pages["residents"]
            person = PersonDialog(ws, residents.model.rows[0].id, window)
            person.show()
            settle(600)
            person.grab().save(str(args.out / "02c-person.png"))
            person.close()
            _total, page = persons.browse(ws, None, 6)
            sample = import_sample(Path(tmp) / "danh-sach-thon.xlsx", [hit for _, hit in page])
            wizard = ImportWizard(ws, "person", window)  # Nhập từ Excel: the preview step
            wizard.show()
            wizard.set_file(sample)
            settle(600)
            wizard.next()
            settle()
            wizard.next()
            settle(1000, timeout=60)
            wizard.grab().save(str(args.out / "02d-import-preview.png"))
            wizard.close()
            window.show_page("records")  # Hồ sơ: another type, searched without diacritics
            records_page = window.pages["records"]
            records_page.set_type("social_protection")
            records_page.query.insert("nguyen")
            settle(800)
            window.grab().save(str(args.out / "06b-records-social.png"))
            if birth_id:
                birth = RecordDialog(ws, None, birth_id, window)  # values, history, files
                birth.show()
                settle(600)
                birth.grab().save(str(args.out / "06c-record-birth.png"))
                birth.close()
            window.close()
            install_language("en")  # the same window in English
            english = MainWindow(ws)
            english.resize(1280, 800)
            english.show()
            english.show_page("households")
            settle(600)
            english.grab().save(str(args.out / "12-households-en.png"))
            english.close()
            install_language("vi")
        finally:
            wait_for_background()
            ws.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
