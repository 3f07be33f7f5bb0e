"""Person search: folded names through FTS5 (đ → d), ID / CMND / phone prefixes."""

from __future__ import annotations

import pytest

from core.search import fts_match_expression
from core.services import persons

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


def test_broad_queries_walk_the_index_and_agree_with_the_narrow_path(people, monkeypatch):
    for i in range(40):
        persons.create_person(people, {"full_name": f"Nguyễn Văn Đức {i:02d}"})
    queries = ["duc", "nguyen", "ng du", "van", "Đức 1", "dang van duc", "thi"]
    narrow = {q: names(people, q, limit=10) for q in queries}
    monkeypatch.setattr("core.search.NARROW_MATCHES", 0)  # force the ordered index walk
    assert {q: names(people, q, limit=10) for q in queries} == narrow
    assert narrow["dang van duc"][0] == "Đặng Văn Đức"
