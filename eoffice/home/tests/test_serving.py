"""What `make run` serves with (deploy/gunicorn.conf.py): 50 clients registering
at once all get their answer, numbers gap-free; static files come from the
application server; an unknown page is the Vietnamese 404, never a traceback."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from eoffice.apitokens.services import token_issue
from eoffice.conftest import gunicorn_on_test_database, incoming_data
from eoffice.incoming.models import IncomingDocument

CLIENTS = 50
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def served(cast, tmp_path):
    """gunicorn as `make run` starts it, on the test database."""
    with gunicorn_on_test_database(tmp_path / "gunicorn.log") as base:
        yield base


def _post(url: str, body: bytes, token: str) -> int:
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_fifty_clients_registering_at_once_all_get_their_number(served, cast):
    token = token_issue(cast.clerk)[1]
    documents = [incoming_data(code_number=str(1000 + n)) for n in range(CLIENTS)]
    bodies = [json.dumps(data, cls=DjangoJSONEncoder).encode() for data in documents]
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        statuses = list(pool.map(lambda body: _post(f"{served}/api/v1/incoming/", body, token), bodies))
    assert statuses == [201] * CLIENTS
    numbers = sorted(IncomingDocument.objects.values_list("arrival_number", flat=True))
    assert numbers == list(range(1, CLIENTS + 1))  # none skipped, none twice


def test_static_files_and_error_pages_come_from_the_application_server(served):
    with urllib.request.urlopen(f"{served}/static/eoffice/app.css", timeout=10) as response:  # noqa: S310
        assert response.status == 200 and response.headers["Content-Type"].startswith("text/css")
        assert b".field" in response.read()
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{served}/khong-co-trang-nay/", timeout=10)  # noqa: S310
    page = missing.value.read().decode()
    assert missing.value.code == 404 and "Traceback" not in page and "Mã tham chiếu" in page


def test_make_run_keeps_the_web_server_and_the_worker_running():
    """deploy/supervisord.conf: both programs, each restarted when it stops."""
    import configparser

    config = configparser.ConfigParser(interpolation=None)
    config.read(Path(settings.BASE_DIR) / "deploy" / "supervisord.conf")
    web, worker = config["program:web"], config["program:worker"]
    assert "gunicorn -c deploy/gunicorn.conf.py" in web["command"] and "manage.py run_huey" in worker["command"]
    assert web["autorestart"] == worker["autorestart"] == "true"
    assert config["supervisord"]["nodaemon"] == "true"  # make run stays in the foreground
