"""What marks a record for re-indexing: every audited change of it (all
services audit their changes), and new attachment text from extraction/OCR."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from eoffice.attachments.models import StoredFile
from eoffice.audit.services import record_changed
from eoffice.search.indexing import mark

KINDS = {"incoming.incomingdocument": "incoming", "outgoing.outgoingdocument": "outgoing", "onestop.dossier": "dossier"}


@receiver(record_changed, dispatch_uid="search_record_changed")
def _record_changed(sender, pk, **kwargs):
    kind = KINDS.get(sender._meta.label_lower)
    if kind:
        mark(kind, pk)


@receiver(post_save, sender=StoredFile, dispatch_uid="search_file_text")
def _file_text(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or "text" not in update_fields:
        return
    from eoffice.incoming.models import IncomingDocument
    from eoffice.outgoing.models import OutgoingDocument

    for pk in IncomingDocument.objects.filter(attachments__stored_file=instance).values_list("pk", flat=True):
        mark("incoming", pk)
    outgoing = OutgoingDocument.objects.filter(attachments__stored_file=instance) | OutgoingDocument.objects.filter(
        issued_file=instance
    )
    for pk in outgoing.values_list("pk", flat=True).distinct():
        mark("outgoing", pk)
