"""The QR code on the ID card, and keyboard-wedge scanner input.

2021 CCCD (front) payload, pipe-separated:
    ID12|old CMND or empty|full name|DOB ddmmyyyy|Nam/Nữ|permanent address|issue date ddmmyyyy
The 2024 card's final format is unconfirmed: parse defensively, keep what we do not understand
in `extra`, and raise only when nothing usable is there.

Scanners that emulate a keyboard cannot type "ễ" directly. What they produce instead depends on
the scanner and the OS keyboard layout; `repair_wedge_text` handles the recoverable cases:
- UTF-8 bytes typed one by one as Latin-1/Windows-1252 characters ("Nguyá»…n" → "Nguyễn"),
  and the same through the DOS code pages 437/850 used by Alt+numpad emulation;
- decomposed text (NFD, combining marks) → NFC;
- control characters the scanner adds around the payload (STX/ETX, CR/LF) are stripped.
Characters already lost by the scanner (typed as "?") cannot be recovered: the reading gets
`extra["qr_warning"]` so the officer re-scans with the scanner set to Unicode/UTF-8 output.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from card_reader.dates import card_date_to_iso
from card_reader.errors import CardDataError
from card_reader.reading import CardReading

_MOJIBAKE_CODECS = ("cp1252", "latin-1", "cp437", "cp850")
_VIETNAMESE_LETTERS = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
_MAX_PAYLOAD = 4096


_CP1252_SPECIALS = frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")


def _score(text: str) -> int:
    """Plausibility of Vietnamese text: Vietnamese letters minus mojibake markers (C1 controls
    and Latin-1 symbols U+0080-U+00BF, Windows-1252 punctuation, DOS box drawing, U+FFFD)."""
    bad = sum(
        1
        for c in text
        if "\x80" <= c <= "\xbf" or c in _CP1252_SPECIALS or "\u2500" <= c <= "\u259f"
        or c == "\ufffd"
    )
    return len(_VIETNAMESE_LETTERS.findall(text)) - 2 * bad


def _to_bytes(text: str, codec: str) -> bytes | None:
    """Undo one 8-bit decoding. Bytes that Windows-1252 leaves undefined come through as the
    C1 control of the same value, so those fall back to Latin-1."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode(codec)
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))
    return bytes(out)


def _strip_controls(text: str) -> str:
    return "".join(c for c in text if c == "\t" or unicodedata.category(c) not in ("Cc", "Cf"))


def repair_wedge_text(text: str) -> str:
    """Best-effort repair of a payload typed through a non-Unicode keyboard layout; returns the
    input (NFC, control characters removed) when no repair is clearly better. Never raises."""
    if not isinstance(text, str):
        return ""
    # C0 controls (STX/ETX/CR the scanner adds) go now; C1 ones may be mojibake bytes.
    base = "".join(c for c in text if c == "\t" or not (ord(c) < 0x20 or ord(c) == 0x7F))
    base = base.strip("\t ")
    best = unicodedata.normalize("NFC", _strip_controls(base))
    if base.isascii():
        return best
    best_score = _score(base)
    for codec in _MOJIBAKE_CODECS:
        raw = _to_bytes(base, codec)
        if raw is None:
            continue
        try:
            candidate = unicodedata.normalize("NFC", raw.decode("utf-8"))
        except UnicodeDecodeError:
            continue
        score = _score(candidate)
        if score > best_score:
            best, best_score = _strip_controls(candidate), score
    return best


def _clean(field_text: str) -> str | None:
    value = " ".join(field_text.split())
    return value or None


