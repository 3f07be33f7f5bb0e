"""Secure messaging, terminal ↔ chip: both ciphers, extended length, odd INS, tampering."""

from __future__ import annotations

import os

import pytest
from Crypto.Cipher import AES
from Crypto.Hash import CMAC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from card_reader import tlv
from card_reader.apdu import Apdu, split_response
from card_reader.crypto.sm import AesSM, DesSM, SecureMessaging, pad, unpad
from card_reader.errors import SecureMessagingError

H = bytes.fromhex


def _pair(kind: str, ssc: int = 0) -> tuple[SecureMessaging, SecureMessaging]:
    if kind == "3DES":
        keys = (H("979EC13B1CBFE9DCD01AB0FED307EAE5"), H("F1CB1F1FB5ADF208806B89DC579DC1F8"))
        return DesSM(*keys, ssc), DesSM(*keys, ssc)
    keys = (os.urandom(16), os.urandom(16))
    return AesSM(*keys, ssc), AesSM(*keys, ssc)


def _exchange(
    reader: SecureMessaging, card: SecureMessaging, plain: Apdu, data: bytes, sw: int = 0x9000
) -> tuple[Apdu, bytes, tuple[bytes, int]]:
    """One command through the wire format: wrap → encode → decode → unwrap → answer → unwrap."""
    protected = reader.wrap(plain)
    raw = protected.encode()
    received, _extended = Apdu.decode(raw)
    inner = card.unwrap_command(received)
    response = card.wrap_response(data, sw)
    return inner, response, reader.unwrap(*split_response(response))


KINDS = ["3DES", "AES"]


@pytest.mark.parametrize("kind", KINDS)
def test_several_commands_round_trip_and_counters_stay_in_step(kind):
    reader, card = _pair(kind, ssc=0x1234)
    commands = [
        (Apdu(0x00, 0xA4, 0x04, 0x0C, H("A0000002471001")), b""),
        (Apdu(0x00, 0xA4, 0x02, 0x0C, H("011E")), b""),
        (Apdu(0x00, 0xB0, 0x00, 0x00, le=4), H("60145F01")),
        (Apdu(0x00, 0xB0, 0x00, 0x04, le=0xDF), os.urandom(0xDF)),
        (Apdu(0x00, 0x84, 0x00, 0x00, le=8), os.urandom(8)),
        (Apdu(0x00, 0x88, 0x00, 0x00, os.urandom(8), le=256), os.urandom(256)),
    ]
    for number, (plain, answer) in enumerate(commands, start=1):
        inner, _response, (data, sw) = _exchange(reader, card, plain, answer)
        assert inner == plain
        assert (data, sw) == (answer, 0x9000)
        assert reader.ssc == card.ssc == 0x1234 + 2 * number


@pytest.mark.parametrize("kind", KINDS)
def test_extended_read_binary_with_a_20000_byte_answer(kind):
    reader, card = _pair(kind)
    plain = Apdu(0x00, 0xB0, 0x00, 0x00, le=65536)
    protected = reader.wrap(plain)
    assert protected.le == 65536
    raw = protected.encode()
    assert raw[4] == 0x00 and raw[-2:] == b"\x00\x00"  # extended Lc and Le
    received, extended = Apdu.decode(raw)
    assert extended
    assert tlv.decode_all(received.data)[0].raw == H("97020000")  # DO'97' with 2 bytes
    assert card.unwrap_command(received) == plain
    content = os.urandom(20_000)
    response = card.wrap_response(content, 0x9000)
    assert len(response) > 20_000
    assert reader.unwrap(*split_response(response)) == (content, 0x9000)


@pytest.mark.parametrize("kind", KINDS)
def test_long_command_data_forces_extended_length(kind):
    reader, card = _pair(kind)
    plain = Apdu(0x00, 0xD6, 0x00, 0x00, os.urandom(600))
    protected = reader.wrap(plain)
    assert protected.needs_extended() and protected.le == 65536
    received, extended = Apdu.decode(protected.encode())
    assert extended and card.unwrap_command(received) == plain


