"""Resumable, content-addressed attachment upload over HTTP, and who may read a file."""

from __future__ import annotations

import hashlib
import os
import socket
from urllib.parse import urlsplit

from sync.protocol.requests import sign_request
from tests.hub.helpers import A, B


def _patch(dev, sha: str, offset: int, length: int, chunk: bytes):
    return dev.signed("PATCH", f"/v1/attachments/{sha}", chunk,
                      headers={"Upload-Offset": str(offset), "Upload-Length": str(length),
                               "Content-Type": "application/octet-stream"})


def _state(dev, sha: str) -> dict:
    r = dev.signed("GET", f"/v1/attachments/{sha}")
    assert r.status_code == 200, r.text
    return r.json()


def _interrupted_patch(hub, dev, sha: str, offset: int, length: int, chunk: bytes) -> None:
    """Send the headers and half the chunk, then drop the connection (a cable pulled)."""
    target = f"/v1/attachments/{sha}"
    headers = sign_request(dev.key, dev.device_id, "PATCH", target, chunk)
    host = urlsplit(hub.url)
    lines = [f"PATCH {target} HTTP/1.1", f"Host: {host.netloc}",
             f"Content-Length: {len(chunk)}", f"Upload-Offset: {offset}",
             f"Upload-Length: {length}", "Content-Type: application/octet-stream",
             *(f"{k}: {v}" for k, v in headers.items())]
    with socket.create_connection((host.hostname, host.port)) as s:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + chunk[:len(chunk) // 2])


def test_upload_resumes_after_an_interruption_and_is_hash_checked(hub):
    dev = hub.device(A)
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    assert _state(dev, sha) == {"sha256": sha, "size": None, "offset": 0, "complete": False}
    r = _patch(dev, sha, 0, len(data), data[:100_000])
    assert r.json() == {"sha256": sha, "size": 300_000, "offset": 100_000, "complete": False}

    _interrupted_patch(hub, dev, sha, 100_000, len(data), data[100_000:200_000])
    state = _state(dev, sha)
    assert state["offset"] == 100_000 and not state["complete"]  # half a chunk is not kept

    wrong = _patch(dev, sha, 50_000, len(data), data[50_000:150_000])
    assert wrong.status_code == 409
    assert wrong.json()["error"] == "offset_mismatch" and wrong.json()["offset"] == 100_000
    other_length = _patch(dev, sha, 100_000, len(data) + 1, data[100_000:200_000])
    assert other_length.status_code == 409 and other_length.json()["error"] == "length_mismatch"

    assert _patch(dev, sha, 100_000, len(data), data[100_000:200_000]).json()["offset"] == 200_000
    done = _patch(dev, sha, 200_000, len(data), data[200_000:])
    assert done.json() == {"sha256": sha, "size": 300_000, "offset": 300_000, "complete": True}
    assert _patch(dev, sha, 200_000, len(data), data[200_000:]).json()["complete"]  # retried
    assert _state(dev, sha)["complete"]

    r = dev.signed("GET", f"/v1/attachments/{sha}/content")
    assert r.status_code == 200 and r.content == data
    r = dev.signed("GET", f"/v1/attachments/{sha}/content", headers={"Range": "bytes=1000-1999"})
    assert r.status_code == 206 and r.content == data[1000:2000]
    assert r.headers["content-range"] == f"bytes 1000-1999/{len(data)}"


def test_bytes_that_do_not_hash_to_the_name_are_discarded(hub):
    dev = hub.device(A)
    data = os.urandom(50_000)
    sha = hashlib.sha256(b"something else").hexdigest()
    assert _patch(dev, sha, 0, len(data), data[:20_000]).status_code == 200
    r = _patch(dev, sha, 20_000, len(data), data[20_000:])
    assert r.status_code == 409 and r.json()["error"] == "hash_mismatch"
    assert _state(dev, sha) == {"sha256": sha, "size": None, "offset": 0, "complete": False}
    assert dev.signed("GET", f"/v1/attachments/{sha}/content").status_code == 404
    assert not list((hub.config.attachments_dir / "partial").rglob("*.part"))


def test_only_communes_that_uploaded_or_reference_a_file_can_read_it(hub):
    a, b, c = hub.device(A), hub.device(B), hub.device(B, "Máy 2 xã B")
    data = b"%PDF-1.4 scan of the paper register " * 100
    sha = hashlib.sha256(data).hexdigest()
    assert _patch(a, sha, 0, len(data), data).json()["complete"]
    # B is not told that A holds this file, and cannot read it
    assert _state(b, sha) == {"sha256": sha, "size": None, "offset": 0, "complete": False}
    r = b.signed("GET", f"/v1/attachments/{sha}/content")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    # a record_attachment row pushed by B that references the file opens it to B's devices
    row = {"id": "att-1", "version": 1, "record_id": "rec-1", "sha256": sha,
           "caption": "Bản chụp sổ"}
    assert b.statuses(b.batch(b.op("att-1", entity="record_attachment", payload=row))) == [
        "applied"]
    r = c.signed("GET", f"/v1/attachments/{sha}/content")
    assert r.status_code == 200 and r.content == data
    # B uploading the same bytes itself is accepted and stored once
    assert _patch(b, sha, 0, len(data), data).json()["complete"]
    assert len(list((hub.config.attachments_dir / "objects").rglob(sha))) == 1


def test_attachment_requests_are_validated(hub):
    dev = hub.device(A)
    r = dev.signed("GET", "/v1/attachments/NOT-A-HASH")
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    sha = "c" * 64
    r = dev.signed("PATCH", f"/v1/attachments/{sha}", b"abc")  # no Upload-* headers
    assert r.status_code == 422
    r = _patch(dev, sha, 0, 2, b"abc")  # runs past Upload-Length
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    r = _patch(dev, sha, 7, 10, b"abc")  # a new upload starts at 0
    assert r.status_code == 409 and r.json()["offset"] == 0
    r = _patch(dev, sha, 0, hub.config.max_attachment + 1, b"abc")
    assert r.status_code == 413
