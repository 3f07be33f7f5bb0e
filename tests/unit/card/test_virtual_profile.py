"""Profiles and presets of the virtual card: every built file parses, PA passes, faults bite."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from card_reader import passive_auth
from card_reader.errors import CardDataError
from card_reader.lds import security_infos as si
from card_reader.lds.com import parse_ef_com
from card_reader.lds.dg2 import parse_dg2
from card_reader.lds.dg13 import parse_dg13
from card_reader.lds.dg15 import parse_dg15
from card_reader.lds.files import card_reading_from_files
from card_reader.mrz import parse_td1
from card_reader.reading import Verdict
from card_reader.trust import TrustStore
from card_reader.virtual import profile as vp
from card_reader.virtual.face import synthetic_face


@pytest.fixture(scope="module")
def key_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("virtual-keys")


@pytest.fixture(scope="module")
def presets(key_dir):
    return {name: vp.load_preset(name, key_dir) for name in vp.preset_names()}


def _trust(profile) -> TrustStore:
    store = TrustStore()
    store.import_certificate(profile.csca_cert_der)  # in memory: the store has no folder
    return store


def test_presets_cover_the_training_cases(presets):
    assert len(presets) >= 4
    people = [p.person for p in presets.values()]
    assert all(len(p.id_number) == 12 and p.id_number.isdigit() for p in people)
    assert any(p.spouse_name for p in people)
    assert any(not p.old_id_number for p in people)
    assert any(len(p.place_of_residence.encode()) > 127 for p in people)
    assert any(int(p.date_of_issue[-4:]) - int(p.date_of_birth[-4:]) == 14 for p in people)
    bac_only = [p for p in presets.values() if not p.options.pace]
    assert bac_only and all(0x011C not in p.files for p in bac_only)
    assert all(p.label and "mô phỏng" in p.label for p in presets.values())
    assert {parse_dg2(p.files[0x0102]).format for p in presets.values()} == {"jpeg", "jpeg2000"}


@pytest.mark.parametrize("name", vp.preset_names())
def test_preset_files_parse_back_to_the_person(presets, name):
    profile = presets[name]
    person = profile.person
    files = profile.files
    reading = card_reading_from_files(files[0x0101], files[0x010D], files[0x0102])
    assert reading.id_number == person.id_number
    assert reading.full_name == person.full_name
    assert reading.place_of_residence == person.place_of_residence
    assert reading.father_name == person.father_name
    assert reading.mother_name == person.mother_name
    assert (reading.spouse_name or None) == person.spouse_name
    assert (reading.old_id_number or None) == person.old_id_number
    assert reading.mrz == profile.mrz and parse_td1(profile.mrz).valid
    assert not any(k.endswith("_error") or k == "dg13_dg1_mismatch" for k in reading.extra)
    dg13 = parse_dg13(files[0x010D])
    assert dg13.text(4) == person.sex and dg13.text(9) == person.place_of_residence
    assert 10_000 <= len(reading.face_image) <= 20_000
    Image.open(io.BytesIO(reading.face_image)).load()  # a real, decodable picture
    com = parse_ef_com(files[0x011E])
    assert set(com.data_groups) == {n for n in range(1, 17) if 0x0100 + n in files}
    assert {1, 2, 3, 13} <= set(com.data_groups)


@pytest.mark.parametrize("name", vp.preset_names())
def test_passive_authentication_passes_with_the_test_csca(presets, name):
    profile = presets[name]
    dgs = {n: d for n, d in profile.data_groups.items() if n != 3}
    result = passive_auth.verify(profile.files[0x011D], dgs, _trust(profile))
    assert result.passed, result.details


def test_security_infos_follow_the_options(presets):
    full = presets["le-van-hung"]
    access = si.parse_security_infos(full.files[0x011C])
    pace = [i for i in access if isinstance(i, si.PaceInfo)]
    assert pace == [si.PaceInfo(si.ID_PACE_ECDH_GM_AES_CBC_CMAC_128, 2, 13)]
    assert any(isinstance(i, si.ChipAuthenticationInfo) for i in access)
    assert any(getattr(i, "protocol", None) == si.ID_TA for i in access)
    dg14 = si.parse_dg14(full.files[0x010E])
    kinds = {type(i) for i in dg14}
    assert {si.ChipAuthenticationInfo, si.ChipAuthenticationPublicKeyInfo} <= kinds
    assert si.ActiveAuthenticationInfo in kinds  # EC AA announces its signature algorithm
    parse_dg15(full.files[0x010F])

    old = presets["ha-thi-lan"]  # BAC only, RSA AA, no CA: no DG14 at all
    assert 0x010E not in old.files and 0x011C not in old.files
    assert old.ca_private_key is None and old.aa_private_key.key_size == vp.AA_RSA_BITS
    assert old.bac_key == ("158900404", "580202", "991231")  # "Không thời hạn" → 991231


def test_keys_and_csca_are_cached_and_stable(presets, key_dir):
    again = vp.load_preset("le-van-hung", key_dir)
    first = presets["le-van-hung"]
    assert again.csca_cert_der == first.csca_cert_der
    assert again.files[0x010E] == first.files[0x010E]  # same CA public key
    assert again.files[0x010F] == first.files[0x010F]  # same AA public key
    assert again.files[0x0101] == first.files[0x0101]
    rsa_again = vp.load_preset("ha-thi-lan", key_dir)
    assert rsa_again.files[0x010F] == presets["ha-thi-lan"].files[0x010F]
    other = vp.load_preset("nguyen-thi-mai", key_dir)
    assert other.files[0x010E] != first.files[0x010E]  # every chip has its own keys


def test_corrupt_dg_breaks_the_hash_but_still_parses(key_dir):
    clean = vp.load_preset("le-van-hung", key_dir)
    for number in (1, 2, 13):
        profile = vp.with_changes(clean, key_dir, faults={"corrupt_dg": number})
        fid = 0x0100 + number
        served, signed = profile.files[fid], profile.clean_files[fid]
        assert len(served) == len(signed)
        assert sum(a != b for a, b in zip(served, signed, strict=True)) == 1
        dgs = {n: d for n, d in profile.data_groups.items() if n != 3}
        result = passive_auth.verify(profile.files[0x011D], dgs, _trust(profile))
        assert result.dg_hashes == Verdict.FAIL and result.signature == Verdict.PASS
        reading = card_reading_from_files(dgs[1], dgs[13], dgs[2])
        assert reading.id_number == clean.id_number


def test_bad_sod_signature(key_dir):
    profile = vp.load_preset("nguyen-thi-mai", key_dir, faults={"bad_sod_signature": True})
    assert profile.files[0x011D] != profile.clean_files[0x011D]
    dgs = {n: d for n, d in profile.data_groups.items() if n != 3}
    result = passive_auth.verify(profile.files[0x011D], dgs, _trust(profile))
    assert result.dg_hashes == Verdict.PASS and result.signature == Verdict.FAIL


def test_load_from_json_file_and_flat_layout(tmp_path, key_dir):
    data = vp.preset_data("trinh-minh-duc")
    flat = {**data.pop("person"), "face": "generated-jpeg2000", "options": {"aa": None}}
    path = tmp_path / "card.json"
    path.write_text(json.dumps(flat, ensure_ascii=False), encoding="utf-8")
    profile = vp.load_profile(path, key_dir)
    assert profile.id_number == "038210900303"
    assert 0x010F not in profile.files and profile.aa_private_key is None
    assert parse_dg2(profile.files[0x0102]).format == "jpeg2000"


def test_face_from_a_file_next_to_the_json(tmp_path, key_dir):
    (tmp_path / "face.jpg").write_bytes(synthetic_face(7))
    data = vp.preset_data("le-van-hung")
    data["face"] = "face.jpg"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    profile = vp.load_profile(path, key_dir)
    assert parse_dg2(profile.files[0x0102]).image == synthetic_face(7)


@pytest.mark.parametrize(
    "change",
    [
        {"person": {"id_number": "12345"}},
        {"person": {"sex": "M"}},
        {"person": {"date_of_birth": "1990-01-01"}},
        {"options": {"pace": False, "bac": False}},
        {"options": {"aa": "dsa"}},
        {"options": {"max_response": 0}},
        {"faults": {"corrupt_dg": 11}},
        {"face": "generated-png"},
    ],
)
def test_invalid_profiles_are_refused(key_dir, change):
    data = vp.preset_data("le-van-hung")
    for key, value in change.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    with pytest.raises(CardDataError):
        vp.load_profile(data, key_dir)


def test_synthetic_face_is_deterministic_and_sized():
    for fmt in ("jpeg", "jpeg2000"):
        a = synthetic_face(42, fmt)
        assert a == synthetic_face(42, fmt)
        assert 15_000 <= len(a) <= 20_000
        assert a != synthetic_face(43, fmt)
