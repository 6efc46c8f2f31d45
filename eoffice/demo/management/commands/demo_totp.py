from django.core.management.base import BaseCommand

from eoffice.demo.twofactor import demo_code, demo_key_shown


class Command(BaseCommand):
    help = "In mã xác thực hai lớp hiện tại của khóa demo (chỉ dữ liệu mẫu; người dùng thật có khóa riêng)."

    def handle(self, *args, **options):
        self.stdout.write(f"Mã xác thực của khóa demo {demo_key_shown()}: {demo_code()} (đổi sau mỗi 30 giây)")
