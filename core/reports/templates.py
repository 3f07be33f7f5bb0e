"""Report templates: which figure goes into which cell.

A template is a mapping *key → cell* ("Sheet!C7"). Keys are an indicator code (the period's
figure), ``code@ytd`` (from the start of the year), ``code@target``, ``code@note`` (the
override's note) and the report's own fields: ``_commune``, ``_hamlet``, ``_period``
(its label, e.g. "15/10/2026 – 14/11/2026"), ``_from``, ``_to``, ``_ytd_from``,
``_generated``.

- The built-in template ("default") is our own layout (core.reports.excel); its mapping is
  derived from the catalogue, one row per indicator.
- A province's own .xlsx is stored once (bytes in app_meta, inside the encrypted store, so a
  backup carries it) with its mapping. Loading a file proposes a mapping: cells holding a
  placeholder such as ``{{vneid_activated}}`` or ``{{_period}}``, then, for indicators still
  unmapped, the first empty cell right of a label that reads like the indicator's name. The
  officer checks it once; every later report fills the same cells.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from sqlmodel import select

from core import audit
from core.auth import Perm
from core.errors import NotFound, ValidationError
from core.i18n import QT_TR_NOOP, Msg
from core.models import AppMeta, utcnow
from core.reports.catalogue import Catalogue, load_catalogue
from core.store import Workspace
from core.text import fold, nfc

BUILTIN = "default"
PREFIX = "report.template."
MAX_BYTES = 5 * 1024 * 1024  # a province form is a few dozen KiB
FIELDS = {
    "_commune": QT_TR_NOOP("Tên xã, phường"),
    "_hamlet": QT_TR_NOOP("Thôn, tổ dân phố (báo cáo của một thôn)"),
    "_period": QT_TR_NOOP("Kỳ báo cáo (từ ngày – đến ngày)"),
    "_from": QT_TR_NOOP("Ngày đầu kỳ"),
    "_to": QT_TR_NOOP("Ngày cuối kỳ"),
    "_ytd_from": QT_TR_NOOP("Ngày bắt đầu tính lũy kế"),
    "_generated": QT_TR_NOOP("Ngày lập báo cáo"),
}
SUFFIXES = {"": QT_TR_NOOP("kỳ này"), "@ytd": QT_TR_NOOP("lũy kế từ đầu năm"),
            "@target": QT_TR_NOOP("chỉ tiêu giao"), "@note": QT_TR_NOOP("ghi chú điều chỉnh")}
_CELL = re.compile(r"(?:'((?:[^']|'')+)'|([^!'\[\]*?:/\\]+))!\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)")
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*(?:@[a-z]+)?)\s*\}\}")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    cells: dict[str, str]  # key → "Sheet!A1"
    workbook: bytes | None = None  # the province's file; None: the built-in layout
    saved_by: str | None = None
    saved_at: str | None = None

    @property
    def builtin(self) -> bool:
        return self.workbook is None

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "builtin": self.builtin,
                "cells": dict(self.cells), "saved_by": self.saved_by, "saved_at": self.saved_at}


@dataclass(frozen=True)
class TemplateScan:
    """What a province's file offers: its sheets and a proposed mapping."""

    sheets: list[str]
    placeholders: dict[str, str]  # key → cell, from {{…}} cells
    suggestions: dict[str, str]  # key → cell, from labels that read like an indicator
    warnings: list[str] = field(default_factory=list)

    @property
    def cells(self) -> dict[str, str]:
        return self.suggestions | self.placeholders  # a placeholder is the officer's own word


def split_cell(ref: str) -> tuple[str, str]:
    """"Sheet!C7" / "'Biểu 01'!$C$7" → ("Biểu 01", "C7"); ValueError if it is not a cell."""
    match = _CELL.fullmatch((ref or "").strip())
    if match is None:
        raise ValueError(ref)
    sheet = match[1].replace("''", "'") if match[1] is not None else match[2].strip()
    return sheet, f"{match[3].upper()}{match[4]}"


def cell_ref(sheet: str, coordinate: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_]+", sheet):
        return f"{sheet}!{coordinate}"
    return "'" + sheet.replace("'", "''") + f"'!{coordinate}"


def known_keys(catalogue: Catalogue) -> set[str]:
    keys = set(FIELDS)
    for indicator in catalogue.indicators:
        keys |= {indicator.code + s for s in SUFFIXES if s != "@ytd" or indicator.cumulative}
    return keys


def _open(content: bytes):
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(content))
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same answer
        raise ValidationError({"file": QT_TR_NOOP(
            "Không đọc được tệp mẫu báo cáo. Hãy dùng tệp Excel .xlsx (mở bằng Excel rồi "
            "“Lưu thành” .xlsx nếu đang là .xls).")}) from exc


