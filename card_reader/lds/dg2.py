"""DG2 (ICAO 9303-10 §4.7.2): the face image.

    75 { 7F61 { 02 count, 7F60 { A1 {biometric header}, 5F2E|7F2E {biometric data block} } } }

The data block is an ISO/IEC 19794-5 (2005) facial record:
    'FAC\\0' '010\\0' record length (4) number of images (2)            -- 14-byte header
    block length (4) feature points n (2) gender eye hair mask(3) expression(2) pose(3) unc(3)
    n × 8-byte feature points
    image type, data type (0 JPEG, 1 JPEG 2000), width (2), height (2), colour space, source,
    device (2), quality (2)                                                 -- 12 bytes
    image data
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.lds.der import decode_exact

TAG_DG2 = 0x75
TAG_BIT_GROUP = 0x7F61
TAG_BIT = 0x7F60
TAG_BHT = 0xA1
TAG_BDB = 0x5F2E
TAG_BDB_ENCIPHERED = 0x7F2E
TAG_INSTANCES = 0x02

FAC_MAGIC = b"FAC\x00"
_HEADER = struct.Struct(">4s4sIH")  # format id, version, record length, image count
_INFO = struct.Struct(">IH")  # facial record block length, feature points (start of 20 bytes)
_IMAGE_INFO = struct.Struct(">BBHHBBHH")  # 12 bytes
_FACE_INFO_SIZE = 20
_FEATURE_POINT_SIZE = 8

JPEG_MAGIC = b"\xff\xd8\xff"
J2K_CODESTREAM_MAGIC = b"\xff\x4f\xff\x51"
JP2_BOX_MAGIC = b"\x00\x00\x00\x0cjP  \r\n\x87\n"


@dataclass(frozen=True)
class FaceImage:
    image: bytes  # the encoded image as stored (JPEG or JPEG 2000)
    format: str  # "jpeg" | "jpeg2000"
    width: int
    height: int


def image_format(image: bytes) -> str | None:
    """"jpeg" / "jpeg2000" from the magic bytes, None when neither."""
    if image.startswith(JPEG_MAGIC):
        return "jpeg"
    if image.startswith(J2K_CODESTREAM_MAGIC) or image.startswith(JP2_BOX_MAGIC):
        return "jpeg2000"
    return None


def _find_image(block: bytes) -> bytes:
    """Last resort for records whose header lies: the first JPEG/JPEG 2000 signature."""
    positions = [p for p in (block.find(m) for m in (JPEG_MAGIC, JP2_BOX_MAGIC,
                                                      J2K_CODESTREAM_MAGIC)) if p >= 0]
    if not positions:
        raise CardDataError("Ảnh chân dung trên chip không đọc được.", detail="no image magic")
    return block[min(positions) :]


def parse_facial_record(block: bytes) -> FaceImage:
    if len(block) < _HEADER.size + _FACE_INFO_SIZE + _IMAGE_INFO.size:
        raise CardDataError("Ảnh chân dung trên chip không đọc được.", detail="short record")
    magic, _version, _length, count = _HEADER.unpack_from(block, 0)
    if magic != FAC_MAGIC or count < 1:
        raise CardDataError("Ảnh chân dung trên chip không đọc được.", detail="not FAC record")
    pos = _HEADER.size
    block_length, points = _INFO.unpack_from(block, pos)
    image_info_at = pos + _FACE_INFO_SIZE + points * _FEATURE_POINT_SIZE
    if image_info_at + _IMAGE_INFO.size > len(block):
        raise CardDataError("Ảnh chân dung trên chip không đọc được.", detail="feature points")
    _type, data_type, width, height, *_rest = _IMAGE_INFO.unpack_from(block, image_info_at)
    start = image_info_at + _IMAGE_INFO.size
    image_length = block_length - _FACE_INFO_SIZE - points * _FEATURE_POINT_SIZE - _IMAGE_INFO.size
    end = start + image_length if 0 < image_length <= len(block) - start else len(block)
    image = block[start:end]
    fmt = image_format(image)
    if fmt is None:
        image = _find_image(block[start:])
        fmt = image_format(image)
    return FaceImage(image=image, format=fmt or "jpeg", width=width, height=height)


def parse_dg2(data: bytes) -> FaceImage:
    """The first face image of DG2."""
    dg2 = decode_exact(data, TAG_DG2, "DG2")
    group = dg2.require(TAG_BIT_GROUP)
    template = group.find(TAG_BIT)
    if template is None:
        raise CardDataError("Ảnh chân dung trên chip không đọc được.", detail="no 7F60")
    bdb = template.find(TAG_BDB) or template.find(TAG_BDB_ENCIPHERED)
    if bdb is None:
        raise CardDataError("Ảnh chân dung trên chip không đọc được.", detail="no 5F2E")
    if bdb.tag == TAG_BDB_ENCIPHERED:
        # Enciphered biometric data blocks hold TLVs; the plain block is not readable here.
        raise CardDataError("Ảnh chân dung trên chip được mã hóa.", detail="7F2E block")
    return parse_facial_record(bdb.value)


def build_facial_record(image: bytes, *, width: int = 0, height: int = 0) -> bytes:
    fmt = image_format(image)
    if fmt is None:
        raise CardDataError(detail="image is neither JPEG nor JPEG 2000")
    data_type = 0 if fmt == "jpeg" else 1
    face_info = _INFO.pack(_FACE_INFO_SIZE + _IMAGE_INFO.size + len(image), 0)
    # gender, eye, hair unspecified; feature mask, expression, pose angles, uncertainty 0.
    face_info += bytes(_FACE_INFO_SIZE - _INFO.size)
    # Full frontal (1), colour space sRGB (1), source "static photo, digital still" (2).
    image_info = _IMAGE_INFO.pack(1, data_type, width, height, 1, 2, 0, 0)
    record = face_info + image_info + image
    header = _HEADER.pack(FAC_MAGIC, b"010\x00", _HEADER.size + len(record), 1)
    return header + record


def build_dg2(image: bytes, *, width: int = 0, height: int = 0) -> bytes:
    """Wrap one JPEG/JPEG 2000 image as DG2 (what our virtual card serves)."""
    bht = tlv.encode(0x80, b"\x01\x01")  # ICAO header version 1.1
    bht += tlv.encode(0x81, b"\x02")  # biometric type: facial features
    bht += tlv.encode(0x87, b"\x01\x01")  # format owner: ISO/IEC JTC 1/SC 37
    bht += tlv.encode(0x88, b"\x00\x08")  # format type: face image (19794-5)
    record = build_facial_record(image, width=width, height=height)
    template = tlv.encode(TAG_BIT, tlv.encode(TAG_BHT, bht) + tlv.encode(TAG_BDB, record))
    group = tlv.encode(TAG_BIT_GROUP, tlv.encode(TAG_INSTANCES, b"\x01") + template)
    return tlv.encode(TAG_DG2, group)


def face_to_png(image: bytes) -> bytes:
    """Re-encode the chip's JPEG / JPEG 2000 face as PNG for display."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(image)) as img:
            img.load()
            if img.mode not in ("RGB", "RGBA", "L"):
                img = img.convert("RGB")
            out = io.BytesIO()
            img.save(out, format="PNG")
            return out.getvalue()
    except Exception as exc:  # noqa: BLE001 - Pillow's decoders raise assorted errors on junk
        # (UnidentifiedImageError, DecompressionBombError, OSError, ValueError, SyntaxError...)
        raise CardDataError("Không hiển thị được ảnh chân dung.", detail="image decode") from exc
