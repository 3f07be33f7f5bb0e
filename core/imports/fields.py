"""What an import target offers to map columns onto."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.excel.header import header_key
from core.i18n import Label

KINDS = ("text", "date", "id12", "id_old", "sex", "hamlet", "int", "number", "choice", "bool",
         "ref", "admin_unit")


@dataclass(frozen=True)
class ImportField:
    name: str
    label: Label  # Vietnamese, with its English translation in .texts
    kind: str = "text"
    required: bool = False
    aliases: tuple[str, ...] = ()

    def keys(self) -> set[str]:
        """Folded header names that mean this field."""
        names = {self.label, *self.label.texts.values(), *self.aliases}
        return {header_key(n) for n in names if n}


@dataclass(frozen=True)
class Target:
    """An importable thing: residents, or one record type."""

    code: str
    label: Label
    fields: tuple[ImportField, ...]
    ignored: tuple[str, ...] = field(default=())  # header names known to carry nothing to import

    def field(self, name: str) -> ImportField | None:
        return next((f for f in self.fields if f.name == name), None)

    def known_keys(self) -> set[str]:
        keys = {header_key(n) for n in self.ignored}
        for spec in self.fields:
            keys |= spec.keys()
        return keys


# Columns every Vietnamese list has that carry nothing to import, and the two our own error
# report adds (so a fixed error report imports as it is).
COMMON_IGNORED = ("STT", "Số TT", "TT", "Số thứ tự", "Ghi chú", "Ký tên", "Ký nhận",
                  "Lỗi cần sửa", "Dòng trong tệp gốc")
ID_COLUMN = Label({"vi": "Mã hệ thống (không sửa)", "en": "System ID (do not edit)"})
