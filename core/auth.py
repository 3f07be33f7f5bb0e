"""Roles and the permission matrix, enforced by every core service (not only by a UI)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.errors import PermissionDenied
from core.i18n import QT_TR_NOOP


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"  # cán bộ
    MEMBER = "member"  # thành viên tổ
    VIEWER = "viewer"  # chỉ xem


ROLE_LABELS = {
    Role.ADMIN: QT_TR_NOOP("Quản trị viên"),
    Role.OFFICER: QT_TR_NOOP("Cán bộ"),
    Role.MEMBER: QT_TR_NOOP("Thành viên tổ"),
    Role.VIEWER: QT_TR_NOOP("Chỉ xem"),
}


class Perm(StrEnum):
    PERSON_READ = "person.read"
    PERSON_WRITE = "person.write"
    PERSON_DELETE = "person.delete"
    PERSON_EXPORT = "person.export"
    FACE_VIEW = "face.view"  # chip face image: biometric, sensitive
    SENSITIVE_READ = "sensitive.read"  # ethnicity, religion, phone
    HOUSEHOLD_WRITE = "household.write"
    CARD_READ = "card.read"
    VNEID_WRITE = "vneid.write"
    RECORD_READ = "record.read"
    RECORD_WRITE = "record.write"
    RECORD_DELETE = "record.delete"
    REVIEW_RESOLVE = "review.resolve"
    USER_MANAGE = "user.manage"
    SETTINGS_MANAGE = "settings.manage"
    BACKUP_CREATE = "backup.create"
    BACKUP_RESTORE = "backup.restore"
    AUDIT_READ = "audit.read"
    SYNC_RUN = "sync.run"
    SYNC_ADMIN = "sync.admin"  # enroll this PC with a hub (its key speaks for the commune)
    REPORT_READ = "report.read"
    REPORT_EXPORT = "report.export"


PERM_LABELS = {  # "Bạn không có quyền {action}." (PermissionDenied)
    Perm.PERSON_READ: QT_TR_NOOP("xem thông tin cư dân"),
    Perm.PERSON_WRITE: QT_TR_NOOP("thêm hoặc sửa cư dân"),
    Perm.PERSON_DELETE: QT_TR_NOOP("xóa cư dân"),
    Perm.PERSON_EXPORT: QT_TR_NOOP("xuất dữ liệu cư dân"),
    Perm.FACE_VIEW: QT_TR_NOOP("xem ảnh chân dung từ chip"),
    Perm.SENSITIVE_READ: QT_TR_NOOP("xem dữ liệu nhạy cảm (dân tộc, tôn giáo, điện thoại)"),
    Perm.HOUSEHOLD_WRITE: QT_TR_NOOP("sửa hộ gia đình"),
    Perm.CARD_READ: QT_TR_NOOP("đọc thẻ căn cước"),
    Perm.VNEID_WRITE: QT_TR_NOOP("cập nhật tình trạng VNeID"),
    Perm.RECORD_READ: QT_TR_NOOP("xem hồ sơ"),
    Perm.RECORD_WRITE: QT_TR_NOOP("thêm hoặc sửa hồ sơ"),
    Perm.RECORD_DELETE: QT_TR_NOOP("xóa hồ sơ"),
    Perm.REVIEW_RESOLVE: QT_TR_NOOP("xử lý mục rà soát"),
    Perm.USER_MANAGE: QT_TR_NOOP("quản lý người dùng"),
    Perm.SETTINGS_MANAGE: QT_TR_NOOP("thay đổi cài đặt"),
    Perm.BACKUP_CREATE: QT_TR_NOOP("sao lưu dữ liệu"),
    Perm.BACKUP_RESTORE: QT_TR_NOOP("khôi phục dữ liệu"),
    Perm.AUDIT_READ: QT_TR_NOOP("xem nhật ký"),
    Perm.SYNC_RUN: QT_TR_NOOP("đồng bộ dữ liệu"),
    Perm.SYNC_ADMIN: QT_TR_NOOP("đăng ký máy này với máy chủ đồng bộ"),
    Perm.REPORT_READ: QT_TR_NOOP("xem báo cáo"),
    Perm.REPORT_EXPORT: QT_TR_NOOP("xuất báo cáo"),
}

_VIEWER = {Perm.PERSON_READ, Perm.RECORD_READ, Perm.REPORT_READ}
_MEMBER = _VIEWER | {
    Perm.PERSON_WRITE, Perm.HOUSEHOLD_WRITE, Perm.CARD_READ, Perm.VNEID_WRITE, Perm.SYNC_RUN,
}
_OFFICER = _MEMBER | {
    Perm.PERSON_DELETE, Perm.PERSON_EXPORT, Perm.FACE_VIEW, Perm.SENSITIVE_READ,
    Perm.RECORD_WRITE, Perm.RECORD_DELETE, Perm.REVIEW_RESOLVE, Perm.BACKUP_CREATE,
    Perm.AUDIT_READ, Perm.REPORT_EXPORT,
}
_ADMIN = set(Perm)

PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.VIEWER: frozenset(_VIEWER),
    Role.MEMBER: frozenset(_MEMBER),
    Role.OFFICER: frozenset(_OFFICER),
    Role.ADMIN: frozenset(_ADMIN),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: every service call carries one."""

    user_id: str | None
    username: str
    role: Role

    def can(self, perm: Perm) -> bool:
        return perm in PERMISSIONS[self.role]

    def require(self, perm: Perm) -> None:
        if not self.can(perm):
            raise PermissionDenied(PERM_LABELS[perm])


# Used by `demo` generation and migrations, never by a person.
SYSTEM = Actor(user_id=None, username="system", role=Role.ADMIN)
