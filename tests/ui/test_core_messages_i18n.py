"""Messages raised by core reach the UI in its language: core writes them in Vietnamese (a
core.i18n.Msg when they carry values), ui.i18n.error_text / message_text translate them."""

from __future__ import annotations

import pytest

from core.auth import Role
from core.errors import LockedOut, NotFound, PermissionDenied, ValidationError, WrongSecret
from core.i18n import Msg
from core.personal_id import check_personal_id
from core.services import persons, users
from ui.i18n import error_text, install_language, message_text
from ui.person_dialog import PersonDialog


@pytest.fixture
def english(qapp):
    install_language("en")
    yield
    install_language("vi")


def _raised(fn, kind):
    with pytest.raises(kind) as caught:
        fn()
    return caught.value


def _locked_out(store) -> LockedOut:
    for _ in range(store.keyslots.policy().max_failures - 1):
        _raised(lambda: store.unlock("admin", "wrong password"), WrongSecret)
    return _raised(lambda: store.unlock("admin", "wrong password"), LockedOut)


def _viewer_creates(login) -> PermissionDenied:
    viewer = login(Role.VIEWER)
    return _raised(lambda: persons.create_person(viewer, {"full_name": "Lê Văn An"}),
                   PermissionDenied)


def _bad_date(admin_ws) -> ValidationError:
    return _raised(lambda: persons.create_person(admin_ws, {"full_name": "Lê Văn An",
                                                            "dob": "31/02/2020"}),
                   ValidationError)


def _short_password(admin_ws) -> ValidationError:
    return _raised(lambda: users.add_user(admin_ws, "lan", "Lan", Role.OFFICER, "ngan"),
                   ValidationError)


def test_core_errors_in_english(english, store, admin_ws, login):
    wrong = _raised(lambda: store.unlock("nobody", "x"), WrongSecret)
    assert error_text(wrong).startswith("Wrong username or password.")

    locked = _locked_out(store)
    assert error_text(locked) == (
        "The account is temporarily locked after too many wrong passwords. Try again in 5 "
        "minute(s) or ask an administrator to reset the password.")

    denied = _viewer_creates(login)
    assert error_text(denied) == "You are not allowed to add or edit residents. Contact an " \
                                 "administrator."

    bad_date = _bad_date(admin_ws)
    assert message_text(bad_date.errors["dob"]) == \
        "Date 31/02/2020 does not exist in the calendar."
    assert error_text(bad_date) == "Invalid data: Date 31/02/2020 does not exist in the calendar."

    short = _short_password(admin_ws)
    assert message_text(short.errors["password"]) == "Password must be at least 8 characters."
    assert "Password must be at least 8 characters." in error_text(short)


def test_nested_and_labelled_messages_in_english(english, admin_ws):
    # A message inside a message, a label given by the caller, and ID-number warnings.
    result = check_personal_id("12345")
    assert message_text(result.errors[0]) == "The ID number must have exactly 12 digits (it has 5)."
    missing = _raised(lambda: users.disable_user(admin_ws, "nobody"), NotFound)
    assert error_text(missing) == "Not found: user “nobody”."
    warnings = persons.create_person(admin_ws, {"full_name": "Trần Thị Bình", "dob": "1985",
                                                "personal_number": "038190000001",
                                                "sex": "Nữ"}).warnings
    assert [message_text(w) for w in warnings] == ["Digits 5–6 (90) do not match birth year 1985."]


def test_core_errors_unchanged_in_vietnamese(qapp, store, admin_ws, login):
    install_language("vi")
    locked = _locked_out(store)
    assert str(locked) == error_text(locked) == (
        "Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại sau 5 phút hoặc nhờ "
        "quản trị viên đặt lại mật khẩu.")
    denied = _viewer_creates(login)
    assert str(denied) == error_text(denied) == \
        "Bạn không có quyền thêm hoặc sửa cư dân. Hãy liên hệ quản trị viên."
    bad_date = _bad_date(admin_ws)
    assert bad_date.errors["dob"] == message_text(bad_date.errors["dob"]) == \
        "Ngày 31/02/2020 không có trên lịch."
    assert str(bad_date) == error_text(bad_date) == \
        "Dữ liệu chưa hợp lệ: Ngày 31/02/2020 không có trên lịch."
    short = _short_password(admin_ws)
    assert short.errors["password"] == message_text(short.errors["password"]) == \
        "Mật khẩu phải có ít nhất 8 ký tự."
    assert isinstance(short.errors["password"], Msg)


def test_person_dialog_shows_field_errors_in_english(qtbot, english, admin_ws):
    dialog = PersonDialog(admin_ws)
    qtbot.addWidget(dialog)
    dialog.inputs["full_name"].insert("Lê Văn An")
    dialog.inputs["dob"].insert("31/02/2020")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["dob"].isVisibleTo(dialog), timeout=5000)
    assert dialog.errors["dob"].text() == "Date 31/02/2020 does not exist in the calendar."
