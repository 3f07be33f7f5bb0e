"""BER-TLV (ISO 7816-4 / X.690) decoding and encoding, strict and bounded.

Hand-written rather than asn1crypto because card files are parsed tag by tag (DG1's 5F1F,
DG2's biometric templates, SM data objects) where asn1crypto needs a schema per structure.
Every malformed input raises CardDataError, never another exception.
"""

from __future__ import annotations

from dataclasses import dataclass

from card_reader.errors import CardDataError


@dataclass(frozen=True)
class Tlv:
    tag: int  # the tag bytes as a big-endian integer, e.g. 0x5F1F, 0x61, 0x7F61
    value: bytes
    raw: bytes  # the whole TLV as it appeared (hashing needs the exact bytes)

    @property
    def constructed(self) -> bool:
        first = self.tag.to_bytes((self.tag.bit_length() + 7) // 8 or 1, "big")[0]
        return bool(first & 0x20)

    def children(self) -> list[Tlv]:
        if not self.constructed:
            raise CardDataError(detail=f"tag {self.tag:X} is primitive")
        return decode_all(self.value)

    def find(self, tag: int) -> Tlv | None:
        return next((c for c in self.children() if c.tag == tag), None)

    def require(self, tag: int) -> Tlv:
        found = self.find(tag)
        if found is None:
            raise CardDataError(detail=f"missing tag {tag:X} in {self.tag:X}")
        return found


def read_header(data: bytes, offset: int = 0) -> tuple[int, int, int]:
    """Return (tag, length, header_size) of the TLV starting at `offset`."""
    n = len(data)
    if offset >= n:
        raise CardDataError(detail="truncated TLV: no tag")
    pos = offset
    tag = data[pos]
    pos += 1
    if tag & 0x1F == 0x1F:  # multi-byte tag
        while True:
            if pos >= n or pos - offset > 4:
                raise CardDataError(detail="truncated or oversized tag")
            b = data[pos]
            tag = (tag << 8) | b
            pos += 1
            if not b & 0x80:
                break
    if pos >= n:
        raise CardDataError(detail="truncated TLV: no length")
    first = data[pos]
    pos += 1
    if first < 0x80:
        length = first
    elif first == 0x80:
        raise CardDataError(detail="indefinite length not allowed")
    else:
        count = first & 0x7F
        if count > 4 or pos + count > n:
            raise CardDataError(detail="bad long-form length")
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    return tag, length, pos - offset


def decode_one(data: bytes, offset: int = 0) -> tuple[Tlv, int]:
    """Decode the TLV at `offset`; return it and the offset just past it."""
    tag, length, header = read_header(data, offset)
    start = offset + header
    end = start + length
    if end > len(data):
        raise CardDataError(detail=f"TLV {tag:X} longer than its data")
    return Tlv(tag, bytes(data[start:end]), bytes(data[offset:end])), end


def decode(data: bytes) -> Tlv:
    """Decode exactly one TLV; trailing bytes other than 00/FF padding are an error."""
    tlv, end = decode_one(data)
    if any(b not in (0x00, 0xFF) for b in data[end:]):
        raise CardDataError(detail="trailing bytes after TLV")
    return tlv


def decode_all(data: bytes) -> list[Tlv]:
    items: list[Tlv] = []
    pos = 0
    while pos < len(data):
        if data[pos] in (0x00, 0xFF) and all(b in (0x00, 0xFF) for b in data[pos:]):
            break  # padding
        tlv, pos = decode_one(data, pos)
        items.append(tlv)
    return items


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    size = (length.bit_length() + 7) // 8
    return bytes([0x80 | size]) + length.to_bytes(size, "big")


def encode(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    return tag_bytes + encode_length(len(value)) + value
