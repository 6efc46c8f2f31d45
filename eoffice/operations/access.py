"""The one way views and the API fetch the operations app's guarded records:
another agency's record, or a draft week for someone who may not see drafts,
is a 404 (not even confirmed to exist)."""

from django.http import Http404

from eoffice.operations.models import Room, ScheduleEntry, WeekSchedule
from eoffice.operations.schedule.selectors import weeks_visible_to
from eoffice.organisation.selectors import Actor


def get_week_for_user(actor: Actor, pk) -> WeekSchedule:
    try:
        return weeks_visible_to(actor).select_related("agency").get(pk=pk)
    except (WeekSchedule.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy lịch công tác tuần hoặc bạn không có quyền xem.") from None


def get_entry_for_user(actor: Actor, pk) -> ScheduleEntry:
    try:
        return ScheduleEntry.objects.select_related("week__agency", "room").get(pk=pk, week__in=weeks_visible_to(actor))
    except (ScheduleEntry.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy mục lịch hoặc bạn không có quyền xem.") from None


def get_room_for_user(actor: Actor, pk) -> Room:
    try:
        return Room.objects.get(pk=pk, agency=actor.agency)
    except (Room.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy phòng họp.") from None
