"""Vietnamese administrative units: the 2025 list (34 provinces, 3,321 communes), the 2004 list
(63 provinces, districts, communes) and the old→new mapping.

Data comes from resources/admin_units/admin_units.json.gz, generated at build time by
scripts/gen_admin_units.py. It is versioned data: a newer file can be loaded with
AdminUnits.load(path) without a new build. Stdlib only.

Key on codes, never names, and always carry the code system: "44" is Quảng Bình in the 2004
list but Quảng Trị in the 2025 list.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

from core.errors import XasoError
from core.i18n import QT_TR_NOOP, Msg
from core.text import fold

SYSTEM_2025 = "2025"
SYSTEM_2004 = "2004"
LEVELS = ("province", "district", "commune")
DATA_FILE_NAME = "admin_units.json.gz"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "resources" / "admin_units" / DATA_FILE_NAME
SUPPORTED_FORMAT = 1


class AdminDataError(XasoError):
    def __init__(self, path: Path, detail: str):
        super().__init__(Msg(QT_TR_NOOP(
            "Không đọc được danh mục đơn vị hành chính ({path}): {detail}. "
            "Hãy cài lại Xã Số hoặc dùng tệp danh mục mới hơn."), path=path, detail=detail))


@dataclass(frozen=True, slots=True)
class AdminUnit:
    code: str
    name: str  # without type, e.g. "Quảng Ngọc"
    level: str  # "province" | "district" | "commune"
    unit_type: str  # "Tỉnh", "Thành phố", "Huyện", "Xã", "Phường", "Đặc khu", ...
    code_system: str  # "2025" | "2004"
    parent_code: str | None
    full_name: str  # e.g. "Xã Quảng Ngọc, Tỉnh Thanh Hóa"

    @property
    def display_name(self) -> str:
        return f"{self.unit_type} {self.name}"


_PUNCT = re.compile(r"[^0-9a-z]+")


def _key(s: str) -> str:
    """Search key: folded, apostrophes dropped ("H'leo" ~ "hleo"), other punctuation → space."""
    s = fold(s).replace("'", "").replace("\u2019", "")
    return _PUNCT.sub(" ", s).strip()


class AdminUnits:
    """All units of one data file, with indexes built once at load."""

    def __init__(self, data: dict):
        self.format_version: int = data["format_version"]
        self.data_version: str = data["data_version"]
        self.generated: str = data["generated"]
        self.source: dict = data["source"]
        self._by_code: dict[str, dict[str, AdminUnit]] = {SYSTEM_2025: {}, SYSTEM_2004: {}}
        self._children: dict[tuple[str, str], list[AdminUnit]] = {}
        self._search: dict[str, list[tuple[str, str, AdminUnit]]] = {}

        for system, levels in data["units"].items():
            index = self._by_code.setdefault(system, {})
            # Parents come first (provinces, districts, communes) so full names can chain.
            for level, plural in (
                ("province", "provinces"),
                ("district", "districts"),
                ("commune", "communes"),
            ):
                for row in levels.get(plural, []):
                    code, unit_type, name = row[0], row[1], row[2]
                    parent = row[3] if len(row) > 3 else None
                    full = f"{unit_type} {name}"
                    if parent:
                        full = f"{full}, {index[parent].full_name}"
                    unit = AdminUnit(code, name, level, unit_type, system, parent, full)
                    index[code] = unit
                    if parent:
                        self._children.setdefault((system, parent), []).append(unit)
            keys = {}  # names repeat a lot; fold each distinct string once
            for u in index.values():
                for s in (u.name, u.unit_type):
                    if s not in keys:
                        keys[s] = _key(s)
            self._search[system] = [
                (keys[u.name], f"{keys[u.unit_type]} {keys[u.name]}", u) for u in index.values()
            ]

        mapping = data["old_to_new"]
        self._prov_map: dict[str, str] = mapping["provinces"]
        self._unit_map: dict[str, list[str]] = {**mapping["districts"], **mapping["communes"]}

    @classmethod
    def load(cls, path: str | Path | None = None) -> AdminUnits:
        """Load a data file (gzip or plain JSON), or a directory holding admin_units.json.gz."""
        p = Path(path) if path else DEFAULT_PATH
        if p.is_dir():
            p = p / DATA_FILE_NAME
        try:
            raw = p.read_bytes()
            if raw[:2] == b"\x1f\x8b":  # gzip magic
                raw = gzip.decompress(raw)
            data = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, EOFError) as e:
            raise AdminDataError(p, str(e)) from e
        if data.get("format_version", 0) > SUPPORTED_FORMAT:
            raise AdminDataError(p, Msg(QT_TR_NOOP("tệp thuộc định dạng mới hơn ứng dụng")))
        try:
            return cls(data)
        except (KeyError, IndexError, TypeError) as e:
            raise AdminDataError(p, Msg(QT_TR_NOOP("thiếu trường {field}"), field=e)) from e

    # --- lookups ---------------------------------------------------------------------

    def by_code(self, code: str, system: str = SYSTEM_2025) -> AdminUnit | None:
        return self._by_code.get(system, {}).get(code)

    def provinces(self, system: str = SYSTEM_2025) -> list[AdminUnit]:
        return sorted(
            (u for u in self._by_code.get(system, {}).values() if u.level == "province"),
            key=lambda u: u.code,
        )

    def districts_of(self, province_code: str) -> list[AdminUnit]:
        """Districts of a 2004-list province (the 2025 list has no district level)."""
        return list(self._children.get((SYSTEM_2004, province_code), []))

    def communes_of(self, parent_code: str, system: str = SYSTEM_2025) -> list[AdminUnit]:
        """Communes of a province (either system) or of a 2004-list district."""
        children = self._children.get((system, parent_code), [])
        if children and children[0].level == "district":
            return [c for d in children for c in self._children.get((system, d.code), [])]
        return list(children)

    def legacy_province(self, code2: str) -> AdminUnit | None:
        """One of the 63 provinces of the 2004 list (e.g. "44" → Quảng Bình)."""
        unit = self.by_code(code2, SYSTEM_2004)
        return unit if unit and unit.level == "province" else None

    def new_province_for_old(self, old_province_code: str) -> AdminUnit | None:
        new = self._prov_map.get(old_province_code)
        return self.by_code(new, SYSTEM_2025) if new else None

    def new_units_for_old(self, old_code: str) -> list[AdminUnit]:
        """2025 communes that an old (2004-list) commune became.

        Several candidates mean the old commune was split: the caller must ask the user,
        never guess. Also accepts the 5 old island district codes that had no communes.
        """
        return [self._by_code[SYSTEM_2025][c] for c in self._unit_map.get(old_code, [])]

    def search(
        self,
        query: str,
        system: str = SYSTEM_2025,
        level: str | None = None,
        limit: int = 20,
    ) -> list[AdminUnit]:
        """Diacritic-insensitive name search; "Quảng Ngọc" and "xa quang ngoc" both work.

        Ranking: exact name, then name prefix, then word prefix, then substring;
        provinces before districts before communes, then by code.
        """
        if level is not None and level not in LEVELS:
            raise ValueError(f"unknown level {level!r}")
        q = _key(query)
        if not q:
            return []
        hits: list[tuple[int, int, str, AdminUnit]] = []
        for name, display, unit in self._search.get(system, []):
            if level and unit.level != level:
                continue
            if q in (name, display):
                rank = 0
            elif name.startswith(q) or display.startswith(q):
                rank = 1
            elif f" {q}" in f" {name}":
                rank = 2
            elif q in name or q in display:
                rank = 3
            else:
                continue
            hits.append((rank, LEVELS.index(unit.level), unit.code, unit))
        hits.sort(key=lambda h: h[:3])
        return [h[3] for h in hits[:limit]]


@functools.cache
def default_units() -> AdminUnits:
    """The bundled data, loaded once on first use."""
    return AdminUnits.load()
