import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eoffice.audit.models import AuditEvent
from eoffice.audit.services import audit_event
from eoffice.conftest import incoming_data
from eoffice.core.models import insert_rows
from eoffice.incoming.models import TraceEntry
from eoffice.incoming.receiving.services import incoming_register
from eoffice.organisation.selectors import build_actor


@pytest.mark.django_db
def test_rows_of_two_models_are_written_normalised_and_in_one_statement_on_postgresql(cast):
    document = incoming_register(actor=build_actor(cast.clerk, cast.office), data=incoming_data())
    decomposed = unicodedata.normalize("NFD", "Đã xử lý")
    with CaptureQueriesContext(connection) as ctx:
        insert_rows(
            TraceEntry(document=document, actor=cast.clerk, action="note", summary=decomposed),
            audit_event(actor=cast.clerk, action="incoming.note", obj=document, agency=cast.office, summary="ghi chú"),
        )
    # The audit row's chain head costs two statements of its own (AuditChainHead).
    rows = [q for q in ctx.captured_queries if "audit_auditchainhead" not in q["sql"]]
    assert len(rows) == (1 if connection.vendor == "postgresql" else 2)
    assert len(ctx.captured_queries) == len(rows) + 2
    trace = TraceEntry.objects.get(document=document, action="note")
    assert trace.summary == "Đã xử lý" and trace.at is not None
    event = AuditEvent.objects.get(action="incoming.note")
    assert (event.object_id, event.agency_id, event.actor_id) == (str(document.pk), cast.office.pk, cast.clerk.pk)
