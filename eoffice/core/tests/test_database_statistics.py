"""The nightly job that keeps the query planner's statistics."""

import pytest
from django.db import connection

from eoffice.core.tasks import database_statistics_nightly

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum analyses its tables")
def test_sqlite_gets_the_statistics_it_plans_with(cast):
    with connection.cursor() as cursor:  # a new database has none: no sqlite_stat1 table yet
        assert database_statistics_nightly.call_local() is True
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'organisation_unit'")
        assert cursor.fetchone()[0] > 0


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite needs the job")
def test_postgresql_is_left_to_autovacuum():
    assert database_statistics_nightly.call_local() is False
