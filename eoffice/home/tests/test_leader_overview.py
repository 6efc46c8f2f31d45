"""The leaders' late-by-unit panels are agency-wide figures kept in the cache:
the periodic job computes them for every hosted agency, the page reads them
(computing and storing them on a miss) and says when they were computed."""

import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eoffice.core.choices import Confidentiality
from eoffice.home.leaders import OVERVIEW, compute_overview, leader_panels, overview_key
from eoffice.home.on_time import figures_cache, midnight
from eoffice.home.tasks import every_leader_panels_period, leader_panels_refresh
from eoffice.home.tests.conftest import make_late
from eoffice.incoming.models import Assignment, IncomingDocument
from eoffice.organisation.models import User

pytestmark = pytest.mark.django_db


def leader_client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.get("/")  # the session, the calendar: what a first request reads once
    return client


def queries_of(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def totals(actor) -> dict[str, int]:
    return {p.key: p.total for p in leader_panels(actor, timezone.localdate()) if p.key in OVERVIEW}


def open_late_document(c):
    return (
        Assignment.objects.filter(document__agency=c.office, unit=c.tonghop, is_open=True)
        .exclude(deadline__lt=timezone.localdate())
        .first()
        .document
    )


def test_the_second_load_reads_the_panels_from_the_cache(office):
    client = leader_client(office.leader)
    figures_cache().delete(overview_key(office.office))
    missed = queries_of(client)  # computed and stored
    cached = queries_of(client)
    assert cached <= missed - len(OVERVIEW)  # at least one aggregate per panel saved
    make_late(open_late_document(office))  # one more late document: not shown until recomputed
    assert totals(office.actor(office.leader))["late_documents"] == 3
    leader_panels_refresh.call_local()
    assert totals(office.actor(office.leader))["late_documents"] > 3


def test_the_job_fills_the_cache_for_every_hosted_agency_and_agencies_never_share_figures(office):
    figures_cache().clear()
    assert leader_panels_refresh.call_local() == 2
    ours, theirs = figures_cache().get(overview_key(office.office)), figures_cache().get(overview_key(office.other))
    assert ours["panels"]["late_documents"]["total"] == 3 and theirs["panels"]["late_documents"]["total"] == 1
    assert ours["panels"].keys() == theirs["panels"].keys() == OVERVIEW.keys()
    assert totals(office.actor(office.leader))["late_documents"] == 3
    assert totals(office.actor(User.objects.get(username="giamdocsxd"), office.other))["late_documents"] == 1


def test_what_the_job_computes_in_the_worker_is_read_by_the_web_processes(office):
    """The embedded figures cache is files: another process (here another
    cache object on the same directory) reads what the job wrote."""
    assert leader_panels_refresh.call_local() == 2
    location = settings.CACHES["figures"]["LOCATION"]
    web = FileBasedCache(location, {})
    assert web.get(overview_key(office.office))["panels"]["late_documents"]["total"] == 3


def test_the_figures_cache_is_chosen_by_configuration(tmp_path):
    embedded = figures_settings(EOFFICE_CACHE="", EOFFICE_VAR_DIR=str(tmp_path))
    assert embedded == ["django.core.cache.backends.filebased.FileBasedCache", str(tmp_path / "cache" / "figures"), "None"]
    shared = figures_settings(EOFFICE_CACHE="redis", EOFFICE_REDIS_URL="redis://cache.example:6380/2")
    assert shared == ["django.core.cache.backends.redis.RedisCache", "redis://cache.example:6380/2", "eoffice-figures"]


def figures_settings(**env) -> list[str]:
    """settings.CACHES["figures"] in a fresh interpreter with `env`."""
    environment = {**os.environ, "SECRET_KEY": "x", "DJANGO_SETTINGS_MODULE": "eoffice.settings", **env}
    fields = "c['BACKEND'], c['LOCATION'], c.get('KEY_PREFIX')"
    code = f"from django.conf import settings; c = settings.CACHES['figures']; print({fields})"
    done = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)  # noqa: S603
    return done.stdout.split()


def test_a_miss_computes_the_figures_and_stores_them(office):
    figures_cache().clear()
    before = timezone.now()
    assert totals(office.actor(office.leader)) == {"late_documents": 3, "late_tasks": 0, "late_dossiers": 1}
    stored = figures_cache().get(overview_key(office.office))
    assert stored is not None and stored["computed_at"] >= before
    assert figures_cache().get(overview_key(office.other)) is None  # only the reader's agency


def test_the_panels_say_when_their_figures_were_computed(office):
    stored = compute_overview(office.office)
    stored["computed_at"] = midnight(timezone.localdate()) + timedelta(hours=9, minutes=17)
    figures_cache().set(overview_key(office.office), stored)
    page = leader_client(office.leader).get("/").content.decode()
    assert len(re.findall(r"Số liệu lúc 09:17", page)) == len(OVERVIEW) + 1  # and the on-time chart


def test_the_cache_holds_plain_data_and_counts_confidential_documents_without_their_subject(office):
    late = Assignment.objects.filter(document__agency=office.office, unit=office.tonghop, deadline__lt=timezone.localdate())
    document = late.filter(is_open=True).first().document
    IncomingDocument.objects.filter(pk=document.pk).update(confidentiality=Confidentiality.SECRET, subject="Mật: không được lộ")
    figures_cache().clear()
    assert totals(office.actor(office.leader))["late_documents"] == 3  # counted, whoever reads the panel
    client = leader_client(office.leader)
    report = client.get(reverse("incoming-late") + f"?unit={office.tonghop.pk}")
    assert len(report.context["rows"]) == 0  # listed only to those granted access
    stored = figures_cache().get(overview_key(office.office))
    assert "không được lộ" not in repr(stored)

    def plain(value) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list | tuple):
            return all(plain(v) for v in value)
        return value is None or type(value) in (str, int, float, bool, date, datetime)

    assert plain(stored)


@pytest.mark.parametrize(("minutes", "due", "not_due"), [(5, (10, 5), (10, 7)), (90, (3, 0), (2, 0))])
def test_the_job_runs_every_configured_number_of_minutes(settings, minutes, due, not_due):
    settings.EOFFICE_LEADER_PANELS_MINUTES = minutes
    assert every_leader_panels_period(datetime(2026, 6, 15, *due))
    assert not every_leader_panels_period(datetime(2026, 6, 15, *not_due))


def test_figures_cached_by_a_vietnamese_page_show_in_english_to_an_english_reader(office):
    Assignment.objects.filter(document__agency=office.office, is_open=True, deadline__lt=timezone.localdate()).update(
        unit=None
    )  # the late documents now "assigned to people": a label the cache must not freeze
    figures_cache().clear()
    client = leader_client(office.leader)  # Vietnamese: computed and stored
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Overdue incoming documents by unit" in page and "Assigned to people" in page and "Figures as of" in page
    assert "Cá nhân được giao" not in page
