"""The virtual card as an in-process transport: training mode without PC/SC.

Training ("thẻ mô phỏng") must work on every office PC, including Windows machines where no
virtual-reader driver is installed, so the app can hand `read_card` this instead of a PC/SC
connection. Tests use it to exercise the reader without pcscd.
"""

from __future__ import annotations

from card_reader.virtual.card import VirtualCard


class LocalTransport:
    def __init__(self, card: VirtualCard) -> None:
        self.card = card
        card.power_on()
        self.atr = card.atr()
        self.commands: list[bytes] = []  # every command sent, for diagnostics and tests

    def transmit(self, command: bytes) -> bytes:
        self.commands.append(command)
        return self.card.process(command)

    def close(self) -> None:
        self.card.power_off()
