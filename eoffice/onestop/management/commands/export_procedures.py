"""python manage.py export_procedures --format xlsx -o danh-muc.xlsx — xuất
danh mục thủ tục hành chính (all agencies, or one with --agency)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eoffice.onestop.catalogue.services import export_json_bytes, export_xlsx
from eoffice.onestop.management.commands.import_procedures import find_agency
from eoffice.onestop.models import Procedure


class Command(BaseCommand):
    help = "Xuất danh mục thủ tục hành chính ra tệp JSON (kèm tệp mẫu) hoặc XLSX (bốn trang)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "xlsx"], default="json", help="định dạng (mặc định json)")
        parser.add_argument("-o", "--output", help="tệp kết quả (JSON: mặc định in ra màn hình)")
        parser.add_argument("--agency", help="chỉ các thủ tục của cơ quan này (tên viết tắt hoặc mã định danh)")
        parser.add_argument("--without-files", action="store_true", help="JSON: không kèm nội dung tệp mẫu")

    def handle(self, *args, format, output=None, agency=None, without_files=False, **options):
        procedures = Procedure.objects.all()
        if agency:
            procedures = procedures.filter(agency=find_agency(agency))
        if format == "xlsx":
            if not output:
                raise CommandError("Định dạng xlsx cần tên tệp kết quả: -o danh-muc.xlsx")
            data = export_xlsx(procedures)
        else:
            data = export_json_bytes(procedures, include_files=not without_files)
        if output:
            Path(output).write_bytes(data)
            self.stdout.write(self.style.SUCCESS(f"Đã xuất {procedures.count()} thủ tục ra “{output}”."))
        else:
            self.stdout.write(data.decode("utf-8"))
