"""Passive authentication with the test PKI, EF.SOD parsing, keys and the CSCA trust store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.keys import (
    CURVES,
    curve_by_pace_parameter_id,
    ec_curve_of,
    load_public_key,
    named_curve_spki,
)
from card_reader.lds.files import build_dg1, build_dg13, build_dg15, parse_sod
from card_reader.passive_auth import dg_verified, verify, verify_certificate
from card_reader.reading import PassiveAuth, Verdict
from card_reader.trust import BUNDLED_DIR, TrustStore, parse_master_list
from card_reader.virtual.pki import (
    build_master_list,
    build_sod,
    generate_csca,
    generate_dsc,
    generate_test_pki,
)

VN_CSCA = Path("/work/shared/trust/csca-vn-epassport-2022.der")
BUNDLED_CSCA = BUNDLED_DIR / "csca-vn-epassport-2022.der"
VN_MRZ = (
    "IDVNM0950123455038095012345<<29501153M3501151VNM<<<<<<<<<<<2NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"
)


def _der(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


@pytest.fixture(scope="module")
def ec_pki():
    return generate_test_pki(csca_kind="ec-p256", dsc_kind="ec-brainpoolp256r1")


@pytest.fixture(scope="module")
def rsa_pki():
    return generate_test_pki(csca_kind="rsa", dsc_kind="rsa", rsa_pss_certs=True)


@pytest.fixture(scope="module")
def files(ec_pki):
    dg15 = build_dg15(
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return {
        1: build_dg1(VN_MRZ),
        13: build_dg13({1: "038095012345", 2: "Nguyễn Văn An", 9: "Hà Nội " * 30}),
        15: dg15,
    }


def _trust(*certs) -> TrustStore:
    store = TrustStore()
    for cert in certs:
        store.import_certificate(_der(cert))
    return store


def _rewrap(sod: bytes, change) -> bytes:
    """Decode EF.SOD's ContentInfo, let `change` edit it, re-encode."""
    info = cms.ContentInfo.load(tlv.decode(sod).value)
    change(info["content"])
    return tlv.encode(0x77, info.dump(force=True))


# -- the happy path and its variants ------------------------------------------------------------


def test_good_sod_passes_all_steps(ec_pki, files):
    sod = ec_pki.build_sod(files)
    result = verify(sod, files, _trust(ec_pki.csca_cert))
    assert (result.dg_hashes, result.signature, result.chain) == (Verdict.PASS,) * 3
    assert result.passed
    assert result.details == []
    assert result.dg_results == {1: Verdict.PASS, 13: Verdict.PASS, 15: Verdict.PASS}
    assert dg_verified(result, 15)
    assert not dg_verified(result, 14)  # not read
    assert isinstance(result, PassiveAuth)


@pytest.mark.parametrize(
    ("pki_name", "sig", "hash_alg"),
    [
        ("ec_pki", "ecdsa", "sha256"),
        ("ec_pki", "ecdsa", "sha512"),
        ("ec_pki", "ecdsa-plain", "sha256"),
        ("rsa_pki", "rsa-pkcs1", "sha256"),
        ("rsa_pki", "rsa-pss", "sha256"),
        ("rsa_pki", "rsa-pss", "sha384"),
        ("rsa_pki", "rsa-encryption", "sha1"),
    ],
)
def test_signature_algorithm_variants(request, files, pki_name, sig, hash_alg):
    pki = request.getfixturevalue(pki_name)
    sod = pki.build_sod(files, sig=sig, hash_alg=hash_alg)
    parsed = parse_sod(sod)
    assert parsed.hash_algorithm == hash_alg
    assert set(parsed.dg_hashes) == set(files)
    result = verify(sod, files, _trust(pki.csca_cert))
    assert result.passed, result.details


def test_parse_sod_fields(ec_pki, files):
    sod = parse_sod(ec_pki.build_sod(files, lds_version=("0108", "040000")))
    assert sod.version == 1
    assert (sod.lds_version, sod.unicode_version) == ("0108", "040000")
    signer, cert = sod.document_signer()
    assert cert is not None and cert.dump() == _der(ec_pki.dsc_cert)
    assert signer.digest_algorithm == "sha256"
    assert signer.signature_algorithm_name == "sha256_ecdsa"
    assert signer.signed_attrs[0] == 0x31  # re-tagged for verification
    assert signer.message_digest is not None


