"""One-stop statistics (statistics/queries.py): the figures of a fixed set of dossiers
in every state, with times exactly on the period's edges in office time
(00:00 Asia/Ho_Chi_Minh is 17:00 UTC the day before), per procedure, field
and unit; the period checks and presets; the workbook. The same file runs on
SQLite and PostgreSQL and must give the same numbers."""

from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from eoffice.core.errors import ValidationFailed
from eoffice.onestop.dossiers.selectors import is_overdue
from eoffice.onestop.dossiers.services import dossier_finish, dossier_hand_over, dossier_refuse, dossier_withdraw
from eoffice.onestop.models import (
    Channel,
    Dossier,
    DossierEvent,
    DossierStep,
    EventKind,
    ProcedureField,
    Status,
    Timeliness,
)
from eoffice.onestop.statistics.queries import (
    FIGURES,
    NO_UNIT,
    TOTAL,
    XLSX_COLUMNS,
    check_period,
    dossier_statistics,
    period_bounds,
    preset_period,
    statistics_xlsx,
)
from eoffice.onestop.tests.factories import VN, make_procedure, process_to_result, receive

pytestmark = pytest.mark.django_db

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))
NOW = datetime(2026, 4, 15, 9, 0, tzinfo=VN)


def t(day, month, hour=9, minute=0, second=0, micro=0, year=2026) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=VN)


def figures(row) -> dict:
    """The counted figures of a row (what the tests compare)."""
    return {name: value for name, value in asdict(row).items() if name in FIGURES}


def make_dossier(c, name, *, procedure=None, agency=None, events=(), steps=None, **fields) -> Dossier:
    """A dossier stored as the services would have left it, with the procedure's
    steps (or `steps` [(name, unit)]: its own copy, as received before the
    procedure changed) and the given history events [(kind, at)]."""
    procedure = procedure or c.procedure
    dossier = Dossier.objects.create(
        agency=agency or procedure.agency,
        procedure=procedure,
        code=f"TEST-{name}",
        applicant_name=f"Người nộp {name}",
        phone="0912345678",
        address="Hải Phòng",
        **fields,
    )
    if steps is None:
        steps = [(step.name, step.unit) for step in procedure.steps.order_by("order")]
    for order, (step_name, unit) in enumerate(steps, start=1):
        DossierStep.objects.create(dossier=dossier, order=order, name=step_name, unit=unit, days=1)
    for kind, at in events:
        DossierEvent.objects.create(dossier=dossier, kind=kind, at=at)
    return dossier


@pytest.fixture
def office(onestop):
    return build_office(onestop)


