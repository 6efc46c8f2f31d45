"""Error pages: Vietnamese, no traceback or internals, and a reference that the log carries."""

import logging
import re
from pathlib import Path

import pytest
from django.test import Client


@pytest.fixture
def failing(settings):
    settings.ROOT_URLCONF = "eoffice.core.tests.error_urls"
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def reference(page: str) -> str:
    found = re.search(r"Mã tham chiếu: <strong>([0-9A-F]{8})</strong>", page)
    assert found, page
    return found.group(1)


def test_a_failing_view_shows_a_vietnamese_page_with_the_logged_reference(failing, caplog, db):
    with caplog.at_level(logging.ERROR, logger="eoffice.errors"):
        response = failing.get("/hong/")
    page = response.content.decode()
    assert response.status_code == 500 and "Lỗi hệ thống" in page
    assert "secret detail" not in page and "Traceback" not in page
    [record] = [r for r in caplog.records if r.name == "eoffice.errors"]
    assert reference(page) in record.getMessage() and "secret detail" in str(record.exc_info[1])


def test_an_unknown_page_is_a_vietnamese_404(failing, db):
    response = failing.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode() and reference(response.content.decode())


def test_an_api_path_gets_the_api_error_shape(failing, db):
    response = failing.get("/api/v1/khong-co/")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found" and error["message"].startswith("Trang hoặc đối tượng") and error["reference"]


def test_make_run_does_not_run_in_debug_mode():
    """make run serves with gunicorn under supervisord, debug off; only make dev runs Django's server."""
    makefile = Path("Makefile").read_text(encoding="utf-8")
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "EOFFICE_DEBUG=$${EOFFICE_DEBUG:-0}" in run and "supervisord -c deploy/supervisord.conf" in run
    assert "runserver" not in run
