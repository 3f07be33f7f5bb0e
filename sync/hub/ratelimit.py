"""Token buckets per key (a device id, or a client IP before authentication).

In memory, per hub process: the hub runs as one process (see docs/HUB_DEPLOYMENT.md).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

from sync.hub.config import RateLimit


class TokenBuckets:
    def __init__(self, limit: RateLimit, max_keys: int = 100_000, clock=time.monotonic):
        self.rate = limit.per_minute / 60.0
        self.burst = float(limit.burst)
        self._max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, at
        self._lock = threading.Lock()

    def take(self, key: str) -> int:
        """0 when a request may go ahead; otherwise the seconds to wait (for Retry-After)."""
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            if tokens >= 1.0:
                wait, tokens = 0, tokens - 1.0
            else:
                wait = math.ceil((1.0 - tokens) / self.rate) if self.rate > 0 else 3600
            self._buckets[key] = (tokens, now)  # most recently used last
            while len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)  # forget the idlest key: it starts full
            return max(wait, 1) if wait else 0
