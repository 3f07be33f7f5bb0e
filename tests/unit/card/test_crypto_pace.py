"""PACE ECDH generic mapping: ICAO 9303-11 Appendix G.1 worked example and in-process runs."""

from __future__ import annotations

import hashlib

import pytest
from Crypto.Cipher import AES

from card_reader import tlv
from card_reader.apdu import Apdu, split_response
from card_reader.crypto import ec, kdf
from card_reader.crypto.bac import mrz_information
from card_reader.crypto.pace import (
    PaceChip,
    PaceTerminal,
    authentication_token,
    password_key,
)
from card_reader.crypto.sm import AesSM, DesSM
from card_reader.errors import AccessDeniedError, CardDataError
from card_reader.lds.security_infos import PaceInfo, parse_card_access

H = bytes.fromhex
OID_AES128 = "0.4.0.127.0.7.2.2.4.2.2"

# ICAO 9303-11 Appendix G.1 (also BSI TR-03110): MRZ password, brainpoolP256r1, AES-128.
CARD_ACCESS = H("31143012060A04007F0007020204020202010202010D")
MRZ_INFO = "T22000129364081251010318"
K_PASSWORD = H("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD")
K_PI = H("89DED1B26624EC1E634C1989302849DD")
Z = H("95A3A016522EE98D01E76CB6B98B42C3")
S = H("3F00C4D39D153F2B2A214A078D899B22")
SK_MAP_PCD = H("7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99")
PK_MAP_PCD = H(
    "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
    "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"
)
SK_MAP_PICC = H("498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560")
PK_MAP_PICC = H(
    "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
    "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"
)
H_POINT = H(
    "0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
    "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181"
)
G_MAPPED = H(
    "048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
    "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522"
)
SK_EPH_PCD = H("A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595")
PK_EPH_PCD = H(
    "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
    "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"
)
SK_EPH_PICC = H("107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A")
PK_EPH_PICC = H(
    "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
    "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"
)
SHARED = H("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925")
KS_ENC = H("F5F0E35C0D7161EE6724EE513A0D9A7F")
KS_MAC = H("FE251C7858B356B24514B3BD5F4297D1")
T_PCD = H("C2B0BD78D94BA866")
T_PICC = H("3ABB9674BCE93C08")

TRANSCRIPT = [
    ("10860000027C0000", "7C128010" + Z.hex()),
    ("10860000457C438141" + PK_MAP_PCD.hex() + "00", "7C438241" + PK_MAP_PICC.hex()),
    ("10860000457C438341" + PK_EPH_PCD.hex() + "00", "7C438441" + PK_EPH_PICC.hex()),
    ("008600000C7C0A8508" + T_PCD.hex() + "00", "7C0A8608" + T_PICC.hex()),
]


def _fixed(*values: bytes):
    """An rng that returns the worked example's 'random' values in order."""
    queue = list(values)

    def rng(n: int) -> bytes:
        value = queue.pop(0)
        assert len(value) == n
        return value

    return rng


def _appendix_info() -> PaceInfo:
    (info,) = parse_card_access(CARD_ACCESS)
    assert info == PaceInfo(OID_AES128, 2, 13)
    return info


def _appendix_terminal(**kwargs) -> PaceTerminal:
    rng = _fixed(SK_MAP_PCD, SK_EPH_PCD)
    return PaceTerminal(MRZ_INFO, _appendix_info(), password_ref=1, rng=rng, **kwargs)


def _appendix_chip() -> PaceChip:
    rng = _fixed(S, SK_MAP_PICC, SK_EPH_PICC)
    return PaceChip(MRZ_INFO, [_appendix_info()], password_ref=1, rng=rng)


def test_password_key_and_nonce():
    assert mrz_information("T22000129", "640812", "101031") == MRZ_INFO
    assert hashlib.sha1(MRZ_INFO.encode()).digest() == K_PASSWORD
    assert password_key(MRZ_INFO, 1, "AES-128") == K_PI
    assert AES.new(K_PI, AES.MODE_CBC, iv=bytes(16)).decrypt(Z) == S


