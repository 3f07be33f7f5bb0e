"""Why a sync step failed, in Vietnamese for people, with what to do; and whether to retry.

Only retryable failures (no connection, timeout, 429, 5xx) back off and try again by
themselves; a refusal (4xx) stops the cycle until a person acts on its message.
"""

from __future__ import annotations

from core.errors import XasoError
from core.i18n import QT_TR_NOOP, Msg


class SyncFailure(XasoError):
    """Base: `code` for machines (the hub's error code when it gave one)."""

    retryable = False
    code = "sync"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None,
                 retry_after: float | None = None):
        self.code = code or self.code
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


class HubUnreachable(SyncFailure):
    retryable = True
    code = "unreachable"

    def __init__(self, url: str):
        super().__init__(Msg(QT_TR_NOOP(
            "Không kết nối được máy chủ đồng bộ ({url}). Kiểm tra mạng và địa chỉ máy chủ; "
            "máy sẽ tự thử lại sau. Có thể gửi dữ liệu bằng USB nếu mất mạng lâu."), url=url))


class HubBusy(SyncFailure):
    """429 or 5xx: the hub is overloaded or failing for now."""

    retryable = True
    code = "busy"

    def __init__(self, status: int, retry_after: float | None = None, code: str | None = None):
        super().__init__(Msg(QT_TR_NOOP(
            "Máy chủ đồng bộ đang bận hoặc gặp lỗi (mã {status}). Máy sẽ tự thử lại sau."),
            status=status), code=code, status=status, retry_after=retry_after)


class HubRefused(SyncFailure):
    """A 4xx answer: the hub's own Vietnamese sentence, or ours when it gave none."""

    def __init__(self, status: int, code: str, hub_message: str | None):
        message = hub_message or Msg(QT_TR_NOOP(
            "Máy chủ đồng bộ từ chối yêu cầu (mã {status}, {code}). Hãy báo quản trị viên."),
            status=status, code=code)
        super().__init__(Msg(QT_TR_NOOP("Máy chủ từ chối: {message}"), message=message),
                         code=code, status=status)


class HubAnswerInvalid(SyncFailure):
    """The hub answered something that is not what the protocol says: never trusted."""

    retryable = True
    code = "bad_answer"

    def __init__(self, detail: str):
        super().__init__(Msg(QT_TR_NOOP(
            "Máy chủ trả lời không đúng giao thức ({detail}). Máy sẽ thử lại; nếu lỗi lặp lại, "
            "hãy báo quản trị viên máy chủ."), detail=detail))


class WrongHub(SyncFailure):
    code = "wrong_hub"

    def __init__(self):
        super().__init__(QT_TR_NOOP(
            "Địa chỉ này là một máy chủ khác với máy chủ máy này đã đăng ký (khóa không khớp). "
            "Kiểm tra lại địa chỉ máy chủ hoặc đăng ký lại máy."))


class CycleCancelled(SyncFailure):
    code = "cancelled"

    def __init__(self):
        super().__init__(QT_TR_NOOP(
            "Đã dừng đồng bộ theo yêu cầu. Phần đã gửi, đã nhận vẫn được giữ; lần sau sẽ "
            "tiếp tục."))
