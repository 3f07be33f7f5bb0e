<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name></name>
    <message>
        <source>Chưa sao lưu tự động được hôm nay: {reason}</source>
        <translation>Today&apos;s automatic backup could not be made: {reason}</translation>
    </message>
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
        <source>Tạo đợt thu nhận</source>
        <translation>Create collection session</translation>
    </message>
    <message>
        <source>Ví dụ: Nhà văn hóa thôn Đông</source>
        <translation>E.g. Thôn Đông community hall</translation>
    </message>
    <message>
        <source>Cả xã</source>
        <translation>Whole commune</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Địa điểm</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Khớp theo mã hệ thống</source>
        <translation>Matched by system ID</translation>
    </message>
    <message>
        <source>(trống)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Trong tệp</source>
        <translation>In the file</translation>
    </message>
    <message>
        <source>Sau khi kiểm tra</source>
        <translation>After checking</translation>
    </message>
    <message>
        <source>Thay đổi</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>Lý do cần rà soát</source>
        <translation>Why it needs review</translation>
    </message>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Chọn loại dữ liệu cần nhập và tệp bảng tính (.xlsx, .xlsm, .xls, .ods). Các dòng tiêu đề phía trên bảng được tự động bỏ qua.</source>
        <translation>Choose what to import and the spreadsheet file (.xlsx, .xlsm, .xls, .ods). Title rows above the table are skipped automatically.</translation>
    </message>
    <message>
        <source>Đường dẫn tệp bảng tính</source>
        <translation>Path of the spreadsheet file</translation>
    </message>
    <message>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Loại dữ liệu</source>
        <translation>Data type</translation>
    </message>
    <message>
        <source>Trang tính</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Chọn tệp bảng tính</source>
        <translation>Choose a spreadsheet file</translation>
    </message>
    <message>
        <source>Bảng tính ({patterns})</source>
        <translation>Spreadsheets ({patterns})</translation>
    </message>
    <message>
        <source>Phiên bản này chưa nhập được “{what}” từ Excel.</source>
        <translation>This version cannot import “{what}” from Excel yet.</translation>
    </message>
    <message>
        <source>Đang đọc tệp…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>Trang “{sheet}”: dòng tiêu đề {row}, {n} dòng dữ liệu.</source>
        <translation>Sheet “{sheet}”: header on row {row}, {n} data rows.</translation>
    </message>
    <message>
        <source>Ghép cột</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>Mỗi cột của tệp được ghép với một trường dữ liệu hoặc bỏ qua. Xã Số đã gợi ý theo tên cột; hãy kiểm tra lại. Trường có dấu * là bắt buộc.</source>
        <translation>Each column of the file fills one field or is skipped. Xã Số suggested fields from the column names; please check them. Fields marked * are required.</translation>
    </message>
    <message>
        <source>Lưu cách ghép cột…</source>
        <translation>Save column mapping…</translation>
    </message>
    <message>
        <source>Tiêu đề cột</source>
        <translation>Column header</translation>
    </message>
    <message>
        <source>Mẫu {n}</source>
        <translation>Sample {n}</translation>
    </message>
    <message>
        <source>Ghép với trường</source>
        <translation>Fills field</translation>
    </message>
    <message>
        <source>Chuyển chữ TCVN3/VNI sang Unicode</source>
        <translation>Convert TCVN3/VNI text to Unicode</translation>
    </message>
    <message>
        <source>Cách ghép cột đã lưu</source>
        <translation>Saved column mapping</translation>
    </message>
    <message>
        <source>Tệp “{file}”, trang “{sheet}” — Dòng tiêu đề: {row}</source>
        <translation>File “{file}”, sheet “{sheet}” — Header row: {row}</translation>
    </message>
    <message>
        <source>Chữ trong tệp có vẻ gõ bằng bảng mã cũ ({code}).</source>
        <translation>The text in this file seems typed in an old encoding ({code}).</translation>
    </message>
    <message>
        <source>(không có tiêu đề)</source>
        <translation>(no header)</translation>
    </message>
    <message>
        <source>— bỏ qua —</source>
        <translation>— skip —</translation>
    </message>
    <message>
        <source>Hãy ghép ít nhất một cột.</source>
        <translation>Map at least one column.</translation>
    </message>
    <message>
        <source>Gợi ý theo tên cột</source>
        <translation>Suggested from column names</translation>
    </message>
    <message>
        <source>Lưu cách ghép cột</source>
        <translation>Save column mapping</translation>
    </message>
    <message>
        <source>Tên cách ghép cột (ví dụ: Danh sách của công an xã):</source>
        <translation>Name of the mapping (for example: Commune police list):</translation>
    </message>
    <message>
        <source>Đã lưu cách ghép cột “{name}”.</source>
        <translation>Column mapping “{name}” saved.</translation>
    </message>
    <message>
        <source>Dòng</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Đối chiếu</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>Thay đổi hoặc lỗi</source>
        <translation>Changes or errors</translation>
    </message>
    <message>
        <source>Dòng {n}</source>
        <translation>Row {n}</translation>
    </message>
    <message>
        <source>Xem trước</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Chưa có gì được ghi. Xem kết quả từng dòng; nhấn đúp hoặc Enter vào một dòng để xem chi tiết.</source>
        <translation>Nothing has been written yet. Check the result of each row; double-click a row or press Enter for its details.</translation>
    </message>
    <message>
        <source>Lưu báo cáo lỗi…</source>
        <translation>Save error report…</translation>
    </message>
    <message>
        <source>Kiểm tra lại</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>Hiện</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Đang kiểm tra các dòng…</source>
        <translation>Checking the rows…</translation>
    </message>
    <message>
        <source>Đang kiểm tra và đối chiếu {n} dòng…</source>
        <translation>Checking and matching {n} rows…</translation>
    </message>
    <message>
        <source>Không có dòng dữ liệu nào để nhập.</source>
        <translation>There are no data rows to import.</translation>
    </message>
    <message>
        <source>Dòng nào cũng có lỗi: hãy lưu báo cáo lỗi, sửa tệp rồi nhập lại.</source>
        <translation>Every row has errors: save the error report, fix the file and import it again.</translation>
    </message>
    <message>
        <source>{n} dòng có lỗi. Có thể lưu báo cáo lỗi để sửa, hoặc ở bước sau chỉ nhập các dòng hợp lệ.</source>
        <translation>{n} rows have errors. Save the error report to fix them, or import only the valid rows in the next step.</translation>
    </message>
    <message>
        <source>Không có dòng lỗi.</source>
        <translation>No rows with errors.</translation>
    </message>
    <message>
        <source>Tất cả ({n})</source>
        <translation>All ({n})</translation>
    </message>
    <message>
        <source>Lưu báo cáo lỗi</source>
        <translation>Save error report</translation>
    </message>
    <message>
        <source>Bảng tính Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Đang lưu báo cáo lỗi…</source>
        <translation>Saving the error report…</translation>
    </message>
    <message>
        <source>Đã lưu {n} dòng lỗi vào “{path}”. Sửa ngay trong tệp đó rồi nhập lại tệp đó.</source>
        <translation>Saved {n} rows with errors to “{path}”. Fix them in that file, then import that file.</translation>
    </message>
    <message>
        <source>Chưa lưu được báo cáo lỗi: {error}</source>
        <translation>Could not save the error report: {error}</translation>
    </message>
    <message>
        <source>Nhập</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Các dòng được ghi trong một lần: dừng giữa chừng thì không dòng nào được ghi.</source>
        <translation>The rows are written all at once: stopping halfway writes no row at all.</translation>
    </message>
    <message>
        <source>Nhập tất cả (chỉ khi không còn lỗi)</source>
        <translation>Import everything (only when no errors remain)</translation>
    </message>
    <message>
        <source>Chỉ nhập các dòng hợp lệ</source>
        <translation>Import only the valid rows</translation>
    </message>
    <message>
        <source>Sẽ thêm mới {new} dòng, cập nhật {update}, giữ nguyên {unchanged}, đưa {review} dòng vào Rà soát.</source>
        <translation>Will add {new} rows, update {update}, leave {unchanged} unchanged and send {review} rows to Review.</translation>
    </message>
    <message>
        <source>{n} dòng lỗi sẽ không được nhập.</source>
        <translation>{n} rows with errors will not be imported.</translation>
    </message>
    <message>
        <source>Đang nhập {n} dòng…</source>
        <translation>Importing {n} rows…</translation>
    </message>
    <message>
        <source>Chưa nhập gì: {reason}</source>
        <translation>Nothing imported: {reason}</translation>
    </message>
    <message>
        <source>Đã nhập xong</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>Dữ liệu đã được ghi và có ngay trong danh sách.</source>
        <translation>The data has been written and is in the list now.</translation>
    </message>
    <message>
        <source>Thêm mới: {n}</source>
        <translation>Added: {n}</translation>
    </message>
    <message>
        <source>Cập nhật: {n}</source>
        <translation>Updated: {n}</translation>
    </message>
    <message>
        <source>Không đổi: {n}</source>
        <translation>Unchanged: {n}</translation>
    </message>
    <message>
        <source>Cần rà soát: {n}</source>
        <translation>To review: {n}</translation>
    </message>
    <message>
        <source>Lỗi, chưa nhập: {n}</source>
        <translation>Errors, not imported: {n}</translation>
    </message>
    <message>
        <source>Tệp “{file}” đã được nhập.</source>
        <translation>File “{file}” has been imported.</translation>
    </message>
    <message>
        <source>{n} dòng giống một người đã có nhưng chưa chắc chắn: Xã Số chưa sửa gì ở những người đó mà đã đưa vào trang Rà soát để cán bộ quyết định.</source>
        <translation>{n} rows look like someone already stored but not for certain: Xã Số changed nothing about those people and sent them to the Review page for an officer to decide.</translation>
    </message>
    <message>
        <source>{n} dòng lỗi chưa được nhập: sửa theo báo cáo lỗi rồi nhập lại các dòng đó.</source>
        <translation>{n} rows with errors were not imported: fix them using the error report and import those rows again.</translation>
    </message>
    <message>
        <source>Nhập từ Excel</source>
        <translation>Import from Excel</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>— lý do —</source>
        <translation>— reason —</translation>
    </message>
    <message>
        <source>Tạo đợt…</source>
        <translation>New session…</translation>
    </message>
    <message>
        <source>Thêm người…</source>
        <translation>Add person…</translation>
    </message>
    <message>
        <source>In danh sách…</source>
        <translation>Print list…</translation>
    </message>
    <message>
        <source>Ghi kết quả</source>
        <translation>Record outcome</translation>
    </message>
    <message>
        <source>Quét mã QR trên thẻ khi đang mở một đợt để thêm người vào danh sách.</source>
        <translation>Scan the QR code on a card while a session is open to add the person to its list.</translation>
    </message>
    <message>
        <source>{day} — {place} ({n} người)</source>
        <translation>{day} — {place} ({n} people)</translation>
    </message>
    <message>
        <source>Hãy tạo hoặc chọn một đợt thu nhận trước.</source>
        <translation>Create or choose a collection session first.</translation>
    </message>
    <message>
        <source>Thêm người vào đợt</source>
        <translation>Add person to session</translation>
    </message>
    <message>
        <source>Đã thêm vào danh sách.</source>
        <translation>Added to the list.</translation>
    </message>
    <message>
        <source>Chưa xác định được người trên thẻ ({name}); hãy thêm từ danh sách.</source>
        <translation>Could not identify the person on the card ({name}); add them from the list.</translation>
    </message>
    <message>
        <source>Đã ghi kết quả.</source>
        <translation>Outcome recorded.</translation>
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
        <source>Lập hộ mới…</source>
        <translation>New household…</translation>
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
        <source>Lập hộ mới: chọn chủ hộ</source>
        <translation>New household: choose the head</translation>
    </message>
    <message>
        <source>Đã lập hộ mới.</source>
        <translation>New household created.</translation>
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
        <source>Đang chờ thẻ…</source>
        <translation>Waiting for a card…</translation>
    </message>
    <message>
        <source>Đang mở kênh bảo mật với chip…</source>
        <translation>Opening a secure channel with the chip…</translation>
    </message>
    <message>
        <source>Đang xác thực dữ liệu chip…</source>
        <translation>Verifying the chip data…</translation>
    </message>
    <message>
        <source>Đã đọc xong.</source>
        <translation>Reading complete.</translation>
    </message>
    <message>
        <source>CHẾ ĐỘ TẬP HUẤN — thẻ mô phỏng, dữ liệu giả lập: không ghi vào dữ liệu của xã.</source>
        <translation>TRAINING MODE — simulated card, fake data: nothing is written to the commune&apos;s data.</translation>
    </message>
    <message>
        <source>Thẻ mô phỏng (tập huấn)</source>
        <translation>Simulated card (training)</translation>
    </message>
    <message>
        <source>12 chữ số, gõ hoặc quét</source>
        <translation>12 digits, typed or scanned</translation>
    </message>
    <message>
        <source>dd/mm/yyyy hoặc Không thời hạn</source>
        <translation>dd/mm/yyyy or Không thời hạn</translation>
    </message>
    <message>
        <source>Lấy từ thẻ</source>
        <translation>Take from card</translation>
    </message>
    <message>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Đang lưu</source>
        <translation>Stored</translation>
    </message>
    <message>
        <source>Trên thẻ</source>
        <translation>On card</translation>
    </message>
    <message>
        <source>Lưu các trường đã chọn</source>
        <translation>Save selected fields</translation>
    </message>
    <message>
        <source>Tạo cư dân mới từ thẻ</source>
        <translation>Create new resident from card</translation>
    </message>
    <message>
        <source>Mở hồ sơ</source>
        <translation>Open record</translation>
    </message>
    <message>
        <source>Ngày sinh (BAC)</source>
        <translation>Date of birth (BAC)</translation>
    </message>
    <message>
        <source>Có giá trị đến (BAC)</source>
        <translation>Valid until (BAC)</translation>
    </message>
    <message>
        <source>Hãy nhập đủ 12 chữ số của số định danh in trên thẻ.</source>
        <translation>Enter all 12 digits of the ID number printed on the card.</translation>
    </message>
    <message>
        <source>Đang đọc {file}…</source>
        <translation>Reading {file}…</translation>
    </message>
    <message>
        <source>đọc từ mã QR: không có xác thực chip</source>
        <translation>read from the QR code: no chip verification</translation>
    </message>
    <message>
        <source>dữ liệu chip hợp lệ</source>
        <translation>chip data verified</translation>
    </message>
    <message>
        <source>CHƯA xác thực được dữ liệu chip</source>
        <translation>chip data NOT verified</translation>
    </message>
    <message>
        <source>Đã đọc xong: {name} — {verdict}</source>
        <translation>Read: {name} — {verdict}</translation>
    </message>
    <message>
        <source>Không có ảnh</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>Ảnh chân dung:
