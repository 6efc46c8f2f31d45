"""Downloads of an outgoing document: the issued (or signed) PDF when there is
one, else a fresh rendering of the current draft; the editable DOCX."""

from django.http import HttpResponse

from eoffice.outgoing.drafting.templating import layout_for
from eoffice.outgoing.rendering import render_docx, render_pdf

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _name(document, extension: str) -> str:
    base = (
        f"{document.code_number}-{document.code_notation}"
        if document.code_number
        else f"du-thao-{document.pk}-v{document.version}"
    )
    return f"{base.replace('/', '-')}.{extension}"


def pdf_bytes(document) -> bytes:
    stored = document.issued_file or document.signed_file
    if stored is not None:
        with stored.file.open("rb") as handle:
            return handle.read()
    return render_pdf(layout_for(document)).data


def pdf_response(document) -> HttpResponse:
    response = HttpResponse(pdf_bytes(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_name(document, "pdf")}"'
    return response


def docx_response(document) -> HttpResponse:
    response = HttpResponse(render_docx(layout_for(document)), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_name(document, "docx")}"'
    return response
