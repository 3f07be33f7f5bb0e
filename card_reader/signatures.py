"""Signature verification for CMS signer infos and X.509 certificates, driven by the algorithm
identifier as found in the structure (RSA PKCS#1 v1.5, RSA-PSS with its parameters, ECDSA in DER
or the BSI plain r||s form)."""

from __future__ import annotations

import hashlib

from asn1crypto import algos
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from card_reader.errors import CardDataError
from card_reader.lds.der import asn1_guard

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha3_224": hashes.SHA3_224,
    "sha3_256": hashes.SHA3_256,
    "sha3_384": hashes.SHA3_384,
    "sha3_512": hashes.SHA3_512,
}
_HASHLIB = {"sha3_224": "sha3_224", "sha3_256": "sha3_256", "sha3_384": "sha3_384",
            "sha3_512": "sha3_512"}

_RSA_PKCS1 = {
    "1.2.840.113549.1.1.5": "sha1",
    "1.2.840.113549.1.1.14": "sha224",
    "1.2.840.113549.1.1.11": "sha256",
    "1.2.840.113549.1.1.12": "sha384",
    "1.2.840.113549.1.1.13": "sha512",
}
_RSA_ENCRYPTION = "1.2.840.113549.1.1.1"  # hash taken from the signer's digest algorithm
_RSA_PSS = "1.2.840.113549.1.1.10"
_ECDSA = {
    "1.2.840.10045.4.1": "sha1",
    "1.2.840.10045.4.3.1": "sha224",
    "1.2.840.10045.4.3.2": "sha256",
    "1.2.840.10045.4.3.3": "sha384",
    "1.2.840.10045.4.3.4": "sha512",
    "2.16.840.1.101.3.4.3.10": "sha3_256",
    "2.16.840.1.101.3.4.3.11": "sha3_384",
    "2.16.840.1.101.3.4.3.12": "sha3_512",
}
_ECDSA_BARE = ("1.2.840.10045.2.1", "1.2.840.10045.4")  # id-ecPublicKey / ecdsa: hash elsewhere
_ECDSA_PLAIN = {  # BSI TR-03111 ecdsa-plain-SHAxxx: signature is r || s
    "0.4.0.127.0.7.1.1.4.1.1": "sha1",
    "0.4.0.127.0.7.1.1.4.1.2": "sha224",
    "0.4.0.127.0.7.1.1.4.1.3": "sha256",
    "0.4.0.127.0.7.1.1.4.1.4": "sha384",
    "0.4.0.127.0.7.1.1.4.1.5": "sha512",
}


class UnsupportedAlgorithmError(CardDataError):
    """An algorithm we cannot check: the step's verdict is UNKNOWN, not FAIL."""

    code = "unsupported_algorithm"
    default_message = "Thuật toán chữ ký trên thẻ chưa được hỗ trợ."


def hash_class(name: str) -> type[hashes.HashAlgorithm]:
    try:
        return _HASHES[name]
    except KeyError as exc:
        raise UnsupportedAlgorithmError(detail=f"hash {name}") from exc


def digest(name: str, data: bytes) -> bytes:
    hash_class(name)  # same set of names everywhere
    return hashlib.new(_HASHLIB.get(name, name), data).digest()


def _plain_to_der(signature: bytes) -> bytes:
    half = len(signature) // 2
    r = int.from_bytes(signature[:half], "big")
    s = int.from_bytes(signature[half:], "big")
    return encode_dss_signature(r, s)


def _verify_ecdsa(public_key, signature: bytes, data: bytes, hash_name: str, plain: bool) -> bool:
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        return False
    algorithm = ec.ECDSA(hash_class(hash_name)())
    candidates = [_plain_to_der(signature)] if plain else [signature]
    if not plain and len(signature) % 2 == 0:
        candidates.append(_plain_to_der(signature))  # some chips put r||s under the DER OIDs
    for candidate in candidates:
        try:
            public_key.verify(candidate, data, algorithm)
            return True
        except (InvalidSignature, ValueError):
            continue
        except UnsupportedAlgorithm as exc:
            raise UnsupportedAlgorithmError(detail=f"ECDSA with {hash_name}") from exc
    return False


def _verify_rsa(public_key, signature: bytes, data: bytes, pad, hash_name: str) -> bool:
    if not isinstance(public_key, rsa.RSAPublicKey):
        return False
    try:
        public_key.verify(signature, data, pad, hash_class(hash_name)())
        return True
    except (InvalidSignature, ValueError):
        return False
    except UnsupportedAlgorithm as exc:
        raise UnsupportedAlgorithmError(detail=f"RSA with {hash_name}") from exc


def _pss_padding(params) -> tuple[padding.PSS, str]:
    with asn1_guard("RSASSA-PSS parameters"):
        if params is None or isinstance(params, algos.Null) or params.native is None:
            hash_name, mgf_hash, salt = "sha1", "sha1", 20  # the RFC 4055 defaults
        else:
            hash_name = params["hash_algorithm"]["algorithm"].native
            mgf = params["mask_gen_algorithm"]
            if mgf["algorithm"].native != "mgf1":
                raise UnsupportedAlgorithmError(detail="PSS mask generation")
            mgf_hash = mgf["parameters"]["algorithm"].native
            salt = int(params["salt_length"].native)
            if params["trailer_field"].native not in (None, "trailer_field_bc", 1):
                raise UnsupportedAlgorithmError(detail="PSS trailer field")
    return padding.PSS(mgf=padding.MGF1(hash_class(mgf_hash)()), salt_length=salt), hash_name


def verify_signature(
    public_key,
    algorithm: algos.SignedDigestAlgorithm,
    signature: bytes,
    data: bytes,
    *,
    digest_algorithm: str | None = None,
) -> bool:
    """True when `signature` over `data` verifies. `digest_algorithm` (the CMS SignerInfo's)
    supplies the hash for bare key-type OIDs (rsaEncryption, id-ecPublicKey).
    Raises UnsupportedAlgorithmError for algorithms we cannot check."""
    with asn1_guard("signature algorithm"):
        oid = algorithm["algorithm"].dotted
        params = algorithm["parameters"] if oid == _RSA_PSS else None
    if oid in _RSA_PKCS1:
        return _verify_rsa(public_key, signature, data, padding.PKCS1v15(), _RSA_PKCS1[oid])
    if oid == _RSA_ENCRYPTION:
        if not digest_algorithm:
            raise UnsupportedAlgorithmError(detail="rsaEncryption without digest")
        return _verify_rsa(public_key, signature, data, padding.PKCS1v15(), digest_algorithm)
    if oid == _RSA_PSS:
        pad, hash_name = _pss_padding(params)
        return _verify_rsa(public_key, signature, data, pad, hash_name)
    if oid in _ECDSA:
        return _verify_ecdsa(public_key, signature, data, _ECDSA[oid], plain=False)
    if oid in _ECDSA_BARE:
        if not digest_algorithm:
            raise UnsupportedAlgorithmError(detail="ECDSA without digest")
        return _verify_ecdsa(public_key, signature, data, digest_algorithm, plain=False)
    if oid in _ECDSA_PLAIN:
        return _verify_ecdsa(public_key, signature, data, _ECDSA_PLAIN[oid], plain=True)
    raise UnsupportedAlgorithmError(detail=f"signature algorithm {oid}")
