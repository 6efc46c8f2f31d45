"""The meeting's documents once the outgoing module issues them (its signal
document_issued, received by operations): the Giấy mời invites every invitee,
the Thông báo kết luận tells the units given a conclusion. And the steps the
table now refuses: "held" before the start, the minutes filed twice."""

import pytest
from django.urls import reverse

from eoffice.core.errors import InvalidState
from eoffice.notifications.models import Notification
from eoffice.operations.meetings import services
from eoffice.operations.models import Invitation, MeetingStatus
from eoffice.operations.tests.meeting_fixtures import after_the_start, make_pdf
from eoffice.operations.tests.test_schedule_api import as_user, refused
from eoffice.outgoing.chain import current_step, next_actors
from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign
from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit
from eoffice.outgoing.tests.conftest import issue_through

pytestmark = pytest.mark.django_db


def issue(c, document):
    """Through the review chain: each step's reviewer approves, the signer signs, the registry issues."""
    document = outgoing_submit(actor=c.actor(c.specialist), document=document)
    while (step := current_step(document)) is not None and step.kind != "sign":
        outgoing_approve(actor=c.actor(next_actors(document)[0]), document=document, comment="Đồng ý.")
        document.refresh_from_db()
    outgoing_sign(actor=c.actor(c.leader), document=document)
    return outgoing_issue(actor=c.actor(c.clerk), document=document)


def told(kind):
    return Notification.objects.filter(kind=kind)


def test_the_issued_invitation_invites_every_invitee_with_time_and_place(meet, office):
    meeting = services.meeting_draft_invitation(actor=meet.drafter, meeting=meet.meeting, signer=office.leader)
    assert not told(services.INVITATION_ISSUED).exists()  # a draft invites nobody
    issue(office, meeting.invitation)
    rows = told(services.INVITATION_ISSUED)
    assert set(rows.values_list("recipient_id", flat=True)) == {meet.vice.pk, office.kt_head.pk}  # a unit: its head
    notice = rows.first()
    assert notice.title.startswith("Giấy mời họp: Hội nghị tổng kết công tác năm 2026, 08 giờ 00, ngày ")
    assert notice.title.endswith(", Phòng họp số 1")
    assert notice.url == reverse("operations:meeting-detail", kwargs={"pk": meeting.pk})


def test_the_issued_notice_tells_the_heads_of_the_units_given_a_conclusion(meet, office):
    with after_the_start(meet.meeting):
        services.meeting_hold(actor=meet.drafter, meeting=meet.meeting)
    services.conclusion_add(
        actor=meet.drafter, meeting=meet.meeting, text="Hoàn thiện báo cáo tổng kết", lead_unit=office.kinhte,
        coordinating_units=[office.tonghop], working_days=10,
    )  # fmt: skip
    meeting = services.meeting_draft_notice(actor=meet.drafter, meeting=meet.meeting, signer=office.leader)
    document = issue(office, meeting.notice)
    rows = told(services.NOTICE_ISSUED)
    assert set(rows.values_list("recipient_id", flat=True)) == {office.kt_head.pk, office.head.pk}
    assert rows.first().title == f"Thông báo kết luận số {document.symbol_display}: {meeting.title}"
    assert not told(services.INVITATION_ISSUED).exists()


def test_another_document_issued_tells_nothing_of_meetings(meet, office):
    issue_through(office)
    assert not Notification.objects.filter(kind__startswith="operations.meeting_").exclude(kind=services.INVITED).exists()


def test_held_only_once_the_meeting_has_started(meet):
    with pytest.raises(InvalidState) as early:
        services.meeting_hold(actor=meet.drafter, meeting=meet.meeting)
    assert early.value.status == 409 and "Cuộc họp chưa diễn ra (bắt đầu lúc 08:00 ngày" in early.value.message
    error = refused(as_user(meet.c.specialist).post(f"/api/v1/meetings/{meet.meeting.pk}/hold/"), 409)
    assert error["code"] == "invalid_state" and "chưa diễn ra" in error["message"]
    with after_the_start(meet.meeting, hours=0):
        assert services.meeting_hold(actor=meet.drafter, meeting=meet.meeting).status == MeetingStatus.HELD


def test_the_page_offers_held_only_once_the_meeting_has_started(client, meet):
    client.force_login(meet.c.specialist)
    page = reverse("operations:meeting-detail", kwargs={"pk": meet.meeting.pk})
    assert 'data-step="hold"' not in client.get(page).content.decode()
    with after_the_start(meet.meeting):
        assert 'data-step="hold"' in client.get(page).content.decode()


def test_the_minutes_are_filed_once_and_the_page_stops_offering_it(client, meet):
    with after_the_start(meet.meeting):
        services.meeting_hold(actor=meet.drafter, meeting=meet.meeting)
    client.force_login(meet.c.specialist)
    page = reverse("operations:meeting-detail", kwargs={"pk": meet.meeting.pk})
    assert 'data-step="file_minutes"' in client.get(page).content.decode()
    first = services.minutes_file(actor=meet.drafter, meeting=meet.meeting, file=make_pdf("bien-ban.pdf"))
    with pytest.raises(InvalidState) as again:
        services.minutes_file(actor=meet.drafter, meeting=meet.meeting, file=make_pdf("bien-ban-2.pdf"))
    assert "Cuộc họp đã có biên bản (bien-ban.pdf)" in again.value.message
    first.refresh_from_db()
    assert first.minutes_filename == "bien-ban.pdf"
    assert 'data-step="file_minutes"' not in client.get(page).content.decode()
    assert Invitation.objects.filter(meeting=first).exists()
