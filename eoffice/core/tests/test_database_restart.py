"""The database restarted under load: a request while it is away gets a clean 503
with a Vietnamese message and Retry-After (page and API), and the next request after
it is back succeeds on a fresh connection. PostgreSQL only (a server that restarts);
the restart is played, for the server `make run` starts (gunicorn, a process of its
own, its connections named), by refusing new connections and dropping its own. Only
its own: the test process keeps connections of its own (one per context) that a
"drop every other connection" would break for the tests after this one."""

import json
import urllib.error
import urllib.request

import psycopg
import pytest
from django.db import connection

from eoffice.conftest import child_database_url, gunicorn_on_test_database

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a restart is a PostgreSQL server's"),
]

APP = "eoffice-restart-test"
DROP_SERVERS = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND application_name = %s"


def run(sql: str, *params) -> None:
    """As the server's administrator, from the maintenance database (the test database's
    own connections cannot bar connections to it)."""
    db = connection.settings_dict
    with psycopg.connect(dbname="postgres", host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], autocommit=True) as admin:
        admin.execute(sql, params or None)


def drop_servers() -> None:
    """A restart drops the server's connections."""
    run(DROP_SERVERS, connection.settings_dict["NAME"], APP)


def get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the test's own server
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_requests_fail_cleanly_while_the_database_is_away_and_succeed_after(tmp_path):
    url = f"{child_database_url()}?application_name={APP}"
    with gunicorn_on_test_database(tmp_path / "gunicorn.log", url) as base:
        page, api = f"{base}/thu-tuc/", f"{base}/api/v1/public/dossiers/X-1/?phone_last4=1234"
        assert get(page)[0] == 200
        drop_servers()
        assert get(page)[0] == 200  # checked before reuse and opened again
        name = connection.settings_dict["NAME"]
        run(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        try:
            drop_servers()
            status, body, headers = get(page)
            assert (status, headers["Retry-After"]) == (503, "30")
            assert "không kết nối được cơ sở dữ liệu" in body and "Traceback" not in body
            status, body, _ = get(api)
            assert status == 503 and json.loads(body)["error"]["code"] == "database_unavailable"
        finally:
            run(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        assert get(page)[0] == 200
