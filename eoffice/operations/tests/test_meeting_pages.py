"""The meeting pages: created from the entry page, the list, the page with its
actions for each person, a refused step drawn again, papers 404 to outsiders;
the leaders' week page linking an entry to its meeting."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eoffice.conftest import make_pdf
from eoffice.operations.meetings import services
from eoffice.operations.models import Invitation, Meeting, Reply
from eoffice.operations.schedule import services as schedule
from eoffice.operations.tests.schedule_fixtures import values

pytestmark = pytest.mark.django_db


def page(meeting) -> str:
    return reverse("operations:meeting-detail", kwargs={"pk": meeting.pk})


def test_the_entry_page_offers_to_create_the_meeting(client, sched, cast):
    entry = schedule.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, leaders=[sched.chairman]))
    client.force_login(cast.specialist)
    create = reverse("operations:meeting-create", kwargs={"entry_pk": entry.pk})
    assert create in client.get(reverse("operations:schedule-entry", kwargs={"pk": entry.pk})).content.decode()
    form = client.get(create)
    assert form.status_code == 200 and "Họp giao ban" in form.content.decode()
    bad = client.post(create, {"title": "", "chair": sched.chairman.pk})
    assert bad.status_code == 400
    done = client.post(create, {"title": "Họp giao ban tuần", "chair": sched.chairman.pk}, follow=True)
    meeting = Meeting.objects.get()
    assert done.redirect_chain[-1][0] == page(meeting) and "Họp giao ban tuần" in done.content.decode()
    assert client.get(create).url == page(meeting)  # once per entry


def test_the_page_shows_the_invitees_and_the_reply_form_to_an_invitee(client, meet):
    client.force_login(meet.c.kt_head)
    html = client.get(page(meet.meeting)).content.decode()
    assert 'data-step="reply"' in html and 'data-step="invite"' not in html and "Phòng Kinh tế" in html
    url = reverse("operations:meeting-reply", kwargs={"pk": meet.meeting.pk})
    refused = client.post(url, {"reply-reply": "absent"})
    assert refused.status_code == 400 and "Vắng mặt cần nêu lý do" in refused.content.decode()
    client.post(url, {"reply-reply": "absent", "reply-reason": "Trùng lịch tiếp dân"})
    assert Invitation.objects.get(unit=meet.c.kinhte).reply == Reply.ABSENT


def test_outsiders_get_404_and_the_list_shows_only_ones_meetings(client, meet):
    services.paper_add(actor=meet.drafter, meeting=meet.meeting, files=[make_pdf("bao-cao.pdf")])
    paper = meet.meeting.papers.get()
    paper_url = reverse("operations:meeting-paper", kwargs={"pk": meet.meeting.pk, "paper_pk": paper.pk})
    client.force_login(meet.stranger)
    assert client.get(page(meet.meeting)).status_code == 404
    assert client.get(paper_url).status_code == 404
    assert meet.meeting.title not in client.get(reverse("operations:meeting-list")).content.decode()
    client.force_login(meet.vice)
    assert meet.meeting.title in client.get(reverse("operations:meeting-list")).content.decode()
    assert client.get(paper_url).status_code == 200


def test_the_organiser_sees_the_steps_and_a_refused_step_keeps_the_input(client, meet):
    client.force_login(meet.c.specialist)
    html = client.get(page(meet.meeting)).content.decode()
    for step in ("invite", "draft_invitation", "add_papers", "cancel"):  # "hold" once started (test_meeting_documents)
        assert f'data-step="{step}"' in html
    url = reverse("operations:meeting-invite", kwargs={"pk": meet.meeting.pk})
    again = client.post(url, {"invite-units": [meet.c.kinhte.pk]})
    assert again.status_code == 400 and "đều đã có trong danh sách mời" in again.content.decode()


def week_page(client, meet) -> str:
    return client.get(reverse("operations:schedule-week"), {"tuan": f"{meet.monday:%G-W%V}"}).content.decode()


def test_the_week_page_links_an_entry_to_its_meeting_for_those_who_see_it(client, meet):
    link = f'href="{page(meet.meeting)}"'
    for reader in (meet.c.specialist, meet.c.kt_specialist, meet.vice, meet.chairman):  # organiser, invited unit, invitees
        client.force_login(reader)
        assert link in week_page(client, meet), reader
    client.force_login(meet.stranger)  # of the agency, not invited: the entry, not the meeting
    html = week_page(client, meet)
    assert "Hội nghị tổng kết năm 2026" in html and link not in html and "entry-meeting" not in html


def test_the_week_pages_meeting_links_take_one_query_whatever_their_number(client, meet):
    client.force_login(meet.c.kt_specialist)
    with CaptureQueriesContext(connection) as one:
        week_page(client, meet)
    for day in (1, 2):
        entry = schedule.entry_add(
            actor=meet.drafter, week=meet.week, notice="Bổ sung lịch",
            values=values(meet.monday + timedelta(days=day), participant_units=[meet.c.kinhte]),
        )  # fmt: skip
        services.meeting_create(actor=meet.drafter, entry=entry, title=f"Họp {day}", chair=meet.chairman)
    with CaptureQueriesContext(connection) as three:
        html = week_page(client, meet)
    assert html.count('class="entry-meeting"') == 3 and len(three) == len(one)
