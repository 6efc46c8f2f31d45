"""The iCalendar feed: parsed back with `icalendar`, in office time, a changed
entry's SEQUENCE raised, a cancelled one CANCELLED; revoked or guessed → 404."""

from datetime import time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from eoffice.operations.models import CalendarFeed
from eoffice.operations.schedule import services
from eoffice.operations.schedule.ical import feed_path
from eoffice.operations.tests.schedule_fixtures import publish, values

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def events(client, token):
    answer = client.get(feed_path(token))
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(answer.content)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}, calendar


def test_a_leaders_feed_of_the_published_week(client, sched):
    mine = services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, leaders=[sched.chairman]))
    services.entry_add(
        actor=sched.drafter, week=sched.week,
        values=values(sched.monday, leaders=[sched.vice], content="Làm việc với Sở Xây dựng", room=sched.room),
    )  # fmt: skip
    gone = services.entry_add(
        actor=sched.drafter, week=sched.week,
        values=values(
            sched.monday, leaders=[sched.chairman], content="Tiếp công dân", start_time=None, end_time=None, slot="afternoon"
        ),
    )  # fmt: skip
    _feed, token = services.feed_create(actor=sched.cast.actor(sched.chairman), scope="personal")
    found, _ = events(client, token)
    assert found == {}  # nothing before publication
    publish(sched)
    services.entry_update(
        actor=sched.drafter, entry=mine, values=values(sched.monday, leaders=[sched.chairman], start_time=time(9)),
        notice="Lùi một giờ.",
    )  # fmt: skip
    services.entry_cancel(actor=sched.drafter, entry=gone, notice="Hoãn.")
    found, calendar = events(client, token)
    assert set(found) == {"[Điều chỉnh] Họp giao ban Thường trực UBND thành phố", "Tiếp công dân"}  # not the vice's
    changed = found["[Điều chỉnh] Họp giao ban Thường trực UBND thành phố"]
    start = changed["dtstart"].dt
    assert start.tzinfo.key == "Asia/Ho_Chi_Minh" and (start.hour, start.minute) == (9, 0)
    assert changed["dtend"].dt.hour == 10 and int(changed["sequence"]) == 1 and str(changed["status"]) == "CONFIRMED"
    assert str(changed["uid"]) == f"schedule-entry-{mine.pk}@eoffice"
    cancelled = found["Tiếp công dân"]
    assert str(cancelled["status"]) == "CANCELLED" and int(cancelled["sequence"]) == 1
    assert cancelled["dtstart"].dt.astimezone(HCM).hour == 13  # the afternoon starts 13:30
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]


def test_the_agency_feed_has_every_published_entry(client, sched):
    services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, leaders=[sched.chairman]))
    services.entry_add(
        actor=sched.drafter, week=sched.week, values=values(sched.monday, content="Hội nghị", start_time=time(14), end_time=None)
    )
    publish(sched)
    _feed, token = services.feed_create(actor=sched.cast.actor(sched.cast.kt_specialist), scope="agency")
    found, _ = events(client, token)
    assert len(found) == 2


def test_a_revoked_regenerated_or_guessed_token_is_a_404(client, sched):
    actor = sched.cast.actor(sched.chairman)
    feed, token = services.feed_create(actor=actor, scope="personal")
    assert client.get(feed_path(token)).status_code == 200
    assert len(token) >= 43 and CalendarFeed.objects.get(pk=feed.pk).token_hash != token  # stored hashed
    _newer, second = services.feed_create(actor=actor, scope="personal")
    assert client.get(feed_path(token)).status_code == 404  # regenerated: the old one stops
    assert client.get(feed_path(second)).status_code == 200
    services.feed_revoke(actor=actor, feed=_newer)
    assert client.get(feed_path(second)).status_code == 404
    assert client.get(feed_path("A" * 43)).status_code == 404
    assert client.get("/dieu-hanh/lich/x.ics").status_code == 404


def test_the_feeds_page_makes_shows_once_and_revokes(client, sched):
    client.force_login(sched.chairman)
    answer = client.post("/dieu-hanh/lich-tuan/lich-cua-toi/", {"scope": "personal"})
    assert answer.status_code == 200
    url = answer.context["new_url"]
    assert "/dieu-hanh/lich/" in url and url.endswith(".ics")
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert client.get(feed_path(token)).status_code == 200
    assert url not in client.get("/dieu-hanh/lich-tuan/lich-cua-toi/").content.decode()  # shown once
    feed = CalendarFeed.objects.get(user=sched.chairman)
    client.post("/dieu-hanh/lich-tuan/lich-cua-toi/", {"revoke": feed.pk})
    assert client.get(feed_path(token)).status_code == 404
    client.force_login(sched.vice)
    assert client.post("/dieu-hanh/lich-tuan/lich-cua-toi/", {"revoke": feed.pk}).status_code == 404  # not theirs
