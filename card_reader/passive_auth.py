"""Passive authentication (ICAO 9303-11 §5.1): are the data groups as read the ones the issuing
state signed?

Three tri-state steps, each independent:
- dg_hashes: hash of each data group file as read (the whole TLV) == the SOD's value. A DG listed
  in the SOD but not read is not a failure; a DG read but not in the SOD, or a mismatch, is.
- signature: the messageDigest signed attribute == hash of the eContent, and the SignerInfo
  signature over the signed attributes (re-tagged SET 0x31) verifies with the embedded Document
  Signer certificate, using the SignerInfo's algorithm.
- chain: the Document Signer certificate is signed by a CSCA of the trust store and both are
  valid at `at`. No matching CSCA is UNKNOWN (not FAIL): the Vietnamese anchors are unconfirmed.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from asn1crypto import x509

from card_reader.cms import verify_signer
from card_reader.errors import CardDataError
from card_reader.keys import load_public_key
from card_reader.lds.der import asn1_guard
from card_reader.lds.sod import ID_LDS_SECURITY_OBJECT, Sod, parse_sod
from card_reader.reading import PassiveAuth, Verdict
from card_reader.signatures import UnsupportedAlgorithmError, digest, verify_signature
from card_reader.trust import TrustStore

__all__ = ["PassiveAuth", "PassiveAuthResult", "dg_verified", "verify", "verify_certificate"]


@dataclass
class PassiveAuthResult(PassiveAuth):
    """PassiveAuth plus the per-DG hash results that Chip/Active Authentication need."""

    dg_results: dict[int, Verdict] = field(default_factory=dict)
    hash_algorithm: str | None = None
    signer_subject: str | None = None  # Document Signer, for display
    csca_subject: str | None = None


def dg_verified(pa: PassiveAuth | None, number: int, *, require_chain: bool = True) -> bool:
    """True when DG `number` is vouched for: its hash matched a validly signed SOD and (by
    default) the signer chains to a trusted CSCA. CA/AA results mean something only then."""
    if pa is None:
        return False
    results = getattr(pa, "dg_results", {})
    if results.get(number) != Verdict.PASS or pa.signature != Verdict.PASS:
        return False
    return pa.chain == Verdict.PASS or not require_chain


def _dg_hashes(sod: Sod, dg_files: dict[int, bytes], result: PassiveAuthResult) -> Verdict:
    if not dg_files:
        result.details.append("Không có nhóm dữ liệu nào để kiểm tra mã băm.")
        return Verdict.UNKNOWN
    try:
        for number, data in sorted(dg_files.items()):
            expected = sod.dg_hashes.get(number)
            if expected is None:
                result.dg_results[number] = Verdict.FAIL
                result.details.append(f"DG{number} không có trong EF.SOD.")
            elif digest(sod.hash_algorithm, data) == expected:
                result.dg_results[number] = Verdict.PASS
            else:
                result.dg_results[number] = Verdict.FAIL
                result.details.append(f"Mã băm DG{number} không khớp với EF.SOD.")
    except UnsupportedAlgorithmError:
        result.details.append(f"Thuật toán băm {sod.hash_algorithm} chưa được hỗ trợ.")
        result.dg_results.clear()
        return Verdict.UNKNOWN
    return Verdict.FAIL if Verdict.FAIL in result.dg_results.values() else Verdict.PASS


def _signature(sod: Sod, result: PassiveAuthResult) -> tuple[Verdict, x509.Certificate | None]:
    try:
        signer, certificate = sod.document_signer()
    except CardDataError:
        result.details.append("EF.SOD không có thông tin người ký.")
        return Verdict.FAIL, None
    if certificate is None:
        result.details.append("EF.SOD không kèm chứng thư người ký (DSC).")
        return Verdict.UNKNOWN, None
    with asn1_guard("DSC subject"):
        result.signer_subject = certificate.subject.human_friendly
    if signer.signed_attrs is not None and signer.content_type not in (
        None, ID_LDS_SECURITY_OBJECT
    ):
        result.details.append("Thuộc tính contentType của chữ ký không khớp EF.SOD.")
        return Verdict.FAIL, certificate
    try:
        check = verify_signer(sod.cms, signer, certificate)
    except UnsupportedAlgorithmError as exc:
        result.details.append(f"Chưa kiểm tra được chữ ký EF.SOD ({exc.detail}).")
        return Verdict.UNKNOWN, certificate
    except CardDataError as exc:
        result.details.append(f"Khóa của chứng thư người ký không đọc được ({exc.detail}).")
        return Verdict.FAIL, certificate
    if check.message_digest_ok is False:
        result.details.append("Thuộc tính messageDigest không khớp nội dung EF.SOD.")
        return Verdict.FAIL, certificate
    if not check.signature_ok:
        result.details.append("Chữ ký số trên EF.SOD không hợp lệ.")
        return Verdict.FAIL, certificate
    return Verdict.PASS, certificate


def _valid_at(cert: x509.Certificate, at: _dt.datetime) -> bool:
    with asn1_guard("certificate validity"):
        validity = cert["tbs_certificate"]["validity"]
        return validity["not_before"].native <= at <= validity["not_after"].native


def verify_certificate(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Is `cert` signed by `issuer`'s key? Raises UnsupportedAlgorithmError / CardDataError."""
    with asn1_guard("certificate"):
        tbs = cert["tbs_certificate"].dump()
        algorithm = cert["signature_algorithm"]
        signature = cert["signature_value"].native
        spki = issuer.public_key.dump()
    return verify_signature(load_public_key(spki), algorithm, signature, tbs)


