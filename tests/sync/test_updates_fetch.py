"""Update notices over real HTTP: the hub app (create_app + sync.hub.updates.install) under
uvicorn on loopback serves a signed envelope and its file; the client fetches, verifies and
downloads with the SHA-256 checked; refusals are clear Vietnamese messages; the CLI end to end."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import StreamingResponse

from core import updates as core_updates
from core.preferences import save_preference
from core.progress import Progress
from core.services import sync_state
from core.services.sync_state import Enrollment
from core.updates import (
    BadSignature,
    DownloadMismatch,
    NoUpdatePublished,
    NoUpdateSource,
    UpdateHttpError,
    UpdateTooLarge,
    UpdateUnreachable,
)
from sync import updates
from tests.sync.conftest import free_port
from tests.update_hub import Release, Served, UpdateHub

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INSTALLER = b"\x7fELF xaso installer " * 40_000  # ~800 KB: several streamed chunks
NAME = "xaso_0.2.0_amd64.deb"


@pytest.fixture
def hub(tmp_path):
    served = UpdateHub(tmp_path / "hub")
    yield served
    served.close()


@pytest.fixture
def release():
    return Release()


def test_fetch_verify_and_download_from_the_hub(hub, release, tmp_path):
    hub.publish(release.envelope("0.2.0", {NAME: INSTALLER}), {NAME: INSTALLER})
    source = updates.source_for(hub_url=hub.url + "/")
    assert source.url == hub.url + "/v1/updates/manifest" and source.hub_url == hub.url
    result = updates.check(source, trusted_keys=release.trusted, running="0.1.0")
    assert result.available and result.offered == "0.2.0" and result.current == "0.1.0"
    assert result.manifest.changelog_for("vi").startswith("Bản 0.2.0")
    assert result.as_dict()["manifest"]["files"][0]["name"] == NAME

    entry = result.manifest.file_for("linux-x64-deb")
    assert updates.file_url(entry, result.origin) == f"{hub.url}/v1/updates/files/{NAME}"
    reports = []
    path = updates.download(entry, result.origin, tmp_path / "downloads",
                            progress=Progress(report=lambda d, t: reports.append((d, t))))
    assert path == tmp_path / "downloads" / NAME and path.read_bytes() == INSTALLER
    core_updates.verify_download(path, entry)
    assert len(reports) > 1 and reports[-1][0] == reports[-1][1] == (len(INSTALLER) + 1023) // 1024
    assert not os.access(path, os.X_OK)  # saved, never made runnable or run


def test_the_same_version_or_an_older_one_means_up_to_date(hub, release):
    hub.publish(release.envelope("0.2.0", {NAME: INSTALLER}))
    source = updates.source_for(hub_url=hub.url)
    for running in ("0.2.0", "0.10.0"):
        result = updates.check(source, trusted_keys=release.trusted, running=running)
        assert not result.available and result.offered == "0.2.0"
        assert result.as_dict()["available"] is False


def test_a_mismatching_download_is_removed(hub, release, tmp_path):
    envelope = release.envelope("0.2.0", {NAME: INSTALLER})
    hub.publish(envelope, {NAME: INSTALLER[:-1] + b"!"})  # the hub's copy was damaged
    result = updates.check(updates.source_for(hub_url=hub.url), trusted_keys=release.trusted,
                           running="0.1.0")
    entry = result.manifest.files[0]
    with pytest.raises(DownloadMismatch) as err:
        updates.download(entry, result.origin, tmp_path / "dl")
    assert "đã bị xóa" in str(err.value)
    assert list((tmp_path / "dl").iterdir()) == []  # no partial, no wrong file left
    hub.publish(envelope, {NAME: INSTALLER + b"more"})  # longer than signed: stopped early
    with pytest.raises(DownloadMismatch):
        updates.download(entry, result.origin, tmp_path / "dl")
    assert list((tmp_path / "dl").iterdir()) == []
    (hub.folder / NAME).unlink()
    with pytest.raises(UpdateHttpError) as missing:
        updates.download(entry, result.origin, tmp_path / "dl")
    assert missing.value.status == 404


def test_nothing_published_is_a_clear_404(hub, release):
    response = httpx.get(hub.url + "/v1/updates/manifest")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "not_found" and "chưa có thông báo cập nhật" in body["message"]
    with pytest.raises(NoUpdatePublished) as err:
        updates.check(updates.source_for(hub_url=hub.url), trusted_keys=release.trusted)
    assert "Chưa có thông báo cập nhật nào tại" in str(err.value)


def test_a_hub_serving_a_tampered_envelope_is_refused(hub, release):
    envelope = json.loads(release.envelope("0.2.0", {NAME: INSTALLER}))
    manifest = json.loads(base64.b64decode(envelope["manifest"]))
    manifest["files"][0]["url"] = "https://evil.example/xaso.deb"  # a hub swapping the file
    envelope["manifest"] = base64.b64encode(
        json.dumps(manifest).encode()).decode()
    hub.publish(json.dumps(envelope).encode())
    with pytest.raises(BadSignature) as err:
        updates.check(updates.source_for(hub_url=hub.url), trusted_keys=release.trusted,
                      running="0.1.0")
    assert str(err.value) == "Bản cập nhật không hợp lệ (chữ ký sai) — đã bỏ qua."
    with pytest.raises(core_updates.UnknownKey):  # the app's pinned keys never trust a test key
        updates.check(updates.source_for(hub_url=hub.url), running="0.1.0")


def test_oversized_bodies_are_refused(hub, release, tmp_path):
    hub.publish(b" " * (core_updates.MAX_ENVELOPE_BYTES + 10_000))
    with pytest.raises(UpdateTooLarge):
        updates.check(updates.source_for(hub_url=hub.url), trusted_keys=release.trusted)

    async def endless():  # no Content-Length: the limit holds while reading
        for _ in range(100):
            yield b" " * 65536

    app = FastAPI()
    app.get("/xaso-update.json")(lambda: StreamingResponse(endless(),
                                                           media_type="application/json"))
    other = Served(app)
    try:
        with pytest.raises(UpdateTooLarge):
            updates.fetch_envelope(other.url + "/xaso-update.json")
    finally:
        other.close()


def test_unreachable_source_is_a_vietnamese_offline_message(release):
    url = f"http://127.0.0.1:{free_port()}/xaso-update.json"
    with pytest.raises(UpdateUnreachable) as err:
        updates.check(updates.source_for(url=url), trusted_keys=release.trusted)
    assert str(err.value).startswith("Không kết nối được nơi kiểm tra cập nhật")
    assert "không có mạng" in str(err.value)
    with pytest.raises(NoUpdateSource):
        updates.source_for()


def test_file_routes_serve_only_safe_names(hub, tmp_path):
    hub.folder.mkdir(exist_ok=True)
    (hub.folder / "a.bin").write_bytes(b"x")
    (tmp_path / "secret.txt").write_text("secret")
    (hub.folder / "link.txt").symlink_to(tmp_path / "secret.txt")  # a link out of the folder
    assert httpx.get(hub.url + "/v1/updates/files/a.bin").content == b"x"
    assert (hub.config.data_dir / "hub_keys.json").is_file()  # what a traversal would reach
    for name in ("..%2Fhub_keys.json", "%2E%2E%2Fhub_keys.json", "../hub_keys.json",
                 "..%5Chub_keys.json", ".hidden", "link.txt", "missing.bin", "a..bin"):
        response = httpx.get(hub.url + "/v1/updates/files/" + name)
        assert response.status_code in (404, 422), name
        assert set(response.json()) >= {"error", "detail", "message"}, name


def test_the_enrolled_hub_or_the_preference_is_the_source(admin_ws, hub, release):
    with pytest.raises(NoUpdateSource):
        updates.source_of_workspace(admin_ws)
    key = release.key.public_key()  # any well-formed keys: only hub_url matters here
    sync_state.save_enrollment(admin_ws, Enrollment(
        hub_url=hub.url, hub_id="hub-test", device_id="d-0000000000000001",
        device_name="PC thử", device_key_pem=core_updates.private_key_to_pem(
            release.key).decode(), hub_signing_key=core_updates.public_key_text(key),
        hub_sealing_key=core_updates.public_key_text(key), commune_code="16498"))
    source = updates.source_of_workspace(admin_ws)
    assert source == updates.Source(hub.url + "/v1/updates/manifest", hub.url)
    save_preference(admin_ws.store.data_dir, "update_url", "https://example.org/u.json")
    assert updates.source_of_workspace(admin_ws).url == "https://example.org/u.json"
    assert updates.source_of_workspace(admin_ws, url="https://x.example/u.json").url == \
        "https://x.example/u.json"


def _cli(*args):
    """A real `python main.py …` process (exit code, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XASO_")}
    env["PYTHONPATH"] = ROOT
    return subprocess.run([sys.executable, os.path.join(ROOT, "main.py"), *args],
                          capture_output=True, text=True, env=env, timeout=60)


def _command(capsys, *argv) -> tuple[int, str]:
    """The same command in this process (its parser and handler, without the start-up cost)."""
    from cli import build_parser

    args = build_parser().parse_args(list(argv))
    code = args.func(args)
    return code, capsys.readouterr().out


def test_cli_keygen_sign_and_check(hub, tmp_path, capsys):
    code, out = _command(capsys, "update", "keygen", "--out", str(tmp_path / "keys"))
    assert code == 0
    key_file = next((tmp_path / "keys").glob("xaso-release-*.key"))
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    kid = key_file.stem.removeprefix("xaso-release-")
    public = out.split("Khóa công khai: ")[1].split()[0]
    assert f"Mã khóa: {kid}" in out
    (tmp_path / "trusted.json").write_text(json.dumps({"keys": {kid: public}}))

    release = Release()
    (tmp_path / "manifest.json").write_text(json.dumps(release.manifest("0.9.0", {NAME: b"x"})))
    hub.folder.mkdir()
    code, out = _command(capsys, "update", "sign", str(tmp_path / "manifest.json"), "--key",
                         str(key_file), "--out", str(hub.folder / "xaso-update.json"))
    assert code == 0 and "Đã ký bản 0.9.0" in out

    data = tmp_path / "data"
    save_preference(data, "update_url", hub.url + "/v1/updates/manifest")
    trusted = ("--trusted-keys", str(tmp_path / "trusted.json"), "--data-dir", str(data))
    code, out = _command(capsys, "update", "check", "--current", "0.9.0", *trusted)
    assert code == 0 and "Đang dùng bản mới nhất (0.9.0)" in out

    found = _cli("update", "check", "--url", hub.url + "/v1/updates/manifest", "--json",
                 *trusted)
    assert found.returncode == 0, found.stderr
    answer = json.loads(found.stdout)
    assert answer["available"] and answer["manifest"]["version"] == "0.9.0"
    assert answer["manifest"]["changelog"]["vi"].startswith("Bản 0.9.0")

    refused = _cli("update", "check", "--data-dir", str(data))  # pinned keys: not this key
    assert refused.returncode == 1
    assert "khóa không được tin cậy" in refused.stderr
