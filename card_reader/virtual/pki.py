"""Test PKI for the virtual card: a self-signed test CSCA, a Document Signer (DSC) signed by it,
and `build_sod`, which produces a real EF.SOD that `card_reader.passive_auth.verify` accepts.

Nothing here is trusted by the app: the subjects say TEST, and a reader only trusts this CSCA
when a test puts it into its trust store. With a `seed`, EC keys (and so the CSCA identity) are
derived deterministically, so a test CSCA imported once keeps validating later DSCs.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.keys import curve_by_name
from card_reader.lds.sod import ID_LDS_SECURITY_OBJECT, TAG_SOD, build_lds_security_object
from card_reader.signatures import digest, hash_class

KEY_KINDS = {
    "ec-p256": ec.SECP256R1,
    "ec-p384": ec.SECP384R1,
    "ec-brainpoolp256r1": ec.BrainpoolP256R1,
    "ec-brainpoolp384r1": ec.BrainpoolP384R1,
    "ec-brainpoolp512r1": ec.BrainpoolP512R1,
    "rsa": None,
}
SIGNATURES = ("ecdsa", "ecdsa-plain", "rsa-pkcs1", "rsa-pss", "rsa-encryption")
VALID_FROM = _dt.datetime(2020, 1, 1, tzinfo=_dt.UTC)
CSCA_UNTIL = _dt.datetime(2060, 1, 1, tzinfo=_dt.UTC)
DSC_UNTIL = _dt.datetime(2050, 1, 1, tzinfo=_dt.UTC)


def generate_key(kind: str = "ec-p256", *, seed: bytes | None = None, label: str = ""):
    """A private key of `kind` (see KEY_KINDS). `seed` makes EC keys reproducible."""
    if kind not in KEY_KINDS:
        raise ValueError(f"unknown key kind {kind!r}; use one of {sorted(KEY_KINDS)}")
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    curve = KEY_KINDS[kind]()
    if seed is None:
        return ec.generate_private_key(curve)
    value = int.from_bytes(hashlib.sha512(seed + label.encode()).digest(), "big")
    order = curve_by_name(curve.name).n  # a scalar must lie in [1, n-1] of the curve's group
    return ec.derive_private_key(value % (order - 1) + 1, curve)


def _name(common_name: str, country: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, country),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Xa So virtual card - TEST ONLY"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _sign_args(issuer_key, rsa_pss: bool) -> dict:
    algorithm = hashes.SHA256()
    if isinstance(issuer_key, ec.EllipticCurvePrivateKey) and issuer_key.curve.key_size > 256:
        algorithm = hashes.SHA384() if issuer_key.curve.key_size <= 384 else hashes.SHA512()
    args: dict = {"private_key": issuer_key, "algorithm": algorithm}
    if rsa_pss and isinstance(issuer_key, rsa.RSAPrivateKey):
        args["rsa_padding"] = padding.PSS(
            mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH
        )
    return args


def generate_csca(
    key=None,
    *,
    kind: str = "ec-p256",
    country: str = "VN",
    common_name: str = "Xa So TEST CSCA",
    not_before: _dt.datetime = VALID_FROM,
    not_after: _dt.datetime = CSCA_UNTIL,
    serial: int = 1,
    seed: bytes | None = None,
) -> tuple[object, x509.Certificate]:
    """A self-signed test CSCA certificate (and its key)."""
    key = key or generate_key(kind, seed=seed, label="csca")
    name = _name(common_name, country)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
        .sign(**_sign_args(key, False))
    )
    return key, cert


def generate_dsc(
    csca_key,
    csca_cert: x509.Certificate,
    key=None,
    *,
    kind: str = "ec-p256",
    common_name: str = "Xa So TEST Document Signer",
    not_before: _dt.datetime = VALID_FROM,
    not_after: _dt.datetime = DSC_UNTIL,
    serial: int = 2,
    rsa_pss: bool = False,
    seed: bytes | None = None,
) -> tuple[object, x509.Certificate]:
    """A Document Signer certificate issued by the test CSCA (`rsa_pss`: PSS-signed cert when
    the CSCA key is RSA)."""
    key = key or generate_key(kind, seed=seed, label="dsc")
    country = csca_cert.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value
    csca_ski = csca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, str(country)))
        .issuer_name(csca_cert.subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(csca_ski), False
        )
        .sign(**_sign_args(csca_key, rsa_pss))
    )
    return key, cert


@dataclass
class TestPki:
    csca_key: object
    csca_cert: x509.Certificate
    dsc_key: object
    dsc_cert: x509.Certificate

    __test__ = False  # not a pytest test class

    @property
    def csca_der(self) -> bytes:
        return self.csca_cert.public_bytes(serialization.Encoding.DER)

    @property
    def dsc_der(self) -> bytes:
        return self.dsc_cert.public_bytes(serialization.Encoding.DER)

    def build_sod(self, dg_files: dict[int, bytes], **kwargs) -> bytes:
        return build_sod(dg_files, self.dsc_key, self.dsc_cert, **kwargs)

    _FILES = ("csca-key.pem", "csca.pem", "dsc-key.pem", "dsc.pem")

    def save(self, folder: str | Path) -> None:
        """Unencrypted PEM files: test keys only."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, obj in zip(
            self._FILES, (self.csca_key, self.csca_cert, self.dsc_key, self.dsc_cert),
            strict=True,
        ):
            if isinstance(obj, x509.Certificate):
                data = obj.public_bytes(serialization.Encoding.PEM)
            else:
                data = obj.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            (folder / name).write_bytes(data)

    @classmethod
    def load(cls, folder: str | Path) -> TestPki:
        folder = Path(folder)
        csca_key, csca, dsc_key, dsc = (folder / n for n in cls._FILES)
        return cls(
            serialization.load_pem_private_key(csca_key.read_bytes(), None),
            x509.load_pem_x509_certificate(csca.read_bytes()),
            serialization.load_pem_private_key(dsc_key.read_bytes(), None),
            x509.load_pem_x509_certificate(dsc.read_bytes()),
        )

    @classmethod
    def load_or_create(cls, folder: str | Path, **kwargs) -> TestPki:
        folder = Path(folder)
        if all((folder / n).is_file() for n in cls._FILES):
            return cls.load(folder)
        pki = generate_test_pki(**kwargs)
        pki.save(folder)
        return pki


