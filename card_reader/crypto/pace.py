"""PACE with ECDH generic mapping (ICAO 9303-11 §4.4, BSI TR-03110), both sides.

    MSE:Set AT      00 22 C1 A4  {80 protocol OID, 83 password ref [, 84 parameterId]}
    GA 1  10 86     7C{}                 → 7C{80 z = E(K_pi, s)}
    GA 2  10 86     7C{81 PK_PCD,map}    → 7C{82 PK_PICC,map}    H = SK·PK, G' = s·G + H
    GA 3  10 86     7C{83 PK_PCD,eph}    → 7C{84 PK_PICC,eph}    K = x(SK_eph·PK_eph)
    GA 4  00 86     7C{85 T_PCD}         → 7C{86 T_PICC}
T = MAC(KS_mac, 7F49{06 OID, 86 other side's ephemeral point}); session keys KDF(K, 1/2), SSC 0.
A wrong password gives each side a different G', so the first token check fails.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from Crypto.Cipher import AES, DES3
from Crypto.Hash import CMAC

from card_reader import tlv
from card_reader.apdu import Apdu
from card_reader.crypto import ec, kdf
from card_reader.crypto.sm import AesSM, DesSM, SecureMessaging, pad, retail_mac
from card_reader.errors import AccessDeniedError, CardDataError
from card_reader.lds.der import encode_oid
from card_reader.lds.security_infos import PaceInfo

SW_OK = 0x9000
SW_AUTH_FAILED = 0x6300
SW_CONDITIONS = 0x6985
SW_WRONG_DATA = 0x6A80
SW_WRONG_P1P2 = 0x6A86
SW_REF_NOT_FOUND = 0x6A88
SW_INS = 0x6D00

PASSWORD_MRZ = 1
PASSWORD_CAN = 2
PASSWORD_PIN = 3
PASSWORD_PUK = 4

# id-PACE-ECDH-GM-*: the symmetric cipher each protocol uses.
PACE_ECDH_GM: dict[str, kdf.Cipher] = {
    "0.4.0.127.0.7.2.2.4.2.1": "3DES",
    "0.4.0.127.0.7.2.2.4.2.2": "AES-128",
    "0.4.0.127.0.7.2.2.4.2.3": "AES-192",
    "0.4.0.127.0.7.2.2.4.2.4": "AES-256",
}

NONCE_LENGTH = 16  # ICAO asks for at least 80 bits; one AES block, two 3DES blocks


def password_key(password: str, password_ref: int, cipher: kdf.Cipher) -> bytes:
    """K_pi = KDF(f(π), 3). For the MRZ (ref 1) `password` is MRZ_information and
    f(π) = SHA-1 of it; CAN/PIN/PUK are used as their ISO 8859-1 bytes."""
    if password_ref == PASSWORD_MRZ:
        secret = hashlib.sha1(password.encode("ascii")).digest()  # SHA-1 mandated by ICAO
    elif password_ref in (PASSWORD_CAN, PASSWORD_PIN, PASSWORD_PUK):
        secret = password.encode("latin-1")
    else:
        raise ValueError(f"unknown PACE password reference {password_ref}")
    return kdf.derive_key(secret, kdf.PACE_PASSWORD, cipher)


def _block_cipher(key: bytes, cipher: kdf.Cipher):
    if cipher == "3DES":
        return DES3.new(key, DES3.MODE_CBC, iv=bytes(8))
    return AES.new(key, AES.MODE_CBC, iv=bytes(16))


def _block_size(cipher: kdf.Cipher) -> int:
    return 8 if cipher == "3DES" else 16


def authentication_token(ks_mac: bytes, cipher: kdf.Cipher, oid: str, point: bytes) -> bytes:
    """MAC over the public key data object 7F49{06 OID, 86 ephemeral point}."""
    data = tlv.encode(0x7F49, encode_oid(oid) + tlv.encode(0x86, point))
    if cipher == "3DES":
        return retail_mac(ks_mac, pad(data, 8))
    return CMAC.new(ks_mac, msg=data, ciphermod=AES).digest()[:8]


def _session(shared_secret: bytes, cipher: kdf.Cipher) -> SecureMessaging:
    ks_enc, ks_mac = kdf.session_keys(shared_secret, cipher)
    return DesSM(ks_enc, ks_mac, 0) if cipher == "3DES" else AesSM(ks_enc, ks_mac, 0)


def _dynamic_data(response: bytes | None, tag: int) -> bytes:
    """The value of `tag` inside a 7C dynamic authentication data object."""
    if not response:
        raise CardDataError(detail="PACE: empty GENERAL AUTHENTICATE response")
    outer = tlv.decode(response)
    if outer.tag != 0x7C:
        raise CardDataError(detail="PACE: response is not 7C dynamic authentication data")
    inner = outer.find(tag)
    if inner is None:
        raise CardDataError(detail=f"PACE: response without tag {tag:02X}")
    return inner.value


def _7c(tag: int | None, value: bytes = b"") -> bytes:
    return tlv.encode(0x7C, tlv.encode(tag, value) if tag is not None else b"")


class PaceTerminal:
    """Terminal side. Drive it with `set_at_command()`, then `general_authenticate(None)` and
    `general_authenticate(previous response data)` until it returns None, then `session()`."""

    def __init__(
        self,
        password: str,
        info: PaceInfo,
        *,
        password_ref: int = PASSWORD_CAN,
        rng: ec.Rng | None = None,
        include_parameter_id: bool = False,
    ):
        if not self.supports(info):
            raise CardDataError(
                detail=f"unsupported PACE protocol {info.protocol} / parameterId {info.parameter_id}"
            )
        self.info = info
        self.cipher = PACE_ECDH_GM[info.protocol]
        self.curve = ec.STANDARDIZED_CURVES[info.parameter_id]
        self.password_ref = password_ref
        self.include_parameter_id = include_parameter_id
        self._k_pi = password_key(password, password_ref, self.cipher)
        self._rng = rng
        self._step = 0
        self._s = 0
        self._sk_map = 0
        self._sk_eph = 0
        self._pk_eph = b""
        self._pk_chip_eph = b""
        self._ks_mac = b""
        self._session: SecureMessaging | None = None
        self._pending: SecureMessaging | None = None

    @staticmethod
    def supports(info: PaceInfo) -> bool:
        return info.protocol in PACE_ECDH_GM and info.parameter_id in ec.STANDARDIZED_CURVES

    def set_at_command(self) -> Apdu:
        data = tlv.encode(0x80, encode_oid(self.info.protocol)[2:])
        data += tlv.encode(0x83, bytes([self.password_ref]))
        if self.include_parameter_id:
            data += tlv.encode(0x84, bytes([self.info.parameter_id or 0]))
        return Apdu(0x00, 0x22, 0xC1, 0xA4, data)

    def general_authenticate(self, previous_response_data: bytes | None) -> Apdu | None:
        step = self._step
        self._step += 1
        if step == 0:
            return self._ga(_7c(None))
        if step == 1:
            z = _dynamic_data(previous_response_data, 0x80)
            if not z or len(z) % _block_size(self.cipher):
                raise CardDataError(detail="PACE: encrypted nonce is not whole blocks")
            self._s = int.from_bytes(_block_cipher(self._k_pi, self.cipher).decrypt(z), "big")
            self._sk_map = ec.random_scalar(self.curve, self._rng)
            pk_map = ec.multiply(self.curve.generator, self._sk_map)
            return self._ga(_7c(0x81, ec.encode_point(pk_map, self.curve)))
        if step == 2:
            pk_chip_map = ec.decode_point(_dynamic_data(previous_response_data, 0x82), self.curve)
            h = ec.multiply(pk_chip_map, self._sk_map)
            mapped = ec.add(ec.multiply(self.curve.generator, self._s), h)
            self._sk_eph = ec.random_scalar(self.curve, self._rng)
            self._pk_eph = ec.encode_point(ec.multiply(mapped, self._sk_eph), self.curve)
            return self._ga(_7c(0x83, self._pk_eph))
        if step == 3:
            self._pk_chip_eph = _dynamic_data(previous_response_data, 0x84)
            pk_chip_eph = ec.decode_point(self._pk_chip_eph, self.curve)
            if self._pk_chip_eph == self._pk_eph:
                raise CardDataError(detail="PACE: chip echoed our ephemeral key")
            shared = ec.x_bytes(ec.multiply(pk_chip_eph, self._sk_eph), self.curve)
            self._pending = _session(shared, self.cipher)
            self._ks_mac = self._pending.ks_mac
            token = authentication_token(
                self._ks_mac, self.cipher, self.info.protocol, self._pk_chip_eph
            )
            return self._ga(_7c(0x85, token), last=True)
        if step == 4:
            t_picc = _dynamic_data(previous_response_data, 0x86)
            expected = authentication_token(
                self._ks_mac, self.cipher, self.info.protocol, self._pk_eph
            )
            if not hmac.compare_digest(t_picc, expected):
                raise AccessDeniedError(detail="PACE: chip authentication token does not verify")
            self._session, self._pending = self._pending, None
            return None
        self._step = step  # finished: stay finished
        return None

    @staticmethod
    def _ga(data: bytes, *, last: bool = False) -> Apdu:
        return Apdu(0x00 if last else 0x10, 0x86, 0x00, 0x00, data, 256)

    def session(self) -> SecureMessaging:
        """The secure-messaging session (AesSM for the AES protocols), SSC 0."""
        if self._session is None:
            raise AccessDeniedError(detail="PACE not completed or the chip's token did not verify")
        return self._session


class PaceChip:
    """Chip side: answers MSE:Set AT and the four GENERAL AUTHENTICATE steps; `session` once the
    terminal's token verified. A wrong password → 6300 at step 4 and no session."""

    def __init__(
        self,
        password: str,
        supported: list[PaceInfo],
        *,
        password_ref: int = PASSWORD_CAN,
        rng: ec.Rng | None = None,
    ):
        self._password = password
        self._password_ref = password_ref
        self._supported = list(supported)
        self._rng = rng
        self.session: SecureMessaging | None = None
        self._reset()

    def _reset(self) -> None:
        self._info: PaceInfo | None = None
        self._step = 0

    def _random(self, n: int) -> bytes:
        return (self._rng or os.urandom)(n)

    def handle(self, apdu: Apdu) -> tuple[bytes, int]:
        if apdu.ins == 0x22:
            return self._set_at(apdu)
        if apdu.ins == 0x86:
            try:
                return self._general_authenticate(apdu)
            except CardDataError:
                self._reset()
                return b"", SW_WRONG_DATA
        return b"", SW_INS

    def _set_at(self, apdu: Apdu) -> tuple[bytes, int]:
        self._reset()
        self.session = None
        if (apdu.p1, apdu.p2) != (0xC1, 0xA4):
            return b"", SW_WRONG_P1P2
        try:
            items = {item.tag: item.value for item in tlv.decode_all(apdu.data)}
        except CardDataError:
            return b"", SW_WRONG_DATA
        oid_value, ref = items.get(0x80), items.get(0x83)
        if oid_value is None or ref is None:
            return b"", SW_WRONG_DATA
        parameter_id = items.get(0x84)
        for info in self._supported:
            if not PaceTerminal.supports(info) or encode_oid(info.protocol)[2:] != oid_value:
                continue
            if parameter_id is not None and parameter_id != bytes([info.parameter_id or 0]):
                continue
            break
        else:
            return b"", SW_WRONG_DATA
        if ref != bytes([self._password_ref]):
            return b"", SW_REF_NOT_FOUND
        self._info = info
        self._cipher = PACE_ECDH_GM[info.protocol]
        self._curve = ec.STANDARDIZED_CURVES[info.parameter_id]
        self._step = 1
        return b"", SW_OK

    def _general_authenticate(self, apdu: Apdu) -> tuple[bytes, int]:
        info, step = self._info, self._step
        if info is None or self.session is not None:
            return b"", SW_CONDITIONS
        if (apdu.p1, apdu.p2) != (0x00, 0x00):
            return b"", SW_WRONG_P1P2
        chained = bool(apdu.cla & 0x10)
        if chained != (step < 4):
            self._reset()
            return b"", SW_CONDITIONS
        curve, cipher = self._curve, self._cipher
        self._step += 1
        if step == 1:
            request = tlv.decode(apdu.data)
            if request.tag != 0x7C or request.value:
                raise CardDataError(detail="PACE: step 1 expects an empty 7C")
            nonce = self._random(NONCE_LENGTH)
            self._s = int.from_bytes(nonce, "big")
            k_pi = password_key(self._password, self._password_ref, cipher)
            z = _block_cipher(k_pi, cipher).encrypt(nonce)
            return _7c(0x80, z), SW_OK
        if step == 2:
            pk_pcd_map = ec.decode_point(_dynamic_data(apdu.data, 0x81), curve)
            sk_map = ec.random_scalar(curve, self._rng)
            pk_map = ec.multiply(curve.generator, sk_map)
            h = ec.multiply(pk_pcd_map, sk_map)
            self._mapped = ec.add(ec.multiply(curve.generator, self._s), h)
            return _7c(0x82, ec.encode_point(pk_map, curve)), SW_OK
        if step == 3:
            self._pk_pcd_eph = _dynamic_data(apdu.data, 0x83)
            pk_pcd_eph = ec.decode_point(self._pk_pcd_eph, curve)
            sk_eph = ec.random_scalar(curve, self._rng)
            self._pk_eph = ec.encode_point(ec.multiply(self._mapped, sk_eph), curve)
            if self._pk_eph == self._pk_pcd_eph:
                raise CardDataError(detail="PACE: terminal echoed our ephemeral key")
            shared = ec.x_bytes(ec.multiply(pk_pcd_eph, sk_eph), curve)
            self._pending = _session(shared, cipher)
            return _7c(0x84, self._pk_eph), SW_OK
        t_pcd = _dynamic_data(apdu.data, 0x85)
        ks_mac = self._pending.ks_mac
        if not hmac.compare_digest(
            t_pcd, authentication_token(ks_mac, cipher, info.protocol, self._pk_eph)
        ):
            self._reset()
            return b"", SW_AUTH_FAILED
        self.session = self._pending
        t_picc = authentication_token(ks_mac, cipher, info.protocol, self._pk_pcd_eph)
        self._reset()
        return _7c(0x86, t_picc), SW_OK
