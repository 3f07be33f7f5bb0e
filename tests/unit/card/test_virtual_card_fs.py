"""VirtualCard file system and status words, driven with raw APDU bytes.

These use a hand-made profile and a pass-through secure-messaging session, so they check the
ISO 7816-4 behaviour alone; full BAC/PACE sessions are in test_virtual_card_sessions.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from card_reader import tlv
from card_reader.apdu import Apdu, split_response
from card_reader.file_reader import atr_supports_extended
from card_reader.virtual.card import (
    EMRTD_AID,
    VirtualCard,
    VirtualCardRemoved,
    max_plaintext,
    sm_response_length,
)
from card_reader.virtual.profile import Faults, Options

CARD_ACCESS = tlv.encode(0x31, bytes(20))
DG2 = tlv.encode(0x75, bytes(i % 251 for i in range(40_000)))  # > 0x7FFF: needs B1


def _files():
    return {
        0x011C: CARD_ACCESS,
        0x011E: tlv.encode(0x60, b"\x5c\x06\x61\x75\x63\x6d\x6e\x6f"),
        0x011D: tlv.encode(0x77, b"sod" * 100),
        0x0101: tlv.encode(0x61, tlv.encode(0x5F1F, b"I" * 90)),
        0x0102: DG2,
        0x0103: tlv.encode(0x63, b"fingers"),
        0x010D: tlv.encode(0x6D, "Nguyễn Văn An".encode() * 20),
        0x010E: tlv.encode(0x6E, b"dg14"),
        0x010F: tlv.encode(0x6F, b"dg15"),
    }


def make_card(**options) -> VirtualCard:
    faults = options.pop("faults", Faults())
    profile = SimpleNamespace(
        files=_files(),
        options=Options(**options),
        faults=faults,
        id_number="038095012345",
        bac_key=("095012345", "950101", "350101"),
        can="012345",
        pace_infos=[],
        aa_private_key=None,
        ca_private_key=None,
        ca_info=None,
    )
    return VirtualCard(profile)


class PassThroughSM:
    """Stand-in chip session: commands arrive with CLA 0C, responses go back unprotected."""

    block_size = 8

    def unwrap_command(self, apdu: Apdu) -> Apdu:
        if apdu.data.startswith(b"BAD"):
            raise ValueError("bad MAC")
        return Apdu(apdu.cla & ~0x0C, apdu.ins, apdu.p1, apdu.p2, apdu.data, apdu.le)

    def wrap_response(self, data: bytes, sw: int) -> bytes:
        return data + sw.to_bytes(2, "big")


def send(card: VirtualCard, apdu: Apdu, extended: bool | None = None) -> tuple[bytes, int]:
    return split_response(card.process(apdu.encode(extended)))


def select_ef(fid: int, p2: int = 0x0C) -> Apdu:
    return Apdu(0x00, 0xA4, 0x02, p2, fid.to_bytes(2, "big"))


SELECT_APP = Apdu(0x00, 0xA4, 0x04, 0x0C, EMRTD_AID)


def authenticated(card: VirtualCard) -> VirtualCard:
    card.session = PassThroughSM()
    card.access = "TEST"
    return card


def sm(apdu: Apdu) -> Apdu:
    return Apdu(apdu.cla | 0x0C, apdu.ins, apdu.p1, apdu.p2, apdu.data, apdu.le)


def read(card, offset, le, protected=True, extended=None):
    apdu = Apdu(0x00, 0xB0, offset >> 8, offset & 0xFF, le=le)
    return send(card, sm(apdu) if protected else apdu, extended)


# -- selection and access before authentication ------------------------------------------------


def test_select_mf_answers_6d00_like_a_cccd():
    card = make_card()
    assert send(card, Apdu(0x00, 0xA4, 0x00, 0x0C, b"\x3f\x00"))[1] == 0x6D00
    assert send(card, Apdu(0x00, 0xA4, 0x00, 0x0C))[1] == 0x6D00


def test_card_access_is_readable_without_the_application():
    card = make_card()
    assert send(card, select_ef(0x011C))[1] == 0x9000
    assert read(card, 0, 256, protected=False) == (CARD_ACCESS, 0x9000)
    # ... and by short file identifier (1C)
    assert send(card, Apdu(0x00, 0xB0, 0x9C, 0x00, le=256)) == (CARD_ACCESS, 0x9000)


def test_application_files_need_the_application_then_the_access_key():
    card = make_card()
    assert send(card, select_ef(0x0101))[1] == 0x6A82  # not visible at MF level
    assert send(card, SELECT_APP)[1] == 0x9000
    assert send(card, select_ef(0x0101))[1] == 0x9000  # SELECT works before BAC/PACE
    assert read(card, 0, 4, protected=False)[1] == 0x6982
    assert send(card, Apdu(0x00, 0xB0, 0x81, 0x00, le=4))[1] == 0x6982
    assert send(card, select_ef(0x011E))[1] == 0x9000
    assert read(card, 0, 4, protected=False)[1] == 0x6982


def test_select_application_with_fci_and_unknown_aid():
    card = make_card()
    data, sw = send(card, Apdu(0x00, 0xA4, 0x04, 0x00, EMRTD_AID, le=256))
    assert sw == 0x9000 and tlv.decode(data).require(0x84).value == EMRTD_AID
    assert (
        send(card, Apdu(0x00, 0xA4, 0x04, 0x0C, bytes.fromhex("A000000063504B43532D3135")))[1]
        == 0x6A82
    )


def test_select_ef_with_fcp_reports_size():
    card = authenticated(make_card())
    send(card, sm(SELECT_APP))
    data, sw = send(card, sm(select_ef(0x0102, p2=0x04)))
    assert sw == 0x9000
    assert int.from_bytes(tlv.decode(data).require(0x80).value, "big") == len(DG2)


def test_absent_and_protected_data_groups():
    card = authenticated(make_card())
    send(card, sm(SELECT_APP))
    assert send(card, sm(select_ef(0x010B)))[1] == 0x6A82  # DG11
    assert send(card, sm(select_ef(0x010C)))[1] == 0x6A82  # DG12
    assert send(card, sm(select_ef(0x0103)))[1] == 0x9000  # DG3 exists
    assert read(card, 0, 4)[1] == 0x6982  # but needs EAC
    assert send(card, sm(Apdu(0x00, 0xB0, 0x83, 0x00, le=4)))[1] == 0x6982


def test_read_without_current_file_and_bad_parameters():
    card = authenticated(make_card())
    send(card, sm(SELECT_APP))
    assert read(card, 0, 4)[1] == 0x6986
    assert send(card, sm(Apdu(0x00, 0xA4, 0x08, 0x0C, b"\x01\x01")))[1] == 0x6A86
    assert send(card, sm(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01")))[1] == 0x6700
    assert send(card, sm(Apdu(0x00, 0xCA, 0x00, 0x00, le=256)))[1] == 0x6D00
    assert send(card, Apdu(0x80, 0xB0, 0x00, 0x00, le=4))[1] == 0x6E00
    assert card.process(b"\x00\xb0") == b"\x67\x00"  # shorter than a header


# -- READ BINARY forms, Le and chunking --------------------------------------------------------


def _read_all(card, chunk: int) -> bytes:
    out = b""
    while len(out) < len(DG2):
        offset = len(out)
        if offset <= 0x7FFF:
            data, sw = read(card, offset, chunk, extended=chunk > 256)
        else:
            odd = Apdu(0x0C, 0xB1, 0x00, 0x00, tlv.encode(0x54, offset.to_bytes(3, "big")), chunk)
            raw, sw = send(card, odd, chunk > 256)
            data = tlv.decode(raw).value
            assert tlv.decode(raw).tag == 0x53  # ISO 7816-4: odd INS answers in DO'53'
        assert sw == 0x9000 and data
        out += data
    return out


@pytest.mark.parametrize("chunk", [0xDF, 256])
def test_read_whole_file_in_short_chunks_with_b0_and_b1(chunk):
    card = authenticated(make_card())
    send(card, sm(SELECT_APP))
    send(card, sm(select_ef(0x0102)))
    assert _read_all(card, chunk) == DG2


def test_sfi_read_selects_the_file():
    card = authenticated(make_card())
    send(card, sm(SELECT_APP))
    data, sw = send(card, sm(Apdu(0x00, 0xB0, 0x81, 0x00, le=256)))
    assert sw == 0x9000 and data == _files()[0x0101]
    data, sw = read(card, 4, 8)  # the SFI read left DG1 as the current file
    assert data == _files()[0x0101][4:12]
    assert send(card, sm(Apdu(0x00, 0xB0, 0x8B, 0x00, le=4)))[1] == 0x6A82  # DG11 by SFI


def test_b1_with_file_identifier_in_p1p2():
    card = authenticated(make_card())
    send(card, sm(SELECT_APP))
    raw, sw = send(card, sm(Apdu(0x00, 0xB1, 0x01, 0x0D, tlv.encode(0x54, b"\x02"), le=20)))
    assert sw == 0x9000
    assert len(raw) <= 20 and tlv.decode(raw).value == _files()[0x010D][2 : 2 + len(raw) - 2]
    assert send(card, sm(Apdu(0x00, 0xB1, 0x00, 0x00, b"\x99\x01\x00", le=4)))[1] == 0x6A80


def test_offset_beyond_end_is_6b00_and_tail_is_short():
    card = authenticated(make_card())
    send(card, sm(SELECT_APP))
    send(card, sm(select_ef(0x0101)))
    size = len(_files()[0x0101])
    assert read(card, size, 4)[1] == 0x6B00
    assert read(card, size - 3, 200) == (_files()[0x0101][-3:], 0x9000)


def test_max_response_caps_each_chunk():
    card = authenticated(make_card(max_response=0xA0, extended_length=True))
    send(card, sm(SELECT_APP))
    send(card, sm(select_ef(0x0102)))
    data, sw = read(card, 0, 0xFFFF, extended=True)
    assert sw == 0x9000 and len(data) == 0xA0
    assert _read_all(card, 0x7F00) == DG2


def test_short_response_fits_256_bytes_under_sm():
    card = authenticated(make_card())
    send(card, sm(SELECT_APP))
    send(card, sm(select_ef(0x0102)))
    data, _ = read(card, 0, 256)
    assert len(data) == 231  # largest 3DES-protected chunk that fits a short response
    assert max_plaintext(256, 16) == 223 and max_plaintext(256, None) == 256
    assert sm_response_length(231, 8) <= 256 < sm_response_length(232, 8)


def test_plain_public_read_returns_256():
    card = make_card()
    big = tlv.encode(0x31, bytes(600))
    card._files[0x011C] = big
    send(card, select_ef(0x011C))
    assert read(card, 0, 256, protected=False) == (big[:256], 0x9000)


def test_extended_length_on():
    card = authenticated(make_card(extended_length=True))
    assert atr_supports_extended(card.atr())
    send(card, sm(SELECT_APP))
    send(card, sm(select_ef(0x0102)))
    data, sw = read(card, 0, 0x7F00, extended=True)
    assert sw == 0x9000 and data == DG2[:0x7F00]
    data, sw = read(card, 0, 65536, extended=True)  # Le 0000 = as much as possible
    assert sw == 0x9000 and data == DG2


def test_extended_length_off_refuses_extended_apdus():
    card = authenticated(make_card(extended_length=False))
    assert not atr_supports_extended(card.atr())
    send(card, sm(SELECT_APP))
    send(card, sm(select_ef(0x0102)))
    assert read(card, 0, 0x7F00, extended=True) == (b"", 0x6700)
    assert read(card, 0, 256, extended=True) == (b"", 0x6700)  # extended form even if small
    assert card.session is not None  # refused below SM: the session survives
    assert read(card, 0, 256)[1] == 0x9000


def test_ef_atr_info_advertises_extended_length_only_when_on():
    for on in (True, False):
        card = make_card(extended_length=on)
        send(card, select_ef(0x2F01))
        data, sw = read(card, 0, 256, protected=False)
        assert sw == 0x9000
        tags = [t.tag for t in tlv.decode_all(data)]
        assert (0x7F66 in tags) is on
        assert bool(tlv.decode_all(data)[0].value[2] & 0x40) is on


def test_atr_is_well_formed():
    for on in (True, False):
        atr = make_card(extended_length=on).atr()
        assert atr[0] == 0x3B and len(atr) == 4 + (atr[1] & 0x0F) + 1
        tck = 0
        for b in atr[1:]:
            tck ^= b
        assert tck == 0


# -- secure messaging state --------------------------------------------------------------------


def test_plain_command_after_authentication_ends_the_session():
    card = authenticated(make_card())
    send(card, sm(SELECT_APP))
    assert send(card, select_ef(0x0101)) == (b"", 0x6987)
    assert card.session is None
    assert send(card, sm(select_ef(0x0101)))[1] == 0x6988  # no session any more
    assert send(card, select_ef(0x0101))[1] == 0x9000
    assert read(card, 0, 4, protected=False)[1] == 0x6982


def test_bad_mac_ends_the_session():
    card = authenticated(make_card())
    assert send(card, sm(Apdu(0x00, 0xA4, 0x02, 0x0C, b"BAD")))[1] == 0x6988
    assert card.session is None


def test_power_on_and_reset_drop_the_session_and_selection():
    for action in ("power_on", "reset"):
        card = authenticated(make_card())
        send(card, sm(SELECT_APP))
        getattr(card, action)()
        assert card.session is None
        assert send(card, select_ef(0x0101))[1] == 0x6A82  # back at the MF


def test_active_authentication_without_key_or_session():
    card = make_card()
    assert send(card, Apdu(0x00, 0x88, 0x00, 0x00, bytes(8), le=256))[1] == 0x6D00


def test_internal_error_answers_6f00(monkeypatch):
    card = make_card()

    def boom(apdu):
        raise RuntimeError("bug")

    monkeypatch.setattr(card, "_select", boom)
    assert card.process(select_ef(0x011C).encode()) == b"\x6f\x00"


# -- faults that need no crypto ----------------------------------------------------------------


def test_drop_after_bytes_pulls_the_card_once():
    card = authenticated(make_card(faults=Faults(drop_after_bytes=500)))
    send(card, sm(SELECT_APP))
    send(card, sm(select_ef(0x0102)))
    got = 0
    with pytest.raises(VirtualCardRemoved):
        while True:
            data, sw = read(card, got, 0xDF)
            assert sw == 0x9000
            got += len(data)
    assert 500 <= got < 500 + 0xDF and card.drop_fired
    assert card.session is None  # the chip lost power
    card.power_on()
    authenticated(card)
    send(card, sm(SELECT_APP))
    send(card, sm(select_ef(0x0102)))
    assert _read_all(card, 0xDF) == DG2  # fires once only


def test_card_access_reads_do_not_count_towards_the_drop():
    card = make_card(faults=Faults(drop_after_bytes=0))
    send(card, select_ef(0x011C))
    assert read(card, 0, 256, protected=False)[1] == 0x9000
    assert not card.drop_fired
