"""One import point for the card file parsers/builders, and the assembler that turns the data
groups read from a chip into a `CardReading`."""

from __future__ import annotations

from card_reader.dates import card_date_to_iso
from card_reader.errors import CardDataError
from card_reader.lds import dg13 as f13
from card_reader.lds.com import DG_TAGS, EfCom, build_ef_com, parse_ef_com
from card_reader.lds.dg1 import build_dg1, dg1_mrz_text, parse_dg1
from card_reader.lds.dg2 import FaceImage, build_dg2, face_to_png, image_format, parse_dg2
from card_reader.lds.dg13 import Dg13, build_dg13, parse_dg13
from card_reader.lds.dg15 import build_dg15, parse_dg15
from card_reader.lds.security_infos import (
    build_card_access,
    build_dg14,
    parse_card_access,
    parse_dg14,
)
from card_reader.lds.sod import Sod, parse_sod
from card_reader.mrz import Td1Mrz, parse_typed_mrz, yymmdd_to_iso
from card_reader.reading import CardReading

__all__ = [
    "DG_TAGS", "Dg13", "EfCom", "FaceImage", "Sod", "Td1Mrz",
    "build_card_access", "build_dg1", "build_dg13", "build_dg14", "build_dg15", "build_dg2",
    "build_ef_com", "card_reading_from_files", "dg1_mrz_text", "face_to_png", "image_format",
    "parse_card_access", "parse_dg1", "parse_dg13", "parse_dg14", "parse_dg15", "parse_dg2",
    "parse_ef_com", "parse_sod", "reading_from_mrz_text",
]

_NATIONALITIES = {"VNM": "Việt Nam"}
_SEX = {"M": "Nam", "F": "Nữ"}
_TEXT_FIELDS = {
    f13.ID_NUMBER: "id_number",
    f13.FULL_NAME: "full_name",
    f13.SEX: "sex",
    f13.NATIONALITY: "nationality",
    f13.ETHNICITY: "ethnicity",
    f13.RELIGION: "religion",
    f13.PLACE_OF_ORIGIN: "place_of_origin",
    f13.PLACE_OF_RESIDENCE: "place_of_residence",
    f13.IDENTIFYING_MARKS: "identifying_marks",
    f13.OLD_ID_NUMBER: "old_id_number",
}
_DATE_FIELDS = {
    f13.DATE_OF_BIRTH: "date_of_birth",
    f13.DATE_OF_ISSUE: "date_of_issue",
    f13.DATE_OF_EXPIRY: "date_of_expiry",
}


def _apply_mrz(reading: CardReading, mrz: Td1Mrz) -> None:
    reading.mrz = mrz.text
    reading.id_number = mrz.id_number or mrz.document_number or None
    reading.full_name = mrz.name or None
    reading.sex = _SEX.get(mrz.sex)
    reading.nationality = _NATIONALITIES.get(mrz.nationality, mrz.nationality.strip("<") or None)
    for attr, value, kind in (
        ("date_of_birth", mrz.date_of_birth, "birth"),
        ("date_of_expiry", mrz.date_of_expiry, "expiry"),
    ):
        try:
            setattr(reading, attr, yymmdd_to_iso(value, kind=kind))
        except CardDataError:
            reading.extra[f"mrz_{attr}"] = value
    if mrz.failed_checks:
        reading.extra["mrz_failed_checks"] = ",".join(mrz.failed_checks)


def _apply_dg13(reading: CardReading, dg13: Dg13) -> None:
    mismatches = []
    for number, value in dg13.fields.items():
        if number in _TEXT_FIELDS:
            text = dg13.text(number)
            if text is None:
                continue
            attr = _TEXT_FIELDS[number]
            if attr == "id_number" and reading.id_number and reading.id_number != text:
                mismatches.append("id_number")
            setattr(reading, attr, text)
        elif number in _DATE_FIELDS:
            text = dg13.text(number)
            iso = card_date_to_iso(text)
            attr = _DATE_FIELDS[number]
            if iso is None:
                if text:
                    reading.extra[f"{attr}_text"] = text  # e.g. "Không thời hạn"
                continue
            if attr == "date_of_birth" and reading.date_of_birth and iso != reading.date_of_birth:
                mismatches.append("date_of_birth")
            setattr(reading, attr, iso)
        elif number == f13.PARENTS:
            names = dg13.names(number)
            reading.father_name = names[0] if names else None
            reading.mother_name = names[1] if len(names) > 1 else None
        elif number == f13.SPOUSE:
            names = [n for n in dg13.names(number) if n]
            reading.spouse_name = " ".join(names) or None
        else:
            # Unknown or opaque fields (16, the 2024 additions): kept, never interpreted.
            if isinstance(value, bytes):
                reading.extra[f"dg13.{number}"] = value.hex()
            elif isinstance(value, tuple):
                reading.extra[f"dg13.{number}"] = " | ".join(value)
            else:
                reading.extra[f"dg13.{number}"] = value
    if mismatches:
        reading.extra["dg13_dg1_mismatch"] = ",".join(mismatches)


def reading_from_mrz_text(text: str) -> CardReading:
    """A CardReading (source "mrz") from typed or OCR'd MRZ lines; failed check digits are
    listed in `extra["mrz_failed_checks"]` so the officer can re-check the typing."""
    reading = CardReading(source="mrz", access=None)
    _apply_mrz(reading, parse_typed_mrz(text))
    return reading


def card_reading_from_files(
    dg1: bytes | None, dg13: bytes | None, dg2: bytes | None
) -> CardReading:
    """Assemble a CardReading (source "chip"). DG13's Vietnamese text wins over the MRZ's
    diacritic-free copy; DG1 gives the MRZ. A malformed DG is noted in `extra` as long as
    another one is usable; when none is, the first error is raised."""
    reading = CardReading(source="chip")
    errors: list[CardDataError] = []
    usable = False
    if dg1 is not None:
        try:
            _apply_mrz(reading, parse_dg1(dg1))
            usable = True
        except CardDataError as exc:
            errors.append(exc)
            reading.extra["dg1_error"] = exc.detail or str(exc)
    if dg13 is not None:
        try:
            _apply_dg13(reading, parse_dg13(dg13))
            usable = True
        except CardDataError as exc:
            errors.append(exc)
            reading.extra["dg13_error"] = exc.detail or str(exc)
    if dg2 is not None:
        try:
            face = parse_dg2(dg2)
            reading.face_image = face.image
            reading.face_image_format = face.format
        except CardDataError as exc:
            reading.extra["dg2_error"] = exc.detail or str(exc)
    if not usable:
        if errors:
            raise errors[0]
        raise CardDataError("Không có dữ liệu cá nhân trên chip (DG1/DG13).", detail="no DG1/13")
    return reading
