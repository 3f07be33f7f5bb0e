"""`python main.py import TYPE FILE.xlsx [--sheet S] [--mapping NAME] [--save-mapping NAME]
[--dry-run] [--valid-only] [--error-report OUT.xlsx] [--json]` and
`python main.py export TYPE --out FILE.xlsx [--json]`."""

from __future__ import annotations

import sys


def _progress(done: int, total: int) -> None:
    if total and sys.stderr.isatty():
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)


def cmd_import(args) -> int:
    from cli import _print_json, _unlock
    from core.imports import commit as committing
    from core.imports import mapping as mappings
    from core.imports import service
    from core.imports.report import write_error_report
    from core.progress import Progress

    ws = _unlock(args)
    try:
        prepared = service.prepare(ws, args.type, args.file, args.sheet, args.mapping)
        if args.save_mapping:
            mappings.save_mapping(ws, args.type, args.save_mapping, prepared.table.columns,
                                  prepared.mapping)
        plan = service.plan(ws, args.type, prepared, progress=Progress(_progress))
        counts = plan.counts()
        result = {
            "type": args.type, "file": plan.table.file_name, "sheet": plan.table.sheet,
            "header_row": plan.table.header.row + 1, "legacy_encoding": plan.table.legacy,
            "mapping": {plan.table.columns[i]: f for i, f in sorted(prepared.mapping.items())},
            "mapping_name": prepared.mapping_name, "dry_run": args.dry_run,
            "counts": {"new": counts["new"], "updated": counts["update"],
                       "unchanged": counts["unchanged"], "review": counts["review"],
                       "errors": counts["error"]},
            "first_errors": plan.first_errors(20), "committed": False,
        }
        if args.error_report and counts["error"]:
            write_error_report(plan, args.error_report)
            result["error_report"] = str(args.error_report)
        if not args.dry_run:
            if counts["error"] and not args.valid_only:
                result["message"] = (f"Còn {counts['error']} dòng lỗi nên chưa nhập gì; dùng "
                                     "--valid-only để chỉ nhập các dòng hợp lệ.")
            else:
                committing.commit(ws, plan, valid_only=args.valid_only,
                                  progress=Progress(_progress))
                result["committed"] = True
    finally:
        ws.close()
    if args.json:
        _print_json(result)
    else:
        c = result["counts"]
        print(f"Mới {c['new']}, cập nhật {c['updated']}, không đổi {c['unchanged']}, "
              f"rà soát {c['review']}, lỗi {c['errors']}"
              f"{'' if result['committed'] else ' (chưa ghi)'}")
        for err in result["first_errors"]:
            print(f"  dòng {err['row']}: " + "; ".join(err["errors"].values()))
    if not args.dry_run and not result["committed"]:
        return 2
    return 0


def cmd_export(args) -> int:
    from cli import _print_json, _unlock
    from core.imports import export
    from core.progress import Progress

    ws = _unlock(args)
    try:
        count = export.export_list(ws, args.type, args.out, progress=Progress(_progress))
    finally:
        ws.close()
    if args.json:
        _print_json({"type": args.type, "out": str(args.out), "rows": count})
    else:
        print(f"Đã xuất {count} dòng vào {args.out}")
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("import", parents=[common], help="nhập dữ liệu từ tệp Excel")
    p.add_argument("type", help="person, hoặc mã loại hồ sơ (xem: record-types)")
    p.add_argument("file")
    p.add_argument("--sheet", help="tên trang (mặc định: trang đầu tiên có bảng phù hợp)")
    p.add_argument("--mapping", help="dùng cách ghép cột đã lưu với tên này")
    p.add_argument("--save-mapping", help="lưu cách ghép cột đang dùng với tên này")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    p.add_argument("--valid-only", action="store_true", help="chỉ nhập các dòng hợp lệ")
    p.add_argument("--error-report", help="ghi các dòng lỗi ra tệp .xlsx này")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", parents=[common], help="xuất danh sách ra tệp Excel")
    p.add_argument("type", help="person, hoặc mã loại hồ sơ")
    p.add_argument("--out", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_export)
