"""ISO 7816-4 command/response APDUs, short and extended length."""

from __future__ import annotations

from dataclasses import dataclass

from card_reader.errors import CardDataError

SW_OK = 0x9000


@dataclass(frozen=True)
class Apdu:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None  # bytes expected; "as many as possible" is 256 (short) or 65536 (extended)

    def needs_extended(self) -> bool:
        return len(self.data) > 255 or (self.le is not None and self.le > 256)

    def encode(self, extended: bool | None = None) -> bytes:
        """Encode; `extended=None` picks extended length only when the sizes require it."""
        ext = self.needs_extended() if extended is None else extended
        if not ext and self.needs_extended():
            raise ValueError("APDU does not fit short length")
        out = bytearray([self.cla, self.ins, self.p1, self.p2])
        if ext:
            if self.data:
                out += b"\x00" + len(self.data).to_bytes(2, "big") + self.data
            if self.le is not None:
                le = 0 if self.le >= 65536 else self.le
                out += (b"" if self.data else b"\x00") + le.to_bytes(2, "big")
        else:
            if self.data:
                out += bytes([len(self.data)]) + self.data
            if self.le is not None:
                out.append(0 if self.le >= 256 else self.le)
        return bytes(out)

    @classmethod
    def decode(cls, raw: bytes) -> tuple[Apdu, bool]:
        """Parse a command APDU; return it and whether it used extended length."""
        if len(raw) < 4:
            raise CardDataError(detail="APDU shorter than 4 bytes")
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        if not body:
            return cls(cla, ins, p1, p2), False
        if len(body) == 1:
            return cls(cla, ins, p1, p2, le=body[0] or 256), False
        if body[0] != 0:  # short with data
            lc = body[0]
            if len(body) == 1 + lc:
                return cls(cla, ins, p1, p2, bytes(body[1:])), False
            if len(body) == 2 + lc:
                return cls(cla, ins, p1, p2, bytes(body[1 : 1 + lc]), body[-1] or 256), False
            raise CardDataError(detail="bad short APDU length")
        # extended
        if len(body) == 3:
            return cls(cla, ins, p1, p2, le=int.from_bytes(body[1:3], "big") or 65536), True
        lc = int.from_bytes(body[1:3], "big")
        rest = body[3:]
        if lc == 0 or len(rest) < lc:
            raise CardDataError(detail="bad extended APDU length")
        data = bytes(rest[:lc])
        tail = rest[lc:]
        if not tail:
            return cls(cla, ins, p1, p2, data), True
        if len(tail) == 2:
            return cls(cla, ins, p1, p2, data, int.from_bytes(tail, "big") or 65536), True
        raise CardDataError(detail="bad extended APDU trailer")


def split_response(raw: bytes) -> tuple[bytes, int]:
    """Split a response APDU into (data, status word)."""
    if len(raw) < 2:
        raise CardDataError(detail="response shorter than a status word")
    return bytes(raw[:-2]), int.from_bytes(raw[-2:], "big")
