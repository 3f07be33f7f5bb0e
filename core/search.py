"""Person search: folded names through FTS5, ID / old CMND / phone prefixes through B-tree ranges.

Names: each query token is folded (so "duc" finds "Đức") and matched as a token prefix, all
tokens required. Results: exact folded-name matches first, then the others in Vietnamese order.

Cost must not grow with the number of matches ("nguy" matches 40% of a commune): the FTS
index's rowids are ranks that follow the Vietnamese sort order (person_rank, schema v2), and
FTS5 yields matches in rowid order, so the first `limit` matches are the answer and the query
stops there. Exact matches come first from an index on the folded name.
Digits: a prefix of the 12-digit number, the old CMND or the phone number.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import text
from sqlmodel import Session

from core.text import fold_tokens

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
    tokens = fold_tokens(query)
    if not tokens or limit <= 0:
        return []
    folded = " ".join(tokens)
    rowids = _rowids(session, "SELECT rowid FROM person WHERE name_folded = :folded "
                              "AND deleted_at IS NULL ORDER BY sort_key LIMIT :n",
                     folded=folded, n=limit)
    need = limit - len(rowids)
    if need > 0:
        rowids += _rowids(session, """
            SELECT r.person_rowid FROM (
                SELECT rowid AS rank FROM person_fts
                WHERE person_fts MATCH :m AND name_folded != :folded LIMIT :n
            ) AS m JOIN person_rank r ON r.rank = m.rank ORDER BY m.rank""",
                          m=fts_match_expression(query), folded=folded, n=need)
    return _hits(session, rowids)


@dataclass(frozen=True)
class PersonFilter:
    """The resident list's filters; None means "any"."""

    hamlet_id: str | None = None
    sex: str | None = None  # "M" / "F"
    born_from: int | None = None  # birth year range (an age band, computed by the caller)
    born_to: int | None = None
    vneid_state: str | None = None
    has_id: bool | None = None  # has a 12-digit personal number

    def sql(self) -> tuple[str, dict]:
        """(extra joins + conditions on `p`, parameters): AND-ed after the rank condition."""
        parts, params = [], {}
        if self.hamlet_id:
            parts.append("p.residence_address_id IN (SELECT id FROM address "
                         "WHERE hamlet_id = :f_hamlet)")
            params["f_hamlet"] = self.hamlet_id
        if self.sex:
            parts.append("p.sex = :f_sex")
            params["f_sex"] = self.sex
        if self.born_from is not None:
            parts.append("p.birth_year >= :f_from")
            params["f_from"] = self.born_from
        if self.born_to is not None:
            parts.append("p.birth_year <= :f_to")
            params["f_to"] = self.born_to
        if self.vneid_state:
            parts.append("EXISTS (SELECT 1 FROM digital_citizen_status s WHERE s.person_id = p.id "
                         "AND s.deleted_at IS NULL AND s.vneid_state = :f_vneid)")
            params["f_vneid"] = self.vneid_state
        if self.has_id is not None:
            parts.append("p.personal_number IS NOT NULL" if self.has_id
                         else "p.personal_number IS NULL")
        return "".join(f" AND {part}" for part in parts), params

    @property
    def active(self) -> bool:
        return any(value is not None for value in asdict(self).values())


def browse_persons(session: Session, after_rank: int | None = None,
                   limit: int = DEFAULT_LIMIT,
                   where: PersonFilter | None = None) -> list[tuple[int, PersonHit]]:
    """Live persons in Vietnamese order, one page after `after_rank` (keyset paging on the
    search ranks: the cost of a page does not depend on how far down the list it is; with a
    filter, it grows with how rare the filter's matches are)."""
    conditions, params = (where or PersonFilter()).sql()
    # CROSS JOIN keeps person_rank (in rank order) as the outer loop, so LIMIT stops early.
    sql = ("SELECT r.rank, r.person_rowid FROM person_rank r CROSS JOIN person p "  # noqa: S608
           f"ON p.rowid = r.person_rowid WHERE r.rank > :after{conditions} "
           "ORDER BY r.rank LIMIT :n")  # conditions: fixed SQL from PersonFilter, values bound
    rows = session.execute(text(sql),
        {"after": -1 if after_rank is None else after_rank, "n": limit, **params}).all()
    hits = _hits(session, [row[1] for row in rows])
    return [(row[0], hit) for row, hit in zip(rows, hits, strict=True)]


def count_persons(session: Session, where: PersonFilter | None = None) -> int:
    if where is None or not where.active:
        return session.execute(text("SELECT count(*) FROM person_rank")).scalar_one()
    conditions, params = where.sql()
    sql = ("SELECT count(*) FROM person_rank r CROSS JOIN person p "  # noqa: S608
           f"ON p.rowid = r.person_rowid WHERE 1{conditions}")
    return session.execute(text(sql), params).scalar_one()


def filter_hits(session: Session, hits: list[PersonHit], where: PersonFilter) -> list[PersonHit]:
    """Keep the search hits that pass the filter, in their order."""
    if not hits or not where.active:
        return hits
    conditions, params = where.sql()
    marks = ", ".join(f":id{i}" for i in range(len(hits)))
    params |= {f"id{i}": hit.id for i, hit in enumerate(hits)}
    keep = set(session.execute(text(
        f"SELECT p.id FROM person p WHERE p.id IN ({marks}){conditions}"),  # noqa: S608
        params).scalars())
    return [hit for hit in hits if hit.id in keep]


def _rowids(session: Session, sql: str, **params) -> list[int]:
    return [row[0] for row in session.execute(text(sql), params)]


def _hits(session: Session, rowids: list[int]) -> list[PersonHit]:
    if not rowids:
        return []
    marks = ", ".join(str(int(r)) for r in rowids)
    rows = session.execute(text(
        f"SELECT p.rowid, {_COLUMNS} FROM person p {_JOINS} WHERE p.rowid IN ({marks})"))  # noqa: S608
    by_rowid = {row[0]: PersonHit(*row[1:]) for row in rows}
    return [by_rowid[r] for r in rowids]


def _search_digits(session: Session, digits: str, limit: int) -> list[PersonHit]:
    hits: dict[str, PersonHit] = {}
    upper = digits + "\uffff"  # sorts after every string that starts with `digits`
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
