"""The one-stop part of `manage.py load_demo` (eoffice/demo/onestop.py): the
catalogue, ~500 dossiers in every state played through the services, and the
counter's login `motcua`. The whole demo is loaded once for this module, as
in test_load_demo.py, and rolled back at its end."""

import random
import re
import unicodedata
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.utils import timezone

from eoffice.audit.models import AuditEvent
from eoffice.demo.catalog import LOGINS
from eoffice.demo.onestop import WINDOW_DAYS, Applicants, demo_procedures, external, natural_plans, schedule
from eoffice.demo.services import demo_summary
from eoffice.demo.tests.conftest import PASSWORD
from eoffice.onestop.dossiers.selectors import is_overdue, waiting_for
from eoffice.onestop.models import (
    OPEN_STATUSES,
    Channel,
    Dossier,
    DossierEvent,
    DossierPaper,
    DossierStep,
    EventKind,
    Procedure,
    ProcedureStep,
    Rating,
    Status,
    Timeliness,
)
from eoffice.organisation.models import Membership, Role, User
from eoffice.organisation.selectors import build_actor, default_agency
from eoffice.registers.models import Register, RegisterKind

pytestmark = pytest.mark.django_db


def actor(username, demo):
    return build_actor(User.objects.get(username=username), demo.office)


def dossiers(demo):
    return Dossier.objects.filter(agency=demo.office)


def test_about_500_dossiers_in_every_status(demo):
    assert 480 <= dossiers(demo).count() <= 520
    assert set(dossiers(demo).values_list("status", flat=True)) == set(Status.values)
    assert set(dossiers(demo).values_list("channel", flat=True)) == set(Channel.values)


def test_at_least_30_procedures_are_published_and_their_counter_steps_linked(demo):
    published = Procedure.objects.filter(agency=demo.office, published=True)
    assert published.count() >= 30
    counter = DossierStep.objects.filter(dossier__agency=demo.office, order=1)
    assert set(counter.values_list("unit__abbreviation", flat=True)) == {"MC"}
    assert len(set(dossiers(demo).values_list("procedure", flat=True))) >= 25


def test_codes_are_distinct_and_gap_free_per_day_of_filing(demo):
    by_day = defaultdict(list)
    for code, submitted, received in dossiers(demo).values_list("code", "submitted_at", "received_at"):
        agency_id, yymmdd, seq = code.rsplit("-", 2)
        assert agency_id == demo.office.organ_id
        assert yymmdd == f"{timezone.localtime(submitted or received):%y%m%d}", code
        by_day[yymmdd].append(int(seq))
    for yymmdd, numbers in by_day.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), yymmdd
        register = Register.objects.get(agency=demo.office, kind=RegisterKind.DOSSIER, series=yymmdd)
        assert register.last_number == len(numbers)
    assert sum(len(numbers) for numbers in by_day.values()) == dossiers(demo).count()


def test_motcua_logs_in_as_the_offices_one_stop_officer(demo, client):
    assert authenticate(RequestFactory().post("/dang-nhap/"), username="motcua", password=PASSWORD) is not None
    assert client.login(request=RequestFactory().post("/dang-nhap/"), username="motcua", password=PASSWORD)
    user = User.objects.get(username="motcua")
    assert default_agency(user) == demo.office
    assert Role.ONE_STOP in actor("motcua", demo).roles
    assert Membership.objects.get(user=user).unit.name == "Bộ phận Một cửa"
    assert "motcua" in {username for username, _ in LOGINS} and "motcua" in demo.output
    assert Role.ONE_STOP in actor("motcua2", demo).roles


def test_motcua_finds_work_waiting_today(demo):
    waiting = list(waiting_for(actor("motcua", demo)))
    statuses = [d.status for d in waiting]
    assert statuses.count(Status.SUBMITTED) >= 3  # online submissions to accept
    assert statuses.count(Status.RESULT_READY) >= 3  # results to return
    assert sum(is_overdue(d, demo.now) for d in waiting) >= 2  # back at the counter, late
    assert sum(is_overdue(d, demo.now) for d in dossiers(demo)) >= 4


@pytest.mark.parametrize("username", ["chuyenvienkt", "chuyenvienhctc", "chuyenviennc", "chuyenvienvx"])
def test_the_offices_units_find_dossiers_at_their_step(demo, username):
    assert waiting_for(actor(username, demo)).exists()


