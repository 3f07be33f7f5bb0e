"""Command-line interface (`python main.py COMMAND …`): scripting, set-up, demo data, maintenance.

Errors are printed as one Vietnamese line on stderr with exit code 1; personal data is printed
only by commands that exist to show it (search), and those are audited.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from cli import card, excel, hub, person, records, reports, sync, update, vneid
from core import logs
from core.auth import Role
from core.errors import XasoError
from core.store import Store, Workspace

DEMO_USER = "demo"
DEMO_PASSWORD = "xaso-demo"  # documented in README: the demo commune only, never real data


def _store(args) -> Store:
    return Store(args.data_dir)


def _read_password(args, prompt: str = "Mật khẩu: ") -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\n")
    env = os.environ.get("XASO_PASSWORD")
    if env:
        return env
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise XasoError("Thiếu mật khẩu: dùng --password-stdin hoặc biến XASO_PASSWORD.")


def _unlock(args) -> Workspace:
    username = getattr(args, "user", None) or os.environ.get("XASO_USER")
    if not username:
        raise XasoError("Thiếu tên đăng nhập: dùng --user hoặc biến XASO_USER.")
    return _store(args).unlock(username, _read_password(args))


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1, default=str))


# -- commands ---------------------------------------------------------------------------------

def cmd_selftest(args) -> int:
    from cli.selftest import run_selftest

    report = run_selftest(gui=not args.no_gui)
    _print_json(report)
    return 0 if report["ok"] else 1


def cmd_init(args) -> int:
    from core.admin_units import default_units

    unit = default_units().by_code(args.commune)
    if unit is None or unit.level != "commune":
        raise XasoError(f"Mã xã “{args.commune}” không có trong danh mục 2025.")
    password = _read_password(args, "Mật khẩu quản trị: ")
    ws, recovery_key = _store(args).initialise(args.commune, args.admin, password,
                                               args.display_name)
    ws.close()
    print(f"Đã thiết lập {unit.full_name} tại {ws.data_dir}.")
    print("MÃ KHÔI PHỤC (chỉ hiện một lần — hãy in hoặc chép lại và cất giữ an toàn):")
    print(recovery_key)
    return 0


def cmd_demo(args) -> int:
    from core.demo import generate_demo

    store = _store(args)
    if store.is_initialised():
        ws = store.unlock(DEMO_USER, DEMO_PASSWORD)
    else:
        ws, _ = store.initialise(args.commune, DEMO_USER, DEMO_PASSWORD, "Tài khoản xã mẫu",
                                 demo=True)
    try:
        stats = generate_demo(ws, persons=args.persons, seed=args.seed,
                              progress=None if args.quiet else _progress)
    finally:
        ws.close()
    if not args.quiet:
        print(file=sys.stderr)
    _print_json(stats)
    return 0


def _progress(done: int, total: int) -> None:
    print(f"\r  {done:,}/{total:,} người", end="", file=sys.stderr, flush=True)


def cmd_search(args) -> int:
    from core.services import persons

    ws = _unlock(args)
    try:
        hits = persons.search(ws, args.query, limit=args.limit)
    finally:
        ws.close()
    if args.json:
        _print_json([h.as_dict() for h in hits])
    else:
        for h in hits:
            print(f"{h.full_name}\t{h.dob or ''}\t{h.personal_number or ''}\t{h.hamlet or ''}")
    return 0


def cmd_audit_verify(args) -> int:
    from core.services import maintenance

    ws = _unlock(args)
    try:
        report = maintenance.verify_audit(ws)
    finally:
        ws.close()
    _print_json(report.as_dict())
    return 0 if report.ok else 1


def cmd_backup(args) -> int:
    from core.services import maintenance

    ws = _unlock(args)
    try:
        if args.to:
            paths = [maintenance.backup_to_folder(ws, Path(args.to))]
        else:
            paths = maintenance.backup_now(ws)
    finally:
        ws.close()
    for path in paths:
        print(f"Đã sao lưu: {path}")
    return 0


def cmd_restore(args) -> int:
    from core.services import maintenance

    ws = _unlock(args)
    try:
        safety = maintenance.restore(ws, Path(args.path))
    finally:
        ws.close()
    print(f"Đã khôi phục từ {args.path}. Bản sao dữ liệu trước khi khôi phục: {safety}")
    return 0


def cmd_users(args) -> int:
    from core.services import users

    ws = _unlock(args)
    try:
        if args.users_cmd == "list":
            _print_json([{"username": u.username, "display_name": u.display_name,
                          "role": u.role, "disabled": u.disabled} for u in users.list_users(ws)])
        elif args.users_cmd == "add":
            password = _read_new_password(args)
            users.add_user(ws, args.username, args.display_name or args.username,
                           Role(args.role), password)
            print(f"Đã thêm người dùng {args.username}.")
        elif args.users_cmd == "disable":
            users.disable_user(ws, args.username)
            print(f"Đã vô hiệu hóa {args.username}.")
        elif args.users_cmd == "reset-password":
            users.reset_password(ws, args.username, _read_new_password(args))
            print(f"Đã đặt lại mật khẩu cho {args.username}.")
        elif args.users_cmd == "set-role":
            users.set_role(ws, args.username, Role(args.role))
            print(f"Đã đổi vai trò của {args.username} thành {args.role}.")
    finally:
        ws.close()
    return 0


def cmd_recover(args) -> int:
    """Forgotten admin password: the recovery key opens the store, a new password is set."""
    from core.services import users

    if args.password_stdin:  # first line the recovery key, second the new password
        recovery_key = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        recovery_key = getpass.getpass("Mã khôi phục: ").strip()
    else:
        raise XasoError("Thiếu mã khôi phục: dùng --password-stdin (dòng 1: mã khôi phục, "
                        "dòng 2: mật khẩu mới).")
    ws = _store(args).unlock_with_recovery(recovery_key)
    try:
        users.reset_password(ws, args.username, _read_new_password(args))
    finally:
        ws.close()
    print(f"Đã mở dữ liệu bằng mã khôi phục và đặt mật khẩu mới cho {args.username}.")
    return 0


def _read_new_password(args) -> str:
    # With --password-stdin the first line unlocks, the second is the new account's password.
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    env = os.environ.get("XASO_NEW_PASSWORD")
    if env:
        return env
    if sys.stdin.isatty():
        return getpass.getpass("Mật khẩu mới: ")
    raise XasoError("Thiếu mật khẩu mới: dùng --password-stdin hoặc biến XASO_NEW_PASSWORD.")


# -- parser -----------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=None,
                        help="thư mục dữ liệu (mặc định: XASO_DATA_DIR hoặc thư mục người dùng)")
    common.add_argument("--user", default=None, help="tên đăng nhập (hoặc XASO_USER)")
    common.add_argument("--password-stdin", action="store_true",
                        help="đọc mật khẩu từ dòng đầu của stdin (hoặc XASO_PASSWORD)")

    parser = argparse.ArgumentParser(prog="main.py", description="Xã Số — dòng lệnh")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("selftest", parents=[common], help="tự kiểm tra, in báo cáo JSON")
    p.add_argument("--no-gui", action="store_true", help="bỏ qua kiểm tra giao diện (máy chủ)")
    p.set_defaults(func=cmd_selftest)

    p = sub.add_parser("init", parents=[common], help="thiết lập lần đầu (không hỏi)")
    p.add_argument("--commune", required=True, help="mã xã theo danh mục 2025, ví dụ 16498")
    p.add_argument("--admin", required=True, help="tên đăng nhập của quản trị viên")
    p.add_argument("--display-name", default=None)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", parents=[common], help="tạo xã mẫu với dữ liệu giả lập")
    p.add_argument("--persons", type=int, default=2000)
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--commune", default="16498")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("search", parents=[common], help="tìm cư dân theo tên, số định danh, CMND")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("audit", help="nhật ký")
    audit_sub = p.add_subparsers(dest="audit_cmd", required=True)
    v = audit_sub.add_parser("verify", parents=[common], help="kiểm tra chuỗi băm của nhật ký")
    v.set_defaults(func=cmd_audit_verify)

    p = sub.add_parser("backup", parents=[common], help="sao lưu ngay")
    p.add_argument("--to", default=None, help="thư mục đích (ví dụ ổ USB)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="khôi phục từ bản sao lưu")
    p.add_argument("path")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("recover", parents=[common],
                       help="quên mật khẩu: mở bằng mã khôi phục, đặt mật khẩu mới")
    p.add_argument("username", help="tài khoản được đặt mật khẩu mới (thường là quản trị viên)")
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser("users", help="quản lý người dùng")
    users_sub = p.add_subparsers(dest="users_cmd", required=True)
    users_sub.add_parser("list", parents=[common])
    for name in ("add", "disable", "reset-password", "set-role"):
        u = users_sub.add_parser(name, parents=[common])
        u.add_argument("username")
        if name in ("add", "set-role"):
            u.add_argument("--role", required=True, choices=[r.value for r in Role])
        if name == "add":
            u.add_argument("--display-name", default=None)
    p.set_defaults(func=cmd_users)

    card.add_parser(sub, common)
    person.add_parser(sub, common)
    vneid.add_parser(sub, common)
    records.add_parser(sub, common)
    excel.add_parser(sub, common)
    hub.add_parser(sub, common)
    sync.add_parser(sub, common)
    reports.add_parser(sub, common)
    update.add_parser(sub, common)
    return parser


def run_cli(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    data_dir = Store(getattr(args, "data_dir", None)).data_dir
    if data_dir.exists():
        logs.configure(data_dir)
    try:
        return args.func(args)
    except XasoError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
