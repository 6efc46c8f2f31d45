import pytest
from django.urls import reverse

from eoffice.audit.models import AuditEvent
from eoffice.conftest import incoming_data
from eoffice.incoming.receiving.services import incoming_register

pytestmark = pytest.mark.django_db


def test_reading_a_confidential_document_records_who_and_from_where(client, cast):
    secret = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(confidentiality=1))
    client.force_login(cast.clerk)
    client.get(reverse("incoming-detail", args=[secret.pk]), REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get(action="incoming.read_confidential")
    assert (event.actor, event.object_id, event.ip_address) == (cast.clerk, str(secret.pk), "10.1.2.3")


def test_reading_an_ordinary_document_is_not_logged(client, cast):
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data())
    client.force_login(cast.clerk)
    client.get(reverse("incoming-detail", args=[document.pk]))
    assert not AuditEvent.objects.filter(action="incoming.read_confidential").exists()


def test_sign_ins_and_failures_are_logged(client, cast):
    client.post(reverse("login"), {"username": "vanthu", "password": "sai-mat-khau"}, REMOTE_ADDR="10.9.9.9")
    client.post(reverse("login"), {"username": "vanthu", "password": "matkhau-123"})
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert "vanthu" in failed.summary and failed.ip_address == "10.9.9.9"
    assert AuditEvent.objects.get(action="auth.login").actor == cast.clerk