def test_dossiers_wait_at_every_kind_of_step(demo):
    current = DossierStep.objects.filter(
        dossier__agency=demo.office, dossier__status=Status.IN_PROCESS, started_at__isnull=False, finished_at__isnull=True
    )
    assert not current.filter(unit__isnull=True).exists()  # every step has a unit that can move it on
    holders = set(current.values_list("unit__abbreviation", flat=True))
    assert {"MC", "KT", "HCTC", "NC", "VX"} <= holders
    published = published_steps(demo)
    waiting_on = {published[step.dossier.procedure_id, step.order].unit_name for step in current.select_related("dossier")}
    assert "Lãnh đạo UBND thành phố" in waiting_on  # the city's leaders, tracked by the Bộ phận Một cửa
    assert any(name.startswith("Sở ") or "(Sở " in name for name in waiting_on)  # a department (liên thông)


def published_steps(demo) -> dict[tuple[int, int], ProcedureStep]:
    """The catalogue's steps by (procedure, order): what each dossier step was copied from."""
    steps = ProcedureStep.objects.filter(procedure__agency=demo.office).select_related("unit")
    return {(step.procedure_id, step.order): step for step in steps}


def test_each_step_is_done_by_its_unit_or_by_a_leader_for_another_body(demo):
    leaders = set(Membership.objects.filter(agency=demo.office, role=Role.LEADER).values_list("user", flat=True))
    steps = DossierStep.objects.filter(dossier__agency=demo.office, finished_at__isnull=False).select_related("dossier")
    assert steps.count() > 1000
    assert not steps.filter(unit__isnull=True).exists()
    members = set(Membership.objects.filter(agency=demo.office).values_list("user", "unit"))
    published = published_steps(demo)
    for step in steps:
        if external(published[step.dossier.procedure_id, step.order]):  # recorded by a leader when the other body answers
            assert step.done_by_id in leaders, step.pk
        else:
            assert (step.done_by_id, step.unit_id) in members, step.pk


def test_every_act_is_dated_in_the_last_four_months_in_office_hours(demo):
    first = demo.now - timedelta(days=WINDOW_DAYS + 1)
    (am_start, am_end), (pm_start, pm_end) = settings.EOFFICE_ONESTOP_HOURS
    events = DossierEvent.objects.filter(dossier__agency=demo.office)
    assert events.count() > 3000
    for event in events:
        assert first <= event.at <= demo.now
        local = timezone.localtime(event.at).time()
        if event.actor_id:  # staff act at the counter or at their desk; citizens file online at any hour
            assert am_start <= local <= am_end or pm_start <= local <= pm_end, (event.kind, local)
    for dossier in dossiers(demo).prefetch_related("events"):
        moments = [e.at for e in sorted(dossier.events.all(), key=lambda e: e.id)]
        assert moments == sorted(moments), dossier.code


def test_every_event_has_its_audit_row(demo):
    audited = AuditEvent.objects.filter(object_type="onestop.dossier")
    ratings = Rating.objects.filter(dossier__agency=demo.office).count()
    assert audited.count() == DossierEvent.objects.filter(dossier__agency=demo.office).count() + ratings


def test_returned_dossiers_are_early_on_time_and_late_and_some_rated(demo):
    returned = dossiers(demo).filter(status=Status.RETURNED)
    assert set(returned.values_list("timeliness", flat=True)) == set(Timeliness.values)
    assert returned.filter(timeliness=Timeliness.EARLY).count() > returned.filter(timeliness=Timeliness.LATE).count()
    rated = Rating.objects.filter(dossier__agency=demo.office)
    assert 0.15 * returned.count() <= rated.count() <= 0.6 * returned.count()
    assert not rated.exclude(dossier__status=Status.RETURNED).exists()
    assert len(set(rated.values_list("level", flat=True))) == 3


