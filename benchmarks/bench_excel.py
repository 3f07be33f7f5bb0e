"""Excel import/export benchmark (issue 6), same file, same run.

    .venv/bin/python benchmarks/bench_excel.py [--rows 100000] [--work DIR]

Prints:
- pandas.read_excel(engine="openpyxl") merely reading the file (the reference);
- Xã Số importing it into a fresh commune store: read + header + mapping + validate + match
  against everyone stored + commit (one transaction, outbox and audit included);
- the same file imported again (every row matched against 100k stored residents: unchanged);
- exporting the 100k residents to .xlsx.
The file (100k rows × 12 columns, written by openpyxl like any office tool would) is cached in
the work folder.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOALS = {"import_s": 20.0, "export_s": 10.0}


def make_file(path: Path, rows: int) -> None:
    import openpyxl

    from tests.people_files import HEADERS, people_rows

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(["DANH SÁCH NHÂN KHẨU XÃ QUẢNG NGỌC"])
    ws.append([])
    ws.append(HEADERS)
    for row in people_rows(rows):
        ws.append(row)
    wb.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "xaso-bench-excel")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    source = args.work / f"people-{args.rows}.xlsx"
    if not source.exists():
        print(f"writing {source} with openpyxl …", flush=True)
        make_file(source, args.rows)

    import pandas

    from core.imports import commit, service
    from core.imports.export import export_persons
    from core.keyslots import KdfParams
    from core.services import hamlets
    from core.store import Store
    from tests.people_files import hamlet_names

    t = time.perf_counter()
    frame = pandas.read_excel(source, engine="openpyxl", header=2)
    pandas_s = time.perf_counter() - t
    assert len(frame) == args.rows
    del frame
    gc.collect()

    data = args.work / "store"
    shutil.rmtree(data, ignore_errors=True)
    store = Store(data, kdf=KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    ws, _ = store.initialise("16498", "admin", "bench-password", "Quản trị")
    for name in hamlet_names():
        hamlets.add_hamlet(ws, name)

    def run_import() -> tuple[float, float, dict]:
        t0 = time.perf_counter()
        prepared = service.prepare(ws, "person", source)
        plan = service.plan(ws, "person", prepared)
        planned = time.perf_counter() - t0
        counts = commit.commit(ws, plan)
        return time.perf_counter() - t0, planned, counts

    first_s, first_plan_s, first = run_import()
    again_s, again_plan_s, again = run_import()
    out = args.work / "export.xlsx"
    t = time.perf_counter()
    exported = export_persons(ws, out)
    export_s = time.perf_counter() - t
    ws.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"file: {args.rows} rows × 12 columns, {source.stat().st_size / 1e6:.1f} MB")
    print(f"pandas.read_excel (openpyxl), read only      {pandas_s:6.2f} s")
    print(f"import into an empty commune (all new)       {first_s:6.2f} s "
          f"(preview {first_plan_s:.2f} s) {first}")
    print(f"same file again (all matched, unchanged)     {again_s:6.2f} s "
          f"(preview {again_plan_s:.2f} s) {again}")
    print(f"import / pandas read                         {first_s / pandas_s:6.2f}")
    print(f"export {exported} residents                  {export_s:6.2f} s")
    print(f"peak RSS                                     {rss:6.0f} MB")
    ok = (first_s <= GOALS["import_s"] and first_s <= pandas_s and export_s <= GOALS["export_s"]
          and first["new"] == args.rows and again["unchanged"] == args.rows)
    print("goals (import ≤ 20 s and ≤ pandas read; export ≤ 10 s):", "MET" if ok else "NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
