"""Benchmark data.

The organisation (one agency, 20 units, a head and 8 specialists per unit, a
clerk and three leaders) is created with the ORM. Documents and their
assignments are bulk-loaded with raw SQL as fast as the engine allows:
PostgreSQL COPY, SQLite executemany, one transaction, secondary indexes dropped
before and rebuilt after the load, foreign-key checks off during the load (the
generator only produces valid references), then ANALYZE. The indexes are
rebuilt from the DDL the database reports for them (pg_get_indexdef /
sqlite_master), so the partial inbox indexes come back with their WHERE
conditions exactly as the migrations created them; this is checked.

The data has the shape of three years of an office's incoming mail:
- arrival dates spread evenly over the last 1,095 days;
- the last 3 days: half registered, half submitted to a leader;
- the last 60 days: half still open (directed or in progress), half done;
- older: 5 % still open (overdue), 1 % recalled, the rest done;
- every document reviewed by a leader (the chief of office reviews half);
- a lead unit (the busiest unit, Phòng Tổng hợp, leads 15 %), half passed on to
  a specialist, 30 % with a coordinating unit, 15 % informing a unit, 3 %
  informing a person; about 3 assignments per document;
- priorities 80 % normal, 12 % urgent, 6 % very urgent, 2 % express;
- 80 % of unit tasks with a deadline 14 days after arrival.
The head of Phòng Tổng hợp then has about 1.6 % of all documents open in the
inbox and 19 % in the done tab; the chief of office has half of all documents
in the done tab.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction

from eoffice.core.text import fold
from eoffice.incoming.models import Assignment, IncomingDocument
from eoffice.organisation.models import Agency, Membership, Role, Unit, User
from eoffice.organisation.selectors import today
from eoffice.registers.models import Register, RegisterKind
from eoffice.registers.services import register_get

DAYS_OF_HISTORY = 1095
SPECIALISTS_PER_UNIT = 8
EXTRA_CLERKS = 7  # for the registrations with several clerks at once (up to 8 threads)
BUSY_UNIT_SHARE = 0.15
CHUNK = 50_000

UNITS = [
    ("Phòng Tổng hợp", "TH"),
    ("Phòng Kinh tế", "KT"),
    ("Phòng Nội chính", "NC"),
    ("Phòng Văn hóa - Xã hội", "VX"),
    ("Phòng Hành chính - Tổ chức", "HCTC"),
    ("Phòng Quản trị - Tài vụ", "QTTV"),
    ("Ban Tiếp công dân", "TCD"),
    ("Phòng Kiểm soát thủ tục hành chính", "KSTT"),
    ("Trung tâm Thông tin - Tin học", "TTTH"),
    ("Phòng Xây dựng", "XD"),
    ("Phòng Đô thị", "ĐT"),
    ("Phòng Nông nghiệp", "NN"),
    ("Phòng Tài nguyên - Môi trường", "TNMT"),
    ("Phòng Giao thông", "GT"),
    ("Phòng Công nghiệp", "CN"),
    ("Phòng Thương mại", "TM"),
    ("Phòng Đối ngoại", "ĐN"),
    ("Phòng Pháp chế", "PC"),
    ("Phòng Thi đua - Khen thưởng", "TĐKT"),
    ("Phòng Ngoại vụ", "NV"),
]

# Senders: name, organ id, notation suffix, signer position, signer.
ORGANS = [
    ("Sở Xây dựng", "000.02.00.H26", "SXD", "Giám đốc", "Trần Văn Bình"),
    ("Sở Tài chính", "000.03.00.H26", "STC", "Giám đốc", "Nguyễn Thị Hạnh"),
    ("Sở Kế hoạch và Đầu tư", "000.04.00.H26", "SKHĐT", "Phó Giám đốc", "Lê Quang Đức"),
    ("Sở Tài nguyên và Môi trường", "000.05.00.H26", "STNMT", "Giám đốc", "Phạm Văn Tuấn"),
    ("Sở Giao thông vận tải", "000.06.00.H26", "SGTVT", "Phó Giám đốc", "Vũ Thị Lan"),
    ("Sở Y tế", "000.07.00.H26", "SYT", "Giám đốc", "Đỗ Minh Khoa"),
    ("Sở Giáo dục và Đào tạo", "000.08.00.H26", "SGDĐT", "Giám đốc", "Hoàng Thị Mai"),
    ("Công an thành phố", "000.09.00.H26", "CATP", "Phó Giám đốc", "Bùi Đức Thắng"),
    ("UBND quận Hồng Bàng", "000.10.00.H26", "UBND", "Chủ tịch", "Ngô Văn Sơn"),
    ("UBND quận Lê Chân", "000.11.00.H26", "UBND", "Phó Chủ tịch", "Đặng Thị Thu"),
    ("UBND huyện Thủy Nguyên", "000.12.00.H26", "UBND", "Chủ tịch", "Trịnh Văn Long"),
    ("Bộ Nội vụ", "000.00.05.G09", "BNV", "Thứ trưởng", "Vũ Đăng Minh"),
    ("Văn phòng Chính phủ", "000.00.00.G22", "VPCP", "Phó Chủ nhiệm", "Nguyễn Sỹ Hiệp"),
    ("Bộ Tài chính", "000.00.00.G12", "BTC", "Thứ trưởng", "Cao Anh Tuấn"),
    ("Thanh tra thành phố", "000.13.00.H26", "TTr", "Chánh Thanh tra", "Lương Văn Hòa"),
]

TOPICS = [
    "báo cáo tình hình trật tự xây dựng",
    "đề nghị bố trí kinh phí thực hiện nhiệm vụ",
    "triển khai kế hoạch cải cách hành chính",
    "góp ý dự thảo quyết định quy định phân cấp quản lý",
    "tổ chức hội nghị tổng kết công tác",
    "kiểm tra công tác phòng cháy chữa cháy",
    "phê duyệt dự toán ngân sách",
    "đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
    "giải quyết kiến nghị của cử tri",
    "thu hồi đất thực hiện dự án khu đô thị",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "tuyển dụng viên chức",
    "bồi thường, hỗ trợ giải phóng mặt bằng",
    "quản lý chất thải rắn sinh hoạt",
    "bảo đảm an toàn giao thông dịp Tết Nguyên đán",
    "điều chỉnh quy hoạch chi tiết tỷ lệ 1/500",
    "thực hiện chính sách đối với người có công",
    "tăng cường quản lý an toàn thực phẩm",
    "xử lý vi phạm hành chính trong lĩnh vực đất đai",
    "đăng ký thi đua, khen thưởng",
    "cấp giấy phép xây dựng",
    "báo cáo kết quả giải ngân vốn đầu tư công",
    "phòng, chống dịch bệnh",
    "rà soát thủ tục hành chính",
    "lấy ý kiến về hồ sơ đề nghị công nhận xã nông thôn mới",
]
PLACES = ["thành phố", "quận Hồng Bàng", "quận Ngô Quyền", "quận Lê Chân", "huyện Thủy Nguyên", "huyện An Dương", "quận Kiến An"]
TYPES = [
    ("Công văn", 50),
    ("Giấy mời", 10),
    ("Báo cáo", 10),
    ("Quyết định", 8),
    ("Thông báo", 8),
    ("Kế hoạch", 7),
    ("Tờ trình", 4),
    ("Hướng dẫn", 3),
]
TYPE_ABBREVIATIONS = {"Giấy mời": "GM", "Báo cáo": "BC", "Quyết định": "QĐ", "Thông báo": "TB", "Kế hoạch": "KH"}
TYPE_ABBREVIATIONS |= {"Tờ trình": "TTr", "Hướng dẫn": "HD"}
PRIORITIES = [(0, 80), (1, 12), (2, 6), (3, 2)]

DOC_COLUMNS = [
    "id",
    "agency_id",
    "register_id",
    "arrival_number",
    "arrival_date",
    "type_name",
    "code_number",
    "code_notation",
    "issued_date",
    "organ_name",
    "organ_id",
    "subject",
    "language",
    "page_amount",
    "description",
    "signer_position",
    "signer_full_name",
    "priority",
    "confidentiality",
    "to_places",
    "due_date",
    "source",
    "paper_received",
    "status",
    "registered_by_id",
    "created_at",
    "updated_at",
    "direction",
    "directed_by_id",
    "directed_at",
    "completed_at",
    "answer_reference",
    "search_text",
    "package_id",  # the received package it came from: none in the generated history
    "supersedes_id",  # the version an update replaces: none either
]
ASSIGNMENT_COLUMNS = [
    "id",
    "document_id",
    "parent_id",
    "kind",
    "unit_id",
    "user_id",
    "assigned_by_id",
    "created_at",
    "deadline",
    "deadline_days",
    "deadline_start",
    "status",
    "is_open",
    "priority",
    "note",
    "proposal",
    "completed_at",
    "completed_by_id",
    "agency_id",
]


def check_columns() -> None:
    """Stop with a clear message if the models changed under the loader."""
    for model, columns in ((IncomingDocument, DOC_COLUMNS), (Assignment, ASSIGNMENT_COLUMNS)):
        actual = {f.column for f in model._meta.concrete_fields}
        if actual != set(columns):
            raise SystemExit(
                f"bench/dataset.py: the columns of {model._meta.db_table} changed "
                f"(missing here: {sorted(actual - set(columns))}, unknown: {sorted(set(columns) - actual)}); "
                "update DOC_COLUMNS / ASSIGNMENT_COLUMNS and the generator."
            )


@dataclass
class Organisation:
    agency: Agency
    units: list[Unit]
    clerk: User
    leaders: list[User]
    heads: list[User]  # heads[i] heads units[i]
    specialists: list[list[User]]  # specialists[i] work in units[i]
    extra_clerks: list[User] = field(default_factory=list)  # more clerks of the same agency


def create_organisation() -> Organisation:
    """The agency and its people, with the ORM (a few hundred rows)."""
    agency = Agency.objects.create(
        name="Văn phòng UBND thành phố Hải Phòng", short_name="VP", organ_id="000.01.00.H26", hosted=True
    )
    units = [Unit.objects.create(agency=agency, name=name, abbreviation=abbr) for name, abbr in UNITS]
    unusable = make_password(None)  # no slow password hashing for 200 people

    def person(username: str, full_name: str) -> User:
        return User(username=username, full_name=full_name, password=unusable)

    clerk = person("vanthu", "Nguyễn Thị Văn Thư")
    extra_clerks = [person(f"vanthu{k}", f"Văn thư {k}") for k in range(2, EXTRA_CLERKS + 2)]
    leaders = [person("chanhvp", "Trần Văn Chánh"), person("pcvp1", "Lê Thị Phó"), person("pcvp2", "Phạm Văn Phó")]
    heads = [person(f"truong{i:02d}", f"Trưởng phòng {abbr}") for i, (_, abbr) in enumerate(UNITS)]
    specialists = [
        [person(f"cv{i:02d}_{k}", f"Chuyên viên {abbr} {k}") for k in range(SPECIALISTS_PER_UNIT)]
        for i, (_, abbr) in enumerate(UNITS)
    ]
    everyone = [clerk, *extra_clerks, *leaders, *heads, *(s for group in specialists for s in group)]
    User.objects.bulk_create(everyone)
    # Read the primary keys back rather than rely on bulk_create returning them.
    by_name = dict(User.objects.values_list("username", "pk"))
    for user in everyone:
        user.pk = by_name[user.username]
    memberships = [Membership(user=c, agency=agency, role=Role.CLERK, position="Văn thư") for c in [clerk, *extra_clerks]]
    memberships += [Membership(user=u, agency=agency, role=Role.LEADER, position="Lãnh đạo Văn phòng") for u in leaders]
    memberships += [
        Membership(user=h, agency=agency, role=Role.UNIT_HEAD, unit=u, position="Trưởng phòng")
        for h, u in zip(heads, units, strict=True)
    ]
    memberships += [
        Membership(user=s, agency=agency, role=Role.SPECIALIST, unit=u, position="Chuyên viên")
        for group, u in zip(specialists, units, strict=True)
        for s in group
    ]
    Membership.objects.bulk_create(memberships)
    return Organisation(agency, units, clerk, leaders, heads, specialists, extra_clerks)


def _weighted(pairs):
    return [value for value, _ in pairs], [weight for _, weight in pairs]


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    return fold(text)


class Generator:
    """Rows of documents and assignments as tuples in DOC_COLUMNS /
    ASSIGNMENT_COLUMNS order, with explicit ids; dates and times as text in the
    engine's storage format (ISO dates; UTC times)."""

    def __init__(self, org: Organisation, *, seed: int, first_doc_id: int, first_assignment_id: int, tz_suffix: str):
        self.rng = random.Random(seed)
        self.org = org
        self.next_doc = first_doc_id
        self.next_assignment = first_assignment_id
        self.tz = tz_suffix
        now = today()
        # Day strings by "days ago" (negative: in the future, for deadlines).
        self.future = 60
        self.day = [(now - timedelta(days=d - self.future)).isoformat() for d in range(DAYS_OF_HISTORY + self.future + 1)]
        self.year = [int(s[:4]) for s in self.day]
        self.types, self.type_weights = _weighted(TYPES)
        self.priorities, self.priority_weights = _weighted(PRIORITIES)
        self.unit_ids = [u.pk for u in org.units]
        self.head_ids = [h.pk for h in org.heads]
        self.specialist_ids = [[s.pk for s in group] for group in org.specialists]
        self.leader_ids = [u.pk for u in org.leaders]
        self.counters: dict[int, list] = {}  # year -> [register id, last number]
        for year in sorted(set(self.year[self.future :])):
            register = register_get(agency=org.agency, kind=RegisterKind.INCOMING, year=year)
            self.counters[year] = [register.pk, register.last_number]

    def _at(self, days_ago: int, rng) -> str:
        """A time during office hours (01:00-09:59 UTC = 08:00-16:59 in Việt Nam)."""
        days_ago = max(days_ago, -self.future + 1)
        return f"{self._d(days_ago)} {rng.randrange(1, 10):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}{self.tz}"

    def _d(self, days_ago: int) -> str:
        return self.day[days_ago + self.future]

    def _pick_unit(self, rng, exclude: int = -1) -> int:
        while True:
            index = 0 if rng.random() < BUSY_UNIT_SHARE else rng.randrange(1, len(self.unit_ids))
            if index != exclude:
                return index

    def documents(self, count: int):
        """Yield (document row, [assignment rows]) for `count` new documents."""
        for _ in range(count):
            yield self._document()

    def _document(self):
        rng, org = self.rng, self.org
        doc_id = self.next_doc
        self.next_doc += 1
        age = rng.randrange(DAYS_OF_HISTORY)
        year = self.year[age + self.future]
        register = self.counters[year]
        register[1] += 1
        type_name = rng.choices(self.types, self.type_weights)[0]
        organ, organ_id, organ_abbr, signer_position, signer = ORGANS[rng.randrange(len(ORGANS))]
        abbr = TYPE_ABBREVIATIONS.get(type_name)
        notation = f"{abbr}-{organ_abbr}" if abbr else organ_abbr
        number = str(rng.randrange(1, 5000))
        topic, place = TOPICS[rng.randrange(len(TOPICS))], PLACES[rng.randrange(len(PLACES))]
        head = f"Về việc {topic} trên địa bàn {place} năm"
        subject = f"{head} {year}"
        search_text = f"{_fold(head)} {year} {number} {_fold(notation)} {_fold(organ)} {_fold(signer)}"
        priority = rng.choices(self.priorities, self.priority_weights)[0]

        r = rng.random()
        if age < 3:
            state = "registered" if r < 0.5 else "submitted"
        elif age < 60:
            state = "open" if r < 0.5 else "done"
        else:
            state = "open" if r < 0.05 else ("recalled" if r < 0.06 else "done")

        arrival = self._d(age)
        created = self._at(age, rng)
        leader = self.leader_ids[0] if rng.random() < 0.5 else self.leader_ids[rng.randrange(1, 3)]
        rows = []

        def assignment(**values):
            row_id = self.next_assignment
            self.next_assignment += 1
            row = {
                "parent_id": None,
                "unit_id": None,
                "user_id": None,
                "deadline": None,
                "deadline_days": None,
                "deadline_start": None,
                "note": "",
                "proposal": "",
                "completed_at": None,
                "completed_by_id": None,
                **values,
            }
            rows.append(
                (
                    row_id,
                    doc_id,
                    row["parent_id"],
                    row["kind"],
                    row["unit_id"],
                    row["user_id"],
                    row["assigned_by_id"],
                    row["created_at"],
                    row["deadline"],
                    row["deadline_days"],
                    row["deadline_start"],
                    row["status"],
                    row["is_open"],
                    priority,
                    row["note"],
                    row["proposal"],
                    row["completed_at"],
                    row["completed_by_id"],
                    self.org.agency.pk,
                )
            )
            return row_id

        def closing(done_after: int, by: int, cancelled: bool = False) -> dict:
            when = self._at(max(age - done_after, 0), rng)
            return {"status": "cancelled" if cancelled else "done", "is_open": False, "completed_at": when, "completed_by_id": by}

        status, due, directed_at, completed_at, direction, directed_by = "registered", None, None, None, "", None
        review = {"kind": "review", "user_id": leader, "assigned_by_id": org.clerk.pk, "created_at": created}
        if state == "submitted":
            status = "submitted"
            assignment(**review, status="pending", is_open=True)
        elif state != "registered":
            assignment(**review, **closing(1, leader))
            lead = self._pick_unit(rng)
            lead_unit = self.unit_ids[lead]
            directed_at = self._at(max(age - 1, 0), rng)
            directed_by = leader
            direction = f"Giao {UNITS[lead][1]} chủ trì, tham mưu xử lý, báo cáo kết quả."
            deadline = None
            if rng.random() < 0.8:
                deadline = self._d(age - 14)
                due = deadline
            task = {"assigned_by_id": leader, "created_at": directed_at, "deadline": deadline, "deadline_start": self._d(age - 1)}
            task["note"] = direction
            finished = rng.randrange(2, 30)
            if state == "done" and finished > age:
                state = "open"  # it would finish after today: still open
            with_specialist = rng.random() < 0.5
            if state == "open":
                lead_state = {"status": "in_progress" if with_specialist else "pending", "is_open": True}
                child_state = {"status": rng.choice(["pending", "in_progress"]), "is_open": True}
                status = "in_progress" if with_specialist else "directed"
            else:
                cancelled = state == "recalled"
                lead_state = closing(finished, org.clerk.pk if cancelled else self.head_ids[lead], cancelled)
                child_state = lead_state
                status = "recalled" if cancelled else "done"
                completed_at = None if cancelled else lead_state["completed_at"]
            lead_id = assignment(kind="lead", unit_id=lead_unit, **task, **lead_state)
            if with_specialist:
                specialist = self.specialist_ids[lead][rng.randrange(SPECIALISTS_PER_UNIT)]
                child = {**task, "assigned_by_id": self.head_ids[lead], "parent_id": lead_id}
                assignment(kind="lead", unit_id=lead_unit, user_id=specialist, **child, **child_state)
            if rng.random() < 0.3:
                other = self._pick_unit(rng, exclude=lead)
                assignment(kind="coordinate", unit_id=self.unit_ids[other], **task, **lead_state)

            def inform_state():
                if state == "recalled":
                    return closing(finished, org.clerk.pk, True)
                if rng.random() < (0.5 if state == "open" else 0.1):
                    return {"status": "pending", "is_open": True}
                return closing(rng.randrange(1, 10), org.clerk.pk)

            informed = {"assigned_by_id": leader, "created_at": directed_at, "note": direction}
            if rng.random() < 0.15:
                other = self._pick_unit(rng, exclude=lead)
                assignment(kind="inform", unit_id=self.unit_ids[other], **informed, **inform_state())
            if rng.random() < 0.03:
                group = self.specialist_ids[rng.randrange(len(self.unit_ids))]
                person = self.head_ids[rng.randrange(len(self.head_ids))] if rng.random() < 0.5 else group[0]
                assignment(kind="inform", user_id=person, **informed, **inform_state())

        document = (
            doc_id,
            org.agency.pk,
            register[0],
            register[1],
            arrival,
            type_name,
            number,
            notation,
            self._d(min(age + rng.randrange(0, 6), DAYS_OF_HISTORY)),
            organ,
            organ_id,
            subject,
            "Tiếng Việt",
            rng.randrange(1, 20),
            "",
            signer_position,
            signer,
            priority,
            0,
            "",
            due,
            "paper" if rng.random() < 0.3 else "electronic",
            True,
            status,
            org.clerk.pk,
            created,
            completed_at or directed_at or created,
            direction,
            directed_by,
            directed_at,
            completed_at,
            "",
            search_text,
            None,
            None,
        )
        return document, rows

    def save_counters(self) -> None:
        for register_id, last in self.counters.values():
            Register.objects.filter(pk=register_id).update(last_number=last)


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the indexes that no constraint needs."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL", [table]
            )
        else:
            cursor.execute(
                """SELECT i.relname, pg_get_indexdef(i.oid)
                   FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                   WHERE t.relname = %s AND t.relnamespace = current_schema()::regnamespace
                     AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                     WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))""",
                [table],
            )
        return list(cursor.fetchall())


