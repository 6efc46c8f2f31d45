"""python manage.py import_procedures danh-muc.json --agency VP — nhập danh mục
thủ tục hành chính (JSON or XLSX, as exported) for one agency, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eoffice.onestop.catalogue.services import CatalogueInvalid, import_file
from eoffice.organisation.models import Agency


def find_agency(wanted: str) -> Agency:
    """An agency by short name or identifier (mã định danh); hosted ones first,
    since short names repeat (several "UBND")."""
    matches = list(Agency.objects.filter(short_name=wanted)) or list(Agency.objects.filter(organ_id=wanted))
    hosted = [agency for agency in matches if agency.hosted]
    matches = hosted or matches
    if not matches:
        raise CommandError(f"Không có cơ quan có tên viết tắt hoặc mã định danh “{wanted}”.")
    if len(matches) > 1:
        names = "; ".join(f"{a.name} ({a.organ_id or 'không có mã'})" for a in matches)
        raise CommandError(f"Có nhiều cơ quan “{wanted}”: {names}. Hãy dùng mã định danh.")
    return matches[0]


class Command(BaseCommand):
    help = (
        "Nhập danh mục thủ tục hành chính từ tệp .json hoặc .xlsx (như tệp xuất bởi export_procedures): thêm mới hoặc "
        "cập nhật theo mã thủ tục; trình tự, thành phần hồ sơ, phí, lệ phí được thay bằng nội dung trong tệp. "
        "Có lỗi thì không nhập thủ tục nào."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .json hoặc .xlsx")
        parser.add_argument("--agency", required=True, help="tên viết tắt hoặc mã định danh của cơ quan tiếp nhận")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không lưu")

    def handle(self, *args, file, agency, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không có tệp “{file}”.")
        try:
            report = import_file(path.name, path.read_bytes(), actor=None, agency=find_agency(agency), dry_run=dry_run)
        except CatalogueInvalid as error:
            for problem in error.errors:
                self.stderr.write(f"  - {problem}")
            raise CommandError(error.message) from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