@pytest.mark.parametrize("kind", KINDS)
def test_odd_ins_read_binary_uses_do85_both_ways(kind):
    reader, card = _pair(kind)
    plain = Apdu(0x00, 0xB1, 0x01, 0x02, tlv.encode(0x54, H("8000")), le=0xDF)
    protected = reader.wrap(plain)
    first = tlv.decode_all(protected.data)[0]
    assert first.tag == 0x85 and len(first.value) % reader.block_size == 0  # no indicator byte
    received, _ = Apdu.decode(protected.encode())
    assert card.unwrap_command(received) == plain
    answer = tlv.encode(0x53, os.urandom(200))
    response = card.wrap_response(answer, 0x9000)
    assert response[0] == 0x85
    assert reader.unwrap(*split_response(response)) == (answer, 0x9000)
    # an even INS afterwards is answered with DO'87' again
    _inner, response, result = _exchange(reader, card, Apdu(0, 0xB0, 0, 0, le=4), b"abcd")
    assert response[0] == 0x87 and result == (b"abcd", 0x9000)


@pytest.mark.parametrize("kind", KINDS)
def test_le_encoding_in_do97(kind):
    reader, _card = _pair(kind)
    cases = [(None, None, 256), (1, "970101", 256), (256, "970100", 256)]
    cases += [(1000, "970203E8", 65536), (65536, "97020000", 65536)]
    for le, do97, outer_le in cases:
        protected = reader.wrap(Apdu(0x00, 0xB0, 0x00, 0x00, le=le))
        objects = {item.tag: item.raw for item in tlv.decode_all(protected.data)}
        assert objects.get(0x97) == (H(do97) if do97 else None)
        assert protected.le == outer_le
        assert protected.cla == 0x0C


@pytest.mark.parametrize("kind", KINDS)
def test_protected_and_plain_error_status_words(kind):
    reader, card = _pair(kind)
    inner, _response, result = _exchange(
        reader, card, Apdu(0, 0xA4, 2, 0x0C, H("0103")), b"", 0x6982
    )
    assert result == (b"", 0x6982)
    # A chip that drops secure messaging answers with a bare status word.
    assert reader.unwrap(b"", 0x6A82) == (b"", 0x6A82)
    with pytest.raises(SecureMessagingError):
        reader.unwrap(b"", 0x9000)


@pytest.mark.parametrize("kind", KINDS)
def test_tampered_response_mac_or_data_is_rejected(kind):
    reader, card = _pair(kind)
    card.unwrap_command(reader.wrap(Apdu(0, 0xB0, 0, 0, le=16)))
    response = card.wrap_response(os.urandom(16), 0x9000)
    data, sw = split_response(response)
    for position in (len(data) - 1, 5):  # inside the MAC, inside the cryptogram
        forged = bytearray(data)
        forged[position] ^= 0x01
        clone = type(reader)(reader.ks_enc, reader.ks_mac, reader.ssc)
        with pytest.raises(SecureMessagingError):
            clone.unwrap(bytes(forged), sw)
    assert reader.unwrap(data, sw)[1] == 0x9000
    with pytest.raises(SecureMessagingError):  # a replay no longer matches the counter
        reader.unwrap(data, sw)


@pytest.mark.parametrize("kind", KINDS)
def test_tampered_command_is_rejected_by_the_chip(kind):
    reader, card = _pair(kind)
    protected = reader.wrap(Apdu(0, 0xA4, 2, 0x0C, H("011E")))
    forged = bytearray(protected.data)
    forged[3] ^= 0x80
    with pytest.raises(SecureMessagingError):
        card.unwrap_command(
            Apdu(
                protected.cla,
                protected.ins,
                protected.p1,
                protected.p2,
                bytes(forged),
                protected.le,
            )
        )
    reader2, card2 = _pair(kind)
    other_header = reader2.wrap(Apdu(0, 0xA4, 2, 0x0C, H("011E")))
    with pytest.raises(SecureMessagingError):  # same objects, different P2: header is MACed
        card2.unwrap_command(Apdu(0x0C, 0xA4, 0x02, 0x00, other_header.data, 256))
    with pytest.raises(SecureMessagingError):  # unprotected class byte
        _pair(kind)[1].unwrap_command(Apdu(0x00, 0xA4, 2, 0x0C, H("011E")))


