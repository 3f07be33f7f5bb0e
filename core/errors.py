"""Typed errors with a Vietnamese message a user can act on (`str(err)`)."""

from __future__ import annotations

from core.i18n import QT_TR_NOOP


class XasoError(Exception):
    """Base of every error the app shows to a person."""


class WrongSecret(XasoError):
    pass


class LockedOut(XasoError):
    def __init__(self, seconds: int):
        self.seconds = seconds
        minutes = max(1, (seconds + 59) // 60)
        super().__init__(
            f"Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại sau {minutes} phút "
            "hoặc nhờ quản trị viên đặt lại mật khẩu."
        )


class NotInitialised(XasoError):
    def __init__(self, where: str):
        super().__init__(
            f"Chưa có dữ liệu tại {where}. Hãy chạy thiết lập lần đầu (python main.py init …) "
            "hoặc tạo xã mẫu (python main.py demo)."
        )


class AlreadyInitialised(XasoError):
    def __init__(self, where: str):
        super().__init__(f"Thư mục {where} đã có dữ liệu Xã Số; không ghi đè.")


class DatabaseTooNew(XasoError):
    def __init__(self, found: int, supported: int):
        super().__init__(
            f"Cơ sở dữ liệu thuộc phiên bản mới hơn ứng dụng (lược đồ {found} > {supported}). "
            "Hãy cập nhật Xã Số lên bản mới nhất; dữ liệu không bị thay đổi."
        )


class DatabaseDamaged(XasoError):
    def __init__(self, detail: str):
        detail = "; ".join(detail.splitlines()[:3])  # quick_check can list thousands of pages
        super().__init__(
            "Cơ sở dữ liệu bị lỗi khi kiểm tra tính toàn vẹn. Hãy khôi phục từ bản sao lưu gần nhất "
            f"(Cài đặt → Sao lưu). Chi tiết: {detail}"
        )


class PermissionDenied(XasoError):
    def __init__(self, action_label: str):
        super().__init__(f"Bạn không có quyền {action_label}. Hãy liên hệ quản trị viên.")


class ValidationError(XasoError):
    """One or more field errors: `errors` maps field name -> Vietnamese message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("Dữ liệu chưa hợp lệ: " + "; ".join(errors.values()))


class NotFound(XasoError):
    def __init__(self, what: str):
        super().__init__(f"Không tìm thấy {what}.")


class StaleVersion(XasoError):
    def __init__(self):
        super().__init__(
            "Bản ghi đã được người khác sửa trong lúc bạn đang sửa. Hãy tải lại và sửa lại."
        )


class Conflict(XasoError):
    pass


class Cancelled(XasoError):
    def __init__(self):
        super().__init__(QT_TR_NOOP("Đã dừng theo yêu cầu; dữ liệu không thay đổi."))
