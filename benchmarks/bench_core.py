"""Core benchmark: demo generation, bulk import with outbox, unlock, search latency, DB size, RSS.

    .venv/bin/python benchmarks/bench_core.py                    # full size: 200,000 persons
    .venv/bin/python benchmarks/bench_core.py --persons 20000 --queries 300 --out bench.json

Prints a human-readable table, then one JSON line (the same figures) as the last line of stdout;
--out FILE also writes that JSON to FILE. Every figure is printed next to its goal where there
is one. See benchmarks/README.md for what each figure means and how it is measured.

Layout of the data folder (a temporary folder unless --data-dir is given):

    <dir>/demo          the N-person demo store, made by the CLI (`main.py demo`); unlock and
                        search run against it
    <dir>/demo-inproc   a second N-person demo store, made by generate_demo() timed on its own
    <dir>/import        non-demo store: bulk import WITH an outbox entry per row
    <dir>/import-demo   demo store: the same bulk import without outbox (for comparison)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from core.auth import Perm  # noqa: E402
from core.demo import BATCH, _Gen, _ordered  # noqa: E402
from core.demo_names import HAMLETS  # noqa: E402
from core.models import Hamlet  # noqa: E402
from core.search import fts_match_expression, search_persons  # noqa: E402
from core.services import persons as person_service  # noqa: E402
from core.services.bulk import bulk_create  # noqa: E402
from core.store import DB_NAME, Store  # noqa: E402
from core.text import fold  # noqa: E402

COMMUNE = "16498"
USER = "demo"
PASSWORD = "xaso-demo"  # the documented demo credentials (cli.DEMO_USER / DEMO_PASSWORD)

GOALS = {
    "search_p95_ms": 10.0,          # search_persons p95 at 200k persons
    "unlock_median_ms": 300.0,      # Store.unlock in a fresh process
    "demo_persons_per_s": 20_000.0,  # generate_demo
}

# Query mix per 1,000 queries (scaled to --queries). Order = report order.
QUERY_MIX = (
    ("name_folded", 150),     # full name typed without diacritics: "nguyen van an"
    ("name_diacritics", 100),  # full name as stored: "Nguyễn Văn An"
    ("given", 100),           # given name only: "an"
    ("surname_given", 100),   # surname + given: "nguyen an"
    ("name_prefix", 150),     # 3-5 first letters of one name word: "ngu", "huon"
    ("duc", 25),              # the literal "duc"
    ("nguyen_van", 25),       # the literal "nguyen van"
    ("id_prefix", 100),       # 3-6 first digits of a 12-digit personal number
    ("id_full", 100),         # a full 12-digit personal number
    ("cmnd_prefix", 75),      # 4-9 first digits of an old 9-digit CMND
    ("no_match", 75),         # names/digits that match nobody
)
NO_MATCH_LETTERS = "fjwz"  # letters absent from Vietnamese names: a token with one never matches

# Subprocess snippets (run with cwd = repository root, so `core` imports as in main.py).
UNLOCK_SNIPPET = """
import json, sys, time
from core.store import Store
t0 = time.perf_counter()
ws = Store(sys.argv[1]).unlock(sys.argv[2], sys.argv[3])
t1 = time.perf_counter()
ws.close()
print(json.dumps({"unlock_ms": (t1 - t0) * 1000}))
"""

UNLOCK_BREAKDOWN_SNIPPET = """
import json, sys, time
from core.db import Database
from core.keyslots import KdfParams, _password_kek, _unb64, user_slot_name
from core.migrations import migrate
from core.store import Store
store = Store(sys.argv[1])
user, password = sys.argv[2], sys.argv[3]
slot = store.keyslots.load()["slots"][user_slot_name(user)]
salt = _unb64(slot["salt"])
t0 = time.perf_counter()
_password_kek(password, salt, KdfParams())
t1 = time.perf_counter()
key = store.keyslots.unlock_with_password(user, password)
t2 = time.perf_counter()
db = Database(store.db_path, key)
conn = db.raw_connection()
try:
    migrate(conn)
finally:
    conn.close()
