"""Synthetic residents as a commune's spreadsheet holds them (tests and benchmarks/bench_excel)."""

from __future__ import annotations

import random
from datetime import date

from core.demo_names import (
    ETHNICITIES,
    FEMALE_GIVEN,
    FEMALE_MIDDLE,
    HAMLETS,
    MALE_GIVEN,
    MALE_MIDDLE,
    RELIGIONS,
    SURNAMES,
)
from core.personal_id import make_personal_id

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Số CMND", "Dân tộc",
           "Tôn giáo", "Quốc tịch", "Quê quán", "Thôn", "Địa chỉ"]  # 12 columns


def people_rows(n: int, seed: int = 6, start_serial: int = 0) -> list[list]:
    """`n` distinct residents (unique ID numbers), dates as real dates, IDs as text."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        female = rng.random() < 0.5
        year = rng.randint(1930, 2024)
        born = date(year, rng.randint(1, 12), rng.randint(1, 28))
        middle, given = (FEMALE_MIDDLE, FEMALE_GIVEN) if female else (MALE_MIDDLE, MALE_GIVEN)
        name = f"{SURNAMES.pick(rng)} {middle.pick(rng)} {given.pick(rng)}"
        number = make_personal_id("38", year, "F" if female else "M", start_serial + i)
        old = f"17{rng.randint(0, 9_999_999):07d}" if year < 1995 and rng.random() < 0.5 else ""
        rows.append([i + 1, name, born, "Nữ" if female else "Nam", number, old,
                     ETHNICITIES.pick(rng), RELIGIONS.pick(rng), "Việt Nam",
                     "Quảng Ngọc, Thanh Hóa", HAMLETS.pick(rng), f"Số nhà {rng.randint(1, 300)}"])
    return rows


def hamlet_names() -> list[str]:
    return list(HAMLETS.values)