def _chain(
    dsc: x509.Certificate | None,
    trust: TrustStore | None,
    at: _dt.datetime,
    result: PassiveAuthResult,
) -> Verdict:
    if dsc is None:
        return Verdict.UNKNOWN
    if trust is None:
        result.details.append("Chưa cấu hình kho chứng thư CSCA: không kiểm tra được chuỗi.")
        return Verdict.UNKNOWN
    try:
        candidates = trust.find_issuers(dsc)
    except CardDataError:
        result.details.append("Chứng thư người ký (DSC) trong EF.SOD bị hỏng.")
        return Verdict.FAIL
    if not candidates:
        result.details.append(
            "Không có CSCA phù hợp trong kho chứng thư để kiểm tra người ký (chưa xác định)."
        )
        return Verdict.UNKNOWN
    unsupported = False
    for csca in candidates:
        try:
            ok = verify_certificate(dsc, csca)
        except UnsupportedAlgorithmError:
            unsupported = True
            continue
        except CardDataError:
            continue
        if ok:
            with asn1_guard("CSCA subject"):
                result.csca_subject = csca.subject.human_friendly
            for cert, label in ((dsc, "người ký (DSC)"), (csca, "CSCA")):
                try:
                    valid = _valid_at(cert, at)
                except CardDataError:
                    valid = False
                if not valid:
                    result.details.append(f"Chứng thư {label} không còn hiệu lực.")
                    return Verdict.FAIL
            return Verdict.PASS
    if unsupported:
        result.details.append("Chưa kiểm tra được chữ ký của CSCA (thuật toán chưa hỗ trợ).")
        return Verdict.UNKNOWN
    result.details.append("Chữ ký của CSCA trên chứng thư người ký không hợp lệ.")
    return Verdict.FAIL


def verify(
    sod_bytes: bytes,
    dg_files: dict[int, bytes],
    trust: TrustStore | None,
    *,
    at: _dt.datetime | None = None,
) -> PassiveAuthResult:
    """Run passive authentication. Never raises on card data: problems become verdicts."""
    at = at or _dt.datetime.now(_dt.UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=_dt.UTC)
    result = PassiveAuthResult()
    try:
        sod = parse_sod(sod_bytes)
    except CardDataError as exc:
        result.signature = Verdict.FAIL
        result.details.append(f"EF.SOD hỏng, không đọc được ({exc.detail or exc}).")
        return result
    result.hash_algorithm = sod.hash_algorithm
    result.dg_hashes = _dg_hashes(sod, dict(dg_files), result)
    try:
        result.signature, dsc = _signature(sod, result)
    except CardDataError as exc:  # a malformed piece the step did not foresee
        result.details.append(f"EF.SOD hỏng ({exc.detail or exc}).")
        result.signature, dsc = Verdict.FAIL, None
    if result.signature == Verdict.FAIL and dsc is None:
        return result
    try:
        result.chain = _chain(dsc, trust, at, result)
    except CardDataError as exc:
        result.details.append(f"Chứng thư người ký hỏng ({exc.detail or exc}).")
        result.chain = Verdict.FAIL
    return result
