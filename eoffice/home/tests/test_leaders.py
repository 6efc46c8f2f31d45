"""The leaders' panels: late documents and dossiers by unit, the on-time chart,
and a constant number of queries whatever the size of the office."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eoffice.home.leaders import leader_panels
from eoffice.home.on_time import figures_cache
from eoffice.home.tests.growth import grow
from eoffice.incoming.models import Assignment
from eoffice.onestop.models import Dossier
from eoffice.outgoing.models import OutgoingDocument

pytestmark = pytest.mark.django_db


def figures(panel):
    return [(row.label, row.value) for row in panel.rows], panel.total


def panel(c, key):
    """A leader's panel as the page gets it (cached overview figures, computed on a miss)."""
    return {p.key: p for p in leader_panels(c.actor(c.leader), timezone.localdate())}[key]


def page_of(user):
    client = Client()
    client.force_login(user)
    return client.get("/").content.decode()


def test_late_documents_by_unit_link_to_the_report_of_that_unit(office):
    late = panel(office, "late_documents")
    assert figures(late) == ([("Phòng Kinh tế", 2), ("Phòng Tổng hợp", 1)], 3)  # never Sở Xây dựng's
    client = Client()
    client.force_login(office.leader)
    for row in late.rows:
        assert len(client.get(row.url).context["rows"]) == row.value


def test_late_dossiers_by_unit_are_the_statistics_figures(office):
    late = panel(office, "late_dossiers")
    # The one late dossier counts under every unit of its route (as the statistics by unit count it).
    assert figures(late) == ([("Bộ phận Một cửa", 1), ("Phòng Kinh tế", 1), ("Phòng Tổng hợp", 1)], 1)
    assert late.more_url == "/mot-cua/thong-ke/?period=year&group_by=unit"


def test_the_chart_has_a_bar_per_unit_with_its_on_time_rate(office):
    panel = leader_panels(office.actor(office.leader), timezone.localdate())[-1]  # the chart
    rates = [(bar.rate.label, bar.rate.on_time, bar.rate.completed, bar.rate.percent) for bar in panel.chart.bars]
    assert rates == [("Phòng Kinh tế", 1, 1, 100.0), ("Phòng Tổng hợp", 1, 2, 50.0)]
    page = page_of(office.leader)
    svg = re.search(r"<svg class=\"chart\".*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    bars = re.findall(r'<g class="bar[^"]*" data-unit="(\d+)" data-percent="([\d.]+)"', svg)
    assert bars == [(str(office.kinhte.pk), "100.0"), (str(office.tonghop.pk), "50.0")]
    assert re.findall(r'class="fill" x="0" y="\d+" width="(\d+)"', svg) == ["290", "145"]
    assert "50,0%" in svg  # the figure as Vietnamese write it


def test_only_the_agencys_leaders_get_the_panels(office):
    now = timezone.localdate()
    assert [p.key for p in leader_panels(office.actor(office.leader), now)] == [
        "late_documents",
        "late_tasks",
        "late_dossiers",
        "on_time",
    ]
    for user in (office.head, office.specialist, office.clerk, office.one_stop):
        assert leader_panels(office.actor(user), now) == []
        assert '<svg class="chart"' not in page_of(user)  # the bell has its own icon


def count_queries(client) -> int:
    """A leader's page with nothing cached: the figures computed as a miss (or the job) does."""
    figures_cache().clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_leaders_page_asks_the_same_number_of_queries_for_50_or_500_records(office, django_assert_max_num_queries):
    late = Assignment.objects.filter(unit=office.kinhte, is_open=True).first().document
    draft = OutgoingDocument.objects.filter(signer=office.leader, status="in_review").first()
    dossier = Dossier.objects.order_by("due_at").first()
    client = Client()
    client.force_login(office.leader)
    client.get("/")  # the session, the calendar: what a first request reads once
    grow(late, draft, dossier, 50, start=10_000)
    fifty = count_queries(client)
    grow(late, draft, dossier, 450, start=20_000)
    assert Assignment.objects.filter(document__agency=office.office).count() > 1000
    figures_cache().clear()
    with django_assert_max_num_queries(fifty):
        client.get("/")
    assert count_queries(client) == fifty
    assert panel(office, "late_documents").total == 3 + 500
