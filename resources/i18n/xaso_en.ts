<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name></name>
    <message>
        <source>Xã Số đang mở với thư mục dữ liệu này trên máy. Hãy dùng cửa sổ đang mở.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đầu đọc: đang kiểm tra…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đầu đọc: dịch vụ thẻ không chạy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đầu đọc: chưa cắm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đầu đọc: có thẻ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đầu đọc: sẵn sàng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Còn {n} lần thử trước khi tài khoản bị tạm khóa.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu không đúng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xã Số — Đăng nhập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hãy nhập tên đăng nhập.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hãy nhập mật khẩu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang mở khóa dữ liệu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xã Số — Đã khóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xã Số đã khóa do lâu không thao tác.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người dùng: {username}. Nhập mật khẩu để tiếp tục.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mở khóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đổi người dùng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang kiểm tra mật khẩu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời điểm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người dùng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đối tượng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chi tiết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hệ thống</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lọc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiểm tra chuỗi băm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tất cả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (hiển thị {n} gần nhất)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} sự kiện</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang kiểm tra toàn bộ nhật ký…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhật ký nguyên vẹn: {n} sự kiện, chuỗi băm khớp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHÁT HIỆN NHẬT KÝ BỊ CAN THIỆP:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gõ tên (không dấu cũng được) hoặc số định danh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quan hệ với chủ hộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm hộ theo tên hoặc số định danh của một thành viên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chủ hộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thôn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số thành viên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm thành viên…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bỏ khỏi hộ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển sang hộ khác…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gõ tên một thành viên để tìm hộ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thành viên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} hộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không tìm thấy hộ nào.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm thành viên vào hộ {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã thêm thành viên.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bỏ khỏi hộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do (ví dụ: chuyển đi nơi khác, đã mất):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã bỏ khỏi hộ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển sang hộ khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã chuyển sang hộ khác.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cư dân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hộ gia đình</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thôn, tổ dân phố</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thay đổi chưa đồng bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số định danh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi độ tuổi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dưới 6 tuổi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6–13 tuổi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>14–17 tuổi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18–59 tuổi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ 60 tuổi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi thôn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nam và nữ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi trạng thái VNeID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có hoặc chưa có số định danh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có số định danh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa có số định danh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm theo họ tên (gõ không dấu cũng được), số định danh, CMND, điện thoại…  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm cư dân (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (hiển thị {n} đầu tiên; gõ thêm để thu hẹp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} cư dân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm người dùng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ tên hiển thị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cần nhập tên đăng nhập.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ tên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vô hiệu hóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đã vô hiệu hóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đang dùng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã thêm người dùng {u}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã vô hiệu hóa {u}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu cho {u}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sao lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sao lưu ngay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sao lưu ra thư mục (USB)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khôi phục…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã sao lưu: {files}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn thư mục (ví dụ ổ USB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã ghi bản sao lưu vào {path}. Bản sao được mã hóa; cần mật khẩu hoặc khóa khôi phục để mở.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn bản sao lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khôi phục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu hiện tại sẽ được thay bằng bản sao lưu (một bản an toàn của dữ liệu hiện tại được giữ lại). Tiếp tục?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã khôi phục. Bản an toàn của dữ liệu trước đó: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thông tin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thư mục dữ liệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phiên bản</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã hóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLCipher, khóa 256 bit; mỗi người dùng một khóa bọc riêng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang thực hiện…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ và tên *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ví dụ: Nguyễn Thị Hoà</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số định danh (12 số)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số CMND cũ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dd/mm/yyyy, mm/yyyy hoặc yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quốc tịch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Việt Nam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dân tộc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tôn giáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quê quán</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nơi đăng ký khai sinh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nhập tay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đọc từ chip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mã QR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>giấy tờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>người dân khai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nhập từ Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tạo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sửa thông tin cư dân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm cư dân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xóa…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lịch sử (từ nhật ký; không lưu giá trị)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nguồn: {source}, {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cần nhập họ và tên.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có thể trùng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã có {n} cư dân giống người này:
{lines}

Vẫn thêm người mới?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa lưu: hãy kiểm tra người đã có.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu, cần xem lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xóa cư dân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do xóa (ví dụ: nhập trùng, chuyển đi nơi khác). Bản ghi được giữ lại trong nhật ký và có thể khôi phục:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang xóa…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không tìm thấy đơn vị nào. Hãy gõ ít chữ hơn hoặc gõ không dấu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} đơn vị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn tỉnh, thành phố</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo danh mục đơn vị hành chính năm 2025 (34 tỉnh, thành phố). Gõ tên, có dấu hay không dấu đều được, ví dụ: thanh hoa.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm tỉnh, thành phố…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang tải danh mục đơn vị hành chính…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn xã, phường, đặc khu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm xã, phường…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Các xã, phường, đặc khu của {province} (mã năm 2025). Gõ tên không dấu để tìm, ví dụ: quang ngoc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên thôn/tổ dân phố, ví dụ: Thôn Đông, Tổ dân phố 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đổi tên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xuống</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhập các thôn, tổ dân phố của {commune} theo thứ tự thường dùng, ít nhất một; nhấn Enter để thêm từng tên. Có thể sửa sau trong Cài đặt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hãy nhập tên thôn/tổ dân phố.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã có “{name}” trong danh sách.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên thôn/tổ dân phố không được để trống.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cần ít nhất một thôn hoặc tổ dân phố.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người quản trị thêm người dùng, đặt lại mật khẩu và cấu hình Xã Số. Mật khẩu mở khóa dữ liệu: không ai khôi phục được nếu quên, trừ khi có khóa khôi phục.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tạo dữ liệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ví dụ: nguyenvana</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ví dụ: Nguyễn Văn A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ít nhất {n} ký tự</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, dài 2–32 ký tự (ví dụ: nguyenvana).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hãy nhập họ và tên người quản trị.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu phải có ít nhất {n} ký tự.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp. Hãy nhập lại mật khẩu lần hai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang tạo dữ liệu được mã hóa cho xã…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa tạo được dữ liệu: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XÃ SỐ — KHÓA KHÔI PHỤC DỮ LIỆU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đơn vị: {commune}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày tạo: {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khóa này mở được toàn bộ dữ liệu của xã khi quên mật khẩu quản trị.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hãy in ra hoặc chép vào USB, cất ở nơi an toàn (tủ có khóa), rồi xóa tệp này khỏi máy tính.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không gửi khóa qua Zalo, thư điện tử hay mạng xã hội: ai có khóa đều đọc được dữ liệu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khóa khôi phục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khóa này chỉ hiện một lần. Nếu quên mật khẩu quản trị, chỉ khóa này mở lại được dữ liệu. Hãy lưu hoặc chép lại ngay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu ra tệp…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sao chép</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tôi đã cất giữ khóa khôi phục ở nơi an toàn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã tạo dữ liệu nhưng chưa lưu được danh sách thôn/tổ dân phố ({error}). Hãy nhập lại trong Cài đặt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu khóa khôi phục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp văn bản (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không lưu được tệp ({error}). Hãy chọn thư mục khác, ví dụ ổ USB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu vào {path}. Hãy chép sang USB hoặc in ra, cất nơi an toàn, rồi xóa tệp khỏi máy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã sao chép khóa. Hãy dán vào nơi an toàn ngay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://, ví dụ: https://dongbo.thanhhoa.gov.vn. Có thể để trống và nhập sau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ đồng bộ (không bắt buộc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ cấp trên để đồng bộ dữ liệu. Để trống nếu chưa có; có thể nhập sau trong Cài đặt → Đồng bộ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xã Số — Thiết lập lần đầu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; Quay lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hoàn tất</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trợ giúp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tổng quan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đọc thẻ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đặt thẻ căn cước gắn chip lên đầu đọc để tra cứu cư dân. Trang này sẽ có trong bản tiếp theo; hiện có thể đọc thẻ bằng lệnh: python main.py card read --id-number …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VNeID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo dõi hành trình tài khoản định danh điện tử mức 2 của từng cư dân. Chưa có ở bản này; số liệu VNeID hiện có ở trang Tổng quan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ hộ tịch, an sinh, lao động, lưu trú… sẽ được số hóa ở đây. Chưa có hồ sơ nào.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rà soát</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Các việc cần rà soát (trùng lặp, sai lệch với thẻ) sẽ hiện ở đây. Chưa có việc nào.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa cấu hình máy chủ đồng bộ cấp trên. Mọi thay đổi được giữ an toàn trên máy này cho đến khi đồng bộ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Báo cáo tuần/tháng sẽ được lập từ dữ liệu của xã ở đây.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhật ký</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản này không có quyền xem nhật ký.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người dùng: {user} ({role})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đầu đọc: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng bộ: chưa cấu hình</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa đồng bộ: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quản trị viên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thành viên tổ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ xem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chủ hộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vợ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chồng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>con</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bố</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mẹ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ông</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bà</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cháu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>em</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>con dâu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>con rể</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>người ở nhờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa đủ điều kiện</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa có tài khoản</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mức 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã chuẩn bị hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã nộp mức 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã cấp mức 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã kích hoạt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
