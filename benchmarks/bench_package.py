"""Packaging benchmark (issue 9): the frozen app's size and its start-up time.

    xvfb-run -a .venv/bin/python benchmarks/bench_package.py [--build] [--untrimmed] [--runs 7]

- sizes of build/dist/xaso (the one-folder bundle) and of the .deb when built
  (bash scripts/package_linux.sh builds both); --build rebuilds the bundle first;
- --untrimmed also builds without the spec's trimming (XASO_UNTRIMMED=1) into
  build/untrimmed/ and prints its size: what the trimming saves;
- start-up: the frozen app started on an initialised data folder, timed from the process start
  to its login window on screen (the app prints a line once the window is shown, asked by
  XASO_STARTUP_PROBE=1), on the real X11 platform plugin (run under Xvfb); the first run
  (cold file cache) and the median of the others.
Goals: installed size ≤ 150 MB; start to login window ≤ 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "build" / "dist" / "xaso"
GOALS = {"size_mb": 150, "start_s": 2.0}


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) \
        / 1e6


def build(dist: Path, untrimmed: bool) -> None:
    env = {**os.environ, "XASO_UNTRIMMED": "1" if untrimmed else "0"}
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(dist), "--workpath", str(dist.parent / "work-bench"),
                    str(ROOT / "installer" / "xaso.spec")], check=True, env=env)


def start_once(exe: Path, data: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XASO_", "QT_QPA"))}
    env["XASO_STARTUP_PROBE"] = "1"
    start = time.perf_counter()
    proc = subprocess.Popen([str(exe), "--data-dir", str(data)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=tempfile.gettempdir())
    for line in proc.stdout:
        if "login window shown" in line:
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"the app exited ({proc.wait()}) without showing its login window")
    proc.wait(30)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--untrimmed", action="store_true")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print("needs a display: run under xvfb-run -a", file=sys.stderr)
        return 2
    if args.build or not BUNDLE.exists():
        build(BUNDLE.parent, untrimmed=False)
    bundle_mb = size_mb(BUNDLE)
    print(f"bundle build/dist/xaso                {bundle_mb:7.1f} MB")
    debs = sorted((ROOT / "build").glob("xaso_*_amd64.deb"))
    if debs:
        print(f"package {debs[-1].name:29} {debs[-1].stat().st_size / 1e6:7.1f} MB (xz)")
    if args.untrimmed:
        untrimmed = ROOT / "build" / "untrimmed"
        build(untrimmed, untrimmed=True)
        before = size_mb(untrimmed / "xaso")
        print(f"untrimmed bundle (XASO_UNTRIMMED=1)   {before:7.1f} MB → trimmed {bundle_mb:.1f} MB "
              f"({before - bundle_mb:.1f} MB less)")

    sys.path.insert(0, str(ROOT))
    from core.keyslots import KdfParams
    from core.store import Store

    with tempfile.TemporaryDirectory(prefix="xaso-bench-start-") as tmp:
        data = Path(tmp) / "data"
        ws, _ = Store(data, kdf=KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)) \
            .initialise("16498", "admin", "bench-password", "Quản trị")
        ws.close()
        times = [start_once(BUNDLE / "xaso", data) for _ in range(args.runs)]
    first, rest = times[0], times[1:] or times
    median = statistics.median(rest)
    print(f"start → login window, first run       {first:7.2f} s")
    print(f"start → login window, median of {len(rest)}     {median:7.2f} s "
          f"(min {min(rest):.2f}, max {max(rest):.2f})")
    ok = bundle_mb <= GOALS["size_mb"] and median <= GOALS["start_s"]
    print(f"goals (size ≤ {GOALS['size_mb']} MB, start ≤ {GOALS['start_s']} s):",
          "MET" if ok else "NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