def test_mapping_generator_shared_secret_keys_and_tokens():
    curve = ec.STANDARDIZED_CURVES[13]
    g = curve.generator
    assert ec.encode_point(ec.multiply(g, int.from_bytes(SK_MAP_PCD, "big")), curve) == PK_MAP_PCD
    assert ec.encode_point(ec.multiply(g, int.from_bytes(SK_MAP_PICC, "big")), curve) == (
        PK_MAP_PICC
    )
    h = ec.multiply(ec.decode_point(PK_MAP_PICC, curve), int.from_bytes(SK_MAP_PCD, "big"))
    assert ec.encode_point(h, curve) == H_POINT
    mapped = ec.add(ec.multiply(g, int.from_bytes(S, "big")), h)
    assert ec.encode_point(mapped, curve) == G_MAPPED
    assert ec.encode_point(ec.multiply(mapped, int.from_bytes(SK_EPH_PCD, "big")), curve) == (
        PK_EPH_PCD
    )
    assert ec.encode_point(ec.multiply(mapped, int.from_bytes(SK_EPH_PICC, "big")), curve) == (
        PK_EPH_PICC
    )
    point = ec.multiply(ec.decode_point(PK_EPH_PICC, curve), int.from_bytes(SK_EPH_PCD, "big"))
    assert ec.x_bytes(point, curve) == SHARED
    assert kdf.session_keys(SHARED, "AES-128") == (KS_ENC, KS_MAC)
    assert authentication_token(KS_MAC, "AES-128", OID_AES128, PK_EPH_PICC) == T_PCD
    assert authentication_token(KS_MAC, "AES-128", OID_AES128, PK_EPH_PCD) == T_PICC


def test_terminal_reproduces_the_appendix_transcript():
    terminal = _appendix_terminal()
    assert terminal.set_at_command().encode() == H("0022C1A40F800A04007F00070202040202830101")
    response = None
    for command, answer in TRANSCRIPT:
        apdu = terminal.general_authenticate(response)
        assert apdu is not None and apdu.encode() == H(command)
        response = H(answer)
    assert terminal.general_authenticate(response) is None
    session = terminal.session()
    assert isinstance(session, AesSM)
    assert (session.ks_enc, session.ks_mac, session.ssc) == (KS_ENC, KS_MAC, 0)


def test_set_at_with_parameter_id_matches_the_appendix():
    terminal = _appendix_terminal(include_parameter_id=True)
    expected = H("0022C1A412800A04007F0007020204020283010184010D")
    assert terminal.set_at_command().encode() == expected
    chip = _appendix_chip()
    assert chip.handle(Apdu.decode(expected)[0]) == (b"", 0x9000)


def test_chip_reproduces_the_appendix_transcript():
    chip = _appendix_chip()
    assert chip.handle(Apdu.decode(H("0022C1A40F800A04007F00070202040202830101"))[0]) == (
        b"",
        0x9000,
    )
    for command, answer in TRANSCRIPT:
        assert chip.session is None
        assert chip.handle(Apdu.decode(H(command))[0]) == (H(answer), 0x9000)
    assert chip.session is not None
    assert (chip.session.ks_enc, chip.session.ks_mac, chip.session.ssc) == (KS_ENC, KS_MAC, 0)


def run_pace(terminal: PaceTerminal, chip: PaceChip) -> int:
    """Drive both sides through the wire format; return the last status word."""
    data, sw = chip.handle(Apdu.decode(terminal.set_at_command().encode())[0])
    assert sw == 0x9000
    response = None
    while (command := terminal.general_authenticate(response)) is not None:
        response, sw = chip.handle(Apdu.decode(command.encode())[0])
        if sw != 0x9000:
            return sw
    return sw


@pytest.mark.parametrize(
    ("protocol", "parameter_id", "sm_type"),
    [
        (OID_AES128, 13, AesSM),
        (OID_AES128, 12, AesSM),
        ("0.4.0.127.0.7.2.2.4.2.4", 13, AesSM),
        ("0.4.0.127.0.7.2.2.4.2.1", 13, DesSM),
    ],
)
def test_can_round_trip_gives_interoperable_sessions(protocol, parameter_id, sm_type):
    info = PaceInfo(protocol, 2, parameter_id)
    terminal = PaceTerminal("012345", info)
    chip = PaceChip("012345", [PaceInfo("0.4.0.127.0.7.2.2.4.2.3", 2, 13), info])
    assert run_pace(terminal, chip) == 0x9000
    reader, card = terminal.session(), chip.session
    assert isinstance(reader, sm_type) and isinstance(card, sm_type)
    assert (reader.ks_enc, reader.ks_mac) == (card.ks_enc, card.ks_mac)
    for plain, answer in [
        (Apdu(0, 0xA4, 4, 0x0C, H("A0000002471001")), b""),
        (Apdu(0, 0xB0, 0x9E, 0, le=4), H("60145F01")),
    ]:
        assert card.unwrap_command(reader.wrap(plain)) == plain
        assert reader.unwrap(*split_response(card.wrap_response(answer, 0x9000))) == (
            answer,
            0x9000,
        )


