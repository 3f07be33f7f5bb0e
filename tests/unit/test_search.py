"""Person search: folded names through FTS5 (đ → d), ID / CMND / phone prefixes."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from core.models import Person, db_value, new_id, utcnow
from core.search import fts_match_expression, search_persons
from core.services import bulk, persons
from core.text import fold, fold_tokens, name_key, person_sort_key, search_key

PEOPLE = [
    ("Đặng Văn Đức", "038075000123", "171234567"),
    ("Nguyễn Đức Anh", "038090000456", None),
    ("Lê Thị Đào", "001185000789", None),
    ("Dương Văn Duc", None, None),  # typed without diacritics in an old file
    ("Trần Thị Hoà", "040195001111", None),
    ("Nguyễn Văn Ducanh", None, None),
]


@pytest.fixture
def people(admin_ws):
    for name, number, cmnd in PEOPLE:
        data = {"full_name": name}
        if number:
            data["personal_number"] = number
        if cmnd:
            data["old_id_number"] = cmnd
        persons.create_person(admin_ws, data)
    return admin_ws


def names(ws, query, limit=50):
    return [h.full_name for h in persons.search(ws, query, limit=limit, audit_it=False)]


def test_duc_finds_duc_with_and_without_diacritics(people):
    found = names(people, "duc")
    assert set(found) == {"Đặng Văn Đức", "Nguyễn Đức Anh", "Dương Văn Duc", "Nguyễn Văn Ducanh"}
    assert names(people, "Đức") == found  # same fold, same result


def test_exact_folded_name_ranks_first_then_vietnamese_order(people):
    assert names(people, "dang van duc")[0] == "Đặng Văn Đức"
    # Given name first: Anh < Duc (Dương Văn Duc) < Ducanh < Đức.
    assert names(people, "duc") == ["Nguyễn Đức Anh", "Dương Văn Duc", "Nguyễn Văn Ducanh",
                                    "Đặng Văn Đức"]


def test_all_tokens_required_and_prefix_of_each(people):
    assert names(people, "ng du") == ["Nguyễn Đức Anh", "Nguyễn Văn Ducanh"]
    assert names(people, "dao") == ["Lê Thị Đào"]
    assert names(people, "hoa") == names(people, "Hòa") == ["Trần Thị Hoà"]
    assert names(people, "xyz") == []


def test_digits_search_id_and_cmnd_prefixes(people):
    assert names(people, "038") == ["Đặng Văn Đức", "Nguyễn Đức Anh"]
    assert names(people, "038 075 000 123") == ["Đặng Văn Đức"]
    assert names(people, "1712") == ["Đặng Văn Đức"]  # old CMND
    assert names(people, "999") == []


def test_limit(people):
    assert len(names(people, "duc", limit=2)) == 2


@pytest.mark.parametrize("hostile", ['"', "duc OR", "NEAR(duc", "name_folded:duc", "*", "a'b",
                                     "duc AND NOT", "-duc", "^duc", "))"])
def test_hostile_queries_never_break_fts(people, hostile):
    persons.search(people, hostile)  # must not raise
    expression = fts_match_expression(hostile)
    assert expression is None or all(part.startswith('"') for part in expression.split())


def test_deleted_people_are_not_found(people):
    hit = persons.search(people, "dao")[0]
    persons.delete_person(people, hit.id, "Đã mất")
    assert names(people, "dao") == []


def test_renamed_person_is_found_under_new_name_only(people):
    hit = persons.search(people, "hoa")[0]
    persons.update_person(people, hit.id, {"full_name": "Trần Thị Hoa Mai"})
    assert names(people, "mai") == ["Trần Thị Hoa Mai"]
    assert names(people, "tran thi hoa") == ["Trần Thị Hoa Mai"]


def _expected(ws, query, limit):
    """Brute force: every live person, token-prefix match, exact names first, then sort order."""
    tokens = fold_tokens(query)
    folded = " ".join(tokens)
    with ws.db.read() as session:
        rows = session.execute(text("SELECT name_folded, sort_key FROM person "
                                    "WHERE deleted_at IS NULL")).all()
    hits = [(name != folded, key) for name, key in rows
            if all(any(word.startswith(t) for word in name.split()) for t in tokens)]
    return sorted(hits)[:limit]


def _actual(ws, query, limit):
    with ws.db.read() as session:
        hits = search_persons(session, query, limit)
        keys = dict(session.execute(text("SELECT id, sort_key FROM person")).all())
    return [(fold(h.full_name) != " ".join(fold_tokens(query)), keys[h.id]) for h in hits]


def _ranks_consistent(ws):
    with ws.db.read() as session:
        ranked = session.execute(text(
            "SELECT p.sort_key FROM person_rank r JOIN person p ON p.rowid = r.person_rowid "
            "ORDER BY r.rank")).scalars().all()
        live = session.execute(text("SELECT count(*) FROM person WHERE deleted_at IS NULL")
                               ).scalar_one()
        fts = session.execute(text("SELECT count(*) FROM person_fts")).scalar_one()
    return ranked == sorted(ranked) and len(ranked) == live == fts


def test_results_follow_vietnamese_order_through_every_kind_of_write(people):
    """Search order comes from ranks kept by triggers (inserts, renames, deletes), bulk loads
    (one by one and set-wise) and rebuilds when a gap is used up: it must always equal a brute
    force over all persons."""
    rng = random.Random(7)
    given = ["Anh", "Đức", "Hoà", "Hoa", "Hùng", "Lan", "Nam", "Vy"]
    surnames = ["Nguyễn", "Trần", "Lê", "Đặng"]
    ids = []
    for _ in range(60):  # many identical names: ties
        name = f"{rng.choice(surnames)} {rng.choice(['Văn', 'Thị'])} {rng.choice(given)}"
        ids.append(persons.create_person(people, {"full_name": name}).person.id)
    for person_id in rng.sample(ids, 10):
        persons.update_person(people, person_id, {"full_name": f"Phạm Minh {rng.choice(given)}"})
    for person_id in rng.sample(ids, 8):
        try:
            persons.delete_person(people, person_id, "trùng")
        except Exception:  # already renamed-and-deleted pairs are fine either way
            pass
    # 25 names inserted in descending order between two neighbours: halves one gap each time
    # until it is used up, which rebuilds every rank.
    for i in range(25, 0, -1):
        persons.create_person(people, {"full_name": f"Lê Văn Bă{chr(0x61 + i)}"})
    with people.db.read() as session:
        rebuilt = session.execute(text(
            "SELECT count(*) FROM person_rank WHERE rank % 1099511627776 = 0")).scalar_one()
    assert rebuilt > 60  # the spacing of a rebuild
    assert _ranks_consistent(people)
    queries = ["nguyen", "duc", "hoa", "nguyen van", "le van ba", "th", "pham minh hoa", "an",
               "vy", "tran thi lan", "d"]
    for query in queries:
        for limit in (3, 10, 200):
            assert _actual(people, query, limit) == _expected(people, query, limit), query


def test_bulk_loads_rank_new_persons(people):
    small = [_person_row(f"Ngô Văn Bình {i}") for i in range(5)]
    bulk.bulk_create(people, [(Person, small)], "test.bulk", "residents")
    assert _ranks_consistent(people)
    large = [_person_row(f"Ngô Thị {w}") for w in
             (f"{a}{b}" for a in "abcdeghiklmnopqrstuvxy" for b in "aeiou")][:bulk.RANK_ONE_BY_ONE_MAX + 5]
    bulk.bulk_create(people, [(Person, large)], "test.bulk", "residents")
    assert _ranks_consistent(people)
    for query in ("ngo", "ngo thi a", "binh", "duc"):
        assert _actual(people, query, 20) == _expected(people, query, 20), query


def _person_row(full_name):
    now = db_value(utcnow())
    return {"id": new_id(), "version": 1, "created_at": now, "updated_at": now,
            "updated_by": None, "deleted_at": None, "deleted_reason": None,
            "full_name": full_name, "name_folded": search_key(full_name),
            "name_key": name_key(full_name), "sort_key": person_sort_key(full_name),
            "personal_number": None, "old_id_number": None, "dob": None, "dob_precision": None,
            "birth_year": None, "sex": None, "nationality": None, "ethnicity": None,
            "religion": None, "place_of_origin": None, "place_of_birth": None,
            "residence_address_id": None, "phone": None, "provenance": "{}"}


def test_browse_pages_cover_everyone_in_order_and_audit_once(people):
    for i in range(23):
        persons.create_person(people, {"full_name": f"Võ Văn Bình {i:02d}"})
    with people.db.read() as session:
        expected = session.execute(text("SELECT sort_key FROM person WHERE deleted_at IS NULL "
                                        "ORDER BY sort_key")).scalars().all()
        keys = dict(session.execute(text("SELECT id, sort_key FROM person")).all())
        before = session.execute(text("SELECT count(*) FROM audit_event")).scalar_one()
    total, page = persons.browse(people, limit=10)
    seen = list(page)
    while page:
        _, page = persons.browse(people, after_rank=seen[-1][0], limit=10)
        seen += page
    assert total == len(expected) == len(seen)
    assert [keys[hit.id] for _, hit in seen] == expected
    with people.db.read() as session:
        after = session.execute(text("SELECT count(*) FROM audit_event")).scalar_one()
    assert after == before + 1  # opening the list, not every page