# -- failures -----------------------------------------------------------------------------------


def test_corrupted_dg_fails_dg_hashes_naming_it(ec_pki, files):
    sod = ec_pki.build_sod(files)
    tampered = dict(files)
    tampered[13] = build_dg13({1: "038095012345", 2: "Nguyễn Văn Ân"})
    result = verify(sod, tampered, _trust(ec_pki.csca_cert))
    assert result.dg_hashes == Verdict.FAIL
    assert result.signature == Verdict.PASS and result.chain == Verdict.PASS
    assert result.dg_results[13] == Verdict.FAIL
    assert any("DG13" in d for d in result.details)
    assert not dg_verified(result, 13)
    assert dg_verified(result, 15)


def test_dg_not_read_is_fine_dg_not_in_sod_is_not(ec_pki, files):
    sod = ec_pki.build_sod(files)
    assert verify(sod, {1: files[1]}, _trust(ec_pki.csca_cert)).passed
    extra = {**files, 2: b"\x75\x00"}
    result = verify(sod, extra, _trust(ec_pki.csca_cert))
    assert result.dg_hashes == Verdict.FAIL
    assert any("DG2" in d for d in result.details)
    assert verify(sod, {}, _trust(ec_pki.csca_cert)).dg_hashes == Verdict.UNKNOWN


def test_bad_signature_fails(ec_pki, files):
    other_key = ec.generate_private_key(ec.BrainpoolP256R1())
    sod = build_sod(files, other_key, ec_pki.dsc_cert)  # signed by a key that is not the DSC's
    result = verify(sod, files, _trust(ec_pki.csca_cert))
    assert result.signature == Verdict.FAIL
    assert result.dg_hashes == Verdict.PASS
    assert result.chain == Verdict.PASS  # the DSC itself is still genuine
    assert not dg_verified(result, 15)


def test_flipped_signature_bit_fails(rsa_pki, files):
    def flip(sd):
        si = sd["signer_infos"][0]
        sig = bytearray(si["signature"].native)
        sig[10] ^= 0x01
        si["signature"] = bytes(sig)

    sod = _rewrap(rsa_pki.build_sod(files, sig="rsa-pss"), flip)
    assert verify(sod, files, _trust(rsa_pki.csca_cert)).signature == Verdict.FAIL


def test_message_digest_mismatch_fails(ec_pki, files):
    other = parse_sod(ec_pki.build_sod({1: files[1]})).cms.econtent

    def swap(sd):
        sd["encap_content_info"]["content"] = cms.ParsableOctetString(other)

    result = verify(_rewrap(ec_pki.build_sod(files), swap), files, _trust(ec_pki.csca_cert))
    assert result.signature == Verdict.FAIL
    assert any("messageDigest" in d for d in result.details)


def test_unknown_csca_is_unknown_not_fail(ec_pki, files):
    sod = ec_pki.build_sod(files)
    other = generate_test_pki()
    result = verify(sod, files, _trust(other.csca_cert))
    assert result.chain == Verdict.UNKNOWN
    assert result.signature == Verdict.PASS
    assert result.details
    assert not dg_verified(result, 15)
    assert dg_verified(result, 15, require_chain=False)
    assert verify(sod, files, None).chain == Verdict.UNKNOWN
    assert verify(sod, files, TrustStore.bundled()).chain == Verdict.UNKNOWN


def test_dsc_with_forged_issuer_signature_fails_chain(ec_pki, files):
    impostor_key = ec.generate_private_key(ec.SECP256R1())
    # Names the real CSCA (subject and key identifier) but is signed by another key.
    dsc_key, dsc_cert = generate_dsc(impostor_key, ec_pki.csca_cert)
    sod = build_sod(files, dsc_key, dsc_cert)
    result = verify(sod, files, _trust(ec_pki.csca_cert))
    assert result.signature == Verdict.PASS
    assert result.chain == Verdict.FAIL


