"""python manage.py audit_verify [--agency CODE] [--anchor FILE] [--against FILE] —
recompute the audit log's hash chains; exit status 1 and the first broken link
of each chain that fails. --anchor writes each chain's last link to a file kept
outside the system; --against checks the log still holds the links of such a file."""

import json
from datetime import UTC
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from eoffice.audit.chain import AnchorFileError, Verified, agency_by_code, anchors, check_anchors, read_anchors, verify_chains


class Command(BaseCommand):
    help = "Kiểm tra chuỗi mã băm của nhật ký hệ thống: mỗi dòng không bị sửa, xóa hay chèn thêm."

    def add_arguments(self, parser):
        parser.add_argument("--agency", metavar="CODE", help="chỉ chuỗi của cơ quan có mã định danh này")
        parser.add_argument("--anchor", metavar="FILE", type=Path, help="ghi mắt xích cuối của mỗi chuỗi ra tệp JSON này")
        parser.add_argument("--against", metavar="FILE", type=Path, help="đối chiếu với tệp mốc đã ghi bằng --anchor")

    def handle(self, *args, agency=None, anchor=None, against=None, **options):
        # Read first: a bad file is reported before a long verification.
        entries = self._read(against) if against else None
        results = verify_chains(self._ids(agency))
        verified = [result for result in results if isinstance(result, Verified)]
        for result in results:
            (self.stdout if isinstance(result, Verified) else self.stderr).write(str(result))
        # Anchors are checked even when a chain is broken: the operator sees both.
        problems = check_anchors(entries) if entries is not None else []
        for problem in problems:
            self.stderr.write(problem)
        if len(verified) < len(results):
            raise CommandError(self._broken_message(len(results) - len(verified), len(results), anchor))
        if problems:
            raise CommandError(f"{len(problems)}/{len(entries or [])} mốc đối chiếu không khớp: nhật ký đã khác lúc ghi mốc.")
        rows = sum(result.count for result in verified)
        self.stdout.write(f"Tất cả {len(results)} chuỗi hợp lệ, {rows} dòng. Ghi lại các mã băm dòng cuối để đối chiếu lần sau.")
        if entries is not None:
            self.stdout.write(f"Khớp cả {len(entries)} mốc đối chiếu trong {against}.")
        if anchor:
            self._write(anchor, results)

    def _ids(self, agency):
        if not agency:
            return None
        try:
            return [agency_by_code(agency).pk]
        except ObjectDoesNotExist:
            raise CommandError(f"Không có cơ quan mã định danh {agency}.") from None

    def _broken_message(self, broken, total, anchor):
        message = f"{broken}/{total} chuỗi nhật ký bị phá vỡ."
        # A broken chain's last link is worth nothing as an anchor.
        return f"{message} Không ghi tệp mốc {anchor}." if anchor else message

    def _read(self, path):
        try:
            return read_anchors(path)
        except AnchorFileError as error:
            raise CommandError(str(error)) from None

    def _write(self, path, results):
        chains = anchors(results)
        document = {"at": timezone.now().astimezone(UTC).isoformat(timespec="seconds"), "chains": chains}
        try:
            path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Không ghi được tệp mốc {path}: {error.strerror or error}.") from None
        self.stdout.write(
            f"Đã ghi mốc đối chiếu ({len(chains)} chuỗi) vào {path}. "
            "Hãy cất tệp này ngoài hệ thống (in ra, ký xác nhận) để lần sau đối chiếu bằng --against."
        )