t3 = time.perf_counter()
result = db.quick_check()
t4 = time.perf_counter()
db.close()
assert result == "ok", result
print(json.dumps({"argon2_ms": (t1 - t0) * 1000, "keyslot_ms": (t2 - t1) * 1000,
                  "open_migrate_ms": (t3 - t2) * 1000, "quick_check_ms": (t4 - t3) * 1000,
                  "kdf": [KdfParams().time_cost, KdfParams().memory_kib, KdfParams().parallelism],
                  "slot_kdf": [slot["t"], slot["m"], slot["p"]]}))
"""

GENERATE_SNIPPET = """
import json, resource, sys, time
from core.demo import generate_demo
from core.store import Store
ws, _ = Store(sys.argv[1]).initialise(sys.argv[4], sys.argv[5], sys.argv[6], "Demo", demo=True)
t0 = time.perf_counter()
stats = generate_demo(ws, persons=int(sys.argv[2]), seed=int(sys.argv[3]))
t1 = time.perf_counter()
ws.close()
print(json.dumps({"persons": stats["persons"], "counts": stats["counts"], "seconds": t1 - t0,
                  "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


# -- helpers ----------------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summarise(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "p99": percentile(values, 99), "max": max(values), "mean": statistics.fmean(values)}


def run_python(snippet: str, *args: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", snippet, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"subprocess failed ({proc.returncode}):\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def environment() -> dict:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        sqlite_version = conn.execute("SELECT sqlite_version()").fetchone()[0]
        cipher = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True, check=False).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "core"], cwd=ROOT,
                                    capture_output=True, text=True, check=False).stdout.strip())
    except OSError:
        commit, dirty = "", False
    return {"date": datetime.now().isoformat(timespec="seconds"),
            "python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "sqlite": sqlite_version,
            "sqlcipher": cipher[0] if cipher else None,
            "git_commit": commit + ("+dirty core" if dirty else ""),
            "loadavg_at_start": list(os.getloadavg())}


# -- 1 / 6: demo generation -------------------------------------------------------------------

