"""Web pages of incoming documents. Each view: access helper → form → service."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from eoffice.attachments.http import attachment_response
from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.incoming import forms, services
from eoffice.incoming.access import get_assignment_for_user, get_incoming_for_user
from eoffice.incoming.models import AssignmentKind, IncomingDocument, Status
from eoffice.incoming.selectors import TABS, document_filters, inbox_assignments, inbox_counts, inbox_items, registry_queue
from eoffice.organisation.access import current_actor
from eoffice.organisation.selectors import today


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
def register(request):
    actor = current_actor(request)
    if not actor.is_clerk:
        raise Http404("Chỉ văn thư mới được vào sổ văn bản đến.")
    form = forms.IncomingForm(request.POST or None, request.FILES or None, initial={"arrival_date": today()})
    duplicate = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files, confirm = data.pop("files"), data.pop("confirm_duplicate")
        try:
            document = services.incoming_register(actor=actor, data=data, files=files, confirm_duplicate=confirm)
        except ServiceError as error:
            duplicate = error.code == "duplicate"
            apply_service_error(form, error)
        else:
            messages.success(request, f"Đã vào sổ văn bản đến, số đến {document.arrival_number}.")
            return redirect("incoming-detail", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and request.FILES:
        messages.warning(request, "Vì dữ liệu chưa hợp lệ nên tệp chưa được lưu: hãy chọn lại tệp trước khi gửi.")
    return render(request, "incoming/register.html", {"form": form, "duplicate": duplicate}, status=status)


def _task_forms(actor, assignment, bound=None):
    forms_for: dict[str, Any] = {}
    if (
        assignment.user_id is None
        and assignment.unit_id in actor.head_unit_ids
        and assignment.kind in (AssignmentKind.LEAD, AssignmentKind.COORDINATE)
    ):
        forms_for["reassign"] = forms.ReassignForm(unit=assignment.unit, prefix=f"a{assignment.pk}")
    if assignment.kind == AssignmentKind.INFORM:
        forms_for["acknowledge"] = True
    elif assignment.kind != AssignmentKind.REVIEW:
        forms_for["progress"] = forms.NoteForm(prefix=f"a{assignment.pk}")
        forms_for["complete"] = forms.CompleteForm(prefix=f"a{assignment.pk}")
    if bound and bound[0] == assignment.pk:
        forms_for[bound[1]] = bound[2]
    return forms_for


def _detail_context(actor, document, bound=None):
    """Everything the document page shows; `bound` replaces one action form
    with the user's submitted one so a refused action keeps what was typed."""
    agency = document.agency
    assignments = list(document.assignments.select_related("unit", "user", "assigned_by").order_by("id"))
    # Each unit's task directly followed by the specialists' tasks given under it.
    assignments.sort(key=lambda a: (a.parent_id or a.pk, a.parent_id is not None, a.pk))
    actions: dict[str, Any] = {}
    if actor.is_clerk and document.status in (Status.REGISTERED, Status.RETURNED):
        actions["submit"] = forms.SubmitForm(agency=agency)
    if actor.is_clerk and document.status not in (Status.DONE, Status.RECALLED):
        actions["recall"] = forms.ReasonForm(prefix="recall")
    if actor.is_leader and document.status == Status.SUBMITTED:
        actions["direct"] = forms.DirectForm(agency=agency)
        actions["return"] = forms.ReasonForm(prefix="return")
    if document.is_confidential and (actor.is_leader or actor.is_clerk):
        actions["grant"] = forms.GrantForm(agency=agency)
    if bound and bound[0] is None:
        actions[bound[1]] = bound[2]
    my_tasks = [
        (a, _task_forms(actor, a, bound))
        for a in assignments
        if a.is_open and ((a.user_id in actor.acting_user_ids) or (a.user_id is None and a.unit_id in actor.head_unit_ids))
    ]
    return {
        "document": document,
        "attachments": document.attachments.select_related("stored_file"),
        "assignments": assignments,
        "trace": document.trace.select_related("actor"),
        "actions": actions,
        "my_tasks": my_tasks,
    }


@login_required
def detail(request, pk):
    actor = current_actor(request)
    document = get_incoming_for_user(actor, pk)
    return render(request, "incoming/detail.html", _detail_context(actor, document))


