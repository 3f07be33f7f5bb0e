"""HTTP to the hub (docs/SYNC.md "Endpoints"): hello, enroll, push, pull, attachments, report.

Device requests other than hello/enroll/push carry the signed headers of
`sync.protocol.requests.sign_request`, timed on the hub's clock as `hello` measured it. Every
failure becomes a `SyncFailure`: retryable (no connection, timeout, 429, 5xx) or final (4xx).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.client.errors import HubAnswerInvalid, HubBusy, HubRefused, HubUnreachable
from sync.protocol import BatchResult, ProtocolError, decode_batch_result
from sync.protocol.requests import sign_request
from sync.protocol.wire import HEX64, parse_time

CHUNK = 4 * 1024 * 1024  # the hub's largest attachment chunk
USER_AGENT = "XaSo-sync/1"


@dataclass(frozen=True)
class Hello:
    hub_id: str
    server_time: datetime
    skew: float  # seconds: hub clock minus this PC's clock, half the round trip compensated
    signing_key: str
    sealing_key: str
    max_body: int
    round_trip: float


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None


def _json(response: httpx.Response, what: str) -> dict:
    try:
        data = response.json()
    except ValueError as exc:
        raise HubAnswerInvalid(f"{what}: not JSON") from exc
    if not isinstance(data, dict):
        raise HubAnswerInvalid(f"{what}: not an object")
    return data


def failure_of(response: httpx.Response):
    """The SyncFailure an error answer means (the hub's Vietnamese message when it gave one)."""
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    code = str(data.get("error") or "http_error")[:40]
    status = response.status_code
    if status == 429 or status >= 500:
        return HubBusy(status, _retry_after(response), code)
    message = data.get("message") if isinstance(data.get("message"), str) else None
    return HubRefused(status, code, message[:500] if message else None)


class HubClient:
    """One hub; `device_id`/`key` sign device requests (not needed for hello and enroll).

    `clock` is this PC's clock (seconds since the epoch): hello measures the skew against it
    and requests are timed by it plus the skew, so a PC whose clock is wrong still syncs.
    """

    def __init__(self, hub_url: str, *, device_id: str | None = None,
                 key: Ed25519PrivateKey | None = None, skew: float = 0.0,
                 timeout: float = 60.0, transport: httpx.BaseTransport | None = None,
                 clock: Callable[[], float] = time.time):
        self.base = hub_url.rstrip("/")
        self.prefix = urlsplit(self.base).path  # a hub behind a path (https://x/dongbo)
        self.device_id, self.key, self.skew, self.clock = device_id, key, skew, clock
        self._http = httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0),
                                  transport=transport, follow_redirects=False,
                                  headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _request(self, method: str, target: str, *, body: bytes = b"", signed: bool = True,
                 headers: dict | None = None, ok: tuple[int, ...] = (200,)) -> httpx.Response:
        response = self._send(method, target, body, signed, headers)
        if signed and response.status_code == 401 and self._remeasured(response):
            response = self._send(method, target, body, signed, headers)  # clock jumped
        if response.status_code not in ok:
            raise failure_of(response)
        return response

    def _send(self, method: str, target: str, body: bytes, signed: bool,
              headers: dict | None) -> httpx.Response:
        headers = dict(headers or {})
        if signed:
            headers |= sign_request(self.key, self.device_id, method, self.prefix + target,
                                    body, skew=timedelta(seconds=self.skew),
                                    now=datetime.fromtimestamp(self.clock(), UTC))
        try:
            return self._http.request(method, self.base + target, content=body or None,
                                      headers=headers)
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            raise HubUnreachable(self.base) from exc

    def _remeasured(self, response: httpx.Response) -> bool:
        """A 401 carries the hub's time: when our skew estimate is off by more than a minute
        (this PC's clock was changed during the cycle), take the new one and say so."""
        try:
            server = parse_time(response.json().get("server_time"), "server_time")
        except (ValueError, AttributeError, ProtocolError):
            return False
        skew = server.timestamp() - self.clock()
        if abs(skew - self.skew) <= 60:
            return False
        self.skew = skew
        return True

    # -- unauthenticated ------------------------------------------------------------------

    def hello(self) -> Hello:
        started = self.clock()
        response = self._request("GET", "/v1/hello", signed=False)
        ended = self.clock()
        data = _json(response, "hello")
        try:
            server_time = parse_time(data["server_time"], "hello.server_time")
            hello = Hello(hub_id=str(data["hub_id"]), server_time=server_time,
                          skew=server_time.timestamp() - (started + ended) / 2,
                          signing_key=str(data["signing_key"]),
                          sealing_key=str(data["sealing_key"]),
                          max_body=int(data["max_body"]), round_trip=ended - started)
        except (KeyError, TypeError, ValueError, ProtocolError) as exc:
            raise HubAnswerInvalid("hello") from exc
        if data.get("api") != 1:
            raise HubAnswerInvalid("hello.api")
        return hello

    def enroll(self, code: str, device_name: str, public_key: str) -> dict:
        body = json.dumps({"code": code, "device_name": device_name,
                           "public_key": public_key}).encode()
        response = self._request("POST", "/v1/enroll", body=body, signed=False,
                                 headers={"Content-Type": "application/json"})
        data = _json(response, "enroll")
        keys = ("device_id", "commune_code", "hub_id", "signing_key", "sealing_key")
        if any(not isinstance(data.get(k), str) or not data.get(k) for k in keys):
            raise HubAnswerInvalid("enroll")
        return data

    # -- device ---------------------------------------------------------------------------

    def push(self, envelope: bytes) -> BatchResult:
        """Send a signed batch; the hub's per-op answers (checked against the batch later)."""
        response = self._request("POST", "/v1/push", body=envelope, signed=False,
                                 headers={"Content-Type": "application/octet-stream"})
        try:
            return decode_batch_result(response.content)
        except ProtocolError as exc:
            raise HubAnswerInvalid("push result") from exc

    def pull(self, after: int, limit: int) -> dict:
        data = _json(self._request("GET", f"/v1/pull?after={int(after)}&limit={int(limit)}"),
                     "pull")
        changes, next_cursor = data.get("changes"), data.get("next_cursor")
        if (data.get("format") != "xaso-sync-pull" or not isinstance(changes, list)
                or type(next_cursor) is not int or not isinstance(data.get("more"), bool)):
            raise HubAnswerInvalid("pull")
        return data

    def put_report(self, body: bytes) -> dict:
        """Send the commune's report figures (JSON); the hub answers {stored, stale, ignored}."""
        data = _json(self._request("PUT", "/v1/report", body=body,
                                   headers={"Content-Type": "application/json"}), "report")
        if any(type(data.get(k)) is not int for k in ("stored", "stale", "ignored")):
            raise HubAnswerInvalid("report")
        return data

    def attachment_status(self, sha256: str) -> dict:
        return self._status(self._request("GET", f"/v1/attachments/{_sha(sha256)}"))

    @staticmethod
    def _status(response: httpx.Response) -> dict:
        data = _json(response, "attachment")
        if type(data.get("offset")) is not int or not isinstance(data.get("complete"), bool):
            raise HubAnswerInvalid("attachment")
        return data

    def upload_attachment(self, sha256: str, content: bytes,
                          chunk: int = CHUNK) -> None:
        """Resumable: ask the hub how much it holds, send the rest chunk by chunk."""
        target = f"/v1/attachments/{_sha(sha256)}"
        status = self.attachment_status(sha256)
        offset = status["offset"]
        while not status["complete"]:
            if not 0 <= offset <= len(content):
                raise HubAnswerInvalid("attachment.offset")
            part = content[offset:offset + chunk]
            response = self._request(
                "PATCH", target, body=part, ok=(200, 409),
                headers={"Upload-Offset": str(offset), "Upload-Length": str(len(content)),
                         "Content-Type": "application/offset+octet-stream"})
            if response.status_code == 409:
                data = _json(response, "attachment")
                if data.get("error") != "offset_mismatch":
                    raise failure_of(response)
                status = (data if type(data.get("offset")) is int and "complete" in data
                          else self.attachment_status(sha256))
            else:
                status = self._status(response)
            offset = status["offset"]

    def download_attachment(self, sha256: str) -> bytes:
        content = self._request("GET", f"/v1/attachments/{_sha(sha256)}/content").content
        if hashlib.sha256(content).hexdigest() != sha256:
            raise HubAnswerInvalid("attachment content hash")
        return content


def _sha(sha256: str) -> str:
    if not isinstance(sha256, str) or not HEX64.fullmatch(sha256):
        raise HubAnswerInvalid("attachment sha256")
    return sha256

