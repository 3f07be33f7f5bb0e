"""Record types are data (resources/record_types/*.json): fields, labels, roles, rules.

One generic validator serves every type, so adding a type needs no code: drop a JSON file
named ``<code>.json`` into the directory (``load_record_types(directory)`` reads another one).
Pure: no Qt, no I/O besides reading the JSON files (and the bundled admin-unit list).

Definition format (one JSON object per file; unknown keys are errors, every error names the
file and the field):

``code``            ``[a-z][a-z0-9_]*``, equal to the file name without ``.json``.
``version``         int ≥ 1; bump it when fields change (each record keeps ``type_version``).
``label``           ``{"vi": …, "en": …}`` — both required (Vietnamese with diacritics).
``description``     optional free text for people who maintain the definitions (legal basis).
``data_domain``     who owns the data upstream (sync batches carry it), one of DATA_DOMAINS:
                    ``justice`` (Tư pháp: civil status / hộ tịch), ``social`` (welfare, bảo trợ
                    xã hội, người có công), ``labour`` (lao động, việc làm), ``police`` (cư trú,
                    lưu trú), ``land`` (đất đai), ``association`` (Mặt trận, hội, đoàn thể),
                    ``health`` (y tế), ``population`` (the resident register itself).
``legal``           true for civil-status records (birth, death, marriage): never edited in
                    place; the payload changes only through a new record_action (cải chính,
                    bổ sung, …), enforced by a database trigger (schema v4).
``retention``       ``"permanent"`` or ``"<n>y"`` (years, e.g. ``"10y"``).
``title_field``     a field name, or a list of names joined with " – " (marriage: both
                    spouses): what a list shows first; stored as ``record.title`` and, folded
                    (``core.text.search_key``), as ``record.title_folded`` for the list query.
``key_date_field``  a date field: the list's sort date (``record.key_date``).
``list_fields``     the per-type list's columns, in order.
``fields``          list of field objects:

    ``name``          ``[a-z][a-z0-9_]*``, unique in the type.
    ``type``          ``text``, ``date``, ``int``, ``number``, ``choice``, ``bool``,
                      ``personal_id`` (12-digit số định danh) or ``admin_unit`` (see below).
    ``label``         ``{"vi": …, "en": …}``.
    ``required``      bool (default false).
    ``aliases``       other header texts found in real spreadsheets ("Họ và tên trẻ", "NS");
                      the Excel importer matches folded headers against label vi/en + aliases,
                      so these must be unique within a type (checked here).
    ``exact_search``  (text / personal_id) the list query matches this field exactly
                      (certificate, insurance, card numbers); personal_id fields always do.
    ``max_length``, ``pattern`` (text; ``pattern`` must match the whole value).
    ``choices``       (choice, required) allowed values; ``choice_aliases``:
                      ``{choice: [other spellings]}``. Input is matched diacritic- and
                      case-insensitively and stored as the canonical choice.
    ``min``, ``max``  (int / number) inclusive bounds.
    ``min_date``      (date) ``"YYYY-MM-DD"``: earliest allowed date.
    ``not_future``    (date) bool: a date after today is refused.
    ``not_before``    (date) another date field: this one may not be earlier (stay: to ≥ from).
    ``warn_span``     (date) ``{"from": other date field, "days": n, "hint": {"vi", "en"}}``:
                      a *warning*, not an error, when this date is n days or more after the
                      other one (stays of 30 days or more need a temporary-residence filing).
    ``expect_product`` (int / number) ``{"field": other number field, "factor": x}``: a
                      warning when the value differs from other × factor (allowance =
                      coefficient × the base level of 500,000 VND since 1/7/2024).

    ``admin_unit``: the stored value is a 2025-list commune code (5 digits). Input may be that
    code; a 2025 name ("Quảng Ngọc", "Xã Quảng Ngọc, Tỉnh Thanh Hóa"); or an old (2004-list)
    code or name, mapped to its 2025 commune. A 5-digit code is read as a 2025 code first.
    When an old unit was split into several new ones, or a name is ambiguous, validation
    fails with a message listing the candidates (``resolve_admin_unit`` gives them as data):
    never guess.
``roles``           list of ``{"role", "label", "id_field", "name_field", "dob_field",
                    "required", "max"}``: the persons a record links to. ``id_field`` /
                    ``name_field`` / ``dob_field`` name the payload fields (personal_id / text /
                    date) identifying that role's person when nobody is linked yet. A
                    ``required`` role needs a linked person or its id/name field filled; ``max``
                    caps the links in that role.
``dedup``           the duplicate rule: field names (all equal, text folded) plus optional
                    ``"role:<role>"`` entries meaning "the same person in that role" (same
                    linked person, else same id_field, else same name_field and dob_field; a
                    role nobody identifies on one side does not tell records apart). It must
                    hold at least one plain field, so candidates are narrowed in SQL.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from core.admin_units import SYSTEM_2004, SYSTEM_2025, AdminUnit, AdminUnits, default_units
from core.dates import PartialDate, parse_partial_date, show_iso
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Label, Msg
from core.personal_id import check_personal_id
from core.text import fold, name_key, nfc, search_key

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "record_types"
FIELD_TYPES = ("text", "date", "int", "number", "choice", "bool", "personal_id", "admin_unit")
DATA_DOMAINS = {
    "justice": {"vi": "Tư pháp (hộ tịch)", "en": "Justice (civil status)"},
    "social": {"vi": "Chính sách, an sinh xã hội", "en": "Social welfare"},
    "labour": {"vi": "Lao động, việc làm", "en": "Labour and employment"},
    "police": {"vi": "Công an (cư trú, lưu trú)", "en": "Police (residence, stays)"},
    "land": {"vi": "Đất đai", "en": "Land"},
    "association": {"vi": "Mặt trận, đoàn thể", "en": "Front and associations"},
    "health": {"vi": "Y tế", "en": "Health"},
    "population": {"vi": "Dân cư", "en": "Population"},
}
LANGS = ("vi", "en")
TITLE_SEPARATOR = " – "
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_RETENTION = re.compile(r"permanent|[1-9][0-9]{0,2}y")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NO_FUTURE_CHECK = date.max  # parse_partial_date's own future check is per field here

_TYPE_KEYS = {"code", "version", "label", "data_domain", "legal", "retention", "title_field",
              "key_date_field", "list_fields", "fields", "roles", "dedup", "description"}
_FIELD_KEYS = {"name", "type", "label", "required", "aliases", "exact_search", "max_length",
               "pattern", "choices", "choice_aliases", "min", "max", "min_date", "not_future",
               "not_before", "warn_span", "expect_product", "description"}
_ONLY_FOR = {  # field key -> the types it may be used with
    "max_length": ("text",), "pattern": ("text",), "exact_search": ("text", "personal_id"),
    "choices": ("choice",), "choice_aliases": ("choice",), "min": ("int", "number"),
    "max": ("int", "number"), "expect_product": ("int", "number"), "min_date": ("date",),
    "not_future": ("date",), "not_before": ("date",), "warn_span": ("date",),
}
_ROLE_KEYS = {"role", "label", "id_field", "name_field", "dob_field", "required", "max"}
_ROLE_FIELD_TYPES = {"id_field": ("personal_id",), "name_field": ("text",),
                     "dob_field": ("date",)}


class DefinitionError(ValueError):
    """A record-type definition file is wrong; the message names the file and the field."""


@dataclass(frozen=True)
class FieldDef:
    name: str
    type: str
    label: dict
    required: bool = False
    choices: tuple = ()
    pattern: str | None = None
    max_length: int | None = None
    aliases: tuple[str, ...] = ()
    exact_search: bool = False
    choice_aliases: dict = field(default_factory=dict)
    min: float | None = None
    max: float | None = None
    min_date: str | None = None
    not_future: bool = False
    not_before: str | None = None
    warn_span: dict | None = None
    expect_product: dict | None = None

    def label_text(self, lang: str = "vi") -> str:
        return self.label.get(lang) or self.label.get("vi") or self.name

    def header_names(self) -> tuple[str, ...]:
        """Every header text meaning this field: label vi/en, then the aliases."""
        return (*(self.label[lang] for lang in LANGS if self.label.get(lang)), *self.aliases)

    @property
    def searchable_exactly(self) -> bool:
        return self.exact_search or self.type == "personal_id"


@dataclass(frozen=True)
class RoleDef:
    role: str
    label: dict
    id_field: str | None = None
    name_field: str | None = None
    dob_field: str | None = None
    required: bool = False
    max: int | None = None

    def label_text(self, lang: str = "vi") -> str:
        return self.label.get(lang) or self.label.get("vi") or self.role

    # Mapping-style access (role["role"], role["label"]) kept for callers written when roles
    # were plain dicts (e.g. services.person_profile).
    def __getitem__(self, key: str):
        if key not in _ROLE_KEYS:
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default=None):
        return getattr(self, key, default) if key in _ROLE_KEYS else default


@dataclass(frozen=True)
class RecordType:
    code: str
    version: int
    label: dict
    data_domain: str
    legal: bool
    retention: str
    fields: tuple[FieldDef, ...]
    roles: tuple[RoleDef, ...]
    dedup: tuple[str, ...]
    title_field: tuple[str, ...] = ()
    key_date_field: str | None = None
    list_fields: tuple[str, ...] = ()
    source: str = ""

    def field(self, name: str) -> FieldDef | None:
        return next((f for f in self.fields if f.name == name), None)

    def role(self, name: str) -> RoleDef | None:
        return next((r for r in self.roles if r.role == name), None)

    def label_text(self, lang: str = "vi") -> str:
        return self.label.get(lang) or self.label.get("vi") or self.code

    @property
    def dedup_fields(self) -> tuple[str, ...]:
        return tuple(k for k in self.dedup if not k.startswith("role:"))

    @property
    def dedup_roles(self) -> tuple[str, ...]:
        return tuple(k[5:] for k in self.dedup if k.startswith("role:"))

    def exact_search_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.searchable_exactly)

    def title_of(self, payload: dict) -> str | None:
        parts = [str(payload[n]) for n in self.title_field if payload.get(n) not in (None, "")]
        return TITLE_SEPARATOR.join(parts) or None

    def key_date_of(self, payload: dict) -> str | None:
        value = payload.get(self.key_date_field) if self.key_date_field else None
        return value or None

    def as_dict(self) -> dict:
        """The definition as plain JSON data (CLI `record-types --json`, UI forms)."""
        def field_dict(f: FieldDef) -> dict:
            out = {"name": f.name, "type": f.type, "required": f.required, "label": f.label,
                   "aliases": list(f.aliases), "choices": list(f.choices)}
            extras = {"choice_aliases": f.choice_aliases or None, "max_length": f.max_length,
                      "pattern": f.pattern, "min": f.min, "max": f.max,
                      "min_date": f.min_date, "not_future": f.not_future or None,
                      "not_before": f.not_before, "warn_span": f.warn_span,
                      "expect_product": f.expect_product,
                      "exact_search": f.searchable_exactly or None}
            return out | {k: v for k, v in extras.items() if v is not None}

        return {
            "code": self.code, "version": self.version, "label": self.label,
            "data_domain": self.data_domain, "legal": self.legal, "retention": self.retention,
            "title_field": (self.title_field[0] if len(self.title_field) == 1
                            else list(self.title_field)),
            "key_date_field": self.key_date_field, "list_fields": list(self.list_fields),
            "fields": [field_dict(f) for f in self.fields],
            "roles": [{"role": r.role, "label": r.label, "id_field": r.id_field,
                       "name_field": r.name_field, "dob_field": r.dob_field,
                       "required": r.required, "max": r.max} for r in self.roles],
            "dedup": list(self.dedup),
        }


# --- parsing ---------------------------------------------------------------------------------

def _header_key(text: str) -> str:
    """Like the importer's core.excel.header.header_key: folded, no "(…)" notes/punctuation."""
    text = re.sub(r"\([^)]*\)", " ", text or "")
    return fold(re.sub(r"[^\w\s]", " ", text))


