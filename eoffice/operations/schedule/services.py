"""State changes of the weekly schedule: one function per action, each in one
transaction with its audit row, its change-log row and its notifications."""

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from eoffice.audit.services import audit_record
from eoffice.core.errors import NotAllowed, ServiceError, ValidationFailed
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.notifications.services import notify
from eoffice.operations.models import CalendarFeed, EntryChange, Room, ScheduleEntry, WeekSchedule
from eoffice.operations.models.schedule import WeekStatus
from eoffice.operations.schedule import selectors, workflow
from eoffice.operations.schedule.roles import approvers_of, is_drafter
from eoffice.operations.schedule.validation import MANY, SCALARS, clean_entry
from eoffice.organisation.models import Role, User
from eoffice.organisation.selectors import Actor

CHANGED = "operations.schedule_changed"
PUBLISHED = "operations.schedule_published"


class ScheduleConflict(ServiceError):
    """One leader in two places or one room twice: saved only when the drafter confirms (HTTP 409)."""

    status = 409
    code = "conflict"


def week_url(week: WeekSchedule) -> str:
    return f"{reverse('operations:schedule-week')}?tuan={week.year}-W{week.week:02d}"


def _audit(actor: Actor, action: str, obj: Any, summary: str, **data: Any) -> None:
    audit_record(actor=actor.user, action=f"schedule.{action}", obj=obj, agency=actor.agency, summary=summary, data=data)


def _locked(week: WeekSchedule) -> WeekSchedule:
    return WeekSchedule.objects.select_for_update().select_related("agency").get(pk=week.pk)


# --------------------------------------------------------------------------- the week
@transaction.atomic
def week_create(*, actor: Actor, year: int, week: int) -> WeekSchedule:
    """Open the agency's schedule of an ISO week (a drafter); the existing one if there is."""
    if not is_drafter(actor):
        raise NotAllowed("Chỉ cán bộ được giao lập lịch công tác mới được lập lịch tuần.")
    try:
        WeekSchedule(year=year, week=week).start  # noqa: B018 - a week that does not exist raises
    except ValueError:
        raise ValidationFailed(f"Không có tuần {week} trong năm {year}.", fields={"week": ["Tuần không hợp lệ."]}) from None
    schedule, created = WeekSchedule.objects.get_or_create(
        agency=actor.agency, year=year, week=week, defaults={"drafted_by": actor.user}
    )
    if created:
        _audit(actor, "week_create", schedule, f"Lập lịch công tác tuần {week}/{year}")
    return schedule


@transaction.atomic
def week_submit(*, actor: Actor, week: WeekSchedule) -> WeekSchedule:
    """Trình duyệt lịch tuần."""
    week = _locked(week)
    refuse_unless(workflow.can_submit(actor, week))
    week.status, week.submitted_at, week.return_reason = WeekStatus.SUBMITTED, timezone.now(), ""
    week.save(update_fields=["status", "submitted_at", "return_reason"])
    _audit(actor, "week_submit", week, f"Trình lịch công tác tuần {week.week}/{week.year}")
    title = f"Lịch công tác tuần {week.week} ({week.start:%d/%m} – {week.end:%d/%m}) chờ duyệt"
    notify(
        approvers_of(week.agency),
        agency=week.agency,
        kind="operations.schedule_submitted",
        title=title,
        url=_page(week),
        obj=week,
        exclude=actor.user,
    )
    return week


def _page(week: WeekSchedule) -> str:
    return reverse("operations:schedule-week-detail", kwargs={"pk": week.pk})


@transaction.atomic
def week_return(*, actor: Actor, week: WeekSchedule, reason: str) -> WeekSchedule:
    """Trả lại lịch tuần để sửa, với lý do."""
    week = _locked(week)
    refuse_unless(workflow.can_return(actor, week))
    reason = nfc((reason or "").strip())
    if not reason:
        raise ValidationFailed("Nhập lý do trả lại.", fields={"reason": ["Nhập lý do trả lại."]})
    week.status, week.return_reason = WeekStatus.DRAFT, reason
    week.approved_by, week.approved_at = None, None
    week.save(update_fields=["status", "return_reason", "approved_by", "approved_at"])
    _audit(actor, "week_return", week, f"Trả lại lịch tuần {week.week}/{week.year}: {reason}")
    notify(
        [week.drafted_by], agency=week.agency, kind="operations.schedule_returned",
        title=f"Lịch công tác tuần {week.week} bị trả lại: {reason}", url=_page(week), obj=week, exclude=actor.user,
    )  # fmt: skip
    return week


