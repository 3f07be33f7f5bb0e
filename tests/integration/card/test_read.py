"""Reading our virtual CCCD through real pcscd + vpcd: access paths, failures, verification."""

from __future__ import annotations

import pytest

from card_reader.errors import AccessDeniedError, CardRemovedError, NoCardError
from card_reader.pcsc import Connection
from card_reader.reader import AccessKey, ReadOptions, read_card
from card_reader.reading import Verdict
from tests.integration.card.conftest import VPCD_READER


def _read(profile, trust, *, id_number=None, bac_dates=False, **options):
    dob_expiry = profile.bac_key[1:] if bac_dates else (None, None)
    key = AccessKey(id_number or profile.id_number, *dob_expiry)
    return read_card(lambda: Connection(VPCD_READER), ReadOptions(key=key, trust=trust, **options))


def test_pace_read_gives_every_field_and_a_passing_verdict(virtual_card):
    _client, profile, trust = virtual_card("nguyen-thi-mai")
    person = profile.person
    reading = _read(profile, trust)
    assert reading.access == "PACE"
    assert reading.id_number == person.id_number
    assert reading.full_name == person.full_name == "Nguyễn Thị Mai"
    assert reading.place_of_residence == person.place_of_residence
    assert len(reading.place_of_residence.encode()) > 127  # long-form DG13 length on the chip
    assert reading.mother_name == person.mother_name
    assert reading.spouse_name == person.spouse_name
    assert reading.old_id_number == person.old_id_number
    assert reading.date_of_birth == "1992-11-05"
    assert reading.mrz.splitlines()[0].startswith("IDVNM" + person.id_number[-9:])
    assert reading.face_image_format == "jpeg" and reading.face_image[:2] == b"\xff\xd8"
    assert reading.passive_auth.passed
    assert reading.chip_auth == Verdict.PASS and reading.active_auth == Verdict.PASS
    assert reading.apdu_count > 0 and reading.bytes_read > 15_000


def test_forced_bac_with_dates(virtual_card):
    _client, profile, trust = virtual_card("nguyen-thi-mai")
    reading = _read(profile, trust, bac_dates=True, method="bac")
    assert reading.access == "BAC" and reading.passive_auth.passed
    assert reading.full_name == profile.person.full_name


def test_bac_only_card_falls_back_and_asks_for_dates(virtual_card):
    _client, profile, trust = virtual_card("ha-thi-lan")  # older card: no PACE
    with pytest.raises(AccessDeniedError, match="ngày sinh và ngày hết hạn"):
        _read(profile, trust)
    reading = _read(profile, trust, bac_dates=True)
    assert reading.access == "BAC" and reading.passive_auth.passed


def test_wrong_id_number_is_refused(virtual_card):
    _client, profile, trust = virtual_card("nguyen-thi-mai")
    wrong = profile.id_number[:-1] + str((int(profile.id_number[-1]) + 1) % 10)
    with pytest.raises(AccessDeniedError, match="số định danh"):
        _read(profile, trust, id_number=wrong, method="pace")


def test_wrong_key_fault_is_refused_by_bac_too(virtual_card):
    _client, profile, trust = virtual_card("nguyen-thi-mai", faults={"wrong_key": True})
    with pytest.raises(AccessDeniedError):
        _read(profile, trust, bac_dates=True)


def test_card_pulled_mid_read_retries_the_whole_read(virtual_card):
    client, profile, trust = virtual_card("nguyen-thi-mai", faults={"drop_after_bytes": 5000})
    reading = _read(profile, trust)
    assert client.connections >= 2  # pulled once, put back, read again from the start
    assert reading.passive_auth.passed and reading.full_name == profile.person.full_name


def test_card_pulled_and_not_put_back_is_a_clear_error(virtual_card):
    client, profile, trust = virtual_card("nguyen-thi-mai", faults={"drop_after_bytes": 5000})
    client.reinsert_delay = 30  # stays out during every retry
    with pytest.raises(CardRemovedError, match="nhấc ra"):
        _read(profile, trust, reinsert_wait=1.0)


def test_corrupted_dg_fails_the_hash_step(virtual_card):
    _client, profile, trust = virtual_card("nguyen-thi-mai", faults={"corrupt_dg": 13})
    pa = _read(profile, trust).passive_auth
    assert pa.dg_hashes == Verdict.FAIL and not pa.passed
    assert any("13" in d for d in pa.details)


def test_bad_sod_signature_fails_the_signature_step(virtual_card):
    _client, profile, trust = virtual_card("nguyen-thi-mai", faults={"bad_sod_signature": True})
    pa = _read(profile, trust).passive_auth
    assert pa.signature == Verdict.FAIL and pa.dg_hashes == Verdict.PASS


def test_unknown_csca_leaves_the_chain_unknown(virtual_card):
    from card_reader.trust import TrustStore

    _client, profile, _trust = virtual_card("nguyen-thi-mai")
    reading = _read(profile, TrustStore.bundled())
    assert reading.passive_auth.chain == Verdict.UNKNOWN
    # Clone-detection results mean nothing without a trusted chain.
    assert reading.chip_auth == Verdict.UNKNOWN and reading.active_auth == Verdict.UNKNOWN


@pytest.mark.parametrize("extended", [False, True])
def test_adaptive_reading_never_needs_more_apdus_than_fixed_chunks(virtual_card, extended):
    _client, profile, trust = virtual_card(
        "nguyen-thi-mai", options={"extended_length": extended}
    )
    adaptive = _read(profile, trust)
    fixed = _read(profile, trust, adaptive=False)
    assert adaptive.passive_auth.passed and fixed.passive_auth.passed
    assert adaptive.apdu_count <= fixed.apdu_count
    if extended:
        assert adaptive.apdu_count <= fixed.apdu_count * 0.25


def test_small_card_responses_are_followed(virtual_card):
    """A card answering at most 160 bytes per READ BINARY (some CCCDs) still reads whole."""
    _client, profile, trust = virtual_card("ha-thi-lan")
    reading = _read(profile, trust, bac_dates=True)
    assert reading.passive_auth.passed and reading.face_image


def test_no_card_on_the_reader(pcscd):
    with pytest.raises(NoCardError, match="Chưa có thẻ"):
        read_card(lambda: Connection(VPCD_READER),
                  ReadOptions(key=AccessKey("038192900202"), attempts=1))
