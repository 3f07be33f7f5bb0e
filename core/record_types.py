"""Record types are data (resources/record_types/*.json): fields, labels, roles, rules.

One generic validator serves every type, so adding a type needs no code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.dates import parse_partial_date
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Label, Msg
from core.personal_id import check_personal_id
from core.text import nfc

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "record_types"
FIELD_TYPES = ("text", "date", "int", "number", "choice", "bool", "personal_id")


@dataclass(frozen=True)
class FieldDef:
    name: str
    type: str
    label: dict
    required: bool = False
    choices: tuple = ()
    pattern: str | None = None
    max_length: int | None = None


@dataclass(frozen=True)
class RecordType:
    code: str
    version: int
    label: dict
    data_domain: str
    legal: bool
    retention: str
    fields: tuple[FieldDef, ...]
    roles: tuple[dict, ...]
    dedup: tuple[str, ...]

    def field(self, name: str) -> FieldDef | None:
        return next((f for f in self.fields if f.name == name), None)


def parse_definition(data: dict) -> RecordType:
    fields = []
    for spec in data["fields"]:
        if spec["type"] not in FIELD_TYPES:
            raise ValueError(f"{data['code']}.{spec['name']}: unknown type {spec['type']}")
        fields.append(FieldDef(spec["name"], spec["type"], spec["label"],
                               spec.get("required", False), tuple(spec.get("choices", ())),
                               spec.get("pattern"), spec.get("max_length")))
    return RecordType(data["code"], int(data["version"]), data["label"], data["data_domain"],
                      bool(data.get("legal", False)), data.get("retention", "permanent"),
                      tuple(fields), tuple(data.get("roles", ())), tuple(data.get("dedup", ())))


@lru_cache(maxsize=4)
def load_record_types(directory: Path = RESOURCE_DIR) -> dict[str, RecordType]:
    types = {}
    for path in sorted(Path(directory).glob("*.json")):
        record_type = parse_definition(json.loads(path.read_text(encoding="utf-8")))
        types[record_type.code] = record_type
    return types


def validate_payload(record_type: RecordType, payload: dict) -> dict:
    """Normalise a payload against its type; raise ValidationError with Vietnamese messages
    (core.i18n.Msg, with the type's own labels as core.i18n.Label)."""
    clean: dict = {}
    errors: dict[str, str] = {}
    unknown = set(payload) - {f.name for f in record_type.fields}
    for name in unknown:
        errors[name] = Msg(QT_TR_NOOP("Trường “{field}” không có trong loại hồ sơ {type}."),
                           field=name, type=Label(record_type.label))
    for spec in record_type.fields:
        raw = payload.get(spec.name)
        if isinstance(raw, str):
            raw = nfc(raw)
        label = _label(spec)
        if raw in (None, ""):
            if spec.required:
                errors[spec.name] = Msg(QT_TR_NOOP("Cần nhập {label}."), label=label)
            continue
        try:
            clean[spec.name] = _coerce(spec, raw, label)
        except ValidationError as exc:
            errors[spec.name] = next(iter(exc.errors.values()))
    if errors:
        raise ValidationError(errors)
    return clean


def coerce_field(record_type: RecordType, name: str, raw):
    """One field's normalised value (as stored), e.g. "01/10/2026" → "2026-10-01"."""
    spec = record_type.field(name)
    return _coerce(spec, nfc(raw) if isinstance(raw, str) else raw, _label(spec))


def _label(spec: FieldDef) -> Label:
    """The field's label: Vietnamese (the field's name if it has none), with its translations."""
    return Label({"vi": spec.name, **spec.label})


def _coerce(spec: FieldDef, raw, label: Label):
    def fail(message: str):
        raise ValidationError({spec.name: message})

    if spec.type == "text":
        value = str(raw)
        if spec.max_length and len(value) > spec.max_length:
            fail(Msg(QT_TR_NOOP("{label} dài quá {n} ký tự."), label=label, n=spec.max_length))
        if spec.pattern and not re.fullmatch(spec.pattern, value):
            fail(Msg(QT_TR_NOOP("{label} không đúng định dạng."), label=label))
        return value
    if spec.type == "date":
        return parse_partial_date(str(raw), spec.name).iso()
    if spec.type == "int":
        try:
            return int(str(raw).replace(".", "").replace(",", ""))
        except ValueError:
            fail(Msg(QT_TR_NOOP("{label} phải là số nguyên."), label=label))
    if spec.type == "number":
        try:
            return float(str(raw).replace(",", "."))
        except ValueError:
            fail(Msg(QT_TR_NOOP("{label} phải là số."), label=label))
    if spec.type == "choice":
        if raw not in spec.choices:
            fail(Msg(QT_TR_NOOP("{label}: “{value}” không thuộc danh sách cho phép."),
                     label=label, value=raw))
        return raw
    if spec.type == "bool":
        if isinstance(raw, bool):
            return raw
        folded = str(raw).strip().lower()
        if folded in ("1", "true", "có", "x", "co"):
            return True
        if folded in ("0", "false", "không", "khong", ""):
            return False
        fail(Msg(QT_TR_NOOP("{label} phải là Có/Không."), label=label))
    if spec.type == "personal_id":
        check = check_personal_id(str(raw))
        if check.errors:
            fail(check.errors[0])  # the shape: one message at most
        return check.normalized
    raise AssertionError(spec.type)
