"""The app's own `read_card` against the virtual card in-process (no pcscd): every preset reads,
verifies and matches its profile; faults surface as the reader's verdicts and retries."""

from __future__ import annotations

import pytest

from card_reader.errors import AccessDeniedError
from card_reader.reader import AccessKey, ReadOptions, read_card
from card_reader.reading import Verdict
from card_reader.trust import TrustStore
from card_reader.virtual import profile as vp
from card_reader.virtual.card import VirtualCard


class InProcess:
    """A transport straight into the card; connecting powers it on like a fresh insertion."""

    def __init__(self, card: VirtualCard):
        card.power_on()
        self.card = card
        self.atr = card.atr()

    def transmit(self, command: bytes) -> bytes:
        return self.card.process(command)


@pytest.fixture(scope="module")
def key_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("virtual-keys")


def _read(profile, card=None, *, bac_dates=True, **options):
    card = card or VirtualCard(profile)
    trust = TrustStore()
    trust.import_certificate(profile.csca_cert_der)
    dates = profile.bac_key[1:] if bac_dates else (None, None)
    key = AccessKey(profile.id_number, *dates)
    return read_card(lambda: InProcess(card), ReadOptions(key=key, trust=trust, **options))


@pytest.mark.parametrize("name", vp.preset_names())
@pytest.mark.parametrize("method", ["auto", "bac"])
def test_every_preset_reads_and_verifies(key_dir, name, method):
    profile = vp.load_preset(name, key_dir)
    reading = _read(profile, method=method)
    person = profile.person
    assert reading.access == ("PACE" if method == "auto" and profile.options.pace else "BAC")
    assert reading.id_number == person.id_number and reading.full_name == person.full_name
    assert reading.place_of_residence == person.place_of_residence
    assert reading.face_image == profile.face_image
    assert reading.passive_auth.passed, reading.passive_auth.details
    assert reading.active_auth == Verdict.PASS
    assert reading.chip_auth == (Verdict.PASS if profile.options.ca else Verdict.UNKNOWN)


def test_pace_needs_only_the_id_number(key_dir):
    profile = vp.load_preset("le-van-hung", key_dir)
    assert _read(profile, bac_dates=False).access == "PACE"


def test_wrong_key_fault_is_refused(key_dir):
    profile = vp.load_preset("le-van-hung", key_dir, faults={"wrong_key": True})
    with pytest.raises(AccessDeniedError):
        _read(profile)


def test_drop_fault_is_retried_to_a_complete_read(key_dir):
    profile = vp.load_preset("le-van-hung", key_dir, faults={"drop_after_bytes": 3000})
    card = VirtualCard(profile)
    reading = _read(profile, card)
    assert card.drop_fired and reading.passive_auth.passed


@pytest.mark.parametrize(
    ("faults", "step"),
    [
        ({"corrupt_dg": 13}, "dg_hashes"),
        ({"corrupt_dg": 2}, "dg_hashes"),
        ({"bad_sod_signature": True}, "signature"),
    ],
)
def test_data_faults_fail_passive_authentication(key_dir, faults, step):
    profile = vp.load_preset("nguyen-thi-mai", key_dir, faults=faults)
    pa = _read(profile).passive_auth
    assert getattr(pa, step) == Verdict.FAIL and not pa.passed


def test_extended_length_cuts_round_trips(key_dir):
    short = _read(vp.load_preset("le-van-hung", key_dir))
    extended = _read(vp.load_preset("le-van-hung", key_dir, options={"extended_length": True}))
    assert extended.apdu_count * 3 < short.apdu_count
