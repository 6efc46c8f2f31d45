"""The buttons of the document page: one POST view per step (eoffice.core.steps)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from eoffice.core.steps import RecordPage, run_step
from eoffice.outgoing import delivery, forms, issuance, pages, services
from eoffice.outgoing.access import get_outgoing_for_user
from eoffice.outgoing.correction import outgoing_correct

PAGE = RecordPage(get_outgoing_for_user, "outgoing-detail", "outgoing/detail.html", pages.detail_context)


def _run(request, pk, key, run, form=None, done="Đã lưu.", then=None):
    return run_step(request, PAGE, pk, key, run, form, done, then)


@login_required
@require_POST
def submit(request, pk):
    form = forms.OptionalCommentForm(request.POST, prefix="submit")
    run = lambda actor, d, v: services.outgoing_submit(actor=actor, document=d, note=v["comment"])  # noqa: E731
    return _run(request, pk, "submit", run, form, done="Đã trình dự thảo.")


@login_required
@require_POST
def approve(request, pk):
    form = forms.OptionalCommentForm(request.POST, prefix="approve")
    run = lambda actor, d, v: services.outgoing_approve(actor=actor, document=d, comment=v["comment"])  # noqa: E731
    return _run(request, pk, "approve", run, form, done="Đã duyệt dự thảo.")


@login_required
@require_POST
def return_(request, pk):
    form = forms.CommentForm(request.POST, prefix="return")
    run = lambda actor, d, v: services.outgoing_return(actor=actor, document=d, comment=v["comment"])  # noqa: E731
    return _run(request, pk, "return", run, form, done="Đã trả lại dự thảo cho người soạn thảo.")


@login_required
@require_POST
def comment(request, pk):
    form = forms.CommentForm(request.POST, prefix="comment")
    run = lambda actor, d, v: services.outgoing_comment(actor=actor, document=d, text=v["comment"])  # noqa: E731
    return _run(request, pk, "comment", run, form, done="Đã ghi ý kiến.")


@login_required
@require_POST
def sign(request, pk):
    run = lambda actor, d, v: issuance.outgoing_sign(actor=actor, document=d)  # noqa: E731
    return _run(request, pk, "sign", run, done="Đã ký số văn bản.")


@login_required
@require_POST
def issue(request, pk):
    run = lambda actor, d, v: issuance.outgoing_issue(actor=actor, document=d)  # noqa: E731
    done = lambda d: f"Đã cấp số {d.symbol_display}, ký số của cơ quan và ban hành."  # noqa: E731
    return _run(request, pk, "issue", run, done=done)


@login_required
@require_POST
def recall(request, pk):
    form = forms.ReasonForm(request.POST, prefix="recall")
    run = lambda actor, d, v: issuance.outgoing_recall(actor=actor, document=d, reason=v["reason"])  # noqa: E731
    return _run(request, pk, "recall", run, form, done="Đã thu hồi văn bản.")


@login_required
@require_POST
def correct(request, pk):
    """Soạn văn bản đính chính; the user lands on the new draft."""
    run = lambda actor, d, v: outgoing_correct(actor=actor, original=d)  # noqa: E731
    done = "Đã tạo dự thảo Công văn đính chính: hãy ghi rõ chỗ sai sót và nội dung đính chính."
    return _run(request, pk, "correct", run, done=done, then=lambda new: redirect("outgoing-edit", pk=new.pk))


@login_required
@require_POST
def resend(request, pk, recipient_pk):
    """Gửi lại a package the exchange refused."""

    def run(actor, document, _):
        recipient = document.recipients.filter(pk=recipient_pk).first()
        if recipient is None:
            raise Http404("Không có nơi nhận này.")
        return delivery.resend(actor=actor, recipient=recipient)

    return _run(request, pk, "resend", run, done=lambda r: f"Đã đưa gói tin cho {r.agency.name} vào hàng đợi gửi lại.")
