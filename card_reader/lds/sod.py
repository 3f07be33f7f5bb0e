"""EF.SOD (ICAO 9303-10 §4.6.2): tag 77 wrapping a CMS SignedData whose eContent is the
LDSSecurityObject (hash algorithm + one hash per data group)."""

from __future__ import annotations

from dataclasses import dataclass

from asn1crypto import algos, core, x509

from card_reader import tlv
from card_reader.cms import SignedDataParts, SignerData, parse_signed_data, signer_certificate
from card_reader.errors import CardDataError
from card_reader.lds.der import asn1_guard, decode_exact

TAG_SOD = 0x77
ID_LDS_SECURITY_OBJECT = "2.23.136.1.1.1"


class DataGroupHash(core.Sequence):
    _fields = [
        ("data_group_number", core.Integer),
        ("data_group_hash_value", core.OctetString),
    ]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):
    _fields = [
        ("lds_version", core.PrintableString),
        ("unicode_version", core.PrintableString),
    ]


class LdsSecurityObject(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
        ("lds_version_info", LdsVersionInfo, {"optional": True}),
    ]


@dataclass(frozen=True)
class Sod:
    version: int
    hash_algorithm: str  # "sha256"
    dg_hashes: dict[int, bytes]
    lds_version: str | None
    unicode_version: str | None
    cms: SignedDataParts

    @property
    def signers(self) -> tuple[SignerData, ...]:
        return self.cms.signers

    @property
    def certificates(self) -> tuple[x509.Certificate, ...]:
        return self.cms.certificates

    def document_signer(self) -> tuple[SignerData, x509.Certificate | None]:
        """The (first) signer and its embedded Document Signer certificate, if any."""
        if not self.cms.signers:
            raise CardDataError(detail="SOD has no SignerInfo")
        signer = self.cms.signers[0]
        return signer, signer_certificate(self.cms, signer)


def parse_lds_security_object(der: bytes) -> tuple[int, str, dict[int, bytes], tuple]:
    tlv.decode(der)
    with asn1_guard("LDSSecurityObject"):
        lso = LdsSecurityObject.load(der, strict=True)
        version = lso["version"].native
        hash_algorithm = lso["hash_algorithm"]["algorithm"].native
        hashes: dict[int, bytes] = {}
        for item in lso["data_group_hash_values"]:
            number = item["data_group_number"].native
            if not 1 <= number <= 16 or number in hashes:
                raise CardDataError(detail=f"SOD: bad data group number {number}")
            hashes[number] = item["data_group_hash_value"].native
        info = lso["lds_version_info"]
        versions = (None, None) if isinstance(info, core.Void) else (
            info["lds_version"].native, info["unicode_version"].native
        )
    if not isinstance(hash_algorithm, str) or not isinstance(version, int):
        raise CardDataError(detail="SOD: bad header")
    return version, hash_algorithm, hashes, versions


def parse_sod(data: bytes) -> Sod:
    sod = decode_exact(data, TAG_SOD, "EF.SOD")
    parts = parse_signed_data(sod.value)
    if parts.econtent_type != ID_LDS_SECURITY_OBJECT:
        raise CardDataError(detail=f"SOD eContent type {parts.econtent_type}")
    version, hash_algorithm, hashes, (lds, uni) = parse_lds_security_object(parts.econtent)
    return Sod(
        version=version,
        hash_algorithm=hash_algorithm,
        dg_hashes=hashes,
        lds_version=lds,
        unicode_version=uni,
        cms=parts,
    )


def build_lds_security_object(
    dg_hashes: dict[int, bytes],
    hash_algorithm: str = "sha256",
    *,
    lds_version: tuple[str, str] | None = None,
) -> bytes:
    """DER of the LDSSecurityObject (v0, or v1 when `lds_version` = ("0108", "040000"))."""
    value = {
        "version": 1 if lds_version else 0,
        "hash_algorithm": {"algorithm": hash_algorithm},
        "data_group_hash_values": [
            {"data_group_number": n, "data_group_hash_value": h}
            for n, h in sorted(dg_hashes.items())
        ],
    }
    if lds_version:
        value["lds_version_info"] = {
            "lds_version": lds_version[0], "unicode_version": lds_version[1]
        }
    return LdsSecurityObject(value).dump()
