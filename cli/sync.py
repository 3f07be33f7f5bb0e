"""Sync from the command line (issue 7):

    python main.py sync [--hub URL] [--json]        one push/pull cycle; counts per result
    python main.py sync status [--json]             where sync stands
    python main.py enroll --hub URL --code CODE [--device-name NAME]
    python main.py bundle export --out DIR          USB: seal the waiting changes
    python main.py bundle import-ack FILE           USB: record the hub's answers

Each unlocks the workspace like the other commands (--user / XASO_USER, XASO_PASSWORD or
--password-stdin). `sync` exits 1 when the hub refuses or cannot be reached; conflicts and
rejections of single ops are answers, not failures: they wait in the review list.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _fmt_counts(counts: dict) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()) if v) or "0"


def cmd_sync(args) -> int:
    from cli import _print_json, _unlock
    from sync.client import service

    ws = _unlock(args)
    try:
        if args.action == "status":
            current = service.status(ws)
            if args.json:
                _print_json(current.as_dict())
            else:
                print(f"Máy chủ: {current.hub_url or 'chưa đăng ký'}")
                print(f"Chờ gửi: {current.pending}; vấn đề cần xử lý: {current.open_problems}")
                print(f"Lần đồng bộ thành công gần nhất: {current.last_success_at or 'chưa có'}")
                if current.last_error:
                    print(f"Lỗi gần nhất: {current.last_error}")
                if current.guard_message:
                    print(current.guard_message)
            return 0
        report = service.run_cycle(ws, hub_url=args.hub, max_ops=args.batch_ops)
    finally:
        ws.close()
    if args.json:
        _print_json(report.as_dict())
    else:
        print(f"Đã gửi: {_fmt_counts(report.results)}")
        print(f"Đã nhận: {_fmt_counts(report.pulled)}")
        if report.skew_warning:
            print(f"Cảnh báo: đồng hồ máy này lệch máy chủ {report.clock_skew:.0f} giây.")
        if report.error:
            print(f"Lỗi: {report.error}", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_enroll(args) -> int:
    from cli import _unlock
    from sync.client import service

    ws = _unlock(args)
    try:
        state = service.enroll(ws, args.hub, args.code, args.device_name)
    finally:
        ws.close()
    print(f"Đã đăng ký máy “{state.device_name}” (mã {state.device_id}) với máy chủ "
          f"{state.hub_url} cho xã {state.commune_code}.")
    return 0


def cmd_bundle(args) -> int:
    from cli import _print_json, _unlock
    from sync.client import bundles, service

    ws = _unlock(args)
    try:
        if args.bundle_cmd == "export":
            path = service.export_bundle(ws, Path(args.out))
            print(f"Đã ghi gói USB: {path}")
            if files := len(bundles.attachment_files(path)):
                print(f"Kèm {files} tệp đính kèm (đã niêm phong) bên cạnh gói.")
            return 0
        report = service.import_ack(ws, Path(args.file))
    finally:
        ws.close()
    if args.json:
        _print_json(report.as_dict())
    elif report.already_recorded:
        print("Tệp xác nhận này đã được ghi nhận trước đó; không có gì thay đổi.")
    else:
        print(f"Đã ghi nhận trả lời của máy chủ: {_fmt_counts(report.results)}")
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("sync", parents=[common], help="đồng bộ với máy chủ (một lượt gửi/nhận)")
    p.add_argument("action", nargs="?", choices=["run", "status"], default="run")
    p.add_argument("--hub", default=None, help="địa chỉ máy chủ (mặc định: địa chỉ đã đăng ký)")
    p.add_argument("--batch-ops", type=int, default=2000,
                   help="số thay đổi tối đa mỗi gói (nhỏ hơn khi đường truyền yếu)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("enroll", parents=[common], help="đăng ký máy này với máy chủ đồng bộ")
    p.add_argument("--hub", required=True, help="địa chỉ máy chủ, ví dụ https://dongbo.example.vn")
    p.add_argument("--code", required=True, help="mã đăng ký một lần do máy chủ cấp")
    p.add_argument("--device-name", default=None, help="tên máy (mặc định: tên máy tính)")
    p.set_defaults(func=cmd_enroll)

    p = sub.add_parser("bundle", help="gửi dữ liệu bằng USB khi không có mạng")
    bundle_sub = p.add_subparsers(dest="bundle_cmd", required=True)
    e = bundle_sub.add_parser("export", parents=[common], help="ghi gói thay đổi ra USB")
    e.add_argument("--out", required=True, help="thư mục đích (ổ USB)")
    a = bundle_sub.add_parser("import-ack", parents=[common],
                              help="nhập tệp xác nhận của máy chủ")
    a.add_argument("file")
    a.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bundle)