def test_same_subject_other_key_is_unknown(ec_pki, files):
    """CSCA key rollover: a CSCA with our DSC's issuer name but another key identifier."""
    _key, rolled = generate_csca()  # same default subject, new key
    sod = ec_pki.build_sod(files)
    assert verify(sod, files, _trust(rolled)).chain == Verdict.UNKNOWN


def test_validity_at(ec_pki, files):
    sod = ec_pki.build_sod(files)
    trust = _trust(ec_pki.csca_cert)
    assert verify(sod, files, trust, at=dt.datetime(2030, 1, 1)).chain == Verdict.PASS
    late = verify(sod, files, trust, at=dt.datetime(2055, 1, 1, tzinfo=dt.UTC))
    assert late.chain == Verdict.FAIL
    assert verify(sod, files, trust, at=dt.datetime(2019, 1, 1)).chain == Verdict.FAIL


def test_sod_without_certificate(ec_pki, files):
    sod = ec_pki.build_sod(files, include_certificate=False)
    result = verify(sod, files, _trust(ec_pki.csca_cert))
    assert result.dg_hashes == Verdict.PASS
    assert result.signature == Verdict.UNKNOWN
    assert result.chain == Verdict.UNKNOWN


@pytest.mark.parametrize("sod", [b"", b"\x77\x00", b"\x77\x03\x30\x01\x00", b"garbage" * 20])
def test_garbage_sod_never_raises(sod, files):
    result = verify(sod, files, None)
    assert result.signature == Verdict.FAIL
    assert result.dg_hashes == Verdict.UNKNOWN
    assert not result.passed


def test_dg_verified_on_plain_passive_auth():
    assert not dg_verified(PassiveAuth(), 15)
    assert not dg_verified(None, 15)


# -- keys ---------------------------------------------------------------------------------------


def test_vietnamese_csca_loads_with_explicit_parameters():
    for path in (VN_CSCA, BUNDLED_CSCA):
        if not path.exists():
            continue
        cert = asn1_x509.Certificate.load(path.read_bytes())
        params = cert.public_key["algorithm"]["parameters"]
        assert params.name == "specified"  # explicit curve parameters as shipped
        key = load_public_key(cert.public_key.dump())
        assert key.curve.name == "brainpoolP512r1"
        assert ec_curve_of(cert.public_key.dump()).name == "brainpoolp512r1"
        assert verify_certificate(cert, cert)  # its ecdsa-with-SHA512 self-signature


def test_bundled_trust_store_has_the_vietnamese_csca():
    store = TrustStore.bundled()
    subjects = [c.subject.native.get("common_name") for c in store.certificates]
    assert "CSCA ePassport Vietnam" in subjects
    assert store.skipped == ["README.md"]


@pytest.mark.parametrize("curve", CURVES, ids=lambda c: c.name)
def test_curve_table_matches_cryptography(curve):
    """p, a, b via a random public point; G via private key 1; n via private key n-1 = -G."""
    c = curve.curve()
    point = ec.generate_private_key(c).public_key().public_numbers()
    assert (point.y**2 - point.x**3 - curve.a * point.x - curve.b) % curve.p == 0
    g = ec.derive_private_key(1, c).public_key().public_numbers()
    assert g.x == curve.gx
    assert curve.generator == (g.x, g.y)
    minus_g = ec.derive_private_key(curve.n - 1, c).public_key().public_numbers()
    assert (minus_g.x, minus_g.y) == (g.x, curve.p - g.y)


@pytest.mark.parametrize("curve", CURVES[:4], ids=lambda c: c.name)
def test_explicit_parameters_are_re_encoded(curve):
    key = ec.generate_private_key(curve.curve()).public_key()
    size = (curve.p.bit_length() + 7) // 8
    g = ec.derive_private_key(1, curve.curve()).public_key().public_numbers()
    explicit = asn1_keys.PublicKeyInfo(
        {
            "algorithm": {
                "algorithm": "ec",
                "parameters": asn1_keys.ECDomainParameters(
                    name="specified",
                    value={
                        "version": "ecdpVer1",
                        "field_id": {"field_type": "prime_field", "parameters": curve.p},
                        "curve": {
                            "a": curve.a.to_bytes(size, "big"),
                            "b": curve.b.to_bytes(size, "big"),
                        },
                        "base": b"\x04" + g.x.to_bytes(size, "big") + g.y.to_bytes(size, "big"),
                        "order": curve.n,
                        "cofactor": 1,
                    },
                ),
            },
            "public_key": key.public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            ),
        }
    ).dump()
    assert named_curve_spki(explicit) != explicit
    assert load_public_key(explicit).public_numbers() == key.public_numbers()
    broken = explicit.replace(curve.b.to_bytes(size, "big"), (curve.b + 1).to_bytes(size, "big"))
    with pytest.raises(CardDataError):
        load_public_key(broken)