def index_definitions() -> dict[str, list[str]]:
    """The CREATE statement of every secondary index of the two bulk-loaded
    tables, as the database reports it (partial conditions included)."""
    tables = (IncomingDocument._meta.db_table, Assignment._meta.db_table)
    return {table: sorted(sql for _, sql in _secondary_indexes(table)) for table in tables}


def check_indexes() -> None:
    """Stop if an index the models define (and the migrations create) is not
    in the database: the inbox is measured on the application's indexes."""
    with connection.cursor() as cursor:
        for model in (IncomingDocument, Assignment):
            table = model._meta.db_table
            present = {name for name, info in connection.introspection.get_constraints(cursor, table).items() if info["index"]}
            missing = sorted(index.name for index in model._meta.indexes if index.name not in present)
            if missing:
                raise SystemExit(f"bench: indexes of {table} missing from the database: {', '.join(missing)}")


def _write(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _max_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        return cursor.fetchone()[0]


def load_documents(org: Organisation, count: int, *, seed: int, log) -> dict:
    """Add `count` documents and their assignments. Returns timings."""
    doc_table, asg_table = IncomingDocument._meta.db_table, Assignment._meta.db_table
    sqlite = connection.vendor == "sqlite"
    gen = Generator(
        org,
        seed=seed,
        first_doc_id=_max_id(doc_table) + 1,
        first_assignment_id=_max_id(asg_table) + 1,
        tz_suffix="" if sqlite else "+00",
    )
    started = time.perf_counter()
    indexes = _secondary_indexes(doc_table) + _secondary_indexes(asg_table)
    with connection.cursor() as cursor:
        if sqlite:
            # Load-only settings; restored below before anything is measured.
            for pragma in ("foreign_keys = OFF", "journal_mode = MEMORY", "synchronous = OFF", "cache_size = -524288"):
                cursor.execute(f"PRAGMA {pragma}")
            cursor.execute("PRAGMA temp_store = MEMORY")
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    assignments = 0
    with transaction.atomic():
        if not sqlite:
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    # No foreign-key triggers during the load (needs a superuser).
                    cursor.execute("SET LOCAL session_replication_role = replica")
            except Exception as exc:  # not a superuser: keep the checks, only slower
                log(f"  (foreign-key checks stay on during the load: {exc})")
        raw = connection.connection.cursor()
        try:
            done = 0
            while done < count:
                size = min(CHUNK, count - done)
                docs, rows = [], []
                for document, assignment_rows in gen.documents(size):
                    docs.append(document)
                    rows.extend(assignment_rows)
                _write(raw, doc_table, DOC_COLUMNS, docs)
                _write(raw, asg_table, ASSIGNMENT_COLUMNS, rows)
                done += size
                assignments += len(rows)
                if done % 200_000 == 0 or done == count:
                    rate = done / (time.perf_counter() - started)
                    log(f"  loaded {done:,}/{count:,} documents ({rate:,.0f}/s)")
        finally:
            raw.close()
        gen.save_counters()
    loaded = time.perf_counter() - started
    with connection.cursor() as cursor:
        if not sqlite:
            cursor.execute("SET maintenance_work_mem = '512MB'")
        for _, create in indexes:
            cursor.execute(create)
        index_s = time.perf_counter() - started - loaded
    rebuilt = _secondary_indexes(doc_table) + _secondary_indexes(asg_table)
    if sorted(rebuilt) != sorted(indexes):
        raise RuntimeError(f"bench: the indexes rebuilt after the load differ: {sorted(set(indexes) ^ set(rebuilt))}")
    check_indexes()
    with connection.cursor() as cursor:
        if sqlite:
            cursor.execute("ANALYZE")
            for pragma in ("cache_size = -2000", "synchronous = NORMAL", "journal_mode = WAL", "foreign_keys = ON"):
                cursor.execute(f"PRAGMA {pragma}")
        else:
            cursor.execute("RESET maintenance_work_mem")
            for sql in connection.ops.sequence_reset_sql(no_style(), [IncomingDocument, Assignment]):
                cursor.execute(sql)
            # What autovacuum would have done by the time a table is this size.
            for table in (doc_table, asg_table):
                cursor.execute(f"VACUUM (ANALYZE) {table}")
    total = time.perf_counter() - started
    log(f"  {count:,} documents + {assignments:,} assignments in {total:.1f} s (indexes {index_s:.1f} s)")
    return {
        "documents_added": count,
        "assignments_added": assignments,
        "insert_s": round(loaded, 2),
        "index_rebuild_s": round(index_s, 2),
        "analyze_s": round(total - loaded - index_s, 2),
        "total_s": round(total, 2),
        "documents_per_s": round(count / loaded) if loaded else None,
    }