class _Checker:
    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, problem: str):
        raise DefinitionError(f"{self.source}: {where}: {problem}")

    def keys(self, where: str, data, allowed: set[str], required: tuple[str, ...]) -> None:
        if not isinstance(data, dict):
            self.fail(where, "must be a JSON object")
        unknown = sorted(set(data) - allowed)
        if unknown:
            self.fail(where, f"unknown key(s) {', '.join(unknown)} "
                             f"(allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in data:
                self.fail(where, f"missing “{key}”")

    def label(self, where: str, value) -> dict:
        if not isinstance(value, dict):
            self.fail(where, "label must be an object {\"vi\": …, \"en\": …}")
        for lang in LANGS:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.fail(where, f"label needs a non-empty “{lang}” text")
        return {k: nfc(v) for k, v in value.items()}

    def name(self, where: str, value) -> str:
        if not isinstance(value, str) or not _NAME.fullmatch(value):
            self.fail(where, f"name {value!r} must match [a-z][a-z0-9_]*")
        return value

    def boolean(self, where: str, value, key: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, f"“{key}” must be true or false")
        return value

    def strings(self, where: str, value, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            self.fail(where, f"“{key}” must be a list of non-empty texts")
        return tuple(nfc(v) for v in value)

    def number(self, where: str, value, key: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, f"“{key}” must be a number")
        return value


def _parse_field(check: _Checker, spec) -> FieldDef:
    where = f"field “{spec.get('name', '?')}”" if isinstance(spec, dict) else "field"
    check.keys(where, spec, _FIELD_KEYS, ("name", "type", "label"))
    name = check.name(where, spec["name"])
    kind = spec["type"]
    if kind not in FIELD_TYPES:
        check.fail(where, f"unknown type “{kind}” (known: {', '.join(FIELD_TYPES)})")
    for key, kinds in _ONLY_FOR.items():
        if key in spec and kind not in kinds:
            check.fail(where, f"“{key}” is only for {'/'.join(kinds)} fields, not {kind}")
    label = check.label(where, spec["label"])
    required = check.boolean(where, spec.get("required", False), "required")
    aliases = check.strings(where, spec.get("aliases", []), "aliases")
    choices: tuple = ()
    choice_aliases: dict = {}
    if kind == "choice":
        if "choices" not in spec:
            check.fail(where, "a choice field needs “choices”")
        choices = check.strings(where, spec["choices"], "choices")
        if not choices or len({search_key(c) for c in choices}) != len(choices):
            check.fail(where, "“choices” must be non-empty and distinct (ignoring accents/case)")
        raw_aliases = spec.get("choice_aliases", {})
        if not isinstance(raw_aliases, dict):
            check.fail(where, "“choice_aliases” must be an object {choice: [texts]}")
        for choice, texts in raw_aliases.items():
            if nfc(choice) not in choices:
                check.fail(where, f"choice_aliases names “{choice}”, which is not a choice")
            choice_aliases[nfc(choice)] = check.strings(where, texts, "choice_aliases")
        seen = {search_key(c): c for c in choices}
        for choice, texts in choice_aliases.items():
            for text in texts:
                other = seen.setdefault(search_key(text), choice)
                if other != choice:
                    check.fail(where, f"choice alias “{text}” also means “{other}”")
    pattern = spec.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            check.fail(where, f"bad pattern: {exc}")
    max_length = spec.get("max_length")
    if max_length is not None and (not isinstance(max_length, int) or isinstance(max_length, bool)
                                   or max_length < 1):
        check.fail(where, "“max_length” must be a positive integer")
    low = check.number(where, spec["min"], "min") if "min" in spec else None
    high = check.number(where, spec["max"], "max") if "max" in spec else None
    if low is not None and high is not None and low > high:
        check.fail(where, "“min” is greater than “max”")
    min_date = spec.get("min_date")
    if min_date is not None:
        try:
            if not (isinstance(min_date, str) and _ISO_DAY.fullmatch(min_date)):
                raise ValueError
            date.fromisoformat(min_date)
        except ValueError:
            check.fail(where, "“min_date” must be a date written YYYY-MM-DD")
    warn_span = spec.get("warn_span")
    if warn_span is not None:
        check.keys(f"{where} warn_span", warn_span, {"from", "days", "hint"}, ("from", "days"))
        if not isinstance(warn_span["days"], int) or warn_span["days"] < 1:
            check.fail(f"{where} warn_span", "“days” must be a positive integer")
        if "hint" in warn_span:
            warn_span = {**warn_span, "hint": check.label(f"{where} warn_span hint",
                                                          warn_span["hint"])}
    product = spec.get("expect_product")
    if product is not None:
        check.keys(f"{where} expect_product", product, {"field", "factor"}, ("field", "factor"))
        check.number(f"{where} expect_product", product["factor"], "factor")
    return FieldDef(
        name=name, type=kind, label=label, required=required, choices=choices, pattern=pattern,
        max_length=max_length, aliases=aliases,
        exact_search=check.boolean(where, spec.get("exact_search", False), "exact_search"),
        choice_aliases=choice_aliases, min=low, max=high, min_date=min_date,
        not_future=check.boolean(where, spec.get("not_future", False), "not_future"),
        not_before=spec.get("not_before"), warn_span=warn_span, expect_product=product)


def parse_definition(data: dict, source: str = "record type") -> RecordType:
    """Build and strictly check one definition; `source` (the file) prefixes every error."""
    check = _Checker(source)
    check.keys("definition", data, _TYPE_KEYS, ("code", "version", "label", "data_domain",
                                                "fields", "title_field", "key_date_field"))
    code = check.name("code", data["code"])
    version = data["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        check.fail("version", "must be an integer ≥ 1")
    label = check.label("label", data["label"])
    domain = data["data_domain"]
    if domain not in DATA_DOMAINS:
        check.fail("data_domain", f"unknown domain “{domain}” (known: {', '.join(DATA_DOMAINS)})")
    legal = check.boolean("legal", data.get("legal", False), "legal")
    retention = data.get("retention", "permanent")
    if not isinstance(retention, str) or not _RETENTION.fullmatch(retention):
        check.fail("retention", f"{retention!r} must be \"permanent\" or a number of years "
                                "like \"10y\"")
    if not isinstance(data["fields"], list) or not data["fields"]:
        check.fail("fields", "must be a non-empty list")
    fields = tuple(_parse_field(check, spec) for spec in data["fields"])
    by_name: dict[str, FieldDef] = {}
    headers: dict[str, str] = {}
    for spec in fields:
        if spec.name in by_name:
            check.fail(f"field “{spec.name}”", "defined twice")
        by_name[spec.name] = spec
        for text in spec.header_names():
            key = _header_key(text)
            other = headers.setdefault(key, spec.name)
            if other != spec.name:
                check.fail(f"field “{spec.name}”", f"header text “{text}” also means field "
                                                   f"“{other}” (labels/aliases must be unique)")

    def ref(where: str, name, kinds: tuple[str, ...] | None = None) -> str:
        spec = by_name.get(name) if isinstance(name, str) else None
        if spec is None:
            check.fail(where, f"names unknown field {name!r}")
        if kinds and spec.type not in kinds:
            check.fail(where, f"field “{name}” is {spec.type}, expected {'/'.join(kinds)}")
        return name

    for spec in fields:
        where = f"field “{spec.name}”"
        if spec.not_before:
            ref(f"{where} not_before", spec.not_before, ("date",))
        if spec.warn_span:
            ref(f"{where} warn_span", spec.warn_span["from"], ("date",))
        if spec.expect_product:
            ref(f"{where} expect_product", spec.expect_product["field"], ("int", "number"))

    titles = data["title_field"]
    titles = (titles,) if isinstance(titles, str) else titles
    if not isinstance(titles, list | tuple) or not titles:
        check.fail("title_field", "must be a field name or a non-empty list of them")
    title_field = tuple(ref("title_field", t) for t in titles)
    key_date_field = ref("key_date_field", data["key_date_field"], ("date",))
    list_fields = tuple(ref("list_fields", n)
                        for n in check.strings("list_fields", data.get("list_fields", []),
                                               "list_fields"))

    roles = []
    raw_roles = data.get("roles", [])
    if not isinstance(raw_roles, list):
        check.fail("roles", "must be a list")
    for spec in raw_roles:
        where = f"role “{spec.get('role', '?')}”" if isinstance(spec, dict) else "role"
        check.keys(where, spec, _ROLE_KEYS, ("role", "label"))
        refs = {key: ref(f"{where} {key}", spec[key], kinds)
                for key, kinds in _ROLE_FIELD_TYPES.items() if spec.get(key) is not None}
        maximum = spec.get("max")
        if maximum is not None and (not isinstance(maximum, int) or isinstance(maximum, bool)
                                    or maximum < 1):
            check.fail(where, "“max” must be a positive integer")
        role = RoleDef(role=check.name(where, spec["role"]), label=check.label(where, spec["label"]),
                       required=check.boolean(where, spec.get("required", False), "required"),
                       max=maximum, **refs)
        if any(r.role == role.role for r in roles):
            check.fail(where, "defined twice")
        roles.append(role)

    dedup = check.strings("dedup", data.get("dedup", []), "dedup")
    for key in dedup:
        if key.startswith("role:"):
            if not any(r.role == key[5:] for r in roles):
                check.fail("dedup", f"“{key}” names an unknown role")
        else:
            ref("dedup", key)
    if dedup and all(k.startswith("role:") for k in dedup):
        check.fail("dedup", "needs at least one field besides role entries")
    return RecordType(code, version, label, domain, legal, retention, fields, tuple(roles),
                      dedup, title_field, key_date_field, list_fields, source)


@lru_cache(maxsize=8)
def load_record_types(directory: Path = RESOURCE_DIR) -> dict[str, RecordType]:
    """Every ``*.json`` definition of the directory, by code (DefinitionError if one is bad)."""
    types: dict[str, RecordType] = {}
    for path in sorted(Path(directory).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DefinitionError(f"{path.name}: not readable JSON: {exc}") from exc
        record_type = parse_definition(data, path.name)
        if record_type.code != path.stem:
            raise DefinitionError(f"{path.name}: code: “{record_type.code}” must equal the file "
                                  f"name ({path.stem})")
        types[record_type.code] = record_type
    return types


# --- admin units -----------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitMatch:
    """What an admin-unit input resolves to: exactly one 2025 commune, or the candidates to
    choose from (`split`: an old unit that became several new ones)."""

    candidates: tuple[AdminUnit, ...]
    old: tuple[AdminUnit, ...] = ()  # the 2004-list units the input named, if it was old
    split: bool = False

    @property
    def unit(self) -> AdminUnit | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def _unit_key(text: str) -> str:
    # as core.admin_units' search key: apostrophes dropped ("H'leo" ~ "hleo"), punctuation → space
    return search_key(fold(text).replace("'", "").replace("\u2019", ""))


def _exact_units(units: AdminUnits, text: str, system: str) -> tuple[list, list]:
    """Communes whose name (or type + name) equals the first comma part of `text`, narrowed by
    the other parts (province/district names): (equal with accents, equal when folded)."""
    head, *rest = [p for p in (part.strip() for part in text.split(",")) if p]
    q = _unit_key(head)
    found = [u for u in units.search(head, system=system, level="commune", limit=500)
             if q in (_unit_key(u.name), _unit_key(f"{u.unit_type} {u.name}"))]
    for part in rest:
        key = _unit_key(part)
        found = [u for u in found if f" {key} " in f" {_unit_key(u.full_name)} "]
    accented = [u for u in found
                if name_key(head) in (name_key(u.name), name_key(f"{u.unit_type} {u.name}"))]
    return accented, found


def resolve_admin_unit(value: str, units: AdminUnits | None = None) -> UnitMatch:
    """A commune code or name (2025 or 2004 list) → the 2025 commune(s) it means.

    Preference: a 2025 code; then names equal with accents (2025 list, then 2004 list), then
    names equal when folded (2025, then 2004). Old units go through the old→new table."""
    return _resolve(nfc(str(value)), units or default_units())


@lru_cache(maxsize=4096)  # an import repeats the same few communes thousands of times
def _resolve(text: str, units: AdminUnits) -> UnitMatch:
    if text.isdigit():
        unit = units.by_code(text.zfill(5), SYSTEM_2025)
        if unit is not None and unit.level == "commune":
            return UnitMatch((unit,))
        old = units.by_code(text.zfill(5), SYSTEM_2004) or units.by_code(text, SYSTEM_2004)
        return _from_old(units, [old] if old else [])
    if not _unit_key(text):
        return UnitMatch(())
    current_accented, current = _exact_units(units, text, SYSTEM_2025)
    old_accented, old = _exact_units(units, text, SYSTEM_2004)
    if current_accented:
        return UnitMatch(tuple(current_accented))
    if old_accented:
        return _from_old(units, old_accented)
    if current:
        return UnitMatch(tuple(current))
    return _from_old(units, old)


def _from_old(units: AdminUnits, old: list[AdminUnit]) -> UnitMatch:
    new: dict[str, AdminUnit] = {}
    split = False
    for unit in old:
        candidates = units.new_units_for_old(unit.code)
        split = split or len(candidates) > 1
        for candidate in candidates:
            new.setdefault(candidate.code, candidate)
    return UnitMatch(tuple(new.values()), tuple(old), split=split)


def _unit_list(candidates, limit: int = 8) -> str:
    shown = [f"{u.full_name} ({u.code})" for u in candidates[:limit]]
    if len(candidates) > limit:
        shown.append("…")
    return "; ".join(shown)


def admin_unit_name(code: str | None, units: AdminUnits | None = None) -> str:
    """A stored 2025 commune code as people read it ("Xã Quảng Ngọc, Tỉnh Thanh Hóa")."""
    if not code:
        return ""
    unit = (units or default_units()).by_code(code, SYSTEM_2025)
    return unit.full_name if unit else code


# --- validation ------------------------------------------------------------------------------

def validate_payload(record_type: RecordType, payload: dict, *, today: date | None = None,
                     units: AdminUnits | None = None) -> dict:
    """Normalise a payload against its type; raise ValidationError with Vietnamese messages
    (core.i18n.Msg, with the type's own labels as core.i18n.Label)."""
    return check_payload(record_type, payload, today=today, units=units)[0]


def check_payload(record_type: RecordType, payload: dict, *, today: date | None = None,
                  units: AdminUnits | None = None) -> tuple[dict, dict[str, str]]:
    """(normalised payload, warnings by field): errors raise ValidationError, warnings (a stay
    of 30 days or more, an allowance that is not coefficient × base) are only shown."""
    today = today or date.today()
    clean: dict = {}
    errors: dict[str, str] = {}
    unknown = set(payload) - {f.name for f in record_type.fields}
    for name in sorted(unknown):
        errors[name] = Msg(QT_TR_NOOP("Trường “{field}” không có trong loại hồ sơ {type}."),
                           field=name, type=Label(record_type.label))
    for spec in record_type.fields:
        raw = payload.get(spec.name)
        if isinstance(raw, str):
            raw = nfc(raw)
        if raw in (None, ""):
            if spec.required:
                errors[spec.name] = Msg(QT_TR_NOOP("Cần nhập {label}."), label=_label(spec))
            continue
        try:
            clean[spec.name] = _coerce(spec, raw, _label(spec), today, units)
        except ValidationError as exc:
            errors[spec.name] = next(iter(exc.errors.values()))
    for spec in record_type.fields:
        if spec.not_before and spec.name in clean and spec.not_before in clean \
                and spec.name not in errors:
            if _latest(clean[spec.name]) < _earliest(clean[spec.not_before]):
                errors[spec.name] = Msg(QT_TR_NOOP("{label} không được trước {other}."),
                                        label=_label(spec),
                                        other=_label(record_type.field(spec.not_before)))
    if errors:
        raise ValidationError(errors)
    return clean, payload_warnings(record_type, clean)


def payload_warnings(record_type: RecordType, clean: dict) -> dict[str, str]:
    """Warnings (not errors) on a normalised payload, by field."""
    warnings: dict[str, str] = {}
    for spec in record_type.fields:
        value = clean.get(spec.name)
        if value is None:
            continue
        if spec.warn_span:
            start = clean.get(spec.warn_span["from"])
            if start and len(start) == 10 and len(value) == 10:
                days = (date.fromisoformat(value) - date.fromisoformat(start)).days
                if days >= spec.warn_span["days"]:
                    hint = spec.warn_span.get("hint")
                    warnings[spec.name] = Msg(QT_TR_NOOP(
                        "Từ {start} đến {end} là {n} ngày (từ {days} ngày trở lên). {hint}"),
                        start=show_iso(start), end=show_iso(value), n=days,
                        days=spec.warn_span["days"], hint=Label(hint) if hint else "")
        if spec.expect_product:
            other = clean.get(spec.expect_product["field"])
            if other is not None:
                expected = other * spec.expect_product["factor"]
                if abs(value - expected) > 0.5:
                    warnings[spec.name] = Msg(QT_TR_NOOP(
                        "{label} {value} khác {other} × {factor} = {expected}; hãy kiểm tra lại."),
                        label=_label(spec), value=_number(value),
                        other=_label(record_type.field(spec.expect_product["field"])),
                        factor=_number(spec.expect_product["factor"]),
                        expected=_number(expected))
    return warnings


def check_roles(record_type: RecordType, payload: dict,
                links: list[tuple[str, str]] | tuple = ()) -> None:
    """Linked persons (role, person_id) against the type's roles: known role, at most `max`
    per role, and a `required` role linked or identified in the payload."""
    errors: dict[str, str] = {}
    counts: dict[str, int] = {}
    for role, _ in links:
        spec = record_type.role(role)
        if spec is None:
            errors["role"] = Msg(QT_TR_NOOP("Vai trò “{role}” không có trong loại hồ sơ này."),
                                 role=role)
            continue
        counts[role] = counts.get(role, 0) + 1
        if spec.max is not None and counts[role] > spec.max:
            errors[f"role:{role}"] = Msg(QT_TR_NOOP("Chỉ được gắn tối đa {n} người vai trò {role}."),
                                         n=spec.max, role=Label(spec.label))
    for spec in record_type.roles:
        if spec.required and not counts.get(spec.role) and not any(
                payload.get(f) not in (None, "") for f in (spec.id_field, spec.name_field) if f):
            errors[f"role:{spec.role}"] = Msg(QT_TR_NOOP("Cần có {role} (gắn cư dân hoặc ghi họ tên)."),
                                              role=Label(spec.label))
    if errors:
        raise ValidationError(errors)


def role_identity(record_type: RecordType, role: str, payload: dict) -> dict:
    """What the payload says about the person in `role`: {"id", "name", "dob"} (None if not)."""
    spec = record_type.role(role)
    if spec is None:
        return {"id": None, "name": None, "dob": None}
    return {key: (payload.get(getattr(spec, f"{key}_field")) or None
                  if getattr(spec, f"{key}_field") else None) for key in ("id", "name", "dob")}


def coerce_field(record_type: RecordType, name: str, raw, *, today: date | None = None,
                 units: AdminUnits | None = None):
    """One field's normalised value (as stored), e.g. "01/10/2026" → "2026-10-01"."""
    spec = record_type.field(name)
    return _coerce(spec, nfc(raw) if isinstance(raw, str) else raw, _label(spec),
                   today or date.today(), units)


def display_value(record_type: RecordType, name: str, value) -> str:
    """A stored value as people read it: dates dd/mm/yyyy, Có/Không, admin unit names."""
    spec = record_type.field(name)
    if value is None or value == "":
        return ""
    if spec is None:
        return str(value)
    if spec.type == "date":
        return show_iso(value)
    if spec.type == "bool":
        return QT_TR_NOOP("Có") if value else QT_TR_NOOP("Không")
    if spec.type == "admin_unit":
        return admin_unit_name(value)
    if spec.type in ("int", "number"):
        return _number(value)
    return str(value)


def _number(value) -> str:
    """Vietnamese grouping: 1.500.000; decimals with a comma."""
    whole, frac = f"{value:,.2f}".split(".")
    whole, frac = whole.replace(",", "."), frac.rstrip("0")
    return f"{whole},{frac}" if frac else whole


def _label(spec: FieldDef) -> Label:
    """The field's label: Vietnamese (the field's name if it has none), with its translations."""
    return Label({"vi": spec.name, **spec.label})


def _earliest(iso: str) -> str:
    """The first day a (possibly partial) ISO date can mean: "2026" → "2026-01-01"."""
    parts = iso.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def _latest(iso: str) -> str:
    """The last day it can mean, for comparisons only: "2026-02" → "2026-02-31"."""
    parts = iso.split("-")
    return "-".join(parts + ["12", "31"][len(parts) - 1:2])


_TRUE = {"1", "true", "co", "x", "yes", "y", "da", "dung"}
_FALSE = {"0", "false", "khong", "no", "n", "chua", "sai"}


def _coerce(spec: FieldDef, raw, label: Label, today: date, units: AdminUnits | None):
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
        if isinstance(raw, datetime):
            raw = raw.date()
        text = raw.isoformat() if isinstance(raw, date) else str(raw)
        value = parse_partial_date(text, spec.name, today=_NO_FUTURE_CHECK)
        iso = value.iso()
        if spec.not_future and _earliest(iso) > today.isoformat():
            fail(Msg(QT_TR_NOOP("{label} ({date}) không được sau ngày hôm nay."),
                     label=label, date=value.display()))
        if spec.min_date and _latest(iso) < spec.min_date:
            fail(Msg(QT_TR_NOOP("{label} ({date}) không được trước {min}."), label=label,
                     date=value.display(), min=PartialDate.from_iso(spec.min_date).display()))
        return iso
    if spec.type in ("int", "number"):
        value = _parse_number(raw, integer=spec.type == "int")
        if value is None:
            fail(Msg(QT_TR_NOOP("{label} phải là số nguyên."), label=label) if spec.type == "int"
                 else Msg(QT_TR_NOOP("{label} phải là số."), label=label))
        if spec.min is not None and value < spec.min:
            fail(Msg(QT_TR_NOOP("{label} phải từ {min} trở lên."), label=label,
                     min=_number(spec.min)))
        if spec.max is not None and value > spec.max:
            fail(Msg(QT_TR_NOOP("{label} không được lớn hơn {max}."), label=label,
                     max=_number(spec.max)))
        return value
    if spec.type == "choice":
        if raw in spec.choices:
            return raw
        key = search_key(str(raw))
        for choice in spec.choices:
            if key in (search_key(choice), *map(search_key, spec.choice_aliases.get(choice, ()))):
                return choice
        fail(Msg(QT_TR_NOOP("{label}: “{value}” không thuộc danh sách cho phép ({choices})."),
                 label=label, value=raw, choices=", ".join(spec.choices)))
    if spec.type == "bool":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        folded = search_key(str(raw))
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        fail(Msg(QT_TR_NOOP("{label} phải là Có/Không."), label=label))
    if spec.type == "personal_id":
        check = check_personal_id(str(raw))
        if check.errors:
            fail(check.errors[0])  # the shape: one message at most
        return check.normalized
    if spec.type == "admin_unit":
        match = resolve_admin_unit(str(raw), units)
        if match.unit is not None:
            return match.unit.code
        if not match.candidates:
            fail(Msg(QT_TR_NOOP("{label}: không tìm thấy xã/phường “{value}” trong danh mục "
                                "đơn vị hành chính (mới hoặc cũ)."), label=label, value=raw))
        if match.split:
            fail(Msg(QT_TR_NOOP("{label}: “{value}” là đơn vị cũ nay thuộc nhiều xã/phường: "
                                "{candidates}. Hãy chọn một và ghi mã xã/phường mới."),
                     label=label, value=raw, candidates=_unit_list(match.candidates)))
        fail(Msg(QT_TR_NOOP("{label}: có nhiều xã/phường tên “{value}”: {candidates}. Hãy ghi "
                            "mã xã/phường hoặc thêm tên tỉnh."),
                 label=label, value=raw, candidates=_unit_list(match.candidates)))
    raise AssertionError(spec.type)


def _parse_number(raw, integer: bool):
    """Numbers as Vietnamese spreadsheets hold them: 1.500.000 / 1,5 / 1234.5 / 500000.0."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        if integer:
            return int(raw) if float(raw).is_integer() else None
        return float(raw)
    text = "".join(str(raw).split())
    if "," in text and "." in text:  # the last separator is the decimal one
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif integer and re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)  # 500.000 / 1,500: grouping, not decimals
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(",") > 1 or text.count(".") > 1:
        text = re.sub(r"[.,]", "", text)
    try:
        value = float(text)
    except ValueError:
        return None
    if integer:
        return int(value) if value.is_integer() else None
    return value
