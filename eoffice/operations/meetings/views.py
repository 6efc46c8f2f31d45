"""Pages of meetings under /dieu-hanh/cuoc-hop/: the list, the create form (from
a schedule entry), the meeting page (its buttons post to the step views of
workflow.py), the papers and the minutes (after the check on the meeting)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from eoffice.attachments.http import attachment_response, stored_file_response
from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.operations.access import get_entry_for_user, get_meeting_for_user, get_paper_for_user
from eoffice.operations.meetings import forms, pages, selectors, services
from eoffice.operations.meetings.rules import is_organiser
from eoffice.operations.models import Meeting, MeetingPaper
from eoffice.organisation.access import current_actor


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Cuộc họp: those the person organises, chairs or is invited to."""
    actor = current_actor(request)
    waiting = selectors.awaiting_reply(actor, timezone.localdate())
    tab = "waiting" if request.GET.get("tab") == "waiting" else "all"
    meetings = waiting if tab == "waiting" else selectors.meetings_for(actor)
    page = Paginator(meetings, 50).get_page(request.GET.get("page"))
    context = {"page": page, "tab": tab, "waiting_count": waiting.count()}
    return render(request, "operations/meetings/list.html", context)


@login_required
def meeting_new(request: HttpRequest, entry_pk: int) -> HttpResponse:
    """Tạo cuộc họp from a schedule entry (the organiser side)."""
    actor = current_actor(request)
    entry = get_entry_for_user(actor, entry_pk)
    if not is_organiser(actor):
        raise PermissionDenied("Chỉ bộ phận tổ chức cuộc họp (Văn phòng, lãnh đạo cơ quan) mới được tạo cuộc họp.")
    existing = Meeting.objects.filter(entry=entry).first()
    if existing is not None:
        return redirect("operations:meeting-detail", pk=existing.pk)
    leader = entry.leaders.first()
    initial = {"title": entry.content[:300], "chair": leader.pk if leader else None}
    form = forms.MeetingForm(request.POST or None, agency=actor.agency, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                meeting = services.meeting_create(actor=actor, entry=entry, **form.cleaned_data)
            except ServiceError as error:
                apply_service_error(form, error)
                status = error.status
            else:
                messages.success(request, "Đã tạo cuộc họp; những người được mời trên lịch đã được thông báo.")
                return redirect("operations:meeting-detail", pk=meeting.pk)
    return render(request, "operations/meetings/create.html", {"form": form, "entry": entry}, status=status)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = current_actor(request)
    return render(request, "operations/meetings/detail.html", pages.detail_context(actor, get_meeting_for_user(actor, pk)))


@login_required
def paper(request: HttpRequest, pk: int, paper_pk: int) -> FileResponse:
    """A meeting paper, to the invitees, the chair and the organiser side only (404 otherwise)."""
    found = get_paper_for_user(current_actor(request), pk, paper_pk)
    return attachment_response(MeetingPaper.objects.filter(pk=found.pk), found.pk)


@login_required
def minutes(request: HttpRequest, pk: int) -> FileResponse:
    """The signed minutes, to whoever sees the meeting."""
    actor = current_actor(request)
    meeting = get_meeting_for_user(actor, pk)
    if meeting.minutes_file is None:
        raise Http404("Cuộc họp chưa có biên bản.")
    return stored_file_response(meeting.minutes_file, meeting.minutes_filename)
