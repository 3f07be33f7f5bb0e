"""Chip Authentication v1 (ECDH): both sides switch to new keys, AES and 3DES variants."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.asymmetric import ec as cec

from card_reader import tlv
from card_reader.apdu import Apdu, split_response
from card_reader.crypto import kdf
from card_reader.crypto.chip_auth import ChipAuthChip, ChipAuthTerminal
from card_reader.crypto.sm import AesSM, DesSM, SecureMessaging
from card_reader.errors import CardDataError, SecureMessagingError
from card_reader.lds.security_infos import (
    ID_CA_ECDH_3DES_CBC_CBC,
    ID_CA_ECDH_AES_CBC_CMAC_128,
    ChipAuthenticationInfo,
)

H = bytes.fromhex
CURVES = [cec.BrainpoolP256R1(), cec.SECP256R1()]


def _bac_like_sessions() -> tuple[SecureMessaging, SecureMessaging]:
    keys = (H("979EC13B1CBFE9DCD01AB0FED307EAE5"), H("F1CB1F1FB5ADF208806B89DC579DC1F8"))
    return DesSM(*keys, 0x887022120C06C226), DesSM(*keys, 0x887022120C06C226)


class _Card:
    """The part of the virtual card that matters here: SM, CA dispatch and the key switch."""

    def __init__(self, session: SecureMessaging, ca: ChipAuthChip):
        self.session = session
        self.ca = ca

    def process(self, raw: bytes) -> bytes:
        command, _ = Apdu.decode(raw)
        session = self.session
        inner = session.unwrap_command(command)
        if inner.ins in (0x22, 0x86):
            data, sw = self.ca.handle(inner)
        else:
            data, sw = b"\x60\x14\x5f\x01", 0x9000
        response = session.wrap_response(data, sw)
        if self.ca.new_session is not None:
            self.session, self.ca.new_session = self.ca.new_session, None
        return response


def _run_ca(info, chip_key, terminal_public_key) -> tuple[ChipAuthTerminal, _Card, SecureMessaging]:
    reader, card_session = _bac_like_sessions()
    card = _Card(card_session, ChipAuthChip(chip_key, info))
    terminal = ChipAuthTerminal(info, terminal_public_key)
    for command in terminal.commands():
        data, sw = reader.unwrap(*split_response(card.process(reader.wrap(command).encode())))
        assert sw == 0x9000
    return terminal, card, reader


@pytest.mark.parametrize("curve", CURVES, ids=lambda c: c.name)
@pytest.mark.parametrize(
    ("protocol", "sm_type"),
    [(ID_CA_ECDH_AES_CBC_CMAC_128, AesSM), (ID_CA_ECDH_3DES_CBC_CBC, DesSM)],
)
def test_both_sides_switch_to_the_same_new_keys(curve, protocol, sm_type):
    chip_key = cec.generate_private_key(curve)
    info = ChipAuthenticationInfo(protocol, 1, None)
    terminal, card, old = _run_ca(info, chip_key, chip_key.public_key())
    new = terminal.session()
    assert isinstance(new, sm_type) and isinstance(card.session, sm_type)
    assert new.ssc == card.session.ssc == 0
    assert (new.ks_enc, new.ks_mac) == (card.session.ks_enc, card.session.ks_mac)
    assert new.ks_enc not in (old.ks_enc, old.ks_mac)
    select = Apdu(0, 0xA4, 2, 0x0C, H("011E"))
    assert new.unwrap(*split_response(card.process(new.wrap(select).encode())))[1] == 0x9000
    # the old keys are dead on the chip
    with pytest.raises(SecureMessagingError):
        card.process(old.wrap(select).encode())


def test_command_shapes():
    key = cec.generate_private_key(cec.BrainpoolP256R1())
    aes = ChipAuthTerminal(
        ChipAuthenticationInfo(ID_CA_ECDH_AES_CBC_CMAC_128, 1, 7), key.public_key()
    )
    set_at, ga = aes.commands()
    assert (set_at.cla, set_at.ins, set_at.p1, set_at.p2) == (0x00, 0x22, 0x41, 0xA4)
    assert set_at.data == H("800A04007F00070202030202") + H("840107")
    assert (ga.ins, ga.p1, ga.p2, ga.le) == (0x86, 0x00, 0x00, 256)
    point = tlv.decode(ga.data).require(0x80).value
    assert point == aes.ephemeral_public_key and point[0] == 0x04 and len(point) == 65
    des = ChipAuthTerminal(
        ChipAuthenticationInfo(ID_CA_ECDH_3DES_CBC_CBC, 1, None), key.public_key()
    )
    (kat,) = des.commands()
    assert (kat.ins, kat.p1, kat.p2) == (0x22, 0x41, 0xA6)
    assert kat.data == tlv.encode(0x91, des.ephemeral_public_key)


def test_shared_secret_is_the_x_coordinate_with_the_chip_key():
    key = cec.generate_private_key(cec.SECP256R1())
    info = ChipAuthenticationInfo(ID_CA_ECDH_AES_CBC_CMAC_128, 1, None)
    fixed = (12345).to_bytes(32, "big")
    terminal = ChipAuthTerminal(info, key.public_key(), rng=lambda n: fixed)
    ephemeral = cec.derive_private_key(12345, cec.SECP256R1())
    shared = ephemeral.exchange(cec.ECDH(), key.public_key())
    session = terminal.session()
    assert (session.ks_enc, session.ks_mac) == kdf.session_keys(shared, "AES-128")


def test_a_chip_without_the_dg14_private_key_is_caught():
    genuine = cec.generate_private_key(cec.BrainpoolP256R1())
    clone = cec.generate_private_key(cec.BrainpoolP256R1())
    info = ChipAuthenticationInfo(ID_CA_ECDH_AES_CBC_CMAC_128, 1, None)
    terminal, card, _old = _run_ca(info, clone, genuine.public_key())
    new = terminal.session()
    # The clone derived other keys: it cannot even check our next command (a real chip then
    # answers a plain 6988, which the reader counts as a CA failure).
    with pytest.raises(SecureMessagingError):
        card.process(new.wrap(Apdu(0, 0xA4, 2, 0x0C, H("011E"))).encode())
    assert new.unwrap(b"", 0x6988) == (b"", 0x6988)


def test_chip_errors():
    key = cec.generate_private_key(cec.BrainpoolP256R1())
    info = ChipAuthenticationInfo(ID_CA_ECDH_AES_CBC_CMAC_128, 1, 1)
    chip = ChipAuthChip(key, info)
    point = ChipAuthTerminal(info, key.public_key()).ephemeral_public_key
    ga = Apdu(0, 0x86, 0, 0, tlv.encode(0x7C, tlv.encode(0x80, point)), 256)
    assert chip.handle(ga) == (b"", 0x6985)  # no MSE:Set AT first
    oid = H("800A04007F00070202030202")
    assert chip.handle(Apdu(0, 0x22, 0x41, 0xA4, oid + H("840102"))) == (b"", 0x6A88)
    assert chip.handle(Apdu(0, 0x22, 0x41, 0xA4, H("800A04007F00070202030204"))) == (b"", 0x6A80)
    assert chip.handle(Apdu(0, 0x22, 0x41, 0xA6, tlv.encode(0x91, point))) == (b"", 0x6985)
    assert chip.handle(Apdu(0, 0x22, 0x41, 0xA4, oid + H("840101"))) == (b"", 0x9000)
    bad = Apdu(0, 0x86, 0, 0, tlv.encode(0x7C, tlv.encode(0x80, point[:-1] + b"\x00")), 256)
    assert chip.handle(bad) == (b"", 0x6A80)
    assert chip.new_session is None
    assert chip.handle(Apdu(0, 0x22, 0x41, 0xA4, oid)) == (b"", 0x9000)
    assert chip.handle(ga) == (H("7C00"), 0x9000)
    assert isinstance(chip.new_session, AesSM)


def test_terminal_rejects_unsupported_setups():
    dh_info = ChipAuthenticationInfo("0.4.0.127.0.7.2.2.3.1.2", 1, None)  # id-CA-DH-AES-128
    key = cec.generate_private_key(cec.SECP256R1()).public_key()
    with pytest.raises(CardDataError):
        ChipAuthTerminal(dh_info, key)
    with pytest.raises(CardDataError):
        ChipAuthTerminal(ChipAuthenticationInfo(ID_CA_ECDH_AES_CBC_CMAC_128, 1, None), os.urandom)
