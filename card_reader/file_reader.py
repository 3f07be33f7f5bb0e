"""Reading elementary files from the chip: SELECT + READ BINARY, adaptive or fixed chunks.

Adaptive reading asks for the largest block that works and steps down when the card says the
length is wrong (6700, 6Cxx); it reads a file's first block together with its TLV header and
uses short-file-identifier READ BINARY (select + read in one APDU) when the card accepts it.
The fixed mode is JMRTD's behaviour (SELECT, 4-byte header, 0xDF-byte chunks): the baseline
the benchmark compares against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from card_reader import tlv
from card_reader.apdu import Apdu
from card_reader.errors import CardDataError, CardError, SecureMessagingError

# Largest plain READ BINARY block whose protected short response still fits in 256 bytes:
# data padded to the cipher block plus DO'87' header (3+1), DO'99' (4) and DO'8E' (10).
SHORT_BLOCK = {8: 231, 16: 223, None: 256}
EXTENDED_BLOCK = 0x7F00  # stays below vpcd/pcsc-lite's 64 KiB response buffer with SM overhead
FIXED_BLOCK = 0xDF  # JMRTD's default
STEP_DOWN = (0xDF, 0xA0, 0x80, 0x40, 0x20)
MAX_FILE = 0x10000 * 4  # no eMRTD file is near this; bounds a hostile length field

SW_OK = 0x9000
SW_END_OF_FILE = 0x6282
SW_WRONG_LENGTH = 0x6700
SW_SECURITY = 0x6982
SW_NOT_FOUND = 0x6A82
SW_FUNC_NOT_SUPPORTED = 0x6A81
SW_WRONG_P1P2 = 0x6A86
SW_INS_NOT_SUPPORTED = 0x6D00
SW_OFFSET_OUTSIDE = 0x6B00
SW_SM_MISSING = 0x6987
SW_SM_WRONG = 0x6988


class FileAbsent(CardError):  # noqa: N818 - a normal outcome, not a failure
    code = "file_absent"
    default_message = "Tệp không có trên thẻ."


class FileProtected(CardError):  # noqa: N818
    code = "file_protected"
    default_message = "Tệp được bảo vệ (cần quyền truy cập mở rộng)."


Exchange = Callable[[Apdu], tuple[bytes, int]]


def atr_supports_extended(atr: bytes) -> bool:
    """True when the ATR's historical bytes announce extended Lc/Le (ISO 7816-4 §8.1.1.2.7)."""
    try:
        historical = _historical_bytes(atr)
    except IndexError:
        return False
    if not historical or historical[0] != 0x80:
        return False
    pos = 1
    while pos < len(historical):
        tag, length = historical[pos] >> 4, historical[pos] & 0x0F
        value = historical[pos + 1 : pos + 1 + length]
        if tag == 0x7 and len(value) >= 3:
            return bool(value[2] & 0x40)
        pos += 1 + length
    return False


def _historical_bytes(atr: bytes) -> bytes:
    t0 = atr[1]
    count = t0 & 0x0F
    pos, indicator = 2, t0
    while True:
        pos += bin(indicator & 0xF0).count("1")
        if not indicator & 0x80:
            break
        indicator = atr[pos - 1]
    return atr[pos : pos + count]


@dataclass
class ReadPolicy:
    adaptive: bool = True
    extended: bool = False  # card and reader both allow extended length
    cipher_block: int | None = 8  # 8 (3DES SM), 16 (AES SM), None (no SM)
    use_sfi: bool = True

    def first_block(self) -> int:
        if not self.adaptive:
            return 4
        return EXTENDED_BLOCK if self.extended else SHORT_BLOCK[self.cipher_block]

    def block(self) -> int:
        if not self.adaptive:
            return FIXED_BLOCK
        return EXTENDED_BLOCK if self.extended else SHORT_BLOCK[self.cipher_block]


