"""Read a chip ID card end to end: access control, files, verification → `CardReading`.

Order (ICAO 9303-11): EF.CardAccess at MF level → PACE-CAN when advertised (else BAC after
selecting the eMRTD application) → EF.COM, EF.SOD and the data groups it lists → passive
authentication → chip authentication (DG14) and active authentication (DG15). Any retryable
failure (card pulled, broken secure channel) restarts the whole read; a partial read is never
returned.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from card_reader import passive_auth
from card_reader.apdu import Apdu, split_response
from card_reader.crypto import active_auth
from card_reader.crypto.bac import BacTerminal, bac_seed
from card_reader.crypto.chip_auth import ChipAuthTerminal
from card_reader.crypto.pace import PaceTerminal
from card_reader.errors import (
    AccessDeniedError,
    CardDataError,
    CardError,
    CardRemovedError,
    NoCardError,
    UnsupportedCardError,
)
from card_reader.file_reader import (
    SW_NOT_FOUND,
    SW_OK,
    FileAbsent,
    FileProtected,
    FileReader,
    ReadPolicy,
    atr_supports_extended,
)
from card_reader.keys import load_public_key
from card_reader.lds import security_infos
from card_reader.lds.files import card_reading_from_files, parse_dg15, parse_ef_com
from card_reader.mrz import bac_document_number
from card_reader.reading import CardReading, Verdict
from card_reader.trust import TrustStore

log = logging.getLogger(__name__)

EMRTD_AID = bytes.fromhex("A0000002471001")
EF_CARD_ACCESS = (0x011C, 0x1C)
EF_COM = (0x011E, 0x1E)
EF_SOD = (0x011D, 0x1D)
DG_FILES = {n: (0x0100 + n, n) for n in range(1, 17)}
# DG3/DG4 need Extended Access Control (terminal certificates we do not have).
READ_DGS = (1, 2, 13, 14, 15)


class Transport(Protocol):
    atr: bytes

    def transmit(self, command: bytes) -> bytes: ...


@dataclass
class AccessKey:
    """What the officer types or scans: the 12-digit ID (PACE CAN = its last 6 digits);
    BAC also needs the dates of birth and expiry (YYMMDD) from the MRZ."""

    id_number: str
    date_of_birth: str | None = None
    date_of_expiry: str | None = None

    @property
    def can(self) -> str:
        return self.id_number[-6:]

    @property
    def has_bac(self) -> bool:
        return bool(self.date_of_birth and self.date_of_expiry)


@dataclass
class ReadOptions:
    key: AccessKey
    method: str = "auto"  # "auto" | "pace" | "bac"
    adaptive: bool = True  # False = fixed 0xDF chunks (the benchmark baseline)
    read_face: bool = True
    trust: TrustStore | None = None
    active_auth: bool = True
    chip_auth: bool = True
    progress: Callable[[str, float], None] | None = None  # (step, fraction of whole read)
    cancel: threading.Event | None = None
    attempts: int = 3
    reinsert_wait: float = 10.0  # after a pulled card, seconds to wait for it to come back


class Cancelled(CardError):  # noqa: N818
    code = "cancelled"
    default_message = "Đã hủy đọc thẻ."


@dataclass
class _Channel:
    transport: Transport
    sm: object | None = None  # a card_reader.crypto.sm.SecureMessaging once authenticated
    apdus: int = 0
    bytes_in: int = 0

    def exchange(self, apdu: Apdu) -> tuple[bytes, int]:
        command = self.sm.wrap(apdu) if self.sm is not None else apdu
        raw = self.transport.transmit(command.encode())
        self.apdus += 1
        self.bytes_in += len(raw)
        data, sw = split_response(raw)
        if self.sm is not None:
            return self.sm.unwrap(data, sw)
        return data, sw


@dataclass
class _Progress:
    report: Callable[[str, float], None] | None
    cancel: threading.Event | None
    done: float = 0.0

    def step(self, name: str, fraction: float) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()
        self.done = fraction
        if self.report:
            self.report(name, fraction)


# Share of the whole read each file takes in the progress bar (DG2 dominates the bytes).
_WEIGHTS = {"access": 0.1, 0x1E: 0.02, 0x1D: 0.08, 1: 0.03, 2: 0.6, 13: 0.07, 14: 0.03, 15: 0.02}


def read_card(connect: Callable[[], Transport], options: ReadOptions) -> CardReading:
    """Read and verify the card; `connect()` opens a fresh transport for each attempt.

    A retryable failure (card pulled, broken secure channel) restarts the whole read, waiting
    up to `reinsert_wait` seconds for the card to be put back; nothing of a failed attempt is
    kept."""
    last: CardError | None = None
    deadline: float | None = None
    for attempt in range(max(1, options.attempts)):
        transport = None
        try:
            transport = _connect(connect, deadline, options)
            return _read_once(transport, options)
        except CardError as err:
            if not err.retryable:
                raise
            last = err
            deadline = deadline or time.monotonic() + options.reinsert_wait
            log.info("card read attempt %d failed (%s), retrying", attempt + 1, err.code)
        finally:
            close = getattr(transport, "close", None)
            if close is not None:
                close()
    assert last is not None
    raise last


def _connect(connect: Callable[[], Transport], deadline: float | None, options: ReadOptions):
    """Connect; after a failed attempt, wait (until `deadline`) for the card to be put back."""
    while True:
        try:
            return connect()
        except NoCardError:
            if deadline is None:
                raise
            if time.monotonic() >= deadline:
                raise CardRemovedError() from None
            if options.progress:
                options.progress("wait_card", 0.0)
            if options.cancel is not None and options.cancel.wait(0.1):
                raise Cancelled() from None
            time.sleep(0.1)


def _read_once(transport: Transport, options: ReadOptions) -> CardReading:
    started = time.perf_counter()
    progress = _Progress(options.progress, options.cancel)
    channel = _Channel(transport)
    extended = atr_supports_extended(transport.atr)
    policy = ReadPolicy(adaptive=options.adaptive, extended=extended, cipher_block=None)

    progress.step("access", 0.0)
    card_access = _read_card_access(channel, policy)
    paces = [i for i in card_access if isinstance(i, security_infos.PaceInfo)]
    access = _authenticate(channel, options, paces)
    policy.cipher_block = 8 if access == "BAC" else 16
    progress.step("access", _WEIGHTS["access"])

    files: dict[int, bytes] = {}
    done = _WEIGHTS["access"]

    def read(key: int, fid_sfi: tuple[int, int]) -> bytes | None:
        nonlocal done
        base = done
        weight = _WEIGHTS.get(key, 0.02)

        def on_bytes(got: int, total: int) -> None:
            progress.step(_step_name(key), base + weight * got / max(total, 1))

        reader = FileReader(channel.exchange, policy, on_bytes)
        try:
            data = reader.read(*fid_sfi)
        except (FileAbsent, FileProtected):
            data = None
        done = base + weight
        progress.step(_step_name(key), done)
        return data

    com = read(0x1E, EF_COM)
    present = parse_ef_com(com).data_groups if com else list(READ_DGS)
    sod = read(0x1D, EF_SOD)
    for number in READ_DGS:
        if number not in present or (number == 2 and not options.read_face):
            continue
        data = read(number, DG_FILES[number])
        if data is not None:
            files[number] = data

    if 1 not in files and 13 not in files:
        raise UnsupportedCardError(detail="no DG1/DG13")
    progress.step("verify", 0.97)
    reading = card_reading_from_files(files.get(1), files.get(13), files.get(2))
    reading.source = "chip"
    reading.access = access
    if sod is not None:
        reading.passive_auth = passive_auth.verify(sod, files, options.trust)
    else:
        reading.passive_auth = passive_auth.PassiveAuth(details=["EF.SOD không có trên thẻ"])
    pa = reading.passive_auth
    if options.chip_auth and 14 in files:
        reading.chip_auth = _chip_authentication(channel, files[14], _dg_verified(pa, 14))
    if options.active_auth and 15 in files:
        reading.active_auth = _active_authentication(
            channel, files[15], files.get(14), _dg_verified(pa, 15)
        )
    reading.apdu_count = channel.apdus
    reading.bytes_read = channel.bytes_in
    reading.duration_ms = round((time.perf_counter() - started) * 1000, 1)
    progress.step("done", 1.0)
    return reading


def _step_name(key: int) -> str:
    return {0x1E: "EF.COM", 0x1D: "EF.SOD"}.get(key, f"DG{key}")


def _read_card_access(channel: _Channel, policy: ReadPolicy) -> list:
    """EF.CardAccess sits under the MF; selecting it directly works on CCCDs (MF → 6D00)."""
    reader = FileReader(channel.exchange, ReadPolicy(adaptive=policy.adaptive, use_sfi=False))
    try:
        raw = reader.read(*EF_CARD_ACCESS)
    except (FileAbsent, FileProtected, CardDataError):
        return []  # BAC-only cards have no EF.CardAccess
    try:
        return security_infos.parse_security_infos(raw)
    except CardDataError:
        log.warning("EF.CardAccess unreadable, falling back to BAC")
        return []


def _select_application(channel: _Channel) -> None:
    _data, sw = channel.exchange(Apdu(0x00, 0xA4, 0x04, 0x0C, EMRTD_AID))
    if sw == SW_NOT_FOUND or sw != SW_OK:
        raise UnsupportedCardError(detail=f"SELECT AID SW={sw:04X}")


def _authenticate(channel: _Channel, options: ReadOptions, paces: list) -> str:
    key = options.key
    usable = [p for p in paces if PaceTerminal.supports(p)]
    if options.method == "pace" and not usable:
        raise UnsupportedCardError(
            "Thẻ không hỗ trợ PACE; hãy đọc bằng BAC (cần ngày sinh và ngày hết hạn).",
            detail="no supported PACEInfo",
        )
    if usable and options.method in ("auto", "pace"):
        try:
            _pace(channel, key, usable[0])
            _select_application(channel)
            return "PACE"
        except AccessDeniedError:
            if options.method == "pace" or not key.has_bac:
                raise
            log.info("PACE refused, trying BAC")
            channel.sm = None
    if not key.has_bac:
        raise AccessDeniedError(
            "Thẻ này cần đọc bằng BAC: hãy nhập thêm ngày sinh và ngày hết hạn của thẻ.",
            detail="BAC needs DOB and expiry",
        )
    _select_application(channel)
    _bac(channel, key)
    return "BAC"


def _pace(channel: _Channel, key: AccessKey, info: security_infos.PaceInfo) -> None:
    terminal = PaceTerminal(key.can, info)
    _data, sw = channel.exchange(terminal.set_at_command())
    if sw != SW_OK:
        raise AccessDeniedError(detail=f"MSE:Set AT SW={sw:04X}")
    response: bytes | None = None
    while (command := terminal.general_authenticate(response)) is not None:
        response, sw = channel.exchange(command)
        if sw != SW_OK:
            raise AccessDeniedError(detail=f"PACE GA SW={sw:04X}")
    channel.sm = terminal.session()


def _bac(channel: _Channel, key: AccessKey) -> None:
    seed = bac_seed(bac_document_number(key.id_number), key.date_of_birth, key.date_of_expiry)
    terminal = BacTerminal(seed)
    rnd_icc, sw = channel.exchange(terminal.get_challenge_command())
    if sw != SW_OK or len(rnd_icc) != 8:
        raise UnsupportedCardError(detail=f"GET CHALLENGE SW={sw:04X}")
    response, sw = channel.exchange(terminal.external_authenticate_command(rnd_icc))
    if sw != SW_OK:
        raise AccessDeniedError(detail=f"EXTERNAL AUTHENTICATE SW={sw:04X}")
    channel.sm = terminal.finish(response)


def _dg_verified(pa, number: int) -> bool:
    return pa is not None and passive_auth.dg_verified(pa, number)


def _chip_authentication(channel: _Channel, dg14: bytes, trusted: bool) -> Verdict:
    """Prove the chip holds the DG14 private key: switch SM keys and read EF.COM's header."""
    try:
        infos = security_infos.parse_dg14(dg14)
        ca = next(i for i in infos if isinstance(i, security_infos.ChipAuthenticationInfo))
        pk = next(
            i for i in infos if isinstance(i, security_infos.ChipAuthenticationPublicKeyInfo)
        )
    except (CardDataError, StopIteration):
        return Verdict.UNKNOWN
    terminal = ChipAuthTerminal(ca, load_public_key(pk.public_key_spki))
    for command in terminal.commands():
        _data, sw = channel.exchange(command)
        if sw != SW_OK:
            return Verdict.FAIL
    channel.sm = terminal.session()
    try:
        _data, sw = channel.exchange(Apdu(0x00, 0xA4, 0x02, 0x0C, b"\x01\x1e"))
    except CardError:
        return Verdict.FAIL
    if sw != SW_OK:
        return Verdict.FAIL
    # A chip key that PA did not vouch for proves nothing about authenticity.
    return Verdict.PASS if trusted else Verdict.UNKNOWN


def _active_authentication(
    channel: _Channel, dg15: bytes, dg14: bytes | None, trusted: bool
) -> Verdict:
    try:
        public_key = load_public_key(parse_dg15(dg15))
    except CardDataError:
        return Verdict.UNKNOWN
    algorithm = None
    if dg14:
        try:
            infos = security_infos.parse_dg14(dg14)
            aa = [i for i in infos if isinstance(i, security_infos.ActiveAuthenticationInfo)]
            algorithm = aa[0].signature_algorithm if aa else None
        except CardDataError:
            pass
    challenge = os.urandom(8)
    signature, sw = channel.exchange(active_auth.internal_authenticate_command(challenge))
    if sw != SW_OK or not signature:
        return Verdict.FAIL
    if not active_auth.verify(public_key, challenge, signature, algorithm):
        return Verdict.FAIL
    return Verdict.PASS if trusted else Verdict.UNKNOWN
