"""Full BAC / PACE / CA / AA sessions against the virtual card with the terminal-side crypto.

Every APDU goes through `VirtualCard.process()` as raw bytes, protected with the same
`SecureMessaging.wrap/unwrap` the reader uses, so these prove the two sides interoperate."""

from __future__ import annotations

import pytest

from card_reader import tlv
from card_reader.apdu import Apdu, split_response
from card_reader.crypto import active_auth
from card_reader.crypto.bac import BacTerminal, bac_seed
from card_reader.crypto.chip_auth import ChipAuthTerminal
from card_reader.crypto.pace import PaceTerminal
from card_reader.errors import SecureMessagingError
from card_reader.keys import load_public_key
from card_reader.lds import security_infos as si
from card_reader.lds.dg15 import parse_dg15
from card_reader.virtual import profile as vp
from card_reader.virtual.card import EMRTD_AID, VirtualCard, VirtualCardRemoved

SELECT_APP = Apdu(0x00, 0xA4, 0x04, 0x0C, EMRTD_AID)
ALL_FILES = (0x011E, 0x011D, 0x0101, 0x0102, 0x010D, 0x010E, 0x010F)


@pytest.fixture(scope="module")
def key_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("virtual-keys")


@pytest.fixture(scope="module")
def mai(key_dir):
    return vp.load_preset("nguyen-thi-mai", key_dir)


@pytest.fixture(scope="module")
def lan(key_dir):
    return vp.load_preset("ha-thi-lan", key_dir)  # BAC only, RSA AA, no CA, 160-byte reads


