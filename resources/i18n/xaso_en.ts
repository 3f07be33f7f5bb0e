<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name></name>
    <message>
        <source>Xã Số đang mở với thư mục dữ liệu này trên máy. Hãy dùng cửa sổ đang mở.</source>
        <translation>Xã Số is already open with this data folder on this computer. Use the open window.</translation>
    </message>
    <message>
        <source>Đầu đọc: đang kiểm tra…</source>
        <translation>Reader: checking…</translation>
    </message>
    <message>
        <source>Đầu đọc: dịch vụ thẻ không chạy</source>
        <translation>Reader: smart-card service not running</translation>
    </message>
    <message>
        <source>Đầu đọc: chưa cắm</source>
        <translation>Reader: not connected</translation>
    </message>
    <message>
        <source>Đầu đọc: có thẻ</source>
        <translation>Reader: card present</translation>
    </message>
    <message>
        <source>Đầu đọc: sẵn sàng</source>
        <translation>Reader: ready</translation>
    </message>
    <message>
        <source>Còn {n} lần thử trước khi tài khoản bị tạm khóa.</source>
        <translation>{n} attempt(s) left before the account is temporarily locked.</translation>
    </message>
    <message>
        <source>Mật khẩu không đúng.</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <source>Xã Số — Đăng nhập</source>
        <translation>Xã Số — Sign in</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Hãy nhập tên đăng nhập.</source>
        <translation>Enter your username.</translation>
    </message>
    <message>
        <source>Hãy nhập mật khẩu.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Đang mở khóa dữ liệu…</source>
        <translation>Unlocking data…</translation>
    </message>
    <message>
        <source>Xã Số — Đã khóa</source>
        <translation>Xã Số — Locked</translation>
    </message>
    <message>
        <source>Xã Số đã khóa do lâu không thao tác.</source>
        <translation>Xã Số was locked after a period of inactivity.</translation>
    </message>
    <message>
        <source>Người dùng: {username}. Nhập mật khẩu để tiếp tục.</source>
        <translation>User: {username}. Enter your password to continue.</translation>
    </message>
    <message>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Đổi người dùng</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>Đang kiểm tra mật khẩu…</source>
        <translation>Checking password…</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Người dùng</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Đối tượng</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>hệ thống</source>
        <translation>system</translation>
    </message>
    <message>
        <source>Lọc</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Kiểm tra chuỗi băm</source>
        <translation>Verify hash chain</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <source> (hiển thị {n} gần nhất)</source>
        <translation> (showing latest {n})</translation>
    </message>
    <message>
        <source>{n} sự kiện</source>
        <translation>Events: {n}</translation>
    </message>
    <message>
        <source>Đang kiểm tra toàn bộ nhật ký…</source>
        <translation>Verifying the entire audit log…</translation>
    </message>
    <message>
        <source>Nhật ký nguyên vẹn: {n} sự kiện, chuỗi băm khớp.</source>
        <translation>Audit log intact: {n} events, hash chain matches.</translation>
    </message>
    <message>
        <source>PHÁT HIỆN NHẬT KÝ BỊ CAN THIỆP:</source>
        <translation>AUDIT LOG TAMPERING DETECTED:</translation>
    </message>
    <message>
        <source>Gõ tên (không dấu cũng được) hoặc số định danh</source>
        <translation>Type a name (diacritics optional) or ID number</translation>
    </message>
    <message>
        <source>Quan hệ với chủ hộ</source>
        <translation>Relationship to head of household</translation>
    </message>
    <message>
        <source>Tìm hộ theo tên hoặc số định danh của một thành viên</source>
        <translation>Find a household by a member&apos;s name or ID number</translation>
    </message>
    <message>
        <source>Chủ hộ</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>Thôn</source>
        <translation>Hamlet</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Số thành viên</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Thêm thành viên…</source>
        <translation>Add member…</translation>
    </message>
    <message>
        <source>Bỏ khỏi hộ…</source>
        <translation>Remove from household…</translation>
    </message>
    <message>
        <source>Chuyển sang hộ khác…</source>
        <translation>Move to another household…</translation>
    </message>
    <message>
        <source>Sửa quan hệ…</source>
        <translation>Edit relationship…</translation>
    </message>
    <message>
        <source>Đổi chủ hộ…</source>
        <translation>Change head…</translation>
    </message>
    <message>
        <source>Tách hộ…</source>
        <translation>Split household…</translation>
    </message>
    <message>
        <source>Nhập vào hộ khác…</source>
        <translation>Merge into another household…</translation>
    </message>
    <message>
        <source>Tách hộ</source>
        <translation>Split household</translation>
    </message>
    <message>
        <source>Người tách ra</source>
        <translation>Leaving</translation>
    </message>
    <message>
        <source>Quan hệ với chủ hộ mới</source>
        <translation>Relationship to the new head</translation>
    </message>
    <message>
        <source>Ví dụ: con trai lập gia đình, ra ở riêng</source>
        <translation>E.g. son married and moved out</translation>
    </message>
    <message>
        <source>Số nhà, đường (không bắt buộc)</source>
        <translation>House number, street (optional)</translation>
    </message>
    <message>
        <source>Chủ hộ mới</source>
        <translation>New head</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Địa chỉ hộ mới</source>
        <translation>New household address</translation>
    </message>
    <message>
        <source>Hãy chọn ít nhất một người tách ra.</source>
        <translation>Tick at least one person who leaves.</translation>
    </message>
    <message>
        <source>Cần ghi lý do tách hộ.</source>
        <translation>A reason for the split is required.</translation>
    </message>
    <message>
        <source>Nhập vào hộ {name}</source>
        <translation>Merge into household of {name}</translation>
    </message>
    <message>
        <source>Thành viên</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Quan hệ với chủ hộ {name}</source>
        <translation>Relationship to {name}</translation>
    </message>
    <message>
        <source>Ví dụ: về ở chung với bố mẹ</source>
        <translation>E.g. moved back in with parents</translation>
    </message>
    <message>
        <source>Cần ghi lý do nhập hộ.</source>
        <translation>A reason for the merge is required.</translation>
    </message>
    <message>
        <source>Đổi chủ hộ</source>
        <translation>Change head of household</translation>
    </message>
    <message>
        <source>Chủ hộ cũ là … của chủ hộ mới</source>
        <translation>The old head is the new head&apos;s …</translation>
    </message>
    <message>
        <source>{n} hộ</source>
        <translation>Households: {n}</translation>
    </message>
    <message>
        <source>Không tìm thấy hộ nào.</source>
        <translation>No households found.</translation>
    </message>
    <message>
        <source>Thêm thành viên vào hộ {name}</source>
        <translation>Add member to household {name}</translation>
    </message>
    <message>
        <source>Đã thêm thành viên.</source>
        <translation>Member added.</translation>
    </message>
    <message>
        <source>Bỏ khỏi hộ</source>
        <translation>Remove from household</translation>
    </message>
    <message>
        <source>Lý do (ví dụ: chuyển đi nơi khác, đã mất):</source>
        <translation>Reason (e.g. moved away, deceased):</translation>
    </message>
    <message>
        <source>Đã bỏ khỏi hộ.</source>
        <translation>Removed from household.</translation>
    </message>
    <message>
        <source>Chuyển sang hộ khác</source>
        <translation>Move to another household</translation>
    </message>
    <message>
        <source>Đã chuyển sang hộ khác.</source>
        <translation>Moved to another household.</translation>
    </message>
    <message>
        <source>Sửa quan hệ</source>
        <translation>Edit relationship</translation>
    </message>
    <message>
        <source>Đã sửa quan hệ.</source>
        <translation>Relationship updated.</translation>
    </message>
    <message>
        <source>Đã đổi chủ hộ.</source>
        <translation>Head of household changed.</translation>
    </message>
    <message>
        <source>Tách {n} người thành hộ mới do {name} làm chủ hộ?</source>
        <translation>Split {n} people into a new household headed by {name}?</translation>
    </message>
    <message>
        <source>Đã tách hộ.</source>
        <translation>Household split.</translation>
    </message>
    <message>
        <source>Nhập vào hộ</source>
        <translation>Merge into household</translation>
    </message>
    <message>
        <source>Nhập cả {n} người của hộ {source} vào hộ {target}? Hộ {source} sẽ được đóng.</source>
        <translation>Merge all {n} people of {source}&apos;s household into {target}&apos;s? {source}&apos;s household will be closed.</translation>
    </message>
    <message>
        <source>Đã nhập hộ.</source>
        <translation>Households merged.</translation>
    </message>
    <message>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Cư dân</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>Hộ gia đình</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>Thôn, tổ dân phố</source>
        <translation>Hamlets, residential groups</translation>
    </message>
    <message>
        <source>Thay đổi chưa đồng bộ</source>
        <translation>Unsynced changes</translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Mọi độ tuổi</source>
        <translation>All ages</translation>
    </message>
    <message>
        <source>Dưới 6 tuổi</source>
        <translation>Under 6</translation>
    </message>
    <message>
        <source>6–13 tuổi</source>
        <translation>6–13</translation>
    </message>
    <message>
        <source>14–17 tuổi</source>
        <translation>14–17</translation>
    </message>
    <message>
        <source>18–59 tuổi</source>
        <translation>18–59</translation>
    </message>
    <message>
        <source>Từ 60 tuổi</source>
        <translation>60 and over</translation>
    </message>
    <message>
        <source>Mọi thôn</source>
        <translation>All hamlets</translation>
    </message>
    <message>
        <source>Nam và nữ</source>
        <translation>Male and female</translation>
    </message>
    <message>
        <source>Mọi trạng thái VNeID</source>
        <translation>All VNeID statuses</translation>
    </message>
    <message>
        <source>Có hoặc chưa có số định danh</source>
        <translation>With or without ID number</translation>
    </message>
    <message>
        <source>Có số định danh</source>
        <translation>Has ID number</translation>
    </message>
    <message>
        <source>Chưa có số định danh</source>
        <translation>No ID number</translation>
    </message>
    <message>
        <source>Tìm theo họ tên (gõ không dấu cũng được), số định danh, CMND, điện thoại…  (Ctrl+F)</source>
        <translation>Search by name (diacritics optional), ID number, CMND, phone…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Thêm cư dân (Ctrl+N)</source>
        <translation>Add resident (Ctrl+N)</translation>
    </message>
    <message>
        <source> (hiển thị {n} đầu tiên; gõ thêm để thu hẹp)</source>
        <translation> (showing first {n}; type more to narrow down)</translation>
    </message>
    <message>
        <source>{n} kết quả</source>
        <translation>Results: {n}</translation>
    </message>
    <message>
        <source>{n} cư dân</source>
        <translation>Residents: {n}</translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Thêm người dùng</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>Họ tên hiển thị</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>Cần nhập tên đăng nhập.</source>
        <translation>Username is required.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The passwords do not match.</translation>
    </message>
    <message>
        <source>Họ tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Thêm…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Vô hiệu hóa</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>đã vô hiệu hóa</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>đang dùng</source>
        <translation>active</translation>
    </message>
    <message>
        <source>Đã thêm người dùng {u}.</source>
        <translation>User {u} added.</translation>
    </message>
    <message>
        <source>Đã vô hiệu hóa {u}.</source>
        <translation>{u} disabled.</translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu cho {u}.</source>
        <translation>Password reset for {u}.</translation>
    </message>
    <message>
        <source>Sao lưu</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Sao lưu ra thư mục (USB)…</source>
        <translation>Back up to folder (USB)…</translation>
    </message>
    <message>
        <source>Khôi phục…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>Đang sao lưu…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Đã sao lưu: {files}</source>
        <translation>Backed up: {files}</translation>
    </message>
    <message>
        <source>Chọn thư mục (ví dụ ổ USB)</source>
        <translation>Choose a folder (e.g. a USB drive)</translation>
    </message>
    <message>
        <source>Đang sao lưu ra thư mục…</source>
        <translation>Backing up to folder…</translation>
    </message>
    <message>
        <source>Đã ghi bản sao lưu vào {path}. Bản sao được mã hóa; cần mật khẩu hoặc khóa khôi phục để mở.</source>
        <translation>Backup written to {path}. It is encrypted; a password or the recovery key is needed to open it.</translation>
    </message>
    <message>
        <source>Chọn bản sao lưu</source>
        <translation>Choose a backup</translation>
    </message>
    <message>
        <source>Khôi phục</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Dữ liệu hiện tại sẽ được thay bằng bản sao lưu (một bản an toàn của dữ liệu hiện tại được giữ lại). Tiếp tục?</source>
        <translation>Current data will be replaced by the backup (a safety copy of the current data is kept). Continue?</translation>
    </message>
    <message>
        <source>Đang khôi phục…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>Đã khôi phục. Bản an toàn của dữ liệu trước đó: {name}</source>
        <translation>Restored. Safety copy of the previous data: {name}</translation>
    </message>
    <message>
        <source>Thông tin</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Thư mục dữ liệu</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Phiên bản</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Mã hóa</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <source>SQLCipher, khóa 256 bit; mỗi người dùng một khóa bọc riêng</source>
        <translation>SQLCipher, 256-bit key; a separate wrapping key per user</translation>
    </message>
    <message>
        <source>Đang thực hiện…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Họ và tên *</source>
        <translation>Full name *</translation>
    </message>
    <message>
        <source>Ví dụ: Nguyễn Thị Hoà</source>
        <translation>e.g. Nguyễn Thị Hoà</translation>
    </message>
    <message>
        <source>Số định danh (12 số)</source>
        <translation>ID number (12 digits)</translation>
    </message>
    <message>
        <source>Số CMND cũ</source>
        <translation>Old ID card number (CMND)</translation>
    </message>
    <message>
        <source>dd/mm/yyyy, mm/yyyy hoặc yyyy</source>
        <translation>dd/mm/yyyy, mm/yyyy or yyyy</translation>
    </message>
    <message>
        <source>Quốc tịch</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <source>Việt Nam</source>
        <translation>Vietnam</translation>
    </message>
    <message>
        <source>Dân tộc</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>Tôn giáo</source>
        <translation>Religion</translation>
    </message>
    <message>
        <source>Quê quán</source>
        <translation>Place of origin</translation>
    </message>
    <message>
        <source>Nơi đăng ký khai sinh</source>
        <translation>Place of birth registration</translation>
    </message>
    <message>
        <source>nhập tay</source>
        <translation>manual entry</translation>
    </message>
    <message>
        <source>đọc từ chip</source>
        <translation>read from chip</translation>
    </message>
    <message>
        <source>mã QR</source>
        <translation>QR code</translation>
    </message>
    <message>
        <source>giấy tờ</source>
        <translation>documents</translation>
    </message>
    <message>
        <source>người dân khai</source>
        <translation>self-declared</translation>
    </message>
    <message>
        <source>nhập từ Excel</source>
        <translation>Excel import</translation>
    </message>
    <message>
        <source>Tạo</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Sửa</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Xem</source>
        <translation>View</translation>
    </message>
    <message>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Hộ: {head} — {relationship} — {hamlet}</source>
        <translation>Household: {head} — {relationship} — {hamlet}</translation>
    </message>
    <message>
        <source>Hộ: chưa thuộc hộ nào</source>
        <translation>Household: none</translation>
    </message>
    <message>
        <source>VNeID: {state} (mức {level})</source>
        <translation>VNeID: {state} (level {level})</translation>
    </message>
    <message>
        <source> — vướng: {reason}</source>
        <translation> — blocked: {reason}</translation>
    </message>
    <message>
        <source>VNeID: chưa có thông tin</source>
        <translation>VNeID: no information</translation>
    </message>
    <message>
        <source>Hồ sơ:</source>
        <translation>Records:</translation>
    </message>
    <message>
        <source>Hồ sơ: chưa có</source>
        <translation>Records: none</translation>
    </message>
    <message>
        <source>Sửa thông tin cư dân</source>
        <translation>Edit resident</translation>
    </message>
    <message>
        <source>Thêm cư dân</source>
        <translation>Add resident</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Xóa…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>Lịch sử (từ nhật ký; không lưu giá trị)</source>
        <translation>History (from the audit log; values not stored)</translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Nguồn: {source}, {at}</source>
        <translation>Source: {source}, {at}</translation>
    </message>
    <message>
        <source>Cần nhập họ và tên.</source>
        <translation>Full name is required.</translation>
    </message>
    <message>
        <source>Có thể trùng</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <source>Đã có {n} cư dân giống người này:
{lines}