def build_office(onestop):
    """Two procedures in two fields and fourteen dossiers around March 2026.

    Procedure 1 (the factories' one, field "Hoạt động xây dựng"): steps of Một
    cửa, Phòng Kinh tế, Phòng Tổng hợp. Procedure 2 (field "Hộ tịch"): two steps
    of Một cửa and one step whose unit is only text."""
    c = onestop
    c.civil = ProcedureField.objects.create(code="G01-HT", name="Hộ tịch")
    c.second = make_procedure(
        c.office,
        c.civil,
        code="1.000894.000.00.00.H26",
        name="Đăng ký khai sinh",
        steps=[("Tiếp nhận", c.motcua, "0.5"), ("Thẩm định", None, "1"), ("Trả kết quả", c.motcua, "0.5")],
        papers=[("Tờ khai đăng ký khai sinh", 1, 0)],
    )
    second = {"procedure": c.second}
    d = SimpleNamespace()
    # Received one minute before March, finished at 00:00 on 1 March: carried over, resolved early in March.
    d.a = make_dossier(
        c, "A", status=Status.RETURNED, received_at=t(28, 2, 23, 59), finished_at=t(1, 3, 0), timeliness=Timeliness.EARLY
    )
    # Received at 00:00 on 1 March: March's; in process, its appointment long past.
    d.b = make_dossier(c, "B", status=Status.IN_PROCESS, received_at=t(1, 3, 0), due_at=t(10, 3, 9))
    # Received in the last second of March; its appointment is after the end of March.
    d.c = make_dossier(c, "C", status=Status.RECEIVED, received_at=t(31, 3, 23, 59, 59, 999999), due_at=t(7, 4, 17))
    # Received at 00:00 on 1 April: April's.
    d.d = make_dossier(c, "D", status=Status.RECEIVED, received_at=t(1, 4, 0), due_at=t(20, 4, 17))
    # Finished in the last second of February: nothing to do with March.
    d.e = make_dossier(
        c,
        "E",
        status=Status.RETURNED,
        received_at=t(15, 2),
        finished_at=t(28, 2, 23, 59, 59),
        timeliness=Timeliness.ON_TIME,
    )
    # Finished late at 23:59 on 31 March.
    d.f = make_dossier(
        c, "F", status=Status.RESULT_READY, received_at=t(10, 3), finished_at=t(31, 3, 23, 59), timeliness=Timeliness.LATE
    )
    # Finished at 00:00 on 1 April: still pending, and overdue, at the end of March.
    d.g = make_dossier(
        c,
        "G",
        status=Status.RESULT_READY,
        received_at=t(10, 3),
        due_at=t(31, 3, 17),
        finished_at=t(1, 4, 0),
        timeliness=Timeliness.LATE,
    )
    # Refused at 23:00 on 31 March.
    d.h = make_dossier(
        c, "H", status=Status.REFUSED, received_at=t(5, 3), due_at=t(20, 3), events=[(EventKind.REFUSED, t(31, 3, 23))]
    )
    # Received in February, withdrawn at 00:00 on 1 April: carried over into March and into April.
    d.i = make_dossier(
        c, "I", status=Status.WITHDRAWN, received_at=t(20, 2), due_at=t(25, 3), events=[(EventKind.WITHDRAWN, t(1, 4, 0))]
    )
    # Sent online and refused before the counter accepted it: never received.
    d.j = make_dossier(
        c, "J", status=Status.REFUSED, channel=Channel.ONLINE, submitted_at=t(5, 3), events=[(EventKind.REFUSED, t(6, 3))]
    )
    # Waiting for papers since before its appointment: the clock stopped in time.
    d.k = make_dossier(c, "K", status=Status.SUPPLEMENT, received_at=t(2, 3), due_at=t(6, 3, 17), paused_at=t(5, 3), **second)
    # Waiting for papers since after its appointment: overdue.
    d.l = make_dossier(c, "L", status=Status.SUPPLEMENT, received_at=t(2, 3), due_at=t(12, 3, 17), paused_at=t(20, 3), **second)
    # Sent online, accepted and resolved on time in March.
    d.m = make_dossier(
        c,
        "M",
        status=Status.RETURNED,
        channel=Channel.ONLINE,
        received_at=t(3, 3),
        finished_at=t(15, 3),
        timeliness=Timeliness.ON_TIME,
        **second,
    )
    # Another agency's dossier received in March.
    d.x = make_dossier(c, "X", agency=c.other, status=Status.RECEIVED, received_at=t(10, 3), due_at=t(11, 3))
    c.d = d
    return c


def totals(c, period=MARCH, **kwargs):
    rows = dossier_statistics(agency=c.office, start=period[0], end=period[1], now=NOW, **kwargs)
    assert rows[-1].is_total and rows[-1].label == TOTAL
    return rows[-1]


# --------------------------------------------------------------------------- the figures
def test_march_counts_every_dossier_by_its_times_at_the_period_edges(office):
    """GIVEN dossiers received, finished, refused and withdrawn at 00:00 and
    23:59 office time on the edges of March 2026
    WHEN March is counted on 15/04/2026
    THEN each lands on the side of the edge its local time says."""
    total = totals(office)
    assert figures(total) == {
        "carried_over": 2,  # A (finished at 00:00 on 1 March), I
        "received": 8,  # B C F G H K L M — not D (1 April 00:00), not J (never received)
        "received_online": 1,  # M
        "resolved": 3,  # A F M — not E (28/02 23:59:59), not G (1 April 00:00)
        "early": 1,
        "on_time": 1,
        "late": 1,
        "refused": 1,  # H — not J
        "withdrawn": 0,  # I left at 00:00 on 1 April
        "pending": 6,  # B C G I K L
        "overdue": 4,  # B G I L — not C (due in April), not K (its clock stopped in time)
    }
    assert total.handled == 10 == total.resolved + total.refused + total.withdrawn + total.pending
    assert total.pending_in_time == 2
    assert total.on_time_rate == 66.7


