"""Refusals of the hub: an English `code` and HTTP `status` for machines, Vietnamese for people.

Every error answer of the API is ``{"error": code, "detail": English place, "message":
Vietnamese sentence}``; `detail` never carries personal data. `str(err)` is the Vietnamese
sentence (the CLI prints it as one line).
"""

from __future__ import annotations

from core.errors import XasoError
from core.i18n import QT_TR_NOOP, Msg
from sync.hub.ledger import CommuneMismatch, DeviceRevoked, Forbidden
from sync.protocol.errors import ProtocolError


class HubError(XasoError):
    code = "hub_error"
    status = 400
    template = QT_TR_NOOP("Máy chủ đồng bộ từ chối yêu cầu ({detail}).")

    def __init__(self, detail: str = "", **params):
        self.detail = detail
        self.extra: dict = {}
        super().__init__(Msg(self.template, detail=detail or self.code, **params))


class BadCode(HubError):
    code, status = "bad_code", 403
    template = QT_TR_NOOP("Mã đăng ký máy không đúng, đã được dùng hoặc đã hết hạn. Hãy xin quản "
                          "trị máy chủ một mã mới.")


class KeyInUse(HubError):
    code, status = "key_in_use", 409
    template = QT_TR_NOOP("Khóa của máy này đã được đăng ký trên máy chủ. Hãy tạo khóa mới rồi "
                          "đăng ký lại.")


class Unauthenticated(HubError):
    code, status = "unauthenticated", 401
    template = QT_TR_NOOP("Máy chủ không xác thực được yêu cầu ({detail}). Kiểm tra đồng hồ máy "
                          "tính và việc đăng ký máy với máy chủ.")


class Revoked(HubError):
    code, status = "device_revoked", 403
    template = QT_TR_NOOP("Máy này đã bị thu hồi quyền đồng bộ. Hãy liên hệ quản trị máy chủ để "
                          "đăng ký lại.")


class WrongCommune(HubError):
    code, status = "commune_mismatch", 403
    template = QT_TR_NOOP("Dữ liệu thuộc một xã khác với xã mà máy này được đăng ký. Không dữ "
                          "liệu nào được nhận.")


class DeviceForbidden(HubError):
    code, status = "device_refused", 403
    template = QT_TR_NOOP("Máy chủ từ chối máy này ({detail}). Hãy đăng ký lại máy với máy chủ.")


class BodyTooLarge(HubError):
    code, status = "too_large", 413
    template = QT_TR_NOOP("Dữ liệu gửi lên quá lớn (tối đa {limit} byte). Hãy gửi thành nhiều "
                          "phần nhỏ hơn.")

    def __init__(self, limit: int):
        super().__init__(f"body over {limit} bytes", limit=limit)


class RateLimited(HubError):
    code, status = "rate_limited", 429
    template = QT_TR_NOOP("Máy chủ đang nhận quá nhiều yêu cầu từ máy này. Máy sẽ thử lại sau "
                          "{seconds} giây.")

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__("rate limit", seconds=retry_after)


class OffsetMismatch(HubError):
    code, status = "offset_mismatch", 409
    template = QT_TR_NOOP("Phần tệp đính kèm gửi lên không nối tiếp phần máy chủ đã có; máy sẽ "
                          "gửi tiếp từ đúng vị trí.")

    def __init__(self, offset: int):
        super().__init__("Upload-Offset: not the bytes already held")
        self.extra = {"offset": offset}


class LengthMismatch(HubError):
    code, status = "length_mismatch", 409
    template = QT_TR_NOOP("Độ dài tệp đính kèm khác với lần tải lên trước ({detail}); hãy tải "
                          "lại tệp.")


class AttachmentHashMismatch(HubError):
    code, status = "hash_mismatch", 409
    template = QT_TR_NOOP("Tệp đính kèm tải lên không khớp mã kiểm tra; phần đã nhận bị bỏ. Hãy "
                          "tải lại tệp.")


class AttachmentNotFound(HubError):
    code, status = "not_found", 404
    template = QT_TR_NOOP("Máy chủ chưa có đủ tệp đính kèm này cho xã của máy.")