def generate_test_pki(
    *, csca_kind: str = "ec-p256", dsc_kind: str = "ec-p256", rsa_pss_certs: bool = False,
    seed: bytes | None = None,
) -> TestPki:
    csca_key, csca_cert = generate_csca(kind=csca_kind, seed=seed)
    dsc_key, dsc_cert = generate_dsc(
        csca_key, csca_cert, kind=dsc_kind, rsa_pss=rsa_pss_certs, seed=seed
    )
    return TestPki(csca_key, csca_cert, dsc_key, dsc_cert)


def _signature(dsc_key, data: bytes, sig: str, hash_alg: str) -> tuple[dict, bytes]:
    h = hash_class(hash_alg)()
    if sig in ("ecdsa", "ecdsa-plain"):
        if not isinstance(dsc_key, ec.EllipticCurvePrivateKey):
            raise CardDataError(detail="ECDSA needs an EC DSC key")
        der = dsc_key.sign(data, ec.ECDSA(h))
        if sig == "ecdsa":
            return {"algorithm": f"{hash_alg}_ecdsa"}, der
        size = (dsc_key.curve.key_size + 7) // 8
        r, s = decode_dss_signature(der)
        plain_oid = {"sha1": "1", "sha224": "2", "sha256": "3", "sha384": "4", "sha512": "5"}
        oid = f"0.4.0.127.0.7.1.1.4.1.{plain_oid[hash_alg]}"
        return {"algorithm": oid}, r.to_bytes(size, "big") + s.to_bytes(size, "big")
    if not isinstance(dsc_key, rsa.RSAPrivateKey):
        raise CardDataError(detail=f"{sig} needs an RSA DSC key")
    if sig == "rsa-pss":
        salt = h.digest_size
        signature = dsc_key.sign(
            data, padding.PSS(mgf=padding.MGF1(hash_class(hash_alg)()), salt_length=salt), h
        )
        params = {
            "hash_algorithm": {"algorithm": hash_alg},
            "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": hash_alg}},
            "salt_length": salt,
            "trailer_field": "trailer_field_bc",
        }
        return {"algorithm": "rsassa_pss", "parameters": params}, signature
    signature = dsc_key.sign(data, padding.PKCS1v15(), h)
    if sig == "rsa-encryption":  # bare rsaEncryption OID, hash from the digest algorithm
        return {"algorithm": "rsassa_pkcs1v15"}, signature
    if sig == "rsa-pkcs1":
        return {"algorithm": f"{hash_alg}_rsa"}, signature
    raise ValueError(f"unknown signature kind {sig!r}; use one of {SIGNATURES}")


