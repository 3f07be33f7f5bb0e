"""TD1 MRZ: ICAO specimen, the Vietnamese layout, check digits, typed/OCR input, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from card_reader.errors import CardDataError
from card_reader.mrz import (
    bac_document_number,
    build_td1,
    check_digit,
    parse_td1,
    parse_typed_mrz,
    yymmdd_to_iso,
)

# ICAO Doc 9303-5 TD1 specimen.
ICAO_SPECIMEN = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
# Vietnamese layout (DOMAIN.md §4), synthetic person: IDVNM + last 9 digits + cd + the 12-digit
# number + << + check digit of the 12-digit number.
VN_MRZ = (
    "IDVNM0950123455038095012345<<2\n9501153M3501151VNM<<<<<<<<<<<2\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"
)


def test_check_digit_icao_examples():
    assert check_digit("D23145890") == "7"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    assert check_digit("L898902C<") == "3"  # ICAO 9303-11 BAC worked example
    assert check_digit("690806") == "1"


def test_icao_specimen():
    mrz = parse_td1(ICAO_SPECIMEN)
    assert mrz.valid
    assert mrz.document_code == "I<"
    assert mrz.issuing_state == "UTO"
    assert mrz.document_number == "D23145890"
    assert mrz.id_number is None
    assert (mrz.date_of_birth, mrz.sex, mrz.date_of_expiry) == ("740812", "F", "120415")
    assert mrz.nationality == "UTO"
    assert mrz.name == "ERIKSSON ANNA MARIA"
    assert mrz.primary_identifier == "ERIKSSON"
    assert mrz.text == ICAO_SPECIMEN


def test_icao_long_document_number():
    mrz_text = build_td1(
        id_number="",
        document_number="D23145890734",
        issuing_state="UTO",
        nationality="UTO",
        document_code="I",
        date_of_birth="740812",
        sex="F",
        date_of_expiry="120415",
        name="ERIKSSON ANNA MARIA",
    )
    assert mrz_text.splitlines()[0] == "I<UTOD23145890<7349<<<<<<<<<<<"
    mrz = parse_td1(mrz_text)
    assert mrz.valid
    assert mrz.document_number == "D23145890734"
    bad = mrz_text.replace("<7349<", "<7348<")
    assert "document_number" in parse_td1(bad).failed_checks


def test_vietnamese_td1():
    mrz = parse_td1(VN_MRZ)
    assert mrz.valid, mrz.failed_checks
    assert mrz.document_code == "ID"
    assert mrz.issuing_state == "VNM"
    assert mrz.document_number == "095012345"  # the LAST 9 digits
    assert mrz.id_number == "038095012345"
    assert mrz.date_of_birth == "950115"
    assert mrz.sex == "M"
    assert mrz.date_of_expiry == "350115"
    assert mrz.nationality == "VNM"
    assert mrz.name == "NGUYEN VAN AN"
    assert mrz.lines == tuple(VN_MRZ.splitlines())


def test_build_td1_matches_vietnamese_layout():
    built = build_td1(
        id_number="038095012345",
        date_of_birth="950115",
        sex="Nam",
        date_of_expiry="350115",
        name="Nguyễn Văn An",
    )
    assert built == VN_MRZ


def test_build_td1_folds_d_with_stroke_and_female():
    built = build_td1(
        id_number="001190000001",
        date_of_birth="900101",
        sex="Nữ",
        date_of_expiry="991231",
        name="Đặng Thị Ánh",
    )
    mrz = parse_td1(built)
    assert mrz.valid
    assert mrz.name == "DANG THI ANH"
    assert mrz.sex == "F"


def test_unbroken_90_characters_parse():
    assert parse_td1(VN_MRZ.replace("\n", "")).id_number == "038095012345"


@pytest.mark.parametrize(
    ("old", "new", "failed"),
    [
        ("9501153M", "9501163M", {"date_of_birth", "composite"}),
        ("3501151VNM", "3501152VNM", {"date_of_expiry", "composite"}),
        ("0950123455", "0950123456", {"document_number", "composite"}),
        ("<<<<<<<<<<<2\nNGUYEN", "<<<<<<<<<<<3\nNGUYEN", {"composite"}),
        ("345<<2", "345<<7", {"id_number", "composite"}),
    ],
)
def test_failed_check_digits_are_reported(old, new, failed):
    text = VN_MRZ.replace(old, new)
    assert text != VN_MRZ
    mrz = parse_td1(text)
    assert set(mrz.failed_checks) == failed
    assert not mrz.valid


@pytest.mark.parametrize(
    "text",
    [
        "",
        "IDVNM",
        VN_MRZ + "\nEXTRA<LINE<<<<<<<<<<<<<<<<<<<<",
        VN_MRZ.replace("NGUYEN", "NGUYÊN"),
        VN_MRZ.replace("M3501151", "Q3501151"),  # sex must be M/F/</X
        VN_MRZ.lower(),
    ],
)
def test_malformed_mrz_raises_card_data_error(text):
    with pytest.raises(CardDataError):
        parse_td1(text)


def test_typed_mrz_tolerates_ocr_and_typing():
    messy = (
        "  idvnm 095012345 5 O38O95O12345 «« 2 \n"
        "950115 3 m 350115 1 vnm «««««««««««  2\n"
        "nguyen««van«an"  # trailing fillers omitted
    )
    assert parse_typed_mrz(messy) == parse_td1(VN_MRZ)


def test_typed_mrz_as_one_run_and_letter_fixes():
    assert parse_typed_mrz(VN_MRZ.replace("\n", "")).valid
    # 0 typed for O in letter fields, O typed for 0 in digit fields.
    typed = ICAO_SPECIMEN.replace("UTO<", "UT0<").replace("7408122F", "74O8122F")
    mrz = parse_typed_mrz(typed)
    assert (mrz.nationality, mrz.date_of_birth, mrz.valid) == ("UTO", "740812", True)
    assert parse_typed_mrz(VN_MRZ.replace("NGUYEN", "NGUYE0")).name == "NGUYEO VAN AN"


def test_typed_mrz_still_rejects_nonsense():
    with pytest.raises(CardDataError):
        parse_typed_mrz("hello world")


def test_bac_document_number_is_last_nine_digits():
    assert bac_document_number("038095012345") == "095012345"
    assert bac_document_number(" 038095012345 ") == "095012345"
    assert bac_document_number("L898902C") == "L898902C"
    for bad in ("03809501234", "0380950123456", "abc-12", ""):
        with pytest.raises(CardDataError):
            bac_document_number(bad)


def test_yymmdd_to_iso_century_rules():
    today = dt.date(2026, 6, 1)
    assert yymmdd_to_iso("950115", kind="birth", today=today) == "1995-01-15"
    assert yymmdd_to_iso("100115", kind="birth", today=today) == "2010-01-15"
    assert yymmdd_to_iso("260531", kind="birth", today=today) == "2026-05-31"
    assert yymmdd_to_iso("261231", kind="birth", today=today) == "1926-12-31"  # not in future
    assert yymmdd_to_iso("350115", kind="expiry", today=today) == "2035-01-15"
    assert yymmdd_to_iso("991231", kind="expiry", today=today) == "2099-12-31"  # "no expiry"
    assert yymmdd_to_iso("95<<<<", kind="birth", today=today) == "1995"
    assert yymmdd_to_iso("9503<<", kind="birth", today=today) == "1995-03"
    for bad in ("951315", "950230", "95011", "abcdef"):
        with pytest.raises(CardDataError):
            yymmdd_to_iso(bad, kind="birth", today=today)


def test_typed_mrz_gives_a_card_reading():
    from card_reader.lds.files import reading_from_mrz_text

    typed = VN_MRZ.lower().replace("<", "«").replace("\n", "\n ")
    reading = reading_from_mrz_text(typed)
    assert reading.source == "mrz" and reading.passive_auth is None
    assert reading.id_number == "038095012345" and reading.date_of_birth == "1995-01-15"
    assert reading.full_name == "NGUYEN VAN AN" and reading.sex == "Nam"
    assert "mrz_failed_checks" not in reading.extra
    mistyped = reading_from_mrz_text(VN_MRZ.replace("950115", "950116", 1))
    assert "date_of_birth" in mistyped.extra["mrz_failed_checks"]