def _lost_parts(content: bytes) -> list[str]:
    """What openpyxl drops when it rewrites a file: charts and pictures."""
    try:
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    except zipfile.BadZipFile:
        return []
    warnings = []
    if any(n.startswith("xl/charts/") for n in names):
        warnings.append(QT_TR_NOOP("Biểu đồ có sẵn trong tệp mẫu sẽ không được giữ lại khi "
                                   "lập báo cáo; số liệu, định dạng và công thức được giữ."))
    if any(n.startswith("xl/media/") for n in names):
        warnings.append(QT_TR_NOOP("Hình ảnh (logo, quốc huy) trong tệp mẫu sẽ không được giữ "
                                   "lại khi lập báo cáo."))
    return warnings


def _similar(label: str, name: str) -> bool:
    if not label or not name:
        return False
    if label == name:
        return True
    short, long = sorted((label, name), key=len)
    return len(short) >= 12 and short in long and len(short) >= 0.6 * len(long)


def scan_template(content: bytes, catalogue: Catalogue | None = None) -> TemplateScan:
    """Read a province's .xlsx and propose a mapping (nothing is stored)."""
    catalogue = catalogue or load_catalogue()
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": QT_TR_NOOP("Tệp mẫu báo cáo quá lớn (tối đa 5 MB).")})
    book = _open(content)
    keys = known_keys(catalogue)
    placeholders, labels = {}, []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                found = _PLACEHOLDER.findall(cell.value)
                for key in found:
                    if key in keys:
                        placeholders.setdefault(key, cell_ref(sheet.title, cell.coordinate))
                if not found:
                    labels.append((sheet, cell))
    suggestions = {}
    names = [(i, fold(i.name["vi"])) for i in catalogue.indicators]
    for sheet, cell in labels:
        label = fold(re.sub(r"^\s*[\dIVXivx]+[.)]\s*", "", cell.value))  # "1. …", "II) …"
        for indicator, name in names:
            if indicator.code in placeholders or indicator.code in suggestions:
                continue
            if not _similar(label, name):
                continue
            empty = [c for c in sheet[cell.row][cell.column:] if c.value in (None, "")]
            if empty:
                suggestions[indicator.code] = cell_ref(sheet.title, empty[0].coordinate)
                if indicator.cumulative and len(empty) > 1:
                    suggestions[indicator.code + "@ytd"] = cell_ref(sheet.title,
                                                                    empty[1].coordinate)
            break
    return TemplateScan([s.title for s in book.worksheets], placeholders, suggestions,
                        _lost_parts(content))


def check_cells(cells: dict[str, str], sheets: list[str] | None,
                catalogue: Catalogue | None = None) -> dict[str, str]:
    """The mapping cleaned ("Sheet!A1" spelled one way); ValidationError naming what is
    wrong: an unknown key, a text that is not a cell, a sheet the file does not have, or
    two figures in one cell."""
    keys = known_keys(catalogue or load_catalogue())
    clean, used, errors = {}, {}, []
    for key, ref in cells.items():
        if not ref:
            continue
        if key not in keys:
            errors.append(Msg(QT_TR_NOOP("“{key}” không phải chỉ tiêu hay thông tin của báo "
                                         "cáo"), key=key))
            continue
        try:
            sheet, coordinate = split_cell(ref)
        except ValueError:
            errors.append(Msg(QT_TR_NOOP("“{ref}” ({key}) không phải địa chỉ ô dạng "
                                         "Trang!C7"), ref=ref, key=key))
            continue
        if sheets is not None and sheet not in sheets:
            errors.append(Msg(QT_TR_NOOP("tệp mẫu không có trang “{sheet}” ({key})"),
                              sheet=sheet, key=key))
            continue
        normal = cell_ref(sheet, coordinate)
        if normal in used:
            errors.append(Msg(QT_TR_NOOP("ô {cell} được gán hai lần ({a}, {b})"),
                              cell=normal, a=used[normal], b=key))
            continue
        used[normal] = key
        clean[key] = normal
    if errors:
        raise ValidationError({"cells": "; ".join(errors)})
    if not any(not k.startswith("_") for k in clean):
        raise ValidationError({"cells": QT_TR_NOOP(
            "Mẫu báo cáo cần gán ít nhất một chỉ tiêu vào một ô.")})
    return clean


# -- the built-in template ------------------------------------------------------------------

DEFAULT_SHEET = "Báo cáo"
DEFAULT_FIRST_ROW = 9  # rows above: title, commune, period, table header (core.reports.excel)


def default_rows(catalogue: Catalogue) -> list[tuple[str, str | None]]:
    """The built-in table's rows in order: ("domain", key) headings and ("indicator", code)."""
    rows, domain = [], None
    for indicator in catalogue.indicators:
        if indicator.domain != domain:
            domain = indicator.domain
            rows.append(("domain", domain))
        rows.append(("indicator", indicator.code))
    return rows


