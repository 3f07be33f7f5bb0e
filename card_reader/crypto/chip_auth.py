"""Chip Authentication version 1 with ECDH (ICAO 9303-11 §6.2), both sides.

The terminal sends an ephemeral public key over the existing secure channel; both sides derive
new session keys from x(SK_eph · PK_chip) with SSC 0. The chip answers the last CA command under
the OLD keys and then switches; the terminal learns that CA worked when the next exchange under
the new keys verifies (only a chip holding the DG14 private key can compute them).

    AES:   MSE:Set AT  00 22 41 A4 {80 CA OID [, 84 keyId]}
           GENERAL AUTHENTICATE 00 86 00 00 7C{80 ephemeral point}  → 7C{}
    3DES:  MSE:Set KAT 00 22 41 A6 {91 ephemeral point [, 84 keyId]}
"""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec as cec

from card_reader import tlv
from card_reader.apdu import Apdu
from card_reader.crypto import ec, kdf
from card_reader.crypto.sm import AesSM, DesSM, SecureMessaging
from card_reader.errors import CardDataError
from card_reader.lds.der import encode_oid
from card_reader.lds.security_infos import ChipAuthenticationInfo

SW_OK = 0x9000
SW_CONDITIONS = 0x6985
SW_WRONG_DATA = 0x6A80
SW_WRONG_P1P2 = 0x6A86
SW_REF_NOT_FOUND = 0x6A88
SW_INS = 0x6D00

# id-CA-ECDH-*: the symmetric cipher of the new session.
CA_ECDH: dict[str, kdf.Cipher] = {
    "0.4.0.127.0.7.2.2.3.2.1": "3DES",
    "0.4.0.127.0.7.2.2.3.2.2": "AES-128",
    "0.4.0.127.0.7.2.2.3.2.3": "AES-192",
    "0.4.0.127.0.7.2.2.3.2.4": "AES-256",
}


def _session(shared_secret: bytes, cipher: kdf.Cipher) -> SecureMessaging:
    ks_enc, ks_mac = kdf.session_keys(shared_secret, cipher)
    return DesSM(ks_enc, ks_mac, 0) if cipher == "3DES" else AesSM(ks_enc, ks_mac, 0)


def _key_id(key_id: int) -> bytes:
    return key_id.to_bytes(max(1, (key_id.bit_length() + 7) // 8), "big")


def _encode_public(key: cec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


class ChipAuthTerminal:
    """Terminal side: send `commands()` over the current secure channel, then use `session()`."""

    def __init__(
        self,
        info: ChipAuthenticationInfo,
        chip_public_key: cec.EllipticCurvePublicKey,
        *,
        rng: ec.Rng | None = None,
    ):
        if info.protocol not in CA_ECDH:
            raise CardDataError(detail=f"unsupported Chip Authentication protocol {info.protocol}")
        if not isinstance(chip_public_key, cec.EllipticCurvePublicKey):
            raise CardDataError(detail="Chip Authentication key is not an EC key")
        self.info = info
        self.cipher = CA_ECDH[info.protocol]
        curve = ec.curve_for(chip_public_key.curve.name)
        private = cec.derive_private_key(ec.random_scalar(curve, rng), chip_public_key.curve)
        self.ephemeral_public_key = _encode_public(private.public_key())
        self._shared = private.exchange(cec.ECDH(), chip_public_key)  # the x-coordinate

    def commands(self) -> list[Apdu]:
        key_ref = (
            tlv.encode(0x84, _key_id(self.info.key_id)) if self.info.key_id is not None else b""
        )
        if self.cipher == "3DES":
            data = tlv.encode(0x91, self.ephemeral_public_key) + key_ref
            return [Apdu(0x00, 0x22, 0x41, 0xA6, data)]
        set_at = tlv.encode(0x80, encode_oid(self.info.protocol)[2:]) + key_ref
        ga = tlv.encode(0x7C, tlv.encode(0x80, self.ephemeral_public_key))
        return [Apdu(0x00, 0x22, 0x41, 0xA4, set_at), Apdu(0x00, 0x86, 0x00, 0x00, ga, 256)]

    def session(self) -> SecureMessaging:
        """New session keys, SSC 0: DesSM for id-CA-ECDH-3DES, AesSM otherwise."""
        return _session(self._shared, self.cipher)


class ChipAuthChip:
    """Chip side: answers MSE:Set AT + GENERAL AUTHENTICATE (AES) or MSE:Set KAT (3DES);
    `new_session` is set once the ephemeral key arrived."""

    def __init__(
        self, private_key: cec.EllipticCurvePrivateKey, info: ChipAuthenticationInfo | None
    ):
        self._private_key = private_key
        self._info = info
        self._cipher: kdf.Cipher | None = None
        self.new_session: SecureMessaging | None = None

    def handle(self, apdu: Apdu) -> tuple[bytes, int]:
        try:
            if apdu.ins == 0x22:
                return self._mse(apdu)
            if apdu.ins == 0x86:
                return self._general_authenticate(apdu)
        except CardDataError:
            self._cipher = None
            return b"", SW_WRONG_DATA
        return b"", SW_INS

    def _items(self, data: bytes) -> dict[int, bytes]:
        return {item.tag: item.value for item in tlv.decode_all(data)}

    def _key_id_ok(self, items: dict[int, bytes]) -> bool:
        wanted = items.get(0x84)
        if wanted is None or self._info is None or self._info.key_id is None:
            return True
        return wanted == _key_id(self._info.key_id)

    def _mse(self, apdu: Apdu) -> tuple[bytes, int]:
        self._cipher = None
        if apdu.p1 != 0x41 or apdu.p2 not in (0xA4, 0xA6):
            return b"", SW_WRONG_P1P2
        items = self._items(apdu.data)
        if not self._key_id_ok(items):
            return b"", SW_REF_NOT_FOUND
        if apdu.p2 == 0xA6:  # Set KAT: 3DES, key agreement right away
            if self._info is not None and CA_ECDH.get(self._info.protocol) != "3DES":
                return b"", SW_CONDITIONS
            if 0x91 not in items:
                return b"", SW_WRONG_DATA
            self.new_session = _session(self._agree(items[0x91]), "3DES")
            return b"", SW_OK
        oid_value = items.get(0x80)
        candidates = [self._info.protocol] if self._info is not None else list(CA_ECDH)
        for protocol in candidates:
            cipher = CA_ECDH.get(protocol)
            # 3DES CA is keyed by MSE:Set KAT only (ICAO 9303-11 §6.2.4)
            if cipher not in (None, "3DES") and encode_oid(protocol)[2:] == oid_value:
                self._cipher = cipher
                return b"", SW_OK
        return b"", SW_WRONG_DATA

    def _general_authenticate(self, apdu: Apdu) -> tuple[bytes, int]:
        cipher, self._cipher = self._cipher, None
        if cipher is None:
            return b"", SW_CONDITIONS
        if (apdu.p1, apdu.p2) != (0x00, 0x00):
            return b"", SW_WRONG_P1P2
        request = tlv.decode(apdu.data)
        point = request.find(0x80) if request.tag == 0x7C else None
        if point is None:
            return b"", SW_WRONG_DATA
        self.new_session = _session(self._agree(point.value), cipher)
        return tlv.encode(0x7C, b""), SW_OK

    def _agree(self, point: bytes) -> bytes:
        curve = self._private_key.curve
        try:
            public = cec.EllipticCurvePublicKey.from_encoded_point(curve, point)
        except ValueError as exc:
            raise CardDataError(
                detail="CA: ephemeral key is not a point of the chip's curve"
            ) from exc
        return self._private_key.exchange(cec.ECDH(), public)