def generate_with_cli(store_dir: Path, persons: int, seed: int) -> dict:
    """`python main.py demo` in a child process: wall time (whole CLI) and the child's peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cmd = [sys.executable, "main.py", "demo", "--data-dir", str(store_dir), "--persons",
           str(persons), "--seed", str(seed), "--commune", COMMUNE, "--quiet"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"main.py demo failed:\n{proc.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    stats = json.loads(proc.stdout)
    return {"persons": stats["persons"], "counts": stats["counts"], "wall_s": wall,
            "persons_per_s": stats["persons"] / wall,
            # RUSAGE_CHILDREN keeps the largest child so far; this is the first big child.
            "maxrss_mb": after / 1024 if after > before else None}


def generate_in_process(store_dir: Path, persons: int, seed: int) -> dict:
    """generate_demo() alone (no interpreter start, imports or store set-up), in a child."""
    out = run_python(GENERATE_SNIPPET, str(store_dir), str(persons), str(seed), COMMUNE, USER,
                     PASSWORD)
    out["persons_per_s"] = out["persons"] / out["seconds"]
    out["maxrss_mb"] = out.pop("maxrss_kib") / 1024
    return out


# -- 2: bulk import with outbox ---------------------------------------------------------------

def bulk_import(store_dir: Path, persons: int, seed: int, demo: bool) -> dict:
    """Generate households with the demo generator and write them with bulk_create.

    Generation is timed apart from the inserts; `insert_s` is bulk_create only (rows, FTS fill,
    outbox entries on a non-demo store, one audit event per batch, commit).
    """
    ws, _ = Store(store_dir).initialise(COMMUNE, USER, PASSWORD, "Bench", demo=demo)
    try:
        gen = _Gen(ws.actor.user_id, seed, date.today())
        commune_code = ws.meta("commune_code")
        hamlets = [gen.base() | {"name": name, "commune_code": commune_code, "position": i,
                                 "active": 1} for i, name in enumerate(HAMLETS.values)]
        gen.batch[Hamlet] = hamlets
        hamlet_ids = [h["id"] for h in hamlets]
        done, gen_s, insert_s, totals = 0, 0.0, 0.0, {}
        while done < persons:
            target = min(persons, done + BATCH)
            t0 = time.perf_counter()
            while done < target:
                done += gen.household(hamlet_ids, commune_code)
            batch, gen.batch = gen.batch, {}
            t1 = time.perf_counter()
            counts = bulk_create(ws, _ordered(batch), "import.bench", "population",
                                 details={"benchmark": True}, permission=Perm.PERSON_WRITE)
            insert_s += time.perf_counter() - t1
            gen_s += t1 - t0
            for table, n in counts.items():
                totals[table] = totals.get(table, 0) + n
        with ws.db.read() as session:
            outbox = session.execute(text("SELECT count(*) FROM outbox")).scalar_one()
    finally:
        ws.close()
    n = totals.get("person", 0)
    rows = sum(totals.values())
    return {"demo_store": demo, "persons": n, "rows": rows, "outbox_rows": outbox,
            "generate_s": gen_s, "insert_s": insert_s, "persons_per_s": n / insert_s,
            "rows_per_s": rows / insert_s, "persons_per_s_incl_generation": n / (insert_s + gen_s)}


# -- 3: unlock --------------------------------------------------------------------------------

def measure_unlock(store_dir: Path, runs: int, breakdown_runs: int) -> dict:
    times = [run_python(UNLOCK_SNIPPET, str(store_dir), USER, PASSWORD)["unlock_ms"]
             for _ in range(runs)]
    parts = [run_python(UNLOCK_BREAKDOWN_SNIPPET, str(store_dir), USER, PASSWORD)
             for _ in range(breakdown_runs)]

    def med(key):
        return statistics.median(p[key] for p in parts)

    return {"runs": runs, "unlock_ms": times, "median_ms": statistics.median(times),
            "max_ms": max(times), "breakdown_runs": breakdown_runs,
            "argon2_median_ms": med("argon2_ms"), "argon2_max_ms": max(p["argon2_ms"] for p in parts),
            "keyslot_unlock_median_ms": med("keyslot_ms"),
            "open_migrate_median_ms": med("open_migrate_ms"),
            "quick_check_median_ms": med("quick_check_ms"),
            "quick_check_max_ms": max(p["quick_check_ms"] for p in parts),
            "kdf_default": parts[0]["kdf"] if parts else None,
            "kdf_slot": parts[0]["slot_kdf"] if parts else None}


# -- 4: search --------------------------------------------------------------------------------

def _no_match(rng: random.Random, surnames: list[str]) -> str:
    def junk(k: int) -> str:
        word = [rng.choice("abcdeghiklmnopqrstuvxy") for _ in range(k)]
        word[rng.randrange(k)] = rng.choice(NO_MATCH_LETTERS)
        return "".join(word)

    form = rng.randrange(4)
    if form == 0:
        return junk(rng.randint(3, 6))
    if form == 1:
        return f"{rng.choice(surnames)} {junk(rng.randint(2, 5))}"
    if form == 2:
        return f"{rng.choice(surnames)} thi {junk(rng.randint(2, 5))}"
    return "9" + "".join(rng.choice("0123456789") for _ in range(rng.randint(4, 8)))


def build_queries(session, total: int, seed: int) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn deterministically from the data (same data + seed → same list)."""
    rng = random.Random(seed * 1_000_003 + total)
    max_rowid = session.execute(text("SELECT max(rowid) FROM person")).scalar_one() or 0
    sample_ids = sorted(rng.sample(range(1, max_rowid + 1), min(max_rowid, max(200, total * 2))))
    rows = []
    for start in range(0, len(sample_ids), 500):
        chunk = sample_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        driver = session.connection().connection.driver_connection
        rows += driver.execute(f"SELECT full_name, personal_number, old_id_number FROM person "  # noqa: S608
                               f"WHERE rowid IN ({marks}) AND deleted_at IS NULL", chunk).fetchall()
    names = [r[0] for r in rows]
    numbers = [r[1] for r in rows if r[1]]
    cmnds = [r[2] for r in rows if r[2]]
    surnames = sorted({fold(n).split()[0] for n in names})
    scale = total / sum(n for _, n in QUERY_MIX)
    counts = {kind: round(n * scale) for kind, n in QUERY_MIX}
    counts["name_folded"] += total - sum(counts.values())  # rounding remainder

    def make(kind: str) -> str:
        if kind == "name_folded":
            return fold(rng.choice(names))
        if kind == "name_diacritics":
            return rng.choice(names)
        if kind == "given":
            return fold(rng.choice(names)).split()[-1]
        if kind == "surname_given":
            words = fold(rng.choice(names)).split()
            return f"{words[0]} {words[-1]}"
        if kind == "name_prefix":
            word = rng.choice(fold(rng.choice(names)).split())
            return word[:rng.randint(3, 5)]
        if kind == "duc":
            return "duc"
        if kind == "nguyen_van":
            return "nguyen van"
        if kind == "id_prefix":
            return rng.choice(numbers)[:rng.randint(3, 6)]
        if kind == "id_full":
            return rng.choice(numbers)
        if kind == "cmnd_prefix":
            return rng.choice(cmnds)[:rng.randint(4, 9)]
        if kind == "no_match":
            return _no_match(rng, surnames)
        raise ValueError(kind)

    queries = [(kind, make(kind)) for kind, _ in QUERY_MIX for _ in range(counts[kind])]
    rng.shuffle(queries)
    return queries


