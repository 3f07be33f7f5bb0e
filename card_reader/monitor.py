"""Reader and card presence monitor that heals itself.

pyscard's `CardMonitor` thread dies for good when the PC/SC service goes away (on Windows the
service stops with the last reader unplugged), so this is our own loop on
`SCardGetStatusChange`: on any service error it drops the context and re-establishes it with
backoff, then reports the state difference as events.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from smartcard import scard

log = logging.getLogger(__name__)

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"
POLL_MS = 400  # bounded wait so stop() and new readers are noticed promptly
BACKOFF_S = (0.2, 0.5, 1.0, 2.0)


@dataclass(frozen=True)
class CardEvent:
    kind: str  # service_up | service_down | reader_added | reader_removed | card_inserted | card_removed
    reader: str | None = None
    atr: bytes = b""


class ReaderMonitor:
    """Runs in a daemon thread; calls `on_event(CardEvent)` from that thread."""

    def __init__(self, on_event: Callable[[CardEvent], None]) -> None:
        self._on_event = on_event
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.readers: dict[str, bytes | None] = {}  # reader -> ATR of the present card, or None
        self.service_up = False

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="card-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _emit(self, kind: str, reader: str | None = None, atr: bytes = b"") -> None:
        try:
            self._on_event(CardEvent(kind, reader, atr))
        except Exception:  # a faulty listener must not kill the monitor
            log.exception("card event listener failed")

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                self._service_lost()
                self._stop.wait(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
                attempt += 1
                continue
            try:
                self._watch(ctx)
                attempt = 0
            finally:
                scard.SCardReleaseContext(ctx)
            if not self._stop.is_set():
                self._service_lost()
                self._stop.wait(BACKOFF_S[0])

    def _service_lost(self) -> None:
        if self.service_up:
            self.service_up = False
            log.info("PC/SC service lost")
            for reader in list(self.readers):
                self._drop_reader(reader)
            self._emit("service_down")

    def _drop_reader(self, reader: str) -> None:
        if self.readers.pop(reader, None) is not None:
            self._emit("card_removed", reader)
        self._emit("reader_removed", reader)

    def _watch(self, ctx: int) -> None:
        """Track one context until the service fails or stop() is called."""
        if not self.service_up:
            self.service_up = True
            self._emit("service_up")
        states: dict[str, int] = {}
        while not self._stop.is_set():
            hresult, names = scard.SCardListReaders(ctx, [])
            if hresult in (scard.SCARD_E_NO_READERS_AVAILABLE, scard.SCARD_E_READER_UNAVAILABLE):
                names = []
            elif hresult != scard.SCARD_S_SUCCESS:
                return
            for gone in [r for r in self.readers if r not in names]:
                states.pop(gone, None)
                self._drop_reader(gone)
            for new in [r for r in names if r not in self.readers]:
                self.readers[new] = None
                states[new] = scard.SCARD_STATE_UNAWARE
                self._emit("reader_added", new)
            query = [(r, states[r]) for r in names] + [(PNP_NOTIFICATION, states.get("pnp", 0))]
            hresult, result = scard.SCardGetStatusChange(ctx, POLL_MS, query)
            if hresult == scard.SCARD_E_TIMEOUT:
                continue
            if hresult in (scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE):
                continue  # a reader vanished between list and wait: list again
            if hresult != scard.SCARD_S_SUCCESS:
                return
            for name, event_state, atr in result:
                if name == PNP_NOTIFICATION:
                    states["pnp"] = event_state & ~scard.SCARD_STATE_CHANGED
                    continue
                states[name] = event_state & ~scard.SCARD_STATE_CHANGED
                self._card_state(name, event_state, bytes(atr))

    def _card_state(self, reader: str, state: int, atr: bytes) -> None:
        present = bool(state & scard.SCARD_STATE_PRESENT) and not state & scard.SCARD_STATE_MUTE
        had = self.readers.get(reader)
        if present and had is None:
            self.readers[reader] = atr
            self._emit("card_inserted", reader, atr)
        elif not present and had is not None:
            self.readers[reader] = None
            self._emit("card_removed", reader)

