"""Web pages of incoming documents: the inbox, the list, the document page and
its files. Each view: access helper → form → service. The buttons of the
document page (one POST view per step) come from incoming.workflow; the
registration page is in receiving/views.py, the registers in reports/views.py."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from eoffice.attachments.http import attachment_page_response, attachment_response
from eoffice.core.errors import ServiceError
from eoffice.incoming import forms, pages
from eoffice.incoming.access import get_incoming_for_user
from eoffice.incoming.models import IncomingDocument, Status
from eoffice.incoming.selectors import TABS, document_filters, inbox_assignments, inbox_counts, inbox_items, registry_queue
from eoffice.organisation.access import current_actor


def _filters(request):
    form = forms.FilterForm(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


@login_required
def inbox(request):
    actor = current_actor(request)
    tab = request.GET.get("tab", "waiting")
    if tab not in TABS:
        tab = "waiting"
    form, params = _filters(request)
    queue = []
    if tab == "waiting" and actor.is_clerk:
        queue = list(document_filters(registry_queue(actor), params)[:50])
    assignments = inbox_assignments(actor, tab)
    document_params = {k: v for k, v in params.items() if v not in (None, "")}
    if document_params:
        ids = document_filters(IncomingDocument.objects.filter(agency=actor.agency), document_params).values("pk")
        assignments = assignments.filter(document__in=ids)
    page = Paginator(assignments, 50).get_page(request.GET.get("page"))
    items = inbox_items(queue, page)
    context = {"tab": tab, "tabs": TABS, "items": items, "page": page, "counts": inbox_counts(actor), "filter_form": form}
    return render(request, "incoming/inbox.html", context)


@login_required
def document_list(request):
    actor = current_actor(request)
    form, params = _filters(request)
    qs = document_filters(IncomingDocument.objects.visible_to(actor), {**params, "status": request.GET.get("status")})
    page = Paginator(qs.order_by("-arrival_date", "-arrival_number"), 50).get_page(request.GET.get("page"))
    return render(request, "incoming/list.html", {"page": page, "filter_form": form, "statuses": Status.choices})


@login_required
def detail(request, pk):
    actor = current_actor(request)
    document = get_incoming_for_user(actor, pk)
    return render(request, "incoming/detail.html", pages.detail_context(actor, document))


@login_required
@xframe_options_sameorigin
def attachment_file(request, pk, attachment_pk):
    """Serve an attachment inline (PDF preview) after the document access check."""
    document = get_incoming_for_user(current_actor(request), pk)
    return attachment_response(document.attachments, attachment_pk)


@login_required
def attachment_page(request, pk, attachment_pk, number):
    """Page <number> of a PDF attachment as PNG, after the same document check
    (and audit of a confidential read) as the file itself."""
    document = get_incoming_for_user(current_actor(request), pk)
    return attachment_page_response(document.attachments, attachment_pk, number)


@login_required
def attachment_signatures(request, pk, attachment_pk):
    """Kiểm tra chữ ký số of a received PDF: signer, time, intact, trusted."""
    from eoffice.signatures.verification import verify_pdf_kept

    document = get_incoming_for_user(current_actor(request), pk)
    attachment = document.attachments.select_related("stored_file").filter(pk=attachment_pk).first()
    if attachment is None or not attachment.stored_file.is_pdf:
        raise Http404("Không tìm thấy tệp PDF.")
    with attachment.stored_file.file.open("rb") as handle:
        try:
            reports = verify_pdf_kept(handle.read())
        except ServiceError as error:
            reports, problem = [], error.message
        else:
            problem = ""
    context = {"document": document, "attachment": attachment, "reports": reports, "problem": problem}
    return render(request, "incoming/signatures.html", context)
