"""Record types are data: the shipped definitions, the strict definition checker, the validator."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta

import pytest

from core.errors import ValidationError
from core.record_types import (
    DATA_DOMAINS,
    DefinitionError,
    _header_key,
    check_payload,
    check_roles,
    display_value,
    load_record_types,
    parse_definition,
    resolve_admin_unit,
    validate_payload,
)

SHIPPED = {"birth", "death", "marriage", "social_protection", "meritorious", "labour", "stay",
           "land", "association"}
TODAY = date.today()
TOMORROW = (TODAY + timedelta(days=1)).isoformat()

# A type nobody wrote code for: dropped into a folder, it must just work.
BOAT = {
    "code": "fishing_boat",
    "version": 1,
    "label": {"vi": "Tàu cá", "en": "Fishing boat"},
    "data_domain": "land",
    "retention": "10y",
    "title_field": "owner_name",
    "key_date_field": "registered_on",
    "list_fields": ["owner_name", "registration_number", "length_m"],
    "fields": [
        {"name": "owner_name", "type": "text", "required": True,
         "label": {"vi": "chủ tàu", "en": "owner"}, "aliases": ["Họ tên chủ tàu"]},
        {"name": "owner_personal_number", "type": "personal_id",
         "label": {"vi": "số định danh chủ tàu", "en": "owner's ID"}},
        {"name": "registration_number", "type": "text", "exact_search": True,
         "pattern": "[A-Z]{2}-[0-9]{4,5}-TS", "label": {"vi": "số đăng ký", "en": "registration"}},
        {"name": "length_m", "type": "number", "min": 0, "max": 100,
         "label": {"vi": "chiều dài (m)", "en": "length (m)"}},
        {"name": "built_on", "type": "date", "min_date": "1950-01-01", "not_future": True,
         "label": {"vi": "năm đóng", "en": "built"}},
        {"name": "registered_on", "type": "date", "not_before": "built_on",
         "label": {"vi": "ngày đăng ký", "en": "registered on"}},
        {"name": "home_port", "type": "admin_unit",
         "label": {"vi": "xã/phường cảng cá", "en": "home port commune"}},
    ],
    "roles": [{"role": "owner", "label": {"vi": "chủ tàu", "en": "owner"}, "required": True,
               "max": 1, "id_field": "owner_personal_number", "name_field": "owner_name"}],
    "dedup": ["registration_number", "role:owner"],
}


def test_every_shipped_definition_parses_with_both_languages():
    types = load_record_types()
    assert set(types) == SHIPPED
    for code, t in types.items():
        assert t.code == code and t.source == f"{code}.json"
        assert t.label["vi"] and t.label["en"] and t.data_domain in DATA_DOMAINS
        assert t.retention == "permanent" or t.retention.endswith("y")
        assert t.title_field and t.key_date_field and t.list_fields and t.dedup
        for f in t.fields:
            assert f.label["vi"] and f.label["en"], (code, f.name)
        for r in t.roles:
            assert r.label["vi"] and r.label["en"], (code, r.role)
        assert any(r.required for r in t.roles), code
        json.dumps(t.as_dict(), ensure_ascii=False)  # plain data for the CLI
    # Legal = civil status, the list migration v004 marks legal: permanent, Justice.
    legal = {c for c, t in types.items() if t.legal}
    assert legal == {"birth", "death", "marriage"}
    assert all(types[c].retention == "permanent" and types[c].data_domain == "justice"
               for c in legal)
    assert {types[c].data_domain for c in ("stay", "land", "labour", "association")} == {
        "police", "land", "labour", "association"}
    assert types["social_protection"].data_domain == types["meritorious"].data_domain == "social"


def test_diacritics_and_aliases_in_shipped_labels():
    types = load_record_types()
    birth = types["birth"]
    assert birth.field("child_name").label_text("vi") == "họ và tên trẻ"
    assert birth.field("child_name").label_text("en") == "child's full name"
    headers = {_header_key(h) for h in birth.field("child_name").header_names()}
    assert {_header_key(h) for h in ("Họ tên", "Họ và tên trẻ", "Tên trẻ")} <= headers
    assert {"Ngày tháng năm sinh", "NS"} <= set(birth.field("child_dob").aliases)
    assert types["death"].label["vi"] == "Khai tử" and types["marriage"].label["vi"] == "Kết hôn"
    org = types["association"].field("organisation")
    assert set(org.choices) == {"Hội Nông dân", "Hội Phụ nữ", "Đoàn Thanh niên",
                                "Hội Cựu chiến binh", "Mặt trận", "Công đoàn",
                                "Hội Người cao tuổi"}
    assert types["social_protection"].field("payment_method").choices == ("Tiền mặt", "Tài khoản")
    roles = {r.role: r for r in birth.roles}
    assert (roles["child"].id_field, roles["child"].name_field, roles["child"].dob_field) == (
        "child_personal_number", "child_name", "child_dob")
    assert roles["child"]["label"]["vi"] == "người được khai sinh"  # mapping-style access
    # The importer matches folded headers: within a type, every header means one field.
    for t in types.values():
        keys = [_header_key(h) for f in t.fields for h in f.header_names()]
        assert len(keys) == len(set(keys)), t.code


def _broken(change) -> dict:
    data = copy.deepcopy(BOAT)
    change(data)
    return data


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d["fields"][3].update(type="float"), "field “length_m”: unknown type “float”"),
    (lambda d: d["fields"][0]["label"].pop("en"), "field “owner_name”: label needs a non-empty “en”"),
    (lambda d: d["label"].update(vi=" "), "label: label needs a non-empty “vi”"),
    (lambda d: d["roles"][0].update(id_field="owner_cmnd"), "role “owner” id_field: names unknown field 'owner_cmnd'"),
    (lambda d: d["roles"][0].update(name_field="length_m"), "field “length_m” is number, expected text"),
    (lambda d: d["dedup"].append("hull_colour"), "dedup: names unknown field 'hull_colour'"),
    (lambda d: d["dedup"].append("role:captain"), "dedup: “role:captain” names an unknown role"),
    (lambda d: d.update(dedup=["role:owner"]), "dedup: needs at least one field"),
    (lambda d: d.update(data_domain="fisheries"), "data_domain: unknown domain “fisheries”"),
    (lambda d: d.update(retention="forever"), "retention:"),
    (lambda d: d.update(key_date_field="owner_name"), "key_date_field: field “owner_name” is text"),
    (lambda d: d.update(list_fields=["owner_name", "colour"]), "list_fields: names unknown field"),
    (lambda d: d["fields"][0].update(min=1), "“min” is only for int/number fields, not text"),
    (lambda d: d["fields"][3].update(min=10, max=1), "field “length_m”: “min” is greater than “max”"),
    (lambda d: d["fields"][4].update(min_date="01/01/1950"), "“min_date” must be a date"),
    (lambda d: d["fields"][5].update(not_before="owner_name"), "not_before: field “owner_name” is text"),
    (lambda d: d["fields"][2].update(aliases=["Chủ tàu"]), "header text “Chủ tàu” also means field “owner_name”"),
    (lambda d: d["fields"][0].update(colour="red"), "field “owner_name”: unknown key(s) colour"),
    (lambda d: d["fields"].append(dict(d["fields"][0])), "field “owner_name”: defined twice"),
    (lambda d: d.pop("title_field"), "definition: missing “title_field”"),
])
def test_broken_definitions_fail_naming_file_and_field(change, where):
    with pytest.raises(DefinitionError) as err:
        parse_definition(_broken(change), "fishing_boat.json")
    message = str(err.value)
    assert message.startswith("fishing_boat.json: ") and where in message, message


def test_choice_definition_checks():
    def bad_choices(d):
        d["fields"].append({"name": "kind", "type": "choice", "choices": ["Lưới", "Luoi"],
                            "label": {"vi": "loại", "en": "kind"}})
    with pytest.raises(DefinitionError, match="distinct"):
        parse_definition(_broken(bad_choices), "x.json")

    def alias_of_unknown(d):
        d["fields"].append({"name": "kind", "type": "choice", "choices": ["Lưới"],
                            "choice_aliases": {"Câu": ["C"]}, "label": {"vi": "loại", "en": "k"}})
    with pytest.raises(DefinitionError, match="“Câu”, which is not a choice"):
        parse_definition(_broken(alias_of_unknown), "x.json")


def test_new_type_dropped_into_a_folder_works_without_code(tmp_path):
    (tmp_path / "fishing_boat.json").write_text(json.dumps(BOAT, ensure_ascii=False), "utf-8")
    types = load_record_types(tmp_path)
    boat = types["fishing_boat"]
    clean = validate_payload(boat, {"owner_name": " Lê  Văn Tám ", "registration_number": "TH-12345-TS",
                                    "length_m": "14,5", "built_on": "2001",
                                    "registered_on": "03/04/2005", "home_port": "Quảng Ngọc"})
    assert clean == {"owner_name": "Lê Văn Tám", "registration_number": "TH-12345-TS",
                     "length_m": 14.5, "built_on": "2001", "registered_on": "2005-04-03",
                     "home_port": "16498"}
    assert boat.title_of(clean) == "Lê Văn Tám" and boat.key_date_of(clean) == "2005-04-03"
    assert boat.exact_search_fields() == ("owner_personal_number", "registration_number")
    with pytest.raises(ValidationError) as err:
        validate_payload(boat, {"owner_name": "X", "registration_number": "12345",
                                "built_on": "1949", "length_m": "120"})
    assert set(err.value.errors) == {"registration_number", "built_on", "length_m"}
    assert "không được trước 01/01/1950" in err.value.errors["built_on"]
    assert "không được lớn hơn 100" in err.value.errors["length_m"]


def test_file_name_must_be_the_code_and_json_must_parse(tmp_path):
    (tmp_path / "boat.json").write_text(json.dumps(BOAT), "utf-8")
    with pytest.raises(DefinitionError, match=r"boat.json: code: “fishing_boat” must equal"):
        load_record_types(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    (other / "fishing_boat.json").write_text('{"code": "fishing_boat",', "utf-8")
    with pytest.raises(DefinitionError, match="fishing_boat.json: not readable JSON"):
        load_record_types(other)


STAY = {"guest_name": "Trần Thị Bích", "reason": "Thăm người thân", "from_date": "01/11/2026",
        "to_date": "05/11/2026", "host_name": "Lê Văn Hùng", "host_address": "Số 3, Thôn Đông"}


def test_dates_future_order_and_warnings():
    types = load_record_types()
    birth, stay = types["birth"], types["stay"]
    base = {"child_name": "Bé A", "child_sex": "Nam", "child_dob": "2026-10-01",
            "registered_on": "2026-10-10"}
    with pytest.raises(ValidationError) as err:
        validate_payload(birth, {**base, "child_dob": TOMORROW})
    assert "không được sau ngày hôm nay" in err.value.errors["child_dob"]
    with pytest.raises(ValidationError) as err:  # registered before the birth
        validate_payload(birth, {**base, "registered_on": "2026-09-30"})
    assert "không được trước ngày sinh" in err.value.errors["registered_on"]
    # A planned stay may end in the future; the end may not come before the start.
    far = (TODAY + timedelta(days=20)).isoformat()
    clean, warnings = check_payload(stay, {**STAY, "from_date": TODAY.isoformat(), "to_date": far})
    assert clean["to_date"] == far and warnings == {}
    with pytest.raises(ValidationError, match="không được trước lưu trú từ ngày"):
        validate_payload(stay, {**STAY, "to_date": "31/10/2026"})
    # 30 days or more: a warning (temporary residence is due), not an error.
    clean, warnings = check_payload(stay, {**STAY, "to_date": "01/12/2026"})
    assert clean["to_date"] == "2026-12-01"
    assert "30 ngày" in warnings["to_date"] and "tạm trú" in warnings["to_date"]
    _, warnings = check_payload(stay, {**STAY, "to_date": "30/11/2026"})  # 29 days
    assert warnings == {}


def test_numbers_bounds_choices_and_bools():
    types = load_record_types()
    sp, merit, land = types["social_protection"], types["meritorious"], types["land"]
    base = {"beneficiary_name": "Hà Văn Sáu", "category": "nguoi cao tuoi"}
    clean, warnings = check_payload(sp, {**base, "coefficient": "1,5",
                                         "monthly_allowance": "750.000",
                                         "payment_method": "chuyển khoản"})
    assert clean["category"] == "Người cao tuổi" and clean["payment_method"] == "Tài khoản"
    assert clean["coefficient"] == 1.5 and clean["monthly_allowance"] == 750000
    assert warnings == {}
    _, warnings = check_payload(sp, {**base, "coefficient": 1, "monthly_allowance": 360000.0})
    assert "500.000" in warnings["monthly_allowance"]  # 360,000 ≠ 1 × 500,000: check it
    with pytest.raises(ValidationError) as err:
        validate_payload(sp, {**base, "monthly_allowance": "-5", "category": "Người giàu"})
    assert "từ 0 trở lên" in err.value.errors["monthly_allowance"]
    assert "không thuộc danh sách" in err.value.errors["category"]
    with pytest.raises(ValidationError, match="không được lớn hơn 100"):
        validate_payload(merit, {"beneficiary_name": "A", "category": "TB", "injury_rate": 101})
    assert validate_payload(merit, {"beneficiary_name": "A", "category": "tb",
                                    "injury_rate": "61"})["category"] == "Thương binh"
    with pytest.raises(ValidationError, match="phải là số nguyên"):
        validate_payload(land, {"holder_name": "A", "parcel_number": "12,5"})
    assert validate_payload(land, {"holder_name": "A", "authenticated": "có", "area": "1.234,5"}
                            ) == {"holder_name": "A", "authenticated": True, "area": 1234.5}
    assert display_value(land, "area", 1234.5) == "1.234,5"
    assert display_value(sp, "monthly_allowance", 750000) == "750.000"
    assert display_value(land, "issued_on", "2020-03-04") == "04/03/2020"


def test_admin_unit_field_codes_names_old_units_and_splits():
    labour = load_record_types()["labour"]
    base = {"worker_name": "Lò Văn Páo", "employment_status": "Có việc làm"}

    def unit(value):
        return validate_payload(labour, {**base, "workplace_unit": value})["workplace_unit"]

    assert unit("16498") == "16498"  # a 2025 code
    assert unit("Xã Quảng Ngọc") == unit("quang ngoc, thanh hoa") == "16498"  # a 2025 name
    assert unit("Quảng Giao") == "16516"  # old xã, now in Phường Nam Sầm Sơn
    assert unit("15286") == "15286"
    with pytest.raises(ValidationError) as err:  # old Thị trấn Hà Trung was split in two
        unit("Thị trấn Hà Trung")
    message = err.value.errors["workplace_unit"]
    assert "nay thuộc nhiều xã/phường" in message and "Hãy chọn" in message
    assert "Xã Hà Trung, Tỉnh Thanh Hóa (15271)" in message
    assert "Xã Hoạt Giang, Tỉnh Thanh Hóa (15286)" in message
    match = resolve_admin_unit("Thị trấn Hà Trung")
    assert match.split and match.unit is None and [u.code for u in match.candidates] == [
        "15271", "15286"]
    with pytest.raises(ValidationError, match="có nhiều xã/phường tên"):
        unit("Tân Phong")  # one name, several provinces: never guess
    with pytest.raises(ValidationError, match="không tìm thấy"):
        unit("Xã Không Có Thật")


def test_roles_known_capped_and_required():
    birth = load_record_types()["birth"]
    payload = {"child_name": "Bé A"}
    check_roles(birth, payload, [("child", "p1"), ("mother", "p2")])
    with pytest.raises(ValidationError, match="Vai trò “aunt”"):
        check_roles(birth, payload, [("aunt", "p1")])
    with pytest.raises(ValidationError, match="tối đa 1"):
        check_roles(birth, payload, [("mother", "p1"), ("mother", "p2")])
    marriage = load_record_types()["marriage"]
    with pytest.raises(ValidationError) as err:  # nobody is the wife: neither linked nor named
        check_roles(marriage, {"husband_name": "A"}, [])
    assert set(err.value.errors) == {"role:wife"}
