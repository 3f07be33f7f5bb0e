"""Person search: folded names through FTS5, ID / old CMND / phone prefixes through B-tree ranges.

Names: each query token is folded (so "duc" finds "Đức") and matched as a token prefix, all
tokens required; exact folded-name matches come first, then Vietnamese sort order.
Digits: a prefix of the 12-digit number, the old CMND or the phone number.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import text
from sqlmodel import Session

from core.text import fold, fold_tokens

DEFAULT_LIMIT = 50

_COLUMNS = """p.id, p.full_name, p.personal_number, p.old_id_number, p.dob, p.dob_precision,
              p.sex, h.name AS hamlet"""
_JOINS = """LEFT JOIN address a ON a.id = p.residence_address_id
            LEFT JOIN hamlet h ON h.id = a.hamlet_id"""


@dataclass(frozen=True)
class PersonHit:
    id: str
    full_name: str
    personal_number: str | None
    old_id_number: str | None
    dob: str | None
    dob_precision: str | None
    sex: str | None
    hamlet: str | None

    def as_dict(self) -> dict:
        return asdict(self)


def _prefix_upper_bound(prefix: str) -> str:
    # For digit strings: the smallest string greater than every string starting with prefix.
    return prefix + "\uffff"


def fts_match_expression(query: str) -> str | None:
    tokens = fold_tokens(query)
    if not tokens:
        return None
    # Quoted tokens: user text can never inject FTS5 syntax (AND/OR/NEAR, column filters).
    return " ".join(f'"{tok}"*' for tok in tokens)


def search_persons(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[PersonHit]:
    compact = "".join((query or "").split())
    if compact.isdigit():
        return _search_digits(session, compact, limit)
    match = fts_match_expression(query)
    if match is None:
        return []
    sql = text(f"""
        SELECT {_COLUMNS} FROM person p
        JOIN (SELECT rowid FROM person_fts WHERE person_fts MATCH :match) f ON f.rowid = p.rowid
        {_JOINS}
        WHERE p.deleted_at IS NULL
        ORDER BY p.name_folded = :folded DESC, p.sort_key
        LIMIT :limit""")  # noqa: S608 - constant fragments only; values are bound
    rows = session.execute(sql, {"match": match, "folded": fold(query), "limit": limit})
    return [PersonHit(*row) for row in rows]


def _search_digits(session: Session, digits: str, limit: int) -> list[PersonHit]:
    hits: dict[str, PersonHit] = {}
    upper = _prefix_upper_bound(digits)
    for column in ("personal_number", "old_id_number", "phone"):
        if len(hits) >= limit:
            break
        sql = text(f"""
            SELECT {_COLUMNS} FROM person p {_JOINS}
            WHERE p.{column} >= :lo AND p.{column} < :hi AND p.deleted_at IS NULL
            ORDER BY p.{column} LIMIT :limit""")  # noqa: S608 - column from a fixed tuple
        for row in session.execute(sql, {"lo": digits, "hi": upper, "limit": limit}):
            hits.setdefault(row[0], PersonHit(*row))
    return list(hits.values())[:limit]
