"""What marks a record for re-indexing: every audited change of it (all
services audit their changes), and new attachment text from extraction/OCR.
Which models and which files: the registered sources (eoffice.search.sources)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from eoffice.attachments.models import StoredFile
from eoffice.audit.services import record_changed
from eoffice.search.reindex import mark
from eoffice.search.sources import SOURCES, kind_of


@receiver(record_changed, dispatch_uid="search_record_changed")
def _record_changed(sender, pk, **kwargs):
    kind = kind_of(sender)
    if kind:
        mark(kind, pk)


@receiver(post_save, sender=StoredFile, dispatch_uid="search_file_text")
def _file_text(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or "text" not in update_fields:
        return
    for kind, source in SOURCES.items():
        if source.file_records:
            for pk in source.file_records(instance):
                mark(kind, pk)