@transaction.atomic
def week_approve(*, actor: Actor, week: WeekSchedule) -> WeekSchedule:
    """Duyệt lịch tuần."""
    week = _locked(week)
    refuse_unless(workflow.can_approve(actor, week))
    week.status, week.approved_by, week.approved_at = WeekStatus.APPROVED, actor.user, timezone.now()
    week.save(update_fields=["status", "approved_by", "approved_at"])
    _audit(actor, "week_approve", week, f"Duyệt lịch công tác tuần {week.week}/{week.year}")
    return week


@transaction.atomic
def week_publish(*, actor: Actor, week: WeekSchedule) -> WeekSchedule:
    """Phát hành lịch tuần: version 1, and each leader is told of their week."""
    week = _locked(week)
    refuse_unless(workflow.can_publish(actor, week))
    week.status, week.published_by, week.published_at = WeekStatus.PUBLISHED, actor.user, timezone.now()
    week.version = max(week.version, 0) + 1
    week.save(update_fields=["status", "published_by", "published_at", "version"])
    _audit(actor, "week_publish", week, f"Phát hành lịch công tác tuần {week.week}/{week.year}", version=week.version)
    counts: dict[User, int] = {}
    for entry in selectors.entries_of_week(week):
        for leader in entry.leaders.all():
            counts[leader] = counts.get(leader, 0) + (0 if entry.cancelled else 1)
    for leader, count in counts.items():
        title = f"Lịch công tác tuần {week.week} ({week.start:%d/%m} – {week.end:%d/%m}) đã phát hành: anh/chị có {count} mục."
        notify([leader], agency=week.agency, kind=PUBLISHED, title=title, url=week_url(week), obj=week, exclude=actor.user)
    return week


# --------------------------------------------------------------------------- entries
def _snapshot(entry: ScheduleEntry) -> dict[str, str]:
    """What a person reads of an entry, to say what a change changed."""
    when = f"{entry.starts:%H:%M}" + (f"–{entry.end_time:%H:%M}" if entry.end_time else "")
    return {
        "Ngày": f"{entry.date:%d/%m/%Y}",
        "Thời gian": when if entry.start_time else entry.get_slot_display(),
        "Chủ trì": ", ".join(str(u) for u in entry.leaders.all()),
        "Nội dung": entry.content,
        "Địa điểm": ", ".join(part for part in (entry.room.name if entry.room else "", entry.place) if part),
        "Thành phần": entry.participants,
        "Chuẩn bị": entry.preparing_unit,
    }


def _difference(before: dict[str, str], after: dict[str, str]) -> str:
    return "; ".join(
        f"{label}: {before[label] or '—'} → {after[label] or '—'}" for label in after if before[label] != after[label]
    )


def _concerned(entry: ScheduleEntry) -> set[User]:
    """Leaders, invited people and heads of invited units, accompanying staff, the room's keeper."""
    people = {*entry.leaders.all(), *entry.participant_people.all(), *entry.accompanying.all()}
    units = list(entry.participant_units.all())
    if units:
        people |= set(User.objects.filter(memberships__unit__in=units, memberships__role=Role.UNIT_HEAD).distinct())
    if entry.room is not None and entry.room.keeper is not None:
        people.add(entry.room.keeper)
    return people


