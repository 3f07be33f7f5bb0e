"""An emulated CCCD chip: ISO 7816-4 file system, BAC/PACE, secure messaging, AA and CA.

`VirtualCard.process(apdu_bytes) -> response_bytes` is all a transport needs; `vpcd.py` puts it
on pcscd's virtual reader and tests call it directly. The behaviour copies what is known of real
CCCDs (DOMAIN.md §4): SELECT MF answers 6D00, EF.CardAccess is selectable without the eMRTD
application, DG3 exists but is EAC-protected (6982), DG11/DG12 are absent (6A82), and after
BAC/PACE every command must be protected — a plain or badly MACed command ends the session.

Extended length: when `options.extended_length` is on, the ATR's historical bytes carry the
card-capabilities compact TLV (ISO 7816-4 §12.1.1.9) with b7 of the third software function
byte set, and EF.ATR/INFO (2F01) adds the extended-length information DO 7F66. When off, that
bit is clear, 7F66 is absent and any extended-length APDU is refused with a plain 6700 before
secure messaging sees it (as a JavaCard runtime does for an applet without extended length): the
chip's SSC does not move, so a terminal that sends one anyway falls out of step.

Response sizes: READ BINARY returns min(Le, bytes left, `options.max_response`) bytes, further
capped so the (protected) response fits the APDU form the command used (256 data bytes for a
short APDU, 65533 for an extended one: vpcd frames a whole response in 2 length bytes).
READ BINARY with the odd INS B1 takes its offset from DO'54' and answers inside DO'53'
(ISO 7816-4 §11.3.3), Le counting the DO'53' header. No 6Cxx and no 6282: a read past the end
returns the bytes left with 9000; an offset at or beyond the end gives 6B00.

Status words chosen where real CCCD behaviour is unknown: PACE disabled → MSE:Set AT 6A86;
BAC disabled → EXTERNAL AUTHENTICATE 6982; a wrong BAC/PACE key → 6300 (from the crypto layer);
a protected command with no session → 6988; AA/CA before access control → 6982.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from typing import Any

from card_reader import tlv
from card_reader.apdu import Apdu
from card_reader.crypto import active_auth
from card_reader.crypto.bac import BacChip, bac_seed
from card_reader.crypto.chip_auth import ChipAuthChip
from card_reader.crypto.pace import PaceChip
from card_reader.errors import CardDataError, CardError, CardRemovedError

log = logging.getLogger(__name__)

EMRTD_AID = bytes.fromhex("A0000002471001")

EF_CARD_ACCESS = 0x011C
EF_ATR_INFO = 0x2F01
EF_COM = 0x011E
EF_SOD = 0x011D
MF = 0x3F00


def dg_fid(number: int) -> int:
    return 0x0100 + number


# Files under the MF that anyone may read, and files no access key opens (EAC).
PUBLIC_FIDS = frozenset({EF_CARD_ACCESS, EF_ATR_INFO})
MF_FIDS = PUBLIC_FIDS
EAC_FIDS = frozenset({dg_fid(3), dg_fid(4)})
SFI_TO_FID = {0x1C: EF_CARD_ACCESS, 0x1D: EF_SOD, 0x1E: EF_COM} | {
    n: dg_fid(n) for n in range(1, 17)
}

SW_OK = 0x9000
SW_WRONG_LENGTH = 0x6700
SW_SECURITY = 0x6982
SW_CONDITIONS = 0x6985
SW_NO_CURRENT_EF = 0x6986
SW_SM_MISSING = 0x6987
SW_SM_WRONG = 0x6988
SW_WRONG_DATA = 0x6A80
SW_NOT_FOUND = 0x6A82
SW_WRONG_P1P2 = 0x6A86
SW_OFFSET = 0x6B00
SW_INS = 0x6D00
SW_CLA = 0x6E00
SW_UNKNOWN = 0x6F00

SHORT_RESPONSE = 256
# vpcd frames each message with a 2-byte length, so data + SW must stay within 65535 bytes.
EXTENDED_RESPONSE = 0xFFFF - 2


class VirtualCardRemoved(CardRemovedError):
    """The `drop_after_bytes` fault fired: the card leaves the field instead of answering.

    A CardRemovedError so an in-process transport surfaces it as a pulled card."""


def _sw(sw: int) -> bytes:
    return sw.to_bytes(2, "big")


def sm_response_length(n: int, block: int) -> int:
    """Bytes of a protected response (DO87 + DO99 + DO8E) carrying `n` plaintext bytes."""
    tail = 4 + 10  # DO99 status + DO8E MAC (8 bytes)
    if n == 0:
        return tail
    value = 1 + (n // block + 1) * block  # padding indicator + ISO 9797-1 M2 padded data
    return 1 + len(tlv.encode_length(value)) + value + tail


def max_plaintext(limit: int, block: int | None) -> int:
    """Largest plaintext whose response data fits `limit` bytes (block None = no SM)."""
    if block is None:
        return limit
    low, high = 0, limit  # sm_response_length is monotonic: binary search
    while low < high:
        mid = (low + high + 1) // 2
        if sm_response_length(mid, block) <= limit:
            low = mid
        else:
            high = mid - 1
    return low


def build_atr(extended_length: bool) -> bytes:
    """Contactless-style ATR (PC/SC part 3): 3B 8n 80 01 + historical bytes + TCK.

    Historical bytes: category 80, card capabilities 73 (selection by full DF name, by FID and
    by SFI; one-byte data units; chaining, plus extended Lc/Le only when enabled) and a
    pre-issuing data object 6x "XASOVC" so the app can tell the training card apart."""
    third = 0x80 | (0x40 if extended_length else 0)
    historical = bytes([0x80, 0x73, 0x94, 0x01, third, 0x66]) + b"XASOVC"
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3b" + body + bytes([tck])


def build_ef_atr_info(extended_length: bool, max_response: int) -> bytes:
    """EF.ATR/INFO (ISO 7816-4 §12.2.2) as BER-TLVs: card capabilities, and 7F66 when on."""
    third = 0x80 | (0x40 if extended_length else 0)
    out = tlv.encode(0x47, bytes([0x94, 0x01, third]))
    if extended_length:
        size = min(max_response, 0xFFFF).to_bytes(2, "big")
        out += tlv.encode(0x7F66, tlv.encode(0x02, size) + tlv.encode(0x02, size))
    return out


def _other_id(id_number: str) -> str:
    """The `wrong_key` fault: the chip's keys come from an ID differing in its last digit."""
    return id_number[:-1] + str((int(id_number[-1]) + 1) % 10)


