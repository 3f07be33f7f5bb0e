"""Update notices over the network (docs/UPDATES.md): fetch the signed envelope, verify it
with core.updates, and on request download one file with its SHA-256 checked while it streams.

Where to look: the configured address (preference `update_url` of this PC, or `--url`), else the
hub this PC is enrolled with (`GET {hub}/v1/updates/manifest`, a plain GET: the notice is
signed by the release key, not by the hub). Nothing here ever runs what it downloads.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from core.preferences import load_preferences
from core.progress import NO_PROGRESS, Progress
from core.updates import (
    MAX_ENVELOPE_BYTES,
    DownloadMismatch,
    DownloadNotSaved,
    FileEntry,
    Manifest,
    NotNewer,
    NoUpdatePublished,
    NoUpdateSource,
    UnsafeFileUrl,
    UpdateHttpError,
    UpdateTooLarge,
    UpdateUnreachable,
    running_version,
    url_allowed,
    verify_update,
)

MANIFEST_PATH = "/v1/updates/manifest"
USER_AGENT = "XaSo-update/1"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
CHUNK = 256 * 1024


@dataclass(frozen=True)
class Source:
    """Where a check looks: the envelope's address and, when it is a hub, the hub's address
    (files under it may be plain http on a commune LAN)."""

    url: str
    hub_url: str | None = None


@dataclass(frozen=True)
class CheckResult:
    current: str
    source: str  # the envelope's address
    manifest: Manifest | None  # a newer signed version; None: this PC is up to date
    offered: str | None = None  # the signed version seen, newer or not
    hub_url: str | None = None  # when the envelope came from a hub

    @property
    def available(self) -> bool:
        return self.manifest is not None

    @property
    def origin(self) -> Source:
        """Where relative file addresses resolve (`download(entry, result.origin, …)`)."""
        return Source(self.source, self.hub_url)

    def as_dict(self) -> dict:
        return {"current": self.current, "source": self.source, "available": self.available,
                "offered": self.offered,
                "manifest": self.manifest.as_dict() if self.manifest else None}


def hub_manifest_url(hub_url: str) -> str:
    return hub_url.rstrip("/") + MANIFEST_PATH


def source_for(*, url: str | None = None, preference_url: str | None = None,
               hub_url: str | None = None) -> Source:
    """An explicit address first, then this PC's preference, then the hub; NoUpdateSource."""
    for explicit in (url, preference_url):
        if explicit and explicit.strip():
            return Source(explicit.strip())
    if hub_url and hub_url.strip():
        return Source(hub_manifest_url(hub_url.strip()), hub_url.strip().rstrip("/"))
    raise NoUpdateSource()


def source_of_workspace(ws, *, url: str | None = None) -> Source:
    """This PC's source: `url`, the `update_url` preference, the enrolled hub, else the hub
    address of the commune settings."""
    from core.services import settings, sync_state

    preference = load_preferences(ws.store.data_dir).get("update_url")
    hub = None
    if not (url or preference):
        state = sync_state.get_state(ws)
        hub = state.hub_url if state is not None else settings.get_settings(ws).hub_url
    return source_for(url=url, preference_url=preference, hub_url=hub)


def _client(transport: httpx.BaseTransport | None, timeout) -> httpx.Client:
    return httpx.Client(timeout=timeout, transport=transport, follow_redirects=True,
                        max_redirects=5, headers={"User-Agent": USER_AGENT})


def _raise_for(response: httpx.Response, url: str, *, notice: bool = True) -> None:
    if response.status_code == 404 and notice:
        raise NoUpdatePublished(url)
    if response.status_code != 200:
        raise UpdateHttpError(response.status_code, url)


def fetch_envelope(url: str, *, max_bytes: int = MAX_ENVELOPE_BYTES, timeout=TIMEOUT,
                   transport: httpx.BaseTransport | None = None) -> bytes:
    """The envelope's bytes, read no further than `max_bytes` (UpdateTooLarge beyond)."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise UpdateUnreachable(url)
    try:
        with _client(transport, timeout) as client, client.stream("GET", url) as response:
            _raise_for(response, url)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise UpdateTooLarge(max_bytes)
            body = bytearray()
            for part in response.iter_bytes():
                body += part
                if len(body) > max_bytes:
                    raise UpdateTooLarge(max_bytes)
            return bytes(body)
    except (httpx.TransportError, httpx.TooManyRedirects, httpx.InvalidURL) as exc:
        raise UpdateUnreachable(url) from exc


def check(source: Source, *, trusted_keys: dict[str, Ed25519PublicKey] | None = None,
          running: str | None = None, transport: httpx.BaseTransport | None = None,
          timeout=TIMEOUT) -> CheckResult:
    """Fetch and verify. A valid notice of a version not newer than this one is "up to date";
    every other problem is an UpdateError (offline, HTTP error, bad signature, …)."""
    envelope = fetch_envelope(source.url, transport=transport, timeout=timeout)
    current = running or running_version()
    try:
        manifest = verify_update(envelope, trusted_keys=trusted_keys, running=current,
                                 hub_url=source.hub_url)
    except NotNewer as exc:
        return CheckResult(current=exc.current, source=source.url, manifest=None,
                           offered=exc.offered, hub_url=source.hub_url)
    return CheckResult(current=current, source=source.url, manifest=manifest,
                       offered=manifest.version, hub_url=source.hub_url)


def file_url(entry: FileEntry, source: Source) -> str:
    """The entry's absolute address (a relative one against the envelope's address)."""
    if not url_allowed(entry.url, source.hub_url):
        raise UnsafeFileUrl(entry.name)
    return urljoin(source.url, entry.url)


def download(entry: FileEntry, source: Source, folder: Path, *,
             progress: Progress = NO_PROGRESS, transport: httpx.BaseTransport | None = None,
             timeout=TIMEOUT) -> Path:
    """Save the file as `folder/entry.name`, its SHA-256 and size checked while it streams; a
    partial or mismatching download is removed (DownloadMismatch). Progress in KiB;
    `progress` cancels between chunks. Returns the path; never opens or runs the file."""
    url = file_url(entry, source)
    folder = Path(folder)
    target = folder / entry.name
    partial = folder / (entry.name + ".part")
    total_kib = max(1, (entry.size + 1023) // 1024)
    digest, done = hashlib.sha256(), 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _client(transport, timeout) as client, client.stream("GET", url) as response:
            _raise_for(response, url, notice=False)
            with partial.open("wb") as out:
                for part in response.iter_bytes(CHUNK):
                    done += len(part)
                    if done > entry.size:
                        raise DownloadMismatch(entry.name)
                    digest.update(part)
                    out.write(part)
                    progress.step((done + 1023) // 1024, total_kib)
                out.flush()
                os.fsync(out.fileno())
        if done != entry.size or digest.hexdigest() != entry.sha256:
            raise DownloadMismatch(entry.name)
        os.replace(partial, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):  # never leave a partial or wrong installer behind
            partial.unlink(missing_ok=True)
        if isinstance(exc, (httpx.TransportError, httpx.TooManyRedirects, httpx.InvalidURL)):
            raise UpdateUnreachable(url) from exc
        if isinstance(exc, OSError):
            raise DownloadNotSaved(str(folder)) from exc
        raise
    return target


__all__ = ["CheckResult", "Source", "check", "download", "fetch_envelope", "file_url",
           "hub_manifest_url", "source_for", "source_of_workspace"]