def parse_qr(payload: str) -> CardReading:
    """QR payload → CardReading (source "qr"). CardDataError only when nothing usable."""
    if not isinstance(payload, str):
        raise CardDataError("Mã QR không hợp lệ.", detail="not text")
    if len(payload) > _MAX_PAYLOAD:
        raise CardDataError("Mã QR quá dài, không phải mã QR trên thẻ căn cước.", detail="long")
    text = repair_wedge_text(payload)
    parts = [p.strip() for p in text.split("|")]
    reading = CardReading(source="qr")
    if "?" in text:
        reading.extra["qr_warning"] = (
            "Máy quét có thể đã làm mất dấu tiếng Việt (ký tự '?'). Hãy đặt máy quét ở chế độ "
            "Unicode/UTF-8 và quét lại."
        )
    if len(parts) >= 4 and re.fullmatch(r"\d{12}", parts[0]) and re.fullmatch(r"\d{8}", parts[3]):
        _parse_2021(parts, reading)
        return reading
    # Unknown layout: pick what we can recognise, keep everything raw.
    reading.extra["qr_raw"] = text
    for part in parts:
        if reading.id_number is None and re.fullmatch(r"\d{12}", part):
            reading.id_number = part
    if reading.id_number is None:
        raise CardDataError(
            "Mã QR không phải mã trên thẻ căn cước (không có số định danh 12 chữ số).",
            detail="no 12-digit id",
        )
    reading.extra["qr_layout"] = "unknown"
    return reading


def _parse_2021(parts: list[str], reading: CardReading) -> None:
    get = lambda i: parts[i] if i < len(parts) else ""  # noqa: E731 - tolerate short payloads
    reading.id_number = parts[0]
    old = get(1)
    if old:
        if re.fullmatch(r"\d{9}|\d{12}", old):
            reading.old_id_number = old
        else:
            reading.extra["qr_field_1"] = old
    reading.full_name = _clean(get(2))
    reading.date_of_birth = card_date_to_iso(get(3))
    sex = unicodedata.normalize("NFC", get(4)).strip()
    sex_key = sex.casefold()
    if sex_key in ("nam", "male", "m"):
        reading.sex = "Nam"
    elif sex_key in ("nữ", "nu", "female", "f"):
        reading.sex = "Nữ"
    elif sex:
        reading.extra["qr_sex"] = sex
    reading.place_of_residence = _clean(get(5))
    issue = get(6)
    if issue:
        reading.date_of_issue = card_date_to_iso(issue)
        if reading.date_of_issue is None:
            reading.extra["qr_field_6"] = issue
    for index, extra in enumerate(parts[7:], start=7):
        if extra:
            reading.extra[f"qr_field_{index}"] = extra
    reading.extra["qr_layout"] = "cccd-2021"


@dataclass
class WedgeBurstDetector:
    """Tell a keyboard-wedge scanner's burst from a person typing.

    Feed every keystroke as `feed(char, timestamp_ms)` ("\\r" or "\\n" for Enter). A burst is a
    run of keystrokes at most `max_gap_ms` apart (a few USB hiccups up to `max_pause_ms` are
    tolerated, at most `slow_ratio` of the gaps) that ends with Enter and holds at least
    `min_length` characters. `feed` returns the payload when a burst completes, else None.
    `in_burst` tells the UI that the keys so far look like a scanner (to hold them back).
    """

    max_gap_ms: float = 30.0
    max_pause_ms: float = 150.0
    min_length: int = 20
    slow_ratio: float = 0.1
    max_length: int = _MAX_PAYLOAD
    _chars: list[str] = field(default_factory=list, repr=False)
    _last_ms: float | None = field(default=None, repr=False)
    _slow: int = field(default=0, repr=False)

    def reset(self) -> None:
        self._chars.clear()
        self._last_ms = None
        self._slow = 0

    @property
    def in_burst(self) -> bool:
        return len(self._chars) >= 4 and self._slow <= max(1, len(self._chars) * self.slow_ratio)

    def feed(self, char: str, timestamp_ms: float) -> str | None:
        if not isinstance(char, str) or not char:
            return None
        gap = None if self._last_ms is None else timestamp_ms - self._last_ms
        self._last_ms = timestamp_ms
        if gap is not None and (gap < 0 or gap > self.max_pause_ms):
            self._chars.clear()  # a pause: whatever came before was a person (or another burst)
            self._slow = 0
            gap = None
        if char in ("\r", "\n"):
            payload = "".join(self._chars)
            burst = (
                gap is not None
                and len(payload) >= self.min_length
                and self._slow <= len(payload) * self.slow_ratio
            )
            self._chars.clear()
            self._slow = 0
            self._last_ms = None
            return payload if burst else None
        if gap is not None and gap > self.max_gap_ms:
            self._slow += 1
        if len(self._chars) >= self.max_length:
            self._chars.clear()
            self._slow = 0
        self._chars.append(char)
        return None
