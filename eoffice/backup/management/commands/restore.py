"""python manage.py restore FILE.tar --passphrase-file F [--force] — an
archive of `backup` into a new, empty installation (docs/deploy.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from eoffice.backup.errors import BackupError
from eoffice.backup.services import PASSPHRASE_VARIABLE, read_passphrase, restore_backup


class Command(BaseCommand):
    help = "Phục hồi một bản sao lưu vào cài đặt mới (trống): cơ sở dữ liệu, tệp đính kèm, khóa bí mật, khóa ký."

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="FILE", help="tệp do lệnh backup tạo")
        parser.add_argument(
            "--passphrase-file", metavar="F", help=f"tệp chứa cụm mật khẩu (mặc định: biến môi trường {PASSPHRASE_VARIABLE})"
        )
        parser.add_argument("--force", action="store_true", help="ghi đè cả khi cài đặt đích đã có dữ liệu")

    def handle(self, *args, archive, passphrase_file=None, force=False, **options):
        try:
            manifest = restore_backup(Path(archive), read_passphrase(passphrase_file), force=force, out=self.stdout)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Đã phục hồi bản sao lưu tạo lúc {manifest['created_at']}."))
        key_file = Path(settings.VAR_DIR) / "secret_key"
        self.stdout.write(f"Khởi động lại eOffice (web và worker) với SECRET_KEY đọc từ {key_file}.")
        if not manifest["storage"]["files_included"]:
            self.stdout.write(f"Tệp đính kèm không có trong bản sao lưu: trỏ eOffice tới kho {manifest['storage']['bucket']}.")
