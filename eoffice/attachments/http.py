"""Serving a stored file after the caller's access check on its document."""

from django.http import FileResponse, Http404, HttpResponse

from eoffice.attachments import preview


def _attachment(attachments, pk):
    attachment = attachments.select_related("stored_file").filter(pk=pk).first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp.")
    return attachment


def attachment_response(attachments, pk) -> FileResponse:
    """The attachment `pk` from `attachments` (a document's own queryset, so
    the document check covers it) served inline for the PDF preview."""
    attachment = _attachment(attachments, pk)
    stored = attachment.stored_file
    return FileResponse(stored.file.open("rb"), content_type=stored.content_type, filename=attachment.filename)


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
