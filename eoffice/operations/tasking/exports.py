"""Sổ theo dõi nhiệm vụ as XLSX: the figures per lead unit for a period (C.7 of
the task reports), then the overdue tasks. Confidential tasks are counted in the
figures and listed without their title."""

from datetime import date
from typing import Any

from eoffice.core.xlsx import register_workbook
from eoffice.operations.models import Task
from eoffice.operations.tasking.selectors import Figures, overdue_q, today

COLUMNS = [
    ("Đơn vị chủ trì", 34),
    ("Số nhiệm vụ được giao", 12),
    ("Hoàn thành đúng hạn", 12),
    ("Hoàn thành quá hạn", 12),
    ("Đang thực hiện trong hạn", 12),
    ("Quá hạn chưa hoàn thành", 12),
    ("Trong đó quá hạn lâu", 12),
    ("Thường xuyên (không hạn)", 12),
    ("Dừng thực hiện", 12),
    ("Tỷ lệ đúng hạn (%)", 12),
]


def figures_row(line: Figures) -> list[Any]:
    rate = line.on_time_rate
    return [
        line.unit or "Cá nhân chủ trì",
        line.assigned, line.on_time, line.late, line.within_deadline, line.overdue, line.overdue_aged, line.ongoing,
        line.cancelled, "" if rate is None else rate,
    ]  # fmt: skip


def overdue_rows(agency: Any, date_from: date | None, date_to: date | None) -> list[list[Any]]:
    tasks = Task.objects.filter(agency=agency).filter(overdue_q(today())).select_related("lead_unit", "lead_person")
    if date_from:
        tasks = tasks.filter(assigned_on__gte=date_from)
    if date_to:
        tasks = tasks.filter(assigned_on__lte=date_to)
    return [
        [
            "(Nhiệm vụ mật)" if task.confidential else task.title,
            task.lead_unit.name if task.lead_unit else str(task.lead_person),
            f"{task.deadline:%d/%m/%Y}" if task.deadline else "",
            (today() - task.deadline).days if task.deadline else "",
        ]
        for task in tasks.order_by("deadline", "pk")
    ]


def task_book_xlsx(agency: Any, lines: list[Figures], total: Figures, date_from: date | None, date_to: date | None) -> bytes:
    period = f"Nhiệm vụ giao từ {date_from:%d/%m/%Y}" if date_from else "Nhiệm vụ giao từ đầu"
    period += f" đến {date_to:%d/%m/%Y}" if date_to else f" đến nay; số liệu ngày {today():%d/%m/%Y}"
    rows = [figures_row(line) for line in lines] + [
        figures_row(total),
        [],
        ["Nhiệm vụ quá hạn", "Đơn vị", "Hạn", "Số ngày quá hạn"],
    ]
    rows += overdue_rows(agency, date_from, date_to)
    return register_workbook(
        sheet_title="So theo doi nhiem vu", heading=f"SỔ THEO DÕI NHIỆM VỤ — {agency.name}", columns=COLUMNS, rows=rows,
        subtitle=period,
    )  # fmt: skip
