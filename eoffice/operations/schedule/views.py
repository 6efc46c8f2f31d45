"""Pages of the weekly schedule: thin views (access helper → form → service →
message → redirect). The workflow's POST views come from workflow.py."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.operations.access import get_entry_for_user, get_week_for_user
from eoffice.operations.models import CalendarFeed
from eoffice.operations.models.schedule import WeekSchedule, WeekStatus
from eoffice.operations.schedule import ical, pages, pdf, selectors, services
from eoffice.operations.schedule.forms import CancelForm, EntryForm, RoomForm
from eoffice.operations.schedule.roles import is_drafter
from eoffice.organisation.access import current_actor
from eoffice.organisation.models import Agency

DETAIL = "operations:schedule-week-detail"


@login_required
@require_GET
def week_page(request: HttpRequest) -> HttpResponse:
    """Lịch công tác tuần: this week unless ?tuan=2026-W50."""
    actor = current_actor(request)
    context = pages.week_page_context(actor, pages.monday_from(request.GET.get("tuan")))
    return render(request, "operations/schedule/week_page.html", context)


@login_required
@require_POST
def week_create(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    monday = pages.monday_from(request.POST.get("tuan"))
    year, number, _ = monday.isocalendar()
    try:
        week = services.week_create(actor=actor, year=year, week=number)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(f"{reverse('operations:schedule-week')}?tuan={pages.week_code(monday)}")
    return redirect(DETAIL, pk=week.pk)


@login_required
def week_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The drafting page: the week's entries, their conflicts, the add form and the steps."""
    actor = current_actor(request)
    week = get_week_for_user(actor, pk)
    if request.method != "POST":
        return render(request, "operations/schedule/week.html", pages.week_context(actor, week))
    form = EntryForm(request.POST, week=week)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.entry_add(
                actor=actor, week=week, values=form.entry_values(), confirm=data["confirm"], notice=data.get("notice", "")
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Đã thêm lịch ngày {entry.date:%d/%m/%Y}.")
            return redirect(DETAIL, pk=week.pk)
    return render(request, "operations/schedule/week.html", pages.week_context(actor, week, form=form), status=400)


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = current_actor(request)
    entry = get_entry_for_user(actor, pk)
    week = entry.week
    initial = {
        **{field: getattr(entry, field) for field in ("date", "slot", "start_time", "end_time", "content", "place", "room")},
        **{field: getattr(entry, field) for field in ("participants", "preparing_unit", "note", "visibility")},
        **{field: list(getattr(entry, field).all()) for field in ("leaders", "participant_people", "participant_units")},
        "accompanying": list(entry.accompanying.all()),
    }
    form = EntryForm(request.POST or None, week=week, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.entry_update(
                    actor=actor, entry=entry, values=form.entry_values(), confirm=data["confirm"], notice=data.get("notice", "")
                )
            except ServiceError as error:
                status = error.status
                apply_service_error(form, error)
            else:
                messages.success(request, "Đã lưu thay đổi của mục lịch.")
                return redirect(DETAIL, pk=week.pk)
    context = {"entry": entry, "week": week, "form": form, "cancel_form": CancelForm(), "code": pages.week_code(week.start)}
    return render(request, "operations/schedule/entry.html", context, status=status)


@login_required
@require_POST
def entry_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    actor = current_actor(request)
    entry = get_entry_for_user(actor, pk)
    form = CancelForm(request.POST)
    form.is_valid()  # one optional text field: always valid
    try:
        services.entry_cancel(actor=actor, entry=entry, notice=form.cleaned_data.get("notice", ""))
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("operations:schedule-entry", pk=entry.pk)
    messages.success(request, "Đã hủy mục lịch.")
    return redirect(DETAIL, pk=entry.week_id)


@login_required
@require_GET
def week_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The week as the usual A4 landscape table."""
    actor = current_actor(request)
    week = get_week_for_user(actor, pk)
    data = pdf.week_pdf(week, selectors.entries_of_week(week))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lich-cong-tac-tuan-{week.year}-{week.week:02d}.pdf"'
    return response


@require_GET
def public_week(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The public view (no login): a published week's entries marked public only."""
    agency = Agency.objects.filter(pk=agency_id, hosted=True).first()
    if agency is None:
        raise Http404("Không tìm thấy cơ quan.")
    monday = pages.monday_from(request.GET.get("tuan"))
    entries = selectors.week_entries(agency, monday, public_only=True)
    context = {
        "agency": agency,
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "days": selectors.by_day(monday, entries),
        "published": bool(entries) or _published(agency, monday),
        "previous": pages.week_code(monday - timedelta(days=7)),
        "next": pages.week_code(monday + timedelta(days=7)),
    }
    return render(request, "operations/schedule/public.html", context)


def _published(agency: Agency, monday: date) -> bool:
    year, week, _ = monday.isocalendar()
    return WeekSchedule.objects.filter(agency=agency, year=year, week=week, status=WeekStatus.PUBLISHED).exists()


@login_required
def feeds(request: HttpRequest) -> HttpResponse:
    """The person's calendar feed addresses: make one (the old one stops working), revoke one."""
    actor = current_actor(request)
    new_url = ""
    if request.method == "POST":
        if revoke := request.POST.get("revoke"):
            feed = CalendarFeed.objects.filter(pk=revoke if revoke.isdigit() else 0, user=actor.user).first()
            if feed is None:
                raise Http404("Không tìm thấy địa chỉ lịch.")
            services.feed_revoke(actor=actor, feed=feed)
            messages.success(request, "Đã thu hồi địa chỉ lịch; ứng dụng lịch dùng địa chỉ cũ sẽ không nhận được lịch nữa.")
            return redirect("operations:schedule-feeds")
        try:
            _feed, token = services.feed_create(actor=actor, scope=request.POST.get("scope", ""))
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("operations:schedule-feeds")
        new_url = request.build_absolute_uri(ical.feed_path(token))
    mine = CalendarFeed.objects.filter(user=actor.user, agency=actor.agency).order_by("-created_at")
    return render(request, "operations/schedule/feeds.html", {"feeds": mine, "new_url": new_url})


@require_GET
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed of a secret address; a revoked or unknown one is a 404."""
    feed = services.feed_for_token(token)
    if feed is None:
        raise Http404("Không tìm thấy lịch.")
    body = ical.feed_calendar(feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def rooms(request: HttpRequest) -> HttpResponse:
    """Phòng họp: the agency's rooms with their bookings of the next two weeks; drafters add rooms."""
    actor = current_actor(request)
    drafter = is_drafter(actor)
    form = RoomForm(request.POST or None) if drafter else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.room_create(actor=actor, **form.cleaned_data)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Đã thêm phòng họp.")
            return redirect("operations:schedule-rooms")
    context = {"rooms": selectors.room_bookings(actor.agency, timezone.localdate(), 14), "form": form}
    return render(request, "operations/schedule/rooms.html", context, status=400 if form is not None and form.errors else 200)