def test_april_carries_march_over_and_counts_overdue_at_now(office):
    """GIVEN the same dossiers WHEN April is counted on 15/04 09:00 THEN March's
    pending are carried over, and overdue is judged at now, not at 30/04."""
    total = totals(office, APRIL)
    assert figures(total) == {
        "carried_over": 6,
        "received": 1,  # D
        "received_online": 0,
        "resolved": 1,  # G
        "early": 0,
        "on_time": 0,
        "late": 1,
        "refused": 0,
        "withdrawn": 1,  # I
        "pending": 5,  # B C D K L
        "overdue": 3,  # B C (due 07/04) L — not D (due 20/04), not K
    }
    assert total.on_time_rate == 0.0


def test_overdue_agrees_with_the_services_rule_for_a_period_ending_now(office):
    """The statistics' overdue of a period ending in the future is the set of
    dossiers is_overdue() calls late now."""
    late_now = [d for d in Dossier.objects.filter(agency=office.office) if is_overdue(d, NOW)]
    assert totals(office, APRIL).overdue == len(late_now) == 3


def test_an_empty_period_gives_a_zero_totals_row_and_no_rate(office):
    rows = dossier_statistics(agency=office.office, start=date(2020, 1, 1), end=date(2020, 1, 31), group_by="procedure", now=NOW)
    assert len(rows) == 1 and set(figures(rows[0]).values()) == {0} and rows[0].on_time_rate is None


def test_another_agency_sees_only_its_own_dossiers(office):
    other = dossier_statistics(agency=office.other, start=MARCH[0], end=MARCH[1], now=NOW)[-1]
    assert (other.received, other.pending, other.overdue) == (1, 1, 1)


# --------------------------------------------------------------------------- groupings
def test_by_procedure_the_rows_add_up_to_the_totals(office):
    rows = dossier_statistics(agency=office.office, start=MARCH[0], end=MARCH[1], group_by="procedure", now=NOW)
    *groups, total = rows
    assert [(r.code, r.label) for r in groups] == [
        ("1.009972.000.00.00.H26", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"),
        ("1.000894.000.00.00.H26", "Đăng ký khai sinh"),  # sorted without diacritics: "Dang" after "Cap"
    ]
    assert [r.key for r in groups] == [office.procedure.pk, office.second.pk]
    building, birth = groups
    assert (building.carried_over, building.received, building.resolved, building.pending, building.overdue) == (2, 5, 2, 4, 3)
    assert (birth.carried_over, birth.received, birth.resolved, birth.pending, birth.overdue) == (0, 3, 1, 2, 1)
    for name in FIGURES:
        assert getattr(building, name) + getattr(birth, name) == getattr(total, name), name
    assert figures(total) == figures(totals(office))


def test_by_field(office):
    *groups, total = dossier_statistics(agency=office.office, start=MARCH[0], end=MARCH[1], group_by="field", now=NOW)
    # Sorted without diacritics: "ho tich" before "hoat dong".
    assert [(r.code, r.label, r.received) for r in groups] == [("G01-HT", "Hộ tịch", 3), ("G09-XD01", "Hoạt động xây dựng", 5)]
    assert sum(r.received for r in groups) == total.received


def test_by_unit_a_dossier_counts_once_under_each_unit_with_a_step(office):
    """GIVEN procedure 1 with steps of Một cửa, Kinh tế and Tổng hợp, and
    procedure 2 with two steps of Một cửa and one of no unit
    THEN Một cửa counts every dossier once, Kinh tế and Tổng hợp procedure
    1's, "no unit" procedure 2's; the totals count each dossier once."""
    rows = dossier_statistics(agency=office.office, start=MARCH[0], end=MARCH[1], group_by="unit", now=NOW)
    by_label = {r.label: r for r in rows}
    assert list(by_label) == ["Bộ phận Một cửa", "Phòng Kinh tế", "Phòng Tổng hợp", NO_UNIT, TOTAL]
    assert figures(by_label["Bộ phận Một cửa"]) == figures(by_label[TOTAL])
    building = figures(dossier_statistics(agency=office.office, start=MARCH[0], end=MARCH[1], group_by="procedure", now=NOW)[0])
    assert figures(by_label["Phòng Kinh tế"]) == figures(by_label["Phòng Tổng hợp"]) == building
    assert by_label[NO_UNIT].key is None and by_label[NO_UNIT].received == 3
    assert by_label["Phòng Kinh tế"].code == "KT"


def test_by_unit_the_dossiers_own_steps_count_not_the_procedures_of_today(office):
    """GIVEN a dossier of procedure 1 received when its only step was Phòng Kinh
    tế's, and one whose procedure had no steps THEN the first counts under Phòng
    Kinh tế only, the second in the totals only."""

    def by_label():
        rows = dossier_statistics(agency=office.office, start=MARCH[0], end=MARCH[1], group_by="unit", now=NOW)
        return {row.label: row.received for row in rows}

    before = by_label()
    make_dossier(
        office, "S", status=Status.IN_PROCESS, received_at=t(9, 3), due_at=t(30, 3), steps=[("Thẩm định", office.kinhte)]
    )
    make_dossier(office, "T", status=Status.RECEIVED, received_at=t(9, 3), due_at=t(30, 3), steps=[])
    after = by_label()
    assert {label: after[label] - before[label] for label in before} == {
        "Bộ phận Một cửa": 0,
        "Phòng Kinh tế": 1,
        "Phòng Tổng hợp": 0,
        NO_UNIT: 0,
        TOTAL: 2,
    }


@pytest.mark.parametrize(("group_by", "queries"), [(None, 1), ("procedure", 1), ("field", 1), ("unit", 2)])
def test_one_query_per_grouping_and_by_unit_one_for_the_units_names(office, group_by, queries):
    """No query per dossier or per group: the totals of procedures and fields are
    their rows' sum; by unit the dossiers are grouped by route in one query and
    the units' names read in one more. (On PostgreSQL a SET LOCAL jit = off and
    its savepoint come around them.)"""
    with CaptureQueriesContext(connection) as captured:
        dossier_statistics(agency=office.office, start=MARCH[0], end=MARCH[1], group_by=group_by, now=NOW)
    assert [q["sql"].split()[0] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))] == [
        *(["SET"] if connection.vendor == "postgresql" else []),
        *["SELECT"] * queries,
    ]


