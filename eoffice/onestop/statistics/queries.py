"""Thống kê tình hình giải quyết hồ sơ thủ tục hành chính: the one-stop
statistics of an agency for a period, per procedure (thủ tục), field (lĩnh
vực) or unit (đơn vị), with a totals row.

A period is a range of whole days in office time (Asia/Ho_Chi_Minh): it begins
at 00:00 of its first day and ends at 00:00 after its last day, so a dossier
received at 23:59 on the 31st belongs to that month and one received at 00:00 on
the 1st to the next. Every figure compares stored aware date-times with those
two moments (no date arithmetic in SQL), so SQLite and PostgreSQL count alike.

The figures of one group (see docs/onestop.md, "Statistics"):

- carried_over  kỳ trước chuyển sang: open at the start of the period;
- received      mới tiếp nhận: received in the period (of which received_online);
- resolved      đã giải quyết: result ready in the period, split by the verdict
                against the first appointment: early / on_time / late;
- refused, withdrawn: left the process in the period (their refusal or
                withdrawal event); online submissions refused before the
                counter accepted them were never received and are not counted;
- pending       đang giải quyết: open at the end of the period, of which
                overdue: past the appointment at min(end of period, now) (for
                a dossier waiting for papers, at the moment its clock stopped).

So carried_over + received = resolved + refused + withdrawn + pending.

Each grouping is one aggregate query (COUNT … FILTER (WHERE …)): no Python
loop over dossiers. By procedure or field the totals are the sum of the rows.
By unit the query groups the dossiers by their route (the units of their own
steps), and the few route groups are added to their units in Python; the
units' names are one more small query."""

from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import cast

from django.db import connection, transaction
from django.db.models import Aggregate, CharField, Count, DateTimeField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from eoffice.core.errors import ValidationFailed
from eoffice.core.text import fold
from eoffice.core.xlsx import register_workbook
from eoffice.onestop.models import Channel, Dossier, DossierEvent, DossierStep, EventKind, Status, Timeliness
from eoffice.organisation.models import Unit

MAX_YEARS = 5
# group_by → (key, code, label) of the GROUP BY.
GROUPINGS = {
    "procedure": ("procedure_id", "procedure__code", "procedure__name"),
    "field": ("procedure__field_id", "procedure__field__code", "procedure__field__name"),
    "unit": None,  # of the dossiers' own steps: see _by_unit
}
GROUP_LABELS = {"procedure": "Thủ tục", "field": "Lĩnh vực", "unit": "Đơn vị", None: "Nội dung"}
NO_UNIT = "Chưa gắn đơn vị"  # steps whose unit is kept as published text only
TOTAL = "Tổng cộng"
CLOSED = (Status.REFUSED, Status.WITHDRAWN)


@dataclass(frozen=True)
class Row:
    """The figures of one group (or of all: is_total)."""

    key: int | None
    code: str
    label: str
    carried_over: int = 0
    received: int = 0
    received_online: int = 0
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    refused: int = 0
    withdrawn: int = 0
    pending: int = 0
    overdue: int = 0
    is_total: bool = False

    @property
    def handled(self) -> int:
        """Tổng số hồ sơ nhận giải quyết: carried over and newly received."""
        return self.carried_over + self.received

    @property
    def pending_in_time(self) -> int:
        """Đang giải quyết trong hạn."""
        return self.pending - self.overdue

    @property
    def on_time_rate(self) -> float | None:
        """Tỉ lệ giải quyết đúng hạn (early or on time) in % of the resolved; None when nothing was resolved."""
        return round(100 * (self.early + self.on_time) / self.resolved, 1) if self.resolved else None


FIGURES = tuple(f.name for f in fields(Row) if f.name not in ("key", "code", "label", "is_total"))


# --------------------------------------------------------------------------- the period
def check_period(start: date, end: date) -> None:
    """Refuse a reversed period or one longer than five years, in Vietnamese."""
    if start > end:
        raise ValidationFailed(
            f"Ngày bắt đầu ({start:%d/%m/%Y}) phải trước hoặc trùng ngày kết thúc ({end:%d/%m/%Y}).",
            fields={"start": ["Ngày bắt đầu sau ngày kết thúc."]},
        )
    try:
        limit = start.replace(year=start.year + MAX_YEARS)
    except ValueError:  # 29/02 five years later
        limit = start.replace(year=start.year + MAX_YEARS, day=28)
    if end >= limit:
        raise ValidationFailed(
            f"Khoảng thời gian thống kê tối đa {MAX_YEARS} năm; hãy chọn ngày kết thúc trước {limit:%d/%m/%Y}.",
            fields={"end": [f"Khoảng thời gian quá {MAX_YEARS} năm."]},
        )


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """00:00 office time of `start` and of the day after `end` (exclusive)."""
    zone = timezone.get_default_timezone()
    return datetime.combine(start, time(), zone), datetime.combine(end + timedelta(days=1), time(), zone)


