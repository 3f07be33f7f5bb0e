"""`python main.py hub …`: run and administer the sync hub (docs/SYNC.md "Hub CLI").

    hub serve [--db URL] [--data DIR] [--host 127.0.0.1] [--port 8765] [--max-body N]
    hub admin add-commune CODE [--name TEXT]
    hub admin enrollment-code --commune CODE [--hours 72]
    hub admin devices [--commune CODE] [--json]
    hub admin revoke DEVICE_ID
    hub admin add-user USERNAME --role province|commune [--commune CODE] --password-stdin
    hub admin set-password USERNAME --password-stdin
    hub admin disable-user USERNAME
    hub keys --json
    hub import-bundle FILE [--ack-out DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from core.errors import XasoError
from core.i18n import QT_TR_NOOP, Msg
from sync.hub.config import DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, HubConfig, RateLimit
from sync.protocol import DEFAULT_MAX_SIZE
from sync.protocol.wire import format_time


def _config(args, **extra) -> HubConfig:
    return HubConfig(data_dir=Path(args.data), db_url=args.db, **extra)


def _database(args):
    from sqlalchemy.exc import DBAPIError

    from sync.hub.db import Database

    config = _config(args)
    config.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = Database(config.database_url)
    try:
        db.create_schema()
    except DBAPIError as e:
        db.dispose()
        raise XasoError(Msg(QT_TR_NOOP(
            "Không mở được cơ sở dữ liệu của máy chủ ({url}). Kiểm tra --db và dịch vụ "
            "PostgreSQL."), url=_safe_url(config.database_url))) from e
    return db


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1, default=str))


def _setup_logging(data_dir: Path) -> None:
    from core import logs

    logs.configure(data_dir)
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(logs.RedactDigits())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)


def cmd_serve(args) -> int:
    try:
        import uvicorn

        from sync.hub.app import create_app
    except ImportError as exc:  # the desktop installer leaves the hub server out
        raise XasoError(
            "Bản cài đặt này không có máy chủ đồng bộ (hub). Hãy cài hub trên máy chủ theo "
            "docs/HUB_DEPLOYMENT.md.") from exc

    extra = {"max_body": args.max_body}
    if args.device_rate is not None:
        extra["device_rate"] = RateLimit(args.device_rate, max(1, int(args.device_rate // 10)))
    if args.ip_rate is not None:
        extra["ip_rate"] = RateLimit(args.ip_rate, max(1, int(args.ip_rate // 10)))
    config = _config(args, **extra)
    _database(args).dispose()  # creates the folder and schema, or one clear line on failure
    _setup_logging(config.data_dir)
    app = create_app(config)
    logging.getLogger("xaso.hub").info("hub %s listening on %s:%d",
                                       app.state.hub.keys.hub_id, args.host, args.port)
    uvicorn.run(app, host=args.host, port=args.port, log_config=None, access_log=False,
                proxy_headers=True, forwarded_allow_ips=args.forwarded_allow_ips,
                root_path=args.root_path, timeout_keep_alive=30)
    return 0


def cmd_keys(args) -> int:
    from sync.hub.keys import load_or_create_keys

    keys = load_or_create_keys(Path(args.data))
    if args.json:
        _print_json(keys.public())
    else:
        for name, value in keys.public().items():
            print(f"{name}: {value}")
    return 0


def cmd_import_bundle(args) -> int:
    from sync.hub.attachments import AttachmentStore
    from sync.hub.bundles import import_bundle
    from sync.hub.keys import load_or_create_keys

    config = _config(args)
    db = _database(args)
    try:
        outcome = import_bundle(db, load_or_create_keys(config.data_dir), Path(args.file),
                                attachments=AttachmentStore(config.attachments_dir, db,
                                                            max_size=config.max_attachment),
                                ack_dir=Path(args.ack_out) if args.ack_out else None,
                                max_body=config.max_body)
    finally:
        db.dispose()
    counts = outcome.counts()
    files = outcome.files
    if args.json:
        _print_json({"ack": str(outcome.ack_path), "batch_id": outcome.result.batch_id,
                     "device_id": outcome.batch.device_id, "counts": counts,
                     "attachments": files.as_dict()})
    else:
        summary = ", ".join(f"{k}: {v}" for k, v in counts.items())
        print(f"Đã nhận gói {Path(args.file).name} ({summary}).")
        if files.stored or files.already:
            print(f"Tệp đính kèm: {len(files.stored)} tệp mới, {len(files.already)} tệp đã có.")
        if files.missing:
            print(f"Thiếu {len(files.missing)} tệp đính kèm trong gói: các bản ghi vẫn được "
                  "nhận; tệp sẽ được gửi sau khi máy xã có mạng.")
        for name, reason in files.refused:
            print(f"Lỗi: tệp đính kèm {name} bị từ chối ({reason}); không lưu gì từ tệp này.",
                  file=sys.stderr)
        print(f"Tệp xác nhận: {outcome.ack_path}")
    return 0


def cmd_admin(args) -> int:
    from sync.hub import admin

    db = _database(args)
    try:
        if args.admin_cmd == "add-commune":
            made = admin.add_commune(db, args.code, args.name)
            print(f"Đã thêm xã {made['code']} — {made['name']}.")
        elif args.admin_cmd == "enrollment-code":
            made = admin.create_enrollment_code(db, args.commune, args.hours)
            if args.json:
                _print_json({**made, "expires_at": format_time(made["expires_at"])})
            else:
                print(made["code"])
                print(f"Mã dùng một lần cho xã {made['commune_code']}, hết hạn lúc "
                      f"{format_time(made['expires_at'])} (UTC).", file=sys.stderr)
        elif args.admin_cmd == "devices":
            devices = admin.list_devices(db, args.commune)
            if args.json:
                _print_json([{**d, "enrolled_at": format_time(d["enrolled_at"]),
                              "revoked_at": format_time(d["revoked_at"]) if d["revoked_at"]
                              else None} for d in devices])
            else:
                for d in devices:
                    state = "đã thu hồi" if d["revoked_at"] else "đang dùng"
                    print(f"{d['device_id']}\t{d['commune_code']}\t{d['name']}\t{state}")
        elif args.admin_cmd == "revoke":
            admin.revoke_device(db, args.device_id)
            print(f"Đã thu hồi máy {args.device_id}: máy này không còn đồng bộ được.")
        elif args.admin_cmd == "add-user":
            password = _read_password(args)
            made = admin.add_user(db, args.username, args.role, password, args.commune)
            print(f"Đã thêm người dùng máy chủ {made['username']} ({made['role']}).")
        elif args.admin_cmd == "set-password":
            admin.set_password(db, args.username, _read_password(args))
            print(f"Đã đặt mật khẩu mới cho {args.username.strip().lower()}; các phiên đăng nhập "
                  "cũ đã kết thúc.")
        elif args.admin_cmd == "disable-user":
            admin.disable_user(db, args.username)
            print(f"Đã khóa người dùng {args.username.strip().lower()}: không đăng nhập được "
                  "bảng điều khiển nữa.")
    finally:
        db.dispose()
    return 0


def _read_password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    if sys.stdin.isatty():
        return getpass.getpass("Mật khẩu: ")
    raise XasoError("Thiếu mật khẩu: dùng --password-stdin.")


def add_parser(sub, common) -> None:
    place = argparse.ArgumentParser(add_help=False)
    place.add_argument("--data", default=str(DEFAULT_DATA_DIR),
                       help="thư mục dữ liệu của máy chủ (mặc định ./hub-data)")
    place.add_argument("--db", default=None,
                       help="CSDL: sqlite:///… (mặc định DATA/hub.db) hoặc "
                            "postgresql+psycopg://user@host/db")

    p = sub.add_parser("hub", help="máy chủ đồng bộ (hub)")
    hub_sub = p.add_subparsers(dest="hub_cmd", required=True)

    s = hub_sub.add_parser("serve", parents=[place], help="chạy máy chủ đồng bộ")
    s.add_argument("--host", default=DEFAULT_HOST)
    s.add_argument("--port", type=int, default=DEFAULT_PORT)
    s.add_argument("--max-body", type=int, default=DEFAULT_MAX_SIZE,
                   help="kích thước tối đa của một yêu cầu (byte)")
    s.add_argument("--device-rate", type=float, default=None,
                   help="số yêu cầu mỗi phút cho một máy (mặc định 600)")
    s.add_argument("--ip-rate", type=float, default=None,
                   help="số yêu cầu mỗi phút cho một địa chỉ IP (mặc định 1200)")
    s.add_argument("--forwarded-allow-ips", default="127.0.0.1",
                   help="proxy được tin khi đọc X-Forwarded-For (mặc định 127.0.0.1)")
    s.add_argument("--root-path", default="",
                   help="tiền tố đường dẫn khi proxy cắt bỏ nó, ví dụ /xaso")
    s.set_defaults(func=cmd_serve)

    k = hub_sub.add_parser("keys", parents=[place], help="khóa công khai và mã của máy chủ")
    k.add_argument("--json", action="store_true")
    k.set_defaults(func=cmd_keys)

    b = hub_sub.add_parser("import-bundle", parents=[place], help="nhận gói USB, ghi tệp xác nhận")
    b.add_argument("file")
    b.add_argument("--ack-out", default=None, help="thư mục ghi tệp .ack (mặc định cạnh gói)")
    b.add_argument("--json", action="store_true")
    b.set_defaults(func=cmd_import_bundle)

    a = hub_sub.add_parser("admin", help="quản trị: xã, mã đăng ký, máy, người dùng")
    admin_sub = a.add_subparsers(dest="admin_cmd", required=True)
    c = admin_sub.add_parser("add-commune", parents=[place], help="đăng ký một xã")
    c.add_argument("code")
    c.add_argument("--name", default=None, help="tên xã (mặc định lấy từ danh mục 2025)")
    e = admin_sub.add_parser("enrollment-code", parents=[place], help="tạo mã đăng ký dùng một lần")
    e.add_argument("--commune", required=True)
    e.add_argument("--hours", type=float, default=72)
    e.add_argument("--json", action="store_true")
    d = admin_sub.add_parser("devices", parents=[place], help="danh sách máy đã đăng ký")
    d.add_argument("--commune", default=None)
    d.add_argument("--json", action="store_true")
    r = admin_sub.add_parser("revoke", parents=[place], help="thu hồi một máy")
    r.add_argument("device_id")
    u = admin_sub.add_parser("add-user", parents=[place], help="thêm người dùng máy chủ")
    u.add_argument("username")
    u.add_argument("--role", required=True, choices=["province", "commune"])
    u.add_argument("--commune", default=None)
    u.add_argument("--password-stdin", action="store_true")
    w = admin_sub.add_parser("set-password", parents=[place],
                             help="đặt mật khẩu mới cho người dùng máy chủ (mở lại nếu đã khóa)")
    w.add_argument("username")
    w.add_argument("--password-stdin", action="store_true")
    x = admin_sub.add_parser("disable-user", parents=[place],
                             help="khóa người dùng máy chủ (bảng điều khiển web)")
    x.add_argument("username")
    a.set_defaults(func=cmd_admin)
