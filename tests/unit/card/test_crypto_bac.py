"""BAC and 3DES secure messaging against ICAO 9303-11 Appendix D (worked example), both sides."""

from __future__ import annotations

import pytest

from card_reader.apdu import Apdu
from card_reader.crypto import kdf
from card_reader.crypto.bac import BacChip, BacTerminal, bac_seed, mrz_information
from card_reader.crypto.sm import DesSM
from card_reader.errors import AccessDeniedError, CardDataError

H = bytes.fromhex

# ICAO 9303-11 Appendix D (document L898902C<, born 690806, expires 940623).
MRZ_INFO = "L898902C<369080619406236"
K_SEED = H("239AB9CB282DAF66231DC5A4DF6BFBAE")
K_ENC = H("AB94FDECF2674FDFB9B391F85D7F76F2")
K_MAC = H("7962D9ECE03D1ACD4C76089DCE131543")
RND_ICC = H("4608F91988702212")
RND_IFD = H("781723860C06C226")
K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
K_ICC = H("0B4F80323EB3191CB04970CB4052790B")
E_IFD = H("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2")
M_IFD = H("5F1448EEA8AD90A7")
RESPONSE = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")
KS_ENC = H("979EC13B1CBFE9DCD01AB0FED307EAE5")
KS_MAC = H("F1CB1F1FB5ADF208806B89DC579DC1F8")
SSC = 0x887022120C06C226

# Appendix D.4: SELECT EF.COM, READ BINARY 4 bytes, READ BINARY the remaining 18 bytes.
SM_EXCHANGES = [
    (
        Apdu(0x00, 0xA4, 0x02, 0x0C, H("011E")),
        "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800",
        "990290008E08FA855A5D4C50A8ED",
        "",
    ),
    (
        Apdu(0x00, 0xB0, 0x00, 0x00, le=4),
        "0CB000000D9701048E08ED6705417E96BA5500",
        "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED",
        "60145F01",
    ),
    (
        Apdu(0x00, 0xB0, 0x00, 0x04, le=0x12),
        "0CB000040D9701128E082EA28A70F3C7B53500",
        "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D74",
        "04303130365F36063034303030305C026175",
    ),
]


def _appendix_terminal() -> BacTerminal:
    return BacTerminal(K_SEED, rnd_ifd=RND_IFD, k_ifd=K_IFD)


def _appendix_chip() -> BacChip:
    return BacChip(K_SEED, rnd_icc=RND_ICC, k_icc=K_ICC)


def test_key_seed_and_basic_access_keys():
    assert mrz_information("L898902C", "690806", "940623") == MRZ_INFO
    assert bac_seed("L898902C", "690806", "940623") == K_SEED
    assert bac_seed("L898902C<", "690806", "940623") == K_SEED
    assert kdf.derive_key(K_SEED, kdf.ENC) == K_ENC
    assert kdf.derive_key(K_SEED, kdf.MAC) == K_MAC


def test_des_keys_have_odd_parity():
    for key in (K_ENC, K_MAC, kdf.derive_key(b"\x00" * 16, 1)):
        assert all(bin(b).count("1") % 2 == 1 for b in key)
    assert kdf.adjust_parity(b"\x00\x01\xfe\xff") == b"\x01\x01\xfe\xfe"


def test_bad_bac_key_material_is_rejected():
    with pytest.raises(CardDataError):
        bac_seed("L898902C", "69-08-06", "940623")
    with pytest.raises(CardDataError):
        bac_seed("l89 8902", "690806", "940623")


def test_terminal_builds_the_appendix_external_authenticate():
    terminal = _appendix_terminal()
    assert terminal.get_challenge_command().encode() == H("0084000008")
    command = terminal.external_authenticate_command(RND_ICC)
    assert command.data == E_IFD + M_IFD
    assert command.encode() == H("0082000028") + E_IFD + M_IFD + H("28")


def test_terminal_accepts_the_appendix_answer_and_derives_the_session():
    terminal = _appendix_terminal()
    terminal.external_authenticate_command(RND_ICC)
    session = terminal.finish(RESPONSE)
    assert isinstance(session, DesSM)
    assert (session.ks_enc, session.ks_mac, session.ssc) == (KS_ENC, KS_MAC, SSC)


def test_chip_answers_the_appendix_external_authenticate():
    chip = _appendix_chip()
    assert chip.handle(Apdu.decode(H("0084000008"))[0]) == (RND_ICC, 0x9000)
    command, _ = Apdu.decode(H("0082000028") + E_IFD + M_IFD + H("28"))
    assert chip.handle(command) == (RESPONSE, 0x9000)
    assert chip.session is not None
    assert (chip.session.ks_enc, chip.session.ks_mac, chip.session.ssc) == (KS_ENC, KS_MAC, SSC)


