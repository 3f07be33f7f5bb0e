"""Chip-card reading benchmark through real pcscd + vpcd and our virtual CCCD.

For the same virtual card (extended length off, then on) it reads everything the app reads
(EF.CardAccess, EF.COM, EF.SOD, DG1, DG2 ≈ 18 KB, DG13, DG14, DG15) and verifies it, with
(a) our adaptive reader and (b) fixed 0xDF-byte chunks (JMRTD's default), and prints APDU
count, bytes received and wall time for each. Then it times parsing + passive authentication
alone (no I/O) on the same files.

    .venv/bin/python benchmarks/bench_card.py [--runs 5] [--out FILE.json]

pcscd is started for the run only if none is running (and stopped afterwards by its PID).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from card_reader import passive_auth  # noqa: E402
from card_reader.lds.files import card_reading_from_files  # noqa: E402
from card_reader.pcsc import Connection, reader_states  # noqa: E402
from card_reader.reader import AccessKey, ReadOptions, read_card  # noqa: E402
from card_reader.trust import TrustStore  # noqa: E402
from card_reader.virtual.card import VirtualCard  # noqa: E402
from card_reader.virtual.pcscd import Pcscd  # noqa: E402
from card_reader.virtual.profile import load_preset  # noqa: E402
from card_reader.virtual.vpcd import VpcdClient  # noqa: E402

READER = "Virtual PCD 00 00"
PRESET = "nguyen-thi-mai"
GOAL_PARSE_PA_MS = 50
GOAL_EXTENDED_RATIO = 0.25


def _wait_card(present: bool, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (READER, present) in reader_states():
            return
        time.sleep(0.02)
    raise RuntimeError("the virtual card did not show up in pcscd")


def measure_reads(extended: bool, runs: int, key_dir: Path, work: Path) -> dict:
    profile = load_preset(PRESET, key_dir, options={"extended_length": extended})
    trust_dir = work / f"trust-{int(extended)}"
    trust_dir.mkdir(exist_ok=True)
    (trust_dir / "csca.der").write_bytes(profile.csca_cert_der)
    trust = TrustStore(trust_dir)
    client = VpcdClient(VirtualCard(profile))
    client.start()
    try:
        _wait_card(True)
        key = AccessKey(profile.id_number)
        result = {}
        for name, adaptive in (("adaptive", True), ("fixed_0xDF", False)):
            readings = []
            for _ in range(runs):
                reading = read_card(
                    lambda: Connection(READER),
                    ReadOptions(key=key, trust=trust, adaptive=adaptive),
                )
                if not reading.passive_auth.passed:
                    raise RuntimeError("passive authentication did not pass")
                readings.append(reading)
            result[name] = {
                "apdus": readings[0].apdu_count,
                "bytes": readings[0].bytes_read,
                "wall_ms_median": statistics.median(r.duration_ms for r in readings),
                "wall_ms_min": min(r.duration_ms for r in readings),
            }
        result["dg2_bytes"] = len(profile.data_groups[2])
        return result
    finally:
        client.stop()
        _wait_card(False)


def measure_parse_pa(runs: int, key_dir: Path, work: Path) -> dict:
    profile = load_preset(PRESET, key_dir)
    trust_dir = work / "trust-parse"
    trust_dir.mkdir(exist_ok=True)
    (trust_dir / "csca.der").write_bytes(profile.csca_cert_der)
    trust = TrustStore(trust_dir)
    dgs = profile.data_groups
    sod = profile.files[0x011D]
    timings = []
    for _ in range(runs):
        t0 = time.perf_counter()
        card_reading_from_files(dgs.get(1), dgs.get(13), dgs.get(2))
        verdict = passive_auth.verify(sod, dgs, trust)
        timings.append((time.perf_counter() - t0) * 1000)
        assert verdict.passed
    return {"runs": runs, "median_ms": statistics.median(timings), "max_ms": max(timings)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="reads per configuration")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    daemon = Pcscd().ensure()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            key_dir = work / "keys"
            report = {
                "extended_off": measure_reads(False, args.runs, key_dir, work),
                "extended_on": measure_reads(True, args.runs, key_dir, work),
                "parse_pa": measure_parse_pa(max(20, args.runs * 4), key_dir, work),
            }
    finally:
        daemon.stop()
    print_report(report)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1))
    print(json.dumps(report))
    return 0


def print_report(r: dict) -> None:
    print("Xã Số card-reading benchmark (real pcscd + vpcd + virtual CCCD, PACE, full PA/CA/AA)")
    for label, key in (("extended length off", "extended_off"), ("extended length on", "extended_on")):
        block = r[key]
        print(f"\n  {label} (DG2 {block['dg2_bytes']:,} bytes)")
        for name in ("adaptive", "fixed_0xDF"):
            m = block[name]
            print(f"    {name:<12} {m['apdus']:>5} APDUs  {m['bytes']:>7,} bytes  "
                  f"{m['wall_ms_median']:>7.1f} ms median ({m['wall_ms_min']:.1f} min)")
        ratio = block["adaptive"]["apdus"] / block["fixed_0xDF"]["apdus"]
        ok = block["adaptive"]["apdus"] <= block["fixed_0xDF"]["apdus"]
        line = f"    adaptive/fixed APDUs  {ratio:.0%}   goal: never more"
        if key == "extended_on":
            ok = ok and ratio <= GOAL_EXTENDED_RATIO
            line += f", ≤ {GOAL_EXTENDED_RATIO:.0%} with extended length"
        print(f"{line}  {'OK' if ok else 'MISSED'}")
    p = r["parse_pa"]
    ok = p["median_ms"] <= GOAL_PARSE_PA_MS
    print(f"\n  parsing + passive authentication (no I/O), {p['runs']} runs: "
          f"median {p['median_ms']:.1f} ms, max {p['max_ms']:.1f} ms   "
          f"goal ≤ {GOAL_PARSE_PA_MS} ms  {'OK' if ok else 'MISSED'}")


if __name__ == "__main__":
    sys.exit(main())
