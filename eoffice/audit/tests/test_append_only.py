import pytest
from django.db import DatabaseError, connection, transaction

from eoffice.audit.models import AuditEvent
from eoffice.audit.services import audit_record


@pytest.mark.django_db
def test_an_event_cannot_be_changed_or_deleted(cast):
    event = audit_record(actor=cast.clerk, action="test.action", summary="x")
    event.summary = "rewritten"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


@pytest.mark.django_db
def test_the_database_refuses_updates_that_bypass_the_orm(cast):
    audit_record(actor=cast.clerk, action="test.action", summary="x")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'rewritten'")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().summary == "x"
