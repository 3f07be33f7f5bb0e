"""Signed update notices (docs/UPDATES.md): the manifest format, its signature and its checks.

Pure: no network, no Qt. `sync.updates` fetches an envelope and calls `verify_update`; the UI
shows what it returns. Nothing here (or anywhere in the app) ever runs an installer.

An update is announced by one file, `xaso-update.json`, the *envelope*::

    {"manifest": base64(exact manifest bytes), "key_id": "…16 hex…", "signature": base64(Ed25519)}

The signature covers the exact manifest bytes (never a re-serialisation), made with a release
key whose public half is pinned in `resources/trust/updates/update_keys.json`. The manifest is
UTF-8 JSON::

    {"format": 1, "product": "xaso", "version": "0.2.0", "released": "2026-03-01",
     "min_windows": "10.0.17763", "changelog": {"vi": "…", "en": "…"},
     "files": [{"platform": "windows-x64", "name": "XaSo-0.2.0-setup.exe",
                "url": "files/XaSo-0.2.0-setup.exe", "sha256": "…64 hex…", "size": 123}]}

A file `url` is https, or a relative path (resolved against where the envelope came from), or
an address under the hub the envelope came from. Every refusal is an `UpdateError` whose
message says, in Vietnamese, what was refused and that nothing was installed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import platform
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from core.errors import XasoError
from core.i18n import QT_TR_NOOP, Msg

FORMAT = 1
PRODUCT = "xaso"
ENVELOPE_NAME = "xaso-update.json"
MAX_ENVELOPE_BYTES = 256 * 1024  # the manifest is a few KB; anything bigger is refused unread
MAX_CHANGELOG_CHARS = 20_000
MAX_FILES = 20
MAX_FILE_SIZE = 8 * 1024**3
MAX_URL_CHARS = 2048
KEYS_FILE = (Path(__file__).resolve().parent.parent / "resources" / "trust" / "updates"
             / "update_keys.json")
PACKAGE = "xaso"  # the distribution name in pyproject.toml: its `version` is the running one

_VERSION = re.compile(r"(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})")
_RUNNING = re.compile(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)", re.IGNORECASE)
_PRE_RELEASE = re.compile(r"(a|b|c|rc|alpha|beta|pre|preview|dev)\d*(\W|_|$)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WINDOWS = re.compile(r"\d{1,5}(?:\.\d{1,6}){0,3}")
_PLATFORM = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_KEY_ID = re.compile(r"[0-9a-f]{16}")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_ABSOLUTE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([^/?#@]+)((?:[/?][^#]*)?)")


# -- refusals ---------------------------------------------------------------------------------

class UpdateError(XasoError):
    """Base of every refusal about updates; `code` names it for machines (CLI --json, tests)."""

    code = "update"


class UpdateInvalid(UpdateError):
    """Not JSON, not an envelope, a missing or malformed field."""

    code = "invalid"

    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(Msg(QT_TR_NOOP(
            "Bản cập nhật không hợp lệ ({detail}) — đã bỏ qua, không có gì được cài đặt. Nếu "
            "lỗi lặp lại, hãy báo quản trị máy chủ."), detail=detail))


class BadSignature(UpdateError):
    """The signature does not match the manifest bytes (tampered, or signed by another key)."""

    code = "bad_signature"

    def __init__(self):
        super().__init__(QT_TR_NOOP("Bản cập nhật không hợp lệ (chữ ký sai) — đã bỏ qua."))


class UnknownKey(UpdateError):
    code = "unknown_key"

    def __init__(self, key_id: str):
        self.key_id = key_id
        super().__init__(Msg(QT_TR_NOOP(
            "Bản cập nhật được ký bằng một khóa không được tin cậy (mã khóa {key_id}) — đã bỏ "
            "qua."), key_id=key_id))


class WrongProduct(UpdateError):
    code = "wrong_product"

    def __init__(self, product: str):
        super().__init__(Msg(QT_TR_NOOP(
            "Tệp cập nhật này không dành cho Xã Số (sản phẩm “{product}”) — đã bỏ qua."),
            product=product))


class NotNewer(UpdateError):
    """A valid notice of a version that is not newer than the running one: nothing to offer."""

    code = "not_newer"

    def __init__(self, offered: str, current: str):
        self.offered, self.current = offered, current
        super().__init__(Msg(QT_TR_NOOP(
            "Bản cập nhật {offered} không mới hơn bản đang dùng ({current}) — đã bỏ qua."),
            offered=offered, current=current))


class UnsafeFileUrl(UpdateError):
    code = "unsafe_url"

    def __init__(self, name: str):
        self.name = name
        super().__init__(Msg(QT_TR_NOOP(
            "Bản cập nhật không hợp lệ: địa chỉ tải tệp {name} không dùng https — đã bỏ qua."),
            name=name))


class VersionUnknown(UpdateError):
    code = "version_unknown"

    def __init__(self):
        super().__init__(QT_TR_NOOP(
            "Không xác định được phiên bản Xã Số đang chạy nên không so sánh được với bản cập "
            "nhật. Hãy cài lại Xã Số từ bộ cài chính thức."))


class DownloadMismatch(UpdateError):
    code = "download_mismatch"

    def __init__(self, name: str):
        self.name = name
        super().__init__(Msg(QT_TR_NOOP(
            "Tệp tải về {name} không khớp mã kiểm tra (SHA-256 hoặc kích thước) của bản cập "
            "nhật nên đã bị xóa. Hãy tải lại; nếu lỗi lặp lại, hãy báo quản trị máy chủ."),
            name=name))


class DownloadNotSaved(UpdateError):
    code = "not_saved"

    def __init__(self, folder: str):
        super().__init__(Msg(QT_TR_NOOP(
            "Không ghi được tệp tải về vào thư mục {folder} (hết chỗ trống hoặc không có quyền "
            "ghi). Hãy chọn thư mục khác rồi tải lại."), folder=folder))


class UpdateUnreachable(UpdateError):
    """No connection (offline, wrong address, timeout): raised by sync.updates."""

    code = "unreachable"

    def __init__(self, url: str):
        self.url = url
        super().__init__(Msg(QT_TR_NOOP(
            "Không kết nối được nơi kiểm tra cập nhật ({url}). Máy có thể đang không có mạng; "
            "hãy kiểm tra mạng rồi thử lại sau."), url=url))


class UpdateHttpError(UpdateError):
    code = "http_error"

    def __init__(self, status: int, url: str):
        self.status = status
        super().__init__(Msg(QT_TR_NOOP(
            "Nơi kiểm tra cập nhật trả lời lỗi (mã {status}, {url}). Hãy thử lại sau hoặc báo "
            "quản trị máy chủ."), status=status, url=url))


class NoUpdatePublished(UpdateError):
    """The hub (or URL) answered 404: no notice is published there."""

    code = "not_published"

    def __init__(self, url: str):
        super().__init__(Msg(QT_TR_NOOP(
            "Chưa có thông báo cập nhật nào tại {url}; hãy tiếp tục dùng bản hiện tại."),
            url=url))


class UpdateTooLarge(UpdateError):
    code = "too_large"

    def __init__(self, limit: int):
        super().__init__(Msg(QT_TR_NOOP(
            "Tệp thông báo cập nhật lớn quá mức cho phép ({limit} byte) — đã bỏ qua."),
            limit=limit))


class NoUpdateSource(UpdateError):
    code = "no_source"

    def __init__(self):
        super().__init__(QT_TR_NOOP(
            "Chưa có nơi kiểm tra cập nhật: máy này chưa đăng ký với máy chủ đồng bộ và chưa "
            "đặt địa chỉ cập nhật. Hãy đăng ký máy (Đồng bộ) hoặc hỏi quản trị viên."))


class NoFileForPlatform(UpdateError):
    code = "no_file"

    def __init__(self, version: str, platform_name: str):
        super().__init__(Msg(QT_TR_NOOP(
            "Bản {version} chưa có tệp cài đặt cho loại máy này ({platform}). Hãy hỏi quản trị "
            "máy chủ."), version=version, platform=platform_name))


# -- values -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FileEntry:
    platform: str  # windows-x64, linux-x64-deb, …
    name: str  # a safe file name: what the download is saved as
    url: str  # https, relative to the envelope's address, or under the hub's own address
    sha256: str
    size: int

    def as_dict(self) -> dict:
        return {"platform": self.platform, "name": self.name, "url": self.url,
                "sha256": self.sha256, "size": self.size}


@dataclass(frozen=True)
class Manifest:
    version: str
    released: date
    min_windows: str | None
    changelog: dict  # language → text; "vi" always present
    files: tuple[FileEntry, ...]
    key_id: str | None = None  # the release key that signed it (None before signing)

    def changelog_for(self, language: str) -> str:
        return self.changelog.get(language) or self.changelog["vi"]

    def file_for(self, platform_name: str) -> FileEntry | None:
        return next((f for f in self.files if f.platform == platform_name), None)

    def as_dict(self) -> dict:
        return {"version": self.version, "released": self.released.isoformat(),
                "min_windows": self.min_windows, "changelog": dict(self.changelog),
                "files": [f.as_dict() for f in self.files], "key_id": self.key_id}


# -- versions ---------------------------------------------------------------------------------

def parse_version(text) -> tuple[int, int, int]:
    """A manifest version: exactly X.Y.Z (no leading zeros); UpdateInvalid otherwise."""
    match = _VERSION.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise UpdateInvalid("version")
    return tuple(int(part) for part in match.groups())


def version_key(text: str) -> tuple[int, int, int, int]:
    """Sort key of a version as installed metadata spells it: numbers compared as numbers
    (0.10.0 > 0.9.0); a pre-release (0.2.0rc1, 0.2.0.dev3) sorts before its release, a local
    or post suffix (0.2.0+win, 0.2.0.post1) does not."""
    match = _RUNNING.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise VersionUnknown()
    numbers = tuple(int(part or 0) for part in match.groups()[:3])
    rest = match.group(4).lower().lstrip(".-_")
    final = 0 if _PRE_RELEASE.match(rest) else 1
    return (*numbers, final)


def is_newer(offered: str, current: str) -> bool:
    return (*parse_version(offered), 1) > version_key(current)


def running_version() -> str | None:
    """The version of the installed package (pyproject.toml `version`), as Cài đặt → Thông tin
    shows it; None when the metadata is missing (a frozen build made without it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:
        return None


def current_platform() -> str:
    """The `platform` of the file entry meant for this PC."""
    machine = platform.machine().lower()
    arch = "x64" if machine in ("amd64", "x86_64") else ("arm64" if machine in (
        "arm64", "aarch64") else machine or "unknown")
    if sys.platform.startswith("win"):
        return f"windows-{arch}"
    if sys.platform == "darwin":
        return f"macos-{arch}"
    if Path("/etc/debian_version").exists():
        return f"linux-{arch}-deb"
    return f"linux-{arch}"


# -- keys -------------------------------------------------------------------------------------

def key_id_of(public_key: Ed25519PublicKey) -> str:
    """First 16 hex of SHA-256 of the raw public key (the same rule as sync device keys)."""
    return hashlib.sha256(public_key.public_bytes_raw()).hexdigest()[:16]


def public_key_text(public_key: Ed25519PublicKey) -> str:
    return base64.b64encode(public_key.public_bytes_raw()).decode("ascii")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    raw = _b64(text, "public key")
    if len(raw) != 32:
        raise UpdateInvalid("public key")
    return Ed25519PublicKey.from_public_bytes(raw)


def generate_release_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_to_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def private_key_from_pem(data: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise UpdateInvalid("private key: not an unencrypted PEM key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UpdateInvalid("private key: not Ed25519")
    return key


def trusted_keys_from(data: dict) -> dict[str, Ed25519PublicKey]:
    """{"keys": {key_id: base64 raw public key}} → keys; an id that is not the key's own id is
    refused (a mislabelled entry would trust a key under another name)."""
    entries = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise UpdateInvalid("update_keys.json: keys")
    keys = {}
    for kid, text in entries.items():
        key = public_key_from_text(text)
        if kid != key_id_of(key):
            raise UpdateInvalid(f"update_keys.json: key id {kid}")
        keys[kid] = key
    return keys


def load_trusted_keys(path: Path | None = None) -> dict[str, Ed25519PublicKey]:
    """The pinned release keys (resources/trust/updates/update_keys.json) or those of `path`."""
    path = Path(path) if path is not None else KEYS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UpdateInvalid(f"{path.name}: unreadable") from exc
    return trusted_keys_from(data)


# -- parsing ----------------------------------------------------------------------------------

def _b64(text, where: str) -> bytes:
    if not isinstance(text, str):
        raise UpdateInvalid(where)
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as exc:
        raise UpdateInvalid(where) from exc
    if base64.b64encode(raw).decode("ascii") != text:  # one spelling only
        raise UpdateInvalid(where)
    return raw


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise UpdateInvalid(f"duplicate key {key[:40]}")
        result[key] = value
    return result


def _refuse_constant(name):
    raise UpdateInvalid(f"JSON constant {name}")


def _json_object(data: bytes, where: str) -> dict:
    if not isinstance(data, (bytes, bytearray)):
        raise UpdateInvalid(where)
    try:
        value = json.loads(bytes(data).decode("utf-8"), object_pairs_hook=_no_duplicates,
                           parse_constant=_refuse_constant)
    except UnicodeDecodeError as exc:
        raise UpdateInvalid(f"{where}: not UTF-8") from exc
    except (ValueError, RecursionError) as exc:
        raise UpdateInvalid(f"{where}: not JSON") from exc
    if not isinstance(value, dict):
        raise UpdateInvalid(f"{where}: not an object")
    return value


def _text(data: dict, key: str, pattern: re.Pattern | None = None, *, max_chars: int = 200,
          where: str = "manifest") -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > max_chars \
            or (pattern is not None and not pattern.fullmatch(value)):
        raise UpdateInvalid(f"{where}.{key}")
    return value


def _count(value, where: str, maximum: int) -> int:
    if type(value) is not int or not 0 < value <= maximum:
        raise UpdateInvalid(where)
    return value


def _file_entry(item, index: int) -> FileEntry:
    where = f"files[{index}]"
    if not isinstance(item, dict):
        raise UpdateInvalid(where)
    name = _text(item, "name", SAFE_NAME, where=where)
    if ".." in name:
        raise UpdateInvalid(f"{where}.name")
    url = _text(item, "url", max_chars=MAX_URL_CHARS, where=where)
    if any(c.isspace() or ord(c) < 0x20 or c == "\\" for c in url):
        raise UpdateInvalid(f"{where}.url")
    return FileEntry(platform=_text(item, "platform", _PLATFORM, where=where), name=name,
                     url=url, sha256=_text(item, "sha256", _SHA256, where=where),
                     size=_count(item.get("size"), f"{where}.size", MAX_FILE_SIZE))


def parse_manifest(data: bytes, key_id: str | None = None) -> Manifest:
    """The manifest's fields checked (not its signature, product version order or URLs)."""
    value = _json_object(data, "manifest")
    if type(value.get("format")) is not int or value["format"] != FORMAT:
        raise UpdateInvalid("manifest.format")
    product = _text(value, "product", max_chars=100)
    if product != PRODUCT:
        raise WrongProduct(product[:40])
    version = _text(value, "version")
    parse_version(version)
    released_text = _text(value, "released", _DATE)
    try:
        released = date.fromisoformat(released_text)
    except ValueError as exc:
        raise UpdateInvalid("manifest.released") from exc
    min_windows = None
    if value.get("min_windows") is not None:
        min_windows = _text(value, "min_windows", _WINDOWS)
    changelog = value.get("changelog")
    if not isinstance(changelog, dict) or not isinstance(changelog.get("vi"), str) \
            or not changelog["vi"].strip():
        raise UpdateInvalid("manifest.changelog.vi")
    texts = {}
    for language in ("vi", "en"):
        text = changelog.get(language)
        if text is None:
            continue
        if not isinstance(text, str) or len(text) > MAX_CHANGELOG_CHARS:
            raise UpdateInvalid(f"manifest.changelog.{language}")
        if text.strip():
            texts[language] = text
    files = value.get("files")
    if not isinstance(files, list) or len(files) > MAX_FILES:
        raise UpdateInvalid("manifest.files")
    entries = tuple(_file_entry(item, i) for i, item in enumerate(files))
    if len({e.platform for e in entries}) != len(entries):
        raise UpdateInvalid("manifest.files: one file per platform")
    return Manifest(version=version, released=released, min_windows=min_windows,
                    changelog=texts, files=entries, key_id=key_id)


# -- file addresses ---------------------------------------------------------------------------

def _origin_and_path(url: str) -> tuple[str, str, str] | None:
    match = _ABSOLUTE.fullmatch(url)
    if match is None:
        return None
    return match.group(1).lower(), match.group(2).lower(), match.group(3)


def is_relative(url: str) -> bool:
    return _SCHEME.match(url) is None and not url.startswith("//")


def url_allowed(url: str, hub_url: str | None = None) -> bool:
    """https with a host; a relative path; or an address under `hub_url` (the hub the
    envelope came from, whose answers the device already trusts for http)."""
    if is_relative(url):
        return True
    parts = _origin_and_path(url)
    if parts is None:
        return False
    if parts[0] == "https":
        return True
    hub = _origin_and_path(hub_url.rstrip("/")) if hub_url else None
    if hub is None or parts[:2] != hub[:2]:
        return False
    return hub[2] == "" or parts[2] == hub[2] or parts[2].startswith(hub[2] + "/")


def check_file_urls(manifest: Manifest, hub_url: str | None = None) -> None:
    for entry in manifest.files:
        if not url_allowed(entry.url, hub_url):
            raise UnsafeFileUrl(entry.name)


# -- signing and verifying --------------------------------------------------------------------

def sign_manifest(manifest_bytes: bytes, private_key: Ed25519PrivateKey) -> bytes:
    """The envelope (UTF-8 JSON) for these exact manifest bytes. The manifest is checked first
    (fields, product, and no file address but https or relative: the hub's own address is not
    known when a release is signed), so a broken release is never signed."""
    manifest = parse_manifest(manifest_bytes)
    check_file_urls(manifest)
    envelope = {"manifest": base64.b64encode(manifest_bytes).decode("ascii"),
                "key_id": key_id_of(private_key.public_key()),
                "signature": base64.b64encode(private_key.sign(manifest_bytes)).decode("ascii")}
    return (json.dumps(envelope, indent=1) + "\n").encode("utf-8")


def open_envelope(envelope: bytes, trusted_keys: dict[str, Ed25519PublicKey]) -> Manifest:
    """Signature first (a pinned key, the exact bytes), then the manifest's fields."""
    if len(envelope) > MAX_ENVELOPE_BYTES:
        raise UpdateTooLarge(MAX_ENVELOPE_BYTES)
    outer = _json_object(envelope, "envelope")
    manifest_bytes = _b64(outer.get("manifest"), "envelope.manifest")
    kid = outer.get("key_id")
    if not isinstance(kid, str) or not _KEY_ID.fullmatch(kid):
        raise UpdateInvalid("envelope.key_id")
    signature = _b64(outer.get("signature"), "envelope.signature")
    key = trusted_keys.get(kid)
    if key is None:
        raise UnknownKey(kid)
    if len(signature) != 64:
        raise BadSignature()
    try:
        key.verify(signature, manifest_bytes)
    except InvalidSignature as exc:
        raise BadSignature() from exc
    return parse_manifest(manifest_bytes, key_id=kid)


def verify_update(envelope: bytes, *, trusted_keys: dict[str, Ed25519PublicKey] | None = None,
                  running: str | None = None, hub_url: str | None = None) -> Manifest:
    """Every check of a fetched envelope; the manifest of a newer signed version, or an
    UpdateError (NotNewer when the signed version is not newer than `running`)."""
    keys = load_trusted_keys() if trusted_keys is None else trusted_keys
    manifest = open_envelope(envelope, keys)
    check_file_urls(manifest, hub_url)
    current = running or running_version()
    if current is None:
        raise VersionUnknown()
    if not is_newer(manifest.version, current):
        raise NotNewer(manifest.version, current)
    return manifest


def sha256_file(path: Path, chunk: int = 1024 * 1024) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def verify_download(path: Path, entry: FileEntry) -> None:
    """The downloaded file has the size and SHA-256 the signed manifest gives; DownloadMismatch
    otherwise (the caller removes the file)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DownloadMismatch(entry.name) from exc
    if size != entry.size or sha256_file(path) != entry.sha256:
        raise DownloadMismatch(entry.name)