@dataclass
class _Outer:
    """What the transport allows for the response of one command."""

    extended: bool
    block: int | None  # SM cipher block size, None for a plain command

    @property
    def budget(self) -> int:
        return EXTENDED_RESPONSE if self.extended else SHORT_RESPONSE


class VirtualCard:
    """One chip. Thread-safe: `process` may be called from the vpcd thread and from tests.

    `profile` is a `CardProfile` (profile.py) or anything with the same attributes: `files`
    (FID → bytes served), `options`, `faults`, `id_number` (BAC document number = its last 9
    digits, PACE CAN = its last 6), `bac_key` ((document number, YYMMDD birth, YYMMDD expiry)),
    `pace_infos`, `aa_private_key`, `ca_private_key`, `ca_info`."""

    def __init__(self, profile: Any) -> None:
        self.profile = profile
        self.options = profile.options
        self.faults = profile.faults
        self._lock = threading.RLock()
        self._atr = build_atr(self.options.extended_length)
        self._files: dict[int, bytes] = dict(profile.files)
        self._files[EF_ATR_INFO] = build_ef_atr_info(
            self.options.extended_length, self.options.max_response
        )
        self._dg_bytes_sent = 0
        self._drop_fired = False
        self.powered = False
        self.power_on()

    # -- card life cycle ---------------------------------------------------------------------

    def atr(self) -> bytes:
        return self._atr

    def power_on(self) -> None:
        with self._lock:
            self.powered = True
            self._reset_state()

    def reset(self) -> None:
        with self._lock:
            self.powered = True
            self._reset_state()

    def power_off(self) -> None:
        with self._lock:
            self.powered = False
            self._reset_state()

    def _reset_state(self) -> None:
        self._app_selected = False
        self._current_ef: int | None = None
        self.session: Any = None  # chip-side SM (DesSM/AesSM) once BAC/PACE succeeded
        self.access: str | None = None  # "BAC" | "PACE"
        self._bac: Any = None
        self._pace: Any = None
        self._ca: Any = None

    @property
    def drop_fired(self) -> bool:
        return self._drop_fired

    @property
    def dg_bytes_sent(self) -> int:
        return self._dg_bytes_sent

    # -- keys --------------------------------------------------------------------------------

    def _key_id(self) -> str:
        id_number = self.profile.id_number
        return _other_id(id_number) if self.faults.wrong_key else id_number

    def _bac_seed(self) -> bytes:
        _docno, dob, expiry = self.profile.bac_key
        return bac_seed(self._key_id()[-9:], dob, expiry)

    def _can(self) -> str:
        return self._key_id()[-6:]

    # -- APDU processing ---------------------------------------------------------------------

    def process(self, apdu_bytes: bytes) -> bytes:
        with self._lock:
            try:
                return self._process(bytes(apdu_bytes))
            except VirtualCardRemoved:
                raise
            except Exception:  # a bug here must not look like a pulled card to pcscd
                log.exception("virtual card failed on an APDU")
                self._end_session()
                return _sw(SW_UNKNOWN)

    def _process(self, raw: bytes) -> bytes:
        try:
            apdu, extended = Apdu.decode(raw)
        except CardDataError:
            return _sw(SW_WRONG_LENGTH)
        if extended and not self.options.extended_length:
            # Refused below secure messaging: the chip's SM layer never sees it (SSC unchanged).
            return _sw(SW_WRONG_LENGTH)
        if apdu.cla & 0x80:
            return _sw(SW_CLA)
        protected = apdu.cla & 0x0C == 0x0C
        if self.session is None:
            if protected:
                return _sw(SW_SM_WRONG)  # no session to check it with
            data, sw = self._dispatch(apdu, _Outer(extended, None))
            return data + _sw(sw)
        if not protected:
            self._end_session()  # ICAO 9303-11: a plain command aborts secure messaging
            return _sw(SW_SM_MISSING)
        session = self.session
        try:
            inner = session.unwrap_command(apdu)
        except (CardError, ValueError):
            self._end_session()
            return _sw(SW_SM_WRONG)
        data, sw = self._dispatch(inner, _Outer(extended, _block_size(session)))
        response = session.wrap_response(data, sw)
        if self._ca is not None and getattr(self._ca, "new_session", None) is not None:
            # CA done: its last response went out under the old keys; now switch.
            self.session = self._ca.new_session
            self._ca = None
        return response

    def _end_session(self) -> None:
        self.session = None
        self.access = None
        self._bac = self._pace = self._ca = None

    def _dispatch(self, apdu: Apdu, outer: _Outer) -> tuple[bytes, int]:
        ins = apdu.ins
        if ins == 0xA4:
            return self._select(apdu)
        if ins in (0xB0, 0xB1):
            return self._read_binary(apdu, outer)
        if ins == 0x84:
            return self._get_challenge(apdu)
        if ins == 0x82:
            return self._external_authenticate(apdu)
        if ins == 0x22:
            return self._manage_security_environment(apdu)
        if ins == 0x86:
            return self._general_authenticate(apdu)
        if ins == 0x88:
            return self._internal_authenticate(apdu)
        return b"", SW_INS

    # -- SELECT ------------------------------------------------------------------------------

    def _select(self, apdu: Apdu) -> tuple[bytes, int]:
        if apdu.p2 not in (0x00, 0x04, 0x0C):
            return b"", SW_WRONG_P1P2
        if apdu.p1 == 0x04:
            if apdu.data != EMRTD_AID:
                return b"", SW_NOT_FOUND
            self._app_selected = True
            self._current_ef = None
            if apdu.p2 == 0x0C:
                return b"", SW_OK
            return tlv.encode(0x6F, tlv.encode(0x84, EMRTD_AID)), SW_OK
        if apdu.p1 not in (0x00, 0x02):
            return b"", SW_WRONG_P1P2
        if not apdu.data or apdu.data == MF.to_bytes(2, "big"):
            return b"", SW_INS  # what real CCCDs answer to SELECT MF
        if len(apdu.data) != 2:
            return b"", SW_WRONG_LENGTH
        fid = int.from_bytes(apdu.data, "big")
        if not self._visible(fid):
            return b"", SW_NOT_FOUND
        self._current_ef = fid
        if apdu.p2 == 0x0C:
            return b"", SW_OK
        fcp = (
            tlv.encode(0x80, len(self._files[fid]).to_bytes(2, "big"))
            + tlv.encode(0x82, b"\x01")
            + tlv.encode(0x83, apdu.data)
        )
        return tlv.encode(0x62, fcp), SW_OK

    def _visible(self, fid: int) -> bool:
        if fid not in self._files:
            return False
        return fid in MF_FIDS or self._app_selected

    # -- READ BINARY -------------------------------------------------------------------------

    def _read_binary(self, apdu: Apdu, outer: _Outer) -> tuple[bytes, int]:
        if apdu.le is None:
            return b"", SW_WRONG_LENGTH
        if apdu.ins == 0xB0:
            if apdu.p1 & 0x80:  # short EF identifier: select and read in one command
                if apdu.p1 & 0x60:
                    return b"", SW_WRONG_P1P2
                fid = SFI_TO_FID.get(apdu.p1 & 0x1F)
                if fid is None or not self._visible(fid):
                    return b"", SW_NOT_FOUND
                self._current_ef = fid
                offset = apdu.p2
            else:
                offset = (apdu.p1 << 8) | apdu.p2
            odd = False
        else:
            try:
                offset_do = tlv.decode(apdu.data)
            except CardDataError:
                return b"", SW_WRONG_DATA
            if offset_do.tag != 0x54 or not offset_do.value:
                return b"", SW_WRONG_DATA
            offset = int.from_bytes(offset_do.value, "big")
            if apdu.p1 or apdu.p2:
                fid = (apdu.p1 << 8) | apdu.p2
                if not self._visible(fid):
                    return b"", SW_NOT_FOUND
                self._current_ef = fid
            odd = True
        fid = self._current_ef
        if fid is None:
            return b"", SW_NO_CURRENT_EF
        if fid in EAC_FIDS or (fid not in PUBLIC_FIDS and self.session is None):
            return b"", SW_SECURITY
        content = self._files[fid]
        if offset >= len(content):
            return b"", SW_OFFSET
        is_dg = 0x0101 <= fid <= 0x0110
        if is_dg and self._should_drop():
            self._drop_fired = True
            self.power_off()
            raise VirtualCardRemoved(detail="virtual card: drop_after_bytes fault")
        # Le and the secure-messaging envelope both bound the plaintext response field.
        room = min(apdu.le, max_plaintext(outer.budget, outer.block))
        count = min(len(content) - offset, self.options.max_response)
        count = min(count, _do53_payload(room) if odd else room)
        chunk = content[offset : offset + count]
        if is_dg:
            self._dg_bytes_sent += len(chunk)
        return (tlv.encode(0x53, chunk) if odd else chunk), SW_OK

    def _should_drop(self) -> bool:
        limit = self.faults.drop_after_bytes
        return limit is not None and not self._drop_fired and self._dg_bytes_sent >= limit

    # -- access control ----------------------------------------------------------------------

    def _get_challenge(self, apdu: Apdu) -> tuple[bytes, int]:
        if self.session is None and self.options.bac:
            self._bac = BacChip(self._bac_seed())
            return self._bac.handle(apdu)
        if apdu.le != 8:  # e.g. for Terminal Authentication after access control
            return b"", SW_WRONG_LENGTH
        return os.urandom(8), SW_OK

    def _external_authenticate(self, apdu: Apdu) -> tuple[bytes, int]:
        if self.session is not None or not self.options.bac:
            return b"", SW_SECURITY
        if self._bac is None:
            return b"", SW_CONDITIONS  # no GET CHALLENGE first
        bac, self._bac = self._bac, None
        data, sw = bac.handle(apdu)
        if sw == SW_OK and bac.session is not None:
            self.session = bac.session
            self.access = "BAC"
        return data, sw

    def _manage_security_environment(self, apdu: Apdu) -> tuple[bytes, int]:
        if apdu.p1 == 0xC1 and apdu.p2 == 0xA4:  # MSE:Set AT for PACE
            if not self.options.pace or not self.profile.pace_infos:
                return b"", SW_WRONG_P1P2
            self._pace = PaceChip(self._can(), list(self.profile.pace_infos))
            data, sw = self._pace.handle(apdu)
            if sw != SW_OK:
                self._pace = None
            return data, sw
        if apdu.p1 == 0x41 and apdu.p2 in (0xA4, 0xA6):  # MSE:Set AT / Set KAT for CA
            if self.session is None:
                return b"", SW_SECURITY
            if self.profile.ca_private_key is None:
                return b"", SW_WRONG_P1P2
            self._ca = ChipAuthChip(self.profile.ca_private_key, self.profile.ca_info)
            data, sw = self._ca.handle(apdu)
            if sw != SW_OK:
                self._ca = None
            return data, sw
        return b"", SW_WRONG_P1P2

    def _general_authenticate(self, apdu: Apdu) -> tuple[bytes, int]:
        if self._pace is not None:
            pace = self._pace
            data, sw = pace.handle(apdu)
            if sw != SW_OK:
                self._pace = None
            elif pace.session is not None:
                self._pace = None
                self.session = pace.session
                self.access = "PACE"
            return data, sw
        if self._ca is not None:
            data, sw = self._ca.handle(apdu)
            if sw != SW_OK:
                self._ca = None
            return data, sw
        return b"", SW_CONDITIONS

    def _internal_authenticate(self, apdu: Apdu) -> tuple[bytes, int]:
        key = self.profile.aa_private_key
        if key is None:
            return b"", SW_INS
        if self.session is None:
            return b"", SW_SECURITY
        if len(apdu.data) != 8:
            return b"", SW_WRONG_LENGTH
        return active_auth.sign(key, apdu.data), SW_OK


def _do53_payload(room: int) -> int:
    """Largest chunk whose DO'53' wrapper fits `room` bytes."""
    n = room
    while n > 0 and 1 + len(tlv.encode_length(n)) + n > room:
        n -= 1
    return n


def _block_size(session: Any) -> int:
    size = getattr(session, "block_size", None)
    if isinstance(size, int):
        return size
    return 16 if "aes" in type(session).__name__.lower() else 8
