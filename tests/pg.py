"""A throwaway PostgreSQL cluster for tests and benchmarks (Debian `postgresql` binaries).

`initdb` in a temp folder owned by the `postgres` user (tests run as root: the server refuses
root, so commands go through `runuser -u postgres --`), listening only on 127.0.0.1 on a free
port and on a unix socket in the folder; stopped with `pg_ctl -m immediate stop` and deleted.

    from tests.pg import PgCluster
    with PgCluster() as pg:
        url = pg.create_database("hub")   # postgresql+psycopg://postgres@127.0.0.1:PORT/hub

The pytest fixture `pg_cluster` (session-scoped) yields one; `pg_url` makes a fresh database
per test.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


def _bindir() -> Path | None:
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                             check=True).stdout.strip()
        if (Path(out) / "initdb").exists():
            return Path(out)
    except (OSError, subprocess.CalledProcessError):
        pass
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(found[0]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    def __init__(self, *, fast: bool = True):
        """`fast` turns fsync off (tests); benchmarks keep PostgreSQL's durable defaults."""
        self.bindir = _bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL binaries not found (install Debian postgresql)")
        self.fast = fast
        self.root = Path(tempfile.mkdtemp(prefix="xaso-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self._as_postgres = os.geteuid() == 0
        self._user = "postgres" if self._as_postgres else pwd.getpwuid(os.geteuid()).pw_name

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, cwd=self.root)

    def start(self) -> PgCluster:
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust",
                  "-U", self._user, "-E", "UTF8", "--locale=C", "--no-sync")
        options = ["-c listen_addresses=127.0.0.1", f"-k {self.root}", "-c max_connections=200"]
        if self.fast:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        for _attempt in range(3):
            self.port = _free_port()
            result = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w",
                               "-t", "60", "-l", str(self.root / "server.log"),
                               "-o", " ".join([f"-p {self.port}", *options]), "start",
                               check=False)
            if result.returncode == 0:
                return self
        raise RuntimeError("PostgreSQL did not start: " + (self.root / "server.log").read_text())

    def stop(self) -> None:
        if self.data.exists():
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self._user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        import psycopg

        name = name or "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self._user} "
                             "dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def __enter__(self) -> PgCluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@pytest.fixture(scope="session")
def pg_cluster():
    if _bindir() is None:
        pytest.skip("PostgreSQL binaries not installed (Debian package postgresql)")
    cluster = PgCluster()
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    return pg_cluster.create_database()
