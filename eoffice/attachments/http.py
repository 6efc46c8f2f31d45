"""Serving a stored file after the caller's access check on its document."""

from django.http import FileResponse, Http404


def attachment_response(attachments, pk) -> FileResponse:
    """The attachment `pk` from `attachments` (a document's own queryset, so
    the document check covers it) served inline for the PDF preview."""
    attachment = attachments.select_related("stored_file").filter(pk=pk).first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp.")
    stored = attachment.stored_file
    return FileResponse(stored.file.open("rb"), content_type=stored.content_type, filename=attachment.filename)
