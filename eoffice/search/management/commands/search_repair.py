"""python manage.py search_repair — find where the index and the database
disagree (missing, stale or orphaned entries) and fix it."""

from django.core.management.base import BaseCommand

from eoffice.search.backends import get_backend
from eoffice.search.indexing import fingerprint
from eoffice.search.sources import SOURCES


def drift() -> tuple[list, list, list]:
    """(missing keys, stale keys, orphan keys) — stale: the record changed
    (text, status or who may see it) since it was indexed."""
    indexed = get_backend().fingerprints()
    missing, stale, seen = [], [], set()
    for kind, source in SOURCES.items():
        for record in source.queryset().order_by("pk").iterator(chunk_size=500):
            entry = source.entry(record)
            seen.add(entry.key)
            if entry.key not in indexed:
                missing.append((kind, record.pk))
            elif indexed[entry.key] != fingerprint(entry):
                stale.append((kind, record.pk))
    orphans = sorted(set(indexed) - seen)
    return missing, stale, orphans


class Command(BaseCommand):
    help = "Tìm và sửa chỗ chỉ mục tìm kiếm lệch với cơ sở dữ liệu."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="chỉ báo cáo, không sửa")

    def handle(self, *args, dry_run=False, **options):
        from eoffice.search.indexing import index_keys

        missing, stale, orphans = drift()
        self.stdout.write(f"Thiếu trong chỉ mục: {len(missing)}; đã cũ: {len(stale)}; thừa: {len(orphans)}")
        if dry_run or not (missing or stale or orphans):
            return
        index_keys(missing + stale)
        get_backend().delete(orphans)
        self.stdout.write(self.style.SUCCESS("Đã sửa chỉ mục tìm kiếm."))
