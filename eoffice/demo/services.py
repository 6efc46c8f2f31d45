"""The demo: the city's agencies, units and people, about 300 incoming
documents of this year and last, each played through the real incoming services
(see story.py) so that numbers, traces, grants and audit rows are real, and the
Office's outgoing documents in every state, signed with test-CA keys (see
outgoing.py), a few of UBND thành phố's, drafted by the Office (city.py), and
the one-stop catalogue with about 500 dossiers in every state (onestop.py)."""

import random
import typing
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from eoffice.demo.catalog import AGENCIES, CITY, OFFICE, PEOPLE, UNITS, PersonSpec
from eoffice.demo.city import city_load
from eoffice.demo.copies import copies_load
from eoffice.demo.internal import internal_load
from eoffice.demo.meetings import meetings_load
from eoffice.demo.notifications import notifications_settle
from eoffice.demo.onestop import onestop_load, onestop_summary
from eoffice.demo.outgoing import outgoing_load
from eoffice.demo.packages import packages_load
from eoffice.demo.plan import AGENCY_BY_KEY, plan_documents
from eoffice.demo.schedule import schedule_load
from eoffice.demo.story import Cast, Story
from eoffice.demo.tasks import tasks_load
from eoffice.demo.twofactor import demo_two_factor
from eoffice.incoming.models import Assignment, AssignmentKind, IncomingAttachment, IncomingDocument, Status
from eoffice.organisation.models import Agency, Membership, Unit, User
from eoffice.outgoing.models import OutgoingDocument
from eoffice.outgoing.models import Status as OutStatus
from eoffice.signatures.management.commands.signing_test_ca import create_test_signing_keys
from eoffice.workdays.services import is_working_day

DEFAULT_PASSWORD = "eoffice2026"  # noqa: S105 - the documented demo password
SEED = 2026
DOCUMENT_COUNT = 300
SXD_DOCUMENT_COUNT = 8


def demo_office() -> Agency | None:
    return Agency.objects.filter(organ_id=AGENCY_BY_KEY[OFFICE].organ_id).first()


@transaction.atomic
def demo_load(*, password: str, seed: int = SEED, count: int = DOCUMENT_COUNT) -> Agency:
    """Create the whole demo in one transaction and return the Office. The
    documents arrive from 1 January last year to today; then the Office drafts,
    signs and issues its own, some of them answering what arrived, and
    drafts UBND thành phố's for the city's leaders to sign."""
    now = timezone.localtime()
    cast = _cast_create(password, now)
    workdays = _working_days(date(now.year - 1, 1, 1), now.date())
    rng = random.Random(seed)
    for plan in plan_documents(rng, workdays, count=count, sxd_count=SXD_DOCUMENT_COUNT):
        Story(plan, cast, rng).play()
    create_test_signing_keys()  # the leaders' and the agencies' keys, under VAR_DIR/pki
    outgoing_load(rng, cast, workdays)
    city_load(rng, cast, workdays)
    onestop_load(random.Random(seed), cast, workdays)
    tasks_load(random.Random(seed), cast, workdays)
    schedule_load(cast)
    meetings_load(cast)
    packages_load(cast)
    internal_load(cast)
    copies_load(cast)
    demo_two_factor()  # after the keys: holding one makes a person a signer
    notifications_settle(now)
    return cast.agencies[OFFICE]


def _cast_create(password: str, now: datetime) -> Cast:
    agencies: dict[str, Agency] = {}
    for spec in AGENCIES:
        agency = Agency(
            name=spec.name,
            short_name=spec.short_name,
            organ_id=spec.organ_id,
            parent=agencies.get(typing.cast(str, spec.parent)),  # None for none
            hosted=spec.hosted,
            header_name=spec.header_name,
            **(spec.contact or {}),
        )
        agency.full_clean()
        agency.save()
        agencies[spec.key] = agency
    units = {
        key: {abbr: Unit.objects.create(agency=agencies[key], name=name, abbreviation=abbr) for abbr, name in specs}
        for key, specs in UNITS.items()
    }
    hashed = make_password(password)  # once: hashing is slow on purpose and all share one password
    users = {spec.username: _person_create(spec, hashed, agencies, units) for spec in PEOPLE}
    soonest = 0 if is_working_day(now.date()) else 1
    return Cast(agencies=agencies, units_by_agency=units, users=users, now=now, soonest=soonest)


def _person_create(spec: PersonSpec, hashed: str, agencies: dict, units: dict[str, dict[str, Unit]]) -> User:
    user, _ = User.objects.get_or_create(
        username=spec.username,
        defaults={
            "full_name": spec.full_name,
            "password": hashed,
            "is_staff": spec.superuser,
            "is_superuser": spec.superuser,
        },
    )
    for agency, unit, role, position in spec.roles:
        Membership.objects.get_or_create(
            user=user,
            agency=agencies[agency],
            unit=units.get(agency, {}).get(typing.cast(str, unit)),  # None for none
            role=role,
            defaults={"position": position},
        )
    return user


def _working_days(first: date, last: date) -> list[date]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in days if is_working_day(day)]


def demo_summary(office: Agency) -> dict:
    """Counts for the loader's report."""
    by_status = dict(IncomingDocument.objects.filter(agency=office).order_by().values_list("status").annotate(n=Count("id")))
    outgoing = dict(OutgoingDocument.objects.filter(agency=office).order_by().values_list("status").annotate(n=Count("id")))
    today = timezone.localdate()
    city = Agency.objects.get(organ_id=AGENCY_BY_KEY[CITY].organ_id)
    open_tasks = Assignment.objects.open().filter(agency=office).exclude(kind=AssignmentKind.INFORM)
    return {
        "agencies": Agency.objects.count(),
        "units": Unit.objects.filter(agency=office).count(),
        "users": User.objects.count(),
        "documents": IncomingDocument.objects.count(),
        "office_documents": sum(by_status.values()),
        "by_status": {label: by_status.get(value, 0) for value, label in Status.choices},
        "attachments": IncomingAttachment.objects.count(),
        "open_tasks": open_tasks.count(),
        "overdue_tasks": open_tasks.filter(deadline__lt=today).count(),
        "outgoing_by_status": {label: outgoing.get(value, 0) for value, label in OutStatus.choices},
        "city": city,
        "city_outgoing": OutgoingDocument.objects.filter(agency=city).count(),
        **onestop_summary(office),
    }
