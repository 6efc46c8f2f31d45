"""The buttons of the dossier page: one POST view per step of the lifecycle.
A refused step re-renders the page with the Vietnamese reason and the user's
input, with the service's status (400 bad input, 403 not this person's step,
409 not in this state)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST

from eoffice.core.steps import RecordPage, run_step
from eoffice.onestop.access import get_dossier_for_user
from eoffice.onestop.dossiers import forms, pages, services
from eoffice.onestop.dossiers.services import stamp
from eoffice.organisation.access import current_actor

PAGE = RecordPage(get_dossier_for_user, "onestop:detail", "onestop/detail.html", pages.detail_context)


def _run(request, pk, key, run, form=None, done="Đã lưu."):
    return run_step(request, PAGE, pk, key, run, form, done)


@login_required
@require_POST
def accept(request, pk):
    """Tiếp nhận a dossier sent online."""
    run = lambda actor, d, v: services.dossier_accept(actor=actor, dossier=d)  # noqa: E731
    done = lambda d: f"Đã tiếp nhận hồ sơ {d.code}, hẹn trả {stamp(d.due_at)}. Hãy in giấy tiếp nhận."  # noqa: E731
    return _run(request, pk, "accept", run, done=done)


@login_required
@require_POST
def hand_over(request, pk):
    """Chuyển xử lý / hoàn thành bước và chuyển bước tiếp theo."""
    form = forms.NoteForm(request.POST, prefix="hand_over")
    run = lambda actor, d, v: services.dossier_hand_over(actor=actor, dossier=d, note=v["note"])  # noqa: E731
    done = lambda step: f"Đã chuyển hồ sơ sang bước {step.order}: {step.name}."  # noqa: E731
    return _run(request, pk, "hand_over", run, form, done=done)


@login_required
@require_POST
def request_supplement(request, pk):
    form = forms.SupplementRequestForm(request.POST, prefix="request_supplement")

    def run(actor, dossier, values):
        return services.dossier_request_supplement(actor=actor, dossier=dossier, items=form.item_list(), reason=values["reason"])

    done = "Đã yêu cầu bổ sung hồ sơ; thời gian giải quyết tạm dừng. Hãy in phiếu yêu cầu bổ sung gửi người nộp."
    return _run(request, pk, "request_supplement", run, form, done=done)


@login_required
@require_POST
def supplement(request, pk):
    """Nhận giấy tờ bổ sung (with their scans)."""
    dossier = get_dossier_for_user(current_actor(request), pk)
    form = forms.SupplementForm(request.POST, request.FILES, prefix="supplement", procedure=dossier.procedure)

    def run(actor, dossier, values):
        return services.dossier_supplement(actor=actor, dossier=dossier, papers=pages.store_papers(form.paper_items(), form))

    done = lambda d: f"Đã nhận giấy tờ bổ sung; hẹn trả kết quả {stamp(d.due_at)}."  # noqa: E731
    return _run(request, pk, "supplement", run, form, done=done)


@login_required
@require_POST
def refuse(request, pk):
    form = forms.ReasonForm(request.POST, prefix="refuse")
    run = lambda actor, d, v: services.dossier_refuse(actor=actor, dossier=d, reason=v["reason"])  # noqa: E731
    done = "Đã từ chối hồ sơ. Hãy in phiếu từ chối gửi người nộp."
    return _run(request, pk, "refuse", run, form, done=done)


@login_required
@require_POST
def apologise(request, pk):
    """Xin lỗi và hẹn lại ngày trả kết quả."""
    form = forms.ApologyForm(request.POST, prefix="apologise")

    def run(actor, dossier, values):
        return services.dossier_apologise(actor=actor, dossier=dossier, reason=values["reason"], new_due=form.new_due())

    done = lambda d: f"Đã lập phiếu xin lỗi, hẹn trả kết quả {stamp(d.due_at)}. Hãy in phiếu gửi người nộp."  # noqa: E731
    return _run(request, pk, "apologise", run, form, done=done)


@login_required
@require_POST
def finish(request, pk):
    """Có kết quả giải quyết (with the result file)."""
    form = forms.FinishForm(request.POST, request.FILES, prefix="finish")

    def run(actor, dossier, values):
        stored = pages.result_file(form)
        return services.dossier_finish(actor=actor, dossier=dossier, result_summary=values["result_summary"], result_file=stored)

    done = lambda d: f"Đã cập nhật kết quả ({d.get_timeliness_display().lower()}); hồ sơ chờ trả kết quả."  # noqa: E731
    return _run(request, pk, "finish", run, form, done=done)


@login_required
@require_POST
def return_(request, pk):
    """Trả kết quả cho người nộp."""
    run = lambda actor, d, v: services.dossier_return(actor=actor, dossier=d)  # noqa: E731
    return _run(request, pk, "return", run, done=lambda d: f"Đã trả kết quả hồ sơ {d.code}.")


@login_required
@require_POST
def withdraw(request, pk):
    """Rút hồ sơ theo đề nghị của người nộp."""
    form = forms.ReasonForm(request.POST, prefix="withdraw")
    run = lambda actor, d, v: services.dossier_withdraw(actor=actor, dossier=d, reason=v["reason"])  # noqa: E731
    return _run(request, pk, "withdraw", run, form, done="Đã ghi nhận việc rút hồ sơ.")