def measure_search(ws, total: int, seed: int, audited: int, warmup: int) -> dict:
    perf = time.perf_counter
    with ws.db.read() as session:
        queries = build_queries(session, total, seed)
        warm = build_queries(session, max(warmup, 11), seed + 7919)[:warmup]
        for _, q in warm:
            search_persons(session, q, limit=50)
        results = []
        for kind, q in queries:
            t0 = perf()
            hits = search_persons(session, q, limit=50)
            results.append((kind, q, (perf() - t0) * 1000, len(hits)))
        # The slowest queries, with how many FTS rows their MATCH has to visit.
        slowest = sorted(results, key=lambda r: -r[2])[:12]
        slow_rows = []
        driver = session.connection().connection.driver_connection
        for kind, q, ms, n in slowest:
            match = fts_match_expression(q)
            fts_rows = None
            if match and not "".join(q.split()).isdigit():
                fts_rows = driver.execute("SELECT count(*) FROM person_fts WHERE person_fts "
                                          "MATCH ?", (match,)).fetchone()[0]
            slow_rows.append({"kind": kind, "query": q, "ms": ms, "hits": n, "fts_rows": fts_rows})
    by_kind = defaultdict(list)
    hits_by_kind = defaultdict(list)
    for kind, _, ms, n in results:
        by_kind[kind].append(ms)
        hits_by_kind[kind].append(n)
    kinds = {kind: summarise(by_kind[kind]) | {"mean_hits": statistics.fmean(hits_by_kind[kind]),
                                               "zero_hit": sum(1 for n in hits_by_kind[kind] if n == 0)}
             for kind, _ in QUERY_MIX if by_kind[kind]}

    # The audited service: read session + search + one audit event in a write transaction.
    step = max(1, len(queries) // audited) if audited else 1
    chosen = queries[::step][:audited]
    service_ms, plain_ms = [], []
    for _, q in chosen:
        t0 = perf()
        person_service.search(ws, q)
        service_ms.append((perf() - t0) * 1000)
    with ws.db.read() as session:
        for _, q in chosen:
            t0 = perf()
            search_persons(session, q, limit=50)
            plain_ms.append((perf() - t0) * 1000)
    return {"queries": len(queries), "warmup": len(warm), "limit": 50,
            "overall": summarise([r[2] for r in results]), "by_kind": kinds,
            "slowest": slow_rows,
            "service": {"queries": len(chosen), "p50": percentile(service_ms, 50) if chosen else None,
                        "p95": percentile(service_ms, 95) if chosen else None,
                        "plain_same_queries_p50": percentile(plain_ms, 50) if chosen else None,
                        "plain_same_queries_p95": percentile(plain_ms, 95) if chosen else None}}


# -- 5: size ----------------------------------------------------------------------------------

def measure_size(ws) -> dict:
    db_path = ws.data_dir / DB_NAME
    wal = db_path.with_name(DB_NAME + "-wal")
    wal_before = wal.stat().st_size if wal.exists() else 0
    conn = ws.db.raw_connection()
    try:
        checkpoint = list(conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone())
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'person_fts%' ORDER BY name")]
        rows = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        freelist = conn.execute("PRAGMA freelist_count").fetchone()[0]
    finally:
        conn.close()
    db_bytes = db_path.stat().st_size
    wal_bytes = wal.stat().st_size if wal.exists() else 0
    return {"db_mb": db_bytes / 1e6, "wal_mb": wal_bytes / 1e6, "total_mb": (db_bytes + wal_bytes) / 1e6,
            "wal_before_checkpoint_mb": wal_before / 1e6, "checkpoint": checkpoint,
            "page_size": page_size, "page_count": page_count, "freelist_pages": freelist,
            "rows": rows}


# -- report -----------------------------------------------------------------------------------

def verdict(value: float | None, goal: float, higher_is_better: bool = False) -> str:
    if value is None:
        return "n/a"
    ok = value >= goal if higher_is_better else value <= goal
    return "OK" if ok else "MISSED"


def print_report(r: dict) -> None:
    env = r["environment"]
    print("Xã Số core benchmark")
    print(f"  {env['date']}  python {env['python']}  SQLite {env['sqlite']} / SQLCipher "
          f"{env['sqlcipher']}  {env['cpus']} CPUs  commit {env['git_commit']}")
    print(f"  load average at start: {', '.join(f'{x:.2f}' for x in env['loadavg_at_start'])}  "
          f"(other work on the machine makes every figure noisier)")
    print(f"  persons requested: {r['config']['persons']:,}   seed {r['config']['seed']}   "
          f"data dir {r['config']['data_dir']}")
    print()

    g = r["generation"]
    print("1. Demo generation")
    if g.get("in_process"):
        ip = g["in_process"]
        print(f"   generate_demo() alone       {ip['persons_per_s']:>12,.0f} persons/s   "
              f"({ip['persons']:,} persons in {ip['seconds']:.1f} s)   goal ≥ "
              f"{GOALS['demo_persons_per_s']:,.0f}  {verdict(ip['persons_per_s'], GOALS['demo_persons_per_s'], True)}")
        print(f"     peak RSS of that process  {ip['maxrss_mb']:>12,.0f} MB")
    if g.get("cli"):
        c = g["cli"]
        print(f"   main.py demo (whole CLI)    {c['persons_per_s']:>12,.0f} persons/s   "
              f"({c['persons']:,} persons in {c['wall_s']:.1f} s wall, incl. start-up + set-up)")
        rss = f"{c['maxrss_mb']:,.0f} MB" if c["maxrss_mb"] else "n/a"
        print(f"     peak RSS of the CLI       {rss:>15}")
    if not g.get("cli") and not g.get("in_process"):
        print("   (skipped: --reuse)")
    print()

    print("2. Bulk import (bulk_create; inserts timed, generation excluded)")
    for b in r["bulk"]:
        label = "bulk import with outbox" if not b["demo_store"] else "same, demo store, no outbox"
        print(f"   {label:<28}{b['persons_per_s']:>12,.0f} persons/s   "
              f"({b['rows_per_s']:,.0f} rows/s; {b['persons']:,} persons, {b['rows']:,} rows, "
              f"{b['outbox_rows']:,} outbox rows, {b['insert_s']:.2f} s)")
        print(f"     incl. generation          {b['persons_per_s_incl_generation']:>12,.0f} persons/s")
    print()

    u = r["unlock"]
    print(f"3. Unlock (Store.unlock, {u['runs']} fresh processes)")
    print(f"   median                      {u['median_ms']:>12.0f} ms   goal ≤ "
          f"{GOALS['unlock_median_ms']:.0f}  {verdict(u['median_ms'], GOALS['unlock_median_ms'])}")
    print(f"   max                         {u['max_ms']:>12.0f} ms")
    print(f"   argon2id alone (median)     {u['argon2_median_ms']:>12.0f} ms   "
          f"(t={u['kdf_default'][0]}, m={u['kdf_default'][1] // 1024} MiB, p={u['kdf_default'][2]}; "
          f"max {u['argon2_max_ms']:.0f})")
    print(f"   key slot unlock (median)    {u['keyslot_unlock_median_ms']:>12.0f} ms")
    print(f"   open + migration check      {u['open_migrate_median_ms']:>12.0f} ms")
    print(f"   quick_check alone (median)  {u['quick_check_median_ms']:>12.0f} ms   "
          f"(max {u['quick_check_max_ms']:.0f})")
    print()

    s = r["search"]
    o = s["overall"]
    print(f"4. Search latency: search_persons(limit=50), {s['queries']} queries, "
          f"one read session, {s['warmup']} warm-up queries")
    print(f"   {'kind':<18}{'n':>5}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}{'hits':>7}{'none':>6}")
    print(f"   {'ALL':<18}{o['n']:>5}{o['p50']:>9.2f}{o['p95']:>9.2f}{o['p99']:>9.2f}{o['max']:>9.2f}"
          f"   goal p95 ≤ {GOALS['search_p95_ms']:.0f} ms  {verdict(o['p95'], GOALS['search_p95_ms'])}")
    for kind, k in s["by_kind"].items():
        print(f"   {kind:<18}{k['n']:>5}{k['p50']:>9.2f}{k['p95']:>9.2f}{k['p99']:>9.2f}"
              f"{k['max']:>9.2f}{k['mean_hits']:>7.1f}{k['zero_hit']:>6}")
    print("   (ms; hits = mean rows returned; none = queries returning nothing)")
    print("   slowest queries:")
    for q in s["slowest"]:
        fts = f"{q['fts_rows']:,} FTS rows" if q["fts_rows"] is not None else "digits"
        print(f"     {q['ms']:8.1f} ms  {q['kind']:<16} {q['query']!r:<28} {q['hits']:>3} hits  {fts}")
    sv = s["service"]
    if sv["queries"]:
        print(f"   audited persons.search(), {sv['queries']} of the queries: p50 {sv['p50']:.2f} ms, "
              f"p95 {sv['p95']:.2f} ms  (same queries unaudited: p50 "
              f"{sv['plain_same_queries_p50']:.2f}, p95 {sv['plain_same_queries_p95']:.2f})")
    print()

    z = r["size"]
    print("5. Database size (after PRAGMA wal_checkpoint(TRUNCATE))")
    print(f"   xaso.db + -wal              {z['total_mb']:>12.1f} MB   (db {z['db_mb']:.1f}, wal "
          f"{z['wal_mb']:.1f}; wal before checkpoint {z['wal_before_checkpoint_mb']:.1f} MB; "
          f"{z['page_count']:,} pages of {z['page_size']} B, {z['freelist_pages']:,} free)")
    persons = z["rows"].get("person") or 0
    if persons:
        print(f"   per person                  {z['total_mb'] * 1e6 / persons / 1024:>12.2f} KiB")
    print("   rows per table:")
    nonzero = {t: n for t, n in z["rows"].items() if n}
    for t, n in sorted(nonzero.items(), key=lambda kv: -kv[1]):
        print(f"     {t:<26}{n:>12,}")
    empty = sorted(t for t, n in z["rows"].items() if not n)
    if empty:
        print(f"     (empty: {', '.join(empty)})")
    print()

    m = r["memory"]
    print("6. Peak RSS")
    print(f"   benchmark process           {m['benchmark_process_mb']:>12,.0f} MB   "
          f"(bulk imports + search + size; generation ran in child processes)")
    if m.get("generation_cli_mb"):
        print(f"   demo generation (CLI child) {m['generation_cli_mb']:>12,.0f} MB")
    if m.get("generation_in_process_mb"):
        print(f"   generate_demo child         {m['generation_in_process_mb']:>12,.0f} MB")
    print()
    print(f"Total benchmark wall time: {r['wall_s']:.0f} s")


# -- main -------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--persons", type=int, default=200_000, help="demo size (default 200000)")
    p.add_argument("--queries", type=int, default=1000, help="search queries (default 1000)")
    p.add_argument("--bulk-persons", type=int, default=20_000,
                   help="persons for the bulk-import figure (default 20000)")
    p.add_argument("--audited", type=int, default=100,
                   help="queries through the audited persons.search (default 100)")
    p.add_argument("--unlock-runs", type=int, default=10)
    p.add_argument("--data-dir", type=Path, default=None,
                   help="where the stores go (default: a temporary folder, removed afterwards)")
    p.add_argument("--keep", action="store_true", help="keep the data folder")
    p.add_argument("--reuse", action="store_true",
                   help="reuse <data-dir>/demo if it exists (skips generation; for re-runs)")
    p.add_argument("--no-in-process", action="store_true",
                   help="skip the second generation (generate_demo timed alone)")
    p.add_argument("--seed", type=int, default=6, help="demo and query seed (default 6)")
    p.add_argument("--out", type=Path, default=None, help="also write the JSON here")
    args = p.parse_args(argv)

    started = time.perf_counter()
    env = environment()
    temp = args.data_dir is None
    base = Path(tempfile.mkdtemp(prefix="xaso-bench-")) if temp else args.data_dir.resolve()
    base.mkdir(parents=True, exist_ok=True)
    demo_dir = base / "demo"
    report: dict = {"environment": env, "goals": GOALS,
                    "config": {"persons": args.persons, "queries": args.queries,
                               "bulk_persons": args.bulk_persons, "seed": args.seed,
                               "data_dir": str(base), "kept": args.keep or not temp}}
    try:
        reuse = args.reuse and Store(demo_dir).is_initialised()
        for name in ("demo", "demo-inproc", "import", "import-demo"):
            if (base / name).exists() and not (reuse and name == "demo"):
                if not temp:
                    raise SystemExit(f"{base / name} exists: use a new --data-dir (or --reuse)")
        generation: dict = {}
        if not reuse:
            log(f"generating {args.persons:,} persons with main.py demo …")
            generation["cli"] = generate_with_cli(demo_dir, args.persons, args.seed)
            if not args.no_in_process:
                log("generating again with generate_demo() timed alone …")
                generation["in_process"] = generate_in_process(base / "demo-inproc", args.persons,
                                                               args.seed)
                if not args.keep:
                    shutil.rmtree(base / "demo-inproc", ignore_errors=True)
        report["generation"] = generation

        log(f"bulk import of {args.bulk_persons:,} persons (non-demo store, then demo store) …")
        report["bulk"] = [bulk_import(base / "import", args.bulk_persons, args.seed, demo=False),
                          bulk_import(base / "import-demo", args.bulk_persons, args.seed, demo=True)]

        log("unlock in fresh processes …")
        report["unlock"] = measure_unlock(demo_dir, args.unlock_runs, breakdown_runs=5)

        log(f"search: {args.queries} queries …")
        ws = Store(demo_dir).unlock(USER, PASSWORD)
        try:
            report["search"] = measure_search(ws, args.queries, args.seed, args.audited, warmup=20)
            report["size"] = measure_size(ws)
        finally:
            ws.close()
        report["memory"] = {
            "benchmark_process_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "generation_cli_mb": generation.get("cli", {}).get("maxrss_mb"),
            "generation_in_process_mb": generation.get("in_process", {}).get("maxrss_mb"),
        }
        gen_rate = generation.get("in_process", generation.get("cli", {})).get("persons_per_s")
        report["verdict"] = {
            "search_p95_ms": verdict(report["search"]["overall"]["p95"], GOALS["search_p95_ms"]),
            "unlock_median_ms": verdict(report["unlock"]["median_ms"], GOALS["unlock_median_ms"]),
            "demo_persons_per_s": verdict(gen_rate, GOALS["demo_persons_per_s"], True),
        }
        report["wall_s"] = time.perf_counter() - started
    finally:
        if temp and not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print_report(report)
    line = json.dumps(report, ensure_ascii=False, separators=(",", ":"))
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