class Terminal:
    """The reader's view: plain exchanges until a session exists, then wrap/unwrap."""

    def __init__(self, card: VirtualCard):
        self.card = card
        self.sm = None

    def raw(self, apdu: Apdu, extended: bool | None = None) -> tuple[bytes, int]:
        return split_response(self.card.process(apdu.encode(extended)))

    def send(self, apdu: Apdu) -> tuple[bytes, int]:
        if self.sm is None:
            return self.raw(apdu)
        data, sw = self.raw(self.sm.wrap(apdu))
        return self.sm.unwrap(data, sw)

    def bac(self, profile, docno: str | None = None) -> int:
        right_docno, dob, expiry = profile.bac_key
        terminal = BacTerminal(bac_seed(docno or right_docno, dob, expiry))
        rnd_icc, sw = self.send(terminal.get_challenge_command())
        assert sw == 0x9000 and len(rnd_icc) == 8
        response, sw = self.send(terminal.external_authenticate_command(rnd_icc))
        if sw == 0x9000:
            self.sm = terminal.finish(response)
        return sw

    def pace(self, profile, can: str | None = None) -> int:
        info = profile.pace_infos[0]
        terminal = PaceTerminal(can or profile.can, info)
        _data, sw = self.send(terminal.set_at_command())
        assert sw == 0x9000
        response = None
        while (command := terminal.general_authenticate(response)) is not None:
            response, sw = self.send(command)
            if sw != 0x9000:
                return sw
        self.sm = terminal.session()
        return 0x9000

    def read_file(self, fid: int, chunk: int = 0xDF) -> bytes:
        _data, sw = self.send(Apdu(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big")))
        assert sw == 0x9000, hex(sw)
        out = b""
        while True:
            data, sw = self.send(Apdu(0x00, 0xB0, len(out) >> 8, len(out) & 0xFF, le=chunk))
            if sw == 0x6B00:
                return out
            assert sw == 0x9000 and data, hex(sw)
            out += data


def _card(profile) -> tuple[VirtualCard, Terminal]:
    card = VirtualCard(profile)
    return card, Terminal(card)


# -- access control ----------------------------------------------------------------------------


def test_bac_session_reads_every_file(mai):
    card, term = _card(mai)
    assert term.send(SELECT_APP)[1] == 0x9000
    assert term.bac(mai) == 0x9000 and card.access == "BAC"
    for fid in ALL_FILES:
        assert term.read_file(fid) == mai.files[fid], hex(fid)
    assert term.send(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01\x03"))[1] == 0x9000
    assert term.send(Apdu(0x00, 0xB0, 0, 0, le=4))[1] == 0x6982  # DG3: EAC only
    assert term.send(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01\x0b"))[1] == 0x6A82  # DG11


def test_pace_session_at_mf_level_then_application(mai):
    card, term = _card(mai)
    access = si.parse_security_infos(term.read_file(0x011C, 256))  # before any access key
    assert mai.pace_infos[0] in access
    assert term.pace(mai) == 0x9000 and card.access == "PACE"
    assert type(term.sm).__name__ == "AesSM"
    assert term.send(SELECT_APP)[1] == 0x9000
    for fid in ALL_FILES:
        assert term.read_file(fid, 0xFF) == mai.files[fid], hex(fid)


def test_pace_can_is_last_six_digits_and_wrong_can_is_refused(mai):
    card, term = _card(mai)
    assert term.pace(mai, can="000000") == 0x6300
    assert card.session is None and term.sm is None
    assert term.pace(mai, can=mai.id_number[-6:]) == 0x9000  # retry on the same card works


def test_bac_document_number_is_last_nine_digits(mai):
    card, term = _card(mai)
    term.send(SELECT_APP)
    assert term.bac(mai, docno=mai.id_number[:9]) == 0x6300  # a mistake in some public code
    assert card.session is None
    assert term.bac(mai) == 0x9000
    assert mai.bac_key[0] == mai.id_number[-9:]


def test_wrong_key_fault_behaves_like_another_id(key_dir, mai):
    profile = vp.load_preset("nguyen-thi-mai", key_dir, faults={"wrong_key": True})
    card, term = _card(profile)
    term.send(SELECT_APP)
    assert term.bac(profile) == 0x6300
    assert term.pace(profile) == 0x6300
    other = profile.id_number[:-1] + str((int(profile.id_number[-1]) + 1) % 10)
    assert term.pace(profile, can=other[-6:]) == 0x9000  # the chip believes in the other ID


def test_disabled_protocols(lan, key_dir):
    card, term = _card(lan)
    assert term.raw(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01\x1c"))[1] == 0x6A82  # no CardAccess
    pace_info = si.PaceInfo(si.ID_PACE_ECDH_GM_AES_CBC_CMAC_128, 2, 13)
    assert term.raw(PaceTerminal("900404", pace_info).set_at_command())[1] == 0x6A86
    no_bac = vp.load_preset("le-van-hung", key_dir, options={"bac": False})
    card, term = _card(no_bac)
    term.send(SELECT_APP)
    terminal = BacTerminal(bac_seed(*no_bac.bac_key))
    rnd, sw = term.send(terminal.get_challenge_command())
    assert sw == 0x9000 and len(rnd) == 8
    assert term.send(terminal.external_authenticate_command(rnd))[1] == 0x6982
    assert term.pace(no_bac) == 0x9000


def test_unprotected_command_after_auth_ends_the_session(mai):
    card, term = _card(mai)
    term.send(SELECT_APP)
    term.bac(mai)
    assert term.raw(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01\x01")) == (b"", 0x6987)
    assert card.session is None
    # the terminal's next protected command finds no session any more
    assert term.send(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01\x01"))[1] == 0x6988
    term.sm = None
    assert term.raw(Apdu(0x00, 0xB0, 0x81, 0x00, le=4))[1] == 0x6982  # data locked again


def test_tampered_command_mac_ends_the_session(mai):
    card, term = _card(mai)
    term.pace(mai)
    wrapped = term.sm.wrap(SELECT_APP)
    bad = Apdu(
        wrapped.cla,
        wrapped.ins,
        wrapped.p1,
        wrapped.p2,
        wrapped.data[:-1] + bytes([wrapped.data[-1] ^ 1]),
        wrapped.le,
    )
    assert term.raw(bad) == (b"", 0x6988)
    assert card.session is None


def test_responses_are_mac_protected(mai):
    card, term = _card(mai)
    term.pace(mai)
    raw = card.process(term.sm.wrap(SELECT_APP).encode())
    data, sw = split_response(raw)
    assert sw == 0x9000 and tlv.decode_all(data)[-1].tag == 0x8E
    forged = data[:-1] + bytes([data[-1] ^ 1])
    with pytest.raises(SecureMessagingError):
        term.sm.unwrap(forged, sw)


# -- chunking under secure messaging -----------------------------------------------------------


@pytest.mark.parametrize(("method", "largest"), [("bac", 231), ("pace", 223)])
def test_short_reads_fill_but_never_overflow_a_short_response(mai, method, largest):
    card, term = _card(mai)
    if method == "bac":
        term.send(SELECT_APP)
        term.bac(mai)
    else:
        term.pace(mai)
        term.send(SELECT_APP)
    term.send(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01\x02"))
    wrapped = term.sm.wrap(Apdu(0x00, 0xB0, 0x00, 0x00, le=256))
    raw = card.process(wrapped.encode())
    assert len(raw) - 2 <= 256
    data, sw = term.sm.unwrap(*split_response(raw))
    assert sw == 0x9000 and len(data) == largest
    assert data == mai.files[0x0102][:largest]


def test_card_with_small_max_response(lan):
    card, term = _card(lan)
    term.send(SELECT_APP)
    term.bac(lan)
    term.send(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01\x02"))
    data, sw = term.send(Apdu(0x00, 0xB0, 0x00, 0x00, le=0xDF))
    assert sw == 0x9000 and len(data) == 160
    assert term.read_file(0x0102) == lan.files[0x0102]


def test_extended_length_reads_a_whole_face_in_one_command(key_dir):
    profile = vp.load_preset("trinh-minh-duc", key_dir)  # extended_length on
    card, term = _card(profile)
    term.pace(profile)
    term.send(SELECT_APP)
    data, sw = term.send(Apdu(0x00, 0xB0, 0x82, 0x00, le=65536))  # SFI DG2, Le 0000
    assert sw == 0x9000 and data == profile.files[0x0102]


def test_extended_apdu_refused_when_the_card_lacks_it(mai):
    card, term = _card(mai)
    term.pace(mai)
    term.send(SELECT_APP)
    term.send(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01\x02"))
    wrapped = term.sm.wrap(Apdu(0x00, 0xB0, 0x00, 0x00, le=0x7F00))
    assert card.process(wrapped.encode()) == b"\x67\x00"  # plain: refused below SM


def test_odd_ins_read_under_secure_messaging(mai):
    card, term = _card(mai)
    term.pace(mai)
    term.send(SELECT_APP)
    term.send(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01\x02"))
    offset = 1000
    data, sw = term.send(
        Apdu(0x00, 0xB1, 0x00, 0x00, tlv.encode(0x54, offset.to_bytes(2, "big")), le=0x80)
    )
    assert sw == 0x9000
    inner = tlv.decode(data)
    assert inner.tag == 0x53 and len(data) <= 0x80
    assert inner.value == mai.files[0x0102][offset : offset + len(inner.value)]


# -- Active and Chip Authentication ------------------------------------------------------------


@pytest.mark.parametrize("preset", ["nguyen-thi-mai", "ha-thi-lan"])
def test_active_authentication_signs_the_challenge(key_dir, preset):
    profile = vp.load_preset(preset, key_dir)
    card, term = _card(profile)
    challenge = bytes(range(8))
    term.send(SELECT_APP)
    assert term.send(active_auth.internal_authenticate_command(challenge))[1] == 0x6982
    term.bac(profile)
    signature, sw = term.send(active_auth.internal_authenticate_command(challenge))
    assert sw == 0x9000
    public_key = load_public_key(parse_dg15(profile.files[0x010F]))
    algorithm = None
    if 0x010E in profile.files:
        aa = [
            i
            for i in si.parse_dg14(profile.files[0x010E])
            if isinstance(i, si.ActiveAuthenticationInfo)
        ]
        algorithm = aa[0].signature_algorithm if aa else None
    assert active_auth.verify(public_key, challenge, signature, algorithm)
    assert not active_auth.verify(public_key, bytes(8), signature, algorithm)


def _ca_parts(profile):
    infos = si.parse_dg14(profile.files[0x010E])
    info = next(i for i in infos if isinstance(i, si.ChipAuthenticationInfo))
    pk = next(i for i in infos if isinstance(i, si.ChipAuthenticationPublicKeyInfo))
    return info, load_public_key(pk.public_key_spki)


@pytest.mark.parametrize("method", ["bac", "pace"])
def test_chip_authentication_switches_to_new_keys(mai, method):
    card, term = _card(mai)
    if method == "bac":
        term.send(SELECT_APP)
        term.bac(mai)
    else:
        term.pace(mai)
        term.send(SELECT_APP)
    before = card.session
    ca = ChipAuthTerminal(*_ca_parts(mai))
    for command in ca.commands():
        assert term.send(command)[1] == 0x9000  # answered under the old keys
    assert card.session is not before and type(card.session).__name__ == "AesSM"
    term.sm = ca.session()
    assert term.read_file(0x011E) == mai.files[0x011E]  # works under the new keys only


def test_chip_authentication_needs_access_and_a_key(mai, lan):
    card, term = _card(mai)
    ca = ChipAuthTerminal(*_ca_parts(mai))
    assert term.raw(ca.commands()[0])[1] == 0x6982
    card, term = _card(lan)  # CA off on this card
    term.send(SELECT_APP)
    term.bac(lan)
    assert term.send(ca.commands()[0])[1] == 0x6A86


def test_general_authenticate_without_a_protocol(mai):
    _card_, term = _card(mai)
    assert term.raw(Apdu(0x00, 0x86, 0x00, 0x00, b"\x7c\x00", le=256))[1] == 0x6985


# -- faults ------------------------------------------------------------------------------------


def test_drop_after_bytes_during_a_real_session(key_dir):
    profile = vp.load_preset("nguyen-thi-mai", key_dir, faults={"drop_after_bytes": 5000})
    card, term = _card(profile)
    term.pace(profile)
    term.send(SELECT_APP)
    for fid in (0x011E, 0x011D, 0x0101):
        term.read_file(fid)
    with pytest.raises(VirtualCardRemoved):
        term.read_file(0x0102)
    assert 5000 <= card.dg_bytes_sent < 5000 + 0xDF and card.session is None
    card.power_on()  # put back: the next read goes through
    term = Terminal(card)
    term.pace(profile)
    term.send(SELECT_APP)
    assert term.read_file(0x0102) == profile.files[0x0102]


def test_corrupt_dg_is_served(key_dir):
    profile = vp.load_preset("nguyen-thi-mai", key_dir, faults={"corrupt_dg": 2})
    card, term = _card(profile)
    term.pace(profile)
    term.send(SELECT_APP)
    served = term.read_file(0x0102)
    assert served == profile.files[0x0102] != profile.clean_files[0x0102]