def build_sod(
    dg_files: dict[int, bytes],
    dsc_key,
    dsc_cert: x509.Certificate,
    *,
    hash_alg: str = "sha256",
    sig: str = "ecdsa",
    include_certificate: bool = True,
    signing_time: _dt.datetime | None = None,
    lds_version: tuple[str, str] | None = None,
) -> bytes:
    """EF.SOD (77 { ContentInfo SignedData }) over the given data group files (whole TLVs)."""
    if sig not in SIGNATURES:
        raise ValueError(f"unknown signature kind {sig!r}; use one of {SIGNATURES}")
    hashes_by_dg = {n: digest(hash_alg, data) for n, data in dg_files.items()}
    lso = build_lds_security_object(hashes_by_dg, hash_alg, lds_version=lds_version)
    info = _signed_data(
        ID_LDS_SECURITY_OBJECT, lso, dsc_key, dsc_cert, hash_alg=hash_alg, sig=sig,
        include_certificate=include_certificate, signing_time=signing_time,
    )
    return tlv.encode(TAG_SOD, info)


def _signed_data(
    econtent_type: str,
    econtent: bytes,
    signer_key,
    signer_cert: x509.Certificate,
    *,
    hash_alg: str,
    sig: str,
    include_certificate: bool = True,
    signing_time: _dt.datetime | None = None,
) -> bytes:
    """DER ContentInfo(SignedData) with one SignerInfo and signed attributes."""
    if sig not in SIGNATURES:
        raise ValueError(f"unknown signature kind {sig!r}; use one of {SIGNATURES}")
    when = (signing_time or _dt.datetime.now(_dt.UTC)).replace(microsecond=0)
    attrs = cms.CMSAttributes([
        {"type": "content_type", "values": [econtent_type]},
        {"type": "signing_time", "values": [cms.Time(name="utc_time", value=when)]},
        {"type": "message_digest", "values": [digest(hash_alg, econtent)]},
    ])
    # What is signed is the DER of the attributes as a SET (tag 0x31); the SignerInfo stores
    # the same contents under the implicit [0] tag.
    algorithm, signature = _signature(signer_key, attrs.dump(), sig, hash_alg)
    cert = asn1_x509.Certificate.load(signer_cert.public_bytes(serialization.Encoding.DER))
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier(
            name="issuer_and_serial_number",
            value={"issuer": cert.issuer, "serial_number": cert.serial_number},
        ),
        "digest_algorithm": {"algorithm": hash_alg},
        "signed_attrs": attrs,
        "signature_algorithm": algorithm,
        "signature": signature,
    })
    signed_data = {
        "version": "v3",
        "digest_algorithms": [{"algorithm": hash_alg}],
        "encap_content_info": {
            "content_type": econtent_type,
            "content": cms.ParsableOctetString(econtent),
        },
        "signer_infos": [signer],
    }
    if include_certificate:
        signed_data["certificates"] = [cert]
    info = cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData(signed_data)})
    return info.dump()


def build_master_list(
    cscas: list[x509.Certificate],
    signer_key,
    signer_cert: x509.Certificate,
    *,
    hash_alg: str = "sha256",
    sig: str = "ecdsa",
) -> bytes:
    """An ICAO CSCA master list (CMS SignedData, CscaMasterList content) for trust-store tests."""
    from card_reader.trust import ID_ICAO_CSCA_MASTER_LIST

    certs = b"".join(c.public_bytes(serialization.Encoding.DER) for c in cscas)
    content = core.Integer(0).dump() + tlv.encode(0x31, certs)
    return _signed_data(
        ID_ICAO_CSCA_MASTER_LIST, tlv.encode(0x30, content), signer_key, signer_cert,
        hash_alg=hash_alg, sig=sig,
    )
