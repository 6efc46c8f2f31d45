"""The on-time chart's figures: the days before today cached once per agency and
day, today's completions added by the leaders' overview job; together always
the figures of the whole year computed afresh."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from eoffice.home.leaders import leader_panels, overview_key
from eoffice.home.on_time import cache_key, figures_cache, midnight, on_time_rates, year_to_date_rates
from eoffice.home.tasks import leader_panels_refresh, on_time_figures_nightly
from eoffice.incoming.handling.assignments import assignment_complete
from eoffice.incoming.models import Assignment, AssignmentKind

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 15)  # "today" in the tests that date the completions themselves


def completions(c):
    """The unit tasks of the office completed in the fixture, oldest first."""
    done = Assignment.objects.filter(document__agency=c.office, status="done", parent__isnull=True, user__isnull=True)
    return list(done.exclude(kind=AssignmentKind.REVIEW).order_by("pk"))


def complete_one_more(c, unit, head):
    """One more of `unit`'s open lead tasks completed by its head, now; returns it."""
    task = Assignment.objects.filter(
        document__agency=c.office, unit=unit, kind=AssignmentKind.LEAD, parent__isnull=True, user__isnull=True, is_open=True
    ).first()
    return assignment_complete(actor=c.actor(head), assignment=task, proposal="Đã xử lý xong.")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return midnight(day) + timedelta(hours=hour, minutes=minute)


def by_unit(rates):
    return {rate.label: (rate.on_time, rate.completed) for rate in rates}


def test_the_cached_days_and_today_add_up_to_the_whole_year(office):
    th_lead, th_coordinate, kt_lead = completions(office)
    # Tổng hợp: one a few days ago, one a minute before midnight; Kinh tế: one at midnight sharp (today).
    for task, when in ((th_lead, at(DAY - timedelta(days=5), 9)), (th_coordinate, at(DAY, 0) - timedelta(minutes=1))):
        Assignment.objects.filter(pk=task.pk).update(completed_at=when)
    Assignment.objects.filter(pk=kt_lead.pk).update(completed_at=at(DAY, 0))
    year = (date(DAY.year, 1, 1), DAY)

    first = year_to_date_rates(office.office, DAY)  # nothing cached: computed and kept
    assert first.rates == on_time_rates(office.office, *year)
    assert by_unit(first.rates)["Phòng Tổng hợp"][1] == 2 and by_unit(first.rates)["Phòng Kinh tế"][1] == 1
    kept = figures_cache().get(cache_key(office.office, DAY))
    assert {label: completed for label, _, completed in kept["units"].values()} == {"Phòng Tổng hợp": 2}  # not today's

    late = complete_one_more(office, office.kinhte, office.kt_head)
    Assignment.objects.filter(pk=late.pk).update(completed_at=at(DAY, 10))
    second = year_to_date_rates(office.office, DAY)  # the cached days, today's two live
    assert second.computed_at == first.computed_at
    assert second.rates == on_time_rates(office.office, *year)
    assert by_unit(second.rates)["Phòng Kinh tế"][1] == 2
    assert second.through == DAY - timedelta(days=1)

    tomorrow = year_to_date_rates(office.office, DAY + timedelta(days=1))  # a new day, a new cached part
    assert tomorrow.rates == second.rates
    kept = figures_cache().get(cache_key(office.office, DAY + timedelta(days=1)))
    assert kept["units"].keys() == {office.tonghop.pk, office.kinhte.pk}


def test_a_completion_made_today_shows_on_the_leaders_page_at_the_jobs_next_run(office):
    client = Client()
    client.force_login(office.leader)

    def kinh_te_bar() -> str:
        page = client.get("/").content.decode()
        return re.search(r"<text x=\"0\" y=\"\d+\">Phòng Kinh tế \((\d+/\d+)\)</text>", page).group(1)

    assert kinh_te_bar() == "1/1"  # nothing cached: this first visit computes and keeps the figures
    assert figures_cache().get(cache_key(office.office, timezone.localdate())) is not None
    complete_one_more(office, office.kinhte, office.kt_head)  # late: its deadline passed five days ago
    assert kinh_te_bar() == "1/1"  # the page reads the kept figures
    assert leader_panels_refresh.call_local() == 2  # the periodic job: today's completions added
    assert kinh_te_bar() == "1/2"


def test_the_chart_says_when_its_figures_were_computed(office):
    leader_panels_refresh.call_local()
    computed_at = timezone.localtime(figures_cache().get(overview_key(office.office))["computed_at"])
    client = Client()
    client.force_login(office.leader)
    page = client.get("/").content.decode()
    chart = page[page.index('data-panel="on_time"') :]
    assert f"Số liệu lúc {computed_at:%H:%M}" in chart[: chart.index("</section>")]


def test_the_jobs_cache_every_hosted_agency_and_the_panel_then_asks_no_query(office, django_assert_num_queries):
    today = timezone.localdate()
    leader = office.actor(office.leader)
    assert on_time_figures_nightly.call_local() == 2
    assert figures_cache().get(cache_key(office.office, today)) and figures_cache().get(cache_key(office.other, today))
    leader_panels_refresh.call_local()
    with django_assert_num_queries(0):  # the overview job's figures
        panel = leader_panels(leader, today)[-1]  # the chart comes last
    assert [(bar.rate.label, bar.rate.completed) for bar in panel.chart.bars] == [("Phòng Kinh tế", 1), ("Phòng Tổng hợp", 2)]
