"""Forward-only schema migrations keyed on `PRAGMA user_version`.

Each step is a frozen SQL file `vNNN_*.sql` run in its own transaction together with the
`user_version` bump (SQLite DDL is transactional, so a failing step leaves the previous version
intact). Before upgrading a database that already holds data, a backup is taken. A database newer
than this app is refused untouched.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import DatabaseTooNew

_HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    version: int
    name: str
    sql: str


def _split_statements(sql: str) -> list[str]:
    """Split a script into statements; trigger bodies keep their inner semicolons."""
    statements, current = [], []
    depth = 0
    for line in sql.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("--")):
            continue
        current.append(line)
        if re.search(r"\bBEGIN\s*$", stripped, re.IGNORECASE):
            depth += 1
        if depth and re.match(r"END;\s*$", stripped, re.IGNORECASE):
            depth -= 1
        if not depth and stripped.endswith(";"):
            statements.append("\n".join(current))
            current = []
    if current:
        statements.append("\n".join(current))
    return statements


def load_steps() -> list[Step]:
    steps = []
    for path in sorted(_HERE.glob("v[0-9][0-9][0-9]_*.sql")):
        version = int(path.name[1:4])
        steps.append(Step(version, path.stem, path.read_text(encoding="utf-8")))
    for expected, step in enumerate(steps, start=1):
        if step.version != expected:
            raise RuntimeError(f"migration steps must be consecutive, found {step.name}")
    return steps


STEPS: list[Step] = load_steps()
LATEST_VERSION = STEPS[-1].version


def migrate(conn, steps: Sequence[Step] = STEPS, backup: Callable[[int], None] | None = None) -> int:
    """Bring the database on DB-API connection `conn` (autocommit mode) up to the last step.

    `backup(version)` is called once before the first step when the database is not empty.
    Returns the resulting version.
    """
    latest = steps[-1].version if steps else 0
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > latest:
        raise DatabaseTooNew(current, latest)
    pending = [s for s in steps if s.version > current]
    if pending and current > 0 and backup is not None:
        backup(current)
    for step in pending:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_statements(step.sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
            conn.execute("COMMIT")
            log.info("schema migrated to version %d (%s)", step.version, step.name)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return conn.execute("PRAGMA user_version").fetchone()[0]
