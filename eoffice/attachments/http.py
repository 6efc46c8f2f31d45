"""Serving a stored file after the caller's access check on its document."""

from django.http import FileResponse, Http404, HttpResponse

from eoffice.attachments import preview
from eoffice.attachments.models import StoredFile
from eoffice.attachments.pdfsafety import active_content

INLINE_IMAGES = {"image/png", "image/jpeg"}


def _attachment(attachments, pk):
    attachment = attachments.select_related("stored_file").filter(pk=pk).first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp.")
    return attachment


def attachment_response(attachments, pk) -> FileResponse:
    """The attachment `pk` from `attachments` (a document's own queryset, so
    the document check covers it), for viewing (stored_file_response)."""
    attachment = _attachment(attachments, pk)
    return stored_file_response(attachment.stored_file, attachment.filename)


def stored_file_response(stored: StoredFile, filename: str) -> FileResponse:
    """A stored file after the caller's access check: a clean PDF or an image
    inline, for viewing; a PDF with active content, and whatever a browser
    would not show anyway, as a download (pdfsafety.py). What is not a PDF also
    carries `Content-Security-Policy: sandbox` (Chrome's PDF viewer will not run
    under it, so PDFs are kept clean instead)."""
    if stored.is_pdf and stored.active_content is None:  # stored before the check existed
        with stored.file.open("rb") as handle:
            stored.active_content = active_content(handle)
        StoredFile.objects.filter(pk=stored.pk).update(active_content=stored.active_content)
    inline = (stored.is_pdf and not stored.download_only) or stored.content_type in INLINE_IMAGES
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type, filename=filename, as_attachment=not inline)
    if not stored.is_pdf:
        response["Content-Security-Policy"] = "sandbox"
    return response


def page_image_response(data: bytes, number: int) -> HttpResponse:
    """Page `number` of the PDF `data` as PNG, or 404 when it has no such page.
    Private: the caller has checked access to the document it belongs to."""
    image = preview.page_png(data, number)
    if image is None:
        raise Http404("Không có trang này.")
    return HttpResponse(image, content_type="image/png", headers={"Cache-Control": "private, no-cache"})


def attachment_page_response(attachments, pk, number: int) -> HttpResponse:
    """Page `number` of the PDF attachment `pk` from `attachments` (the
    document's own queryset, checked by the caller) as PNG: phones that do not
    show a PDF inside a page show these images."""
    stored = _attachment(attachments, pk).stored_file
    if not stored.is_pdf:
        raise Http404("Tệp này không phải PDF.")
    with stored.file.open("rb") as handle:
        return page_image_response(handle.read(), number)


def pdf_page_count(stored, data: bytes | None = None) -> int:
    """How many pages the stored PDF has (0 when it cannot be read: the page
    then offers the download link only). `data`: its bytes, when already read."""
    try:
        if data is None:
            with stored.file.open("rb") as handle:
                data = handle.read()
        return preview.page_count(data)
    except (OSError, preview.PdfiumError):
        return 0
