"""CMS SignedData (RFC 5652) as used by EF.SOD and CSCA master lists: parse with asn1crypto,
verify a signer (messageDigest attribute, then the signature over the signed attributes
re-tagged as SET 0x31 — on the card they are stored with the implicit [0] tag)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from asn1crypto import algos, cms, core, x509

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.keys import load_public_key
from card_reader.lds.der import asn1_guard
from card_reader.signatures import digest, verify_signature

ID_SIGNED_DATA = "1.2.840.113549.1.7.2"


@dataclass(frozen=True)
class SignerData:
    digest_algorithm: str  # "sha256"
    signature_algorithm: algos.SignedDigestAlgorithm
    signature: bytes
    signed_attrs: bytes | None  # the signed attributes re-tagged as SET (what was signed)
    message_digest: bytes | None
    content_type: str | None  # the contentType signed attribute (dotted)
    signing_time: _dt.datetime | None
    issuer: x509.Name | None  # sid = issuerAndSerialNumber
    serial_number: int | None
    key_identifier: bytes | None  # sid = subjectKeyIdentifier

    @property
    def signature_algorithm_name(self) -> str:
        algo = self.signature_algorithm["algorithm"]
        return str(algo.native)


@dataclass(frozen=True)
class SignedDataParts:
    econtent_type: str  # dotted OID
    econtent: bytes  # the encapsulated content octets (what messageDigest covers)
    signers: tuple[SignerData, ...]
    certificates: tuple[x509.Certificate, ...]


def _signer(si: cms.SignerInfo) -> SignerData:
    sid = si["sid"]
    issuer = serial = key_id = None
    if sid.name == "issuer_and_serial_number":
        issuer = sid.chosen["issuer"]
        serial = sid.chosen["serial_number"].native
    else:
        key_id = sid.chosen.native
    attrs = si["signed_attrs"]
    signed = None
    message_digest = content_type = signing_time = None
    if not isinstance(attrs, core.Void):
        signed = tlv.encode(0x31, attrs.contents)
        for attr in attrs:
            kind = attr["type"].native
            values = attr["values"]
            if len(values) != 1:
                continue  # RFC 5652: exactly one value; anything else is ignored (and fails)
            if kind == "message_digest":
                message_digest = values[0].native
            elif kind == "content_type":
                content_type = values[0].dotted
            elif kind == "signing_time":
                signing_time = values[0].native
    return SignerData(
        digest_algorithm=si["digest_algorithm"]["algorithm"].native,
        signature_algorithm=si["signature_algorithm"],
        signature=si["signature"].native,
        signed_attrs=signed,
        message_digest=message_digest,
        content_type=content_type,
        signing_time=signing_time,
        issuer=issuer,
        serial_number=serial,
        key_identifier=key_id,
    )


def parse_signed_data(der: bytes) -> SignedDataParts:
    """ContentInfo(SignedData) DER → parts. Any malformation → CardDataError."""
    if not isinstance(der, bytes | bytearray):
        raise CardDataError(detail="CMS: not bytes")
    tlv.decode(bytes(der))  # bounded structural check before asn1crypto
    with asn1_guard("CMS SignedData"):
        info = cms.ContentInfo.load(bytes(der), strict=False)
        if info["content_type"].dotted != ID_SIGNED_DATA:
            raise CardDataError(detail="CMS: not SignedData")
        sd = info["content"]
        encap = sd["encap_content_info"]
        content = encap["content"]
        econtent = content.native if content.native is not None else b""
        if not isinstance(econtent, bytes):
            econtent = bytes(content)
        certificates = tuple(
            choice.chosen
            for choice in (sd["certificates"] or [])
            if choice.name == "certificate"
        )
        for cert in certificates:
            cert["tbs_certificate"]["subject"].native  # noqa: B018 - force the lazy parse
        signers = tuple(_signer(si) for si in sd["signer_infos"])
        return SignedDataParts(
            econtent_type=encap["content_type"].dotted,
            econtent=econtent,
            signers=signers,
            certificates=certificates,
        )


def signer_certificate(
    parts: SignedDataParts, signer: SignerData
) -> x509.Certificate | None:
    """The embedded certificate named by the signer's sid."""
    with asn1_guard("signer certificate"):
        for cert in parts.certificates:
            if signer.key_identifier is not None:
                if cert.key_identifier == signer.key_identifier:
                    return cert
            elif (
                signer.issuer is not None
                and cert.serial_number == signer.serial_number
                and cert.issuer == signer.issuer
            ):
                return cert
    return None


@dataclass(frozen=True)
class SignerCheck:
    message_digest_ok: bool | None  # None: no signed attributes (signature covers eContent)
    signature_ok: bool


def verify_signer(
    parts: SignedDataParts, signer: SignerData, certificate: x509.Certificate
) -> SignerCheck:
    """Check the messageDigest attribute and the signature with the certificate's key.
    Raises UnsupportedAlgorithmError (a CardDataError) for algorithms we cannot check."""
    with asn1_guard("signer certificate key"):
        spki = certificate.public_key.dump()
    public_key = load_public_key(spki)
    if signer.signed_attrs is None:
        ok = verify_signature(
            public_key, signer.signature_algorithm, signer.signature, parts.econtent,
            digest_algorithm=signer.digest_algorithm,
        )
        return SignerCheck(None, ok)
    expected = digest(signer.digest_algorithm, parts.econtent)
    digest_ok = signer.message_digest == expected
    ok = verify_signature(
        public_key, signer.signature_algorithm, signer.signature, signer.signed_attrs,
        digest_algorithm=signer.digest_algorithm,
    )
    return SignerCheck(digest_ok, ok)