def default_template(catalogue: Catalogue | None = None) -> Template:
    catalogue = catalogue or load_catalogue()
    by_code = catalogue.by_code
    cells = {"_commune": f"'{DEFAULT_SHEET}'!A2", "_period": f"'{DEFAULT_SHEET}'!A4"}
    for offset, (kind, key) in enumerate(default_rows(catalogue)):
        if kind != "indicator":
            continue
        row = DEFAULT_FIRST_ROW + offset
        cells[key] = f"'{DEFAULT_SHEET}'!D{row}"
        if by_code[key].cumulative:
            cells[key + "@ytd"] = f"'{DEFAULT_SHEET}'!E{row}"
        cells[key + "@target"] = f"'{DEFAULT_SHEET}'!F{row}"
    return Template(BUILTIN, "Mẫu chung của Xã Số", cells)


# -- stored province templates --------------------------------------------------------------

def _slug(name: str) -> str:
    slug = _SLUG.sub("-", fold(name)).strip("-")[:40]
    return slug or "mau"


def _from_row(row: AppMeta) -> Template | None:
    try:
        data = json.loads(row.value)
        return Template(row.key.removeprefix(PREFIX), data["name"], dict(data["cells"]),
                        base64.b64decode(data["workbook"]), data.get("saved_by"),
                        data.get("saved_at"))
    except (ValueError, KeyError, TypeError):
        return None  # a damaged entry is not offered


def list_templates(ws: Workspace) -> list[Template]:
    """The built-in template first, then the stored ones by name."""
    ws.actor.require(Perm.REPORT_READ)
    with ws.db.read() as session:
        rows = session.exec(select(AppMeta).where(AppMeta.key.startswith(PREFIX,
                                                                         autoescape=True)))
        stored = [t for t in map(_from_row, rows) if t is not None]
    return [default_template(), *sorted(stored, key=lambda t: fold(t.name))]


def get_template(ws: Workspace, template_id: str) -> Template:
    ws.actor.require(Perm.REPORT_READ)
    if template_id == BUILTIN:
        return default_template()
    with ws.db.read() as session:
        row = session.get(AppMeta, PREFIX + template_id)
    template = _from_row(row) if row else None
    if template is None:
        raise NotFound(Msg(QT_TR_NOOP("mẫu báo cáo “{name}”"), name=template_id))
    return template


def save_template(ws: Workspace, name: str, content: bytes, cells: dict[str, str],
                  template_id: str | None = None) -> Template:
    """Store a province's template file with its mapping (a new one, or replace
    `template_id`'s). Audited with the counts, not the file."""
    ws.actor.require(Perm.REPORT_EXPORT)
    name = " ".join(nfc(name or "").split())
    if not name:
        raise ValidationError({"name": QT_TR_NOOP("Cần đặt tên cho mẫu báo cáo.")})
    if template_id == BUILTIN:
        raise ValidationError({"name": QT_TR_NOOP("Không thay được mẫu chung của Xã Số.")})
    scan = scan_template(content)
    cells = check_cells(cells, scan.sheets)
    with ws.db.write() as session:
        if template_id is None:  # a new template never replaces another of a similar name
            base, n = _slug(name), 1
            template_id = base
            while session.get(AppMeta, PREFIX + template_id) is not None or \
                    template_id == BUILTIN:
                n += 1
                template_id = f"{base}-{n}"
        row = session.get(AppMeta, PREFIX + template_id) or AppMeta(key=PREFIX + template_id,
                                                                    value="")
        item = Template(template_id, name, cells, content, ws.actor.username,
                        utcnow().isoformat())
        row.value = json.dumps({"name": name, "cells": cells, "saved_by": item.saved_by,
                                "saved_at": item.saved_at,
                                "workbook": base64.b64encode(content).decode("ascii")},
                               ensure_ascii=False)
        session.add(row)
        audit.append_event(session, ws.actor.user_id, "report.template.save", details={
            "template": template_id, "cells": len(cells),
            "sha256": hashlib.sha256(content).hexdigest()})
    return item


def update_mapping(ws: Workspace, template_id: str, cells: dict[str, str]) -> Template:
    template = get_template(ws, template_id)
    if template.builtin:
        raise ValidationError({"cells": QT_TR_NOOP("Không sửa được mẫu chung của Xã Số.")})
    return save_template(ws, template.name, template.workbook, cells, template_id)


def delete_template(ws: Workspace, template_id: str) -> None:
    ws.actor.require(Perm.REPORT_EXPORT)
    with ws.db.write() as session:
        row = session.get(AppMeta, PREFIX + template_id)
        if row is None:
            raise NotFound(Msg(QT_TR_NOOP("mẫu báo cáo “{name}”"), name=template_id))
        session.delete(row)
        audit.append_event(session, ws.actor.user_id, "report.template.delete",
                           details={"template": template_id})
