"""python manage.py backup --output FILE.tar[.gz] [--passphrase-file F] — the
database, the stored files and the encrypted secrets in one archive (docs/deploy.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eoffice.backup.errors import BackupError
from eoffice.backup.services import PASSPHRASE_VARIABLE, create_backup, read_passphrase


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu, tệp đính kèm, khóa bí mật và khóa ký vào một tệp (khóa được mã hóa bằng cụm mật khẩu)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="FILE", help="tệp .tar (hoặc .tar.gz) sẽ tạo; không được có sẵn")
        parser.add_argument(
            "--passphrase-file", metavar="F", help=f"tệp chứa cụm mật khẩu (mặc định: biến môi trường {PASSPHRASE_VARIABLE})"
        )

    def handle(self, *args, output, passphrase_file=None, **options):
        try:
            manifest = create_backup(Path(output), read_passphrase(passphrase_file))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {output}: {len(manifest['files'])} tệp, {size / 1024**2:.1f} MB."))
        if not manifest["storage"]["files_included"]:
            self.stdout.write(f"Tệp đính kèm trên kho đối tượng ({manifest['storage']['bucket']}) không có trong bản sao lưu.")
        self.stdout.write("Cất cụm mật khẩu ở nơi khác bản sao lưu: thiếu nó không phục hồi được khóa bí mật và khóa ký.")
