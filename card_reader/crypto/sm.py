"""Secure messaging (ICAO 9303-11 §9.8): protect command APDUs and their responses.

One object per session and per side. The terminal calls `wrap` then `unwrap`; the chip calls
`unwrap_command` then `wrap_response`. Every message increments the send sequence counter (SSC)
before it is MACed, so both sides stay in step as long as each message is processed exactly once.

Command:  CLA|0C INS P1 P2 Lc [DO'87'|DO'85'] [DO'97'] DO'8E' Le
Response: [DO'87'|DO'85'] DO'99' DO'8E' 9000
MAC input: SSC || (padded header) || data objects, ISO 9797-1 padding method 2.
"""

from __future__ import annotations

import hmac
from abc import ABC, abstractmethod

from Crypto.Cipher import AES, DES, DES3
from Crypto.Hash import CMAC

from card_reader import tlv
from card_reader.apdu import Apdu
from card_reader.errors import CardDataError, SecureMessagingError

SW_OK = 0x9000
MAC_LENGTH = 8

TAG_CRYPTOGRAM = 0x87  # padding-content indicator + cryptogram
TAG_CRYPTOGRAM_ODD = 0x85  # cryptogram of BER-TLV data (odd INS); no indicator byte
TAG_LE = 0x97
TAG_STATUS = 0x99
TAG_MAC = 0x8E


