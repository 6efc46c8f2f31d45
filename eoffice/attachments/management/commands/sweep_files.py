"""python manage.py sweep_files [--hours 24] [--delete] — list (or delete) the
files in storage that no record holds, left by transactions that rolled back."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from eoffice.attachments.sweep import sweep


class Command(BaseCommand):
    help = "Liệt kê (hoặc xóa với --delete) các tệp trong kho lưu trữ không thuộc bản ghi nào (do giao dịch bị hủy để lại)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="chỉ các tệp cũ hơn số giờ này (mặc định 24)")
        parser.add_argument("--delete", action="store_true", help="xóa các tệp tìm được (mặc định chỉ đếm)")

    def handle(self, *args, hours=24, delete=False, **options):
        if hours < 1:
            raise CommandError("--hours phải từ 1 trở lên: tệp mới có thể thuộc một giao dịch đang chạy.")
        count, size = sweep(older_than=timedelta(hours=hours), delete=delete)
        verb = "Đã xóa" if delete else "Tìm thấy"
        self.stdout.write(f"{verb} {count} tệp không thuộc bản ghi nào ({size / 1024 / 1024:.1f} MB).")
