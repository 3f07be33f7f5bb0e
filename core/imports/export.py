"""Export a list to .xlsx so that it imports back onto the same rows.

The last column carries each row's system ID (grey, "do not edit"): the importer updates that
row instead of matching it again. Full dates are real Excel dates shown dd/mm/yyyy; partial
dates (a year, a month) stay text as people write them. Every export is audited.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core import audit
from core.auth import Perm
from core.excel.writer import ID, Sheet, Styled, write_xlsx
from core.imports import persons as person_import
from core.progress import NO_PROGRESS, Progress
from core.services.persons import SEX_LABELS
from core.store import Workspace

PERSON_COLUMNS = ("full_name", "personal_number", "old_id_number", "dob", "sex", "nationality",
                  "ethnicity", "religion", "place_of_origin", "place_of_birth", "hamlet",
                  "address")
SENSITIVE = ("ethnicity", "religion")
_WIDTHS = {"full_name": 28, "personal_number": 16, "old_id_number": 13, "dob": 12, "sex": 8,
           "place_of_origin": 30, "place_of_birth": 30, "hamlet": 18, "address": 30}


def excel_date(iso: str | None):
    """"1990-05-17" → a date cell; "1990-05" / "1990" → "05/1990" / "1990" text."""
    if not iso:
        return None
    if len(iso) == 10:
        return date.fromisoformat(iso)
    return "/".join(reversed(iso.split("-")))


def export_persons(ws: Workspace, path: str | Path, progress: Progress = NO_PROGRESS) -> int:
    """Every living resident, in Vietnamese name order. Ethnicity and religion only for users
    allowed to read sensitive data."""
    ws.actor.require(Perm.PERSON_EXPORT)
    columns = [c for c in PERSON_COLUMNS
               if c not in SENSITIVE or ws.actor.can(Perm.SENSITIVE_READ)]
    headers = [str(person_import.TARGET.field(c).label) for c in columns]
    headers.append(str(person_import.TARGET.field("id").label))
    widths = [float(_WIDTHS.get(c, 14)) for c in columns] + [38.0]
    with ws.db.read() as session:
        driver = session.connection().connection.driver_connection
        total = driver.execute("SELECT count(*) FROM person WHERE deleted_at IS NULL").fetchone()[0]
        selected = ", ".join(_select(c) for c in columns)
        cursor = driver.execute(
            f"SELECT {selected}, p.id FROM person p "  # noqa: S608 - names from PERSON_COLUMNS
            "LEFT JOIN address a ON a.id = p.residence_address_id "
            "LEFT JOIN hamlet h ON h.id = a.hamlet_id "
            "WHERE p.deleted_at IS NULL ORDER BY p.sort_key")
        dob_at = columns.index("dob")
        sex_at = columns.index("sex")

        def rows():
            for record in cursor:
                row = list(record)
                row[dob_at] = excel_date(row[dob_at])
                row[sex_at] = SEX_LABELS.get(row[sex_at])
                row[-1] = Styled(row[-1], ID)
                yield row

        count = write_xlsx(path, [Sheet("Cư dân", headers, rows(), widths=widths, total=total)],
                           progress)
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "person.export", "person", None,
                           {"rows": count, "columns": columns, "format": "xlsx"})
    return count


def _select(column: str) -> str:
    if column == "hamlet":
        return "h.name"
    if column == "address":
        return "a.free_text"
    return f"p.{column}"


def export_list(ws: Workspace, type_code: str, path: str | Path,
                progress: Progress = NO_PROGRESS) -> int:
    """Residents ("person") or the records of one type."""
    if type_code == person_import.TARGET.code:
        return export_persons(ws, path, progress)
    from core.imports import records

    return records.export_records(ws, type_code, path, progress)