def _check_conflicts(week: WeekSchedule, data: dict[str, Any], exclude: int | None, confirm: bool) -> list[str]:
    probe = ScheduleEntry(date=data["date"], slot=data["slot"], start_time=data["start_time"], end_time=data["end_time"])
    leader_ids = {user.pk for user in data["leaders"]}
    found = selectors.conflicts_for(week.agency, data["date"], probe.starts, probe.ends, leader_ids, data["room"], exclude)
    messages = [conflict.message for conflict in found]
    if messages and not confirm:
        rooms = [c.message for c in found if c.kind == "room"]
        lead = "Phòng họp đã có lịch trùng giờ" if rooms else "Lãnh đạo đã có lịch trùng giờ"
        raise ScheduleConflict(
            f"{lead}: {' '.join(messages)} Đổi giờ, phòng hoặc người chủ trì, hoặc xác nhận “Vẫn xếp lịch dù trùng” để lưu.",
            fields={"conflicts": messages},  # no field of the form: shown above it with the message
        )
    return messages


def _notice_required(week: WeekSchedule, notice: str) -> str:
    notice = nfc((notice or "").strip())
    if week.is_published and not notice:
        raise ValidationFailed(
            "Lịch tuần đã phát hành: nhập nội dung thông báo điều chỉnh gửi những người liên quan.",
            fields={"notice": ["Nhập thông báo điều chỉnh."]},
        )
    return notice


def _announce(actor: Actor, week: WeekSchedule, entry: ScheduleEntry, people: set[User], notice: str) -> None:
    """After publication: the week's next version, and those concerned told."""
    week.version += 1
    week.save(update_fields=["version"])
    title = f"Điều chỉnh lịch công tác {selectors.weekday_label(entry.date)}: {entry.content[:80]}"
    notify(people, agency=week.agency, kind=CHANGED, title=title, body=notice, url=week_url(week), obj=entry, exclude=actor.user)


def _logged(
    actor: Actor, week: WeekSchedule, entry: ScheduleEntry, kind: str, summary: str, notice: str, people: set[User]
) -> None:
    """The change log's row; after publication the week's next version and those concerned told."""
    published = week.is_published
    EntryChange.objects.create(entry=entry, kind=kind, by=actor.user, summary=summary, notice=notice, after_publication=published)
    if published:
        _announce(actor, week, entry, people, notice)


def _write(entry: ScheduleEntry, data: dict[str, Any]) -> None:
    for key in SCALARS:
        setattr(entry, key, data[key])
    entry.visibility = data["visibility"]
    entry.save()
    for key in MANY:
        getattr(entry, key).set(data[key])


@transaction.atomic
def entry_add(
    *, actor: Actor, week: WeekSchedule, values: dict[str, Any], confirm: bool = False, notice: str = ""
) -> ScheduleEntry:
    """Thêm một mục vào lịch tuần (after publication: with a notice, marked Điều chỉnh)."""
    week = _locked(week)
    refuse_unless(workflow.can_edit_entries(actor, week))
    data = clean_entry(week, values)
    notice = _notice_required(week, notice)
    warnings = _check_conflicts(week, data, None, confirm)
    entry = ScheduleEntry(week=week, created_by=actor.user, changed=week.is_published, sequence=0)
    _write(entry, data)
    summary = "; ".join(f"{k}: {v}" for k, v in _snapshot(entry).items() if v)
    _audit(actor, "entry_add", entry, f"Thêm lịch {entry.date:%d/%m/%Y}: {entry.content[:200]}", conflicts=warnings)
    _logged(actor, week, entry, EntryChange.Kind.CREATED, summary, notice, _concerned(entry))
    return entry


@transaction.atomic
def entry_update(
    *, actor: Actor, entry: ScheduleEntry, values: dict[str, Any], confirm: bool = False, notice: str = ""
) -> ScheduleEntry:
    """Sửa một mục lịch; after publication the notice is required and sent to those concerned, old and new."""
    week = _locked(entry.week)
    refuse_unless(workflow.can_edit_entries(actor, week))
    entry = ScheduleEntry.objects.select_related("room__keeper").get(pk=entry.pk)
    if entry.cancelled:
        raise ValidationFailed("Mục lịch đã hủy, không sửa được.")
    data = clean_entry(week, values)
    notice = _notice_required(week, notice)
    before, concerned = _snapshot(entry), _concerned(entry)
    warnings = _check_conflicts(week, data, entry.pk, confirm)
    _write(entry, data)
    entry.refresh_from_db()
    summary = _difference(before, _snapshot(entry))
    if not summary:
        return entry  # nothing changed: no version, no notice
    if week.is_published:
        entry.changed, entry.sequence = True, entry.sequence + 1
        entry.save(update_fields=["changed", "sequence", "updated_at"])
    _audit(actor, "entry_update", entry, f"Sửa lịch: {summary[:300]}", conflicts=warnings)
    _logged(actor, week, entry, EntryChange.Kind.UPDATED, summary, notice, concerned | _concerned(entry))
    return entry


