"""Columns → fields: suggested from folded header names, saved per spreadsheet layout."""

from __future__ import annotations

import hashlib
import json

from sqlmodel import select

from core import audit
from core.auth import Perm
from core.errors import ValidationError
from core.excel.header import header_key
from core.i18n import QT_TR_NOOP
from core.imports.fields import Target
from core.models import ImportMapping, utcnow
from core.store import Workspace
from core.text import nfc


def suggest(columns: list[str], target: Target) -> dict[int, str]:
    """Column index → field name. Exact folded names first, then the longest known name that
    the header contains as whole words ("Họ và tên công dân" → full name). A field is given
    to one column at most: the leftmost of equally good ones."""
    keys = {spec.name: spec.keys() for spec in target.fields}
    ignored = {header_key(n) for n in target.ignored}
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    folded = [header_key(c) for c in columns]
    for index, key in enumerate(folded):  # pass 1: exact
        if not key or key in ignored:
            continue
        for name, names in keys.items():
            if name not in taken and key in names:
                mapping[index] = name
                taken.add(name)
                break
    for index, key in enumerate(folded):  # pass 2: contains
        if index in mapping or not key or key in ignored:
            continue
        best, best_len = None, 0
        padded = f" {key} "
        for name, names in keys.items():
            if name in taken:
                continue
            for alias in names:
                if alias and f" {alias} " in padded and len(alias) > best_len:
                    best, best_len = name, len(alias)
        if best is not None:
            mapping[index] = best
            taken.add(best)
    return mapping


def fingerprint(columns: list[str]) -> str:
    """Identifies a layout: the folded header names in order."""
    return hashlib.sha256("\x1f".join(header_key(c) for c in columns).encode()).hexdigest()


def save_mapping(ws: Workspace, target: str, name: str, columns: list[str],
                 mapping: dict[int, str]) -> ImportMapping:
    """Save (or replace) a named mapping for this layout."""
    ws.actor.require(Perm.RECORD_WRITE)
    name = nfc(name or "").strip()
    if not name:
        raise ValidationError({"name": QT_TR_NOOP("Cần đặt tên cho cách ghép cột.")})
    by_header = {columns[i]: field for i, field in mapping.items() if i < len(columns)}
    with ws.db.write() as session:
        row = session.exec(select(ImportMapping).where(
            ImportMapping.target == target, ImportMapping.name == name,
            ImportMapping.deleted_at.is_(None))).first()
        if row is None:
            row = ImportMapping(target=target, name=name, fingerprint="", columns="{}")
        row.fingerprint = fingerprint(columns)
        row.columns = json.dumps(by_header, ensure_ascii=False, sort_keys=True)
        row.updated_at = utcnow()
        row.updated_by = ws.actor.user_id
        session.add(row)
        audit.append_event(session, ws.actor.user_id, "import.mapping_save", "import_mapping",
                           row.id, {"target": target})
    return row


def list_mappings(ws: Workspace, target: str) -> list[ImportMapping]:
    with ws.db.read() as session:
        return list(session.exec(select(ImportMapping).where(
            ImportMapping.target == target, ImportMapping.deleted_at.is_(None))
            .order_by(ImportMapping.name)))


def find_mapping(ws: Workspace, target: str, columns: list[str],
                 name: str | None = None) -> ImportMapping | None:
    """The mapping saved under `name`, else one saved for exactly this layout."""
    with ws.db.read() as session:
        query = select(ImportMapping).where(ImportMapping.target == target,
                                            ImportMapping.deleted_at.is_(None))
        if name:
            return session.exec(query.where(ImportMapping.name == nfc(name))).first()
        return session.exec(query.where(ImportMapping.fingerprint == fingerprint(columns))
                            .order_by(ImportMapping.updated_at.desc())).first()


def apply_saved(saved: ImportMapping, columns: list[str], target: Target) -> dict[int, str]:
    """A saved mapping applied to these columns (matched by folded header text)."""
    by_key = {header_key(h): f for h, f in json.loads(saved.columns).items()}
    valid = {f.name for f in target.fields}
    return {i: by_key[header_key(c)] for i, c in enumerate(columns)
            if header_key(c) in by_key and by_key[header_key(c)] in valid}