class FileReader:
    """Reads whole files over an `exchange(apdu) -> (data, sw)` function (plain or SM)."""

    def __init__(
        self,
        exchange: Exchange,
        policy: ReadPolicy,
        on_bytes: Callable[[int, int], None] | None = None,
    ):
        self._exchange = exchange
        self.policy = policy
        self._on_bytes = on_bytes
        self._limit: int | None = None  # learnt cap after a wrong-length answer

    def _size(self, wanted: int) -> int:
        size = min(wanted, self.policy.block())
        return min(size, self._limit) if self._limit else size

    def read(self, fid: int, sfi: int | None = None) -> bytes:
        first = self._first_read(fid, sfi)
        total = self._total_length(first)
        data = bytearray(first[:total])
        while len(data) < total:
            chunk = self._read_at(len(data), self._size(total - len(data)))
            if not chunk:
                raise CardDataError(detail=f"file {fid:04X} ended early")
            data += chunk[: total - len(data)]
            if self._on_bytes:
                self._on_bytes(len(data), total)
        return bytes(data)

    def _first_read(self, fid: int, sfi: int | None) -> bytes:
        size = self._size(0xFFFF) if self.policy.adaptive else 4
        if self.policy.adaptive and self.policy.use_sfi and sfi is not None:
            try:
                return self._read(Apdu(0x00, 0xB0, 0x80 | sfi, 0x00, le=size), allow_retry=True)
            except _SfiRefused:
                self.policy.use_sfi = False
        self.select(fid)
        return self._read_at(0, size)

    def select(self, fid: int) -> None:
        _data, sw = self._exchange(Apdu(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big")))
        _raise_for_sw(sw, f"SELECT {fid:04X}")

    def _read_at(self, offset: int, size: int) -> bytes:
        if offset <= 0x7FFF:
            apdu = Apdu(0x00, 0xB0, offset >> 8, offset & 0xFF, le=size)
            return self._read(apdu, allow_retry=True)
        # Odd INS for offsets beyond 15 bits: offset in DO'54', data comes back inside DO'53'
        # (whose header needs up to 4 more bytes of Le).
        le = min(size + 4, max(size, self._size(0xFFFF)))
        apdu = Apdu(0x00, 0xB1, 0x00, 0x00, tlv.encode(0x54, _offset_bytes(offset)), le=le)
        answer = self._read(apdu, allow_retry=True)
        if not answer:
            return answer
        wrapped, _end = tlv.decode_one(answer)
        if wrapped.tag != 0x53:
            raise CardDataError(detail=f"READ BINARY B1 answered tag {wrapped.tag:X}")
        return wrapped.value

    def _read(self, apdu: Apdu, *, allow_retry: bool) -> bytes:
        while True:
            data, sw = self._exchange(apdu)
            if sw in (SW_OK, SW_END_OF_FILE):
                return data
            if allow_retry and self.policy.adaptive and _is_wrong_length(sw):
                smaller = self._smaller(apdu.le or 256, sw)
                if smaller is None:
                    _raise_for_sw(sw, "READ BINARY")
                apdu = Apdu(apdu.cla, apdu.ins, apdu.p1, apdu.p2, apdu.data, smaller)
                continue
            if apdu.p1 & 0x80 and apdu.ins == 0xB0 and sw in _SFI_REFUSALS:
                raise _SfiRefused()
            _raise_for_sw(sw, "READ BINARY")

    def _smaller(self, asked: int, sw: int) -> int | None:
        """Next block size after a wrong-length answer, remembered for the rest of the read."""
        if sw & 0xFF00 == 0x6C00 and 0 < sw & 0xFF < asked:
            size = sw & 0xFF
        elif self.policy.extended:
            self.policy.extended = False  # the card or reader refuses extended length
            size = SHORT_BLOCK[self.policy.cipher_block]
        else:
            size = next((s for s in STEP_DOWN if s < asked), None)
            if size is None:
                return None
        self._limit = size
        return size

    def _total_length(self, first: bytes) -> int:
        try:
            _tag, length, header = tlv.read_header(first)
        except CardDataError:
            if len(first) >= 4 or not self.policy.adaptive:
                raise
            raise CardDataError(detail="file header shorter than its length field") from None
        total = header + length
        if total > MAX_FILE:
            raise CardDataError(detail=f"file length {total} out of range")
        return total


class _SfiRefused(Exception):  # noqa: N818
    pass


_SFI_REFUSALS = {SW_FUNC_NOT_SUPPORTED, SW_WRONG_P1P2, SW_INS_NOT_SUPPORTED, 0x6A00, 0x6B00}


def _is_wrong_length(sw: int) -> bool:
    return sw == SW_WRONG_LENGTH or sw & 0xFF00 == 0x6C00


def _offset_bytes(offset: int) -> bytes:
    return offset.to_bytes(max(1, (offset.bit_length() + 7) // 8), "big")


def _raise_for_sw(sw: int, what: str) -> None:
    if sw in (SW_OK, SW_END_OF_FILE):
        return
    detail = f"{what} SW={sw:04X}"
    if sw == SW_NOT_FOUND:
        raise FileAbsent(detail=detail)
    if sw == SW_SECURITY:
        raise FileProtected(detail=detail)
    if sw in (SW_SM_MISSING, SW_SM_WRONG):
        raise SecureMessagingError(detail=detail)
    raise CardDataError(f"Thẻ trả lời lỗi khi đọc dữ liệu (mã {sw:04X}).", detail=detail)
