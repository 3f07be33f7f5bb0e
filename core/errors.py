"""Typed errors with a Vietnamese message a user can act on (`str(err)`).

The message (`err.args[0]`) is a `core.i18n.Msg` or a text marked with `QT_TR_NOOP`, so the UI
shows it in its language (`ui.i18n.error_text`).
"""

from __future__ import annotations

from core.i18n import QT_TR_NOOP, Msg


def _label(text: str) -> Msg:
    """A label put into a message (what was not found, what is not allowed): a `Msg`, so the UI
    translates it too (the literals are marked with QT_TR_NOOP where they are written)."""
    return text if isinstance(text, Msg) else Msg(text)


class XasoError(Exception):
    """Base of every error the app shows to a person."""


class WrongSecret(XasoError):
    pass


class LockedOut(XasoError):
    def __init__(self, seconds: int):
        self.seconds = seconds
        minutes = max(1, (seconds + 59) // 60)
        super().__init__(Msg(QT_TR_NOOP(
            "Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại sau {minutes} phút "
            "hoặc nhờ quản trị viên đặt lại mật khẩu."), minutes=minutes))


class NotInitialised(XasoError):
    def __init__(self, where: str):
        super().__init__(Msg(QT_TR_NOOP(
            "Chưa có dữ liệu tại {where}. Hãy chạy thiết lập lần đầu (python main.py init …) "
            "hoặc tạo xã mẫu (python main.py demo)."), where=where))


class AlreadyInitialised(XasoError):
    def __init__(self, where: str):
        super().__init__(Msg(QT_TR_NOOP("Thư mục {where} đã có dữ liệu Xã Số; không ghi đè."),
                             where=where))


class DatabaseTooNew(XasoError):
    def __init__(self, found: int, supported: int):
        super().__init__(Msg(QT_TR_NOOP(
            "Cơ sở dữ liệu thuộc phiên bản mới hơn ứng dụng (lược đồ {found} > {supported}). "
            "Hãy cập nhật Xã Số lên bản mới nhất; dữ liệu không bị thay đổi."),
            found=found, supported=supported))


class DatabaseDamaged(XasoError):
    def __init__(self, detail: str):
        detail = "; ".join(detail.splitlines()[:3])  # quick_check can list thousands of pages
        super().__init__(Msg(QT_TR_NOOP(
            "Cơ sở dữ liệu bị lỗi khi kiểm tra tính toàn vẹn. Hãy khôi phục từ bản sao lưu gần nhất "
            "(Cài đặt → Sao lưu). Chi tiết: {detail}"), detail=detail))


class PermissionDenied(XasoError):
    def __init__(self, action_label: str):
        super().__init__(Msg(QT_TR_NOOP("Bạn không có quyền {action}. Hãy liên hệ quản trị viên."),
                             action=_label(action_label)))


class ValidationError(XasoError):
    """One or more field errors: `errors` maps field name -> Vietnamese message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(Msg(QT_TR_NOOP("Dữ liệu chưa hợp lệ: {errors}"),
                             errors="; ".join(errors.values())))


class NotFound(XasoError):
    def __init__(self, what: str):
        super().__init__(Msg(QT_TR_NOOP("Không tìm thấy {what}."), what=_label(what)))


class StaleVersion(XasoError):
    def __init__(self):
        super().__init__(QT_TR_NOOP(
            "Bản ghi đã được người khác sửa trong lúc bạn đang sửa. Hãy tải lại và sửa lại."))


class Conflict(XasoError):
    pass


class Cancelled(XasoError):
    def __init__(self):
        super().__init__(QT_TR_NOOP("Đã dừng theo yêu cầu; dữ liệu không thay đổi."))