def test_an_unknown_grouping_is_refused(office):
    with pytest.raises(ValidationFailed, match="Cách nhóm số liệu không hợp lệ"):
        dossier_statistics(agency=office.office, start=MARCH[0], end=MARCH[1], group_by="person", now=NOW)


# --------------------------------------------------------------------------- through the services
def test_dossiers_handled_through_the_services_are_counted(onestop, clock):
    """GIVEN three dossiers received on 02/03/2026: one resolved on time, one
    refused, one withdrawn (the services write the events the statistics read)
    THEN March counts 3 received, 1 resolved on time, 1 refused, 1 withdrawn."""
    c = onestop
    resolved, refused, withdrawn = receive(c), receive(c, name="Lê Văn Hùng"), receive(c, name="Phạm Thị Lan")
    clock.advance(hours=1)
    process_to_result(c, resolved)
    dossier_refuse(actor=c.actor(c.one_stop), dossier=refused, reason="Hồ sơ không thuộc thẩm quyền giải quyết")
    dossier_withdraw(actor=c.actor(c.one_stop), dossier=withdrawn, reason="Người nộp xin rút để bổ sung giấy tờ")
    clock.advance(days=40)
    total = dossier_statistics(agency=c.office, start=MARCH[0], end=MARCH[1])[-1]
    assert (total.received, total.resolved, total.on_time + total.early, total.refused, total.withdrawn, total.pending) == (
        3,
        1,
        1,
        1,
        1,
        0,
    )
    assert total.on_time_rate == 100.0


def test_a_dossier_refused_without_its_event_leaves_at_its_receipt(office):
    """Data that did not come through the services: no refusal event. It is
    not left open for ever: it counts as refused when it was received."""
    make_dossier(office, "R", status=Status.REFUSED, received_at=t(4, 3), due_at=t(5, 3))
    march, april = totals(office), totals(office, APRIL)
    assert (march.refused, march.pending, april.carried_over) == (2, 6, 6)


def test_a_late_finish_through_the_service_is_late_in_the_statistics(onestop, clock):
    c = onestop
    dossier = receive(c)
    for _ in range(2):
        dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    dossier_hand_over(actor=c.actor(c.kt_specialist), dossier=dossier)
    clock.advance(days=30)
    dossier_finish(actor=c.actor(c.specialist), dossier=dossier, result_summary="Cấp giấy phép")
    total = dossier_statistics(agency=c.office, start=date(2026, 3, 1), end=date(2026, 4, 30))[-1]
    assert (total.resolved, total.late, total.on_time_rate) == (1, 1, 0.0)


# --------------------------------------------------------------------------- the period
def test_period_bounds_are_office_midnights():
    begins, ends = period_bounds(*MARCH)
    assert begins.astimezone(UTC) == datetime(2026, 2, 28, 17, 0, tzinfo=UTC)
    assert begins.isoformat() == "2026-03-01T00:00:00+07:00" and ends.isoformat() == "2026-04-01T00:00:00+07:00"
    assert ends - begins == timedelta(days=31)


