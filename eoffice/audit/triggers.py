"""SQL of the database triggers that keep the audit table append-only."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_TRIGGERS = [
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]
POSTGRES_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_append_only();""",
]
DROP_TRIGGERS = {
    "sqlite": ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"],
    "postgresql": ["DROP TRIGGER IF EXISTS audit_no_change ON audit_auditevent"],
}
CREATE_TRIGGERS = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}


@contextmanager
def triggers_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Rows may be updated and deleted inside the block (the chain's backfill,
    the tamper tests); the triggers are created again after it. Use inside a
    transaction: DDL is transactional on both databases, so an error rolls the
    drop back with the rest, and other connections never see the table open."""
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for sql in DROP_TRIGGERS.get(vendor, []):
            cursor.execute(sql)
    yield
    with connection.cursor() as cursor:
        for sql in CREATE_TRIGGERS.get(vendor, []):
            cursor.execute(sql)
