"""The 12-digit personal identification number (số định danh cá nhân): PPP G YY RRRRRR.

PPP = "0" + 2004-list code of the province where the birth was registered, G = century and sex
(0/1 = 1900s male/female, 2/3 = 2000s, ...), YY = birth year, RRRRRR = random; no check digit.
The law only guarantees "12 digits", so only the shape is a hard error; everything decoded from
the structure is a consistency warning, never a gate. Stdlib only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from core.admin_units import AdminUnits, default_units
from core.i18n import QT_TR_NOOP, Msg

_SHAPE = re.compile(r"[0-9]{12}")
_SEPARATORS = re.compile(r"[\s.]+")
_SEX_LABEL = {"M": Msg(QT_TR_NOOP("Nam")), "F": Msg(QT_TR_NOOP("Nữ"))}
_SEX_INPUT = {"m": "M", "nam": "M", "f": "F", "nữ": "F"}


@dataclass(frozen=True)
class IdWarning:
    code: str  # stable, for UI logic: unknown_province, century_mismatch, sex_mismatch, ...
    message: str  # Vietnamese, for people (a core.i18n.Msg: the UI translates it)


@dataclass(frozen=True)
class IdCheck:
    normalized: str
    errors: tuple[str, ...] = ()
    warnings: tuple[IdWarning, ...] = ()
    province_code: str | None = None  # PPP, e.g. "038"
    birth_century: int | None = None  # first year of the century, e.g. 1900
    sex: str | None = None  # "M" | "F"
    birth_year: int | None = None
    province_label: str | None = None  # e.g. "Quảng Bình (cũ), nay thuộc Quảng Trị"

    @property
    def ok(self) -> bool:
        """Shape is valid (warnings may still need review)."""
        return not self.errors

    def warning_codes(self) -> set[str]:
        return {w.code for w in self.warnings}


def normalize_number(number: str) -> str:
    """NFC, then drop spaces and dots people type as group separators."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFC", number or ""))


def _sex_code(sex: str | None) -> str | None:
    if sex is None:
        return None
    code = _SEX_INPUT.get(unicodedata.normalize("NFC", sex).strip().casefold())
    if code is None:
        raise ValueError(f"sex must be 'M' or 'F', got {sex!r}")
    return code


@lru_cache(maxsize=1024)  # ~63 prefixes; imports check 100k numbers
def _label(ppp: str, units: AdminUnits) -> str | None:
    if len(ppp) != 3 or ppp[0] != "0":
        return None
    old = units.legacy_province(ppp[1:])
    if old is None:
        return None
    new = units.new_province_for_old(old.code)
    if new is None or new.name == old.name:
        return old.name
    return Msg(QT_TR_NOOP("{old} (cũ), nay thuộc {new}"), old=old.name, new=new.name)


def registration_province_label(number: str, units: AdminUnits | None = None) -> str | None:
    """Province where the birth was registered, e.g. "Thanh Hóa" for 038…,
    "Quảng Bình (cũ), nay thuộc Quảng Trị" for 044…; None if the shape or prefix is unknown."""
    n = normalize_number(number)
    if not _SHAPE.fullmatch(n):
        return None
    return _label(n[:3], units or default_units())


def check_personal_id(
    number: str,
    dob: date | None = None,
    dob_year: int | None = None,
    sex: str | None = None,
    units: AdminUnits | None = None,
) -> IdCheck:
    """Validate the shape (errors) and check the structure against DOB/sex (warnings)."""
    n = normalize_number(number)
    if not n:
        return IdCheck(n, errors=(QT_TR_NOOP("Chưa nhập số định danh."),))
    if not _SHAPE.fullmatch(n):
        detail = (
            Msg(QT_TR_NOOP("có ký tự không phải chữ số"))
            if not n.isascii() or not n.isdigit()
            else Msg(QT_TR_NOOP("đang có {n}"), n=len(n))
        )
        return IdCheck(n, errors=(
            Msg(QT_TR_NOOP("Số định danh phải gồm đúng 12 chữ số ({detail})."), detail=detail),))

    ppp, g, yy = n[:3], int(n[3]), int(n[4:6])
    century = 1900 + 100 * (g // 2)
    id_sex = "M" if g % 2 == 0 else "F"
    birth_year = century + yy
    label = _label(ppp, units or default_units())
    year = dob.year if dob else dob_year
    given_sex = _sex_code(sex)

    warnings: list[IdWarning] = []
    if label is None:
        warnings.append(
            IdWarning(
                "unknown_province",
                Msg(QT_TR_NOOP("Mã nơi đăng ký khai sinh {code} không thuộc 63 mã tỉnh đã biết; "
                               "cần kiểm tra lại."), code=ppp),
            )
        )
    if year is not None:
        if year // 100 * 100 != century:
            warnings.append(
                IdWarning(
                    "century_mismatch",
                    Msg(QT_TR_NOOP("Chữ số thứ 4 ({digit}) ứng với người sinh năm {first}–{last}, "
                                   "không khớp năm sinh {year}."),
                        digit=g, first=century, last=century + 99, year=year),
                )
            )
        if year % 100 != yy:
            warnings.append(
                IdWarning(
                    "year_mismatch",
                    Msg(QT_TR_NOOP("Chữ số thứ 5–6 ({digits}) không khớp năm sinh {year}."),
                        digits=n[4:6], year=year),
                )
            )
    elif birth_year > date.today().year:
        # Without a DOB we can still spot a century digit that points to the future.
        warnings.append(
            IdWarning(
                "future_birth_year",
                Msg(QT_TR_NOOP("Năm sinh suy ra từ số định danh ({year}) ở tương lai; "
                               "cần kiểm tra lại."), year=birth_year),
            )
        )
    if given_sex is not None and given_sex != id_sex:
        warnings.append(
            IdWarning(
                "sex_mismatch",
                Msg(QT_TR_NOOP("Chữ số thứ 4 ({digit}) ứng với giới tính {id_sex}, "
                               "không khớp giới tính {sex}."),
                    digit=g, id_sex=_SEX_LABEL[id_sex], sex=_SEX_LABEL[given_sex]),
            )
        )

    return IdCheck(
        normalized=n,
        warnings=tuple(warnings),
        province_code=ppp,
        birth_century=century,
        sex=id_sex,
        birth_year=birth_year,
        province_label=label,
    )


def is_valid_old_cmnd(s: str) -> bool:
    """Old ID (CMND): 9 digits, or 12 digits for the 2012–2015 variant; no structure."""
    n = normalize_number(s)
    return n.isascii() and n.isdigit() and len(n) in (9, 12)


def make_personal_id(
    province_code2: str, birth_year: int, sex: str, serial: int, units: AdminUnits | None = None
) -> str:
    """Build a structurally consistent number (demo data). Raises ValueError on bad input."""
    if (units or default_units()).legacy_province(province_code2) is None:
        raise ValueError(f"unknown 2004-list province code {province_code2!r}")
    if not 1900 <= birth_year <= 2399:
        raise ValueError(f"birth year out of range: {birth_year}")
    if not 0 <= serial <= 999_999:
        raise ValueError(f"serial out of range: {serial}")
    code = _sex_code(sex)
    if code is None:
        raise ValueError("sex is required")
    g = (birth_year // 100 - 19) * 2 + (1 if code == "F" else 0)
    return f"0{province_code2}{g}{birth_year % 100:02d}{serial:06d}"