def test_pace_parameter_ids():
    assert curve_by_pace_parameter_id(13).name == "brainpoolp256r1"
    assert curve_by_pace_parameter_id(12).curve is ec.SECP256R1
    with pytest.raises(CardDataError):
        curve_by_pace_parameter_id(9)


def test_load_public_key_garbage():
    for bad in (b"", b"\x30\x00", b"\x30\x03\x02\x01\x00", b"nonsense"):
        with pytest.raises(CardDataError):
            load_public_key(bad)


# -- trust store --------------------------------------------------------------------------------


def test_trust_store_folder_any_name_pem_or_der(tmp_path, ec_pki, rsa_pki):
    (tmp_path / "a-name-without-extension").write_bytes(_der(ec_pki.csca_cert))
    (tmp_path / "rsa.txt").write_bytes(
        rsa_pki.csca_cert.public_bytes(serialization.Encoding.PEM)
        + ec_pki.dsc_cert.public_bytes(serialization.Encoding.PEM)
    )
    (tmp_path / "notes.md").write_text("not a certificate")
    store = TrustStore(tmp_path)
    assert len(store) == 3
    assert store.skipped == ["notes.md"]
    dsc = asn1_x509.Certificate.load(_der(ec_pki.dsc_cert))
    assert store.find_issuer(dsc).dump() == _der(ec_pki.csca_cert)


def test_trust_store_import_certificate_persists(tmp_path, ec_pki):
    store = TrustStore(tmp_path / "trust")
    added = store.import_certificate(ec_pki.csca_cert.public_bytes(serialization.Encoding.PEM))
    assert len(added) == 1
    assert store.import_certificate(_der(ec_pki.csca_cert)) == []  # duplicate
    files = list((tmp_path / "trust").iterdir())
    assert len(files) == 1 and files[0].name.startswith("vn-")
    assert len(TrustStore(tmp_path / "trust")) == 1
    for bad in (b"", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", b"xx"):
        with pytest.raises(CardDataError):
            store.import_certificate(bad)


def test_trust_store_import_master_list(tmp_path, ec_pki, rsa_pki, files):
    signer_key, signer_cert = generate_dsc(
        ec_pki.csca_key, ec_pki.csca_cert, common_name="Master List Signer"
    )
    ml = build_master_list([ec_pki.csca_cert, rsa_pki.csca_cert], signer_key, signer_cert)
    assert len(parse_master_list(ml)) == 2
    store = TrustStore(tmp_path)
    assert len(store.import_master_list(ml)) == 2
    assert len(TrustStore(tmp_path)) == 2
    assert verify(ec_pki.build_sod(files), files, store).passed
    # A master list file dropped into the folder is read as well.
    other = tmp_path / "other"
    other.mkdir()
    (other / "icao.ml").write_bytes(ml)
    assert len(TrustStore(other)) == 2

    tampered = ml.replace(_der(rsa_pki.csca_cert)[-40:], bytes(40))
    assert tampered != ml
    with pytest.raises(CardDataError):
        parse_master_list(tampered)
    with pytest.raises(CardDataError):
        store.import_master_list(ec_pki.build_sod(files)[4:])  # SignedData, wrong content
    with pytest.raises(CardDataError):
        store.import_master_list(b"garbage")


def test_seeded_test_keys_are_always_valid_scalars():
    """Reduced modulo the group order: brainpoolP256r1's order is below 2^256 - 1."""
    from card_reader.virtual.pki import KEY_KINDS, generate_key

    for kind in (k for k in KEY_KINDS if k != "rsa"):
        for i in range(64):
            key = generate_key(kind, seed=bytes([i]))
            assert key.private_numbers().private_value > 0
