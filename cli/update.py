"""Signed update notices from the command line (docs/UPDATES.md):

    python main.py update keygen --out DIR                 a release key pair (private: 0600)
    python main.py update sign MANIFEST.json --key PRIVATE --out xaso-update.json
    python main.py update check [--url URL] [--json]       is a newer signed version out?

`check` looks at `--url`, else this PC's `update_url` preference, else the enrolled hub (that
one needs the usual login: --user / XASO_USER and a password). It only reports: nothing is
downloaded or installed. A refusal (offline, bad signature, …) is one Vietnamese line, exit 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from core.errors import XasoError


def cmd_keygen(args) -> int:
    from core import updates

    key = updates.generate_release_key()
    public = key.public_key()
    kid = updates.key_id_of(public)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"xaso-release-{kid}.key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise XasoError(f"Tệp {path} đã có; không ghi đè khóa.") from exc
    with os.fdopen(fd, "wb") as f:
        f.write(updates.private_key_to_pem(key))
    os.chmod(path, 0o600)  # whatever the umask
    print(f"Khóa bí mật (giữ ngoại tuyến, không chép vào mã nguồn): {path}")
    print(f"Mã khóa: {kid}")
    print(f"Khóa công khai: {updates.public_key_text(public)}")
    print(f'Dòng cho resources/trust/updates/update_keys.json: "{kid}": '
          f'"{updates.public_key_text(public)}"')
    return 0


def cmd_sign(args) -> int:
    from core import updates

    try:
        manifest = Path(args.manifest).read_bytes()
        key = updates.private_key_from_pem(Path(args.key).read_bytes())
    except OSError as exc:
        raise XasoError(f"Không đọc được tệp: {exc.filename}") from exc
    envelope = updates.sign_manifest(manifest, key)
    parsed = updates.parse_manifest(manifest)
    Path(args.out).write_bytes(envelope)
    print(f"Đã ký bản {parsed.version} bằng khóa {updates.key_id_of(key.public_key())}: "
          f"{args.out}")
    return 0


def _source(args):
    from cli import _unlock
    from core.preferences import load_preferences
    from core.store import Store
    from sync import updates

    preference = load_preferences(Store(args.data_dir).data_dir).get("update_url")
    if args.url or preference:
        return updates.source_for(url=args.url, preference_url=preference)
    if not Store(args.data_dir).is_initialised():
        return updates.source_for()  # NoUpdateSource
    ws = _unlock(args)
    try:
        return updates.source_of_workspace(ws)
    finally:
        ws.close()


def cmd_check(args) -> int:
    from cli import _print_json
    from core import updates as core_updates
    from sync import updates

    keys = (core_updates.load_trusted_keys(Path(args.trusted_keys)) if args.trusted_keys
            else None)
    try:
        result = updates.check(_source(args), trusted_keys=keys, running=args.current)
    except core_updates.UpdateError as exc:
        if args.json:
            _print_json({"ok": False, "error": exc.code, "message": str(exc)})
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    if args.json:
        _print_json({"ok": True, **result.as_dict()})
    elif result.available:
        manifest = result.manifest
        print(f"Có phiên bản mới: {manifest.version} (phát hành {manifest.released}; đang "
              f"dùng {result.current})")
        print(manifest.changelog_for("vi"))
        print("Tải bản cài từ ứng dụng (Cài đặt → Kiểm tra cập nhật) hoặc từ quản trị viên; "
              "Xã Số không tự cài đặt.")
    else:
        print(f"Đang dùng bản mới nhất ({result.current}).")
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("update", help="thông báo cập nhật có chữ ký")
    update_sub = p.add_subparsers(dest="update_cmd", required=True)

    k = update_sub.add_parser("keygen", help="tạo cặp khóa phát hành (chỉ người phát hành)")
    k.add_argument("--out", required=True, help="thư mục ghi khóa bí mật (quyền 0600)")
    k.set_defaults(func=cmd_keygen)

    s = update_sub.add_parser("sign", help="ký tệp mô tả bản phát hành → xaso-update.json")
    s.add_argument("manifest", help="tệp JSON mô tả bản phát hành (manifest)")
    s.add_argument("--key", required=True, help="tệp khóa bí mật (PEM) từ update keygen")
    s.add_argument("--out", required=True, help="tệp ghi ra, thường là xaso-update.json")
    s.set_defaults(func=cmd_sign)

    c = update_sub.add_parser("check", parents=[common], help="kiểm tra có bản mới không")
    c.add_argument("--url", default=None,
                   help="địa chỉ xaso-update.json (mặc định: cài đặt của máy, rồi máy chủ "
                        "đồng bộ đã đăng ký)")
    c.add_argument("--json", action="store_true")
    c.add_argument("--trusted-keys", default=None,
                   help="tệp khóa tin cậy khác (thử một bản phát hành trước khi công bố)")
    c.add_argument("--current", default=None,
                   help="so với phiên bản này thay cho bản đang chạy (thử nghiệm)")
    c.set_defaults(func=cmd_check)
