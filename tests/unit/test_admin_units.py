import gzip
import json

import pytest

from core.admin_units import DEFAULT_PATH, AdminDataError, AdminUnits, default_units


@pytest.fixture(scope="module")
def units() -> AdminUnits:
    return default_units()


def test_counts(units):
    assert len(units.provinces()) == 34
    assert sum(len(units.communes_of(p.code)) for p in units.provinces()) == 3321
    assert len(units.provinces("2004")) == 63
    assert sum(len(units.districts_of(p.code)) for p in units.provinces("2004")) == 696


def test_header(units):
    assert units.data_version.endswith("vietnamadminunits-1.0.4")
    assert units.source["licence"] == "MIT"


def test_thanh_hoa_2025(units):
    th = units.by_code("38")
    assert (th.name, th.unit_type, th.level) == ("Thanh Hóa", "Tỉnh", "province")
    communes = units.communes_of("38")
    assert len(communes) == 166
    assert sum(c.unit_type == "Xã" for c in communes) == 147
    assert sum(c.unit_type == "Phường" for c in communes) == 19


def test_quang_ngoc(units):
    u = units.by_code("16498")
    assert u.name == "Quảng Ngọc"
    assert u.unit_type == "Xã"
    assert u.code_system == "2025"
    assert u.parent_code == "38"
    assert u.full_name == "Xã Quảng Ngọc, Tỉnh Thanh Hóa"
    assert u.display_name == "Xã Quảng Ngọc"


def test_quang_xuong_became_seven_communes_plus_nam_sam_son(units):
    district = units.by_code("406", "2004")
    assert (district.unit_type, district.name, district.parent_code) == (
        "Huyện",
        "Quảng Xương",
        "38",
    )
    old = units.communes_of("406", "2004")
    new = {n.code for o in old for n in units.new_units_for_old(o.code)}
    assert new == {"16438", "16480", "16489", "16498", "16540", "16543", "16549", "16516"}
    # Xã Lưu Vệ reuses the code of the old Thị trấn Tân Phong it absorbed.
    assert units.by_code("16438", "2004").full_name.startswith("Thị trấn Tân Phong")
    assert [u.name for u in units.new_units_for_old("16438")] == ["Lưu Vệ"]
    assert [u.full_name for u in units.new_units_for_old("16519")] == [
        "Phường Nam Sầm Sơn, Tỉnh Thanh Hóa"
    ]


def test_same_code_differs_by_system(units):
    assert units.by_code("44").name == "Quảng Trị"
    assert units.by_code("44", "2004").name == "Quảng Bình"
    assert units.legacy_province("45").name == "Quảng Trị"


def test_old_province_to_new(units):
    assert units.new_province_for_old("44").name == "Quảng Trị"
    assert units.new_province_for_old("45").code == "44"
    assert units.new_province_for_old("38").code == "38"
    assert units.new_province_for_old("02").name == "Tuyên Quang"  # Hà Giang merged
    assert units.new_province_for_old("99") is None
    assert units.legacy_province("99") is None
    assert units.legacy_province("406") is None  # a district, not a province


def test_split_old_commune_returns_all_candidates(units):
    # Thị trấn Hà Trung (Thanh Hóa) was split between Xã Hà Trung and Xã Hoạt Giang.
    old = units.by_code("15271", "2004")
    assert old.full_name == "Thị trấn Hà Trung, Huyện Hà Trung, Tỉnh Thanh Hóa"
    candidates = units.new_units_for_old("15271")
    assert [c.code for c in candidates] == ["15271", "15286"]
    assert all(c.code_system == "2025" for c in candidates)
    # Phường Đại Mỗ (Hà Nội) went into five new wards.
    assert len(units.new_units_for_old("00634")) == 5


def test_island_district_maps_to_special_zone(units):
    [zone] = units.new_units_for_old("318")  # old Huyện Bạch Long Vĩ, no communes
    assert (zone.unit_type, zone.name, zone.parent_code) == ("Đặc khu", "Bạch Long Vĩ", "31")
    assert units.new_units_for_old("00000") == []


@pytest.mark.parametrize(
    "query", ["quang ngoc", "Quảng Ngọc", "xa quang ngoc", "Xã Quảng Ngọc", "  QUANG   NGỌC "]
)
def test_search_finds_quang_ngoc_first(units, query):
    hits = units.search(query)
    assert hits[0].code == "16498"


def test_search_options(units):
    assert units.search("") == []
    assert units.search("thanh hoa", level="province")[0].code == "38"
    hits = units.search("quang ngoc", system="2004")
    assert hits[0].code == "16498" and hits[0].code_system == "2004"
    assert units.search("quang xuong", system="2004", level="district")[0].code == "406"
    assert units.search("dak lak", level="province")[0].name == "Đắk Lắk"  # đ folds to d
    assert units.search("ba ria vung tau", system="2004")[0].code == "77"  # hyphen ignored
    assert len(units.search("xa", limit=5)) == 5
    with pytest.raises(ValueError):
        units.search("x", level="hamlet")


def test_communes_of_legacy_province(units):
    communes = units.communes_of("38", "2004")
    assert len(communes) > 500
    assert all(c.level == "commune" and c.code_system == "2004" for c in communes)


def test_load_override_path(tmp_path):
    data = json.loads(gzip.decompress(DEFAULT_PATH.read_bytes()))
    data["data_version"] = "test-override"
    plain = tmp_path / "units.json"
    plain.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = AdminUnits.load(plain)
    assert loaded.data_version == "test-override"
    assert loaded.by_code("16498").name == "Quảng Ngọc"
    assert AdminUnits.load(DEFAULT_PATH.parent).data_version == default_units().data_version


def test_load_errors_are_vietnamese(tmp_path):
    with pytest.raises(AdminDataError, match="Không đọc được"):
        AdminUnits.load(tmp_path / "missing.json.gz")
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format_version": 99}), encoding="utf-8")
    with pytest.raises(AdminDataError, match="định dạng mới hơn"):
        AdminUnits.load(newer)


def test_strings_are_nfc(units):
    import unicodedata

    for system in ("2025", "2004"):
        for p in units.provinces(system):
            for u in [p, *units.communes_of(p.code, system)]:
                assert unicodedata.is_normalized("NFC", u.full_name)
