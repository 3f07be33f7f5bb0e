"""Signed update notices (core/updates.py): signature, tampering, keys, versions, fields, URLs,
downloads checked against the signed SHA-256 — with real Ed25519 keys made per test."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest

from core import updates
from core.updates import (
    BadSignature,
    DownloadMismatch,
    NotNewer,
    UnknownKey,
    UnsafeFileUrl,
    UpdateInvalid,
    UpdateTooLarge,
    WrongProduct,
)

HUB = "http://192.168.1.20:8765"


def manifest_dict(version: str = "0.2.0", **overrides) -> dict:
    data = {"format": 1, "product": "xaso", "version": version, "released": "2026-03-01",
            "min_windows": "10.0.17763",
            "changelog": {"vi": "Sửa lỗi đọc thẻ; thêm báo cáo quý.",
                          "en": "Card reading fix; quarterly report."},
            "files": [{"platform": "windows-x64", "name": f"XaSo-{version}-setup.exe",
                       "url": f"files/XaSo-{version}-setup.exe", "sha256": "ab" * 32,
                       "size": 1234},
                      {"platform": "linux-x64-deb", "name": f"xaso_{version}_amd64.deb",
                       "url": f"https://example.org/xaso_{version}_amd64.deb",
                       "sha256": "cd" * 32, "size": 99}]}
    data.update(overrides)
    return data


def encode(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


@pytest.fixture
def key():
    return updates.generate_release_key()


@pytest.fixture
def trusted(key):
    return {updates.key_id_of(key.public_key()): key.public_key()}


def signed(key, data: dict | None = None) -> bytes:
    return updates.sign_manifest(encode(data or manifest_dict()), key)


def envelope_parts(envelope: bytes) -> dict:
    return json.loads(envelope)


def rebuild(parts: dict) -> bytes:
    return json.dumps(parts).encode("utf-8")


def verify(envelope: bytes, trusted, running: str = "0.1.0", hub_url: str | None = None):
    return updates.verify_update(envelope, trusted_keys=trusted, running=running,
                                 hub_url=hub_url)


def test_valid_notice_is_accepted_with_every_field(key, trusted):
    manifest = verify(signed(key), trusted)
    assert manifest.version == "0.2.0"
    assert manifest.released.isoformat() == "2026-03-01"
    assert manifest.min_windows == "10.0.17763"
    assert manifest.changelog_for("vi").startswith("Sửa lỗi")
    assert manifest.changelog_for("en").startswith("Card reading")
    assert manifest.file_for("windows-x64").size == 1234
    assert manifest.file_for("macos-arm64") is None
    assert manifest.key_id == updates.key_id_of(key.public_key())
    assert manifest.as_dict()["files"][1]["platform"] == "linux-x64-deb"


def test_signature_covers_the_exact_bytes(key, trusted):
    data = manifest_dict()
    raw = encode(data)
    envelope = updates.sign_manifest(raw, key)
    parts = envelope_parts(envelope)
    assert base64.b64decode(parts["manifest"]) == raw  # not re-serialised
    key.public_key().verify(base64.b64decode(parts["signature"]), raw)
    # The same manifest spelt differently (compact JSON) under the old signature: refused.
    parts["manifest"] = base64.b64encode(json.dumps(data).encode()).decode()
    with pytest.raises(BadSignature):
        verify(rebuild(parts), trusted)


def test_a_tampered_manifest_byte_is_refused(key, trusted):
    parts = envelope_parts(signed(key))
    raw = bytearray(base64.b64decode(parts["manifest"]))
    at = raw.index(b"0.2.0")
    raw[at + 2] = ord("9")  # 0.2.0 → 0.9.0: still a valid manifest, no longer the signed one
    parts["manifest"] = base64.b64encode(bytes(raw)).decode()
    with pytest.raises(BadSignature) as err:
        verify(rebuild(parts), trusted)
    assert str(err.value) == "Bản cập nhật không hợp lệ (chữ ký sai) — đã bỏ qua."


def test_a_tampered_signature_is_refused(key, trusted):
    parts = envelope_parts(signed(key))
    signature = bytearray(base64.b64decode(parts["signature"]))
    signature[10] ^= 0x01
    parts["signature"] = base64.b64encode(bytes(signature)).decode()
    with pytest.raises(BadSignature):
        verify(rebuild(parts), trusted)
    parts["signature"] = base64.b64encode(bytes(signature[:63])).decode()  # truncated
    with pytest.raises(BadSignature):
        verify(rebuild(parts), trusted)


def test_signed_by_another_key_under_a_trusted_key_id_is_refused(key, trusted):
    other = updates.generate_release_key()
    parts = envelope_parts(signed(other))
    parts["key_id"] = updates.key_id_of(key.public_key())  # claims the trusted key
    with pytest.raises(BadSignature):
        verify(rebuild(parts), trusted)


def test_an_unknown_key_id_is_refused(trusted):
    other = updates.generate_release_key()
    with pytest.raises(UnknownKey) as err:
        verify(signed(other), trusted)
    assert updates.key_id_of(other.public_key()) in str(err.value)
    with pytest.raises(UnknownKey):  # and the pinned project keys do not know a test key
        updates.verify_update(signed(other), running="0.1.0")


@pytest.mark.parametrize("offered, running", [("0.1.0", "0.1.0"), ("0.0.9", "0.1.0"),
                                              ("0.9.0", "0.10.0"), ("1.2.3", "1.2.3+win")])
def test_not_newer_versions_are_refused(key, trusted, offered, running):
    with pytest.raises(NotNewer) as err:
        verify(signed(key, manifest_dict(offered)), trusted, running=running)
    assert err.value.offered == offered and err.value.current == running
    assert "không mới hơn" in str(err.value)


@pytest.mark.parametrize("offered, running", [("0.10.0", "0.9.0"), ("0.2.0", "0.2.0rc1"),
                                              ("0.2.0", "0.2.0.dev3"), ("1.0.0", "0.99.99"),
                                              ("0.1.1", "0.1")])
def test_newer_versions_compare_as_numbers(key, trusted, offered, running):
    assert verify(signed(key, manifest_dict(offered)), trusted, running=running).version \
        == offered


def test_version_helpers():
    assert updates.is_newer("0.10.0", "0.9.0") and not updates.is_newer("0.9.0", "0.10.0")
    assert updates.version_key("0.2.0.post1") > updates.version_key("0.2.0")[:3]
    for bad in ("1.2", "01.2.3", "1.2.3.4", "v1.2.3", "1.2.3-rc1", "", None, 123):
        with pytest.raises(UpdateInvalid):
            updates.parse_version(bad)
    assert updates.running_version() is not None  # the installed package's metadata


@pytest.mark.parametrize("envelope", [b"{not json", b"[]", b"\xff\xfe", b'{"manifest": 1}',
                                      b'{"manifest": "AA==", "key_id": "zz", "signature": ""}',
                                      b'{"manifest": "not base64!", "key_id": "0123456789abcdef",'
                                      b' "signature": "AA=="}'])
def test_bad_envelopes_are_refused(trusted, envelope):
    with pytest.raises(UpdateInvalid) as err:
        verify(envelope, trusted)
    assert "Bản cập nhật không hợp lệ" in str(err.value)


def test_an_oversized_envelope_is_refused_unread(trusted):
    with pytest.raises(UpdateTooLarge):
        verify(b" " * (updates.MAX_ENVELOPE_BYTES + 1), trusted)


def _signed_raw(key, raw: bytes) -> bytes:
    """A signed envelope around any bytes (sign_manifest refuses to sign broken manifests)."""
    return json.dumps({"manifest": base64.b64encode(raw).decode(),
                       "key_id": updates.key_id_of(key.public_key()),
                       "signature": base64.b64encode(key.sign(raw)).decode()}).encode()


@pytest.mark.parametrize("change", [
    {"format": 2}, {"format": True}, {"version": "0.2"}, {"version": None},
    {"released": "2026-02-30"}, {"released": "1/3/2026"}, {"changelog": {"en": "only English"}},
    {"changelog": "text"}, {"files": {}}, {"min_windows": "ten"},
    {"files": [{"platform": "windows-x64", "name": "../setup.exe", "url": "files/x",
                "sha256": "ab" * 32, "size": 1}]},
    {"files": [{"platform": "windows-x64", "name": "setup.exe", "url": "files/x",
                "sha256": "AB" * 32, "size": 1}]},
    {"files": [{"platform": "windows-x64", "name": "setup.exe", "url": "files/x",
                "sha256": "ab" * 32, "size": 0}]},
    {"files": [{"platform": "windows-x64", "name": "setup.exe", "url": "files/x y",
                "sha256": "ab" * 32, "size": 1}]},
    {"files": [{"platform": "windows-x64", "name": "a.exe", "url": "a", "sha256": "ab" * 32,
                "size": 1}, {"platform": "windows-x64", "name": "b.exe", "url": "b",
                             "sha256": "ab" * 32, "size": 1}]},
])
def test_invalid_fields_are_refused_even_when_signed(key, trusted, change):
    with pytest.raises(UpdateInvalid):
        verify(_signed_raw(key, encode(manifest_dict(**change))), trusted)
    with pytest.raises(UpdateInvalid):  # and never signed in the first place
        updates.sign_manifest(encode(manifest_dict(**change)), key)


def test_missing_field_duplicate_key_and_wrong_product(key, trusted):
    data = manifest_dict()
    del data["released"]
    with pytest.raises(UpdateInvalid):
        verify(_signed_raw(key, encode(data)), trusted)
    duplicated = encode(manifest_dict()).replace(b'"format": 1,', b'"format": 1, "format": 1,')
    with pytest.raises(UpdateInvalid):
        verify(_signed_raw(key, duplicated), trusted)
    with pytest.raises(WrongProduct) as err:
        verify(_signed_raw(key, encode(manifest_dict(product="other-app"))), trusted)
    assert "không dành cho Xã Số" in str(err.value)


def _with_url(url: str) -> dict:
    data = manifest_dict()
    data["files"][0]["url"] = url
    return data


@pytest.mark.parametrize("url", ["http://example.org/setup.exe", "ftp://example.org/x",
                                 "file:///C:/setup.exe", "//example.org/setup.exe",
                                 "https://user@example.org/x", "javascript:alert(1)",
                                 "http://192.168.1.20:8766/v1/updates/files/x",
                                 "http://192.168.1.200:8765/x"])
def test_non_https_file_urls_are_refused(key, trusted, url):
    with pytest.raises(UnsafeFileUrl) as err:
        verify(_signed_raw(key, encode(_with_url(url))), trusted, hub_url=HUB)
    assert "https" in str(err.value)
    with pytest.raises(UnsafeFileUrl):
        updates.sign_manifest(encode(_with_url(url)), key)


@pytest.mark.parametrize("url", ["files/XaSo.exe", "/v1/updates/files/XaSo.exe",
                                 "https://example.org/XaSo.exe",
                                 f"{HUB}/v1/updates/files/XaSo.exe", "HTTP://192.168.1.20:8765/x"])
def test_https_relative_and_the_hubs_own_urls_are_allowed(key, trusted, url):
    manifest = verify(_signed_raw(key, encode(_with_url(url))), trusted, hub_url=HUB + "/")
    assert manifest.files[0].url == url


def test_http_under_a_hub_path_stays_under_it():
    hub = "http://hub.local/dongbo"
    assert updates.url_allowed("http://hub.local/dongbo/v1/updates/files/x", hub)
    assert not updates.url_allowed("http://hub.local/dongbo2/x", hub)
    assert not updates.url_allowed("http://hub.local/other", hub)
    assert not updates.url_allowed("http://hub.local/dongbo/x")  # no hub: https only


def test_trusted_keys_file_pins_the_project_key_and_checks_ids(key, tmp_path):
    pinned = updates.load_trusted_keys()
    assert pinned and all(updates.key_id_of(k) == kid for kid, k in pinned.items())
    path = tmp_path / "keys.json"
    text = updates.public_key_text(key.public_key())
    path.write_text(json.dumps({"keys": {updates.key_id_of(key.public_key()): text}}))
    assert list(updates.load_trusted_keys(path)) == [updates.key_id_of(key.public_key())]
    path.write_text(json.dumps({"keys": {"0123456789abcdef": text}}))  # mislabelled
    with pytest.raises(UpdateInvalid):
        updates.load_trusted_keys(path)


def test_private_key_pem_round_trip(key):
    again = updates.private_key_from_pem(updates.private_key_to_pem(key))
    assert updates.key_id_of(again.public_key()) == updates.key_id_of(key.public_key())
    with pytest.raises(UpdateInvalid):
        updates.private_key_from_pem(b"-----BEGIN NOTHING-----")


def test_verify_download_checks_size_and_sha256(tmp_path):
    content = b"MZ installer bytes " * 1000
    path = tmp_path / "XaSo-0.2.0-setup.exe"
    path.write_bytes(content)
    entry = updates.FileEntry(platform="windows-x64", name=path.name, url="files/x",
                              sha256=hashlib.sha256(content).hexdigest(), size=len(content))
    updates.verify_download(path, entry)  # good
    path.write_bytes(content[:-1] + b"!")  # same size, other bytes
    with pytest.raises(DownloadMismatch) as err:
        updates.verify_download(path, entry)
    assert "không khớp mã kiểm tra" in str(err.value)
    path.write_bytes(content + b"x")  # other size
    with pytest.raises(DownloadMismatch):
        updates.verify_download(path, entry)
    with pytest.raises(DownloadMismatch):
        updates.verify_download(tmp_path / "missing.exe", entry)
