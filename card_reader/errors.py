"""Typed card errors. `str(err)` is a Vietnamese sentence the officer can act on; `code` is stable
for JSON output and tests. `retryable` tells the reader loop to retry the *whole* read."""

from __future__ import annotations


class CardError(Exception):
    code = "card_error"
    default_message = "Lỗi khi đọc thẻ."
    retryable = False

    def __init__(self, message: str | None = None, *, detail: str | None = None):
        # `detail` is technical (status words, offsets) and never contains personal data.
        self.detail = detail
        super().__init__(message or self.default_message)


class CardDataError(CardError):
    """Malformed or inconsistent data read from a card, QR code or MRZ text."""

    code = "card_data"
    default_message = "Dữ liệu đọc từ thẻ không hợp lệ hoặc bị hỏng."


class SecureMessagingError(CardError):
    """A secured response failed its MAC/format check (tampering or a broken session)."""

    code = "secure_messaging"
    default_message = "Kênh bảo mật với thẻ bị lỗi. Hãy đặt lại thẻ và đọc lại."
    retryable = True


class AccessDeniedError(CardError):
    """BAC/PACE refused: the access key (ID number, dates) does not match this card."""

    code = "wrong_key"
    default_message = (
        "Thẻ từ chối khóa truy cập: kiểm tra lại số định danh (và ngày sinh, ngày hết hạn nếu "
        "dùng BAC)."
    )


class UnsupportedCardError(CardError):
    code = "unsupported_card"
    default_message = "Thẻ trên đầu đọc không phải thẻ căn cước gắn chip (không có ứng dụng ICAO)."


class NoReaderError(CardError):
    code = "no_reader"
    default_message = "Không tìm thấy đầu đọc thẻ. Hãy cắm đầu đọc vào máy và thử lại."


class NoCardError(CardError):
    code = "no_card"
    default_message = "Chưa có thẻ trên đầu đọc. Hãy đặt thẻ lên đầu đọc."


class CardRemovedError(CardError):
    code = "card_removed"
    default_message = "Thẻ bị nhấc ra trong khi đọc. Hãy đặt lại thẻ và giữ yên cho đến khi xong."
    retryable = True


class ServiceDownError(CardError):
    code = "service_down"
    default_message = (
        "Dịch vụ thẻ thông minh (PC/SC) không chạy. Hãy khởi động lại dịch vụ hoặc cắm lại đầu đọc."
    )
    retryable = True


class ReaderIOError(CardError):
    """Any other transport failure (reader busy, protocol error)."""

    code = "reader_io"
    default_message = "Lỗi giao tiếp với đầu đọc thẻ. Hãy thử lại."
    retryable = True