def test_supplemented_dossiers_resume_with_their_appointment_moved(demo):
    resumed = dossiers(demo).filter(events__kind=EventKind.SUPPLEMENTED).distinct()
    assert resumed.count() >= 5
    assert resumed.exclude(status=Status.SUPPLEMENT).count() == resumed.count()
    moved = 0
    for dossier in resumed:
        received = dossier.events.get(kind=EventKind.RECEIVED)
        supplemented = dossier.events.get(kind=EventKind.SUPPLEMENTED)
        if Decimal(supplemented.data["paused_days"]) > 0:
            assert dossier.first_due_at > received.due_at, dossier.code
            moved += 1
    assert moved >= 3
    assert dossiers(demo).filter(status=Status.SUPPLEMENT).count() >= 3


def test_some_late_dossiers_got_an_apology_and_a_new_date(demo):
    apologised = dossiers(demo).filter(events__kind=EventKind.APOLOGY).distinct()
    assert apologised.count() >= 3
    for dossier in apologised:
        apology = dossier.events.get(kind=EventKind.APOLOGY)
        assert apology.data["reason"] and apology.due_at > datetime.fromisoformat(apology.data["previous_due_at"])
        assert dossier.due_at > dossier.first_due_at  # the first appointment stays for the verdict
    assert apologised.filter(status__in=OPEN_STATUSES, due_at__gt=demo.now).exists()  # late, new date still ahead
    assert apologised.filter(timeliness=Timeliness.LATE).exists()


def test_refused_and_withdrawn_dossiers_carry_their_reasons(demo):
    refused = dossiers(demo).filter(status=Status.REFUSED)
    assert refused.exists() and not refused.filter(refusal_reason="").exists()
    for dossier in refused:
        assert dossier.events.get(kind=EventKind.REFUSED).note == dossier.refusal_reason
    for dossier in dossiers(demo).filter(status=Status.WITHDRAWN):
        assert dossier.events.get(kind=EventKind.WITHDRAWN).note


def test_applicants_look_like_citizens_and_companies_of_hai_phong(demo):
    rows = list(
        dossiers(demo).values_list("applicant_kind", "applicant_name", "organisation_name", "id_number", "phone", "address")
    )
    for kind, name, organisation, id_number, phone, address in rows:
        assert re.fullmatch(r"0\d{2}[0-3]\d{8}", id_number), id_number
        assert re.fullmatch(r"09\d{8}", phone), phone
        assert address.endswith("thành phố Hải Phòng"), address
        assert len(name.split()) >= 3 and unicodedata.is_normalized("NFC", name + organisation + address)
        assert bool(organisation) == (kind == "organisation")
    organisations = [organisation for _, _, organisation, *_ in rows if organisation]
    assert len(organisations) >= 100 and any(o.startswith("Công ty TNHH") for o in organisations)
    assert len({id_number for *_, id_number, _, _ in rows}) > 0.9 * len(rows)


def test_a_share_of_papers_are_scanned_pdfs(demo):
    papers = DossierPaper.objects.filter(dossier__agency=demo.office)
    scanned = papers.filter(file__isnull=False)
    assert 0.15 * papers.count() <= scanned.count() <= 0.7 * papers.count()
    assert set(scanned.values_list("file__content_type", flat=True)) == {"application/pdf"}
    with scanned.first().file.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert papers.filter(supplement=True).exists()


def test_the_summary_and_the_report_give_the_dossiers_counts(demo):
    summary = demo_summary(demo.office)
    for value, label in Status.choices:
        count = dossiers(demo).filter(status=value).count()
        assert summary["dossiers_by_status"][label] == count
        assert re.search(rf"^  {re.escape(label)}\s+{count}$", demo.output, re.MULTILINE), label
    assert summary["dossiers"] == dossiers(demo).count()
    assert summary["dossiers_overdue"] == sum(is_overdue(d, timezone.now()) for d in dossiers(demo))
    assert summary["procedures"] == Procedure.objects.filter(agency=demo.office, published=True).count()
    assert f"Hồ sơ một cửa: {summary['dossiers']} hồ sơ của {summary['procedures']} thủ tục" in demo.output


def test_the_same_seed_plans_the_same_dossiers(demo):
    procedures = demo_procedures(demo.office)
    days = [demo.now.date() - timedelta(days=n) for n in range(60, 0, -1)]

    def plans():
        found = natural_plans(random.Random(7), Applicants(random.Random(7)), procedures, days, demo.now, 40)
        return [
            (p.procedure.code, p.start, p.durations, p.applicant, [(a.at, a.kind, a.actor) for a in schedule(p)]) for p in found
        ]

    assert plans() == plans()
