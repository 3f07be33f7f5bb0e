"""`python main.py record-types [--json] [--dir DIR]`: the record types this installation knows.

Definitions are not personal data: no login needed. `--dir` checks a folder of definitions
(e.g. a new type from the province) before it is installed.
"""

from __future__ import annotations

from pathlib import Path


def cmd_record_types(args) -> int:
    from cli import _print_json
    from core.errors import XasoError
    from core.record_types import RESOURCE_DIR, DefinitionError, load_record_types

    directory = Path(args.dir) if args.dir else RESOURCE_DIR
    try:
        types = load_record_types(directory)
    except DefinitionError as exc:
        raise XasoError(f"Định nghĩa loại hồ sơ sai: {exc}") from None
    if args.json:
        _print_json([t.as_dict() for t in types.values()])
        return 0
    for t in types.values():
        legal = " (hộ tịch)" if t.legal else ""
        print(f"{t.code}\tv{t.version}\t{t.label_text('vi')}{legal}\t{t.data_domain}\t"
              f"{t.retention}\t{len(t.fields)} trường")
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("record-types", parents=[common],
                       help="các loại hồ sơ: trường, vai trò, quy tắc trùng (không cần đăng nhập)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--dir", default=None, help="thư mục định nghĩa khác (để kiểm tra)")
    p.set_defaults(func=cmd_record_types)
