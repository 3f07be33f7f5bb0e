"""Trust store of Country Signing CA (CSCA) certificates for passive authentication.

A folder of certificates in PEM or DER under any file name (a CSCA master list file is read too).
The province can extend it: `import_certificate` (PEM/DER) and `import_master_list` (an ICAO CSCA
master list: CMS SignedData with CscaMasterList content) write each new certificate into the
folder as `<country>-<sha256 prefix>.der`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from asn1crypto import core, pem, x509

from card_reader.cms import parse_signed_data, signer_certificate, verify_signer
from card_reader.errors import CardDataError
from card_reader.lds.der import asn1_guard
from card_reader.signatures import UnsupportedAlgorithmError

ID_ICAO_CSCA_MASTER_LIST = "2.23.136.1.1.2"
_MAX_FILE = 16 * 1024 * 1024  # the German master list is ~1 MB
BUNDLED_DIR = Path(__file__).resolve().parent.parent / "resources" / "trust"


class _CertificateSet(core.SetOf):
    _child_spec = x509.Certificate


class _MasterList(core.Sequence):
    _fields = [("version", core.Integer), ("cert_list", _CertificateSet)]


def _load_cert(der: bytes) -> x509.Certificate:
    with asn1_guard("certificate"):
        cert = x509.Certificate.load(der, strict=True)
        cert["tbs_certificate"]["subject"].native  # noqa: B018 - force the lazy parse
        cert.public_key.dump()
        return cert


def parse_certificates(data: bytes) -> list[x509.Certificate]:
    """PEM (one or more certificates) or DER → certificates. CardDataError if none."""
    if not isinstance(data, bytes | bytearray) or not data:
        raise CardDataError("Tệp chứng thư rỗng hoặc không hợp lệ.", detail="empty")
    data = bytes(data)
    if pem.detect(data):
        certs = []
        with asn1_guard("PEM"):
            for kind, _headers, der in pem.unarmor(data, multiple=True):
                if kind in ("CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE"):
                    certs.append(_load_cert(der))
        if not certs:
            raise CardDataError("Tệp PEM không chứa chứng thư.", detail="no PEM certificate")
        return certs
    try:
        return [_load_cert(data)]
    except CardDataError as exc:
        raise CardDataError("Tệp không phải chứng thư X.509.", detail=exc.detail) from exc


def parse_master_list(data: bytes, *, verify: bool = True) -> list[x509.Certificate]:
    """An ICAO CSCA master list → its certificates. With `verify`, the CMS signature must be
    intact (messageDigest + signature by the embedded signer certificate). That proves the
    file was not altered after signing; where it came from is the importing officer's call."""
    parts = parse_signed_data(data)
    if parts.econtent_type != ID_ICAO_CSCA_MASTER_LIST:
        raise CardDataError("Tệp không phải danh sách CSCA (master list).", detail="eContent")
    if verify:
        for signer in parts.signers:
            cert = signer_certificate(parts, signer)
            if cert is None:
                continue
            try:
                check = verify_signer(parts, signer, cert)
            except UnsupportedAlgorithmError:
                continue
            if check.message_digest_ok is False or not check.signature_ok:
                raise CardDataError(
                    "Chữ ký của danh sách CSCA không hợp lệ: tệp có thể đã bị sửa.",
                    detail="master list signature",
                )
    with asn1_guard("CscaMasterList"):
        ml = _MasterList.load(parts.econtent, strict=True)
        ders = [cert.dump() for cert in ml["cert_list"]]
    return [_load_cert(der) for der in ders]


def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.dump()).hexdigest()


def _file_name(cert: x509.Certificate) -> str:
    with asn1_guard("certificate subject"):
        country = cert.subject.native.get("country_name") or "xx"
    country = re.sub(r"[^A-Za-z]", "", str(country))[:3].lower() or "xx"
    return f"{country}-{fingerprint(cert)[:16]}.der"


class TrustStore:
    """CSCA certificates from `folder` (writable: imports go there) and `extra_folders`
    (read-only, e.g. the bundled `resources/trust`)."""

    def __init__(self, folder: Path | str | None = None, *, extra_folders: Iterable = ()):
        self.folder = Path(folder) if folder is not None else None
        self._certs: dict[str, x509.Certificate] = {}
        self.skipped: list[str] = []  # files that held no certificate (names only)
        for extra in extra_folders:
            self._load_folder(Path(extra))
        if self.folder is not None:
            self._load_folder(self.folder)

    @classmethod
    def bundled(cls, folder: Path | str | None = None) -> TrustStore:
        """The shipped anchors plus the user's folder."""
        return cls(folder, extra_folders=[BUNDLED_DIR])

    def _load_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            if not path.is_file() or path.name.startswith("."):
                continue  # any other file is tried; what is not a certificate is skipped
            try:
                if path.stat().st_size > _MAX_FILE:
                    raise CardDataError(detail="too large")
                data = path.read_bytes()
                try:
                    certs = parse_certificates(data)
                except CardDataError:
                    certs = parse_master_list(data, verify=False)
            except (CardDataError, OSError):
                self.skipped.append(path.name)
                continue
            for cert in certs:
                self._certs.setdefault(fingerprint(cert), cert)

    def __len__(self) -> int:
        return len(self._certs)

    @property
    def certificates(self) -> list[x509.Certificate]:
        return list(self._certs.values())

    def add(self, cert: x509.Certificate) -> bool:
        """Add in memory only; True when new."""
        key = fingerprint(cert)
        if key in self._certs:
            return False
        self._certs[key] = cert
        return True

    def _store(self, certs: list[x509.Certificate]) -> list[x509.Certificate]:
        added = [cert for cert in certs if self.add(cert)]
        if self.folder is not None and added:
            self.folder.mkdir(parents=True, exist_ok=True)
            for cert in added:
                (self.folder / _file_name(cert)).write_bytes(cert.dump())
        return added

    def import_certificate(self, data: bytes) -> list[x509.Certificate]:
        """Import PEM/DER certificate(s); returns the ones that were new."""
        return self._store(parse_certificates(data))

    def import_master_list(self, data: bytes, *, verify: bool = True) -> list[x509.Certificate]:
        """Import every CSCA of an ICAO master list; returns the ones that were new."""
        return self._store(parse_master_list(data, verify=verify))

    def find_issuers(self, cert: x509.Certificate) -> list[x509.Certificate]:
        """Candidate issuers of `cert`: subject == its issuer, narrowed by the authority key
        identifier when both sides carry one (CSCA key rollover keeps the subject)."""
        with asn1_guard("certificate issuer"):
            issuer = cert.issuer
            aki = cert.authority_key_identifier
            by_name = [c for c in self._certs.values() if c.subject == issuer]
            if aki is None:
                return by_name
            by_key = [c for c in self._certs.values() if c.key_identifier == aki]
            no_ski = [c for c in by_name if c.key_identifier is None]
        return by_key + [c for c in no_ski if c not in by_key]

    def find_issuer(self, cert: x509.Certificate) -> x509.Certificate | None:
        found = self.find_issuers(cert)
        return found[0] if found else None
