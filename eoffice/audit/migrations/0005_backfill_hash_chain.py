"""Chain the rows written before the hash chain, per agency in id order, so
that an existing installation verifies (manage.py audit_verify). The append-only
triggers are lifted for the backfill only; on SQLite, 0004 remade the table and
with it dropped them, so this also puts them back."""

from django.db import migrations

from eoffice.audit.hashing import GENESIS, row_hash
from eoffice.audit.triggers import triggers_lifted

BATCH = 1000


def backfill(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    heads: dict[int | None, tuple[int, str]] = {}
    batch = []
    with triggers_lifted(schema_editor.connection):
        for row in AuditEvent.objects.order_by("id").iterator(chunk_size=BATCH):
            seq, prev_hash = heads.get(row.agency_id, (0, GENESIS))
            row.seq, row.prev_hash = seq + 1, prev_hash
            row.hash = row_hash(row)
            heads[row.agency_id] = (row.seq, row.hash)
            batch.append(row)
            if len(batch) == BATCH:
                AuditEvent.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
                batch = []
        AuditEvent.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
    AuditChainHead.objects.bulk_create(
        AuditChainHead(agency_id=agency_id, seq=seq, hash=last_hash) for agency_id, (seq, last_hash) in heads.items()
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_hash_chain")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