Vẫn thêm người mới?</source>
        <translation>Found {n} existing resident(s) similar to this person:
{lines}

Add the new person anyway?</translation>
    </message>
    <message>
        <source>Chưa lưu: hãy kiểm tra người đã có.</source>
        <translation>Not saved: check the existing person.</translation>
    </message>
    <message>
        <source>Đã lưu, cần xem lại</source>
        <translation>Saved, needs review</translation>
    </message>
    <message>
        <source>Xóa cư dân</source>
        <translation>Delete resident</translation>
    </message>
    <message>
        <source>Lý do xóa (ví dụ: nhập trùng, chuyển đi nơi khác). Bản ghi được giữ lại trong nhật ký và có thể khôi phục:</source>
        <translation>Reason for deletion (e.g. duplicate entry, moved away). The record is kept in the audit log and can be restored:</translation>
    </message>
    <message>
        <source>Đang xóa…</source>
        <translation>Deleting…</translation>
    </message>
    <message>
        <source>Không tìm thấy đơn vị nào. Hãy gõ ít chữ hơn hoặc gõ không dấu.</source>
        <translation>No units found. Type fewer letters or type without diacritics.</translation>
    </message>
    <message>
        <source>{n} đơn vị</source>
        <translation>{n} units</translation>
    </message>
    <message>
        <source>Chọn tỉnh, thành phố</source>
        <translation>Choose province or city</translation>
    </message>
    <message>
        <source>Theo danh mục đơn vị hành chính năm 2025 (34 tỉnh, thành phố). Gõ tên, có dấu hay không dấu đều được, ví dụ: thanh hoa.</source>
        <translation>Based on the 2025 list of administrative units (34 provinces and cities). Type the name, with or without diacritics, e.g. thanh hoa.</translation>
    </message>
    <message>
        <source>Tìm tỉnh, thành phố…</source>
        <translation>Search provinces, cities…</translation>
    </message>
    <message>
        <source>Đang tải danh mục đơn vị hành chính…</source>
        <translation>Loading administrative units…</translation>
    </message>
    <message>
        <source>Chọn xã, phường, đặc khu</source>
        <translation>Choose commune, ward or special zone</translation>
    </message>
    <message>
        <source>Tìm xã, phường…</source>
        <translation>Search communes, wards…</translation>
    </message>
    <message>
        <source>Các xã, phường, đặc khu của {province} (mã năm 2025). Gõ tên không dấu để tìm, ví dụ: quang ngoc.</source>
        <translation>Communes, wards and special zones of {province} (2025 codes). Type the name without diacritics to search, e.g. quang ngoc.</translation>
    </message>
    <message>
        <source>Tên thôn/tổ dân phố, ví dụ: Thôn Đông, Tổ dân phố 3</source>
        <translation>Hamlet/residential group name, e.g. Thôn Đông, Tổ dân phố 3</translation>
    </message>
    <message>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>{name} (ngừng dùng)</source>
        <translation>{name} (retired)</translation>
    </message>
    <message>
        <source>Đã thêm thôn/tổ dân phố.</source>
        <translation>Hamlet added.</translation>
    </message>
    <message>
        <source>Đổi tên</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>Lên</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Chung</source>
        <translation>General</translation>
    </message>
    <message>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lưu cài đặt</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Tự khóa màn hình sau</source>
        <translation>Lock the screen after</translation>
    </message>
    <message>
        <source>Máy chủ đồng bộ</source>
        <translation>Sync server</translation>
    </message>
    <message>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>Thôn / tổ dân phố</source>
        <translation>Hamlets / residential groups</translation>
    </message>
    <message>
        <source>Tên thôn/tổ dân phố mới, Enter để thêm</source>
        <translation>New hamlet name, Enter to add</translation>
    </message>
    <message>
        <source>Đổi tên…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>Ngừng dùng / dùng lại</source>
        <translation>Retire / restore</translation>
    </message>
    <message>
        <source>Xuống</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>Tên mới</source>
        <translation>New name</translation>
    </message>
    <message>
        <source>Đã đổi tên.</source>
        <translation>Renamed.</translation>
    </message>
    <message>
        <source>Đã dùng lại.</source>
        <translation>Restored.</translation>
    </message>
    <message>
        <source>Đã ngừng dùng; người đang ở thôn này vẫn giữ nguyên địa chỉ.</source>
        <translation>Retired; people living there keep their address.</translation>
    </message>
    <message>
        <source>Đã đổi thứ tự.</source>
        <translation>Order changed.</translation>
    </message>
    <message>
        <source>Nhập các thôn, tổ dân phố của {commune} theo thứ tự thường dùng, ít nhất một; nhấn Enter để thêm từng tên. Có thể sửa sau trong Cài đặt.</source>
        <translation>Enter the hamlets and residential groups of {commune} in the usual order, at least one; press Enter to add each name. You can edit them later in Settings.</translation>
    </message>
    <message>
        <source>Hãy nhập tên thôn/tổ dân phố.</source>
        <translation>Enter a hamlet/residential group name.</translation>
    </message>
    <message>
        <source>Đã có “{name}” trong danh sách.</source>
        <translation>“{name}” is already in the list.</translation>
    </message>
    <message>
        <source>Tên thôn/tổ dân phố không được để trống.</source>
        <translation>Hamlet/residential group name cannot be empty.</translation>
    </message>
    <message>
        <source>Cần ít nhất một thôn hoặc tổ dân phố.</source>
        <translation>At least one hamlet or residential group is required.</translation>
    </message>
    <message>
        <source>Tài khoản quản trị</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <source>Người quản trị thêm người dùng, đặt lại mật khẩu và cấu hình Xã Số. Mật khẩu mở khóa dữ liệu: không ai khôi phục được nếu quên, trừ khi có khóa khôi phục.</source>
        <translation>The administrator adds users, resets passwords and configures Xã Số. The password unlocks the data: no one can recover it if forgotten, unless you have the recovery key.</translation>
    </message>
    <message>
        <source>Tạo dữ liệu</source>
        <translation>Create data</translation>
    </message>
    <message>
        <source>ví dụ: nguyenvana</source>
        <translation>e.g. nguyenvana</translation>
    </message>
    <message>
        <source>ví dụ: Nguyễn Văn A</source>
        <translation>e.g. Nguyễn Văn A</translation>
    </message>
    <message>
        <source>ít nhất {n} ký tự</source>
        <translation>at least {n} characters</translation>
    </message>
    <message>
        <source>Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, dài 2–32 ký tự (ví dụ: nguyenvana).</source>
        <translation>Usernames may contain only lowercase letters without diacritics, digits, dots, hyphens or underscores, 2–32 characters long (e.g. nguyenvana).</translation>
    </message>
    <message>
        <source>Hãy nhập họ và tên người quản trị.</source>
        <translation>Enter the administrator&apos;s full name.</translation>
    </message>
    <message>
        <source>Mật khẩu phải có ít nhất {n} ký tự.</source>
        <translation>Password must be at least {n} characters.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp. Hãy nhập lại mật khẩu lần hai.</source>
        <translation>The passwords do not match. Re-enter the second password.</translation>
    </message>
    <message>
        <source>Đang tạo dữ liệu được mã hóa cho xã…</source>
        <translation>Creating encrypted data for the commune…</translation>
    </message>
    <message>
        <source>Chưa tạo được dữ liệu: {error}</source>
        <translation>Could not create data: {error}</translation>
    </message>
    <message>
        <source>XÃ SỐ — KHÓA KHÔI PHỤC DỮ LIỆU</source>
        <translation>XÃ SỐ — DATA RECOVERY KEY</translation>
    </message>
    <message>
        <source>Đơn vị: {commune}</source>
        <translation>Unit: {commune}</translation>
    </message>
    <message>
        <source>Ngày tạo: {date}</source>
        <translation>Created: {date}</translation>
    </message>
    <message>
        <source>Khóa này mở được toàn bộ dữ liệu của xã khi quên mật khẩu quản trị.</source>
        <translation>This key opens all of the commune&apos;s data if the administrator password is forgotten.</translation>
    </message>
    <message>
        <source>Hãy in ra hoặc chép vào USB, cất ở nơi an toàn (tủ có khóa), rồi xóa tệp này khỏi máy tính.</source>
        <translation>Print it or copy it to a USB drive, keep it somewhere safe (a locked cabinet), then delete this file from the computer.</translation>
    </message>
    <message>
        <source>Không gửi khóa qua Zalo, thư điện tử hay mạng xã hội: ai có khóa đều đọc được dữ liệu.</source>
        <translation>Do not send the key via Zalo, email or social media: anyone with the key can read the data.</translation>
    </message>
    <message>
        <source>Khóa khôi phục</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>Khóa này chỉ hiện một lần. Nếu quên mật khẩu quản trị, chỉ khóa này mở lại được dữ liệu. Hãy lưu hoặc chép lại ngay.</source>
        <translation>This key is shown only once. If the administrator password is forgotten, only this key can reopen the data. Save or copy it now.</translation>
    </message>
    <message>
        <source>Lưu ra tệp…</source>
        <translation>Save to file…</translation>
    </message>
    <message>
        <source>Sao chép</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Tôi đã cất giữ khóa khôi phục ở nơi an toàn</source>
        <translation>I have stored the recovery key in a safe place</translation>
    </message>
    <message>
        <source>Đã tạo dữ liệu nhưng chưa lưu được danh sách thôn/tổ dân phố ({error}). Hãy nhập lại trong Cài đặt.</source>
        <translation>Data created, but the hamlet/residential group list could not be saved ({error}). Enter it again in Settings.</translation>
    </message>
    <message>
        <source>Lưu khóa khôi phục</source>
        <translation>Save recovery key</translation>
    </message>
    <message>
        <source>Tệp văn bản (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <source>Không lưu được tệp ({error}). Hãy chọn thư mục khác, ví dụ ổ USB.</source>
        <translation>Could not save the file ({error}). Choose another folder, e.g. a USB drive.</translation>
    </message>
    <message>
        <source>Đã lưu vào {path}. Hãy chép sang USB hoặc in ra, cất nơi an toàn, rồi xóa tệp khỏi máy.</source>
        <translation>Saved to {path}. Copy it to a USB drive or print it, keep it safe, then delete the file from the computer.</translation>
    </message>
    <message>
        <source>Đã sao chép khóa. Hãy dán vào nơi an toàn ngay.</source>
        <translation>Key copied. Paste it somewhere safe now.</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://, ví dụ: https://dongbo.thanhhoa.gov.vn. Có thể để trống và nhập sau.</source>
        <translation>The server address must start with http:// or https://, e.g. https://dongbo.thanhhoa.gov.vn. You can leave it empty and enter it later.</translation>
    </message>
    <message>
        <source>Máy chủ đồng bộ (không bắt buộc)</source>
        <translation>Sync server (optional)</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ cấp trên để đồng bộ dữ liệu. Để trống nếu chưa có; có thể nhập sau trong Cài đặt → Đồng bộ.</source>
        <translation>Address of the upstream server for data sync. Leave empty if you don&apos;t have one yet; you can enter it later in Settings → Sync.</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Xã Số — Thiết lập lần đầu</source>
        <translation>Xã Số — First-time setup</translation>
    </message>
    <message>
        <source>&lt; Quay lại</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>Tiếp &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>Hoàn tất</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Trợ giúp</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Tổng quan</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Đọc thẻ</source>
        <translation>Read card</translation>
    </message>
    <message>
        <source>Đặt thẻ căn cước gắn chip lên đầu đọc để tra cứu cư dân. Trang này sẽ có trong bản tiếp theo; hiện có thể đọc thẻ bằng lệnh: python main.py card read --id-number …</source>
        <translation>Place a chip ID card on the reader to look up a resident. This page is coming in the next version; for now, cards can be read with the command: python main.py card read --id-number …</translation>
    </message>
    <message>
        <source>VNeID</source>
        <translation>VNeID</translation>
    </message>
    <message>
        <source>Theo dõi hành trình tài khoản định danh điện tử mức 2 của từng cư dân. Chưa có ở bản này; số liệu VNeID hiện có ở trang Tổng quan.</source>
        <translation>Track each resident&apos;s progress towards a level-2 e-ID account. Not available in this version; VNeID figures are on the Overview page.</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Hồ sơ hộ tịch, an sinh, lao động, lưu trú… sẽ được số hóa ở đây. Chưa có hồ sơ nào.</source>
        <translation>Civil status, welfare, labour, temporary stay records… will be digitised here. No records yet.</translation>
    </message>
    <message>
        <source>Rà soát</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Các việc cần rà soát (trùng lặp, sai lệch với thẻ) sẽ hiện ở đây. Chưa có việc nào.</source>
        <translation>Items to review (duplicates, mismatches with cards) will appear here. Nothing to review yet.</translation>
    </message>
    <message>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Chưa cấu hình máy chủ đồng bộ cấp trên. Mọi thay đổi được giữ an toàn trên máy này cho đến khi đồng bộ.</source>
        <translation>No upstream sync server configured. All changes are kept safely on this computer until synced.</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Báo cáo tuần/tháng sẽ được lập từ dữ liệu của xã ở đây.</source>
        <translation>Weekly/monthly reports will be produced here from the commune&apos;s data.</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Nhật ký</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Tài khoản này không có quyền xem nhật ký.</source>
        <translation>This account is not allowed to view the audit log.</translation>
    </message>
    <message>
        <source>Người dùng: {user} ({role})</source>
        <translation>User: {user} ({role})</translation>
    </message>
    <message>
        <source>Đầu đọc: —</source>
        <translation>Reader: —</translation>
    </message>
    <message>
        <source>Đồng bộ: chưa cấu hình</source>
        <translation>Sync: not configured</translation>
    </message>
    <message>
        <source>Chưa đồng bộ: {n}</source>
        <translation>Unsynced: {n}</translation>
    </message>
    <message>
        <source>Quản trị viên</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Thành viên tổ</source>
        <translation>Team member</translation>
    </message>
    <message>
        <source>Chỉ xem</source>
        <translation>View only</translation>
    </message>
    <message>
        <source>chủ hộ</source>
        <translation>head of household</translation>
    </message>
    <message>
        <source>vợ</source>
        <translation>wife</translation>
    </message>
    <message>
        <source>chồng</source>
        <translation>husband</translation>
    </message>
    <message>
        <source>con</source>
        <translation>child</translation>
    </message>
    <message>
        <source>bố</source>
        <translation>father</translation>
    </message>
    <message>
        <source>mẹ</source>
        <translation>mother</translation>
    </message>
    <message>
        <source>ông</source>
        <translation>grandfather</translation>
    </message>
    <message>
        <source>bà</source>
        <translation>grandmother</translation>
    </message>
    <message>
        <source>cháu</source>
        <translation>grandchild</translation>
    </message>
    <message>
        <source>anh</source>
        <translation>older brother</translation>
    </message>
    <message>
        <source>chị</source>
        <translation>older sister</translation>
    </message>
    <message>
        <source>em</source>
        <translation>younger sibling</translation>
    </message>
    <message>
        <source>con dâu</source>
        <translation>daughter-in-law</translation>
    </message>
    <message>
        <source>con rể</source>
        <translation>son-in-law</translation>
    </message>
    <message>
        <source>người ở nhờ</source>
        <translation>lodger</translation>
    </message>
    <message>
        <source>khác</source>
        <translation>other</translation>
    </message>
    <message>
        <source>Chưa đủ điều kiện</source>
        <translation>Not eligible</translation>
    </message>
    <message>
        <source>Chưa có tài khoản</source>
        <translation>No account</translation>
    </message>
    <message>
        <source>Mức 1</source>
        <translation>Level 1</translation>
    </message>
    <message>
        <source>Đã chuẩn bị hồ sơ</source>
        <translation>Application prepared</translation>
    </message>
    <message>
        <source>Đã nộp mức 2</source>
        <translation>Level 2 submitted</translation>
    </message>
    <message>
        <source>Đã cấp mức 2</source>
        <translation>Level 2 issued</translation>
    </message>
    <message>
        <source>Đã kích hoạt</source>
        <translation>Activated</translation>
    </message>
    <message>
        <source>SIM không chính chủ</source>
        <translation>SIM not in own name</translation>
    </message>
    <message>
        <source>Không nhận được OTP</source>
        <translation>OTP not received</translation>
    </message>
    <message>
        <source>Đổi sang điện thoại mới</source>
        <translation>Changed to a new phone</translation>
    </message>
    <message>
        <source>Đã cấp nhưng chưa kích hoạt</source>
        <translation>Issued but not activated</translation>
    </message>
    <message>
        <source>Thông tin không khớp</source>
        <translation>Data mismatch</translation>
    </message>
    <message>
        <source>Thẻ hết hạn hoặc còn dùng CMND</source>
        <translation>Card expired or still on old CMND</translation>
    </message>
    <message>
        <source>Không có điện thoại thông minh</source>
        <translation>No smartphone</translation>
    </message>
    <message>
        <source>Quên mật khẩu</source>
        <translation>Forgot password</translation>
    </message>
    <message>
        <source>Xác thực khuôn mặt không thành công</source>
        <translation>Face verification failed</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi: {error}</source>
        <translation>Unexpected error: {error}</translation>
    </message>
    <message>
        <source>Dữ liệu chưa hợp lệ: {errors}</source>
        <translation>Invalid data: {errors}</translation>
    </message>
    <message>
        <source>Cần nhập tên thôn/tổ dân phố.</source>
        <translation>Enter the hamlet name.</translation>
    </message>
    <message>
        <source>Đã có thôn/tổ dân phố tên này.</source>
        <translation>A hamlet with this name already exists.</translation>
    </message>
    <message>
        <source>Chọn quan hệ với chủ hộ trong danh sách.</source>
        <translation>Choose the relationship to the head from the list.</translation>
    </message>
    <message>
        <source>Người này không thuộc hộ nào.</source>
        <translation>This person is not in any household.</translation>
    </message>
    <message>
        <source>Đây là chủ hộ; hãy đổi chủ hộ trước.</source>
        <translation>This is the head of household; change the head first.</translation>
    </message>
    <message>
        <source>Chủ hộ mới phải là thành viên của hộ.</source>
        <translation>The new head must be a member of the household.</translation>
    </message>
    <message>
        <source>Người này đã là chủ hộ.</source>
        <translation>This person is already the head.</translation>
    </message>
    <message>
        <source>Mỗi người chỉ chọn một lần.</source>
        <translation>Choose each person only once.</translation>
    </message>
    <message>
        <source>Chỉ tách được người đang ở trong hộ.</source>
        <translation>Only current members can be split off.</translation>
    </message>
    <message>
        <source>Chủ hộ hiện tại ở lại hộ cũ; muốn chủ hộ đi, hãy đổi chủ hộ trước.</source>
        <translation>The current head stays in the old household; to let the head leave, change the head first.</translation>
    </message>
    <message>
        <source>Hãy chọn một hộ khác để nhập vào.</source>
        <translation>Choose another household to merge into.</translation>
    </message>
    <message>
        <source>Cần chọn quan hệ với chủ hộ mới cho mọi thành viên.</source>
        <translation>Choose every member&apos;s relationship to the new head.</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Đã dừng theo yêu cầu; dữ liệu không thay đổi.</source>
        <translation>Stopped as asked; nothing was changed.</translation>
    </message>
</context>
</TS>
