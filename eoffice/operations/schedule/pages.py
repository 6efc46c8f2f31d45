"""What the schedule's pages show: the week page (everyone of the agency), the
drafting page of one week (its entries, their conflicts, the workflow's actions)."""

import re
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from eoffice.core.errors import BadInput
from eoffice.core.workflow import Bound
from eoffice.operations.meetings.selectors import meetings_by_entry
from eoffice.operations.models import EntryChange, WeekSchedule
from eoffice.operations.models.schedule import WeekStatus
from eoffice.operations.schedule import selectors
from eoffice.operations.schedule.forms import EntryForm
from eoffice.operations.schedule.roles import is_drafter
from eoffice.operations.schedule.workflow import WEEK, can_edit_entries
from eoffice.organisation.selectors import Actor

WEEK_PARAM = re.compile(r"(\d{4})-W(\d{1,2})")


def week_code(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def monday_from(value: str | None) -> date:
    """The Monday of `?tuan=2026-W50`; this week without it."""
    if not value:
        return selectors.monday_of(timezone.localdate())
    match = WEEK_PARAM.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError(value)
        return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise BadInput(f"Tuần “{value[:20]}” không hợp lệ; ghi theo dạng 2026-W50 (năm, tuần ISO).") from None


def week_of(actor: Actor, monday: date) -> WeekSchedule | None:
    year, week, _ = monday.isocalendar()
    return selectors.weeks_visible_to(actor).filter(year=year, week=week).first()


def week_page_context(actor: Actor, monday: date) -> dict[str, Any]:
    """The week page: the published week (drafters, approvers and leaders also
    see where a draft stands), each entry linked to its meeting for those who may
    see it; previous and next week."""
    week = week_of(actor, monday)
    published = week is not None and week.status == WeekStatus.PUBLISHED
    entries = selectors.week_entries(actor.agency, monday) if published else []
    return {
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "week_number": monday.isocalendar()[1],
        "week": week,
        "published": published,
        "days": selectors.by_day(monday, entries),
        "meetings": meetings_by_entry(actor, entries),
        "previous": week_code(monday - timedelta(days=7)),
        "next": week_code(monday + timedelta(days=7)),
        "this_week": week_code(selectors.monday_of(timezone.localdate())),
        "code": week_code(monday),
        "drafter": is_drafter(actor),
    }


def week_context(actor: Actor, week: WeekSchedule, bound: Bound | None = None, form: EntryForm | None = None) -> dict[str, Any]:
    """The drafting page of one week."""
    entries = selectors.entries_of_week(week)
    editable = can_edit_entries(actor, week) is None
    changes = EntryChange.objects.filter(entry__week=week, after_publication=True).select_related("by", "entry")
    return {
        "week": week,
        "days": selectors.by_day(week.start, entries, all_days=True),
        "conflicts": selectors.conflicts_in(entries),
        "actions": WEEK.available(actor, week, bound),
        "editable": editable,
        "form": (form or EntryForm(week=week, initial={"date": week.start})) if editable else None,
        "changes": list(changes.order_by("-at")[:50]),
        "code": week_code(week.start),
    }
