"""DG1 (ICAO 9303-10 §4.7.1): `61 { 5F1F MRZ }`, the MRZ stored without line breaks."""

from __future__ import annotations

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.lds.der import decode_exact
from card_reader.mrz import Td1Mrz, parse_td1

TAG_DG1 = 0x61
TAG_MRZ = 0x5F1F


def dg1_mrz_text(data: bytes) -> str:
    """The MRZ characters of DG1 exactly as stored (90 for TD1, 72 TD2, 88 TD3)."""
    dg1 = decode_exact(data, TAG_DG1, "DG1")
    value = dg1.require(TAG_MRZ).value
    if not value.isascii():
        raise CardDataError(detail="DG1 MRZ is not ASCII")
    return value.decode("ascii")


def parse_dg1(data: bytes) -> Td1Mrz:
    """DG1 of an ID card → TD1 MRZ (check-digit failures are in `failed_checks`)."""
    text = dg1_mrz_text(data)
    if len(text) != 90:
        raise CardDataError(
            "MRZ trên chip không phải dạng thẻ (TD1).", detail=f"DG1 MRZ length {len(text)}"
        )
    return parse_td1(text)


def build_dg1(mrz: str | Td1Mrz) -> bytes:
    text = mrz.text if isinstance(mrz, Td1Mrz) else mrz
    stored = "".join(text.split())  # lines are stored back to back
    parse_td1(stored)  # refuse to build a DG1 we could not read back
    return tlv.encode(TAG_DG1, tlv.encode(TAG_MRZ, stored.encode("ascii")))