class InvalidRequest(HubError):
    code, status = "invalid_request", 422
    template = QT_TR_NOOP("Yêu cầu gửi lên máy chủ không hợp lệ ({detail}).")


class NotFound(HubError):
    code, status = "not_found", 404
    template = QT_TR_NOOP("Không có địa chỉ này trên máy chủ đồng bộ ({detail}).")


class MethodNotAllowed(HubError):
    code, status = "method_not_allowed", 405
    template = QT_TR_NOOP("Địa chỉ này của máy chủ đồng bộ không nhận cách gọi này ({detail}).")


class Internal(HubError):
    code, status = "internal", 500
    template = QT_TR_NOOP("Máy chủ đồng bộ gặp lỗi nội bộ ({detail}). Máy sẽ tự thử lại sau.")


# -- administration (CLI) ---------------------------------------------------------------------

class UnknownCommune(HubError):
    code, status = "unknown_commune", 404
    template = QT_TR_NOOP("Xã mã “{commune}” chưa được đăng ký trên máy chủ. Dùng: hub admin "
                          "add-commune {commune}.")

    def __init__(self, commune: str):
        super().__init__("commune", commune=commune)


class CommuneExists(HubError):
    code, status = "commune_exists", 409
    template = QT_TR_NOOP("Xã mã “{commune}” đã có trên máy chủ.")

    def __init__(self, commune: str):
        super().__init__("commune", commune=commune)


class BadCommune(HubError):
    code, status = "bad_commune", 422
    template = QT_TR_NOOP("Mã xã “{commune}” không hợp lệ hoặc không có trong danh mục 2025; nếu "
                          "đúng, hãy ghi tên xã bằng --name.")

    def __init__(self, commune: str):
        super().__init__("commune", commune=commune)


class UnknownDevice(HubError):
    code, status = "unknown_device", 404
    template = QT_TR_NOOP("Không có máy mã “{device}” trên máy chủ.")

    def __init__(self, device_id: str):
        super().__init__("device", device=device_id)


class BadUser(HubError):
    code, status = "bad_user", 422
    template = QT_TR_NOOP("Không tạo được người dùng máy chủ: {reason}")

    def __init__(self, reason: str):
        super().__init__("user", reason=reason)


class WeakPassword(HubError):
    code, status = "weak_password", 422
    template = QT_TR_NOOP("Mật khẩu mới chưa đạt: cần ít nhất {n} ký tự.")

    def __init__(self, n: int):
        super().__init__("password", n=n)


class UnknownUser(HubError):
    code, status = "unknown_user", 404
    template = QT_TR_NOOP("Không có người dùng máy chủ “{user}”.")

    def __init__(self, username: str):
        super().__init__("user", user=username)


class FileUnreadable(HubError):
    code, status = "file_unreadable", 400
    template = QT_TR_NOOP("Không đọc được tệp {path}. Kiểm tra đường dẫn và ổ USB.")

    def __init__(self, path: str):
        super().__init__("file", path=path)


class KeysMissing(HubError):
    code, status = "keys_missing", 500
    template = QT_TR_NOOP("Không đọc được khóa của máy chủ tại {path}. Hãy khôi phục tệp khóa từ "
                          "bản sao lưu; tạo khóa mới buộc mọi máy phải đăng ký lại.")

    def __init__(self, path: str):
        super().__init__("hub_keys.json", path=path)


# -- protocol and ledger errors → HTTP --------------------------------------------------------

PROTOCOL_STATUS = {
    "malformed": 400, "invalid_op": 400, "unsupported_version": 400, "bad_seal": 400,
    "bad_signature": 401, "unknown_device": 401, "stale_request": 401,
    "hash_mismatch": 409, "too_large": 413, "bad_key": 422,
}


def from_forbidden(exc: Forbidden) -> HubError:
    if isinstance(exc, DeviceRevoked):
        return Revoked(exc.detail)
    if isinstance(exc, CommuneMismatch):
        return WrongCommune(exc.detail)
    return DeviceForbidden(exc.detail)


def protocol_status(exc: ProtocolError) -> int:
    return PROTOCOL_STATUS.get(exc.code, 400)