cần quyền xem</source>
        <translation>Portrait:
permission needed</translation>
    </message>
    <message>
        <source>Chưa chọn cư dân; nếu chưa có, hãy tạo cư dân mới từ thẻ.</source>
        <translation>No resident selected; if they are not in the list yet, create a new resident from the card.</translation>
    </message>
    <message>
        <source>Chế độ tập huấn: thẻ mô phỏng không được ghi vào dữ liệu của xã.</source>
        <translation>Training mode: a simulated card is not written to the commune&apos;s data.</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>không có trường nào thay đổi</source>
        <translation>no field changed</translation>
    </message>
    <message>
        <source>Đã lưu {name} ({fields}); đã giữ lần đọc thẻ làm bằng chứng.</source>
        <translation>Saved {name} ({fields}); the card read is kept as evidence.</translation>
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
        <source>Có định danh mức 2 (từ 14 tuổi)</source>
        <translation>Level-2 e-ID (aged 14+)</translation>
    </message>
    <message>
        <source>Thu nhận mức 2 trong tháng</source>
        <translation>Level-2 applications this month</translation>
    </message>
    <message>
        <source>Kích hoạt trong tháng</source>
        <translation>Activated this month</translation>
    </message>
    <message>
        <source>Việc quá hạn</source>
        <translation>Overdue tasks</translation>
    </message>
    <message>
        <source>Việc đến hạn trong 7 ngày</source>
        <translation>Tasks due within 7 days</translation>
    </message>
    <message>
        <source>Rà soát chưa xử lý</source>
        <translation>Review items open</translation>
    </message>
    <message>
        <source>Thôn, tổ dân phố</source>
        <translation>Hamlets, residential groups</translation>
    </message>
    <message>
        <source>Lập báo cáo…</source>
        <translation>Make a report…</translation>
    </message>
    <message>
        <source>Đang tính…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>Kỳ {start} – {end}</source>
        <translation>Period {start} – {end}</translation>
    </message>
    <message>
        <source>cũ nhất {n} ngày trước</source>
        <translation>oldest {n} days ago</translation>
    </message>
    <message>
        <source>{n}/{of} người; {target}</source>
        <translation>{n}/{of} persons; {target}</translation>
    </message>
    <message>
        <source>T{month}</source>
        <translation>M{month}</translation>
    </message>
    <message>
        <source>Số liệu đến ngày {day}. Bấm vào một số để xem danh sách.</source>
        <translation>Figures as of {day}. Click a figure to see its list.</translation>
    </message>
    <message>
        <source>Thay đổi chưa đồng bộ</source>
        <translation>Unsynced changes</translation>
    </message>
    <message>
        <source>Tỷ lệ có định danh mức 2 theo thôn (từ 14 tuổi)</source>
        <translation>Level-2 e-ID coverage per hamlet (aged 14+)</translation>
    </message>
    <message>
        <source>Tiến độ từng tháng so với chỉ tiêu</source>
        <translation>Month by month against the target</translation>
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
        <source>Hộ tịch</source>
        <translation>Civil status</translation>
    </message>
    <message>
        <source>An sinh xã hội</source>
        <translation>Social welfare</translation>
    </message>
    <message>
        <source>Lao động</source>
        <translation>Labour</translation>
    </message>
    <message>
        <source>Lưu trú</source>
        <translation>Stay notification</translation>
    </message>
    <message>
        <source>Đất đai</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Đoàn thể</source>
        <translation>Associations</translation>
    </message>
    <message>
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tìm theo họ tên (gõ không dấu cũng được) hoặc số định danh, số giấy tờ…</source>
        <translation>Search by name (diacritics optional), ID number or document number…</translation>
    </message>
    <message>
        <source>Thêm (Ctrl+N)</source>
        <translation>Add (Ctrl+N)</translation>
    </message>
    <message>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Nhập từ Excel…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>Loại hồ sơ</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>{n} hồ sơ</source>
        <translation>Records: {n}</translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ nào.</source>
        <translation>No records found.</translation>
    </message>
    <message>
        <source>Chưa có hồ sơ loại này.</source>
        <translation>No records of this type yet.</translation>
    </message>
    <message>
        <source>Xuất danh sách hồ sơ {type}</source>
        <translation>Export the record list: {type}</translation>
    </message>
    <message>
        <source>Đã xuất {n} hồ sơ vào tệp “{path}”.</source>
        <translation>Exported {n} records to “{path}”.</translation>
    </message>
    <message>
        <source>Đang xuất danh sách hồ sơ…</source>
        <translation>Exporting the record list…</translation>
    </message>
    <message>
        <source>Xuất Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>Xuất danh sách cư dân</source>
        <translation>Export the resident list</translation>
    </message>
    <message>
        <source>Đã xuất {n} cư dân vào tệp “{path}”.</source>
        <translation>Exported {n} residents to “{path}”.</translation>
    </message>
    <message>
        <source>Chưa xuất được danh sách: {error}</source>
        <translation>Could not export the list: {error}</translation>
    </message>
    <message>
        <source>Đang xuất danh sách cư dân…</source>
        <translation>Exporting the resident list…</translation>
    </message>
    <message>
        <source>Xuất Excel</source>
        <translation>Export to Excel</translation>
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
        <source>Đổi mật khẩu của tôi</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <source>Mật khẩu hiện tại</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu mới</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>Tài khoản của tôi</source>
        <translation>My account</translation>
    </message>
    <message>
        <source>Đổi mật khẩu của tôi…</source>
        <translation>Change my password…</translation>
    </message>
    <message>
        <source>Đã đổi mật khẩu của bạn.</source>
        <translation>Your password has been changed.</translation>
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
        <source>Để trống: dùng máy chủ đồng bộ đã đăng ký</source>
        <translation>Leave empty to use the enrolled sync server</translation>
    </message>
    <message>
        <source>Kiểm tra cập nhật</source>
        <translation>Check for updates</translation>
    </message>
    <message>
        <source>Đang kiểm tra cập nhật…</source>
        <translation>Checking for updates…</translation>
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
        <source>Gộp hai hồ sơ của một người</source>
        <translation>Merge two records of one person</translation>
    </message>
    <message>
        <source>Hồ sơ giữ lại</source>
        <translation>Record kept</translation>
    </message>
    <message>
        <source>Hồ sơ gộp vào</source>
        <translation>Record merged in</translation>
    </message>
    <message>
        <source>Lấy giá trị gộp vào</source>
        <translation>Take merged value</translation>
    </message>
    <message>
        <source>Lý do, ví dụ: cùng một người, nhập hai lần</source>
        <translation>Reason, e.g. the same person entered twice</translation>
    </message>
    <message>
        <source>Mọi thông tin liên quan (hộ, thẻ, hồ sơ, VNeID) chuyển sang hồ sơ giữ lại; hồ sơ gộp vào được xóa mềm kèm lý do.</source>
        <translation>Everything linked (household, cards, records, VNeID) moves to the record kept; the merged record is soft-deleted with the reason.</translation>
    </message>
    <message>
        <source>Đang gộp…</source>
        <translation>Merging…</translation>
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
        <source>{n} byte</source>
        <translation>{n} bytes</translation>
    </message>
    <message>
        <source>Trang đầu của tệp PDF.</source>
        <translation>First page of the PDF file.</translation>
    </message>
    <message>
        <source>Tệp PDF — lưu ra máy để xem.</source>
        <translation>PDF file — save it to the computer to view it.</translation>
    </message>
    <message>
        <source>Không hiển thị được tệp này — lưu ra máy để xem.</source>
        <translation>This file cannot be shown — save it to the computer to view it.</translation>
    </message>
    <message>
        <source>Lưu ra…</source>
        <translation>Save a copy…</translation>
    </message>
    <message>
        <source>Lưu tệp đính kèm ra máy</source>
        <translation>Save the attachment to the computer</translation>
    </message>
    <message>
        <source>Không lưu được tệp: {error}</source>
        <translation>Could not save the file: {error}</translation>
    </message>
    <message>
        <source>Đã lưu ra “{path}”.</source>
        <translation>Saved to “{path}”.</translation>
    </message>
    <message>
        <source>Tệp đính kèm (bản quét, quyết định…)</source>
        <translation>Attachments (scans, decisions…)</translation>
    </message>
    <message>
        <source>Tên tệp</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>Cỡ</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Ngày đính kèm</source>
        <translation>Date attached</translation>
    </message>
    <message>
        <source>Thêm tệp…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>Xem</source>
        <translation>View</translation>
    </message>
    <message>
        <source>Gỡ…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <source>Kéo thả tệp PDF hoặc ảnh vào đây để đính kèm.</source>
        <translation>Drag and drop PDF files or images here to attach them.</translation>
    </message>
    <message>
        <source>Chọn tệp đính kèm</source>
        <translation>Choose files to attach</translation>
    </message>
    <message>
        <source>Tệp PDF hoặc ảnh ({patterns})</source>
        <translation>PDF files or images ({patterns})</translation>
    </message>
    <message>
        <source>Không đọc được tệp: {error}</source>
        <translation>Could not read the file: {error}</translation>
    </message>
    <message>
        <source>Đang đính kèm…</source>
        <translation>Attaching…</translation>
    </message>
    <message>
        <source>Đã đính kèm {n} tệp.</source>
        <translation>Attached {n} file(s).</translation>
    </message>
    <message>
        <source>Không đính kèm “{name}”: {error}</source>
        <translation>“{name}” not attached: {error}</translation>
    </message>
    <message>
        <source>Đang mở tệp…</source>
        <translation>Opening the file…</translation>
    </message>
    <message>
        <source>Gỡ tệp đính kèm</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <source>Lý do gỡ tệp “{name}” (ví dụ: đính kèm nhầm hồ sơ):</source>
        <translation>Reason for removing “{name}” (e.g. attached to the wrong record):</translation>
    </message>
    <message>
        <source>Đã gỡ tệp đính kèm.</source>
        <translation>Attachment removed.</translation>
    </message>
    <message>
        <source>Đang gỡ…</source>
        <translation>Removing…</translation>
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
        <source>Vai trò này không xem được</source>
        <translation>Not visible to this role</translation>
    </message>
    <message>
        <source>— chưa rõ —</source>
        <translation>— unknown —</translation>
    </message>
    <message>
        <source>Số nhà, ngõ, đường…</source>
        <translation>House number, lane, street…</translation>
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
        <source>Xuất dữ liệu của người này…</source>
        <translation>Export this person&apos;s data…</translation>
    </message>
    <message>
        <source>Lịch sử (từ nhật ký; không lưu giá trị)</source>
        <translation>History (from the audit log; values not stored)</translation>
    </message>
    <message>
        <source>chưa có số định danh</source>
        <translation>no ID number yet</translation>
    </message>
    <message>
        <source>Lý do xóa (ví dụ: nhập trùng, chuyển đi nơi khác). Người này không còn trong danh sách; việc xóa và lý do được ghi vào nhật ký:</source>
        <translation>Reason for deleting (e.g. entered twice, moved away). The person leaves the lists; the deletion and its reason are recorded in the audit log:</translation>
    </message>
    <message>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Việc cần làm</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Trạng thái VNeID</source>
        <translation>VNeID status</translation>
    </message>
    <message>
        <source>Từ 14 tuổi</source>
        <translation>Aged 14+</translation>
    </message>
    <message>
        <source>Đã thu nhận</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>Đã cấp</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Độ phủ mức 2</source>
        <translation>Level 2 coverage</translation>
    </message>
    <message>
        <source>Vướng mắc</source>
        <translation>Obstacle</translation>
    </message>
    <message>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Độ phủ theo thôn</source>
        <translation>Coverage by hamlet</translation>
    </message>
    <message>
        <source>Chưa có mức 2</source>
        <translation>Without level 2</translation>
    </message>
    <message>
        <source>Công dân số</source>
        <translation>Digital citizens</translation>
    </message>
    <message>
        <source>Đợt thu nhận</source>
        <translation>Collection sessions</translation>
    </message>
    <message>
        <source>Đánh dấu đã xong</source>
        <translation>Mark as done</translation>
    </message>
    <message>
        <source>Cập nhật VNeID…</source>
        <translation>Update VNeID…</translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Danh sách đợt thu nhận</source>
        <translation>Collection sessions</translation>
    </message>
    <message>
        <source> (quá hạn)</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>Tuần</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Tùy chọn</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>% đạt</source>
        <translation>% reached</translation>
    </message>
    <message>
        <source>Một ngày bất kỳ trong kỳ báo cáo</source>
        <translation>Any day in the report period</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Kỳ trước</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <source>Kỳ sau</source>
        <translation>Next period</translation>
    </message>
    <message>
        <source>Toàn xã</source>
        <translation>Whole commune</translation>
    </message>
    <message>
        <source>Tính lại</source>
        <translation>Recompute</translation>
    </message>
    <message>
        <source>Điều chỉnh số liệu…</source>
        <translation>Adjust a figure…</translation>
    </message>
    <message>
        <source>Mẫu báo cáo của tỉnh…</source>
        <translation>Province template…</translation>
    </message>
    <message>
        <source>Kỳ báo cáo và chỉ tiêu giao…</source>
        <translation>Periods and targets…</translation>
    </message>
    <message>
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Phạm vi</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>Mẫu</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>Mẫu chung của Xã Số</source>
        <translation>Xã Số standard template</translation>
    </message>
    <message>
        <source>Kỳ báo cáo: {start} – {end} ({days} ngày)</source>
        <translation>Report period: {start} – {end} ({days} days)</translation>
    </message>
    <message>
        <source>Đã điều chỉnh (số tính từ dữ liệu: {n})</source>
        <translation>Adjusted (computed from the data: {n})</translation>
    </message>
    <message>
        <source>Tính đến hết ngày {day}; lũy kế từ {start}.</source>
        <translation>As at the end of {day}; cumulative from {start}.</translation>
    </message>
    <message>
        <source>Lưu báo cáo</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Đã lưu báo cáo: {path}</source>
        <translation>Report saved: {path}</translation>
    </message>
    <message>
        <source>Đang lập báo cáo…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <source>Đã thu nhận {collected} → đã cấp {issued} → đã kích hoạt {activated} (trên {eligible} người từ 14 tuổi)</source>
        <translation>Collected {collected} → issued {issued} → activated {activated} (of {eligible} people aged 14+)</translation>
    </message>
    <message>
        <source>{n} việc đến hạn hôm nay hoặc quá hạn</source>
        <translation>{n} task(s) due today or overdue</translation>
    </message>
    <message>
        <source>Đủ mọi tiêu chí</source>
        <translation>All criteria met</translation>
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
        <source>Khác với thẻ</source>
        <translation>Differs from card</translation>
    </message>
    <message>
        <source>Có thể trùng</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <source>Số định danh cần xem lại</source>
        <translation>ID number to check</translation>
    </message>
    <message>
        <source>Sai lệch khi làm sạch</source>
        <translation>Cleaning mismatch</translation>
    </message>
    <message>
        <source>Máy chủ từ chối</source>
        <translation>Rejected by server</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Xung đột khi đồng bộ</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <source>Vấn đề</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Mở hồ sơ để sửa</source>
        <translation>Open record to fix</translation>
    </message>
    <message>
        <source>Gộp với hồ sơ trùng…</source>
        <translation>Merge with duplicate…</translation>
    </message>
    <message>
        <source>Đã xử lý…</source>
        <translation>Resolved…</translation>
    </message>
    <message>
        <source>Bỏ qua…</source>
        <translation>Dismiss…</translation>
    </message>
    <message>
        <source>{n} việc cần rà soát</source>
        <translation>{n} item(s) to review</translation>
    </message>
    <message>
        <source>Không có việc nào cần rà soát.</source>
        <translation>Nothing to review.</translation>
    </message>
    <message>
        <source>Chỉ gộp được mục “Có thể trùng”.</source>
        <translation>Only “Possible duplicate” items can be merged.</translation>
    </message>
    <message>
        <source>Đã xử lý thế nào / vì sao bỏ qua (bắt buộc):</source>
        <translation>How it was resolved / why it is dismissed (required):</translation>
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
        <source>Xuất dữ liệu của người này</source>
        <translation>Export this person&apos;s data</translation>
    </message>
    <message>
        <source>Đang xuất…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Đã ghi {path}. Tệp chứa dữ liệu cá nhân: giao tận tay người yêu cầu, không gửi qua mạng xã hội, xóa khỏi máy sau khi giao.</source>
        <translation>Written to {path}. The file holds personal data: hand it to the person who asked, never send it through social networks, and delete it from this PC afterwards.</translation>
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
        <source> ngày</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Tạm dừng nhập mới khi quá hạn (cho đến khi đồng bộ)</source>
        <translation>Pause new work when overdue (until a sync)</translation>
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
        <source>Cảnh báo khi thay đổi chưa gửi quá</source>
        <translation>Warn when changes have not been sent for</translation>
    </message>
    <message>
        <source>Tiêu chí công dân số</source>
        <translation>Digital-citizen criteria</translation>
    </message>
    <message>
        <source>Chọn ít nhất một tiêu chí trong danh mục.</source>
        <translation>Choose at least one criterion from the list.</translation>
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
        <source>Địa chỉ máy chủ cấp trên để đồng bộ dữ liệu. Để trống nếu chưa có; có thể nhập sau trong Cài đặt → Chung.</source>
        <translation>Address of the upstream server to sync data with. Leave it empty if there is none yet; it can be entered later in Settings → General.</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://, ví dụ: https://dongbo.thanhhoa.gov.vn. Có thể để trống và nhập sau.</source>
        <translation>The server address must start with http:// or https://, e.g. https://dongbo.thanhhoa.gov.vn. You can leave it empty and enter it later.</translation>
    </message>
    <message>
        <source>Thời gian tự khóa phải từ {low} đến {high} phút.</source>
        <translation>The auto-lock delay must be between {low} and {high} minutes.</translation>
    </message>
    <message>
        <source>Số ngày chưa đồng bộ trước khi cảnh báo phải từ {low} đến {high}.</source>
        <translation>The number of days without sync before a warning must be between {low} and {high}.</translation>
    </message>
    <message>
        <source>Máy chủ đồng bộ (không bắt buộc)</source>
        <translation>Sync server (optional)</translation>
    </message>
    <message>
        <source>Xung đột với máy chủ</source>
        <translation>Conflict with the hub</translation>
    </message>
    <message>
        <source>chưa có</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Đăng ký máy với máy chủ</source>
        <translation>Enroll this PC with the hub</translation>
    </message>
    <message>
        <source>ví dụ: Máy bộ phận một cửa</source>
        <translation>e.g. One-stop desk PC</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Mã đăng ký (dùng một lần)</source>
        <translation>Enrollment code (single use)</translation>
    </message>
    <message>
        <source>Tên máy này</source>
        <translation>Name of this PC</translation>
    </message>
    <message>
        <source>Đang đọc tình trạng đồng bộ…</source>
        <translation>Reading the sync status…</translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Đăng ký máy với máy chủ…</source>
        <translation>Enroll with the hub…</translation>
    </message>
    <message>
        <source>Xuất gói USB…</source>
        <translation>Export USB bundle…</translation>
    </message>
    <message>
        <source>Nhập xác nhận USB…</source>
        <translation>Import USB acknowledgement…</translation>
    </message>
    <message>
        <source>Dữ liệu</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Từ lúc</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Trên máy này</source>
        <translation>On this PC</translation>
    </message>
    <message>
        <source>Trên máy chủ</source>
        <translation>On the hub</translation>
    </message>
    <message>
        <source>Giữ bản trên máy này</source>
        <translation>Keep this PC&apos;s version</translation>
    </message>
    <message>
        <source>Lấy bản trên máy chủ</source>
        <translation>Take the hub&apos;s version</translation>
    </message>
    <message>
        <source>Máy này chưa đăng ký với máy chủ đồng bộ cấp trên. Mọi thay đổi được giữ an toàn trên máy này; bấm “Đăng ký máy với máy chủ…” khi có mã đăng ký.</source>
        <translation>This PC is not enrolled with the upstream sync hub. Every change is kept safely on this PC; press “Enroll with the hub…” when you have an enrollment code.</translation>
    </message>
    <message>
        <source>Máy chủ: &lt;b&gt;{url}&lt;/b&gt; — mã máy {device}</source>
        <translation>Hub: &lt;b&gt;{url}&lt;/b&gt; — device {device}</translation>
    </message>
    <message>
        <source>Lần đồng bộ thành công gần nhất: &lt;b&gt;{when}&lt;/b&gt;</source>
        <translation>Last successful sync: &lt;b&gt;{when}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Thay đổi chờ gửi: &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>Changes waiting: &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Lần thử gần nhất không thành công: {error}</source>
        <translation>The last attempt failed: {error}</translation>
    </message>
    <message>
        <source>Đồng hồ máy này lệch {minutes} phút so với máy chủ: hãy chỉnh lại ngày giờ của máy tính.</source>
        <translation>This PC&apos;s clock is {minutes} minutes off the hub&apos;s: set the computer&apos;s date and time.</translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Đang đăng ký với máy chủ…</source>
        <translation>Enrolling with the hub…</translation>
    </message>
    <message>
        <source>Đã đăng ký máy này với máy chủ.</source>
        <translation>This PC is enrolled with the hub.</translation>
    </message>
    <message>
        <source>Chọn thư mục (ổ USB) để lưu gói</source>
        <translation>Choose the folder (USB drive) for the bundle</translation>
    </message>
    <message>
        <source>Đã lưu gói đồng bộ: {path}. Mang gói lên máy chủ, rồi nhập tệp xác nhận (.ack) mà máy chủ trả về.</source>
        <translation>Sync bundle saved: {path}. Take it to the hub, then import the acknowledgement file (.ack) the hub writes.</translation>
    </message>
    <message>
        <source>Chọn tệp xác nhận của máy chủ</source>
        <translation>Choose the hub&apos;s acknowledgement file</translation>
    </message>
    <message>
        <source>Tệp xác nhận (*.ack)</source>
        <translation>Acknowledgement files (*.ack)</translation>
    </message>
    <message>
        <source>Đã xử lý xung đột.</source>
        <translation>Conflict resolved.</translation>
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
        <source>VNeID</source>
        <translation>VNeID</translation>
    </message>
    <message>
        <source>Cải chính…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>Cải chính hộ tịch: sửa các thông tin sai</source>
        <translation>Civil status correction: fix the wrong details</translation>
    </message>
    <message>
        <source>Bổ sung…</source>
        <translation>Supplement…</translation>
    </message>
    <message>
        <source>Bổ sung hộ tịch: điền các thông tin còn trống</source>
        <translation>Civil status supplement: fill in the missing details</translation>
    </message>
    <message>
        <source>Ghi chú bên lề…</source>
        <translation>Margin note…</translation>
    </message>
    <message>
        <source>Ghi chú bên lề</source>
        <translation>Margin note</translation>
    </message>
    <message>
        <source>Hủy hồ sơ…</source>
        <translation>Revoke record…</translation>
    </message>
    <message>
        <source>Hủy việc đăng ký: hồ sơ được giữ lại với tình trạng “đã hủy”</source>
        <translation>Revoke the registration: the record is kept with the status “revoked”</translation>
    </message>
    <message>
        <source>Gắn cư dân vào hồ sơ</source>
        <translation>Link a resident to the record</translation>
    </message>
    <message>
        <source>Thôi</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Thêm hồ sơ: {type}</source>
        <translation>Add record: {type}</translation>
    </message>
    <message>
        <source>Hồ sơ mới</source>
        <translation>New record</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Gắn cư dân…</source>
        <translation>Link resident…</translation>
    </message>
    <message>
        <source>Bỏ liên kết…</source>
        <translation>Unlink…</translation>
    </message>
    <message>
        <source>Người liên quan</source>
        <translation>People involved</translation>
    </message>
    <message>
        <source>Lịch sử đăng ký, cải chính, bổ sung</source>
        <translation>History of registration, corrections and supplements</translation>
    </message>
    <message>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Người thực hiện</source>
        <translation>Done by</translation>
    </message>
    <message>
        <source>Căn cứ, ghi chú</source>
        <translation>Basis, note</translation>
    </message>
    <message>
        <source>Số, ngày của văn bản hoặc quyết định; nội dung ghi chú</source>
        <translation>Number and date of the document or decision; text of the note</translation>
    </message>
    <message>
        <source>Căn cứ, ghi chú *</source>
        <translation>Basis, note *</translation>
    </message>
    <message>
        <source>Có thể trùng với hồ sơ đã có</source>
        <translation>May duplicate an existing record</translation>
    </message>
    <message>
        <source>Vẫn lưu</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <source>Mở hồ sơ đã có</source>
        <translation>Open existing record</translation>
    </message>
    <message>
        <source>Hồ sơ {type}: {title}</source>
        <translation>{type} record: {title}</translation>
    </message>
    <message>
        <source>Tình trạng: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>Sổ: {ref}</source>
        <translation>Register: {ref}</translation>
    </message>
    <message>
        <source>Sửa hồ sơ</source>
        <translation>Edit record</translation>
    </message>
    <message>
        <source>Đã lưu.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Chưa lưu: hãy sửa các ô báo lỗi.</source>
        <translation>Not saved: fix the fields marked with errors.</translation>
    </message>
    <message>
        <source>Đã có {n} hồ sơ giống hồ sơ này. Hãy mở ra kiểm tra; nếu đúng là hồ sơ khác, chọn “Vẫn lưu”.</source>
        <translation>There are already {n} records similar to this one. Open them to check; if it really is a different record, choose “Save anyway”.</translation>
    </message>
    <message>
        <source>Chưa lưu: có thể trùng.</source>
        <translation>Not saved: possible duplicate.</translation>
    </message>
    <message>
        <source>Xóa hồ sơ</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <source>Lý do xóa (ví dụ: nhập trùng, nhập nhầm loại hồ sơ). Bản ghi được giữ lại trong nhật ký:</source>
        <translation>Reason for deletion (e.g. duplicate entry, wrong record type). The entry is kept in the audit log:</translation>
    </message>
    <message>
        <source>Bỏ liên kết cư dân</source>
        <translation>Unlink resident</translation>
    </message>
    <message>
        <source>Lý do bỏ liên kết (ví dụ: gắn nhầm người):</source>
        <translation>Reason for unlinking (e.g. wrong person linked):</translation>
    </message>
    <message>
        <source>Rà soát</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Reports</translation>
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
        <source>Đồng bộ: —</source>
        <translation>Sync: —</translation>
    </message>
    <message>
        <source>Khóa màn hình</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <source>Khóa ngay khi rời máy (Ctrl+Shift+L)</source>
        <translation>Lock now when you leave the PC (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>Đồng bộ: dữ liệu mẫu, không đồng bộ</source>
        <translation>Sync: demo data, never synced</translation>
    </message>
    <message>
        <source>Đồng bộ: máy chưa đăng ký</source>
        <translation>Sync: this PC is not enrolled</translation>
    </message>
    <message>
        <source>Đồng bộ: chưa lần nào</source>
        <translation>Sync: not yet</translation>
    </message>
    <message>
        <source>Đồng bộ: lần cuối {time}</source>
        <translation>Sync: last at {time}</translation>
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
        <source>xem thông tin cư dân</source>
        <translation>view residents</translation>
    </message>
    <message>
        <source>thêm hoặc sửa cư dân</source>
        <translation>add or edit residents</translation>
    </message>
    <message>
        <source>xóa cư dân</source>
        <translation>delete residents</translation>
    </message>
    <message>
        <source>xuất dữ liệu cư dân</source>
        <translation>export resident data</translation>
    </message>
    <message>
        <source>xem ảnh chân dung từ chip</source>
        <translation>view the chip portrait</translation>
    </message>
    <message>
        <source>xem dữ liệu nhạy cảm (dân tộc, tôn giáo, điện thoại)</source>
        <translation>view sensitive data (ethnicity, religion, phone)</translation>
    </message>
    <message>
        <source>sửa hộ gia đình</source>
        <translation>edit households</translation>
    </message>
    <message>
        <source>đọc thẻ căn cước</source>
        <translation>read ID cards</translation>
    </message>
    <message>
        <source>cập nhật tình trạng VNeID</source>
        <translation>update VNeID status</translation>
    </message>
    <message>
        <source>xem hồ sơ</source>
        <translation>view records</translation>
    </message>
    <message>
        <source>thêm hoặc sửa hồ sơ</source>
        <translation>add or edit records</translation>
    </message>
    <message>
        <source>xóa hồ sơ</source>
        <translation>delete records</translation>
    </message>
    <message>
        <source>xử lý mục rà soát</source>
        <translation>resolve review items</translation>
    </message>
    <message>
        <source>quản lý người dùng</source>
        <translation>manage users</translation>
    </message>
    <message>
        <source>thay đổi cài đặt</source>
        <translation>change settings</translation>
    </message>
    <message>
        <source>sao lưu dữ liệu</source>
        <translation>back up data</translation>
    </message>
    <message>
        <source>khôi phục dữ liệu</source>
        <translation>restore data</translation>
    </message>
    <message>
        <source>xem nhật ký</source>
        <translation>view the audit log</translation>
    </message>
    <message>
        <source>đồng bộ dữ liệu</source>
        <translation>synchronise data</translation>
    </message>
    <message>
        <source>đăng ký máy này với máy chủ đồng bộ</source>
        <translation>enroll this PC with the sync server</translation>
    </message>
    <message>
        <source>xem báo cáo</source>
        <translation>view reports</translation>
    </message>
    <message>
        <source>xuất báo cáo</source>
        <translation>export reports</translation>
    </message>
    <message>
        <source>chủ hộ</source>
        <translation>head of household</translation>
    </message>
    <message>
        <source>Người này đang là thành viên của một hộ khác; hãy chuyển hộ thay vì thêm.</source>
        <translation>This person is a member of another household; move them instead of adding them.</translation>
    </message>
    <message>
        <source>Không thể bỏ chủ hộ khỏi hộ; hãy đổi chủ hộ trước.</source>
        <translation>The head cannot be removed from the household; change the head first.</translation>
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
        <source>Chọn quan hệ với chủ hộ mới.</source>
        <translation>Choose the relationship to the new head.</translation>
    </message>
    <message>
        <source>Người này đã ở trong hộ được chọn.</source>
        <translation>This person is already in the chosen household.</translation>
    </message>
    <message>
        <source>Không thể chuyển chủ hộ; hãy đổi chủ hộ trước.</source>
        <translation>The head cannot be moved; change the head first.</translation>
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
        <source>Không ghi mật khẩu, mã OTP hay mã passcode VNeID vào ghi chú: đây là dữ liệu bí mật của công dân.</source>
        <translation>Do not write VNeID passwords, OTP codes or passcodes in notes: they are the citizen&apos;s secrets.</translation>
    </message>
    <message>
        <source>Trạng thái “{state}” không hợp lệ.</source>
        <translation>Status “{state}” is not valid.</translation>
    </message>
    <message>
        <source>Lý do “{reason}” không có trong danh mục.</source>
        <translation>Reason “{reason}” is not in the list.</translation>
    </message>
    <message>
        <source>Cần ghi việc cần làm.</source>
        <translation>Enter the task.</translation>
    </message>
    <message>
        <source>Hạn phải là một ngày cụ thể.</source>
        <translation>The due date must be a specific day.</translation>
    </message>
    <message>
        <source>việc cần làm</source>
        <translation>task</translation>
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
        <source>thôn/tổ dân phố</source>
        <translation>hamlet</translation>
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
        <source>hộ gia đình</source>
        <translation>household</translation>
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
        <source>Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại sau {minutes} phút hoặc nhờ quản trị viên đặt lại mật khẩu.</source>
        <translation>The account is temporarily locked after too many wrong passwords. Try again in {minutes} minute(s) or ask an administrator to reset the password.</translation>
    </message>
    <message>
        <source>Chưa có dữ liệu tại {where}. Hãy chạy thiết lập lần đầu (python main.py init …) hoặc tạo xã mẫu (python main.py demo).</source>
        <translation>No data at {where}. Run the first-time set-up (python main.py init …) or create a demo commune (python main.py demo).</translation>
    </message>
    <message>
        <source>Thư mục {where} đã có dữ liệu Xã Số; không ghi đè.</source>
        <translation>The folder {where} already holds Xã Số data; it will not be overwritten.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu thuộc phiên bản mới hơn ứng dụng (lược đồ {found} &gt; {supported}). Hãy cập nhật Xã Số lên bản mới nhất; dữ liệu không bị thay đổi.</source>
        <translation>The database is from a newer version than this application (schema {found} &gt; {supported}). Update Xã Số to the latest version; the data has not been changed.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu bị lỗi khi kiểm tra tính toàn vẹn. Hãy khôi phục từ bản sao lưu gần nhất (Cài đặt → Sao lưu). Chi tiết: {detail}</source>
        <translation>The database failed its integrity check. Restore the latest backup (Settings → Backup). Details: {detail}</translation>
    </message>
    <message>
        <source>Bạn không có quyền {action}. Hãy liên hệ quản trị viên.</source>
        <translation>You are not allowed to {action}. Contact an administrator.</translation>
    </message>
    <message>
        <source>Không tìm thấy {what}.</source>
        <translation>Not found: {what}.</translation>
    </message>
    <message>
        <source>Bản ghi đã được người khác sửa trong lúc bạn đang sửa. Hãy tải lại và sửa lại.</source>
        <translation>Someone else changed this record while you were editing it. Reload it and make your changes again.</translation>
    </message>
    <message>
        <source>Đã dừng theo yêu cầu; dữ liệu không thay đổi.</source>
        <translation>Stopped as asked; nothing was changed.</translation>
    </message>
    <message>
        <source>Lưu thành tệp PDF hay in ngay?</source>
        <translation>Save as a PDF file or print now?</translation>
    </message>
    <message>
        <source>Lưu PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Từ 14 tuổi: đủ điều kiện định danh mức 2</source>
        <translation>Aged 14+: eligible for level-2 e-ID</translation>
    </message>
    <message>
        <source>Từ 6 đến dưới 14 tuổi: làm cùng cha mẹ/người giám hộ</source>
        <translation>Aged 6 to 13: apply together with a parent/guardian</translation>
    </message>
    <message>
        <source>Dưới 6 tuổi: đăng ký qua tài khoản của cha mẹ</source>
        <translation>Under 6: registered through a parent&apos;s account</translation>
    </message>
    <message>
        <source>Chưa rõ ngày sinh</source>
        <translation>Date of birth unknown</translation>
    </message>
    <message>
        <source>Định danh điện tử (VNeID)</source>
        <translation>Electronic identification (VNeID)</translation>
    </message>
    <message>
        <source>— không vướng —</source>
        <translation>— no obstacle —</translation>
    </message>
    <message>
        <source>Ghi chú (không ghi mật khẩu, OTP, passcode)</source>
        <translation>Notes (no passwords, OTPs or passcodes)</translation>
    </message>
    <message>
        <source>Việc cần làm tiếp, ví dụ: hẹn đi chụp ảnh</source>
        <translation>Next task, e.g. appointment for a photo</translation>
    </message>
    <message>
        <source>Công dân số:</source>
        <translation>Digital citizen:</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Việc tiếp theo</source>
        <translation>Next task</translation>
    </message>
    <message>
        <source>Phiếu TK01…</source>
        <translation>TK01 form…</translation>
    </message>
    <message>
        <source>Người dưới 6 tuổi (hoặc chưa rõ ngày sinh) chưa làm định danh mức 2 riêng.</source>
        <translation>People under 6 (or with an unknown date of birth) do not get their own level-2 e-ID yet.</translation>
    </message>
    <message>
        <source>Phiếu TK01</source>
        <translation>TK01 form</translation>
    </message>
    <message>
        <source>Không đọc được danh mục đơn vị hành chính ({path}): {detail}. Hãy cài lại Xã Số hoặc dùng tệp danh mục mới hơn.</source>
        <translation>Could not read the administrative units list ({path}): {detail}. Reinstall Xã Số or use a newer list file.</translation>
    </message>
    <message>
        <source>tệp thuộc định dạng mới hơn ứng dụng</source>
        <translation>the file has a newer format than this application</translation>
    </message>
    <message>
        <source>thiếu trường {field}</source>
        <translation>missing field {field}</translation>
    </message>
    <message>
        <source>Thiếu sự kiện số {first}–{last} (đã bị xóa).</source>
        <translation>Events {first}–{last} are missing (deleted).</translation>
    </message>
    <message>
        <source>Sự kiện số {seq} không nối với sự kiện trước (bị xóa hoặc đảo thứ tự).</source>
        <translation>Event {seq} does not link to the previous event (deleted or reordered).</translation>
    </message>
    <message>
        <source>Sự kiện số {seq} đã bị sửa nội dung.</source>
        <translation>Event {seq} has been altered.</translation>
    </message>
    <message>
        <source>Cuối nhật ký bị cắt hoặc sửa: phải kết thúc ở sự kiện số {expected}, nhưng chỉ còn đến số {last}.</source>
        <translation>The end of the log was cut off or altered: it should end at event {expected}, but only reaches event {last}.</translation>
    </message>
    <message>
        <source>Thiếu dấu kết thúc của nhật ký.</source>
        <translation>The log&apos;s end marker is missing.</translation>
    </message>
    <message>
        <source>Không tìm thấy bản sao lưu hợp lệ tại {path}.</source>
        <translation>No valid backup found at {path}.</translation>
    </message>
    <message>
        <source>Không mở được bản sao lưu: tệp hỏng hoặc thuộc một bộ dữ liệu khác (khóa khác).</source>
        <translation>Could not open the backup: the file is damaged or belongs to another data set (different key).</translation>
    </message>
    <message>
        <source>Ngày “{value}” không đúng dạng ngày/tháng/năm.</source>
        <translation>Date “{value}” is not in day/month/year form.</translation>
    </message>
    <message>
        <source>Tháng {month} không hợp lệ.</source>
        <translation>Month {month} is not valid.</translation>
    </message>
    <message>
        <source>Ngày {value} không có trên lịch.</source>
        <translation>Date {value} does not exist in the calendar.</translation>
    </message>
    <message>
        <source>Ngày {date} nằm ngoài khoảng hợp lệ.</source>
        <translation>Date {date} is outside the valid range.</translation>
    </message>
    <message>
        <source>Thư mục này chứa dữ liệu thật; hãy tạo xã mẫu ở một thư mục riêng.</source>
        <translation>This folder holds real data; create the demo commune in a separate folder.</translation>
    </message>
    <message>
        <source>Xã mẫu có tối đa {n} người.</source>
        <translation>A demo commune has at most {n} people.</translation>
    </message>
    <message>
        <source>Xã mẫu đã có dữ liệu; hãy dùng một thư mục mới để tạo lại.</source>
        <translation>The demo commune already has data; use a new folder to create it again.</translation>
    </message>
    <message>
        <source>Tiến trình tạo dữ liệu mẫu dừng bất thường; chưa có gì được ghi, hãy thử lại.</source>
        <translation>The demo data generator stopped unexpectedly; nothing was written, try again.</translation>
    </message>
    <message>
        <source>Mã khôi phục không đúng định dạng.</source>
        <translation>The recovery key is not in the right format.</translation>
    </message>
    <message>
        <source>Sai tên đăng nhập hoặc mật khẩu.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <source>Mã khôi phục không đúng.</source>
        <translation>Wrong recovery key.</translation>
    </message>
    <message>
        <source>Khớp chắc chắn</source>
        <translation>Certain match</translation>
    </message>
    <message>
        <source>Khớp qua số CMND cũ</source>
        <translation>Matched by old CMND number</translation>
    </message>
    <message>
        <source>Có thể là người này</source>
        <translation>Possibly this person</translation>
    </message>
    <message>
        <source>Nhiều người giống nhau — cần chọn</source>
        <translation>Several similar people — choose one</translation>
    </message>
    <message>
        <source>Trùng số định danh nhưng thông tin khác — cần rà soát</source>
        <translation>Same ID number but different details — needs review</translation>
    </message>
    <message>
        <source>Chỉ giống tên và năm sinh — không tự gộp</source>
        <translation>Only name and birth year match — not merged automatically</translation>
    </message>
    <message>
        <source>Chưa có trong dữ liệu</source>
        <translation>Not in the data yet</translation>
    </message>
    <message>
        <source>Trùng số CMND cũ nhưng họ tên hoặc ngày sinh khác</source>
        <translation>Same old CMND number but different name or date of birth</translation>
    </message>
    <message>
        <source>Trùng số CMND cũ</source>
        <translation>Same old CMND number</translation>
    </message>
    <message>
        <source>Trùng số định danh</source>
        <translation>Same ID number</translation>
    </message>
    <message>
        <source>Họ tên khác</source>
        <translation>Different name</translation>
    </message>
    <message>
        <source>Ngày sinh khác</source>
        <translation>Different date of birth</translation>
    </message>
    <message>
        <source>Cách viết họ tên khác (dấu, khoảng trắng, chữ hoa): nên dùng cách viết trên thẻ</source>
        <translation>Name spelled differently (diacritics, spaces, capitals): prefer the spelling on the card</translation>
    </message>
    <message>
        <source>Trùng họ tên và ngày sinh</source>
        <translation>Same name and date of birth</translation>
    </message>
    <message>
        <source>Trùng họ tên và năm sinh</source>
        <translation>Same name and birth year</translation>
    </message>
    <message>
        <source>{old} (cũ), nay thuộc {new}</source>
        <translation>{old} (former), now part of {new}</translation>
    </message>
    <message>
        <source>Chưa nhập số định danh.</source>
        <translation>No ID number entered.</translation>
    </message>
    <message>
        <source>có ký tự không phải chữ số</source>
        <translation>it has characters that are not digits</translation>
    </message>
    <message>
        <source>đang có {n}</source>
        <translation>it has {n}</translation>
    </message>
    <message>
        <source>Số định danh phải gồm đúng 12 chữ số ({detail}).</source>
        <translation>The ID number must have exactly 12 digits ({detail}).</translation>
    </message>
    <message>
        <source>Mã nơi đăng ký khai sinh {code} không thuộc 63 mã tỉnh đã biết; cần kiểm tra lại.</source>
        <translation>Birth registration code {code} is not one of the 63 known province codes; please check.</translation>
    </message>
    <message>
        <source>Chữ số thứ 4 ({digit}) ứng với người sinh năm {first}–{last}, không khớp năm sinh {year}.</source>
        <translation>The 4th digit ({digit}) means born in {first}–{last}, which does not match birth year {year}.</translation>
    </message>
    <message>
        <source>Chữ số thứ 5–6 ({digits}) không khớp năm sinh {year}.</source>
        <translation>Digits 5–6 ({digits}) do not match birth year {year}.</translation>
    </message>
    <message>
        <source>Năm sinh suy ra từ số định danh ({year}) ở tương lai; cần kiểm tra lại.</source>
        <translation>The birth year implied by the ID number ({year}) is in the future; please check.</translation>
    </message>
    <message>
        <source>Chữ số thứ 4 ({digit}) ứng với giới tính {id_sex}, không khớp giới tính {sex}.</source>
        <translation>The 4th digit ({digit}) means sex {id_sex}, which does not match sex {sex}.</translation>
    </message>
    <message>
        <source>Trường “{field}” không có trong loại hồ sơ {type}.</source>
        <translation>Field “{field}” is not part of record type {type}.</translation>
    </message>
    <message>
        <source>Cần nhập {label}.</source>
        <translation>Required: {label}.</translation>
    </message>
    <message>
        <source>{label} không được trước {other}.</source>
        <translation>{label} may not be before {other}.</translation>
    </message>
    <message>
        <source>Từ {start} đến {end} là {n} ngày (từ {days} ngày trở lên). {hint}</source>
        <translation>From {start} to {end} is {n} days ({days} days or more). {hint}</translation>
    </message>
    <message>
        <source>{label} {value} khác {other} × {factor} = {expected}; hãy kiểm tra lại.</source>
        <translation>{label} {value} differs from {other} × {factor} = {expected}; please check.</translation>
    </message>
    <message>
        <source>Chỉ được gắn tối đa {n} người vai trò {role}.</source>
        <translation>At most {n} people may be linked as {role}.</translation>
    </message>
    <message>
        <source>Cần có {role} (gắn cư dân hoặc ghi họ tên).</source>
        <translation>{role} is required (link a resident or write the full name).</translation>
    </message>
    <message>
        <source>{label} dài quá {n} ký tự.</source>
        <translation>Too long: {label} (more than {n} characters).</translation>
    </message>
    <message>
        <source>{label} không đúng định dạng.</source>
        <translation>Wrong format: {label}.</translation>
    </message>
    <message>
        <source>{label} ({date}) không được sau ngày hôm nay.</source>
        <translation>{label} ({date}) may not be after today.</translation>
    </message>
    <message>
        <source>{label} ({date}) không được trước {min}.</source>
        <translation>{label} ({date}) may not be before {min}.</translation>
    </message>
    <message>
        <source>{label} phải là số nguyên.</source>
        <translation>Must be a whole number: {label}.</translation>
    </message>
    <message>
        <source>{label} phải là số.</source>
        <translation>Must be a number: {label}.</translation>
    </message>
    <message>
        <source>{label} phải từ {min} trở lên.</source>
        <translation>{label} must be {min} or more.</translation>
    </message>
    <message>
        <source>{label} không được lớn hơn {max}.</source>
        <translation>{label} may not be greater than {max}.</translation>
    </message>
    <message>
        <source>{label}: “{value}” không thuộc danh sách cho phép ({choices}).</source>
        <translation>{label}: “{value}” is not an allowed value ({choices}).</translation>
    </message>
    <message>
        <source>{label}: không tìm thấy xã/phường “{value}” trong danh mục đơn vị hành chính (mới hoặc cũ).</source>
        <translation>{label}: no commune/ward “{value}” in the list of administrative units (new or old).</translation>
    </message>
    <message>
        <source>{label}: “{value}” là đơn vị cũ nay thuộc nhiều xã/phường: {candidates}. Hãy chọn một và ghi mã xã/phường mới.</source>
        <translation>{label}: “{value}” is a former unit now split among several communes/wards: {candidates}. Choose one and write its new commune/ward code.</translation>
    </message>
    <message>
        <source>{label}: có nhiều xã/phường tên “{value}”: {candidates}. Hãy ghi mã xã/phường hoặc thêm tên tỉnh.</source>
        <translation>{label}: several communes/wards are named “{value}”: {candidates}. Write the commune/ward code or add the province name.</translation>
    </message>
    <message>
        <source>{label} phải là Có/Không.</source>
        <translation>Must be Yes/No (Có/Không): {label}.</translation>
    </message>
    <message>
        <source>Tệp rỗng hoặc lớn hơn 50 MB.</source>
        <translation>The file is empty or larger than 50 MB.</translation>
    </message>
    <message>
        <source>tệp đính kèm</source>
        <translation>attachment</translation>
    </message>
    <message>
        <source>Tệp đính kèm bị hỏng.</source>
        <translation>The attachment is damaged.</translation>
    </message>
    <message>
        <source>Nguồn đọc “{source}” không hợp lệ.</source>
        <translation>Read source “{source}” is not valid.</translation>
    </message>
    <message>
        <source>Đã đăng ký</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Đã thu nhận hồ sơ</source>
        <translation>Application collected</translation>
    </message>
    <message>
        <source>Chưa thu nhận được</source>
        <translation>Not collected</translation>
    </message>
    <message>
        <source>Vắng mặt</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Ngày thu nhận phải là một ngày cụ thể.</source>
        <translation>The collection date must be a specific day.</translation>
    </message>
    <message>
        <source>Cần ghi địa điểm thu nhận.</source>
        <translation>Enter the collection place.</translation>
    </message>
    <message>
        <source>đợt thu nhận</source>
        <translation>collection session</translation>
    </message>
    <message>
        <source>{label}: đã thêm số 0 đầu mà Excel làm mất.</source>
        <translation>{label}: added the leading 0 that Excel dropped.</translation>
    </message>
    <message>
        <source>{label} bị Excel đổi sang dạng số mũ ({value}) nên đã mất chữ số: hãy định dạng cột là Văn bản (Text) và nhập lại số.</source>
        <translation>Excel turned {label} into scientific notation ({value}) and digits were lost: format the column as Text and type the number again.</translation>
    </message>
    <message>
        <source>Có cả ngày sinh ở cột Nam và cột Nữ: chỉ ghi ở một cột.</source>
        <translation>There is a date of birth in both the male and the female column: fill in only one.</translation>
    </message>
    <message>
        <source>Giới tính không khớp với cột ngày sinh Nam/Nữ.</source>
        <translation>The sex does not match the male/female date of birth column.</translation>
    </message>
    <message>
        <source>Thôn “{name}” chưa có trong danh sách thôn/tổ dân phố của xã (Cài đặt → Thôn).</source>
        <translation>Hamlet “{name}” is not in the commune&apos;s list of hamlets (Settings → Hamlets).</translation>
    </message>
    <message>
        <source>Mã hệ thống không có trong dữ liệu của xã (dòng đã bị xóa hoặc tệp của xã khác?). Xóa ô mã để nhập như người mới.</source>
        <translation>The system ID is not in this commune&apos;s data (a deleted row, or a file from another commune?). Clear the ID cell to import as a new person.</translation>
    </message>
    <message>
        <source>Trùng với dòng {row} ở trên trong cùng tệp.</source>
        <translation>Duplicate of row {row} above in the same file.</translation>
    </message>
    <message>
        <source>{field}: giữ theo thẻ chip, không lấy theo tệp.</source>
        <translation>{field}: kept as read from the chip, not taken from the file.</translation>
    </message>
    <message>
        <source>Trùng họ tên và ngày sinh nhưng thông tin khác</source>
        <translation>Same full name and date of birth but other details differ</translation>
    </message>
    <message>
        <source>cư dân</source>
        <translation>resident</translation>
    </message>
    <message>
        <source>Nhập từ tệp {file}, dòng {row}: {reasons}</source>
        <translation>Imported from file {file}, row {row}: {reasons}</translation>
    </message>
    <message>
        <source>Người này đã có trong danh sách của đợt.</source>
        <translation>This person is already on the session&apos;s list.</translation>
    </message>
    <message>
        <source>Kết quả không có trong danh mục.</source>
        <translation>The outcome is not in the list.</translation>
    </message>
    <message>
        <source>Lý do không có trong danh mục.</source>
        <translation>The reason is not in the list.</translation>
    </message>
    <message>
        <source>người tham dự</source>
        <translation>attendee</translation>
    </message>
    <message>
        <source>Giới tính “{value}” không rõ (Nam/Nữ).</source>
        <translation>Sex “{value}” is unclear (Nam/Nữ).</translation>
    </message>
    <message>
        <source>Trường “{field}” không sửa trực tiếp được.</source>
        <translation>Field “{field}” cannot be edited directly.</translation>
    </message>
    <message>
        <source>Số CMND cũ phải gồm 9 hoặc 12 chữ số.</source>
        <translation>The old CMND number must have 9 or 12 digits.</translation>
    </message>
    <message>
        <source>Thôn/tổ dân phố không còn trong danh sách của xã.</source>
        <translation>This hamlet is no longer in the commune&apos;s list.</translation>
    </message>
    <message>
        <source>Có thể trùng với một hồ sơ khác (cùng số định danh, hoặc cùng họ tên và ngày sinh).</source>
        <translation>May duplicate another record (same ID number, or same name and date of birth).</translation>
    </message>
    <message>
        <source>Cần ghi lý do xóa.</source>
        <translation>A reason for deletion is required.</translation>
    </message>
    <message>
        <source>Số điện thoại không hợp lệ.</source>
        <translation>The phone number is not valid.</translation>
    </message>
    <message>
        <source>Chỉ lưu ghi chú theo dõi khi người dân đã đồng ý (Cư dân → Liên lạc → Ghi nhận đồng ý).</source>
        <translation>Follow-up notes are kept only with the resident&apos;s consent (Residents → Contact → Record consent).</translation>
    </message>
    <message>
        <source>Cần ghi rõ ai đồng ý và đồng ý bằng cách nào.</source>
        <translation>Record who consented and how.</translation>
    </message>
    <message>
        <source>sự đồng ý</source>
        <translation>consent</translation>
    </message>
    <message>
        <source>Mã hệ thống không có trong dữ liệu của xã (hồ sơ đã bị xóa hoặc tệp của xã khác?). Xóa ô mã để nhập như hồ sơ mới.</source>
        <translation>The system ID is not in this commune&apos;s data (a deleted record, or a file from another commune?). Clear the ID cell to import as a new record.</translation>
    </message>
    <message>
        <source>Giống {n} hồ sơ đã có</source>
        <translation>Similar to {n} existing records</translation>
    </message>
    <message>
        <source>{role}: chưa có cư dân số định danh {number}; chỉ ghi trong hồ sơ.</source>
        <translation>{role}: no resident has ID number {number}; recorded in the record only.</translation>
    </message>
    <message>
        <source>Theo tệp {file}, dòng {row}</source>
        <translation>From file {file}, row {row}</translation>
    </message>
    <message>
        <source>Nhập từ tệp {file}, dòng {row}: giống {n} hồ sơ đã có</source>
        <translation>Imported from file {file}, row {row}: similar to {n} existing records</translation>
    </message>
    <message>
        <source>Loại hồ sơ “{code}” chưa được khai báo.</source>
        <translation>Record type “{code}” is not declared.</translation>
    </message>
    <message>
        <source>Vai trò “{role}” không có trong loại hồ sơ này.</source>
        <translation>Role “{role}” is not part of this record type.</translation>
    </message>
    <message>
        <source>hồ sơ</source>
        <translation>record</translation>
    </message>
    <message>
        <source>cải chính</source>
        <translation>correction</translation>
    </message>
    <message>
        <source>bổ sung</source>
        <translation>supplement</translation>
    </message>
    <message>
        <source>ghi chú bên lề</source>
        <translation>margin note</translation>
    </message>
    <message>
        <source>hủy</source>
        <translation>revocation</translation>
    </message>
    <message>
        <source>đăng ký</source>
        <translation>registration</translation>
    </message>
    <message>
        <source>có hiệu lực</source>
        <translation>in force</translation>
    </message>
    <message>
        <source>đã hủy</source>
        <translation>revoked</translation>
    </message>
    <message>
        <source>Hồ sơ hộ tịch không được sửa trực tiếp. Mọi thay đổi được ghi thành một lần cải chính hoặc bổ sung (kèm căn cứ) trong lịch sử của hồ sơ.</source>
        <translation>Civil status records cannot be edited directly. Every change is recorded as a correction or supplement (with its basis) in the record&apos;s history.</translation>
    </message>
    <message>
        <source>Có thể trùng với {n} hồ sơ đã có. Hãy mở ra kiểm tra; nếu đúng là hồ sơ khác, chọn “Vẫn lưu”.</source>
        <translation>This may duplicate {n} existing records. Open them to check; if it really is a different record, choose “Save anyway”.</translation>
    </message>
    <message>
        <source>Việc “{action}” không có; chỉ có cải chính, bổ sung, ghi chú bên lề, hủy.</source>
        <translation>There is no action “{action}”; only correction, supplement, margin note and cancellation.</translation>
    </message>
    <message>
        <source>Cần ghi căn cứ ({action}): số, ngày của văn bản hoặc quyết định.</source>
        <translation>A basis is required ({action}): number and date of the document or decision.</translation>
    </message>
    <message>
        <source>Đây không phải hồ sơ hộ tịch: sửa trực tiếp nội dung hồ sơ.</source>
        <translation>This is not a civil status record: edit its content directly.</translation>
    </message>
    <message>
        <source>Hồ sơ đã bị hủy: chỉ có thể ghi chú bên lề.</source>
        <translation>The record has been revoked: only margin notes are possible.</translation>
    </message>
    <message>
        <source>Việc {action} không thay đổi nội dung hồ sơ; chỉ ghi căn cứ, ghi chú.</source>
        <translation>A {action} does not change the record&apos;s content; it records only the basis and a note.</translation>
    </message>
    <message>
        <source>Không có gì khác so với nội dung hiện tại của hồ sơ.</source>
        <translation>Nothing differs from the record&apos;s current content.</translation>
    </message>
    <message>
        <source>Bổ sung chỉ điền thông tin còn trống; sửa {label} đã có là cải chính.</source>
        <translation>A supplement only fills in missing details; changing an existing {label} is a correction.</translation>
    </message>
    <message>
        <source>Hồ sơ hộ tịch không xóa được. Nếu việc đăng ký sai, hãy ghi việc hủy (kèm căn cứ) vào lịch sử của hồ sơ.</source>
        <translation>Civil status records cannot be deleted. If the registration was wrong, record a cancellation (with its basis) in the record&apos;s history.</translation>
    </message>
    <message>
        <source>Cần ghi lý do bỏ liên kết.</source>
        <translation>A reason for removing the link is required.</translation>
    </message>
    <message>
        <source>liên kết cư dân với hồ sơ</source>
        <translation>link residents to records</translation>
    </message>
    <message>
        <source>Chỉ đính kèm được tệp PDF hoặc ảnh (JPEG, PNG, TIFF, WebP); tệp này không phải các loại đó.</source>
        <translation>Only PDF files or images (JPEG, PNG, TIFF, WebP) can be attached; this file is none of those.</translation>
    </message>
    <message>
        <source>Cần ghi lý do gỡ tệp đính kèm.</source>
        <translation>A reason for removing the attachment is required.</translation>
    </message>
    <message>
        <source>Cần chọn cách xử lý và ghi rõ lý do.</source>
        <translation>Choose a resolution and give the reason.</translation>
    </message>
    <message>
        <source>Cần ghi lý do gộp.</source>
        <translation>A reason for the merge is required.</translation>
    </message>
    <message>
        <source>Chọn hai hồ sơ khác nhau và các trường có trong danh mục.</source>
        <translation>Choose two different records and fields from the list.</translation>
    </message>
    <message>
        <source>Hai hồ sơ có hai số định danh khác nhau: đây là hai người, không gộp được.</source>
        <translation>The two records have different ID numbers: they are two people and cannot be merged.</translation>
    </message>
    <message>
        <source>mục rà soát</source>
        <translation>review item</translation>
    </message>
    <message>
        <source>Hồ sơ bị gộp là chủ hộ của một hộ khác; hãy đổi chủ hộ trước khi gộp.</source>
        <translation>The merged record heads another household; change the head before merging.</translation>
    </message>
    <message>
        <source>Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang (2–32 ký tự).</source>
        <translation>A username has only lowercase letters without diacritics, digits, dots and hyphens (2–32 characters).</translation>
    </message>
    <message>
        <source>Tên đăng nhập “{username}” đã tồn tại.</source>
        <translation>Username “{username}” already exists.</translation>
    </message>
    <message>
        <source>người dùng “{username}”</source>
        <translation>user “{username}”</translation>
    </message>
    <message>
        <source>Không thể vô hiệu hóa quản trị viên cuối cùng.</source>
        <translation>The last administrator cannot be disabled.</translation>
    </message>
    <message>
        <source>Mật khẩu cũ không đúng.</source>
        <translation>The old password is wrong.</translation>
    </message>
    <message>
        <source>Không thể bỏ quyền của quản trị viên cuối cùng.</source>
        <translation>The last administrator cannot lose the administrator role.</translation>
    </message>
    <message>
        <source>Số lần sai cho phép từ 3 đến 20; thời gian khóa từ 1 phút đến 24 giờ.</source>
        <translation>Allowed wrong attempts: 3 to 20; lock time: 1 minute to 24 hours.</translation>
    </message>
    <message>
        <source>SIM chính chủ</source>
        <translation>SIM in own name</translation>
    </message>
    <message>
        <source>Điện thoại thông minh</source>
        <translation>Smartphone</translation>
    </message>
    <message>
        <source>Thẻ căn cước còn hạn</source>
        <translation>Valid ID card</translation>
    </message>
    <message>
        <source>Tài khoản đã bị vô hiệu hóa. Hãy liên hệ quản trị viên.</source>
        <translation>This account has been disabled. Contact an administrator.</translation>
    </message>
    <message>
        <source>Thẻ có cùng số định danh nhưng họ tên hoặc ngày sinh khác với dữ liệu đang lưu.</source>
        <translation>The card has the same ID number but a different name or date of birth from the stored data.</translation>
    </message>
    <message>
        <source>Định danh điện tử mức 2</source>
        <translation>Level-2 e-ID</translation>
    </message>
    <message>
        <source>Tài khoản thanh toán điện tử</source>
        <translation>E-payment account</translation>
    </message>
    <message>
        <source>Chữ ký số</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <source>Địa chỉ số</source>
        <translation>Digital address</translation>
    </message>
    <message>
        <source>Người đồng ý, ví dụ: chính chủ</source>
        <translation>Who consented, e.g. the resident</translation>
    </message>
    <message>
        <source>Ví dụ: đồng ý bằng lời, có ký phiếu</source>
        <translation>E.g. verbal consent, signed form</translation>
    </message>
    <message>
        <source>Đồng ý lưu thông tin theo dõi</source>
        <translation>Consent to keep follow-up data</translation>
    </message>
    <message>
        <source>Số điện thoại và ghi chú theo dõi (nhắc việc VNeID) chỉ được lưu khi người dân đồng ý; rút lại thì xóa.</source>
        <translation>A phone number and follow-up notes (VNeID reminders) are kept only with the resident&apos;s consent; withdrawing it erases them.</translation>
    </message>
    <message>
        <source>Số điện thoại (không bắt buộc)</source>
        <translation>Phone number (optional)</translation>
    </message>
    <message>
        <source>Người đồng ý</source>
        <translation>Consent given by</translation>
    </message>
    <message>
        <source>Cách đồng ý</source>
        <translation>How consent was given</translation>
    </message>
    <message>
        <source>Liên lạc</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Ghi nhận đồng ý…</source>
        <translation>Record consent…</translation>
    </message>
    <message>
        <source>không có số điện thoại</source>
        <translation>no phone number</translation>
    </message>
    <message>
        <source>Chưa có đồng ý: không lưu số điện thoại hay ghi chú theo dõi.</source>
        <translation>No consent: no phone number or follow-up notes are kept.</translation>
    </message>
    <message>
        <source>Rút lại đồng ý</source>
        <translation>Withdraw consent</translation>
    </message>
    <message>
        <source>{phone} — {who} đồng ý ({how}), {day}</source>
        <translation>{phone} — consent by {who} ({how}), {day}</translation>
    </message>
    <message>
        <source>Trang “{sheet}” bị hỏng, không đọc được. Hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx.</source>
        <translation>Sheet “{sheet}” is damaged and cannot be read. Open the file in Excel or LibreOffice and save it again as .xlsx.</translation>
    </message>
    <message>
        <source>Tệp không có trang thứ {n}.</source>
        <translation>The file has no sheet number {n}.</translation>
    </message>
    <message>
        <source>Tệp không có trang “{sheet}”. Các trang có: {names}.</source>
        <translation>The file has no sheet “{sheet}”. Its sheets: {names}.</translation>
    </message>
    <message>
        <source>Không tìm thấy tệp “{name}”.</source>
        <translation>File “{name}” not found.</translation>
    </message>
    <message>
        <source>Tệp “{name}” rỗng (0 byte).</source>
        <translation>File “{name}” is empty (0 bytes).</translation>
    </message>
    <message>
        <source>Tệp “{name}” được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại.</source>
        <translation>File “{name}” is password-protected. Open it in Excel, remove the password (File → Info → Protect Workbook) and save it again.</translation>
    </message>
    <message>
        <source>Tệp “{name}” không phải bảng tính Excel (.xlsx, .xls) hay LibreOffice (.ods). Nếu là tệp CSV, hãy mở bằng Excel rồi lưu dạng .xlsx.</source>
        <translation>File “{name}” is not an Excel (.xlsx, .xls) or LibreOffice (.ods) spreadsheet. If it is a CSV file, open it in Excel and save it as .xlsx.</translation>
    </message>
    <message>
        <source>Tệp “{name}” được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại.</source>
        <translation>File “{name}” is password-protected. Open it in Excel, remove the password and save it again.</translation>
    </message>
    <message>
        <source>Tệp “{name}” bị hỏng hoặc chưa chép xong (thiếu phần cuối tệp). Hãy chép lại tệp hoặc mở bằng Excel rồi lưu lại.</source>
        <translation>File “{name}” is damaged or was not copied completely (its end is missing). Copy the file again, or open it in Excel and save it again.</translation>
    </message>
    <message>
        <source>Tệp “{name}” không có trang nào.</source>
        <translation>File “{name}” has no sheets.</translation>
    </message>
    <message>
        <source>Còn {n} dòng lỗi nên chưa nhập gì. Hãy sửa tệp theo báo cáo lỗi, hoặc chọn “Chỉ nhập các dòng hợp lệ”.</source>
        <translation>{n} rows still have errors, so nothing was imported. Fix the file using the error report, or choose “Import only the valid rows”.</translation>
    </message>
    <message>
        <source>Cần đặt tên cho cách ghép cột.</source>
        <translation>The column mapping needs a name.</translation>
    </message>
    <message>
        <source>Thêm mới</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Cập nhật</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>Không đổi</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>Cần rà soát</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>Trang “{sheet}” không có bảng {target} (không thấy dòng tiêu đề có các cột như Họ và tên, Ngày sinh…).</source>
        <translation>Sheet “{sheet}” has no table of {target} (no header row with columns such as Full name, Date of birth…).</translation>
    </message>
    <message>
        <source>Không trang nào trong tệp có bảng {target} (không thấy dòng tiêu đề có các cột như Họ và tên, Ngày sinh…).</source>
        <translation>No sheet in the file has a table of {target} (no header row with columns such as Full name, Date of birth…).</translation>
    </message>
    <message>
        <source>Chưa có cột nào ghép với “{label}”: hãy chọn cột chứa {label}.</source>
        <translation>No column fills “{label}” yet: choose the column that holds {label}.</translation>
    </message>
    <message>
        <source>Chưa có cách ghép cột nào tên “{name}”.</source>
        <translation>There is no column mapping named “{name}”.</translation>
    </message>
    <message>
        <source>Không có loại dữ liệu “{code}” để nhập. Có: {codes}.</source>
        <translation>There is no data type “{code}” to import. Available: {codes}.</translation>
    </message>
    <message>
        <source>Tìm cư dân theo tên (không dấu cũng được) hoặc số định danh</source>
        <translation>Find a resident by name (diacritics optional) or ID number</translation>
    </message>
    <message>
        <source>Bỏ chọn</source>
        <translation>Clear selection</translation>
    </message>
    <message>
        <source>Không tìm thấy cư dân nào.</source>
        <translation>No resident found.</translation>
    </message>
    <message>
        <source>Vai trò này chỉ gắn được tối đa {n} người.</source>
        <translation>At most {n} people can be linked in this role.</translation>
    </message>
    <message>
        <source>Đã chọn: {people}</source>
        <translation>Selected: {people}</translation>
    </message>
    <message>
        <source>Chưa gắn cư dân nào.</source>
        <translation>No resident linked yet.</translation>
    </message>
    <message>
        <source>Tên hoặc mã xã/phường (mới hoặc cũ)</source>
        <translation>Commune/ward name or code (new or old)</translation>
    </message>
    <message>
        <source>“{value}” là đơn vị cũ nay thuộc nhiều xã/phường: hãy chọn một.</source>
        <translation>“{value}” is a former unit now split among several communes/wards: choose one.</translation>
    </message>
    <message>
        <source>Có nhiều xã/phường tên “{value}”: hãy chọn một.</source>
        <translation>Several communes/wards are named “{value}”: choose one.</translation>
    </message>
    <message>
        <source>— chọn —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <source>thôn, tổ dân phố</source>
        <translation>hamlet or residential group</translation>
    </message>
    <message>
        <source>Số liệu phải là một số nguyên không âm.</source>
        <translation>The figure must be a whole number, not negative.</translation>
    </message>
    <message>
        <source>Tỷ lệ phải từ 0 đến 100 (%).</source>
        <translation>A share must be between 0 and 100 (%).</translation>
    </message>
    <message>
        <source>Chỉ tiêu có/không nhận 1 (có) hoặc 0 (không).</source>
        <translation>A yes/no indicator takes 1 (yes) or 0 (no).</translation>
    </message>
    <message>
        <source>Không có chỉ tiêu “{code}”.</source>
        <translation>There is no indicator “{code}”.</translation>
    </message>
    <message>
        <source>Chỉ tiêu này không có số lũy kế.</source>
        <translation>This indicator has no cumulative figure.</translation>
    </message>
    <message>
        <source>Cần ghi rõ lý do điều chỉnh số liệu (ví dụ: căn cứ, nguồn số liệu).</source>
        <translation>Write why the figure is adjusted (e.g. the basis, where the figure comes from).</translation>
    </message>
    <message>
        <source>Kỳ báo cáo “{text}” không hợp lệ. Dùng dạng 2026-11 (tháng), 2026-W47 (tuần), 2026 (năm) hoặc 2026-11-01..2026-11-14 (tùy chọn).</source>
        <translation>Report period “{text}” is not valid. Use 2026-11 (month), 2026-W47 (week), 2026 (year) or 2026-11-01..2026-11-14 (custom).</translation>
    </message>
    <message>
        <source>Ngày kết thúc của kỳ báo cáo phải sau ngày bắt đầu.</source>
        <translation>The report period must end after it starts.</translation>
    </message>
    <message>
        <source>Kỳ báo cáo tùy chọn dài tối đa 5 năm.</source>
        <translation>A custom report period is at most 5 years long.</translation>
    </message>
    <message>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Chủ Nhật</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>Ngày bắt đầu kỳ tháng phải từ 1 đến 28; ngày trong tuần từ Thứ Hai đến Chủ Nhật.</source>
        <translation>A monthly period starts on a day from 1 to 28; a weekly one on a day from Monday to Sunday.</translation>
    </message>
    <message>
        <source>Chỉ tiêu phải là một số không âm.</source>
        <translation>A target must be a number, not negative.</translation>
    </message>
    <message>
        <source>Tên xã, phường</source>
        <translation>Commune or ward</translation>
    </message>
    <message>
        <source>Thôn, tổ dân phố (báo cáo của một thôn)</source>
        <translation>Hamlet (a one-hamlet report)</translation>
    </message>
    <message>
        <source>Kỳ báo cáo (từ ngày – đến ngày)</source>
        <translation>Report period (from – to)</translation>
    </message>
    <message>
        <source>Ngày đầu kỳ</source>
        <translation>First day of the period</translation>
    </message>
    <message>
        <source>Ngày cuối kỳ</source>
        <translation>Last day of the period</translation>
    </message>
    <message>
        <source>Ngày bắt đầu tính lũy kế</source>
        <translation>First day of the cumulative figures</translation>
    </message>
    <message>
        <source>Ngày lập báo cáo</source>
        <translation>Date the report was made</translation>
    </message>
    <message>
        <source>kỳ này</source>
        <translation>this period</translation>
    </message>
    <message>
        <source>lũy kế từ đầu năm</source>
        <translation>since January</translation>
    </message>
    <message>
        <source>chỉ tiêu giao</source>
        <translation>target</translation>
    </message>
    <message>
        <source>ghi chú điều chỉnh</source>
        <translation>adjustment note</translation>
    </message>
    <message>
        <source>Không đọc được tệp mẫu báo cáo. Hãy dùng tệp Excel .xlsx (mở bằng Excel rồi “Lưu thành” .xlsx nếu đang là .xls).</source>
        <translation>The report template cannot be read. Use an Excel .xlsx file (open it in Excel and “Save as” .xlsx if it is an .xls).</translation>
    </message>
    <message>
        <source>Biểu đồ có sẵn trong tệp mẫu sẽ không được giữ lại khi lập báo cáo; số liệu, định dạng và công thức được giữ.</source>
        <translation>Charts in the template are not kept in the reports; figures, formatting and formulas are.</translation>
    </message>
    <message>
        <source>Hình ảnh (logo, quốc huy) trong tệp mẫu sẽ không được giữ lại khi lập báo cáo.</source>
        <translation>Pictures (logo, national emblem) in the template are not kept in the reports.</translation>
    </message>
    <message>
        <source>Tệp mẫu báo cáo quá lớn (tối đa 5 MB).</source>
        <translation>The report template is too large (at most 5 MB).</translation>
    </message>
    <message>
        <source>“{key}” không phải chỉ tiêu hay thông tin của báo cáo</source>
        <translation>“{key}” is not an indicator or a field of the report</translation>
    </message>
    <message>
        <source>“{ref}” ({key}) không phải địa chỉ ô dạng Trang!C7</source>
        <translation>“{ref}” ({key}) is not a cell address such as Sheet!C7</translation>
    </message>
    <message>
        <source>tệp mẫu không có trang “{sheet}” ({key})</source>
        <translation>the template has no sheet “{sheet}” ({key})</translation>
    </message>
    <message>
        <source>ô {cell} được gán hai lần ({a}, {b})</source>
        <translation>cell {cell} is used twice ({a}, {b})</translation>
    </message>
    <message>
        <source>Mẫu báo cáo cần gán ít nhất một chỉ tiêu vào một ô.</source>
        <translation>A report template needs at least one indicator in a cell.</translation>
    </message>
    <message>
        <source>mẫu báo cáo “{name}”</source>
        <translation>report template “{name}”</translation>
    </message>
    <message>
        <source>Cần đặt tên cho mẫu báo cáo.</source>
        <translation>Give the report template a name.</translation>
    </message>
    <message>
        <source>Không thay được mẫu chung của Xã Số.</source>
        <translation>The Xã Số standard template cannot be replaced.</translation>
    </message>
    <message>
        <source>Không sửa được mẫu chung của Xã Số.</source>
        <translation>The Xã Số standard template cannot be changed.</translation>
    </message>
    <message>
        <source>địa chỉ</source>
        <translation>address</translation>
    </message>
    <message>
        <source>đồng ý của cư dân</source>
        <translation>resident&apos;s consent</translation>
    </message>
    <message>
        <source>thành viên hộ</source>
        <translation>household member</translation>
    </message>
    <message>
        <source>lần đọc thẻ</source>
        <translation>card read</translation>
    </message>
    <message>
        <source>tình trạng VNeID</source>
        <translation>VNeID status</translation>
    </message>
    <message>
        <source>việc cần theo dõi</source>
        <translation>follow-up task</translation>
    </message>
    <message>
        <source>buổi thu nhận hồ sơ</source>
        <translation>collection session</translation>
    </message>
    <message>
        <source>người tham gia buổi thu nhận</source>
        <translation>collection session attendee</translation>
    </message>
    <message>
        <source>tệp đính kèm hồ sơ</source>
        <translation>record attachment</translation>
    </message>
    <message>
        <source>lịch sử hồ sơ hộ tịch</source>
        <translation>civil-status record history</translation>
    </message>
    <message>
        <source>Mục này đang nằm trong một gói đồng bộ chưa có trả lời của máy chủ. Hãy đồng bộ xong (hoặc nhập tệp xác nhận USB) rồi xử lý.</source>
        <translation>This item is in a sync batch the server has not answered yet. Finish syncing (or import the USB acknowledgement) and then resolve it.</translation>
    </message>
    <message>
        <source>mục cần đồng bộ</source>
        <translation>item to sync</translation>
    </message>
    <message>
        <source>Không ghi được bản của máy chủ vào máy này (hồ sơ hộ tịch chỉ thay đổi qua lịch sử của nó). Hãy đồng bộ lại để nhận đủ lịch sử rồi thử lại.</source>
        <translation>The server&apos;s version could not be written on this PC (a civil-status record changes only through its history). Sync again to receive the whole history, then try again.</translation>
    </message>
    <message>
        <source>Chọn giữ bản trên máy này hoặc bản trên máy chủ.</source>
        <translation>Choose to keep the version on this PC or the version on the server.</translation>
    </message>
    <message>
        <source>Mục này không phải vấn đề đồng bộ đang chờ xử lý.</source>
        <translation>This item is not an open sync problem.</translation>
    </message>
    <message>
        <source>Máy này chưa được đăng ký với máy chủ đồng bộ. Quản trị viên hãy đăng ký máy (Đồng bộ → Đăng ký máy) bằng mã đăng ký do máy chủ cấp.</source>
        <translation>This PC is not enrolled with a sync server. An administrator should enroll it (Sync → Enroll this PC) with an enrollment code from the server.</translation>
    </message>
    <message>
        <source>Xã mẫu (dữ liệu giả lập) không bao giờ được đồng bộ lên máy chủ.</source>
        <translation>The demo commune (simulated data) is never synced to a server.</translation>
    </message>
    <message>
        <source>Mã đăng ký này dành cho xã {hub} nhưng dữ liệu trên máy thuộc xã {local}. Hãy xin máy chủ mã đăng ký đúng xã.</source>
        <translation>This enrollment code is for commune {hub} but the data on this PC belongs to commune {local}. Ask the server for a code for the right commune.</translation>
    </message>
    <message>
        <source>chỉ tiêu {target}</source>
        <translation>target {target}</translation>
    </message>
    <message>
        <source>Chưa có số liệu</source>
        <translation>No figures yet</translation>
    </message>
    <message>
        <source>Chỉ tiêu {target}</source>
        <translation>Target {target}</translation>
    </message>
    <message>
        <source>Điều chỉnh số liệu</source>
        <translation>Adjust a figure</translation>
    </message>
    <message>
        <source>Kỳ này</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>Lũy kế từ đầu năm</source>
        <translation>Since January</translation>
    </message>
    <message>
        <source>số nguyên, ví dụ 125</source>
        <translation>a whole number, e.g. 125</translation>
    </message>
    <message>
        <source>phần trăm, ví dụ 87,5</source>
        <translation>a percentage, e.g. 87.5</translation>
    </message>
    <message>
        <source>1 = có, 0 = không</source>
        <translation>1 = yes, 0 = no</translation>
    </message>
    <message>
        <source>Lý do điều chỉnh, căn cứ, nguồn số liệu (bắt buộc)</source>
        <translation>Why, on what basis, where the figure comes from (required)</translation>
    </message>
    <message>
        <source>Chỉ tiêu</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Số liệu</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Số tính từ dữ liệu</source>
        <translation>Computed from the data</translation>
    </message>
    <message>
        <source>Số báo cáo</source>
        <translation>Figure to report</translation>
    </message>
    <message>
        <source>Dùng lại số tính từ dữ liệu</source>
        <translation>Use the computed figure again</translation>
    </message>
    <message>
        <source>Kỳ báo cáo và chỉ tiêu giao</source>
        <translation>Report periods and targets</translation>
    </message>
    <message>
        <source>1: tháng dương lịch; 15: từ ngày 15 tháng trước đến ngày 14 tháng báo cáo</source>
        <translation>1: calendar months; 15: from the 15th of the month before to the 14th of the report&apos;s month</translation>
    </message>
    <message>
        <source>Chỉ tiêu giao</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Kỳ tuần bắt đầu vào</source>
        <translation>Weekly periods start on</translation>
    </message>
    <message>
        <source>Kỳ tháng bắt đầu từ ngày</source>
        <translation>Monthly periods start on day</translation>
    </message>
    <message>
        <source>Chỉ tiêu giao (để trống: theo danh mục; tỷ lệ tính bằng %)</source>
        <translation>Targets (empty: the catalogue&apos;s; shares in %)</translation>
    </message>
    <message>
        <source>Chỉ tiêu giao phải là một số.</source>
        <translation>A target must be a number.</translation>
    </message>
    <message>
        <source>Mẫu báo cáo của tỉnh</source>
        <translation>Province report template</translation>
    </message>
    <message>
        <source>Tên mẫu, ví dụ: Biểu 01 – Sở Nội vụ</source>
        <translation>Template name, e.g. Form 01 – Department of Home Affairs</translation>
    </message>
    <message>
        <source>Chưa chọn tệp.</source>
        <translation>No file chosen.</translation>
    </message>
    <message>
        <source>Chọn tệp .xlsx…</source>
        <translation>Choose an .xlsx file…</translation>
    </message>
    <message>
        <source>Chỉ tiêu / thông tin</source>
        <translation>Indicator / field</translation>
    </message>
    <message>
        <source>Ô (Trang!C7)</source>
        <translation>Cell (Sheet!C7)</translation>
    </message>
    <message>
        <source>Ô được đề xuất từ các ô ghi {{mã chỉ tiêu}} và từ tên chỉ tiêu trong mẫu; hãy kiểm tra và ghi thêm ô còn thiếu. Để trống: không điền.</source>
        <translation>Cells are proposed from cells holding {{indicator code}} and from indicator names in the form; check them and type the missing ones. Empty: not filled.</translation>
    </message>
    <message>
        <source>Chọn mẫu báo cáo</source>
        <translation>Choose a report template</translation>
    </message>
    <message>
        <source>Đang đọc mẫu…</source>
        <translation>Reading the template…</translation>
    </message>
    <message>
        <source>{n} ô được đề xuất. Trang trong tệp: {sheets}</source>
        <translation>{n} cells proposed. Sheets in the file: {sheets}</translation>
    </message>
    <message>
        <source>Có thay đổi chưa gửi lên máy chủ quá {days} ngày nên tạm dừng nhập mới. Hãy đồng bộ (hoặc gửi gói USB và nhập tệp xác nhận), rồi làm tiếp.</source>
        <translation>Changes have waited more than {days} days to reach the hub, so new work is paused. Sync (or send a USB bundle and import its acknowledgement), then carry on.</translation>
    </message>
    <message>
        <source>Có thay đổi chưa gửi lên máy chủ đã {age} ngày; đủ {days} ngày máy sẽ tạm dừng nhập mới. Hãy đồng bộ sớm.</source>
        <translation>Changes have waited {age} days to reach the hub; at {days} days this PC will pause new work. Sync soon.</translation>
    </message>
    <message>
        <source>Có thay đổi chưa gửi lên máy chủ đã {age} ngày. Hãy đồng bộ (hoặc gửi gói USB).</source>
        <translation>Changes have waited {age} days to reach the hub. Sync (or send a USB bundle).</translation>
    </message>
    <message>
        <source>Cập nhật Xã Số</source>
        <translation>Xã Số update</translation>
    </message>
    <message>
        <source>Tải về…</source>
        <translation>Download…</translation>
    </message>
    <message>
        <source>Để sau</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Có phiên bản mới: {version}</source>
        <translation>New version available: {version}</translation>
    </message>
    <message>
        <source>Phát hành ngày {date}; máy này đang dùng bản {current}.</source>
        <translation>Released on {date}; this PC runs version {current}.</translation>
    </message>
    <message>
        <source>Cần Windows {version} trở lên.</source>
        <translation>Requires Windows {version} or later.</translation>
    </message>
    <message>
        <source>Tệp cài đặt: {name} ({size} MB).</source>
        <translation>Installer: {name} ({size} MB).</translation>
    </message>
    <message>
        <source>Xã Số không tự cài đặt: sau khi tải về, hãy tự chạy bộ cài (nên sao lưu dữ liệu trước).</source>
        <translation>Xã Số never installs by itself: after the download, run the installer yourself (back up your data first).</translation>
    </message>
    <message>
        <source>Đang dùng bản mới nhất</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <source>Máy này đang dùng Xã Số {current}, bản mới nhất.</source>
        <translation>This PC runs Xã Số {current}, the latest version.</translation>
    </message>
    <message>
        <source>Bản cập nhật bị từ chối</source>
        <translation>Update refused</translation>
    </message>
    <message>
        <source>Không có bản cập nhật</source>
        <translation>No update</translation>
    </message>
    <message>
        <source>Không kiểm tra được cập nhật</source>
        <translation>Could not check for updates</translation>
    </message>
    <message>
        <source>Chọn thư mục lưu bản cài đặt</source>
        <translation>Choose a folder for the installer</translation>
    </message>
    <message>
        <source>Đang tải bản cập nhật…</source>
        <translation>Downloading the update…</translation>
    </message>
    <message>
        <source>Đã tải về và kiểm tra mã SHA-256: {path}. Xã Số không tự cài đặt — hãy đóng Xã Số rồi tự chạy tệp này.</source>
        <translation>Downloaded and SHA-256 checked: {path}. Xã Số does not install it — close Xã Số, then run this file yourself.</translation>
    </message>
    <message>
        <source>Bản cập nhật không hợp lệ ({detail}) — đã bỏ qua, không có gì được cài đặt. Nếu lỗi lặp lại, hãy báo quản trị máy chủ.</source>
        <translation>The update notice is invalid ({detail}) — ignored, nothing was installed. If this happens again, tell the server administrator.</translation>
    </message>
    <message>
        <source>Bản cập nhật không hợp lệ (chữ ký sai) — đã bỏ qua.</source>
        <translation>The update is invalid (bad signature) — ignored.</translation>
    </message>
    <message>
        <source>Bản cập nhật được ký bằng một khóa không được tin cậy (mã khóa {key_id}) — đã bỏ qua.</source>
        <translation>The update is signed with an untrusted key (key id {key_id}) — ignored.</translation>
    </message>
    <message>
        <source>Tệp cập nhật này không dành cho Xã Số (sản phẩm “{product}”) — đã bỏ qua.</source>
        <translation>This update file is not for Xã Số (product “{product}”) — ignored.</translation>
    </message>
    <message>
        <source>Bản cập nhật {offered} không mới hơn bản đang dùng ({current}) — đã bỏ qua.</source>
        <translation>Update {offered} is not newer than the version in use ({current}) — ignored.</translation>
    </message>
    <message>
        <source>Bản cập nhật không hợp lệ: địa chỉ tải tệp {name} không dùng https — đã bỏ qua.</source>
        <translation>The update is invalid: the download address of {name} is not https — ignored.</translation>
    </message>
    <message>
        <source>Không xác định được phiên bản Xã Số đang chạy nên không so sánh được với bản cập nhật. Hãy cài lại Xã Số từ bộ cài chính thức.</source>
        <translation>The running version of Xã Số is unknown, so updates cannot be compared with it. Reinstall Xã Số from the official installer.</translation>
    </message>
    <message>
        <source>Tệp tải về {name} không khớp mã kiểm tra (SHA-256 hoặc kích thước) của bản cập nhật nên đã bị xóa. Hãy tải lại; nếu lỗi lặp lại, hãy báo quản trị máy chủ.</source>
        <translation>The downloaded file {name} does not match the update&apos;s checksum (SHA-256 or size) and was deleted. Download it again; if this happens again, tell the server administrator.</translation>
    </message>
    <message>
        <source>Không ghi được tệp tải về vào thư mục {folder} (hết chỗ trống hoặc không có quyền ghi). Hãy chọn thư mục khác rồi tải lại.</source>
        <translation>Could not save the download in {folder} (disk full or no permission to write). Choose another folder and download again.</translation>
    </message>
    <message>
        <source>Không kết nối được nơi kiểm tra cập nhật ({url}). Máy có thể đang không có mạng; hãy kiểm tra mạng rồi thử lại sau.</source>
        <translation>Could not reach the update source ({url}). This PC may be offline; check the network and try again later.</translation>
    </message>
    <message>
        <source>Nơi kiểm tra cập nhật trả lời lỗi (mã {status}, {url}). Hãy thử lại sau hoặc báo quản trị máy chủ.</source>
        <translation>The update source answered with an error (code {status}, {url}). Try again later or tell the server administrator.</translation>
    </message>
    <message>
        <source>Chưa có thông báo cập nhật nào tại {url}; hãy tiếp tục dùng bản hiện tại.</source>
        <translation>No update notice has been published at {url}; keep using the current version.</translation>
    </message>
    <message>
        <source>Tệp thông báo cập nhật lớn quá mức cho phép ({limit} byte) — đã bỏ qua.</source>
        <translation>The update notice is larger than allowed ({limit} bytes) — ignored.</translation>
    </message>
    <message>
        <source>Chưa có nơi kiểm tra cập nhật: máy này chưa đăng ký với máy chủ đồng bộ và chưa đặt địa chỉ cập nhật. Hãy đăng ký máy (Đồng bộ) hoặc hỏi quản trị viên.</source>
        <translation>No update source yet: this PC is not enrolled with a sync server and no update address is set. Enroll this PC (Sync) or ask your administrator.</translation>
    </message>
    <message>
        <source>Bản {version} chưa có tệp cài đặt cho loại máy này ({platform}). Hãy hỏi quản trị máy chủ.</source>
        <translation>Version {version} has no installer for this kind of PC ({platform}) yet. Ask the server administrator.</translation>
    </message>
</context>
</TS>