def test_a_reversed_period_is_refused():
    with pytest.raises(ValidationFailed, match=r"Ngày bắt đầu \(02/03/2026\) phải trước hoặc trùng ngày kết thúc \(01/03/2026\)"):
        check_period(date(2026, 3, 2), date(2026, 3, 1))


def test_five_years_at_most():
    check_period(date(2021, 1, 1), date(2025, 12, 31))  # exactly five years
    check_period(date(2026, 3, 1), date(2026, 3, 1))  # one day
    with pytest.raises(ValidationFailed, match="tối đa 5 năm") as caught:
        check_period(date(2021, 1, 1), date(2026, 1, 1))
    assert caught.value.fields == {"end": ["Khoảng thời gian quá 5 năm."]}
    with pytest.raises(ValidationFailed):
        check_period(date(2024, 2, 29), date(2029, 2, 28))
    check_period(date(2024, 2, 29), date(2029, 2, 27))


@pytest.mark.parametrize(
    ("kind", "today", "expected"),
    [
        ("month", date(2026, 3, 15), (date(2026, 3, 1), date(2026, 3, 31))),
        ("month", date(2028, 2, 10), (date(2028, 2, 1), date(2028, 2, 29))),
        ("month", date(2026, 12, 31), (date(2026, 12, 1), date(2026, 12, 31))),
        ("quarter", date(2026, 8, 5), (date(2026, 7, 1), date(2026, 9, 30))),
        ("quarter", date(2026, 12, 1), (date(2026, 10, 1), date(2026, 12, 31))),
        ("quarter", date(2026, 1, 1), (date(2026, 1, 1), date(2026, 3, 31))),
        ("year", date(2026, 6, 6), (date(2026, 1, 1), date(2026, 12, 31))),
    ],
)
def test_preset_periods(kind, today, expected):
    assert preset_period(kind, today) == expected


# --------------------------------------------------------------------------- the workbook
def test_the_workbook_holds_the_heading_the_period_the_rows_and_the_totals(office):
    rows = dossier_statistics(agency=office.office, start=MARCH[0], end=MARCH[1], group_by="unit", now=NOW)
    data = statistics_xlsx(rows, agency=office.office, start=MARCH[0], end=MARCH[1], group_by="unit")
    sheet = load_workbook(BytesIO(data)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert sheet.title == "Thống kê hồ sơ"
    assert values[0][0] == "THỐNG KÊ TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH — VĂN PHÒNG UBND THÀNH PHỐ HẢI PHÒNG"
    assert values[1][0].startswith("Từ ngày 01/03/2026 đến ngày 31/03/2026; theo đơn vị (mỗi hồ sơ được tính")
    assert values[2] == ["STT", "Đơn vị", *(name for name, _ in XLSX_COLUMNS[2:])]
    assert values[3][:3] == ["(1)", "(2)", "(3)"]
    body = values[4:]
    assert [line[:3] for line in body] == [
        [1, "Bộ phận Một cửa", "MC"],
        [2, "Phòng Kinh tế", "KT"],
        [3, "Phòng Tổng hợp", "TH"],
        [4, NO_UNIT, None],
        [None, TOTAL, None],
    ]
    # Kỳ trước, mới nhận, trực tuyến, đã giải quyết, trước/đúng/quá hạn, từ chối, rút, đang giải quyết, trong hạn, quá hạn, tỉ lệ
    assert body[-1][3:] == [2, 8, 1, 3, 1, 1, 1, 1, 0, 6, 2, 4, 66.7]
    assert body[3][3:] == [0, 3, 1, 1, 0, 1, 0, 0, 0, 2, 1, 1, 100.0]


def test_the_workbook_of_the_totals_only(office):
    rows = dossier_statistics(agency=office.office, start=APRIL[0], end=APRIL[1], now=NOW)
    data = statistics_xlsx(rows, agency=office.office, start=APRIL[0], end=APRIL[1], group_by=None)
    values = [list(row) for row in load_workbook(BytesIO(data)).active.iter_rows(values_only=True)]
    assert values[1][0] == "Từ ngày 01/04/2026 đến ngày 30/04/2026"
    assert values[2][1] == "Nội dung"
    assert values[4:] == [[None, TOTAL, None, 6, 1, 0, 1, 0, 0, 1, 0, 1, 5, 2, 3, 0.0]]