def test_parameter_id_selects_among_several_domain_parameters():
    # ICAO 9303-11: tag 84 is needed when the chip offers several parameter sets for one OID.
    nist, brainpool = PaceInfo(OID_AES128, 2, 12), PaceInfo(OID_AES128, 2, 13)
    terminal = PaceTerminal("012345", brainpool, include_parameter_id=True)
    assert run_pace(terminal, PaceChip("012345", [nist, brainpool])) == 0x9000
    assert terminal.session() is not None
    # without it the chip takes its first set and the first point exchange fails
    terminal = PaceTerminal("012345", brainpool)
    assert run_pace(terminal, PaceChip("012345", [nist, brainpool])) == 0x6A80


def test_wrong_can_fails_at_the_token_check():
    info = PaceInfo(OID_AES128, 2, 13)
    terminal = PaceTerminal("111111", info)
    chip = PaceChip("012345", [info])
    assert run_pace(terminal, chip) == 0x6300
    assert chip.session is None
    with pytest.raises(AccessDeniedError):
        terminal.session()


def test_terminal_rejects_a_bad_chip_token():
    terminal = _appendix_terminal()
    terminal.set_at_command()
    response = None
    for _command, answer in TRANSCRIPT[:-1]:
        terminal.general_authenticate(response)
        response = H(answer)
    terminal.general_authenticate(response)
    forged = tlv.encode(0x7C, tlv.encode(0x86, bytes(8)))
    with pytest.raises(AccessDeniedError):
        terminal.general_authenticate(forged)
    with pytest.raises(AccessDeniedError):
        terminal.session()


def test_unsupported_protocols_and_parameters():
    assert PaceTerminal.supports(PaceInfo(OID_AES128, 2, 13))
    assert PaceTerminal.supports(PaceInfo(OID_AES128, 2, 12))
    for info in [
        PaceInfo("0.4.0.127.0.7.2.2.4.1.2", 2, 2),  # DH generic mapping
        PaceInfo("0.4.0.127.0.7.2.2.4.4.2", 2, 13),  # ECDH integrated mapping
        PaceInfo(OID_AES128, 2, 2),  # a MODP group
        PaceInfo(OID_AES128, 2, None),  # proprietary domain parameters
    ]:
        assert not PaceTerminal.supports(info)
        with pytest.raises(CardDataError):
            PaceTerminal("012345", info)
    chip = PaceChip("012345", [PaceInfo(OID_AES128, 2, 13)])
    other_oid = tlv.encode(0x80, H("04007F00070202040204")) + H("830102")
    assert chip.handle(Apdu(0, 0x22, 0xC1, 0xA4, other_oid)) == (b"", 0x6A80)
    wrong_param = tlv.encode(0x80, H("04007F00070202040202")) + H("830102") + H("84010C")
    assert chip.handle(Apdu(0, 0x22, 0xC1, 0xA4, wrong_param)) == (b"", 0x6A80)
    mrz_ref = tlv.encode(0x80, H("04007F00070202040202")) + H("830101")
    assert chip.handle(Apdu(0, 0x22, 0xC1, 0xA4, mrz_ref)) == (b"", 0x6A88)


def test_chip_rejects_out_of_order_and_invalid_points():
    info = PaceInfo(OID_AES128, 2, 13)
    chip = PaceChip("012345", [info])
    assert chip.handle(Apdu(0x10, 0x86, 0, 0, H("7C00"), 256)) == (b"", 0x6985)
    terminal = PaceTerminal("012345", info)
    chip.handle(terminal.set_at_command())
    chip.handle(terminal.general_authenticate(None))
    bad_point = b"\x04" + bytes(31) + b"\x01" + bytes(31) + b"\x01"  # (1, 1) is not on the curve
    data = tlv.encode(0x7C, tlv.encode(0x81, bad_point))
    assert chip.handle(Apdu(0x10, 0x86, 0, 0, data, 256)) == (b"", 0x6A80)
    # after an error the protocol must start again with MSE:Set AT
    assert chip.handle(Apdu(0x10, 0x86, 0, 0, H("7C00"), 256)) == (b"", 0x6985)


def test_terminal_rejects_a_chip_point_off_the_curve():
    terminal = _appendix_terminal()
    terminal.general_authenticate(None)
    terminal.general_authenticate(H(TRANSCRIPT[0][1]))
    broken = bytearray(H(TRANSCRIPT[1][1]))
    broken[-1] ^= 1
    with pytest.raises(CardDataError):
        terminal.general_authenticate(bytes(broken))
