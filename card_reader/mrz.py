"""Machine-readable zone (ICAO 9303-3/-5): check digits, TD1 parsing, BAC key material.

Vietnamese chip ID cards carry a TD1 MRZ (3 lines of 30). Line 1 is
`IDVNM` + last 9 digits of the 12-digit ID + check digit + the 12-digit ID + `<<` + check digit
of the ID. The generic ICAO "long document number" form (position 15 = `<`, the rest of the number
and its check digit in the optional data) is understood too.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field

from card_reader.errors import CardDataError

_WEIGHTS = (7, 3, 1)
_MRZ_CHARS = re.compile(r"[0-9A-Z<]*")
LINE_LENGTH = 30


def char_value(ch: str) -> int:
    if ch.isascii() and ch.isdigit():
        return ord(ch) - 48
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch == "<":
        return 0
    raise ValueError(f"not an MRZ character: {ch!r}")


def check_digit(field: str) -> str:
    """ICAO 9303-3 §4.9: weights 7,3,1 repeating, sum mod 10."""
    total = sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field))
    return str(total % 10)


def _check_ok(field: str, digit: str) -> bool:
    # A '<' check digit is allowed by ICAO only for an all-filler field.
    if digit == "<":
        return set(field) <= {"<"}
    return check_digit(field) == digit


@dataclass(frozen=True)
class Td1Mrz:
    document_code: str  # "ID", "I<", "AC"... (fillers kept)
    issuing_state: str  # "VNM"
    document_number: str  # full number, fillers removed (long numbers joined)
    id_number: str | None  # 12-digit personal ID from the optional data (Vietnam), else None
    date_of_birth: str  # YYMMDD as printed ('<' for unknown parts kept)
    sex: str  # "M", "F" or "X" (unspecified, '<' in the MRZ)
    date_of_expiry: str  # YYMMDD
    nationality: str  # "VNM"
    name: str  # "NGUYEN VAN A"; primary and secondary identifiers separated by one space
    primary_identifier: str  # "NGUYEN"
    secondary_identifier: str  # "VAN A"
    optional_data_1: str  # line 1 positions 16-30, raw
    optional_data_2: str  # line 2 positions 19-29, raw
    lines: tuple[str, str, str]
    failed_checks: tuple[str, ...] = field(default=())  # names of check digits that failed

    @property
    def valid(self) -> bool:
        return not self.failed_checks

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _split_lines(text: str) -> tuple[str, str, str]:
    if not isinstance(text, str):
        raise CardDataError("MRZ không hợp lệ.", detail="not text")
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) == 1 and len(lines[0]) == 3 * LINE_LENGTH:  # DG1 stores the MRZ unbroken
        one = lines[0]
        lines = [one[i : i + LINE_LENGTH] for i in range(0, 3 * LINE_LENGTH, LINE_LENGTH)]
    if len(lines) != 3 or any(len(line) != LINE_LENGTH for line in lines):
        raise CardDataError(
            "MRZ phải có 3 dòng, mỗi dòng 30 ký tự.", detail=f"shape {[len(x) for x in lines]}"
        )
    for line in lines:
        if not _MRZ_CHARS.fullmatch(line):
            raise CardDataError("MRZ chứa ký tự không hợp lệ.", detail="bad characters")
    return lines[0], lines[1], lines[2]


def parse_td1(text: str) -> Td1Mrz:
    """Parse a strict TD1 MRZ (3×30, or 90 chars unbroken). Check-digit failures are reported in
    `failed_checks`, not raised: the caller decides (a typed MRZ should be corrected, a chip's
    DG1 is covered by passive authentication anyway)."""
    l1, l2, l3 = _split_lines(text)
    failed: list[str] = []

    number = l1[5:14]
    number_cd = l1[14]
    optional_1 = l1[15:30]
    id_number: str | None = None
    if number_cd == "<" and optional_1[:1] not in ("", "<"):
        # ICAO 9303-5 long document number: the rest of the number, its check digit, fillers.
        tail = optional_1.split("<", 1)[0]
        if len(tail) < 2:
            raise CardDataError("Số giấy tờ trong MRZ không hợp lệ.", detail="long number")
        full = number + tail[:-1]
        if not _check_ok(full, tail[-1]):
            failed.append("document_number")
        document_number = full
    else:
        document_number = number.replace("<", "")
        if not _check_ok(number, number_cd):
            failed.append("document_number")
        vn = re.fullmatch(r"(\d{12})<<([0-9<])<*", optional_1)
        if vn:
            id_number = vn.group(1)
            if not _check_ok(id_number, vn.group(2)):
                failed.append("id_number")

    dob, dob_cd = l2[0:6], l2[6]
    sex = l2[7]
    expiry, expiry_cd = l2[8:14], l2[14]
    nationality = l2[15:18]
    optional_2 = l2[18:29]
    composite_cd = l2[29]
    if not _check_ok(dob, dob_cd):
        failed.append("date_of_birth")
    if not _check_ok(expiry, expiry_cd):
        failed.append("date_of_expiry")
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    if not _check_ok(composite, composite_cd):
        failed.append("composite")
    if sex not in ("M", "F", "<", "X"):
        raise CardDataError("Giới tính trong MRZ không hợp lệ.", detail="sex")

    primary, _, secondary = l3.partition("<<")
    primary = primary.replace("<", " ").strip()
    secondary = " ".join(secondary.replace("<", " ").split())
    name = " ".join(x for x in (primary, secondary) if x)
    return Td1Mrz(
        document_code=l1[0:2],
        issuing_state=l1[2:5],
        document_number=document_number,
        id_number=id_number,
        date_of_birth=dob,
        sex="X" if sex == "<" else sex,
        date_of_expiry=expiry,
        nationality=nationality,
        name=name,
        primary_identifier=primary,
        secondary_identifier=secondary,
        optional_data_1=optional_1,
        optional_data_2=optional_2,
        lines=(l1, l2, l3),
        failed_checks=tuple(failed),
    )


# OCR/typing confusions, applied only to fields whose kind (digit/letter) is known.
_TO_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2",
                           "S": "5", "G": "6", "B": "8"})
_TO_LETTER = str.maketrans({"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B"})
_FILLERS = str.maketrans({"«": "<", "‹": "<", "＜": "<", "(": "<", "[": "<", "{": "<"})


def _fix(line: str, spans: list[tuple[int, int, str]]) -> str:
    chars = list(line)
    for start, end, kind in spans:
        part = "".join(chars[start:end])
        part = part.translate(_TO_DIGIT if kind == "digit" else _TO_LETTER)
        chars[start:end] = list(part)
    return "".join(chars)


def parse_typed_mrz(text: str) -> Td1Mrz:
    """Parse an MRZ typed by hand or OCR'd: spaces, lowercase, « for <, O/0 and I/1 confusion
    in digit/letter fields, missing trailing fillers. Same result as parse_td1 on clean text."""
    if not isinstance(text, str):
        raise CardDataError("MRZ không hợp lệ.", detail="not text")
    text = unicodedata.normalize("NFKC", text).translate(_FILLERS).upper()
    rows = [re.sub(r"\s+", "", row) for row in text.splitlines()]
    rows = [row for row in rows if row]
    if len(rows) == 1:  # pasted as one run
        one = rows[0]
        if len(one) > 3 * LINE_LENGTH + 5:
            raise CardDataError("MRZ quá dài.", detail="too long")
        rows = [one[i : i + LINE_LENGTH] for i in range(0, len(one), LINE_LENGTH)]
    if len(rows) != 3 or any(len(r) > LINE_LENGTH for r in rows):
        raise CardDataError(
            "MRZ phải có 3 dòng, mỗi dòng 30 ký tự.", detail=f"rows {[len(r) for r in rows]}"
        )
    l1, l2, l3 = (r.ljust(LINE_LENGTH, "<") for r in rows)  # typists drop trailing fillers
    l1 = _fix(l1, [(0, 5, "letter")])
    if l1[2:5] == "VNM":  # Vietnamese cards: the number fields are all digits
        l1 = _fix(l1, [(5, 27, "digit"), (29, 30, "digit")])
    else:
        l1 = _fix(l1, [(14, 15, "digit")]) if l1[14] != "<" else l1
    l2 = _fix(l2, [(0, 7, "digit"), (7, 8, "letter"), (8, 15, "digit"), (15, 18, "letter"),
                   (29, 30, "digit")])
    l3 = l3.translate(_TO_LETTER)
    return parse_td1("\n".join((l1, l2, l3)))


def bac_document_number(id_number: str) -> str:
    """The BAC document number of a Vietnamese card: the LAST 9 digits of the 12-digit ID
    (some public code wrongly takes the first 9). A ≤9-character number is returned as is."""
    if not isinstance(id_number, str):
        raise CardDataError("Số định danh không hợp lệ.", detail="not text")
    value = id_number.strip().upper()
    if re.fullmatch(r"\d{12}", value):
        return value[-9:]
    if re.fullmatch(r"[0-9A-Z]{1,9}", value):
        return value
    raise CardDataError("Số định danh phải gồm 12 chữ số.", detail="bad id number")


def _name_field(name: str) -> str:
    folded = unicodedata.normalize("NFD", name).replace("đ", "d").replace("Đ", "D")
    folded = "".join(c for c in folded if not unicodedata.combining(c)).upper()
    return re.sub(r"[^A-Z<]", "<", folded)


def build_td1(
    *,
    id_number: str,
    date_of_birth: str,
    sex: str,
    date_of_expiry: str,
    name: str,
    nationality: str = "VNM",
    issuing_state: str = "VNM",
    document_code: str = "ID",
    document_number: str | None = None,
    optional_data_2: str = "",
) -> str:
    """Build a TD1 MRZ (3 lines joined by "\\n") the way Vietnamese cards print it.

    `name` is "SURNAME GIVEN NAMES" (diacritics are folded, đ→D); the first word becomes the
    primary identifier. `sex` is "M"/"F"/"X" (or "Nam"/"Nữ"). Dates are YYMMDD.
    """
    if not re.fullmatch(r"[0-9<]{6}", date_of_birth) or not re.fullmatch(
        r"[0-9<]{6}", date_of_expiry
    ):
        raise CardDataError(detail="dates must be YYMMDD")
    sex_char = {"M": "M", "F": "F", "X": "<", "<": "<", "NAM": "M", "NỮ": "F"}.get(
        unicodedata.normalize("NFC", sex).upper()
    )
    if sex_char is None:
        raise CardDataError(detail="sex must be M/F/X")
    if document_number is None:
        document_number = bac_document_number(id_number)
    if re.fullmatch(r"\d{12}", id_number) and len(document_number) <= 9:
        number = document_number.ljust(9, "<")
        optional_1 = f"{id_number}<<{check_digit(id_number)}".ljust(15, "<")
        l1_body = number + check_digit(number) + optional_1
    elif len(document_number) > 9:  # ICAO long document number
        rest = document_number[9:] + check_digit(document_number)
        l1_body = document_number[:9] + "<" + rest.ljust(15, "<")
    else:
        number = document_number.ljust(9, "<")
        l1_body = number + check_digit(number) + "<" * 15
    l1 = (document_code.ljust(2, "<") + issuing_state)[:5] + l1_body
    l2_head = date_of_birth + check_digit(date_of_birth) + sex_char
    l2_head += date_of_expiry + check_digit(date_of_expiry) + nationality.ljust(3, "<")
    l2_head += optional_data_2.ljust(11, "<")[:11]
    composite = l1[5:30] + l2_head[0:7] + l2_head[8:15] + l2_head[18:29]
    l2 = l2_head + check_digit(composite)
    words = name.split()
    if not words:
        raise CardDataError(detail="empty name")
    l3 = _name_field(words[0]) + "<<" + "<".join(_name_field(w) for w in words[1:])
    l3 = l3[:LINE_LENGTH].ljust(LINE_LENGTH, "<")
    lines = (l1, l2, l3)
    if any(len(x) != LINE_LENGTH or not _MRZ_CHARS.fullmatch(x) for x in lines):
        raise CardDataError(detail="MRZ fields too long or invalid")
    return "\n".join(lines)


def yymmdd_to_iso(
    yymmdd: str, *, kind: str = "birth", today: _dt.date | None = None
) -> str:
    """Convert an MRZ date to ISO (partial "YYYY-MM"/"YYYY" when day/month are '<' fillers).

    Century rule: a birth date is in the past, so it takes the latest century that does not put
    it after `today`; an expiry date is 2000+YY (cards in use were issued after 2000, and the
    "no expiry" sentinel 991231 means 2099-12-31).
    """
    if not isinstance(yymmdd, str) or not re.fullmatch(r"\d\d[0-9<]{2}[0-9<]{2}", yymmdd):
        raise CardDataError("Ngày trong MRZ không hợp lệ.", detail="date shape")
    if kind not in ("birth", "expiry"):
        raise ValueError(f"kind must be 'birth' or 'expiry', not {kind!r}")
    today = today or _dt.date.today()
    yy, mm, dd = int(yymmdd[:2]), yymmdd[2:4], yymmdd[4:6]
    if kind == "expiry":
        year = 2000 + yy
    else:
        year = (today.year // 100) * 100 + yy
        if year > today.year:
            year -= 100
    if mm == "<<" or "<" in mm:
        return f"{year:04d}"
    month = int(mm)
    if not 1 <= month <= 12:
        raise CardDataError("Ngày trong MRZ không hợp lệ.", detail="month")
    if "<" in dd:
        return f"{year:04d}-{month:02d}"
    try:
        day = _dt.date(year, month, int(dd))
    except ValueError as exc:
        raise CardDataError("Ngày trong MRZ không hợp lệ.", detail="day") from exc
    if kind == "birth" and day > today:  # born later this year than today: previous century
        try:
            day = day.replace(year=year - 100)
        except ValueError:  # 29 February of a non-leap year: keep the date as printed
            pass
    return day.isoformat()
