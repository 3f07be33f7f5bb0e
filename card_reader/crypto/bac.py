"""Basic Access Control (ICAO 9303-11 §4.3): mutual authentication with keys from the MRZ.

K_seed = SHA-1(MRZ_information)[:16]; K_enc/K_mac = KDF(K_seed, 1/2). The terminal sends
E_IFD || M_IFD with E_IFD = 3DES(K_enc, RND.IFD || RND.ICC || K.IFD); the chip answers
E_ICC || M_ICC over RND.ICC || RND.IFD || K.ICC. Session keys come from K.IFD xor K.ICC and
the SSC is the low 4 bytes of RND.ICC followed by the low 4 bytes of RND.IFD.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re

from card_reader.apdu import Apdu
from card_reader.crypto import kdf
from card_reader.crypto.sm import DesSM, pad, retail_mac, tdes_decrypt, tdes_encrypt
from card_reader.errors import AccessDeniedError, CardDataError
from card_reader.mrz import check_digit

SW_OK = 0x9000
SW_AUTH_FAILED = 0x6300
SW_WRONG_LENGTH = 0x6700
SW_CONDITIONS = 0x6985
SW_WRONG_P1P2 = 0x6A86
SW_INS = 0x6D00

INS_GET_CHALLENGE = 0x84
INS_EXTERNAL_AUTHENTICATE = 0x82

_DOCNO = re.compile(r"[0-9A-Z<]+")
_DATE = re.compile(r"[0-9]{6}")
_BAD_KEY = "Số định danh, ngày sinh hoặc ngày hết hạn không hợp lệ."


def mrz_information(document_number: str, date_of_birth: str, date_of_expiry: str) -> str:
    """Document number ('<'-padded to 9) + cd + date of birth + cd + expiry + cd (YYMMDD)."""
    number = document_number.strip().upper().ljust(9, "<")
    if not _DOCNO.fullmatch(number):
        raise CardDataError(_BAD_KEY, detail="BAC document number has non-MRZ characters")
    for date in (date_of_birth, date_of_expiry):
        if not isinstance(date, str) or not _DATE.fullmatch(date):
            raise CardDataError(_BAD_KEY, detail="BAC dates must be YYMMDD")
    return (
        number
        + check_digit(number)
        + date_of_birth
        + check_digit(date_of_birth)
        + date_of_expiry
        + check_digit(date_of_expiry)
    )


def bac_seed(document_number: str, date_of_birth: str, date_of_expiry: str) -> bytes:
    """K_seed: the first 16 bytes of SHA-1(MRZ_information)."""
    info = mrz_information(document_number, date_of_birth, date_of_expiry)
    return hashlib.sha1(info.encode("ascii")).digest()[:16]  # SHA-1 mandated by ICAO


def _mac(key: bytes, data: bytes) -> bytes:
    return retail_mac(key, pad(data, 8))


def _session(k_ifd: bytes, k_icc: bytes, rnd_icc: bytes, rnd_ifd: bytes) -> DesSM:
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_icc, strict=True))
    ks_enc, ks_mac = kdf.session_keys(seed, "3DES")
    return DesSM(ks_enc, ks_mac, int.from_bytes(rnd_icc[4:] + rnd_ifd[4:], "big"))


class BacTerminal:
    """Terminal side: GET CHALLENGE, EXTERNAL AUTHENTICATE, then `finish` gives the session."""

    def __init__(self, k_seed: bytes, *, rnd_ifd: bytes | None = None, k_ifd: bytes | None = None):
        if len(k_seed) != 16:
            raise ValueError("K_seed is 16 bytes")
        self.k_enc, self.k_mac = kdf.session_keys(k_seed, "3DES")
        self.rnd_ifd = rnd_ifd if rnd_ifd is not None else os.urandom(8)
        self.k_ifd = k_ifd if k_ifd is not None else os.urandom(16)
        if len(self.rnd_ifd) != 8 or len(self.k_ifd) != 16:
            raise ValueError("RND.IFD is 8 bytes and K.IFD 16 bytes")
        self._rnd_icc: bytes | None = None

    def get_challenge_command(self) -> Apdu:
        return Apdu(0x00, INS_GET_CHALLENGE, 0x00, 0x00, le=8)

    def external_authenticate_command(self, rnd_icc: bytes) -> Apdu:
        if len(rnd_icc) != 8:
            raise CardDataError(detail=f"GET CHALLENGE returned {len(rnd_icc)} bytes, not 8")
        self._rnd_icc = bytes(rnd_icc)
        e_ifd = tdes_encrypt(self.k_enc, self.rnd_ifd + self._rnd_icc + self.k_ifd)
        return Apdu(
            0x00, INS_EXTERNAL_AUTHENTICATE, 0x00, 0x00, e_ifd + _mac(self.k_mac, e_ifd), 40
        )

    def finish(self, response_data: bytes) -> DesSM:
        """Check the chip's answer; AccessDeniedError when it does not prove the same keys."""
        if self._rnd_icc is None:
            raise RuntimeError("external_authenticate_command() first")
        if len(response_data) != 40:
            raise AccessDeniedError(
                detail=f"EXTERNAL AUTHENTICATE answer of {len(response_data)} B"
            )
        e_icc, m_icc = response_data[:32], response_data[32:]
        if not hmac.compare_digest(_mac(self.k_mac, e_icc), m_icc):
            raise AccessDeniedError(detail="BAC: M_ICC does not verify")
        plain = tdes_decrypt(self.k_enc, e_icc)
        if plain[:8] != self._rnd_icc or plain[8:16] != self.rnd_ifd:
            raise AccessDeniedError(detail="BAC: chip did not return our challenge")
        return _session(self.k_ifd, plain[16:], self._rnd_icc, self.rnd_ifd)


