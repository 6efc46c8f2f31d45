"""The test cast, created once per test: one agency with its registry, leaders,
a unit head and specialists, and an outsider from another agency."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect, sync_playwright

from eoffice.audit.triggers import SQLITE_TRIGGERS
from eoffice.demo.pdf import pdf_bytes
from eoffice.organisation.models import Agency, Membership, Role, Unit, User
from eoffice.organisation.selectors import build_actor

PDF_BYTES = pdf_bytes(["Cong van so 125/SXD-QLXD"])


DEMO_TESTS = "eoffice/demo/tests/"


def pytest_xdist_make_scheduler(config, log):
    """With `--dist loadgroup` (.ci/run): the demo package's tests go to one worker,
    which loads the demo once for them all (demo/tests/conftest.py). xdist's own
    `xdist_group` mark is not used: it rewrites a private node id attribute that
    pytest 9 no longer has, so its groups silently split."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling  # type: ignore[import-untyped]

    class DemoTogether(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "demo" if nodeid.startswith(DEMO_TESTS) else super()._split_scope(nodeid)

    return DemoTogether(config, log)


@pytest.fixture(autouse=True)
def _search_index_per_test(settings, tmp_path_factory):
    """Each test its own search index (created only if the test indexes something):
    the database is emptied between tests, the index must be too; and tantivy
    allows one writer, so xdist workers must not share one."""
    settings.EOFFICE_SEARCH_DIR = tmp_path_factory.mktemp("search", numbered=True)


@pytest.fixture(autouse=True)
def _figures_cache_per_test(settings, tmp_path_factory):
    """Each test its own figures cache (files, settings.CACHES["figures"]): the
    database is emptied between tests, the figures computed from it must be too,
    and xdist workers must not read each other's."""
    location = str(tmp_path_factory.mktemp("figures", numbered=True))
    settings.CACHES = {**settings.CACHES, "figures": {**settings.CACHES["figures"], "LOCATION": location}}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: one test's look-ups must not
    count against the next one's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _two_factor_only_where_tested(request, settings):
    """Tests of other features sign leaders in with a password only; the tests
    marked `two_factor` (eoffice/twofactor) run with the configured roles."""
    if request.node.get_closest_marker("two_factor") is None:
        settings.EOFFICE_2FA_ROLES = []


@pytest.fixture(autouse=True)
def _sessions_outlast_moved_clocks(settings):
    """Many tests move the clock by hours or days while signed in (frozen
    clocks, stories); a session ending after the idle time would sign them out.
    The idle expiry has its own test (organisation/tests/test_sessions.py)."""
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _audit_triggers_allow_flush(request):
    """Transactional tests end with a flush (DELETE on SQLite), which the
    append-only audit triggers refuse: lift them for that flush only and put
    them back before every test."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "transactional_db" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        for sql in SQLITE_TRIGGERS:
            cursor.execute(sql.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS"))
    yield
    transactional = (marker and marker.kwargs.get("transaction")) or "live_server" in request.fixturenames
    if transactional:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS audit_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_no_delete")


def child_database_url() -> str:
    """The test database as a DATABASE_URL, for a server or worker a test starts in a
    process of its own (they must use the database the test sees)."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def gunicorn_on_test_database(log_path: Path, database_url: str = "") -> Iterator[str]:
    """gunicorn as `make run` starts it (deploy/gunicorn.conf.py), on the test
    database, in a process of its own; yields its base URL once /readyz answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {
        "DATABASE_URL": database_url or child_database_url(),
        "PORT": str(port),
        "EOFFICE_DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "EOFFICE_VAR_DIR": str(settings.VAR_DIR),
        "EOFFICE_TASKS": "immediate",
    }
    root = Path(settings.BASE_DIR)
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and config file
            [sys.executable, "-m", "gunicorn", "-c", str(root / "deploy" / "gunicorn.conf.py")],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"{base}/readyz", timeout=10)  # noqa: S310 - our own local server
                    break
                except OSError:  # not listening yet, or still loading
                    time.sleep(0.2)
            else:
                pytest.fail("gunicorn did not start: " + log_path.read_text())
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)


def make_pdf(name="van-ban.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def person(username, agency, role, unit=None, position=""):
    user = User.objects.create_user(username=username, password="matkhau-123", full_name=f"Nguyễn Văn {username}")
    Membership.objects.create(user=user, agency=agency, role=role, unit=unit, position=position)
    return user


@pytest.fixture
def cast(db):
    return make_cast()


CAST_PEOPLE = {  # attribute: (username, role, unit attribute, position); all in the office but the outsider
    "clerk": ("vanthu", Role.CLERK, None, "Văn thư"),
    "leader": ("chanhvp", Role.LEADER, None, "Chánh Văn phòng"),
    "head": ("truongphong", Role.UNIT_HEAD, "tonghop", "Trưởng phòng"),
    "specialist": ("chuyenvien", Role.SPECIALIST, "tonghop", "Chuyên viên"),
    "kt_head": ("truongkt", Role.UNIT_HEAD, "kinhte", "Trưởng phòng"),
    "kt_specialist": ("chuyenvienkt", Role.SPECIALIST, "kinhte", "Chuyên viên"),
}


def make_cast() -> SimpleNamespace:
    """Two hosted agencies, the office's units and people, and an outsider (a
    plain function: the two-installation test seeds each database with it)."""
    office = Agency.objects.create(
        name="Văn phòng UBND thành phố Hải Phòng", short_name="VP", organ_id="000.01.00.H26", hosted=True
    )
    other = Agency.objects.create(name="Sở Xây dựng", short_name="SXD", organ_id="000.02.00.H26", hosted=True)
    units = {
        "tonghop": Unit.objects.create(agency=office, name="Phòng Tổng hợp", abbreviation="TH"),
        "kinhte": Unit.objects.create(agency=office, name="Phòng Kinh tế", abbreviation="KT"),
    }
    for username, role, unit, position in CAST_PEOPLE.values():
        person(username, office, role, units.get(unit or ""), position)
    person("vanthu2", other, Role.CLERK, position="Văn thư")
    return load_cast()


def load_cast() -> SimpleNamespace:
    """The cast made by make_cast, read back from the database."""
    users = {attr: User.objects.get(username=spec[0]) for attr, spec in CAST_PEOPLE.items()}
    outsider = User.objects.get(username="vanthu2")
    office = Membership.objects.get(user=users["clerk"]).agency
    other = Membership.objects.get(user=outsider).agency
    units = {name: Unit.objects.get(agency=office, abbreviation=abbr) for name, abbr in (("tonghop", "TH"), ("kinhte", "KT"))}
    c = SimpleNamespace(office=office, other=other, outsider=outsider, **units, **users)
    c.actor = lambda user, agency=None: build_actor(user, agency or (other if user == outsider else office))
    return c


def incoming_data(**overrides):
    data = {
        "type_name": "Công văn",
        "code_number": "125",
        "code_notation": "SXD-QLXD",
        "issued_date": date(2026, 3, 2),
        "organ_name": "Sở Xây dựng",
        "subject": "Về việc báo cáo tình hình trật tự xây dựng quý I năm 2026",
        "arrival_date": date(2026, 3, 3),
        "signer_position": "Giám đốc",
        "signer_full_name": "Trần Văn B",
        "priority": 0,
        "confidentiality": 0,
    }
    data.update(overrides)
    return data


# Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page():
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test` as root or `apt-get install chromium`."
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


def sign_in(page, base, username, *, to_inbox=True):
    # Leave the old page first: a request of it still in flight must not bring
    # back a cookie (CSRF or session) after they are cleared.
    page.goto("about:blank")
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "matkhau-123")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Bàn làm việc")  # the home page; most stories start in the inbox
    if to_inbox:
        page.goto(f"{base}/van-ban-den/hop-thu/")
        expect(page.locator("h1")).to_have_text("Hộp thư công việc")
