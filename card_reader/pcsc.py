"""PC/SC transport over pyscard's thin `scard` layer: readers, one exclusive connection per read.

The low-level API is used instead of pyscard's `CardConnection` classes because every PC/SC
return code must become a typed error (`errors.py`) and the connection must hold a transaction
for the whole read so no other application interleaves APDUs with our secure session.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from smartcard import scard

from card_reader.errors import (
    CardError,
    CardRemovedError,
    NoCardError,
    NoReaderError,
    ReaderIOError,
    ServiceDownError,
)

log = logging.getLogger(__name__)

# PC/SC return codes (winscard / pcsc-lite) and the error each one means for the officer.
_REMOVED = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_W_RESET_CARD}
_NO_CARD = {scard.SCARD_E_NO_SMARTCARD}
_SERVICE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED}
_NO_READER = {
    scard.SCARD_E_NO_READERS_AVAILABLE,
    scard.SCARD_E_UNKNOWN_READER,
    scard.SCARD_E_READER_UNAVAILABLE,
}
_STATUS_PRESENT = 0x0004  # SCardStatus dwState SCARD_PRESENT (pyscard does not export it)
_UNRESPONSIVE = {scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_W_UNPOWERED_CARD}


def error_for(hresult: int, *, during_read: bool = False) -> CardError:
    """Map a PC/SC return code to the typed error the UI and CLI show."""
    code = hresult & 0xFFFFFFFF
    detail = f"PC/SC 0x{code:08X}"
    if code in _REMOVED:
        return CardRemovedError(detail=detail)
    if code in _NO_CARD:
        return CardRemovedError(detail=detail) if during_read else NoCardError(detail=detail)
    if code in _SERVICE:
        return ServiceDownError(detail=detail)
    if code in _NO_READER:
        return NoReaderError(detail=detail)
    if code in _UNRESPONSIVE:
        return ReaderIOError(
            "Thẻ không phản hồi. Hãy đặt thẻ nằm phẳng, giữa đầu đọc, rồi thử lại.", detail=detail
        )
    if code == scard.SCARD_E_SHARING_VIOLATION:
        return ReaderIOError(
            "Đầu đọc đang được một ứng dụng khác sử dụng. Hãy đóng ứng dụng đó rồi thử lại.",
            detail=detail,
        )
    return ReaderIOError(detail=detail)


def _check(hresult: int, *, during_read: bool = False) -> None:
    if hresult != scard.SCARD_S_SUCCESS:
        raise error_for(hresult, during_read=during_read)


class Context:
    """An established PC/SC context (released on close / exit)."""

    def __init__(self) -> None:
        hresult, self.handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        _check(hresult)

    def readers(self) -> list[str]:
        hresult, names = scard.SCardListReaders(self.handle, [])
        if hresult in (scard.SCARD_E_NO_READERS_AVAILABLE, scard.SCARD_E_READER_UNAVAILABLE):
            return []
        _check(hresult)
        return list(names)

    def close(self) -> None:
        if self.handle is not None:
            scard.SCardReleaseContext(self.handle)
            self.handle = None

    def __enter__(self) -> Context:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def list_readers() -> list[str]:
    with Context() as ctx:
        return ctx.readers()


def reader_states() -> list[tuple[str, bool]]:
    """Each reader with whether a card is present."""
    with Context() as ctx:
        names = ctx.readers()
        if not names:
            return []
        hresult, states = scard.SCardGetStatusChange(
            ctx.handle, 0, [(name, scard.SCARD_STATE_UNAWARE) for name in names]
        )
        _check(hresult)
        return [(name, bool(state & scard.SCARD_STATE_PRESENT)) for name, state, _atr in states]


@dataclass
class IoStats:
    apdus: int = 0
    bytes_in: int = 0  # response bytes received (incl. SM overhead and status words)


class Connection:
    """An exclusive connection to the card in one reader, inside one PC/SC transaction."""

    def __init__(self, reader: str | None = None) -> None:
        self._ctx = Context()
        try:
            names = self._ctx.readers()
            if not names:
                raise NoReaderError()
            if reader is None:
                reader = self._pick_reader(names)
            elif reader not in names:
                raise NoReaderError(f"Không tìm thấy đầu đọc “{reader}”.")
            self.reader = reader
            hresult, self._card, self._protocol = scard.SCardConnect(
                self._ctx.handle,
                reader,
                scard.SCARD_SHARE_EXCLUSIVE,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
            )
            _check(hresult)
            _check(scard.SCardBeginTransaction(self._card))
            self.atr = self._status_atr()
        except BaseException:
            self._ctx.close()
            raise
        self.stats = IoStats()

    def _pick_reader(self, names: list[str]) -> str:
        """The first reader holding a card; with none, the first reader (NoCardError follows)."""
        states = [(name, scard.SCARD_STATE_UNAWARE) for name in names]
        hresult, states = scard.SCardGetStatusChange(self._ctx.handle, 0, states)
        if hresult == scard.SCARD_S_SUCCESS:
            for name, state, _atr in states:
                if state & scard.SCARD_STATE_PRESENT:
                    return name
        return names[0]

    def _status_atr(self) -> bytes:
        hresult, _name, _state, _proto, atr = scard.SCardStatus(self._card)
        _check(hresult)
        return bytes(atr)

    def transmit(self, command: bytes) -> bytes:
        hresult, response = scard.SCardTransmit(self._card, self._protocol, list(command))
        _check(hresult, during_read=True)
        if len(response) < 2:
            # vpcd and some drivers report a vanished card as an empty answer, not an error.
            hresult, _name, state, _proto, _atr = scard.SCardStatus(self._card)
            if hresult != scard.SCARD_S_SUCCESS or not state & _STATUS_PRESENT:
                raise CardRemovedError(detail="empty response, card gone")
            raise ReaderIOError("Thẻ không trả lời. Hãy đặt lại thẻ và thử lại.",
                                detail="empty response")
        self.stats.apdus += 1
        self.stats.bytes_in += len(response)
        return bytes(response)

    def close(self) -> None:
        try:
            scard.SCardEndTransaction(self._card, scard.SCARD_LEAVE_CARD)
            # Reset so a half-open secure session never survives into another application's use.
            scard.SCardDisconnect(self._card, scard.SCARD_RESET_CARD)
        finally:
            self._ctx.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
