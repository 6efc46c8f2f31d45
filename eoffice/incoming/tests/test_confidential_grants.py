"""Granting access to a confidential incoming document (ND30 Appendix VI
III.3.c): done by those the agency names (its leaders, or whom the
administrator gave the permission; a clerk as such may not), confirmed
first, traced and audited, and the reader and the unit in charge are told."""

import pytest
from django.urls import reverse

from eoffice.audit.models import AuditEvent
from eoffice.conftest import incoming_data
from eoffice.core.errors import NotAllowed, ValidationFailed
from eoffice.incoming.handling.services import incoming_direct, incoming_grant_access, incoming_submit
from eoffice.incoming.models import AccessGrant
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.tests.helpers import name_grantor
from eoffice.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(cast):
    document = incoming_register(
        actor=cast.actor(cast.clerk), data=incoming_data(confidentiality=1, subject="Về việc bảo vệ mục tiêu")
    )
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)  # the leader may read it
    return document


def test_a_clerk_alone_may_not_grant_until_the_agency_names_them(cast, secret):
    with pytest.raises(NotAllowed, match="người được cơ quan giao quyền"):
        incoming_grant_access(actor=cast.actor(cast.clerk), document=secret, user=cast.specialist, confirm=True)
    name_grantor(cast.clerk.username)
    clerk = type(cast.clerk).objects.get(pk=cast.clerk.pk)  # a new request: permissions read afresh
    incoming_grant_access(actor=cast.actor(clerk), document=secret, user=cast.specialist, confirm=True)
    assert AccessGrant.objects.filter(document=secret, user=cast.specialist).exists()


def test_granting_asks_for_confirmation_and_grants_nothing_without_it(cast, secret):
    with pytest.raises(ValidationFailed, match="Hãy xác nhận cho phép") as refused:
        incoming_grant_access(actor=cast.actor(cast.leader), document=secret, user=cast.specialist)
    assert "confirm" in refused.value.fields
    assert not AccessGrant.objects.filter(document=secret, user=cast.specialist).exists()


def test_the_reader_and_the_unit_in_charge_are_told_and_it_is_audited(cast, secret):
    incoming_direct(actor=cast.actor(cast.leader), document=secret, opinion="TH chủ trì.", lead_unit=cast.tonghop)
    incoming_grant_access(actor=cast.actor(cast.leader), document=secret, user=cast.kt_specialist, confirm=True)
    told = dict(Notification.objects.filter(kind="incoming.granted").values_list("recipient__username", "title"))
    assert told[cast.kt_specialist.username].startswith("Đồng chí được cấp quyền xem Văn bản đến số")
    assert told[cast.head.username].startswith(f"{cast.kt_specialist} được cấp quyền xem")  # the head of TH, in charge
    assert AuditEvent.objects.filter(action="incoming.grant", summary__contains=str(cast.kt_specialist)).exists()
    # Granting the same person again changes nothing and tells nobody again.
    incoming_grant_access(actor=cast.actor(cast.leader), document=secret, user=cast.kt_specialist, confirm=True)
    assert Notification.objects.filter(kind="incoming.granted").count() == 2


def test_the_page_asks_for_the_confirmation(client, cast, secret):
    client.force_login(cast.leader)
    page = client.get(reverse("incoming-detail", args=[secret.pk])).content.decode()
    assert "Tôi xác nhận cho phép người này xem văn bản mật" in page
    url = reverse("incoming-grant", args=[secret.pk])
    refused = client.post(url, {"user": cast.specialist.pk})
    assert refused.status_code == 400 and "Cần xác nhận trước khi cấp quyền." in refused.content.decode()
    assert client.post(url, {"user": cast.specialist.pk, "confirm": "on"}).status_code == 302
    assert AccessGrant.objects.filter(document=secret, user=cast.specialist).exists()