def preset_period(kind: str, today: date) -> tuple[date, date]:
    """This month, quarter or year (tháng này, quý này, năm nay) around `today`."""
    if kind == "month":
        first = today.replace(day=1)
    elif kind == "quarter":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    elif kind == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    else:
        raise ValueError(kind)
    months = 1 if kind == "month" else 3
    following = date(first.year + (first.month + months - 1) // 12, (first.month + months - 1) % 12 + 1, 1)
    return first, following - timedelta(days=1)


# --------------------------------------------------------------------------- the conditions
def closed_at():
    """When a refused or withdrawn dossier left the process: the time of its
    refusal or withdrawal event (the services write one with every change;
    the receipt time stands in should a row have none). Read only for those
    two statuses: the conditions test the status first."""
    event = (
        DossierEvent.objects.filter(dossier_id=OuterRef("pk"), kind__in=[EventKind.REFUSED, EventKind.WITHDRAWN])
        .order_by("-at")
        .values("at")[:1]
    )
    return Coalesce(Subquery(event), F("received_at"), output_field=DateTimeField())


def still_open_at(moment: datetime) -> Q:
    """Neither finished nor refused/withdrawn before `moment` (received is tested apart)."""
    return (Q(finished_at__isnull=True) | Q(finished_at__gte=moment)) & (~Q(status__in=CLOSED) | Q(closed_at__gte=moment))


def in_play(begins: datetime, ends: datetime) -> Q:
    """The dossiers that count in the period: received during it, or before it
    and still open at its start (every figure is a subset of these)."""
    return Q(received_at__lt=ends) & (Q(received_at__gte=begins) | still_open_at(begins))


def conditions(begins: datetime, ends: datetime, now: datetime) -> dict[str, Q]:
    """The Q of each figure over the dossiers in play (queryset with the alias
    `closed_at`). Within those, whatever happened happened after the start:
    a result before the end is a result in the period, and so on."""
    resolved, pending = Q(finished_at__lt=ends), still_open_at(ends)
    # Waiting for papers the clock stands still: late only if it was late when it stopped.
    clock_ran_out = Q(due_at__lt=min(ends, now)) & (
        ~Q(status=Status.SUPPLEMENT) | Q(paused_at__isnull=True) | Q(due_at__lt=F("paused_at"))
    )
    return {
        "carried_over": Q(received_at__lt=begins),
        "received": Q(received_at__gte=begins),
        "received_online": Q(received_at__gte=begins, channel=Channel.ONLINE),
        "resolved": resolved,
        "early": resolved & Q(timeliness=Timeliness.EARLY),
        "on_time": resolved & Q(timeliness=Timeliness.ON_TIME),
        "late": resolved & Q(timeliness=Timeliness.LATE),
        "refused": Q(status=Status.REFUSED) & Q(closed_at__lt=ends),
        "withdrawn": Q(status=Status.WITHDRAWN) & Q(closed_at__lt=ends),
        "pending": pending,
        "overdue": pending & clock_ran_out,
    }


def dossiers_in_play(agency, begins: datetime, ends: datetime):
    return Dossier.objects.filter(agency=agency).alias(closed_at=closed_at()).filter(in_play(begins, ends)).order_by()


class UnitList(Aggregate):
    """The unit ids of a dossier's steps as text, "1,4,1" ("0" for a step whose
    unit is only text), in any order: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "%(function)s(CAST(%(expressions)s AS text), ',')"
        return self.as_sql(compiler, connection, function="STRING_AGG", template=template, **extra)


def route():
    """Per dossier, the units of its own steps (as copied at receipt)."""
    steps = DossierStep.objects.filter(dossier_id=OuterRef("pk")).order_by().values("dossier_id")
    return Subquery(steps.annotate(units=UnitList(Coalesce("unit_id", Value(0)))).values("units"))


# --------------------------------------------------------------------------- the statistics
def dossier_statistics(*, agency, start: date, end: date, group_by: str | None = None, now: datetime | None = None) -> list[Row]:
    """The rows of `group_by` ("procedure", "field", "unit" or None), sorted by
    name, then the totals row (is_total). By unit, a dossier counts under every
    unit that has a step in it, so the totals are not the sum of the rows."""
    if group_by is not None and group_by not in GROUPINGS:
        raise ValidationFailed(
            "Cách nhóm số liệu không hợp lệ; chọn theo thủ tục, lĩnh vực hoặc đơn vị.",
            fields={"group_by": ["Chỉ nhận procedure, field hoặc unit."]},
        )
    check_period(start, end)
    begins, ends = period_bounds(start, end)
    figures = _counts(conditions(begins, ends, now or timezone.now()))
    dossiers = dossiers_in_play(agency, begins, ends)
    with without_jit():
        if group_by is None:
            return [Row(key=None, code="", label=TOTAL, is_total=True, **dossiers.aggregate(**figures))]
        if group_by == "unit":
            rows, totals = _by_unit(dossiers.values(route=route()).annotate(**figures))
        else:
            key, code, label = cast(tuple[str, str, str], GROUPINGS[group_by])  # only "unit" has None
            grouped = dossiers.values(group_key=F(key), group_code=F(code), group_label=F(label)).annotate(**figures)
            rows = [Row(key=v["group_key"], code=v["group_code"], label=v["group_label"], **_figures(v)) for v in grouped]  # type: ignore[arg-type]  # a ** dict of the int figures
            totals = _sum(rows)  # each dossier in exactly one group
    rows.sort(key=lambda row: (row.key is None, fold(row.label), row.code))
    return [*rows, Row(key=None, code="", label=TOTAL, is_total=True, **totals)]


def _by_unit(routes) -> tuple[list[Row], dict]:
    """The figures of each distinct route (list of units), added to each of its
    units once (a route's repeated unit, "Một cửa" receiving and returning, counts
    once); the totals are the sum over the routes, where each dossier is once."""
    per_unit: dict[int | None, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for group in routes:  # a few per procedure, not one per dossier
        counts = _figures(group)
        totals.update(counts)
        for unit_id in {int(unit) for unit in (group["route"] or "").split(",") if unit}:
            per_unit[unit_id or None].update(counts)
    units = Unit.objects.filter(pk__in=[key for key in per_unit if key])
    names = {pk: (abbreviation, name) for pk, abbreviation, name in units.values_list("pk", "abbreviation", "name")}
    rows = []
    for key, counts in per_unit.items():
        code, label = names[key] if key else ("", NO_UNIT)
        rows.append(Row(key=key, code=code, label=label, **{name: counts[name] for name in FIGURES}))  # type: ignore[arg-type]  # the int figures
    return rows, {name: totals[name] for name in FIGURES}


@contextmanager
def without_jit():
    """PostgreSQL compiles a query to machine code (JIT) when its estimated cost
    is high; the correlated subqueries here inflate the estimate, and compiling
    the many figures takes seconds where running them takes milliseconds. Off
    for the statistics' transaction only."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def _counts(figures: dict[str, Q]) -> dict[str, Count]:
    return {name: Count("pk", filter=q) for name, q in figures.items()}


def _figures(values: dict) -> dict[str, int]:
    return {name: values[name] for name in FIGURES}


def _sum(rows: list[Row]) -> dict[str, int]:
    return {name: sum(getattr(row, name) for row in rows) for name in FIGURES}


def statistics_table(rows: list[Row]) -> list[list]:
    """The table as cells, in XLSX_COLUMNS order (after STT): what the page and
    the workbook show."""
    return [
        [
            row.label,
            row.code,
            row.carried_over,
            row.received,
            row.received_online,
            row.resolved,
            row.early,
            row.on_time,
            row.late,
            row.refused,
            row.withdrawn,
            row.pending,
            row.pending_in_time,
            row.overdue,
            row.on_time_rate,
        ]
        for row in rows
    ]


XLSX_COLUMNS = [
    ("STT", 6),
    ("{group}", 44),
    ("Mã", 22),
    ("Kỳ trước chuyển sang", 11),
    ("Mới tiếp nhận", 11),
    ("Trong đó trực tuyến", 11),
    ("Đã giải quyết", 11),
    ("Giải quyết trước hạn", 11),
    ("Giải quyết đúng hạn", 11),
    ("Giải quyết quá hạn", 11),
    ("Từ chối", 10),
    ("Rút hồ sơ", 10),
    ("Đang giải quyết", 11),
    ("Đang giải quyết trong hạn", 11),
    ("Đang giải quyết quá hạn", 11),
    ("Tỉ lệ đúng hạn (%)", 11),
]


def statistics_xlsx(rows: list[Row], *, agency, start: date, end: date, group_by: str | None) -> bytes:
    """The table as a workbook: heading, period, one line per group, the totals last."""
    group = GROUP_LABELS[group_by]
    columns = [(name.format(group=group), width) for name, width in XLSX_COLUMNS]
    subtitle = f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}" + (f"; theo {group.lower()}" if group_by else "")
    if group_by == "unit":
        subtitle += " (mỗi hồ sơ được tính cho mọi đơn vị có bước xử lý trong hồ sơ)"
    cells = statistics_table(rows)
    numbered = [[index, *line] for index, line in enumerate(cells[:-1], start=1)] + [["", *cells[-1]]]
    return register_workbook(
        sheet_title="Thống kê hồ sơ",
        heading=f"THỐNG KÊ TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH — {agency.name.upper()}",
        subtitle=subtitle,
        columns=columns,
        rows=numbered,
    )
