"""Test helper: the hub app (create_app, which mounts sync.hub.updates) under a real uvicorn server on
loopback, with a release published in its `updates/` folder; and signed releases made with a
key generated per test (the project's private release key is never in the repository)."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from pathlib import Path

import uvicorn

from core import updates
from sync.hub.app import create_app
from sync.hub.updates import updates_dir
from tests.hub.helpers import test_config


class Served:
    """Any ASGI app under uvicorn in a thread, on a free 127.0.0.1 port."""

    def __init__(self, app):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                                    lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]},
                                       daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)


class UpdateHub(Served):
    """The hub with the update routes installed; `publish` puts a release in its folder."""

    def __init__(self, data_dir: Path):
        data_dir.mkdir(parents=True, exist_ok=True)
        self.config = test_config(data_dir, f"sqlite:///{data_dir / 'hub.db'}")
        self.app = create_app(self.config)  # create_app mounts the update routes
        self.folder = updates_dir(self.config)
        super().__init__(self.app)

    def publish(self, envelope: bytes, files: dict[str, bytes] | None = None) -> None:
        self.folder.mkdir(exist_ok=True)
        for name, content in (files or {}).items():
            (self.folder / name).write_bytes(content)
        (self.folder / updates.ENVELOPE_NAME).write_bytes(envelope)

    def close(self) -> None:
        super().close()
        self.app.state.hub.db.dispose()


class Release:
    """A release key (trusted by the test only) and the envelopes it signs."""

    def __init__(self):
        self.key = updates.generate_release_key()
        self.key_id = updates.key_id_of(self.key.public_key())
        self.trusted = {self.key_id: self.key.public_key()}

    def manifest(self, version: str, files: dict[str, bytes], platform: str = "linux-x64-deb",
                 url: str = "files/{name}") -> dict:
        entries = [{"platform": platform if i == 0 else f"{platform}-{i}", "name": name,
                    "url": url.format(name=name),
                    "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
                   for i, (name, content) in enumerate(files.items())]
        return {"format": 1, "product": "xaso", "version": version, "released": "2026-03-01",
                "min_windows": "10.0.17763",
                "changelog": {"vi": f"Bản {version}: sửa lỗi đọc thẻ, thêm báo cáo quý.",
                              "en": f"Version {version}: card reading fix, quarterly report."},
                "files": entries}

    def envelope(self, version: str, files: dict[str, bytes], **options) -> bytes:
        raw = json.dumps(self.manifest(version, files, **options), ensure_ascii=False,
                         indent=1).encode("utf-8")
        return updates.sign_manifest(raw, self.key)
