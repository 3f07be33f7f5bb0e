"""The import steps in order, for the CLI and the import wizard alike."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.errors import ValidationError
from core.gc_pause import gc_paused
from core.i18n import QT_TR_NOOP, Msg
from core.imports import mapping as mappings
from core.imports.plan import Plan, Table, read_table
from core.imports.targets import target_module, target_of
from core.progress import NO_PROGRESS, Progress
from core.store import Workspace


@dataclass
class Prepared:
    table: Table
    mapping: dict[int, str]
    mapping_name: str | None  # the saved mapping used, if any


def prepare(ws: Workspace, target_code: str, path: str | Path, sheet: str | int | None = None,
            mapping_name: str | None = None) -> Prepared:
    """Read the table and choose the mapping: the named one, else one saved for this layout,
    else suggested from the header names."""
    target = target_of(target_code)
    with gc_paused():
        table = read_table(path, target, sheet)
    saved = mappings.find_mapping(ws, target_code, table.columns, mapping_name)
    if mapping_name and saved is None:
        raise ValidationError({"mapping": Msg(QT_TR_NOOP(
            "Chưa có cách ghép cột nào tên “{name}”."), name=mapping_name)})
    if saved is not None:
        return Prepared(table, mappings.apply_saved(saved, table.columns, target), saved.name)
    return Prepared(table, mappings.suggest(table.columns, target), None)


def plan(ws: Workspace, target_code: str, prepared: Prepared, convert_legacy: bool | None = None,
         progress: Progress = NO_PROGRESS) -> Plan:
    with gc_paused():
        return target_module(target_code).plan_rows(ws, target_code, prepared.table,
                                                    prepared.mapping, convert_legacy, progress)
