"""Import targets by code: "person", or a record type code (resources/record_types)."""

from __future__ import annotations

from types import ModuleType

from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Msg
from core.imports import persons
from core.record_types import load_record_types


def target_module(code: str) -> ModuleType:
    """The module that plans and commits rows for this target (TARGET, plan_rows, commit_rows)."""
    if code == persons.TARGET.code:
        return persons
    if code in load_record_types():
        from core.imports import records

        return records
    raise ValidationError({"type": Msg(QT_TR_NOOP(
        "Không có loại dữ liệu “{code}” để nhập. Có: {codes}."),
        code=code, codes=", ".join(["person", *load_record_types()]))})


def target_of(code: str):
    module = target_module(code)
    return module.TARGET if module is persons else module.target_for(code)
