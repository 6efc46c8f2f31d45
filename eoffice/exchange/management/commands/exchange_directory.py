"""Danh bạ liên thông from the command line: export to, or import from, an XLSX
or CSV file (the admin's "Danh bạ cơ quan liên thông" page does the same)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eoffice.core.errors import ValidationFailed
from eoffice.exchange import directory
from eoffice.organisation.models import Agency


class Command(BaseCommand):
    help = "Xuất hoặc nhập danh bạ cơ quan liên thông (XLSX hoặc CSV)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("file", help="Tệp .xlsx hoặc .csv")
        parser.add_argument("--dry-run", action="store_true", help="Nhập: chỉ kiểm tra, chưa ghi")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if options["action"] == "export":
            agencies = Agency.objects.exclude(organ_id=None)
            data = directory.export_csv(agencies) if path.suffix.lower() == ".csv" else directory.export_xlsx(agencies)
            path.write_bytes(data)
            self.stdout.write(f"Đã xuất {agencies.count()} cơ quan vào {path}.")
            return
        try:
            report = directory.import_file(path.name, path.read_bytes(), actor=None, dry_run=options["dry_run"])
        except OSError as error:
            raise CommandError(f"Không đọc được {path}: {error.strerror}") from None
        except ValidationFailed as refusal:
            raise CommandError("\n".join([refusal.message, *refusal.fields.get("file", [])[5:]])) from None
        verb = "Tệp hợp lệ, sẽ" if options["dry_run"] else "Đã"
        self.stdout.write(f"{verb} thêm {report.created} và cập nhật {report.updated} cơ quan.")