def _run(request, document, form, run, *, key, assignment_pk=None):
    """Validate the form, call the service; on refusal re-render the page with
    the user's input and the Vietnamese reason."""
    actor = current_actor(request)
    if form.is_valid():
        try:
            run(actor, form.cleaned_data)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Đã lưu.")
            return redirect("incoming-detail", pk=document.pk)
    context = _detail_context(actor, document, bound=(assignment_pk, key, form))
    return render(request, "incoming/detail.html", context, status=400)


@login_required
@require_POST
def submit(request, pk):
    document = get_incoming_for_user(current_actor(request), pk)
    form = forms.SubmitForm(request.POST, agency=document.agency)
    return _run(
        request,
        document,
        form,
        lambda actor, d: services.incoming_submit(actor=actor, document=document, leader=d["leader"], note=d["note"]),
        key="submit",
    )


@login_required
@require_POST
def return_(request, pk):
    document = get_incoming_for_user(current_actor(request), pk)
    form = forms.ReasonForm(request.POST, prefix="return")
    return _run(
        request,
        document,
        form,
        lambda actor, d: services.incoming_return(actor=actor, document=document, reason=d["reason"]),
        key="return",
    )


@login_required
@require_POST
def recall(request, pk):
    document = get_incoming_for_user(current_actor(request), pk)
    form = forms.ReasonForm(request.POST, prefix="recall")
    return _run(
        request,
        document,
        form,
        lambda actor, d: services.incoming_recall(actor=actor, document=document, reason=d["reason"]),
        key="recall",
    )


@login_required
@require_POST
def direct(request, pk):
    document = get_incoming_for_user(current_actor(request), pk)
    form = forms.DirectForm(request.POST, agency=document.agency)
    return _run(
        request, document, form, lambda actor, d: services.incoming_direct(actor=actor, document=document, **d), key="direct"
    )


@login_required
@require_POST
def grant(request, pk):
    document = get_incoming_for_user(current_actor(request), pk)
    form = forms.GrantForm(request.POST, agency=document.agency)
    return _run(
        request,
        document,
        form,
        lambda actor, d: services.incoming_grant_access(actor=actor, document=document, user=d["user"]),
        key="grant",
    )


@login_required
@require_POST
def reassign(request, pk):
    assignment = get_assignment_for_user(current_actor(request), pk)
    form = forms.ReassignForm(request.POST, unit=assignment.unit, prefix=f"a{pk}")
    return _run(
        request,
        assignment.document,
        form,
        lambda actor, d: services.assignment_reassign(actor=actor, assignment=assignment, **d),
        key="reassign",
        assignment_pk=assignment.pk,
    )


@login_required
@require_POST
def progress(request, pk):
    assignment = get_assignment_for_user(current_actor(request), pk)
    form = forms.NoteForm(request.POST, prefix=f"a{pk}")
    return _run(
        request,
        assignment.document,
        form,
        lambda actor, d: services.assignment_progress(actor=actor, assignment=assignment, note=d["note"]),
        key="progress",
        assignment_pk=assignment.pk,
    )


@login_required
@require_POST
def complete(request, pk):
    assignment = get_assignment_for_user(current_actor(request), pk)
    form = forms.CompleteForm(request.POST, prefix=f"a{pk}")
    return _run(
        request,
        assignment.document,
        form,
        lambda actor, d: services.assignment_complete(actor=actor, assignment=assignment, **d),
        key="complete",
        assignment_pk=assignment.pk,
    )


@login_required
@xframe_options_sameorigin
def attachment_file(request, pk, attachment_pk):
    """Serve an attachment inline (PDF preview) after the document access check."""
    document = get_incoming_for_user(current_actor(request), pk)
    return attachment_response(document.attachments, attachment_pk)


@login_required
def attachment_signatures(request, pk, attachment_pk):
    """Kiểm tra chữ ký số of a received PDF: signer, time, intact, trusted."""
    from eoffice.signatures.verification import verify_pdf

    document = get_incoming_for_user(current_actor(request), pk)
    attachment = document.attachments.select_related("stored_file").filter(pk=attachment_pk).first()
    if attachment is None or not attachment.stored_file.is_pdf:
        raise Http404("Không tìm thấy tệp PDF.")
    with attachment.stored_file.file.open("rb") as handle:
        try:
            reports = verify_pdf(handle.read())
        except ServiceError as error:
            reports, problem = [], error.message
        else:
            problem = ""
    context = {"document": document, "attachment": attachment, "reports": reports, "problem": problem}
    return render(request, "incoming/signatures.html", context)