class BacChip:
    """Chip side: answers GET CHALLENGE and EXTERNAL AUTHENTICATE; `session` once it succeeded."""

    def __init__(self, k_seed: bytes, *, rnd_icc: bytes | None = None, k_icc: bytes | None = None):
        if len(k_seed) != 16:
            raise ValueError("K_seed is 16 bytes")
        self.k_enc, self.k_mac = kdf.session_keys(k_seed, "3DES")
        self._fixed_rnd_icc = rnd_icc
        self._fixed_k_icc = k_icc
        self._rnd_icc: bytes | None = None
        self.session: DesSM | None = None

    def handle(self, apdu: Apdu) -> tuple[bytes, int]:
        if apdu.cla & 0x0C:
            return b"", SW_CONDITIONS  # BAC runs before secure messaging exists
        if apdu.ins == INS_GET_CHALLENGE:
            return self._get_challenge(apdu)
        if apdu.ins == INS_EXTERNAL_AUTHENTICATE:
            return self._external_authenticate(apdu)
        return b"", SW_INS

    def _get_challenge(self, apdu: Apdu) -> tuple[bytes, int]:
        if apdu.p1 or apdu.p2:
            return b"", SW_WRONG_P1P2
        if apdu.le != 8 or apdu.data:
            return b"", SW_WRONG_LENGTH
        self._rnd_icc = self._fixed_rnd_icc or os.urandom(8)
        return self._rnd_icc, SW_OK

    def _external_authenticate(self, apdu: Apdu) -> tuple[bytes, int]:
        rnd_icc, self._rnd_icc = self._rnd_icc, None  # a challenge is good for one attempt
        if rnd_icc is None:
            return b"", SW_CONDITIONS
        if apdu.p1 or apdu.p2:
            return b"", SW_WRONG_P1P2
        if len(apdu.data) != 40:
            return b"", SW_WRONG_LENGTH
        e_ifd, m_ifd = apdu.data[:32], apdu.data[32:]
        if not hmac.compare_digest(_mac(self.k_mac, e_ifd), m_ifd):
            return b"", SW_AUTH_FAILED
        plain = tdes_decrypt(self.k_enc, e_ifd)
        rnd_ifd, echoed, k_ifd = plain[:8], plain[8:16], plain[16:]
        if not hmac.compare_digest(echoed, rnd_icc):
            return b"", SW_AUTH_FAILED
        k_icc = self._fixed_k_icc or os.urandom(16)
        e_icc = tdes_encrypt(self.k_enc, rnd_icc + rnd_ifd + k_icc)
        self.session = _session(k_ifd, k_icc, rnd_icc, rnd_ifd)
        return e_icc + _mac(self.k_mac, e_icc), SW_OK
