"""Upkeep of the database itself, whatever the engine."""

from django.db import connection

# Rows ANALYZE samples per index on SQLite: close enough for the planner, and a
# few seconds at a million documents instead of a full read of every table.
ANALYSIS_LIMIT = 1000


def refresh_statistics() -> bool:
    """Refresh the planner's statistics. SQLite keeps none until ANALYZE runs,
    and without them it misjudges the partial indexes (the home page's task
    counts took ten times longer on a fresh database). PostgreSQL's autovacuum
    already does this: nothing to do there. Returns whether it ran."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
    return True
