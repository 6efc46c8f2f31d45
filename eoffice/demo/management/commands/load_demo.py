import time

from django.core.management.base import BaseCommand

from eoffice.core.database import refresh_statistics
from eoffice.demo.catalog import LOGINS
from eoffice.demo.services import DEFAULT_PASSWORD, demo_load, demo_office, demo_summary
from eoffice.demo.twofactor import demo_key_shown
from eoffice.env import env_str


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: các cơ quan của thành phố Hải Phòng, cán bộ Văn phòng UBND, khoảng 300 văn bản đến "
        "và văn bản đi ở mọi trạng thái (ký số bằng khóa của CA thử nghiệm), khoảng 500 hồ sơ một cửa. "
        "Không làm gì nếu dữ liệu mẫu đã có. Mật khẩu lấy từ biến môi trường DEMO_PASSWORD."
    )

    def handle(self, *args, **options):
        office = demo_office()
        if office is not None:
            self.stdout.write(f"Dữ liệu mẫu đã có ({office.name}), không tạo lại.")
            return
        password = env_str("DEMO_PASSWORD", DEFAULT_PASSWORD) or DEFAULT_PASSWORD
        started = time.monotonic()
        office = demo_load(password=password)
        refresh_statistics()  # what the nightly job does: the planner knows the new rows at once
        self._report(office, demo_summary(office), time.monotonic() - started, password)

    def _report(self, office, summary: dict, seconds: float, password: str) -> None:
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                f"Đã tạo dữ liệu mẫu trong {seconds:.1f} giây: {summary['agencies']} cơ quan, {summary['units']} đơn vị, "
                f"{summary['users']} người dùng, {summary['documents']} văn bản đến, {summary['attachments']} tệp đính kèm."
            )
        )
        write(f"Văn bản đến của {office.name}: {summary['office_documents']}")
        for label, count in summary["by_status"].items():
            write(f"  {label:<22}{count:>5}")
        write(f"Nhiệm vụ đang mở: {summary['open_tasks']}, trong đó quá hạn: {summary['overdue_tasks']}")
        write(f"Văn bản đi của {office.name}: {sum(summary['outgoing_by_status'].values())}")
        for label, count in summary["outgoing_by_status"].items():
            write(f"  {label:<22}{count:>5}")
        write(f"Văn bản đi của {summary['city'].name} (chọn cơ quan UBND): {summary['city_outgoing']}")
        write(f"Hồ sơ một cửa: {summary['dossiers']} hồ sơ của {summary['procedures']} thủ tục hành chính công khai")
        for label, count in summary["dossiers_by_status"].items():
            write(f"  {label:<22}{count:>5}")
        write(f"Hồ sơ quá hạn: {summary['dossiers_overdue']}, đã xin lỗi và hẹn lại: {summary['dossiers_apologised']}")
        shown = password if password == DEFAULT_PASSWORD else "giá trị của DEMO_PASSWORD"
        write(f"Đăng nhập (mật khẩu: {shown}):")
        for username, role in LOGINS:
            write(f"  {username:<13}{role}")
        write(
            f"Xác thực hai lớp (lãnh đạo, người ký, quản trị): thêm khóa {demo_key_shown()} vào ứng dụng xác thực, "
            "hoặc lấy mã hiện tại bằng: .venv/bin/python manage.py demo_totp"
        )