def pad(data: bytes, block_size: int) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros up to the block size (always added)."""
    data = bytes(data) + b"\x80"
    return data + b"\x00" * (-len(data) % block_size)


def unpad(data: bytes, block_size: int) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80 or len(data) - len(stripped) >= block_size:
        raise SecureMessagingError(detail="bad padding in secured data")
    return stripped[:-1]


class SecureMessaging(ABC):
    """A secure-messaging session: the two session keys and the send sequence counter."""

    block_size: int

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: int = 0):
        self.ks_enc = bytes(ks_enc)
        self.ks_mac = bytes(ks_mac)
        self._ssc = int(ssc) % (1 << (8 * self.block_size))
        self._odd_response = False  # chip side: answer an odd-INS command with DO'85'

    @property
    def ssc(self) -> int:
        return self._ssc

    def _next_ssc(self) -> bytes:
        self._ssc = (self._ssc + 1) % (1 << (8 * self.block_size))
        return self._ssc.to_bytes(self.block_size, "big")

    # -- primitives ------------------------------------------------------------------------

    @abstractmethod
    def encrypt(self, ssc: bytes, data: bytes) -> bytes:
        """Encrypt already padded data for the message numbered `ssc`."""

    @abstractmethod
    def decrypt(self, ssc: bytes, data: bytes) -> bytes: ...

    @abstractmethod
    def mac(self, data: bytes) -> bytes:
        """8-byte MAC over already padded data."""

    def _mac_of(self, ssc: bytes, body: bytes) -> bytes:
        return self.mac(pad(ssc + body, self.block_size))

    def _cryptogram_do(self, ssc: bytes, data: bytes, odd: bool) -> bytes:
        cryptogram = self.encrypt(ssc, pad(data, self.block_size))
        if odd:
            return tlv.encode(TAG_CRYPTOGRAM_ODD, cryptogram)
        return tlv.encode(TAG_CRYPTOGRAM, b"\x01" + cryptogram)

    def _open_cryptogram(self, ssc: bytes, item: tlv.Tlv) -> bytes:
        value = item.value
        if item.tag == TAG_CRYPTOGRAM:
            if not value or value[0] != 0x01:
                raise SecureMessagingError(detail="DO'87' without padding indicator 01")
            value = value[1:]
        if not value or len(value) % self.block_size:
            raise SecureMessagingError(detail="cryptogram is not whole blocks")
        return unpad(self.decrypt(ssc, value), self.block_size)

    # -- terminal side ---------------------------------------------------------------------

    def wrap(self, apdu: Apdu) -> Apdu:
        """Protect a plain command APDU (terminal side)."""
        ssc = self._next_ssc()
        cla = apdu.cla | 0x0C
        header = pad(bytes([cla, apdu.ins, apdu.p1, apdu.p2]), self.block_size)
        body = b""
        if apdu.data:
            body += self._cryptogram_do(ssc, apdu.data, odd=bool(apdu.ins & 1))
        if apdu.le is not None:
            if not 0 < apdu.le <= 65536:
                raise ValueError(f"bad Le {apdu.le}")
            if apdu.le <= 256:
                body += tlv.encode(TAG_LE, bytes([apdu.le % 256]))
            else:
                body += tlv.encode(TAG_LE, (apdu.le % 65536).to_bytes(2, "big"))
        body += tlv.encode(TAG_MAC, self._mac_of(ssc, header + body))
        # The response always carries DO'99' and DO'8E', so Le is always present. Extended
        # length when the plain Le needs it or the protected data no longer fits short form.
        extended = (apdu.le is not None and apdu.le > 256) or len(body) > 255
        return Apdu(cla, apdu.ins, apdu.p1, apdu.p2, body, 65536 if extended else 256)

    def unwrap(self, data: bytes, sw: int) -> tuple[bytes, int]:
        """Check and open a protected response (terminal side); return (plain data, SW)."""
        ssc = self._next_ssc()
        if not data:
            if sw == SW_OK:
                raise SecureMessagingError(detail="9000 without secure messaging objects")
            # The chip answered with a plain error (e.g. 6982, 6A82, 6987/6988 on SM errors).
            return b"", sw
        cryptogram, status, mac = _objects_in_order(_parse(data), TAG_STATUS, "response")
        covered = data[: len(data) - len(mac.raw)]
        if not hmac.compare_digest(self._mac_of(ssc, covered), mac.value):
            raise SecureMessagingError(detail="bad response MAC")
        if status is None or len(status.value) != 2:
            raise SecureMessagingError(detail="response without DO'99'")
        plain = self._open_cryptogram(ssc, cryptogram) if cryptogram is not None else b""
        return plain, int.from_bytes(status.value, "big")

    # -- chip side -------------------------------------------------------------------------

    def unwrap_command(self, apdu: Apdu) -> Apdu:
        """Check and open a protected command (chip side)."""
        ssc = self._next_ssc()
        if apdu.cla & 0x0C != 0x0C:
            raise SecureMessagingError(detail="command is not protected")
        cryptogram, le_do, mac = _objects_in_order(_parse(apdu.data), TAG_LE, "command")
        header = pad(bytes([apdu.cla, apdu.ins, apdu.p1, apdu.p2]), self.block_size)
        covered = apdu.data[: len(apdu.data) - len(mac.raw)]
        if not hmac.compare_digest(self._mac_of(ssc, header + covered), mac.value):
            raise SecureMessagingError(detail="bad command MAC")
        le = None
        if le_do is not None:
            if len(le_do.value) == 1:
                le = le_do.value[0] or 256
            elif len(le_do.value) == 2:
                le = int.from_bytes(le_do.value, "big") or 65536
            else:
                raise SecureMessagingError(detail="bad DO'97'")
        data = self._open_cryptogram(ssc, cryptogram) if cryptogram is not None else b""
        self._odd_response = bool(apdu.ins & 1)
        return Apdu(apdu.cla & ~0x0C & 0xFF, apdu.ins, apdu.p1, apdu.p2, data, le)

    def wrap_response(self, data: bytes, sw: int) -> bytes:
        """Protect a response (chip side); the whole response APDU, outer status 9000."""
        ssc = self._next_ssc()
        body = b""
        if data:
            body += self._cryptogram_do(ssc, data, odd=self._odd_response)
        body += tlv.encode(TAG_STATUS, sw.to_bytes(2, "big"))
        body += tlv.encode(TAG_MAC, self._mac_of(ssc, body))
        return body + SW_OK.to_bytes(2, "big")


def _objects_in_order(items: list, middle_tag: int, what: str) -> tuple:
    """(cryptogram DO'87'/'85', the DO'97' or DO'99' in between, DO'8E') in that order;
    only the MAC is mandatory and nothing else may follow."""
    found = []
    position = 0
    for tags in ((TAG_CRYPTOGRAM, TAG_CRYPTOGRAM_ODD), (middle_tag,), (TAG_MAC,)):
        if position < len(items) and items[position].tag in tags:
            found.append(items[position])
            position += 1
        else:
            found.append(None)
    if found[2] is None or position != len(items):
        raise SecureMessagingError(detail=f"{what} without DO'8E' or with unexpected objects")
    return tuple(found)

def _parse(data: bytes) -> list[tlv.Tlv]:
    """Secure-messaging data objects, strictly: no padding or trailing bytes tolerated."""
    items: list[tlv.Tlv] = []
    position = 0
    try:
        while position < len(data):
            item, position = tlv.decode_one(data, position)
            items.append(item)
    except CardDataError as exc:
        detail = f"malformed secure messaging objects: {exc.detail}"
        raise SecureMessagingError(detail=detail) from exc
    return items


class DesSM(SecureMessaging):
    """3DES (two-key) CBC with zero IV, ISO 9797-1 MAC algorithm 3 (retail MAC), 8-byte SSC."""

    block_size = 8

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: int = 0):
        if len(ks_enc) != 16 or len(ks_mac) != 16:
            raise ValueError("3DES session keys are 16 bytes")
        super().__init__(ks_enc, ks_mac, ssc)

    def encrypt(self, ssc: bytes, data: bytes) -> bytes:
        return tdes_encrypt(self.ks_enc, data)

    def decrypt(self, ssc: bytes, data: bytes) -> bytes:
        return tdes_decrypt(self.ks_enc, data)

    def mac(self, data: bytes) -> bytes:
        return retail_mac(self.ks_mac, data)


class AesSM(SecureMessaging):
    """AES-CBC with IV = E(K_enc, SSC), AES-CMAC truncated to 8 bytes, 16-byte SSC."""

    block_size = 16

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: int = 0):
        if len(ks_enc) not in (16, 24, 32) or len(ks_mac) != len(ks_enc):
            raise ValueError("AES session keys are 16, 24 or 32 bytes")
        super().__init__(ks_enc, ks_mac, ssc)

    def _iv(self, ssc: bytes) -> bytes:
        return AES.new(self.ks_enc, AES.MODE_ECB).encrypt(ssc)

    def encrypt(self, ssc: bytes, data: bytes) -> bytes:
        return AES.new(self.ks_enc, AES.MODE_CBC, iv=self._iv(ssc)).encrypt(data)

    def decrypt(self, ssc: bytes, data: bytes) -> bytes:
        return AES.new(self.ks_enc, AES.MODE_CBC, iv=self._iv(ssc)).decrypt(data)

    def mac(self, data: bytes) -> bytes:
        return aes_cmac(self.ks_mac, data)


# -- primitives shared with BAC, PACE and CA ---------------------------------------------------


def tdes_encrypt(key: bytes, data: bytes) -> bytes:
    return DES3.new(key, DES3.MODE_CBC, iv=bytes(8)).encrypt(data)


def tdes_decrypt(key: bytes, data: bytes) -> bytes:
    return DES3.new(key, DES3.MODE_CBC, iv=bytes(8)).decrypt(data)


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES over already padded data; key = K_a || K_b."""
    if len(data) % 8 or not data:
        raise ValueError("retail MAC input must be whole 8-byte blocks")
    k_a, k_b = key[:8], key[8:16]
    last = DES.new(k_a, DES.MODE_CBC, iv=bytes(8)).encrypt(data)[-8:]
    return DES.new(k_a, DES.MODE_ECB).encrypt(DES.new(k_b, DES.MODE_ECB).decrypt(last))


def aes_cmac(key: bytes, data: bytes) -> bytes:
    return CMAC.new(key, msg=data, ciphermod=AES).digest()[:MAC_LENGTH]
