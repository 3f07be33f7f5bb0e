"""Vocabulary for the deterministic synthetic commune used in demos and benchmarks.

Plain data: common Vietnamese name parts with rough frequency weights, plus the categorical
values a resident record carries. Nothing here describes a real person; names are drawn
independently from these lists. All strings are NFC. Both tone placements of "Hòa"/"Hoà",
"Thúy"/"Thuý", "Thủy"/"Thuỷ" appear on purpose, as they do in real data.

Each list is a `Weighted` with cumulative integer weights, ready for
`rng.choices(w.values, cum_weights=w.cum_weights)`; `w.pick(rng)` does exactly that.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate

__all__ = [
    "ETHNICITIES",
    "FEMALE_GIVEN",
    "FEMALE_MIDDLE",
    "HAMLETS",
    "MALE_GIVEN",
    "MALE_MIDDLE",
    "RELATIONSHIPS",
    "RELATIONSHIP_HEAD",
    "RELATIONSHIP_SEX",
    "RELIGIONS",
    "SURNAMES",
    "Weighted",
    "full_name",
]


@dataclass(frozen=True, slots=True)
class Weighted:
    values: tuple[str, ...]
    cum_weights: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.cum_weights[-1]

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.values, cum_weights=self.cum_weights, k=k)


def _weighted(pairs: str) -> Weighted:
    """Parse "value weight; value weight; ..." (values may contain spaces)."""
    values: list[str] = []
    weights: list[int] = []
    for item in pairs.split(";"):
        item = item.strip()
        if not item:
            continue
        value, _, weight = item.rpartition(" ")
        values.append(value)
        weights.append(int(weight))
    return Weighted(tuple(values), tuple(accumulate(weights)))


# Weights are roughly per mille of the population (Nguyễn ~38%); Thanh Hóa has more Lê,
# Trịnh, Hoàng than the national average, and few Huỳnh/Võ (southern/central variants).
SURNAMES = _weighted(
    "Nguyễn 380; Lê 115; Trần 95; Phạm 65; Hoàng 48; Huỳnh 6; Phan 40; Vũ 38; Võ 8;"
    "Đặng 21; Bùi 22; Đỗ 16; Hồ 12; Ngô 14; Dương 10; Lý 5; Trịnh 18; Mai 9; Đinh 9;"
    "Đào 8; Lương 6; Hà 7; Cao 5; Lại 4; Tạ 3; Quách 4; Phùng 3; Lò 2"
)

MALE_MIDDLE = _weighted(
    "Văn 330; Đức 60; Hữu 45; Minh 55; Quang 40; Xuân 35; Công 35; Đình 45; Ngọc 25;"
    "Thanh 30; Mạnh 20; Tiến 20; Trọng 20; Anh 15; Duy 20; Gia 15; Hoàng 15; Quốc 25;"
    "Thành 20; Việt 20; Bá 15; Khắc 10; Huy 15; Tuấn 10"
)

FEMALE_MIDDLE = _weighted(
    "Thị 450; Ngọc 50; Thu 35; Thanh 35; Minh 25; Hồng 30; Kim 25; Phương 20; Thùy 15;"
    "Thuỳ 5; Mai 15; Bảo 15; Khánh 15; Diệu 10; Hải 15; Quỳnh 10; Tuyết 10; Hoài 10;"
    "Lan 10; Thúy 10; Như 10; Vân 10"
)

MALE_GIVEN = _weighted(
    "An 10; Anh 30; Bảo 10; Bình 20; Cường 20; Chiến 15; Công 10; Dũng 30; Duy 15;"
    "Dương 10; Đạt 20; Đức 30; Định 10; Đông 10; Giang 10; Hải 25; Hào 8; Hiếu 15;"
    "Hiệp 10; Hòa 12; Hoà 6; Hoàng 20; Hùng 30; Huy 25; Hưng 20; Khang 8; Khánh 12;"
    "Khoa 10; Khôi 8; Kiên 10; Lâm 12; Linh 10; Lộc 12; Long 20; Luân 5; Lực 8;"
    "Mạnh 15; Minh 30; Nam 25; Nghĩa 15; Nguyên 10; Nhân 10; Ninh 8; Phát 10; Phong 15;"
    "Phúc 12; Phương 10; Quân 15; Quang 20; Quý 10; Quyết 8; Sơn 25; Tài 12; Tâm 10;"
    "Tân 10; Thắng 20; Thành 25; Thịnh 12; Thông 8; Tiến 15; Toàn 15; Trọng 10;"
    "Trung 20; Trường 15; Tú 10; Tuấn 30; Tùng 15; Vinh 15; Việt 15; Vũ 12; Xuân 8;"
    "Khải 6; Hậu 8; Hợp 6; Thuận 8; Tuệ 4; Lợi 8; Kiệt 6; Phú 8; Thái 8; Hiển 5"
)

FEMALE_GIVEN = _weighted(
    "An 10; Anh 30; Ánh 15; Bích 10; Châm 6; Chi 15; Dung 20; Duyên 15; Diệp 6;"
    "Giang 15; Hà 25; Hạnh 20; Hằng 25; Hiền 20; Hoa 25; Hòa 8; Hoà 4; Hồng 20;"
    "Huệ 12; Huyền 25; Hương 35; Hường 10; Khánh 8; Lan 30; Liên 15; Linh 30; Loan 15;"
    "Ly 12; Mai 25; My 10; Mến 5; Nga 25; Ngân 15; Ngọc 15; Nguyệt 12; Nhung 20;"
    "Nhi 12; Oanh 12; Phượng 15; Phương 25; Quyên 10; Quỳnh 20; Sen 6; Tâm 10;"
    "Thảo 30; Thanh 15; Thắm 8; Thơm 6; Thu 20; Thủy 15; Thuỷ 5; Thúy 15; Thuý 5;"
    "Thư 12; Thương 12; Trà 8; Trang 35; Trinh 10; Tuyết 12; Uyên 8; Vân 15; Vy 12;"
    "Xuân 10; Yến 20; Hậu 6; Lệ 8; Lụa 4; Nhàn 8; Tươi 6; Huế 6; Hoài 8; Mơ 4;"
    "Diệu 5; Hải 6; Đào 6; Tuyền 6; Kiều 6; Cúc 4; Liễu 4; Thoa 6"
)

# Thanh Hóa: Kinh majority, Mường and Thái in the western districts, small other groups.
ETHNICITIES = _weighted("Kinh 845; Mường 90; Thái 55; Mông 4; Dao 2; Thổ 2; Khơ Mú 1; Hoa 1")

# "Không" is how forms record no religion.
RELIGIONS = _weighted(
    "Không 915; Công giáo 50; Phật giáo 30; Tin lành 3; Cao Đài 1; Phật giáo Hòa Hảo 1"
)

# A lowland Thanh Hóa commune after the 2025 merger: numbered thôn from one former commune,
# named thôn from the others. Weights ~ relative number of households. Invented names.
HAMLETS = _weighted(
    "Thôn 1 95; Thôn 2 110; Thôn 3 90; Thôn 4 120; Thôn 5 80; Thôn 6 70;"
    "Thôn Đông Hòa 105; Thôn Yên Lạc 85; Thôn Xuân Thịnh 100; Thôn Phú Thượng 75;"
    "Thôn Trung Đình 90; Thôn Tân Phong 65"
)

RELATIONSHIP_HEAD = "chủ hộ"
# Relationship to the head of household, as written on household forms (lowercase).
# Weights: how often a non-head member has that relationship.
RELATIONSHIPS = _weighted(
    "vợ 230; chồng 50; con 420; con dâu 45; con rể 8; cháu 110; bố 25; mẹ 45;"
    "ông 4; bà 10; anh 6; chị 6; em 12; cháu nội 15; cháu ngoại 6; người ở nhờ 3; khác 5"
)
# Sex implied by a relationship label ("M"/"F"), None when either.
RELATIONSHIP_SEX: dict[str, str | None] = {
    "chủ hộ": None, "vợ": "F", "chồng": "M", "con": None, "con dâu": "F", "con rể": "M",
    "cháu": None, "bố": "M", "mẹ": "F", "ông": "M", "bà": "F", "anh": "M", "chị": "F",
    "em": None, "cháu nội": None, "cháu ngoại": None, "người ở nhờ": None, "khác": None,
}  # fmt: skip


def full_name(surname: str, middle: str, given: str) -> str:
    """Join name parts (middle may be empty or hold two words, e.g. "Thị Thu")."""
    return " ".join(p for p in (surname, middle, given) if p)
