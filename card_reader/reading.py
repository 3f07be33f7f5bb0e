"""`CardReading`: the one value object every source (chip, QR, typed MRZ) produces.

Field names are also the CLI's JSON keys. Dates are ISO `YYYY-MM-DD` (or partial `YYYY-MM`,
`YYYY`) strings, text is NFC. Chip reads fill the verification and I/O fields.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"  # could not be checked (missing data, no trust anchor, unsupported alg)


@dataclass
class PassiveAuth:
    dg_hashes: Verdict = Verdict.UNKNOWN
    signature: Verdict = Verdict.UNKNOWN  # messageDigest attribute + SignerInfo signature
    chain: Verdict = Verdict.UNKNOWN  # DSC -> CSCA in the trust store
    details: list[str] = field(default_factory=list)  # why a step failed/was unknown

    @property
    def passed(self) -> bool:
        return self.dg_hashes == self.signature == self.chain == Verdict.PASS


@dataclass
class CardReading:
    id_number: str | None = None
    full_name: str | None = None
    date_of_birth: str | None = None
    sex: str | None = None  # "Nam" / "Nữ" as on the card
    nationality: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    place_of_origin: str | None = None
    place_of_residence: str | None = None
    identifying_marks: str | None = None
    date_of_issue: str | None = None
    date_of_expiry: str | None = None
    father_name: str | None = None
    mother_name: str | None = None
    spouse_name: str | None = None
    old_id_number: str | None = None
    mrz: str | None = None  # the MRZ lines joined with "\n"
    face_image_format: str | None = None  # "jpeg" / "jpeg2000"
    source: str = "chip"  # "chip" | "qr" | "mrz"
    access: str | None = None  # "PACE" | "BAC" | None
    passive_auth: PassiveAuth | None = None
    active_auth: Verdict = Verdict.UNKNOWN
    chip_auth: Verdict = Verdict.UNKNOWN
    apdu_count: int = 0
    bytes_read: int = 0
    duration_ms: float = 0.0
    extra: dict[str, str] = field(default_factory=dict)  # unknown DG13 fields / QR fields, raw
    # Not part of the JSON: the face image bytes as stored on the chip.
    face_image: bytes | None = field(default=None, repr=False)

    def to_json_dict(self) -> dict:
        data = asdict(self)
        data.pop("face_image")
        if self.passive_auth is not None:
            data["passive_auth"] = {
                "dg_hashes": str(self.passive_auth.dg_hashes),
                "signature": str(self.passive_auth.signature),
                "chain": str(self.passive_auth.chain),
                "passed": self.passive_auth.passed,
                "details": list(self.passive_auth.details),
            }
        data["active_auth"] = str(self.active_auth)
        data["chip_auth"] = str(self.chip_auth)
        return data
