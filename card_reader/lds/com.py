"""EF.COM (ICAO 9303-10 §4.6.1): LDS version, Unicode version and the list of data groups."""

from __future__ import annotations

from dataclasses import dataclass

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.lds.der import decode_exact

TAG_COM = 0x60
TAG_LDS_VERSION = 0x5F01
TAG_UNICODE_VERSION = 0x5F36
TAG_LIST = 0x5C

# Data group number -> the tag of its file (ICAO 9303-10 Table 34).
DG_TAGS: dict[int, int] = {
    1: 0x61, 2: 0x75, 3: 0x63, 4: 0x76, 5: 0x65, 6: 0x66, 7: 0x67, 8: 0x68,
    9: 0x69, 10: 0x6A, 11: 0x6B, 12: 0x6C, 13: 0x6D, 14: 0x6E, 15: 0x6F, 16: 0x70,
}
TAG_TO_DG: dict[int, int] = {tag: number for number, tag in DG_TAGS.items()}


@dataclass(frozen=True)
class EfCom:
    lds_version: str  # "0107" as stored (LDS 1.7); "" when absent
    unicode_version: str  # "040000" as stored; "" when absent
    data_groups: tuple[int, ...]  # DG numbers in the order listed
    unknown_tags: tuple[int, ...] = ()  # listed tags that are not DG1-16


def _ascii(item: tlv.Tlv | None) -> str:
    if item is None:
        return ""
    if not item.value.isascii():
        raise CardDataError(detail="EF.COM version is not ASCII")
    return item.value.decode("ascii")


def parse_ef_com(data: bytes) -> EfCom:
    com = decode_exact(data, TAG_COM, "EF.COM")
    tag_list = com.require(TAG_LIST)
    if tag_list.constructed:
        raise CardDataError(detail="EF.COM tag list is constructed")
    groups = [TAG_TO_DG[t] for t in tag_list.value if t in TAG_TO_DG]
    unknown = [t for t in tag_list.value if t not in TAG_TO_DG]
    return EfCom(
        lds_version=_ascii(com.find(TAG_LDS_VERSION)),
        unicode_version=_ascii(com.find(TAG_UNICODE_VERSION)),
        data_groups=tuple(groups),
        unknown_tags=tuple(unknown),
    )


def build_ef_com(
    data_groups: tuple[int, ...] | list[int],
    *,
    lds_version: str = "0107",
    unicode_version: str = "040000",
) -> bytes:
    try:
        tags = bytes(DG_TAGS[n] for n in data_groups)
    except KeyError as exc:
        raise CardDataError(detail=f"no DG{exc.args[0]}") from exc
    body = tlv.encode(TAG_LDS_VERSION, lds_version.encode("ascii"))
    body += tlv.encode(TAG_UNICODE_VERSION, unicode_version.encode("ascii"))
    body += tlv.encode(TAG_LIST, tags)
    return tlv.encode(TAG_COM, body)
