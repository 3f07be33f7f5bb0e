"""The hub's settings: where its data lives, which database, and its limits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sync.protocol import DEFAULT_MAX_SIZE

DEFAULT_DATA_DIR = Path("hub-data")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
MAX_CHUNK = 4 * 1024 * 1024  # one attachment PATCH body


@dataclass(frozen=True)
class RateLimit:
    """A token bucket: `per_minute` requests on average, bursts of up to `burst`."""

    per_minute: float
    burst: int


@dataclass(frozen=True)
class HubConfig:
    data_dir: Path = DEFAULT_DATA_DIR
    db_url: str | None = None  # default: sqlite:///DATA/hub.db
    max_body: int = DEFAULT_MAX_SIZE  # request body, and a batch once decompressed
    max_chunk: int = MAX_CHUNK
    max_attachment: int = 512 * 1024 * 1024
    device_rate: RateLimit = RateLimit(per_minute=600, burst=60)
    ip_rate: RateLimit = RateLimit(per_minute=1200, burst=120)
    enroll_rate: RateLimit = RateLimit(per_minute=10, burst=10)  # per IP: no code guessing
    login_ip_rate: RateLimit = RateLimit(per_minute=20, burst=20)  # dashboard, per client IP
    login_user_rate: RateLimit = RateLimit(per_minute=5, burst=10)  # per username: no guessing
    session_idle_hours: float = 8.0  # a dashboard session ends after this long unused
    max_concurrent_pushes: int = 8  # batches applied at once; the others wait their turn

    def __post_init__(self):
        object.__setattr__(self, "data_dir", Path(self.data_dir))

    @property
    def database_url(self) -> str:
        return self.db_url or f"sqlite:///{(self.data_dir / 'hub.db').resolve()}"

    @property
    def keys_path(self) -> Path:
        return self.data_dir / "hub_keys.json"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"
