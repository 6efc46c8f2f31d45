"""python manage.py audit_verify [--agency CODE] — recompute the audit log's hash
chains; exit status 1 and the first broken link of each chain that fails."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from eoffice.audit.chain import Verified, agency_by_code, verify_chains


class Command(BaseCommand):
    help = "Kiểm tra chuỗi mã băm của nhật ký hệ thống: mỗi dòng không bị sửa, xóa hay chèn thêm."

    def add_arguments(self, parser):
        parser.add_argument("--agency", metavar="CODE", help="chỉ chuỗi của cơ quan có mã định danh này")

    def handle(self, *args, agency=None, **options):
        ids = None
        if agency:
            try:
                ids = [agency_by_code(agency).pk]
            except ObjectDoesNotExist:
                raise CommandError(f"Không có cơ quan mã định danh {agency}.") from None
        results = verify_chains(ids)
        verified = [result for result in results if isinstance(result, Verified)]
        for result in results:
            (self.stdout if isinstance(result, Verified) else self.stderr).write(str(result))
        if len(verified) < len(results):
            raise CommandError(f"{len(results) - len(verified)}/{len(results)} chuỗi nhật ký bị phá vỡ.")
        rows = sum(result.count for result in verified)
        self.stdout.write(f"Tất cả {len(results)} chuỗi hợp lệ, {rows} dòng. Ghi lại các mã băm dòng cuối để đối chiếu lần sau.")
