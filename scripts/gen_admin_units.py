"""Build-time generator for resources/admin_units/admin_units.json.gz.

Reads the data bundled with the PyPI package ``vietnamadminunits`` (MIT) and writes one
compact, deterministic file that core/admin_units.py loads at runtime (stdlib only).

Run:  .venv/bin/pip install vietnamadminunits==1.0.4
      .venv/bin/python scripts/gen_admin_units.py [--date YYYY-MM-DD] [--out PATH]

The package is never imported: importing it pulls in geocoding helpers, and its
convert_address() calls an online service for split wards. We only read its data files
(SQLite + JSON) from the installed location.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib.metadata
import importlib.util
import io
import json
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

PACKAGE = "vietnamadminunits"
EXPECTED_VERSION = "1.0.4"
FORMAT_VERSION = 1
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "resources" / "admin_units" / "admin_units.json.gz"

# Known unit types, longest first so "Thị trấn" wins over shorter prefixes.
PROVINCE_TYPES = ("Thành phố", "Tỉnh")
DISTRICT_TYPES = ("Thành phố", "Thị xã", "Huyện", "Quận")
COMMUNE_TYPES = ("Thị trấn", "Đặc khu", "Phường", "Xã")


class GenError(Exception):
    pass


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def split_type(full: str, types: tuple[str, ...], fallback_type: str | None) -> tuple[str, str]:
    """Split "Xã Quảng Ngọc" into ("Xã", "Quảng Ngọc").

    The type is taken from the name's prefix, not the package's type column: a few rows
    disagree (e.g. 'Phường Việt Hòa' typed 'Xã') and the name is the displayed truth.
    Prefix matching is case-insensitive because some legacy rows say 'Thị Trấn'.
    """
    full = nfc(full)
    low = full.casefold()
    for t in types:
        if low.startswith(t.casefold() + " "):
            return t, full[len(t) + 1 :].strip()
    if not fallback_type:
        raise GenError(f"cannot determine unit type of {full!r}")
    return nfc(fallback_type), full


def package_dir() -> Path:
    # find_spec on a top-level package locates it without executing its __init__.
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise GenError(f"{PACKAGE} is not installed: pip install {PACKAGE}=={EXPECTED_VERSION}")
    return Path(next(iter(spec.submodule_search_locations)))


def package_licence() -> str:
    meta = importlib.metadata.metadata(PACKAGE)
    if meta.get("License"):
        return meta["License"]
    for c in meta.get_all("Classifier") or []:
        if c.startswith("License ::"):
            return c.rsplit("::", 1)[1].strip().removesuffix(" License")
    return "unknown"


def check(cond: bool, msg: str) -> None:
    if not cond:
        raise GenError(msg)


def build(pkg: Path, version: str, licence: str, date: str) -> dict:
    db = sqlite3.connect(f"file:{pkg / 'data' / 'dataset.db'}?mode=ro", uri=True)
    rows = db.execute(
        "SELECT provinceCode, province, wardCode, ward, wardType, provinceKey, wardKey"
        " FROM admin_units"
    ).fetchall()
    legacy_rows = db.execute(
        "SELECT provinceCode, province, districtCode, district, districtType,"
        " wardCode, ward, wardType, provinceKey, districtKey, wardKey"
        " FROM admin_units_legacy"
    ).fetchall()
    db.close()
    conv = json.loads((pkg / "data" / "converter_2025.json").read_text(encoding="utf-8"))

    notes: list[str] = []

    # --- 2025 list -----------------------------------------------------------------
    provinces: dict[str, list] = {}
    communes: dict[str, list] = {}
    new_key_to_code: dict[tuple[str, str], str] = {}
    new_pkey_to_code: dict[str, str] = {}
    for pcode, pname, wcode, wname, wtype, pkey, wkey in rows:
        ptype, pshort = split_type(pname, PROVINCE_TYPES, None)
        provinces[pcode] = [pcode, ptype, pshort]
        ctype, cname = split_type(wname, COMMUNE_TYPES, wtype)
        if wtype and ctype != nfc(wtype):
            notes.append(f"2025 {wcode} {wname!r}: package type {wtype!r}, using {ctype!r}")
        check(wcode not in communes, f"duplicate 2025 commune code {wcode}")
        communes[wcode] = [wcode, ctype, cname, pcode]
        check((pkey, wkey) not in new_key_to_code, f"duplicate 2025 key {pkey}/{wkey}")
        new_key_to_code[(pkey, wkey)] = wcode
        new_pkey_to_code[pkey] = pcode

    # --- 2004 list (legacy, valid until 30 June 2025) ----------------------------------
    l_provinces: dict[str, list] = {}
    l_districts: dict[str, list] = {}
    l_communes: dict[str, list] = {}
    old_key_to_code: dict[
        str, str
    ] = {}  # "prov_dist_ward" key -> 5-digit (or 3-digit island district)
    old_pkey_to_code: dict[str, str] = {}
    for pcode, pname, dcode, dname, dtype, wcode, wname, wtype, pkey, dkey, wkey in legacy_rows:
        ptype, pshort = split_type(pname, PROVINCE_TYPES, None)
        l_provinces[pcode] = [pcode, ptype, pshort]
        old_pkey_to_code[pkey] = pcode
        dt_, dn = split_type(dname, DISTRICT_TYPES, dtype)
        l_districts[dcode] = [dcode, dt_, dn, pcode]
        if not wcode:
            # Island districts (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) had no communes.
            old_key_to_code[f"{pkey}_{dkey}_"] = dcode
            continue
        ctype, cname = split_type(wname, COMMUNE_TYPES, wtype)
        if wtype and ctype != nfc(wtype):
            notes.append(f"2004 {wcode} {wname!r}: package type {wtype!r}, using {ctype!r}")
        check(wcode not in l_communes, f"duplicate 2004 commune code {wcode}")
        l_communes[wcode] = [wcode, ctype, cname, dcode]
        old_key_to_code[f"{pkey}_{dkey}_{wkey}"] = wcode

    # --- old -> new mapping (package keys are names; we translate them to codes) -------
    prov_map: dict[str, str] = {}
    for new_pkey, old_pkeys in conv["DICT_PROVINCE"].items():
        for old_pkey in old_pkeys:
            old = old_pkey_to_code[old_pkey]
            check(old not in prov_map, f"old province {old} maps to several new provinces")
            prov_map[old] = new_pkey_to_code[new_pkey]

    unit_map: dict[str, list[str]] = defaultdict(list)
    for new_pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_keys in wards.items():
            new_code = new_key_to_code[(new_pkey, new_wkey)]
            for old_key in old_keys:
                unit_map[old_key_to_code[old_key]].append(new_code)
    for new_pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, candidates in olds.items():
            # A split ward: keep every candidate. The package's "default" pick is dropped
            # on purpose: the app must ask the user, never guess.
            for cand in candidates:
                unit_map[old_key_to_code[old_key]].append(
                    new_key_to_code[(new_pkey, cand["newWardKey"])]
                )

    commune_map = {k: sorted(set(v)) for k, v in unit_map.items() if len(k) == 5}
    district_map = {k: sorted(set(v)) for k, v in unit_map.items() if len(k) == 3}

    # --- verification: fail loudly -------------------------------------------------
    check(len(provinces) == 34, f"expected 34 provinces (2025), got {len(provinces)}")
    check(len(communes) == 3321, f"expected 3321 communes (2025), got {len(communes)}")
    check(len(l_provinces) == 63, f"expected 63 legacy provinces, got {len(l_provinces)}")
    check(680 <= len(l_districts) <= 720, f"unexpected legacy district count {len(l_districts)}")
    check(9900 <= len(l_communes) <= 10200, f"unexpected legacy commune count {len(l_communes)}")
    check(set(prov_map) == set(l_provinces), "not every legacy province has a new province")
    check(set(commune_map) == set(l_communes), "not every legacy commune has a new commune")
    covered = {c for v in unit_map.values() for c in v}
    check(covered == set(communes), "some 2025 communes have no predecessor")

    # Spot checks from DOMAIN.md §2 (project domain notes).
    th = [c for c in communes.values() if c[3] == "38"]
    check(provinces["38"][2] == "Thanh Hóa", "province 38 is not Thanh Hóa")
    check(len(th) == 166, f"Thanh Hóa should have 166 communes, got {len(th)}")
    check(sum(c[1] == "Xã" for c in th) == 147, "Thanh Hóa should have 147 xã")
    check(sum(c[1] == "Phường" for c in th) == 19, "Thanh Hóa should have 19 phường")
    expected = {
        "16438": "Lưu Vệ",
        "16480": "Quảng Yên",
        "16489": "Quảng Chính",
        "16498": "Quảng Ngọc",
        "16540": "Quảng Ninh",
        "16543": "Quảng Bình",
        "16549": "Tiên Trang",
    }
    for code, name in expected.items():
        check(
            communes.get(code, [None, None, None, None])[2:] == [name, "38"],
            f"2025 commune {code} should be {name} (Thanh Hóa), got {communes.get(code)}",
        )
    check(
        l_districts.get("406") == ["406", "Huyện", "Quảng Xương", "38"],
        f"legacy district 406 should be Huyện Quảng Xương, got {l_districts.get('406')}",
    )
    qx_new = {n for old, new in commune_map.items() if l_communes[old][3] == "406" for n in new}
    check(
        qx_new == set(expected) | {"16516"},
        f"Quảng Xương should map to the 7 communes + Nam Sầm Sơn, got {sorted(qx_new)}",
    )
    check(commune_map["16438"] == ["16438"], "Thị trấn Tân Phong should become Xã Lưu Vệ")
    check(commune_map["16519"] == ["16516"], "Xã Quảng Giao should go into Phường Nam Sầm Sơn")
    check(l_provinces["44"][2] == "Quảng Bình", "legacy province 44 should be Quảng Bình")
    check(provinces[prov_map["44"]][2] == "Quảng Trị", "old Quảng Bình should now be Quảng Trị")
    check(prov_map["38"] == "38", "Thanh Hóa should keep code 38")

    split_count = sum(len(v) > 1 for v in commune_map.values())
    return {
        "format_version": FORMAT_VERSION,
        "data_version": f"2025-07-01+{PACKAGE}-{version}",
        "generated": date,
        "source": {
            "package": PACKAGE,
            "version": version,
            "licence": licence,
            "url": "https://pypi.org/project/vietnamadminunits/",
        },
        "systems": {
            "2025": {"valid_from": "2025-07-01", "basis": "Quyết định 19/2025/QĐ-TTg"},
            "2004": {"valid_to": "2025-06-30", "basis": "2004 list (Quyết định 124/2004/QĐ-TTg)"},
        },
        # Rows: [code, type, name, parent_code]; provinces have no parent.
        "units": {
            "2025": {
                "provinces": sorted(provinces.values()),
                "communes": sorted(communes.values()),
            },
            "2004": {
                "provinces": sorted(l_provinces.values()),
                "districts": sorted(l_districts.values()),
                "communes": sorted(l_communes.values()),
            },
        },
        "old_to_new": {
            "provinces": dict(sorted(prov_map.items())),
            # old 5-digit commune -> 2025 commune codes (several = split, ask the user)
            "communes": dict(sorted(commune_map.items())),
            # old island districts without communes -> their 2025 đặc khu
            "districts": dict(sorted(district_map.items())),
        },
        "_stats": {"split_old_communes": split_count, "notes": notes},
    }


def encode(data: dict) -> bytes:
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    buf = io.BytesIO()
    # mtime=0 and no file name in the header make the output byte-identical across runs.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw.encode("utf-8"))
    return buf.getvalue()


def write_source_md(path: Path, data_file: Path, data: dict, size: int) -> None:
    u = data["units"]
    o = data["old_to_new"]
    s = data["source"]
    lines = [
        "# Administrative units data",
        "",
        f"- File: `{data_file.name}` (gzip JSON, {size:,} bytes), format version {data['format_version']}",
        f"- Data version: `{data['data_version']}`",
        f"- Source: PyPI package `{s['package']}` {s['version']} (licence: {s['licence']}), {s['url']}",
        "  - read from its bundled `data/dataset.db` and `data/converter_2025.json`; the package is",
        "    never imported and nothing online is called.",
        f"- Generated: {data['generated']} by `scripts/gen_admin_units.py`",
        "",
        "## Counts",
        "",
        f"- 2025 list: {len(u['2025']['provinces'])} provinces, {len(u['2025']['communes']):,} communes",
        f"- 2004 list: {len(u['2004']['provinces'])} provinces, {len(u['2004']['districts'])} districts, "
        f"{len(u['2004']['communes']):,} communes",
        f"- old→new: {len(o['provinces'])} provinces, {len(o['communes']):,} communes "
        f"({data['_stats']['split_old_communes']} split into several new communes), "
        f"{len(o['districts'])} island districts without communes",
        "",
        "## Notes",
        "",
        "- Unit type is taken from the name prefix; rows where the package's type column disagreed:",
    ]
    lines += [f"  - {n}" for n in data["_stats"]["notes"]] or ["  - none"]
    lines += [
        '- Province names are short (e.g. "Thanh Hóa"); the type (Tỉnh/Thành phố) is separate.',
        "- Code 44 means Quảng Bình in the 2004 list but Quảng Trị in the 2025 list: always carry",
        "  the code system with a code.",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--date", help="generated date (YYYY-MM-DD); default today")
    args = ap.parse_args(argv)

    version = importlib.metadata.version(PACKAGE)
    if version != EXPECTED_VERSION:
        print(
            f"warning: {PACKAGE} {version} installed, generator written for {EXPECTED_VERSION}",
            file=sys.stderr,
        )
    date = args.date or dt.date.today().isoformat()
    try:
        data = build(package_dir(), version, package_licence(), date)
    except (GenError, KeyError) as e:
        print(f"error: {e!r}", file=sys.stderr)
        return 1

    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists() and not args.date:
        # Same data as the existing file? Keep its date so reruns stay byte-identical.
        old = json.loads(gzip.decompress(out.read_bytes()))
        if {**old, "generated": date} == data:
            data["generated"] = old["generated"]
    blob = encode(data)
    out.write_bytes(blob)
    write_source_md(out.parent / "SOURCE.md", out, data, len(blob))
    print(f"wrote {out} ({len(blob):,} bytes), data version {data['data_version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
