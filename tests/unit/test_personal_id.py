from datetime import date

import pytest

from core.personal_id import (
    check_personal_id,
    is_valid_old_cmnd,
    make_personal_id,
    normalize_number,
    registration_province_label,
)

# 038 Thanh Hóa, G=0 (1900s, male), YY=85
MALE_1985 = "038085001234"
# 044 Quảng Bình, G=3 (2000s, female), YY=05
FEMALE_2005 = "044305123456"


def test_normalize_strips_spaces_and_dots():
    assert normalize_number(" 038 085.001 234 ") == MALE_1985
    assert check_personal_id("038 085 001 234").normalized == MALE_1985


@pytest.mark.parametrize("raw", ["03808500123", "0380850012345", "03808500123A", "038-085-001234"])
def test_shape_errors(raw):
    r = check_personal_id(raw)
    assert not r.ok
    assert r.errors and r.errors[0].startswith("Số định danh phải gồm đúng 12 chữ số")
    assert r.warnings == ()
    assert r.province_code is None and r.birth_year is None


def test_empty_is_an_error():
    assert check_personal_id("").errors == ("Chưa nhập số định danh.",)


def test_non_ascii_digits_are_rejected():
    assert not check_personal_id("٠٣٨٠٨٥٠٠١٢٣٤").ok


def test_decodes_structure():
    r = check_personal_id(MALE_1985)
    assert r.ok and r.warnings == ()
    assert (r.province_code, r.birth_century, r.sex, r.birth_year) == ("038", 1900, "M", 1985)
    r = check_personal_id(FEMALE_2005)
    assert (r.province_code, r.birth_century, r.sex, r.birth_year) == ("044", 2000, "F", 2005)


def test_consistent_dob_and_sex_give_no_warnings():
    r = check_personal_id(MALE_1985, dob=date(1985, 3, 2), sex="M")
    assert r.ok and r.warnings == ()
    assert check_personal_id(FEMALE_2005, dob_year=2005, sex="Nữ").warnings == ()


def test_century_mismatch_is_a_warning_not_an_error():
    r = check_personal_id(MALE_1985, dob=date(2085, 1, 1))
    assert r.ok
    assert r.warning_codes() == {"century_mismatch"}
    assert "2085" in r.warnings[0].message


def test_year_mismatch():
    r = check_personal_id(MALE_1985, dob_year=1986)
    assert r.ok and r.warning_codes() == {"year_mismatch"}


def test_century_and_year_mismatch_together():
    assert check_personal_id(MALE_1985, dob_year=2001).warning_codes() == {
        "century_mismatch",
        "year_mismatch",
    }


def test_sex_mismatch():
    r = check_personal_id(MALE_1985, dob_year=1985, sex="F")
    assert r.ok and r.warning_codes() == {"sex_mismatch"}
    assert "Nam" in r.warnings[0].message and "Nữ" in r.warnings[0].message


def test_dob_takes_precedence_over_dob_year():
    assert check_personal_id(MALE_1985, dob=date(1985, 5, 5), dob_year=1990).warnings == ()


def test_unknown_prefix_is_flagged_not_rejected():
    r = check_personal_id("099085001234", dob_year=1985)
    assert r.ok
    assert r.warning_codes() == {"unknown_province"}
    assert "099" in r.warnings[0].message
    assert r.province_label is None
    # A country-style prefix (not "0" + province) is flagged too.
    assert "unknown_province" in check_personal_id("104085001234").warning_codes()


def test_future_century_without_dob():
    assert "future_birth_year" in check_personal_id("038485001234").warning_codes()


def test_bad_sex_argument():
    with pytest.raises(ValueError):
        check_personal_id(MALE_1985, sex="X")


def test_registration_province_labels():
    assert registration_province_label(FEMALE_2005) == "Quảng Bình (cũ), nay thuộc Quảng Trị"
    assert registration_province_label(MALE_1985) == "Thanh Hóa"
    assert registration_province_label("045085001234") == "Quảng Trị"
    assert registration_province_label("002085001234") == "Hà Giang (cũ), nay thuộc Tuyên Quang"
    assert registration_province_label("099085001234") is None
    assert registration_province_label("12345") is None
    assert check_personal_id(FEMALE_2005).province_label == "Quảng Bình (cũ), nay thuộc Quảng Trị"


def test_old_cmnd():
    assert is_valid_old_cmnd("172345678")
    assert is_valid_old_cmnd("172 345 678")
    assert is_valid_old_cmnd("038085001234")  # 2012–2015 12-digit variant
    assert not is_valid_old_cmnd("17234567")
    assert not is_valid_old_cmnd("1723456789")
    assert not is_valid_old_cmnd("17234567A")


@pytest.mark.parametrize(
    ("province", "year", "sex", "serial"),
    [
        ("38", 1985, "M", 1234),
        ("44", 2005, "F", 123456),
        ("01", 1900, "F", 0),
        ("96", 1999, "M", 999_999),
        ("79", 2024, "M", 42),
    ],
)
def test_make_personal_id_round_trips(province, year, sex, serial):
    n = make_personal_id(province, year, sex, serial)
    assert len(n) == 12 and n.isdigit()
    r = check_personal_id(n, dob_year=year, sex=sex)
    assert r.ok and r.warnings == ()
    assert (r.province_code, r.birth_year, r.sex) == ("0" + province, year, sex)
    assert int(n[-6:]) == serial


def test_make_personal_id_examples_and_errors():
    assert make_personal_id("38", 1985, "M", 1234) == MALE_1985
    assert make_personal_id("44", 2005, "F", 123456) == FEMALE_2005
    for args in [
        ("99", 1985, "M", 1),
        ("38", 1899, "M", 1),
        ("38", 1985, "M", 1_000_000),
        ("38", 1985, "X", 1),
    ]:
        with pytest.raises(ValueError):
            make_personal_id(*args)
