"""About 200 tasks (nhiệm vụ) the Office's leaders assigned over the year, played
through the real services (operations/tasking/services.py) with the clock frozen
at each act: on time, late, overdue, waiting for acceptance, extended, returned,
cancelled, ongoing and recurring monthly reports; some from directed incoming
documents, a few confidential. Dates are relative to today."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from eoffice.demo.catalog import OFFICE
from eoffice.demo.story import Cast, frozen_clock
from eoffice.incoming.models import IncomingDocument
from eoffice.operations.models import Recurrence, Task, TaskPriority, TaskSource
from eoffice.operations.tasking import services as sv

TASK_COUNT = 200
HEADS = {"TH": "truongphong", "KT": "truongkt", "VX": "truongvx", "NC": "truongnc", "HCTC": "truonghctc"}
SPECIALISTS = {"TH": "chuyenvien", "KT": "chuyenvienkt", "VX": "chuyenvienvx", "NC": "chuyenviennc", "HCTC": "chuyenvienhctc"}
ASSIGNERS = {"TH": "chanhvp", "KT": "pct1", "VX": "pct2", "NC": "pcttub", "HCTC": "phochanhvp"}
TITLES = {
    "TH": ["Xây dựng báo cáo tình hình kinh tế - xã hội {p}", "Tổng hợp chương trình công tác {p} của UBND thành phố",
           "Dự thảo báo cáo kết quả chỉ đạo, điều hành {p}", "Tham mưu kế hoạch tổ chức hội nghị tổng kết năm"],
    "KT": ["Rà soát tiến độ giải ngân vốn đầu tư công {p}", "Tham mưu phương án tháo gỡ vướng mắc dự án khu đô thị",
           "Báo cáo tình hình thu ngân sách {p}", "Đề xuất danh mục dự án kêu gọi đầu tư năm tới"],
    "VX": ["Kiểm tra công tác chuẩn bị năm học mới", "Báo cáo tình hình phòng, chống dịch bệnh {p}",
           "Tham mưu kế hoạch tổ chức các hoạt động văn hóa dịp lễ", "Rà soát chế độ chính sách đối với người có công"],
    "NC": ["Tham mưu giải quyết đơn kiến nghị của công dân phường Máy Chai", "Báo cáo công tác tiếp công dân {p}",
           "Rà soát các vụ việc khiếu nại tồn đọng, kéo dài", "Tham mưu kế hoạch bảo đảm an ninh trật tự dịp Tết"],
    "HCTC": ["Rà soát quy chế làm việc của Văn phòng", "Tham mưu phương án sắp xếp đơn vị hành chính cấp xã",
             "Báo cáo công tác cải cách hành chính {p}", "Xây dựng kế hoạch đào tạo, bồi dưỡng công chức"],
}  # fmt: skip
# What happens to a task whose deadline has passed, and to one still running (weights).
PAST = {"accepted": 50, "late": 18, "overdue": 14, "waiting": 5, "extended": 6, "cancelled": 3, "returned": 4}
RUNNING = {"in_progress": 45, "assigned": 20, "waiting": 15, "extension_asked": 10, "accepted": 7, "returned": 3}


@dataclass
class Plan:
    unit: str
    assigned: date
    days: int | None  # None: thường xuyên
    outcome: str
    recurring: bool = False
    confidential: bool = False
    incoming: IncomingDocument | None = None


class TaskStory:
    """One task played act by act, each at its moment (never after now)."""

    def __init__(self, plan: Plan, cast: Cast, rng: random.Random) -> None:
        self.plan, self.cast, self.rng = plan, cast, rng

    def at(self, day: date, hour: int = 9):
        moment = datetime.combine(min(day, self.cast.today), time(hour, self.rng.randrange(60)), timezone.get_default_timezone())
        return frozen_clock(min(moment, self.cast.now - timedelta(minutes=1)))

    def actor(self, username: str):
        return self.cast.actor(username, OFFICE)

    def play(self) -> Task:
        p, rng = self.plan, self.rng
        title = rng.choice(TITLES[p.unit]).format(p=f"tháng {p.assigned.month}/{p.assigned.year}")
        with self.at(p.assigned, 8):
            task = sv.task_create(
                actor=self.actor(ASSIGNERS[p.unit]), title=p.incoming.subject if p.incoming else title,
                lead_unit=self.cast.units[p.unit], working_days=p.days, ongoing=p.days is None,
                coordinating_units=[self.cast.units[u] for u in rng.sample([*HEADS], 2) if u != p.unit][:1],
                content="Chủ trì, phối hợp các đơn vị liên quan thực hiện; báo cáo kết quả về UBND thành phố.",
                product=rng.choice(["Báo cáo", "Tờ trình kèm dự thảo quyết định", "Kế hoạch", "Văn bản tham mưu"]),
                priority=rng.choices([TaskPriority.NORMAL, TaskPriority.URGENT, TaskPriority.FLASH], [80, 17, 3])[0],
                confidential=p.confidential, recurrence=Recurrence.MONTHLY if p.recurring else Recurrence.NONE,
                source_kind=TaskSource.INCOMING if p.incoming else rng.choice([TaskSource.LEADER, TaskSource.MEETING]),
                source_reference=f"Văn bản đến số {p.incoming.arrival_number}" if p.incoming else "", incoming=p.incoming,
            )  # fmt: skip
        self.task = task
        self.steps()
        return task

    def steps(self) -> None:
        p, task = self.plan, self.task
        head, due = self.actor(HEADS[p.unit]), task.deadline or p.assigned + timedelta(days=40)
        if p.outcome == "assigned":
            return
        self.do(p.assigned + timedelta(days=1), sv.task_start, head)
        middle = p.assigned + (due - p.assigned) / 2
        if p.outcome == "cancelled":
            self.do(
                middle, sv.task_cancel, self.actor(task.assigner.username), reason="Nội dung đã được xử lý trong nhiệm vụ khác."
            )
            return
        self.do(middle, sv.task_report_progress, self.actor(SPECIALISTS[p.unit]), percent=self.rng.choice([20, 40, 60]),
                note="Đã làm việc với các đơn vị, đang tổng hợp số liệu.")  # fmt: skip
        if p.outcome in ("extended", "extension_asked"):
            ask = min(due - timedelta(days=2), self.cast.today)
            self.do(ask, sv.task_request_extension, head, deadline=max(due, self.cast.today) + timedelta(days=14),
                    reason="Chờ số liệu của các sở, ngành.")  # fmt: skip
            if p.outcome == "extension_asked":
                return
            self.do(ask + timedelta(days=1), sv.task_grant_extension, self.actor(task.assigner.username))
            due = Task.objects.get(pk=task.pk).deadline or due
        if p.outcome in ("in_progress", "overdue"):
            return
        finish = (
            due + timedelta(days=self.rng.randint(2, 12)) if p.outcome == "late" else due - timedelta(days=self.rng.randint(0, 3))
        )
        self.do(max(finish, middle), sv.task_complete, head, note="Đã hoàn thành, gửi kèm báo cáo kết quả.")
        if p.outcome == "waiting":
            return
        leader = self.actor(task.assigner.username)
        if p.outcome == "returned":
            self.do(
                max(finish, middle) + timedelta(days=1), sv.task_return, leader, reason="Đề nghị bổ sung số liệu so sánh cùng kỳ."
            )
            return
        self.do(max(finish, middle) + timedelta(days=1), sv.task_accept, leader)

    def do(self, day: date, service, actor, **values) -> None:
        with self.at(day, 10 + self.rng.randrange(6)):
            service(actor=actor, task=Task.objects.get(pk=self.task.pk), **values)


def plan_tasks(rng: random.Random, cast: Cast, workdays: list[date]) -> list[Plan]:
    year_days = [day for day in workdays if day.year == cast.today.year] or workdays[-200:]
    directed = list(IncomingDocument.objects.filter(agency=cast.agencies[OFFICE]).exclude(directed_at=None).order_by("pk")[:40])
    plans = []
    for n in range(TASK_COUNT):
        # A quarter of them recent, so that many are still running today.
        assigned = rng.choice(year_days[-25:-1] if n % 4 == 0 and len(year_days) > 25 else year_days[:-1] or year_days)
        days = None if n % 25 == 0 else rng.choice([5, 7, 10, 15, 20, 30])
        due = assigned + timedelta(days=(days or 60) * 7 // 5)
        table = PAST if due < cast.today else RUNNING
        outcome = rng.choices(list(table), weights=list(table.values()))[0]
        if days is None and outcome in ("late", "overdue", "extended", "extension_asked"):
            outcome = "in_progress"
        source = directed.pop() if directed and n % 5 == 0 else None
        if source is not None:
            assigned = max(assigned, source.arrival_date)
        plans.append(Plan(rng.choice([*HEADS]), assigned, days, outcome, recurring=n % 40 == 7 and days is not None,
                          confidential=n % 20 == 3, incoming=source))  # fmt: skip
    return sorted(plans, key=lambda plan: plan.assigned)


def tasks_load(rng: random.Random, cast: Cast, workdays: list[date]) -> list[Task]:
    return [TaskStory(plan, cast, rng).play() for plan in plan_tasks(rng, cast, workdays)]
