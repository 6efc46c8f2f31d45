"""Statuses the recipients send back: each joins its recipient's timeline on the
document page and in the API; a status for a document we never sent is kept
unmatched and creates nothing."""

import io
from datetime import datetime

import pytest
from django.urls import reverse

from eoffice.exchange.data import Organisation
from eoffice.exchange.edxml import VIETNAM
from eoffice.exchange.models import ReceivedStatus
from eoffice.exchange.receiving import receive_package
from eoffice.exchange.status import build_status
from eoffice.incoming.tests.api_helpers import API, login
from eoffice.outgoing.models import RecipientStatus
from eoffice.outgoing.tests.conftest import issue_through

pytestmark = pytest.mark.django_db


def status_from(agency, document, code, *, at, document_id=None):
    data = build_status(
        response_for_organ_id=document.agency.organ_id,
        response_for_code=f"{document.code_number}/{document.code_notation}",
        response_for_document_id=document_id
        or f"{document.agency.organ_id},{document.issued_date:%Y/%m/%d},{document.code_number}/{document.code_notation}",
        sender=Organisation(organ_id=agency.organ_id, organ_name=agency.name),
        status_code=code,
        description="",
        now=at,
    )
    return receive_package(stream=io.BytesIO(data), transport="directory")


def test_the_recipients_statuses_make_its_timeline(office, client):
    document = issue_through(office, recipients=[office.external])
    recipient = document.recipients.get()
    for hour, code in [(8, "01"), (9, "03"), (10, "05"), (15, "06")]:
        (status,) = status_from(office.external, document, code, at=datetime(2026, 12, 7, hour, tzinfo=VIETNAM)).statuses
        assert status.matched and not status.problem
    timeline = list(recipient.statuses.values_list("code", "description"))
    assert timeline == [("01", "Đã đến"), ("03", "Đã tiếp nhận"), ("05", "Đã phân công, đang xử lý"), ("06", "Đã xử lý xong")]
    client.force_login(office.clerk)
    page = client.get(reverse("outgoing-detail", args=[document.pk])).content.decode()
    assert f'id="timeline-{recipient.pk}"' in page and "Đã xử lý xong" in page and "07/12/2026 15:00" in page
    api = login(office.clerk.username).get(f"{API}/outgoing/{document.pk}/").json()
    assert [s["code"] for s in api["recipients"][0]["statuses"]] == ["01", "03", "05", "06"]


def test_the_same_status_twice_is_recorded_once(office):
    document = issue_through(office, recipients=[office.external])
    at = datetime(2026, 12, 7, 8, tzinfo=VIETNAM)
    first = status_from(office.external, document, "01", at=at)
    again = status_from(office.external, document, "01", at=at)
    assert again.duplicate and again.statuses == first.statuses
    assert RecipientStatus.objects.count() == 1


@pytest.mark.parametrize("case", ["never sent", "another agency answers"])
def test_a_status_that_matches_nothing_we_sent_is_kept_unmatched(office, case):
    document = issue_through(office, recipients=[office.external])
    at = datetime(2026, 12, 7, 8, tzinfo=VIETNAM)
    if case == "never sent":
        receipt = status_from(office.external, document, "01", at=at, document_id=f"{document.agency.organ_id},2020/01/02,1/XX")
    else:
        receipt = status_from(office.other, document, "01", at=at)  # not one of its recipients
    (status,) = receipt.statuses
    assert not status.matched and "Không có văn bản nào đã gửi" in status.problem
    assert not RecipientStatus.objects.exists()
    assert ReceivedStatus.objects.count() == 1


def test_a_broken_status_package_is_kept_with_its_reason(office):
    data = build_status(
        response_for_organ_id="000.00.00.H26",
        response_for_code="1/X",
        response_for_document_id="000.00.00.H26,2026/01/02,1/X",
        sender=Organisation(organ_id="000.00.12.H26", organ_name="Sở Xây dựng"),
        status_code="01",
        description="",
    ).replace(b"<edXML:StatusCode>01</edXML:StatusCode>", b"<edXML:StatusCode>da-den</edXML:StatusCode>")
    (status,) = receive_package(stream=io.BytesIO(data), transport="directory").statuses
    assert not status.matched and "mã trạng thái" in status.problem
