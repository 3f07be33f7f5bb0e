"""Protocol errors: one English `code` for machines, one Vietnamese message for people.

`detail` names the place (e.g. ``ops[3].seq``) in English for logs; it never carries field
values, so logs stay free of personal data.
"""

from __future__ import annotations

from core.errors import XasoError
from core.i18n import QT_TR_NOOP, Msg


class ProtocolError(XasoError):
    """Base of every refusal of a batch, result, key or sealed bundle."""

    code = "protocol"
    template = QT_TR_NOOP("Dữ liệu đồng bộ không hợp lệ ({detail}).")

    def __init__(self, detail: str = "", *, op_index: int | None = None):
        self.detail = detail
        self.op_index = op_index
        super().__init__(Msg(self.template, detail=detail or self.code))


class Malformed(ProtocolError):
    code = "malformed"
    template = QT_TR_NOOP("Gói đồng bộ bị hỏng hoặc sai định dạng ({detail}). Hãy xuất lại gói "
                          "trên máy gửi.")


class UnsupportedVersion(ProtocolError):
    code = "unsupported_version"
    template = QT_TR_NOOP("Gói đồng bộ thuộc phiên bản khác ({detail}). Hãy cập nhật ứng dụng "
                          "ở cả hai phía cho cùng phiên bản.")


class BadSignature(ProtocolError):
    code = "bad_signature"
    template = QT_TR_NOOP("Chữ ký của gói đồng bộ không đúng ({detail}): gói đã bị sửa hoặc "
                          "không do máy này ký. Không dữ liệu nào được nhận.")


class UnknownDevice(ProtocolError):
    code = "unknown_device"
    template = QT_TR_NOOP("Máy gửi chưa được đăng ký hoặc đã bị thu hồi ({detail}). Hãy đăng ký "
                          "lại máy với máy chủ.")


class HashMismatch(ProtocolError):
    code = "hash_mismatch"
    template = QT_TR_NOOP("Nội dung một thay đổi không khớp mã kiểm tra ({detail}). Gói bị "
                          "hỏng; hãy đồng bộ lại.")


class TooLarge(ProtocolError):
    code = "too_large"
    template = QT_TR_NOOP("Gói đồng bộ quá lớn ({detail}). Hãy gửi thành nhiều gói nhỏ hơn.")


class InvalidOp(ProtocolError):
    code = "invalid_op"
    template = QT_TR_NOOP("Một thay đổi trong gói đồng bộ không hợp lệ ({detail}).")


class BadKey(ProtocolError):
    code = "bad_key"
    template = QT_TR_NOOP("Không đọc được khóa ({detail}). Kiểm tra lại mật khẩu khóa hoặc tệp "
                          "khóa.")


class BadSeal(ProtocolError):
    code = "bad_seal"
    template = QT_TR_NOOP("Không mở được gói USB ({detail}): gói không dành cho máy chủ này "
                          "hoặc đã bị hỏng.")


ERRORS: dict[str, type[ProtocolError]] = {
    cls.code: cls
    for cls in (Malformed, UnsupportedVersion, BadSignature, UnknownDevice, HashMismatch,
                TooLarge, InvalidOp, BadKey, BadSeal)
}
