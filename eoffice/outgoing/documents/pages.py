"""What the document page shows, gathered in one place so views stay thin:
versions, comments, the chain with its current step, recipients, signatures
and the action forms this user may use now."""

from eoffice.attachments.preview import page_count
from eoffice.attachments.validation import HEAD_BYTES, check_upload
from eoffice.audit.models import AuditEvent
from eoffice.core.errors import ValidationFailed
from eoffice.core.workflow import Bound
from eoffice.organisation.selectors import Actor
from eoffice.outgoing import chain
from eoffice.outgoing.documents.files import pdf_bytes
from eoffice.outgoing.models import OutgoingDocument, Status
from eoffice.outgoing.workflow import DOCUMENT, can_edit
from eoffice.signatures.verification import verify_pdf, verify_pdf_kept


def steps_view(document) -> list[dict]:
    current = chain.current_step(document) if document.status == Status.IN_REVIEW else None
    rows = []
    for step in document.steps.select_related("acted_by"):
        if step.approved_version == document.version:
            state = "approved"
        elif current is not None and step.pk == current.pk:
            state = "current"
        else:
            state = "pending"
        rows.append({"step": step, "state": state, "stale": step.approved_version not in (None, document.version)})
    return rows


def actions_for(actor: Actor, document, bound: Bound | None = None) -> dict:
    """The steps this user may take now (outgoing.workflow), with "edit" for the
    drafter's link to the form; a refused step keeps its form and the reason."""
    actions = DOCUMENT.available(actor, document, bound)
    if can_edit(actor, document) is None:
        actions["edit"] = True
    return actions


def pdf_facts(document) -> tuple[int, list]:
    """(page count, signature reports) of the PDF the page shows (reports kept
    a few minutes per file and trust list: signatures.verify_pdf_kept)."""
    data = pdf_bytes(document)
    signed = document.issued_file_id or document.signed_file_id
    return page_count(data), (verify_pdf_kept(data) if signed else [])


def history(document) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type="outgoing.outgoingdocument", object_id=str(document.pk))
        .exclude(action="outgoing.read_confidential")
        .select_related("actor")
        .order_by("at", "id")
    )


def detail_context(actor: Actor, document: OutgoingDocument, bound: Bound | None = None) -> dict:
    comments = list(document.comments.select_related("author"))
    versions = list(document.versions.select_related("created_by").order_by("-number"))
    pages, signatures = pdf_facts(document)
    actions = actions_for(actor, document, bound)
    return {
        "document": document,
        "steps": steps_view(document),
        # A draft's next handler is not its drafter: say it is not submitted, and to whom it will go.
        "not_submitted": document.status in (Status.DRAFT, Status.RETURNED),
        "next_actors": chain.next_actors(document),
        "goes_to": chain.reviewers_on_submit(document),
        "versions": versions,
        "comments": comments,
        "attachments": document.attachments.select_related("stored_file"),
        "recipients": document.recipients.select_related("agency", "incoming").prefetch_related("statuses"),
        "answers": document.answers.all(),
        "corrections": document.corrections.all(),
        "page_numbers": range(1, pages + 1),
        "signatures": signatures,
        "history": history(document),
        "actions": actions,
        "may_resend": actions.pop("resend", None) is not None,  # a button per failed recipient
    }


def verify_upload(form) -> list | None:
    """Reports for an uploaded PDF, or None with the reason on the form."""
    upload = form.cleaned_data["file"]
    try:
        check_upload(upload.name, upload.read(HEAD_BYTES), upload.size)
        upload.seek(0)
        data = upload.read()
        if not data.startswith(b"%PDF"):
            raise ValidationFailed("Chỉ kiểm tra được chữ ký số của tệp PDF.")
        return verify_pdf(data)
    except ValidationFailed as error:
        form.add_error("file", error.message)
        return None
