"""Person search: folded names through FTS5, ID / old CMND / phone prefixes through B-tree ranges.

Names: each query token is folded (so "duc" finds "Đức") and matched as a token prefix, all
tokens required. Results: exact folded-name matches first, then the others in Vietnamese order.

Cost must not grow with the number of matches ("nguy" matches 40% of a commune), so:
1. exact matches come from an index on the folded name;
2. when FTS5 finds at most NARROW_MATCHES rows, they are sorted on the index's own compact copy
   of the sort key (no wide person rows are read);
3. otherwise matches are dense enough that walking the covering (sort_key, name_folded) index
   in order and stopping at the first `limit` hits is faster than fetching and sorting them all.
Digits: a prefix of the 12-digit number, the old CMND or the phone number.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import text
from sqlmodel import Session

from core.text import fold_tokens

DEFAULT_LIMIT = 50
NARROW_MATCHES = 4000
FEW_MATCHES = 1000

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
        match = fts_match_expression(query)
        narrow = _narrow_matches(session, match, folded, len(tokens), need)
        rowids += narrow if narrow is not None else _walk_in_order(session, tokens, folded, need)
    return _hits(session, rowids)


def _narrow_matches(session: Session, match: str, folded: str, token_count: int,
                    need: int) -> list[int] | None:
    """The first `need` non-exact matches in sort order, or None when there are too many.

    Sorting reads each match's compact copy of the sort key in the FTS index, so it is only
    done below NARROW_MATCHES. Several tokens usually intersect to few rows, and intersecting
    big doclists is the costly part: fetch up to FEW_MATCHES rows with their keys in one pass
    and sort them here, instead of counting first and matching a second time.
    """
    if token_count > 1:
        rows = session.execute(text(
            "SELECT rowid, sort_key, name_folded FROM person_fts WHERE person_fts MATCH :m "
            "LIMIT :cap"), {"m": match, "cap": FEW_MATCHES + 1}).all()
        if len(rows) <= FEW_MATCHES:
            rows = sorted((r for r in rows if r[2] != folded), key=lambda r: r[1])
            return [r[0] for r in rows[:need]]
    count = session.execute(text(
        "SELECT count(*) FROM (SELECT rowid FROM person_fts WHERE person_fts MATCH :m "
        "LIMIT :cap)"), {"m": match, "cap": NARROW_MATCHES + 1}).scalar_one()
    if count > NARROW_MATCHES:
        return None
    return _rowids(session, """
        SELECT rowid FROM person_fts WHERE person_fts MATCH :m AND name_folded != :folded
        ORDER BY sort_key LIMIT :n""", m=match, folded=folded, n=need)


def _walk_in_order(session: Session, tokens: list[str], folded: str, need: int) -> list[int]:
    """Broad queries: matches are dense, so read the covering index in Vietnamese order and stop
    at the first `need` hits. The token-prefix test is FTS5's: ' tok' inside ' ' + name (tokens
    are alphanumeric, so they hold no LIKE wildcards)."""
    likes = " AND ".join(f"(' ' || name_folded) LIKE :t{i}" for i in range(len(tokens)))
    params = {f"t{i}": f"% {tok}%" for i, tok in enumerate(tokens)}
    return _rowids(session, f"""
        SELECT rowid FROM person INDEXED BY ix_person_sort
        WHERE deleted_at IS NULL AND name_folded != :folded AND {likes}
        ORDER BY sort_key LIMIT :n""", folded=folded, n=need, **params)  # noqa: S608


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
