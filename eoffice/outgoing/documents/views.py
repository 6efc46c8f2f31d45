"""Web pages of outgoing documents: the work list, the document page with its
PDF, page images, DOCX, files and edXML packages, and the signature check. The
draft's form is drafting/views.py; the buttons of the document page (one POST
view per step) come from outgoing.workflow."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from eoffice.attachments.http import attachment_response, page_image_response
from eoffice.attachments.models import StoredFile
from eoffice.organisation.access import current_actor
from eoffice.outgoing.access import get_outgoing_for_user
from eoffice.outgoing.documents import pages
from eoffice.outgoing.documents.files import docx_response, pdf_bytes, pdf_response
from eoffice.outgoing.documents.forms import VerifyForm
from eoffice.outgoing.documents.worklist import TABS, step_label, tab_queryset


@login_required
def document_list(request):
    actor = current_actor(request)
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "waiting"
    qs = tab_queryset(actor, tab).select_related("drafting_unit", "drafter", "signer")
    if request.GET.get("q"):
        qs = qs.filter(subject__icontains=request.GET["q"].strip())
    page = Paginator(qs.order_by("-updated_at", "-id"), 50).get_page(request.GET.get("page"))
    for document in page.object_list:
        document.waits_for = step_label(document)
    counts = {"waiting": tab_queryset(actor, "waiting").count()}
    context = {"tab": tab, "tabs": TABS, "page": page, "counts": counts, "may_draft": bool(actor.unit_ids)}
    return render(request, "outgoing/list.html", context)


@login_required
def detail(request, pk):
    actor = current_actor(request)
    document = get_outgoing_for_user(actor, pk)
    return render(request, "outgoing/detail.html", pages.detail_context(actor, document))


@login_required
@xframe_options_sameorigin
def pdf(request, pk):
    return pdf_response(get_outgoing_for_user(current_actor(request), pk))


@login_required
def page_image(request, pk, number):
    """Trang <number> of the document as PNG (the preview on the document page)."""
    return page_image_response(pdf_bytes(get_outgoing_for_user(current_actor(request), pk)), number)


@login_required
def docx(request, pk):
    return docx_response(get_outgoing_for_user(current_actor(request), pk))


@login_required
@xframe_options_sameorigin
def attachment_file(request, pk, attachment_pk):
    document = get_outgoing_for_user(current_actor(request), pk)
    return attachment_response(document.attachments, attachment_pk)


@login_required
def package(request, pk, recipient_pk):
    """The edXML package sent to an external recipient (gói tin liên thông)."""
    document = get_outgoing_for_user(current_actor(request), pk)
    recipient = document.recipients.select_related("package").filter(pk=recipient_pk, package__isnull=False).first()
    if recipient is None:
        raise Http404("Không có gói tin cho nơi nhận này.")
    name = f"{document.symbol_display.replace('/', '-')}-{recipient.agency.organ_id}.edxml"
    package = cast(StoredFile, recipient.package)  # filtered on package__isnull=False
    return FileResponse(package.file.open("rb"), content_type="application/xml", filename=name, as_attachment=True)


@login_required
def verify(request):
    """Kiểm tra chữ ký số of any PDF the user uploads (e.g. a received document)."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    reports = None
    if request.method == "POST" and form.is_valid():
        reports = pages.verify_upload(form)
    status = 400 if request.method == "POST" and reports is None else 200
    return render(request, "outgoing/verify.html", {"form": form, "reports": reports}, status=status)
