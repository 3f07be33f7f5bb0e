"""Hub API fixtures: each test gets a fresh hub under real uvicorn, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.hub.helpers import A, B, LiveHub, test_config
from tests.pg import pg_cluster  # noqa: F401  (session fixture: one throwaway cluster)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.db'}"
    return request.getfixturevalue("pg_cluster").create_database()


@pytest.fixture
def make_hub(db_url, tmp_path):
    """make_hub(**config overrides) -> a LiveHub with communes A and B registered."""
    hubs = []

    def _make(**overrides) -> LiveHub:
        hub = LiveHub(test_config(tmp_path / f"data{len(hubs)}", db_url, **overrides))
        hubs.append(hub)
        if len(hubs) == 1:
            hub.add_commune(A)
            hub.add_commune(B)
        return hub

    yield _make
    for hub in hubs:
        hub.close()


@pytest.fixture
def hub(make_hub) -> LiveHub:
    return make_hub()
