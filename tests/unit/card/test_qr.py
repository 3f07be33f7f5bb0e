"""ID-card QR payloads and keyboard-wedge scanner input."""

from __future__ import annotations

import unicodedata

import pytest

from card_reader.errors import CardDataError
from card_reader.qr import WedgeBurstDetector, parse_qr, repair_wedge_text

ADDRESS = "Số 12 ngõ 3 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
PAYLOAD = f"038095012345|123456789|Nguyễn Văn An|15011995|Nam|{ADDRESS}|20042021"


def test_2021_layout():
    reading = parse_qr(PAYLOAD)
    assert reading.source == "qr"
    assert reading.id_number == "038095012345"
    assert reading.old_id_number == "123456789"
    assert reading.full_name == "Nguyễn Văn An"
    assert reading.date_of_birth == "1995-01-15"
    assert reading.sex == "Nam"
    assert reading.place_of_residence == ADDRESS
    assert reading.date_of_issue == "2021-04-20"
    assert reading.extra == {"qr_layout": "cccd-2021"}


def test_empty_old_id_female_and_nfd_input():
    payload = unicodedata.normalize("NFD", "001190000001||Trần Thị Ánh|01011990|Nữ|Huế|01072021")
    reading = parse_qr(payload)
    assert reading.old_id_number is None
    assert reading.full_name == "Trần Thị Ánh"
    assert reading.sex == "Nữ"
    assert reading.place_of_residence == "Huế"


def test_more_fields_are_kept_in_extra():
    reading = parse_qr(PAYLOAD + "|01072024|something new")
    assert reading.date_of_issue == "2021-04-20"
    assert reading.extra["qr_field_7"] == "01072024"
    assert reading.extra["qr_field_8"] == "something new"


def test_fewer_fields():
    reading = parse_qr("038095012345||Nguyễn Văn An|15011995")
    assert reading.full_name == "Nguyễn Văn An"
    assert reading.sex is None and reading.place_of_residence is None
    assert reading.date_of_issue is None


def test_unknown_layout_keeps_raw():
    reading = parse_qr("v2;ID=038095012345|038095012345|AN")
    assert reading.id_number == "038095012345"
    assert reading.extra["qr_layout"] == "unknown"
    assert reading.extra["qr_raw"].startswith("v2;")


@pytest.mark.parametrize(
    "payload", ["", "hello", "https://example.com/x?y=1", "1234|5678", "|" * 50, "a" * 5000]
)
def test_garbage_raises_card_data_error(payload):
    with pytest.raises(CardDataError):
        parse_qr(payload)


def test_not_a_string():
    with pytest.raises(CardDataError):
        parse_qr(b"038095012345")  # type: ignore[arg-type]


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "cp437", "cp850"])
def test_mojibake_from_non_unicode_layout_is_repaired(codec):
    raw = PAYLOAD.encode("utf-8")
    if codec == "cp1252":
        # cp1252 leaves 5 byte values undefined; Alt-code typing yields the C1 control instead.
        garbled = "".join(
            chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
            for b in raw
        )
    else:
        garbled = raw.decode(codec)
    assert garbled != PAYLOAD
    assert repair_wedge_text(garbled) == PAYLOAD
    assert parse_qr(garbled).full_name == "Nguyễn Văn An"


def test_repair_leaves_good_text_alone():
    for text in (PAYLOAD, "Tô Hà", "NGÃ BA", "plain ascii", ""):
        assert repair_wedge_text(text) == unicodedata.normalize("NFC", text)
    assert repair_wedge_text("\x02" + PAYLOAD + "\r\n") == PAYLOAD
    assert repair_wedge_text(None) == ""  # type: ignore[arg-type]


def test_lost_diacritics_give_a_warning():
    reading = parse_qr("038095012345||Nguy?n V?n An|15011995|Nam|H? N?i|20042021")
    assert reading.id_number == "038095012345"
    assert "qr_warning" in reading.extra


# -- keyboard wedge -----------------------------------------------------------------------------


def _feed(detector, text, start_ms, gap_ms, enter=True):
    result, t = None, start_ms
    for ch in text + ("\r" if enter else ""):
        out = detector.feed(ch, t)
        if out is not None:
            result = out
        t += gap_ms
    return result, t


def test_scanner_burst_is_recognised():
    detector = WedgeBurstDetector()
    payload, _ = _feed(detector, PAYLOAD, 1000, 8)
    assert payload == PAYLOAD


def test_human_typing_is_not_a_burst():
    detector = WedgeBurstDetector()
    payload, _ = _feed(detector, "038095012345 Nguyen Van An", 1000, 120)
    assert payload is None


def test_fast_human_with_rollover_is_not_a_burst():
    detector = WedgeBurstDetector()
    t, result = 0.0, None
    for i, ch in enumerate("nguyen van an 038095012345\r"):
        t += 25 if i % 3 == 0 else 110  # occasional rollover, mostly human pace
        result = detector.feed(ch, t) or result
    assert result is None


def test_burst_tolerates_a_few_usb_hiccups():
    detector = WedgeBurstDetector()
    t, result = 0.0, None
    for i, ch in enumerate(PAYLOAD + "\r"):
        t += 90 if i in (20, 60) else 5
        result = detector.feed(ch, t) or result
    assert result == PAYLOAD


def test_short_burst_and_human_prefix():
    detector = WedgeBurstDetector()
    assert _feed(detector, "12345", 0, 5)[0] is None  # too short (a barcode, a hotkey)
    # A person types something, pauses, then scans: only the scan is returned.
    _result, t = _feed(detector, "abc", 10_000, 150, enter=False)
    assert _feed(detector, PAYLOAD, t + 2000, 6)[0] == PAYLOAD


def test_in_burst_and_reset():
    detector = WedgeBurstDetector()
    _feed(detector, PAYLOAD[:10], 0, 5, enter=False)
    assert detector.in_burst
    detector.reset()
    assert not detector.in_burst
    assert detector.feed("", 0) is None
    assert detector.feed("\r", 10) is None