@transaction.atomic
def entry_cancel(*, actor: Actor, entry: ScheduleEntry, notice: str = "") -> ScheduleEntry:
    """Hủy một mục lịch (it stays on the week, struck through)."""
    week = _locked(entry.week)
    refuse_unless(workflow.can_edit_entries(actor, week))
    entry = ScheduleEntry.objects.select_related("room__keeper").get(pk=entry.pk)
    if entry.cancelled:
        raise ValidationFailed("Mục lịch này đã được hủy trước đó.")
    notice = _notice_required(week, notice)
    entry.cancelled = True
    if week.is_published:
        entry.changed, entry.sequence = True, entry.sequence + 1
    entry.save(update_fields=["cancelled", "changed", "sequence", "updated_at"])
    _audit(actor, "entry_cancel", entry, f"Hủy lịch {entry.date:%d/%m/%Y}: {entry.content[:200]}")
    _logged(actor, week, entry, EntryChange.Kind.CANCELLED, "Hủy lịch", notice, _concerned(entry))
    return entry


# --------------------------------------------------------------------------- rooms
@transaction.atomic
def room_create(*, actor: Actor, name: str, capacity: int = 0, keeper: User | None = None) -> Room:
    """Thêm phòng họp (a drafter)."""
    if not is_drafter(actor):
        raise NotAllowed("Chỉ cán bộ được giao lập lịch công tác mới được thêm phòng họp.")
    name = nfc((name or "").strip())
    if not name:
        raise ValidationFailed("Nhập tên phòng.", fields={"name": ["Nhập tên phòng."]})
    if Room.objects.filter(agency=actor.agency, name=name).exists():
        raise ValidationFailed(f"Đã có phòng “{name}”.", fields={"name": ["Tên phòng đã có."]})
    room = Room.objects.create(agency=actor.agency, name=name, capacity=capacity, keeper=keeper)
    _audit(actor, "room_create", room, f"Thêm phòng họp {name}")
    return room


# --------------------------------------------------------------------------- calendar feeds
def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_create(*, actor: Actor, scope: str) -> tuple[CalendarFeed, str]:
    """A new secret feed address (32 random bytes); the person's earlier one of the
    same kind stops working. Returns the feed and the token, shown only now."""
    if scope not in CalendarFeed.Scope.values:
        raise ValidationFailed("Loại lịch không hợp lệ.", fields={"scope": ["Chọn lịch của tôi hoặc của cơ quan."]})
    now = timezone.now()
    active = CalendarFeed.objects.filter(user=actor.user, agency=actor.agency, scope=scope, revoked_at=None)
    active.update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(user=actor.user, agency=actor.agency, scope=scope, token_hash=token_hash(token))
    _audit(actor, "feed_create", feed, f"Tạo địa chỉ lịch iCalendar ({feed.get_scope_display()})")
    return feed, token


@transaction.atomic
def feed_revoke(*, actor: Actor, feed: CalendarFeed) -> CalendarFeed:
    """Thu hồi địa chỉ lịch: it answers 404 from now on."""
    if feed.user_id != actor.user.pk:
        raise NotAllowed("Chỉ người tạo mới thu hồi được địa chỉ lịch này.")
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        _audit(actor, "feed_revoke", feed, f"Thu hồi địa chỉ lịch iCalendar ({feed.get_scope_display()})")
    return feed


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed of a token, else None (revoked, guessed or malformed alike)."""
    if not 20 <= len(token) <= 100:
        return None
    feed = CalendarFeed.objects.select_related("user", "agency").filter(token_hash=token_hash(token), revoked_at=None).first()
    return feed if feed is not None and feed.user.is_active else None