def test_terminal_secure_messaging_matches_appendix_byte_for_byte():
    sm = DesSM(KS_ENC, KS_MAC, SSC)
    for number, (plain, protected, response, data) in enumerate(SM_EXCHANGES):
        assert sm.wrap(plain).encode().hex().upper() == protected
        assert sm.ssc == SSC + 2 * number + 1
        assert sm.unwrap(H(response), 0x9000) == (H(data), 0x9000)
        assert sm.ssc == SSC + 2 * number + 2


def test_chip_secure_messaging_matches_appendix_byte_for_byte():
    sm = DesSM(KS_ENC, KS_MAC, SSC)
    for plain, protected, response, data in SM_EXCHANGES:
        command, extended = Apdu.decode(H(protected))
        assert not extended
        assert sm.unwrap_command(command) == plain
        assert sm.wrap_response(H(data), 0x9000) == H(response + "9000")


def test_in_process_bac_gives_interoperable_sessions():
    seed = bac_seed("095012345", "950115", "350115")
    terminal, chip = BacTerminal(seed), BacChip(seed)
    challenge, sw = chip.handle(terminal.get_challenge_command())
    assert sw == 0x9000 and len(challenge) == 8
    answer, sw = chip.handle(terminal.external_authenticate_command(challenge))
    assert sw == 0x9000
    reader = terminal.finish(answer)
    card = chip.session
    assert card is not None and reader.ssc == card.ssc
    for plain in (Apdu(0, 0xA4, 2, 0x0C, H("011E")), Apdu(0, 0xB0, 0, 0, le=0xDF)):
        assert card.unwrap_command(reader.wrap(plain)) == plain
        data, sw = reader.unwrap(*_split(card.wrap_response(b"\x60\x14", 0x9000)))
        assert (data, sw) == (b"\x60\x14", 0x9000)


def test_wrong_key_is_refused_by_the_chip_with_6300():
    chip = BacChip(bac_seed("095012345", "950115", "350115"))
    terminal = BacTerminal(bac_seed("095012346", "950115", "350115"))
    challenge, _ = chip.handle(terminal.get_challenge_command())
    assert chip.handle(terminal.external_authenticate_command(challenge)) == (b"", 0x6300)
    assert chip.session is None


def test_terminal_rejects_an_answer_made_with_another_key():
    other = BacChip(bac_seed("095012346", "950115", "350115"), rnd_icc=RND_ICC, k_icc=K_ICC)
    other_terminal = BacTerminal(bac_seed("095012346", "950115", "350115"), rnd_ifd=RND_IFD)
    other.handle(other_terminal.get_challenge_command())
    answer, sw = other.handle(other_terminal.external_authenticate_command(RND_ICC))
    assert sw == 0x9000
    terminal = _appendix_terminal()
    terminal.external_authenticate_command(RND_ICC)
    with pytest.raises(AccessDeniedError):
        terminal.finish(answer)


def test_terminal_rejects_a_tampered_or_replayed_answer():
    terminal = _appendix_terminal()
    terminal.external_authenticate_command(RND_ICC)
    with pytest.raises(AccessDeniedError):
        terminal.finish(RESPONSE[:-1] + bytes([RESPONSE[-1] ^ 1]))
    with pytest.raises(AccessDeniedError):
        terminal.finish(RESPONSE[:20])
    # Same key, different terminal nonce: the MAC is right but RND.IFD is not ours.
    replay = BacTerminal(K_SEED, rnd_ifd=H("0000000000000001"), k_ifd=K_IFD)
    replay.external_authenticate_command(RND_ICC)
    with pytest.raises(AccessDeniedError):
        replay.finish(RESPONSE)


def test_chip_state_machine_errors():
    chip = _appendix_chip()
    command = Apdu(0, 0x82, 0, 0, E_IFD + M_IFD, 40)
    assert chip.handle(command) == (b"", 0x6985)  # no challenge issued
    assert chip.handle(Apdu(0, 0x84, 0, 0, le=16)) == (b"", 0x6700)
    chip.handle(Apdu(0, 0x84, 0, 0, le=8))
    assert chip.handle(Apdu(0, 0x82, 0, 0, E_IFD, 40)) == (b"", 0x6700)
    assert chip.handle(command) == (b"", 0x6985)  # a challenge is good for one attempt only
    assert chip.handle(Apdu(0, 0xB0, 0, 0, le=4)) == (b"", 0x6D00)
    assert chip.session is None


def _split(raw: bytes) -> tuple[bytes, int]:
    return raw[:-2], int.from_bytes(raw[-2:], "big")
