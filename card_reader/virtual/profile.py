"""`CardProfile`: a synthetic resident plus card options and faults → every file of the chip.

JSON (all person fields are strings; dates dd/mm/yyyy as printed on the card):

    {
      "label": "…",                      # optional, shown in the training UI
      "person": {"id_number": "038…", "full_name": "…", "date_of_birth": "dd/mm/yyyy",
                 "sex": "Nam" | "Nữ", "nationality": "Việt Nam", "ethnicity": "Kinh",
                 "religion": "Không", "place_of_origin": "…", "place_of_residence": "…",
                 "identifying_marks": "…", "date_of_issue": "dd/mm/yyyy",
                 "date_of_expiry": "dd/mm/yyyy" | "Không thời hạn",
                 "father_name": "…", "mother_name": "…",
                 "spouse_name": "…" | null, "old_id_number": "…" | null},
      "face": "generated" | "generated-jpeg2000" | "path/to/face.jpg|.jp2",
      "options": {"pace": true, "bac": true, "extended_length": false,
                  "max_response": 65535, "aa": "ec" | "rsa" | null, "ca": true,
                  "curve": "brainpoolP256r1" | "P-256"},
      "faults": {"wrong_key": false, "drop_after_bytes": null, "corrupt_dg": null,
                 "bad_sod_signature": false}
    }

The person fields may also sit at the top level instead of under "person". Keys and
certificates (test CSCA, DSC, the chip's CA and AA keys) are generated once and cached in
`key_dir` (default: one temporary folder per process), so reloading a profile gives the same
files; `profile.csca_cert_der` is the trust anchor a reader needs for passive authentication.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from asn1crypto import cms
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from PIL import Image

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.lds import security_infos as si
from card_reader.lds.com import build_ef_com
from card_reader.lds.der import encode_int, encode_oid
from card_reader.lds.dg1 import build_dg1
from card_reader.lds.dg2 import build_dg2
from card_reader.lds.dg13 import build_dg13
from card_reader.lds.dg15 import build_dg15
from card_reader.mrz import build_td1
from card_reader.virtual.face import synthetic_face
from card_reader.virtual.pki import TestPki

PRESETS_DIR = Path(__file__).with_name("presets")
NO_EXPIRY = "Không thời hạn"
NO_EXPIRY_MRZ = "991231"  # what one sample card carries for "no expiry" (DOMAIN.md §4)

_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")


@dataclass(frozen=True)
class Person:
    id_number: str
    full_name: str
    date_of_birth: str
    sex: str
    date_of_expiry: str
    nationality: str = "Việt Nam"
    ethnicity: str = "Kinh"
    religion: str = "Không"
    place_of_origin: str = ""
    place_of_residence: str = ""
    identifying_marks: str = ""
    date_of_issue: str = ""
    father_name: str = ""
    mother_name: str = ""
    spouse_name: str | None = None
    old_id_number: str | None = None

    def __post_init__(self) -> None:
        if not re.fullmatch(r"\d{12}", self.id_number):
            raise CardDataError(detail="profile id_number must be 12 digits")
        if self.sex not in ("Nam", "Nữ"):
            raise CardDataError(detail="profile sex must be Nam or Nữ")
        for name in ("date_of_birth", "date_of_issue"):
            value = getattr(self, name)
            if value and not _DATE.fullmatch(value):
                raise CardDataError(detail=f"profile {name} must be dd/mm/yyyy")
        if self.date_of_expiry != NO_EXPIRY and not _DATE.fullmatch(self.date_of_expiry):
            raise CardDataError(detail="profile date_of_expiry must be dd/mm/yyyy")


@dataclass(frozen=True)
class Options:
    pace: bool = True
    bac: bool = True
    extended_length: bool = False
    max_response: int = 0xFFFF  # plaintext bytes per READ BINARY at most (e.g. 0xDF)
    aa: str | None = "ec"  # Active Authentication key type: "ec", "rsa" or None (no DG15)
    ca: bool = True  # Chip Authentication key in DG14
    curve: str = "brainpoolP256r1"  # for the CA key and an EC AA key; or "P-256"

    def __post_init__(self) -> None:
        if not self.pace and not self.bac:
            raise CardDataError(detail="profile needs PACE or BAC")
        if not 1 <= self.max_response <= 0xFFFF:
            raise CardDataError(detail="max_response must be 1..65535")
        if self.aa not in (None, "ec", "rsa"):
            raise CardDataError(detail="options.aa must be ec, rsa or null")
        if self.curve not in ("brainpoolP256r1", "P-256"):
            raise CardDataError(detail="options.curve must be brainpoolP256r1 or P-256")


@dataclass(frozen=True)
class Faults:
    wrong_key: bool = False  # the chip's access keys come from a different ID number
    drop_after_bytes: int | None = None  # card pulled once after this many DG bytes
    corrupt_dg: int | None = None  # flip a byte of this DG after the SOD was signed
    bad_sod_signature: bool = False  # corrupt the SOD's signature bytes


@dataclass
class CardProfile:
    person: Person
    options: Options = field(default_factory=Options)
    faults: Faults = field(default_factory=Faults)
    face: str = "generated"
    label: str = ""
    # Built by `build()`:
    mrz: str = ""
    face_image: bytes = b""
    clean_files: dict[int, bytes] = field(default_factory=dict)  # FID → bytes as signed
    files: dict[int, bytes] = field(default_factory=dict)  # FID → bytes served (faults applied)
    pace_infos: list = field(default_factory=list)
    ca_info: Any = None
    ca_private_key: Any = None
    aa_private_key: Any = None
    csca_cert_der: bytes = b""
    dsc_cert_der: bytes = b""

    @property
    def id_number(self) -> str:
        return self.person.id_number

    @property
    def can(self) -> str:
        """PACE CAN as Vietnamese apps use it: the last 6 digits of the ID number."""
        return self.person.id_number[-6:]

    @property
    def bac_key(self) -> tuple[str, str, str]:
        """(document number, YYMMDD birth, YYMMDD expiry) as in the MRZ."""
        return (
            self.person.id_number[-9:],
            mrz_date(self.person.date_of_birth),
            mrz_expiry(self.person.date_of_expiry),
        )

    @property
    def data_groups(self) -> dict[int, bytes]:
        """DG number → bytes served, for the DGs on the chip."""
        return {fid - 0x0100: data for fid, data in self.files.items() if 0x0101 <= fid <= 0x0110}


def mrz_date(ddmmyyyy: str) -> str:
    match = _DATE.fullmatch(ddmmyyyy)
    if match is None:
        raise CardDataError(detail="date must be dd/mm/yyyy")
    day, month, year = match.groups()
    return year[2:] + month + day


def mrz_expiry(value: str) -> str:
    return NO_EXPIRY_MRZ if value == NO_EXPIRY else mrz_date(value)


# -- loading -----------------------------------------------------------------------------------


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESETS_DIR.glob("*.json"))


def preset_data(name: str) -> dict:
    """The JSON of a bundled preset as a dict (tests tweak options/faults and load it)."""
    path = PRESETS_DIR / f"{name}.json"
    if not path.is_file():
        raise CardDataError(detail=f"no preset {name!r}")
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("_base_dir", str(PRESETS_DIR))
    return data


def load_preset(name: str, key_dir: str | Path | None = None, **changes: dict) -> CardProfile:
    """A bundled preset; `changes` may override "options" and "faults" entries."""
    data = preset_data(name)
    for section, values in changes.items():
        data[section] = {**data.get(section, {}), **values}
    return load_profile(data, key_dir)


def load_profile(source: str | Path | dict, key_dir: str | Path | None = None) -> CardProfile:
    """Parse a profile (JSON file path, or the parsed dict) and build every chip file."""
    if isinstance(source, dict):
        data = dict(source)
        base = Path(data.pop("_base_dir", "."))
    else:
        path = Path(source)
        data = json.loads(path.read_text(encoding="utf-8"))
        base = path.parent
    profile = parse_profile(data, base)
    return build(profile, key_dir)


def parse_profile(data: dict, base_dir: Path = Path(".")) -> CardProfile:
    person_data = data.get("person")
    if person_data is None:
        names = {f.name for f in fields(Person)}
        person_data = {k: v for k, v in data.items() if k in names}
    person = Person(**{k: _nfc(v) for k, v in person_data.items()})
    options = Options(**data.get("options", {}))
    faults = Faults(**data.get("faults", {}))
    face = data.get("face", "generated")
    if not face.startswith("generated") and not Path(face).is_absolute():
        face = str(base_dir / face)
    return CardProfile(
        person=person, options=options, faults=faults, face=face, label=data.get("label", "")
    )


def _nfc(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def with_changes(profile: CardProfile, key_dir: str | Path | None = None, **changes) -> CardProfile:
    """Rebuild `profile` with other `options`/`faults` (given as dicts of fields)."""
    parts = {}
    if "options" in changes:
        parts["options"] = replace(profile.options, **changes["options"])
    if "faults" in changes:
        parts["faults"] = replace(profile.faults, **changes["faults"])
    fresh = CardProfile(
        person=profile.person,
        options=parts.get("options", profile.options),
        faults=parts.get("faults", profile.faults),
        face=profile.face,
        label=profile.label,
    )
    return build(fresh, key_dir)


# -- building ----------------------------------------------------------------------------------

_default_dir: Path | None = None
_dir_lock = threading.Lock()


def default_key_dir() -> Path:
    """One temporary folder per process, so keys are generated once per test run."""
    global _default_dir
    with _dir_lock:
        if _default_dir is None:
            _default_dir = Path(tempfile.mkdtemp(prefix="xaso-virtual-card-"))
        return _default_dir


PKI_SEED = b"xa-so virtual CCCD test PKI v1"
# AA with RSA uses 1024 bits, as many real chips do: its 128-byte signature still fits a short
# protected response (a 2048-bit one would need extended length).
AA_RSA_BITS = 1024
ECDSA_SHA256 = "1.2.840.10045.4.3.2"
_CURVES = {  # curve → (class, group order)
    "brainpoolP256r1": (
        ec.BrainpoolP256R1,
        0xA9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7,
    ),
    "P-256": (
        ec.SECP256R1,
        0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    ),
}
# DG3 exists on CCCDs but needs EAC; its content is never served, so a stub group will do.
DG3_STUB = bytes.fromhex("63067F6103020100")


def build(profile: CardProfile, key_dir: str | Path | None = None) -> CardProfile:
    """Fill in every chip file, the MRZ, keys and certificates of `profile` (returned)."""
    folder = Path(key_dir) if key_dir is not None else default_key_dir()
    pki = TestPki.load_or_create(folder / "pki", seed=PKI_SEED)
    person, options = profile.person, profile.options
    _docno, dob, expiry = profile.bac_key
    profile.mrz = build_td1(
        id_number=person.id_number,
        date_of_birth=dob,
        sex=person.sex,
        date_of_expiry=expiry,
        name=person.full_name,
    )
    profile.face_image = _face_image(profile)
    width, height = _image_size(profile.face_image)

    dgs: dict[int, bytes] = {
        1: build_dg1(profile.mrz),
        2: build_dg2(profile.face_image, width=width, height=height),
        3: DG3_STUB,
        13: build_dg13(_dg13_fields(person)),
    }
    pace_infos = []
    if options.pace:
        pace_infos = [si.PaceInfo(si.ID_PACE_ECDH_GM_AES_CBC_CMAC_128, 2, 13)]
    infos: list = list(pace_infos)
    card_access_infos: list = list(pace_infos)
    profile.ca_private_key = profile.ca_info = profile.aa_private_key = None
    seed = PKI_SEED + person.id_number.encode()
    if options.ca:
        profile.ca_private_key = _ec_key(options.curve, seed, "chip-authentication")
        profile.ca_info = si.ChipAuthenticationInfo(si.ID_CA_ECDH_AES_CBC_CMAC_128, 1, None)
        spki = _spki(profile.ca_private_key)
        infos += [si.ChipAuthenticationPublicKeyInfo(si.ID_PK_ECDH, spki, None), profile.ca_info]
        card_access_infos += [profile.ca_info, _ta_info()]
    if options.aa == "ec":
        profile.aa_private_key = _ec_key(options.curve, seed, "active-authentication")
        infos.append(si.ActiveAuthenticationInfo(si.ID_AA, 1, ECDSA_SHA256))
    elif options.aa == "rsa":
        profile.aa_private_key = _rsa_aa_key(folder, person.id_number)
    if infos:
        dgs[14] = si.build_dg14(infos)
    if profile.aa_private_key is not None:
        dgs[15] = build_dg15(_spki(profile.aa_private_key))

    signing_time = _signing_time(person)
    sod = pki.build_sod(dgs, signing_time=signing_time)
    files = {0x0100 + n: data for n, data in dgs.items()}
    files[0x011E] = build_ef_com(sorted(dgs))
    files[0x011D] = sod
    if pace_infos:  # BAC-only cards have no EF.CardAccess
        files[0x011C] = si.build_card_access(card_access_infos)
    profile.pace_infos = pace_infos
    profile.clean_files = dict(files)
    profile.files = _apply_faults(files, profile.faults)
    profile.csca_cert_der = pki.csca_der
    profile.dsc_cert_der = pki.dsc_der
    return profile


def _dg13_fields(person: Person) -> dict:
    fields_: dict = {
        1: person.id_number,
        2: person.full_name,
        3: person.date_of_birth,
        4: person.sex,
        5: person.nationality,
        6: person.ethnicity,
        7: person.religion,
        8: person.place_of_origin,
        9: person.place_of_residence,
        10: person.identifying_marks,
        11: person.date_of_issue,
        12: person.date_of_expiry,
        13: (person.father_name, person.mother_name),
        14: (person.spouse_name,) if person.spouse_name else (),
    }
    if person.old_id_number:
        fields_[15] = person.old_id_number
    return fields_


def _ta_info():
    raw = _seq(encode_oid(si.ID_TA) + encode_int(2))
    return si.UnknownSecurityInfo(si.ID_TA, raw)


def _seq(body: bytes) -> bytes:
    return tlv.encode(0x30, body)


def _ec_key(curve: str, seed: bytes, label: str):
    """A reproducible chip key: the scalar comes from the seed, reduced into [1, n-1]."""
    name, order = _CURVES[curve]
    value = int.from_bytes(hashlib.sha512(seed + label.encode()).digest(), "big")
    return ec.derive_private_key(value % (order - 1) + 1, name())


def _rsa_aa_key(folder: Path, id_number: str):
    """RSA keys cannot be derived from a seed here, so they are generated once and cached."""
    path = folder / "aa" / f"{id_number}-rsa{AA_RSA_BITS}.pem"
    if path.is_file():
        return serialization.load_pem_private_key(path.read_bytes(), None)
    key = rsa.generate_private_key(public_exponent=65537, key_size=AA_RSA_BITS)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
    tmp.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    tmp.replace(path)  # atomic: concurrent builds never read half a key
    return key


def _spki(private_key) -> bytes:
    return private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _signing_time(person: Person):
    if person.date_of_issue:
        day, month, year = (int(x) for x in _DATE.fullmatch(person.date_of_issue).groups())
        return dt.datetime(year, month, day, 9, 0, tzinfo=dt.UTC)
    return dt.datetime(2021, 7, 1, 9, 0, tzinfo=dt.UTC)


def _face_image(profile: CardProfile) -> bytes:
    face = profile.face
    if face.startswith("generated"):
        fmt = "jpeg2000" if face in ("generated-jpeg2000", "generated-jp2") else "jpeg"
        if face not in ("generated", "generated-jpeg", "generated-jpeg2000", "generated-jp2"):
            raise CardDataError(detail=f"unknown face {face!r}")
        seed = int(profile.person.id_number)
        return synthetic_face(seed, fmt, long_hair=profile.person.sex == "Nữ")
    return Path(face).read_bytes()


def _image_size(image: bytes) -> tuple[int, int]:
    try:
        with Image.open(io.BytesIO(image)) as img:
            return img.size
    except Exception:  # an unreadable image still goes on the card, size unknown
        return 0, 0


# -- faults ------------------------------------------------------------------------------------


def _apply_faults(files: dict[int, bytes], faults: Faults) -> dict[int, bytes]:
    served = dict(files)
    if faults.corrupt_dg is not None:
        fid = 0x0100 + faults.corrupt_dg
        if fid not in served:
            raise CardDataError(detail=f"corrupt_dg: no DG{faults.corrupt_dg} on this card")
        served[fid] = corrupt_byte(served[fid])
    if faults.bad_sod_signature:
        served[0x011D] = corrupt_sod_signature(served[0x011D])
    return served


def corrupt_byte(data: bytes) -> bytes:
    """Change one byte so the hash breaks but the file still parses: the last ASCII letter
    becomes the next letter (a name in DG1, text in DG13, entropy-coded bytes in a JPEG)."""
    out = bytearray(data)
    for i in range(len(out) - 1, -1, -1):
        c = out[i]
        if 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A:
            base = 0x41 if c <= 0x5A else 0x61
            out[i] = base + (c - base + 1) % 26
            return bytes(out)
    out[len(out) // 2] ^= 0x01
    return bytes(out)


def corrupt_sod_signature(sod: bytes) -> bytes:
    """Flip the last bit of the SignerInfo signature; the CMS structure stays well-formed."""
    content = tlv.decode(sod).value
    info = cms.ContentInfo.load(content)
    signature = info["content"]["signer_infos"][0]["signature"].native
    at = sod.rfind(signature)
    if at < 0:
        raise CardDataError(detail="SOD signature not found")
    out = bytearray(sod)
    out[at + len(signature) - 1] ^= 0x01
    return bytes(out)
