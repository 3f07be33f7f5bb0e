"""Where demo generation spends its time: the phases of `core.demo.generate_demo`, timed.

    .venv/bin/python benchmarks/profile_demo.py [PERSONS]      (default 200000)

Prints the rate and the seconds spent per phase: inserts per table, search-rank + FTS rebuild,
index builds, waiting for the generator process, foreign-key check, commit. A fresh demo store
in a temporary folder (fast KDF: only generation is timed).
"""

from __future__ import annotations

import collections
import contextlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import core.db as db_module  # noqa: E402
import core.demo as demo  # noqa: E402
from core.keyslots import KdfParams  # noqa: E402
from core.store import Store  # noqa: E402

spent: collections.Counter = collections.Counter()


def _timed(name: str, fn):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name(*args) if callable(name) else name] += time.perf_counter() - start
    return wrapper


def _timed_exit(name: str, manager):
    """Time only what a context manager does after its block (rebuilds happen on exit)."""
    @contextlib.contextmanager
    def wrapper(*args):
        with manager(*args):
            yield
            start = time.perf_counter()
        spent[name] += time.perf_counter() - start
    return wrapper


def instrument() -> None:
    demo.insert_values = _timed(lambda session, table, *_: f"insert {table}", demo.insert_values)
    demo.search_index_deferred = _timed_exit("search ranks + FTS rebuild",
                                             demo.search_index_deferred)
    demo.deferred_indexes = _timed_exit("index builds", demo.deferred_indexes)
    demo._next_batch = _timed("waiting for the generator", demo._next_batch)
    db_module._assert_no_dangling_references = _timed(
        "foreign-key check", db_module._assert_no_dangling_references)
    from sqlmodel import Session

    Session.commit = _timed("commit", Session.commit)


def main(argv: list[str]) -> int:
    persons = int(argv[0]) if argv else 200_000
    instrument()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "demo", kdf=KdfParams(time_cost=1, memory_kib=8192,
                                                         parallelism=1))
        ws, _ = store.initialise("16498", "demo", "xaso-demo", "Demo", demo=True)
        start = time.perf_counter()
        result = demo.generate_demo(ws, persons=persons)
        total = time.perf_counter() - start
        ws.close()
    print(f"generate_demo: {result['persons']:,} persons in {total:.1f} s = "
          f"{result['persons'] / total:,.0f} persons/s")
    for name, seconds in spent.most_common():
        print(f"  {name:<32} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":  # the generator is a spawned process: guard the entry point
    sys.exit(main(sys.argv[1:]))