@pytest.mark.parametrize("kind", KINDS)
def test_malformed_responses_are_rejected(kind):
    reader, _card = _pair(kind)
    ssc = reader.ssc
    bs = reader.block_size

    def mac_for(counter: int, body: bytes) -> bytes:
        return tlv.encode(0x8E, reader.mac(pad(counter.to_bytes(bs, "big") + body, bs)))

    # valid MAC but no DO'99'
    body = tlv.encode(0x87, b"\x01" + reader.encrypt((ssc + 1).to_bytes(bs, "big"), pad(b"x", bs)))
    with pytest.raises(SecureMessagingError):
        reader.unwrap(body + mac_for(ssc + 1, body), 0x9000)
    # valid MAC, bad padding inside the cryptogram
    bad = reader.encrypt((ssc + 2).to_bytes(bs, "big"), b"\x01" * bs)
    body = tlv.encode(0x87, b"\x01" + bad) + H("99029000")
    with pytest.raises(SecureMessagingError):
        reader.unwrap(body + mac_for(ssc + 2, body), 0x9000)
    # trailing bytes after DO'8E', truncated TLV, missing MAC
    body = H("99029000")
    with pytest.raises(SecureMessagingError):
        reader.unwrap(body + mac_for(ssc + 3, body) + b"\x00", 0x9000)
    with pytest.raises(SecureMessagingError):
        reader.unwrap(H("8710"), 0x9000)
    with pytest.raises(SecureMessagingError):
        reader.unwrap(H("99029000"), 0x9000)


def test_aes_follows_the_icao_construction():
    """IV = E(K_enc, SSC), MAC = CMAC over pad(SSC || pad(header) || DO'87' || DO'97'), built
    here independently with pycryptodome."""
    k_enc, k_mac = H("F5F0E35C0D7161EE6724EE513A0D9A7F"), H("FE251C7858B356B24514B3BD5F4297D1")
    sm = AesSM(k_enc, k_mac, 0)
    protected = sm.wrap(Apdu(0x00, 0xB0, 0x00, 0x00, H("0102"), le=4))
    ssc = (1).to_bytes(16, "big")
    iv = AES.new(k_enc, AES.MODE_ECB).encrypt(ssc)
    cryptogram = AES.new(k_enc, AES.MODE_CBC, iv=iv).encrypt(H("0102") + H("80") + bytes(13))
    do87 = H("8711") + b"\x01" + cryptogram
    header = H("0CB00000") + H("80") + bytes(11)
    mac_input = ssc + header + do87 + H("970104")
    mac_input += H("80") + bytes(-(len(mac_input) + 1) % 16)
    mac = CMAC.new(k_mac, msg=mac_input, ciphermod=AES).digest()[:8]
    body = do87 + H("970104") + H("8E08") + mac
    assert protected.encode() == H("0CB00000") + bytes([len(body)]) + body + b"\x00"


def test_aes_iv_depends_on_the_counter():
    sm = AesSM(bytes(16), bytes(range(16)), 0)
    first = sm.wrap(Apdu(0, 0xA4, 2, 0x0C, H("011E"))).data
    second = sm.wrap(Apdu(0, 0xA4, 2, 0x0C, H("011E"))).data
    assert first[:18] != second[:18]


def test_padding_method_2():
    assert pad(b"", 8) == H("8000000000000000")
    assert pad(b"1234567", 8) == b"1234567\x80"
    assert pad(b"12345678", 8) == b"12345678" + H("8000000000000000")
    assert unpad(H("0102800000000000"), 8) == H("0102")
    for bad in (H("0102000000000000"), H("0000000000000000"), H("80") + bytes(15)):
        with pytest.raises(SecureMessagingError):
            unpad(bad, 8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    ins=st.sampled_from([0xA4, 0xB0, 0xB1, 0x88, 0x22]),
    data=st.binary(max_size=300),
    le=st.one_of(st.none(), st.integers(1, 65536)),
    answer=st.binary(max_size=600),
    sw=st.sampled_from([0x9000, 0x6282, 0x6982, 0x6A82]),
)
def test_any_command_round_trips(kind, ins, data, le, answer, sw):
    reader, card = _pair(kind, ssc=7)
    plain = Apdu(0x00, ins, 0x00, 0x00, data, le)
    inner, _response, result = _exchange(reader, card, plain, answer, sw)
    assert inner == plain
    assert result == (answer, sw)
