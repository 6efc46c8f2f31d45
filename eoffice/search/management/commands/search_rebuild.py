"""python manage.py search_rebuild — the whole index again, with a progress bar."""

import sys
import time

from django.core.management.base import BaseCommand

from eoffice.search.backends import get_backend
from eoffice.search.indexing import fingerprint
from eoffice.search.sources import SOURCES

BATCH = 500


def progress(out, done: int, total: int, started: float, label: str) -> None:
    """One line redrawn in place: "Văn bản đến ████████░░ 80% 8,000/10,000 1,234/s"."""
    rate = done / max(time.monotonic() - started, 1e-6)
    filled = int(30 * done / total) if total else 30
    bar = "█" * filled + "░" * (30 - filled)
    percent = 100 * done // total if total else 100
    out.write(f"\r{label:<12} {bar} {percent:3d}% {done:,}/{total:,} {rate:,.0f}/s", ending="")
    out.flush()


class Command(BaseCommand):
    help = "Xây dựng lại toàn bộ chỉ mục tìm kiếm (văn bản đến, văn bản đi…)."

    def handle(self, *args, **options):
        backend = get_backend()
        backend.clear()
        interactive = sys.stdout.isatty()
        for source in SOURCES.values():
            queryset = source.queryset().order_by("pk")
            total, done, started = queryset.count(), 0, time.monotonic()
            batch = []
            for record in queryset.iterator(chunk_size=BATCH):
                entry = source.entry(record)
                batch.append((entry, fingerprint(entry)))
                if len(batch) == BATCH:
                    backend.upsert(batch)
                    done += len(batch)
                    batch = []
                    if interactive:
                        progress(self.stdout, done, total, started, source.label)
            backend.upsert(batch)
            done += len(batch)
            progress(self.stdout, done, total, started, source.label)
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Đã xây dựng lại chỉ mục tìm kiếm."))
