"""Who someone is in an agency: roles, units, and whom they act for today."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from eoffice.core.errors import ValidationFailed
from eoffice.organisation.models import Agency, Delegation, Membership, Role, Unit, User


@dataclass(frozen=True)
class Actor:
    """A user acting in one agency. Built once per request; every permission
    check and every inbox query reads it instead of querying memberships again."""

    user: User
    agency: Agency
    roles: frozenset[str] = field(default_factory=frozenset)
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    head_unit_ids: frozenset[int] = field(default_factory=frozenset)
    # The user and everyone who delegated to them today (ủy quyền).
    acting_user_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_clerk(self) -> bool:
        return Role.CLERK in self.roles

    @property
    def is_leader(self) -> bool:
        return Role.LEADER in self.roles

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles or self.user.is_superuser

    @property
    def reads_audit_log(self) -> bool:
        """The agency's auditors and administrators read its audit log (auditlog app)."""
        return Role.AUDITOR in self.roles or self.is_admin

    @property
    def sees_whole_agency(self) -> bool:
        """The registry and agency leaders see every non-confidential document."""
        return self.is_clerk or self.is_leader


def today() -> date:
    return timezone.localdate()


def build_actor(user: User, agency: Agency, *, on: date | None = None) -> Actor:
    on = on or today()
    delegators = set(
        Delegation.objects.filter(agency=agency, delegate=user, start_date__lte=on, end_date__gte=on).values_list(
            "principal_id", flat=True
        )
    )
    people = {user.pk, *delegators}
    rows = list(Membership.objects.filter(agency=agency, user_id__in=people).values_list("user_id", "role", "unit_id"))
    roles = {role for uid, role, _ in rows if uid == user.pk}
    # A delegate takes on the principal's roles and units for the period.
    roles |= {role for uid, role, _ in rows if uid != user.pk and role != Role.ADMIN}
    unit_ids = {unit for _, _, unit in rows if unit}
    head_unit_ids = {unit for _, role, unit in rows if unit and role == Role.UNIT_HEAD}
    return Actor(
        user=user,
        agency=agency,
        roles=frozenset(roles),
        unit_ids=frozenset(unit_ids),
        head_unit_ids=frozenset(head_unit_ids),
        acting_user_ids=frozenset(people),
    )


def agencies_of(user: User) -> list[Agency]:
    return list(Agency.objects.filter(memberships__user=user).distinct().order_by("name"))


def default_agency(user: User) -> Agency | None:
    membership = Membership.objects.filter(user=user, agency__hosted=True).select_related("agency").order_by("id").first()
    return membership.agency if membership else None


def unit_heads(unit_id: int) -> list[User]:
    return list(User.objects.filter(memberships__unit_id=unit_id, memberships__role=Role.UNIT_HEAD).distinct())


def leaders_of(agency: Agency):
    return Membership.objects.filter(agency=agency, role=Role.LEADER).select_related("user").order_by("id")


def member_named(agency: Agency, username: str, field: str) -> User:
    """A person of the agency by login name, for API bodies that name people;
    ValidationFailed on `field` when there is none."""
    user = User.objects.filter(username=username, memberships__agency=agency).distinct().first()
    if user is None:
        raise ValidationFailed(f"Không có cán bộ “{username}” trong cơ quan.", fields={field: ["Không tìm thấy cán bộ."]})
    return user


def unit_named(agency: Agency, abbreviation: str, field: str) -> Unit:
    """A unit of the agency by its abbreviation (TH, KT…), for API bodies."""
    unit = Unit.objects.filter(agency=agency, abbreviation=abbreviation).first()
    if unit is None:
        raise ValidationFailed(f"Không có đơn vị “{abbreviation}” trong cơ quan.", fields={field: ["Không tìm thấy đơn vị."]})
    return unit


def unit_names(agency: Agency) -> dict[str, str]:
    """The agency's unit names by abbreviation, for pages that show a unit stored by
    its code (the search's "Đơn vị" filter): people read "Phòng Tổng hợp", not "TH"."""
    return dict(Unit.objects.filter(agency=agency).values_list("abbreviation", "name"))


# --------------------------------------------------------------------------- pickers
def people(agency: Agency, *, roles: list[str] | None = None, unit: Unit | None = None) -> QuerySet[User]:
    """The people of `agency` who handle documents (an account that only administers
    is not one), optionally of some roles or one unit, with `position_label` and
    `unit_label` annotated for the pickers (person_label), ordered by name."""
    memberships = Membership.objects.filter(user=OuterRef("pk"), agency=agency)
    handling = memberships.exclude(role=Role.ADMIN)
    if roles:
        handling = handling.filter(role__in=roles)
    if unit is not None:
        handling = handling.filter(unit=unit)
    return (
        User.objects.filter(Exists(handling), is_active=True)
        .annotate(
            position_label=Subquery(memberships.exclude(position="").order_by("pk").values("position")[:1]),
            unit_label=Subquery(memberships.exclude(unit=None).order_by("pk").values("unit__name")[:1]),
            role_code=Subquery(handling.order_by("pk").values("role")[:1]),
        )
        .order_by("full_name", "username")
    )


def person_label(user: User) -> str:
    """ "Nguyễn Văn A — Phó Chủ tịch" (and the unit, for whoever has one), from people()."""
    position, unit = getattr(user, "position_label", "") or "", getattr(user, "unit_label", "") or ""
    if unit and unit.split(" ", 1)[-1].casefold() in position.casefold():
        unit = ""  # "Trưởng phòng Tổng hợp" says the unit already
    details = [part for part in (position, unit) if part]
    return f"{user} — {', '.join(details)}" if details else str(user)


def person_group(user: User) -> tuple[tuple[int, str], str]:
    """The <optgroup> a picker shows `user` in, from people(): their unit, else their
    role ("Lãnh đạo cơ quan" first, then the units by name, then the other roles)."""
    unit = getattr(user, "unit_label", "") or ""
    if unit:
        return (1, unit), unit
    role = getattr(user, "role_code", "") or ""
    label = Role(role).label if role in Role.values else ""
    return (0 if role == Role.LEADER else 2, label), label


def picker_label(agency: Agency, user: User) -> str:
    """How a picker of `agency`'s people shows `user`."""
    return person_label(people(agency).get(pk=user.pk))
