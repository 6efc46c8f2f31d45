"""Search engine spike (issue 4, part 4, "Measure before you choose").

Builds one synthetic corpus of N Vietnamese documents (type, number/symbol,
issuing organ, subject, abstract; years 2020-2026; ~3 permission "principals"
each) and measures, per engine, the index build rate, the index size and the
query latency p50/p95 over ~50 realistic queries:

    ranked        top-20 by relevance
    newest        top-20 newest first among the matches
    ranked_perm   ranked, ANDed with (principal IN the actor's ~5 principals)
    newest_perm   newest first, with the permission filter
    facets_perm   count of matches by type and by year, with the permission filter

Engines: tantivy (embedded, on disk), SQLite FTS5 (bm25), PostgreSQL full text
('simple' config, GIN, ts_rank; plus a candidate-limited ranking as mitigation)
and Whoosh (Whoosh-Reloaded). Every engine gets the same tokens: the text is
normalised and folded here, once, as the search service would do (one module at
index and query time); the engines only split on spaces. Times are the raw
engine's, measured in this process.

    python -m bench.search_spike --docs 100000
    python -m bench.search_spike --docs 1000000 --engines tantivy,fts5,postgres
    python -m bench.search_spike --docs 1000000 --engines postgres --reuse   # queries only

Indexes and results live under --dir (default /tmp/searchspike), never in the repository.
"""

import argparse
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
os.environ.setdefault("SECRET_KEY", "search-spike")

import django  # noqa: E402

django.setup()

from bench.dataset import ORGANS, PLACES, TOPICS, TYPE_ABBREVIATIONS, TYPES  # noqa: E402
from eoffice.core.text import fold as reference_fold  # noqa: E402

PG_URL = os.environ.get("SPIKE_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/")
PG_DB = "eoffice_searchspike"
PG_SEARCH_WORK_MEM = "64MB"
FIRST_DAY = date(2020, 1, 1)
DAYS = (date(2026, 12, 31) - FIRST_DAY).days + 1
KINDS = ("ranked", "newest", "ranked_perm", "newest_perm", "facets_perm")
TOP = 20

# --------------------------------------------------------------------------- text


def _fold_table() -> dict[int, str]:
    """Precomposed Latin letters -> folded form; combining marks removed.
    str.translate with it equals eoffice.core.text.fold on NFC text, ~20x faster."""
    table = {cp: reference_fold(chr(cp)) or None for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]}
    table |= {cp: None for cp in range(0x300, 0x370)}
    return table


FOLD = _fold_table()
# One tone-mark placement: the tone of an open "oa/oe/uy" goes on the first vowel (hoà -> hòa, thuý -> thúy).
_TONES = {"à": "ò", "á": "ó", "ả": "ỏ", "ã": "õ", "ạ": "ọ", "è": "ò", "é": "ó", "ẻ": "ỏ", "ẽ": "õ", "ẹ": "ọ"}
_TONES_Y = {"ỳ": "ù", "ý": "ú", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ"}
_PLAIN = {"à": "a", "á": "a", "ả": "a", "ã": "a", "ạ": "a", "è": "e", "é": "e", "ẻ": "e", "ẽ": "e", "ẹ": "e"}
_TONE_OA = re.compile(r"o([àáảãạèéẻẽẹ])\b")
_TONE_UY = re.compile(r"(?<!q)u([ỳýỷỹỵ])\b")
WORD = re.compile(r"\w+")


def accent_key(text: str) -> str:
    """NFC, lower case, one tone placement: the accented tokens, space-separated."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _TONE_OA.sub(lambda m: _TONES[m[1]] + _PLAIN[m[1]], text)
    text = _TONE_UY.sub(lambda m: _TONES_Y[m[1]] + "y", text)
    return " ".join(WORD.findall(text))


def fold_key(accented_tokens: str) -> str:
    """Folded tokens (no tone marks, đ -> d) of accent_key()'s output."""
    return accented_tokens.translate(FOLD)


@dataclass(frozen=True)
class Query:
    text: str
    label: str
    pairs: tuple[tuple[str, str], ...]  # (accented token, folded token), all must match


def parse(text: str, label: str) -> Query:
    accented = accent_key(text).split()
    return Query(text, label, tuple(zip(accented, fold_key(" ".join(accented)).split(), strict=True)))


# --------------------------------------------------------------------------- corpus

WARDS = [
    "Thủy Xuân", "Thủy Biều", "Kim Long", "Hương Long", "An Cựu", "An Đông", "An Tây", "Phú Hội", "Phú Nhuận",
    "Vĩnh Ninh", "Phước Vĩnh", "Trường An", "Xuân Phú", "Vỹ Dạ", "Thuận Hòa", "Thuận Lộc", "Tây Lộc", "Đông Ba",
    "Gia Hội", "Phú Hậu", "Hương Sơ", "An Hòa", "Hương Vinh", "Thủy Vân", "Thủy Dương", "Thủy Phương", "Hương Hồ",
    "Hương An", "Hương Chữ", "Phú Thượng", "Thủy Bằng", "Hương Phong", "Phú Dương", "Phú Mậu", "Hải Dương", "Long Hồ",
]  # fmt: skip
STREETS = [
    "Lê Lợi", "Hùng Vương", "Trần Hưng Đạo", "Điện Biên Phủ", "Nguyễn Huệ", "Bà Triệu", "Phan Đình Phùng",
    "Lý Thường Kiệt", "Đống Đa", "Nguyễn Trãi", "Tố Hữu", "Võ Văn Kiệt", "Nguyễn Sinh Cung", "Trường Chinh",
]  # fmt: skip
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Công"]
GIVEN = [
    "Hùng", "Dũng", "Hòa", "Hoà", "Lan", "Mai", "Tuấn", "Hải", "Quân", "Thủy", "Thuý", "Bình", "Cường", "Đạt", "Hạnh",
    "Hương", "Khoa", "Long", "Nam", "Phong", "Quý", "Sơn", "Tâm", "Thắng", "Trang", "Trung", "Vinh", "Yến", "Đông",
]  # fmt: skip
PROJECTS = [
    "Khu đô thị mới An Vân Dương", "cầu Vỹ Dạ", "Trường THCS Nguyễn Tri Phương", "chợ Đông Ba", "Bệnh viện đa khoa thành phố",
    "kè chống sạt lở bờ sông Hương", "Khu tái định cư Hương Sơ", "Công viên Thương Bạc", "tuyến đường ven sông Như Ý",
]  # fmt: skip
EXTRA_ORGANS = [
    ("UBND thành phố", "UBND"), ("Cục Hải quan tỉnh", "CHQ"), ("UBND tỉnh Đồng Nai", "UBND"),
    ("Sở Nội vụ", "SNV"), ("Hội đồng nhân dân thành phố", "HĐND"),
]  # fmt: skip
UNITS = ["QLĐT", "TNMT", "TCKH", "VP", "NV", "TP", "KT", "VHTT", "GDĐT", "YT"]
AGENCY_WEIGHTS = [30, 12, 8, 6, 5, 5, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1]  # 20 agencies in the installation
USERS_PER_AGENCY, UNITS_PER_AGENCY = 200, 20
# The actor: a specialist of unit 3 of the largest agency; "ppub" = shared with every agency.
ACTOR = ("pa0", "pn0x3", "pu17", "pg0lead", "ppub")


def _person(rng) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _place(rng) -> str:
    r = rng.random()
    return f"phường {rng.choice(WARDS)}" if r < 0.7 else (f"xã {rng.choice(WARDS)}" if r < 0.8 else rng.choice(PLACES))


def _project(rng) -> str:
    r = rng.random()
    if r < 0.4:
        return rng.choice(PROJECTS)
    if r < 0.7:
        return f"nâng cấp, mở rộng đường {rng.choice(STREETS)}"
    return f"hạ tầng kỹ thuật khu dân cư {_place(rng)}"


SUBJECTS = [
    lambda r, y: f"thu hồi đất tại {_place(r)} để thực hiện dự án {_project(r)}",
    lambda r, y: f"giao đất cho hộ ông {_person(r)} tại {_place(r)}",
    lambda r, y: f"phê duyệt quy hoạch chi tiết tỷ lệ 1/500 {_project(r)}",
    lambda r, y: f"bồi thường, hỗ trợ giải phóng mặt bằng dự án {_project(r)}",
    lambda r, y: f"cấp giấy chứng nhận quyền sử dụng đất cho bà {_person(r)} tại {_place(r)}",
    lambda r, y: f"khen thưởng ông {_person(r)} đã có thành tích xuất sắc năm {y - 1}",
    lambda r, y: f"bổ nhiệm ông {_person(r)} giữ chức Phó Chủ tịch UBND {_place(r)}",
    lambda r, y: f"xử phạt vi phạm hành chính đối với ông {_person(r)} tại {_place(r)}",
    lambda r, y: f"phê duyệt dự toán ngân sách năm {y} của {_place(r)}",
    lambda r, y: f"điều chỉnh chủ trương đầu tư dự án {_project(r)}",
    lambda r, y: f"{r.choice(TOPICS)} trên địa bàn {_place(r)} năm {y}",
    lambda r, y: f"{r.choice(TOPICS)} trên địa bàn {r.choice(PLACES)}",
    lambda r, y: f"phối hợp kiểm tra hàng hóa xuất nhập khẩu với Cục Hải quan trên địa bàn hai quận {r.choice(PLACES)[5:]}",
]
SENTENCES = [
    lambda r, y: (
        f"Căn cứ Quyết định số {r.randrange(1, 3000)}/QĐ-UBND ngày {r.randrange(1, 29)}/{r.randrange(1, 13)}/{y}"
        f" của UBND thành phố về việc {r.choice(TOPICS)}."
    ),
    lambda r, y: (
        f"Giao phòng {r.choice(UNITS)} chủ trì, phối hợp với UBND {_place(r)} tổ chức thực hiện,"
        f" báo cáo kết quả trước ngày {r.randrange(1, 29)}/{r.randrange(1, 13)}/{y}."
    ),
    lambda r, y: f"Tổng kinh phí {r.randrange(50, 90000)} triệu đồng từ nguồn ngân sách thành phố.",
    lambda r, y: (
        f"Hộ ông {_person(r)} có diện tích {r.randrange(40, 900)} m2 thuộc thửa đất số {r.randrange(1, 900)},"
        f" tờ bản đồ số {r.randrange(1, 80)} tại {_place(r)}."
    ),
    lambda r, y: f"Đề nghị các cơ quan, đơn vị {r.choice(TOPICS)}, gửi báo cáo về Sở Nội vụ để tổng hợp.",
    lambda r, y: f"Thời gian thực hiện từ tháng {r.randrange(1, 13)} năm {y} tại {_place(r)}, {_project(r)}.",
]
TYPE_NAMES = [t for t, _ in TYPES]
TYPE_WEIGHTS = [w for _, w in TYPES]


@dataclass(slots=True)
class Doc:
    id: int  # ids follow the registration order, so "newest first" is "highest id first"
    day: int
    year: int
    type: str
    title: str
    acc: str  # accented tokens of everything searchable
    fold: str  # the same tokens folded
    perms: list[str]


def _principals(rng, agency: int) -> list[str]:
    """Most documents: the agency, the lead unit and the registering clerk;
    12 % restricted to the unit and a few people; 3 % shared with everyone."""
    unit, clerk = rng.randrange(UNITS_PER_AGENCY), rng.randrange(USERS_PER_AGENCY)
    r = rng.random()
    if r < 0.03:
        return ["ppub", f"pn{agency}x{unit}", f"pu{agency * 1000 + clerk}"]
    if r < 0.15:
        users = {agency * 1000 + rng.randrange(USERS_PER_AGENCY) for _ in range(rng.randrange(1, 4))}
        return [f"pn{agency}x{unit}", f"pg{agency}lead", *(f"pu{u}" for u in sorted(users))]
    return [f"pa{agency}", f"pn{agency}x{unit}", f"pu{agency * 1000 + clerk}"]


def corpus(n: int, seed: int = 4):
    """Yield n documents, deterministic for (n, seed)."""
    rng = random.Random(seed)
    agencies = list(range(len(AGENCY_WEIGHTS)))
    organs = [(name, abbr) for name, _, abbr, _, _ in ORGANS] + EXTRA_ORGANS
    for i in range(1, n + 1):
        day = (i - 1) * DAYS // n
        d = FIRST_DAY + timedelta(days=day)
        type_name = rng.choices(TYPE_NAMES, TYPE_WEIGHTS)[0]
        organ, organ_abbr = organs[rng.randrange(len(organs))]
        abbr = TYPE_ABBREVIATIONS.get(type_name)
        symbol = (
            f"{rng.randrange(1, 3000)}/{abbr}-{organ_abbr}"
            if abbr
            else f"{rng.randrange(1, 3000)}/{organ_abbr}-{rng.choice(UNITS)}"
        )
        subject = rng.choice(SUBJECTS)(rng, d.year)
        title = f"{type_name} số {symbol} ngày {d.day}/{d.month}/{d.year} của {organ} về việc {subject}"
        abstract = " ".join(rng.choice(SENTENCES)(rng, d.year) for _ in range(rng.randrange(1, 4)))
        acc = accent_key(f"{title} {abstract}")
        agency = rng.choices(agencies, AGENCY_WEIGHTS)[0]
        yield Doc(i, day, d.year, type_name, title, acc, fold_key(acc), _principals(rng, agency))


QUERIES = [
    ("quyết định thu hồi đất phường Thủy Xuân", "accented, 6 words (the story)"),
    ("quyet dinh thu hoi dat phuong thuy xuan", "unaccented, 6 words (the story)"),
    ("thu hồi đất", "accented, common"),
    ("thu hoi dat", "unaccented, common"),
    ("Đồng Nai", "đ"),
    ("dong nai", "đ unaccented"),
    ("phường Thuận Hoà", "old tone placement"),
    ("phường Thuận Hòa", "new tone placement"),
    ("phuong thuan hoa", "unaccented"),
    ("hải quan", "accented (vs hai quận)"),
    ("hai quan", "unaccented (ambiguous)"),
    ("123/QĐ-UBND", "document number"),
    ("123 qd ubnd", "document number, typed"),
    ("qđ-ubnd 123", "document number, reordered"),
    ("45/KH-UBND", "document number"),
    ("1250/SXD-QLĐT", "document number"),
    ("1250 sxd", "document number, partial"),
    ("ubnd", "very common"),
    ("kế hoạch", "type, common"),
    ("bao cao", "type, unaccented"),
    ("tuyển dụng viên chức", "topic"),
    ("chuyen doi so", "topic, unaccented"),
    ("an toàn thực phẩm", "topic"),
    ("Nguyễn Văn Hùng", "person"),
    ("nguyen van hung", "person, unaccented"),
    ("ông Trần Thị Thuý", "person, old tone"),
    ("phê duyệt dự toán ngân sách năm 2024", "6 words"),
    ("bao cao ket qua giai ngan von dau tu cong", "long unaccented"),
    ("giải phóng mặt bằng đường Tố Hữu", "6 words, rare"),
    ("2023", "year only"),
    ("khen thưởng", "common"),
    ("khen thuong thanh tich xuat sac nam 2022", "unaccented, 7 words"),
    ("quy hoạch chi tiết 1/500", "with a number"),
    ("cầu Vỹ Dạ", "project"),
    ("cau vy da", "project unaccented"),
    ("chợ Đông Ba", "project"),
    ("thửa đất số 125 tờ bản đồ số 12", "cadastral"),
    ("giấy mời hội nghị", "type + word"),
    ("Sở Xây dựng", "organ"),
    ("so xay dung", "organ unaccented"),
    ("phòng cháy chữa cháy", "topic"),
    ("xử phạt vi phạm hành chính", "topic"),
    ("xu phat vi pham hanh chinh phuong an cuu", "unaccented, 7 words"),
    ("bổ nhiệm Phó Chủ tịch", "topic"),
    ("tàu vũ trụ", "no match"),
    ("Khu đô thị mới An Vân Dương", "project, 6 words"),
    ("kinh phí", "common"),
    ("thông báo", "type"),
    ("hoà", "single word, old tone"),
    ("thuỷ", "single word, old tone"),
]


# --------------------------------------------------------------------------- engines


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class Tantivy:
    name = "tantivy"

    def __init__(self, root: Path):
        import tantivy

        self.t, self.path = tantivy, root / "tantivy"
        b = tantivy.SchemaBuilder()
        b.add_unsigned_field("id", stored=True, fast=True, indexed=False)
        b.add_bytes_field("title", stored=True, indexed=False, fast=False)
        b.add_text_field("acc", tokenizer_name="default")
        b.add_text_field("fold", tokenizer_name="default")
        b.add_text_field("perm", tokenizer_name="raw", index_option="basic")
        b.add_text_field("type", tokenizer_name="raw", fast=True, index_option="basic")
        b.add_unsigned_field("year", fast=True, indexed=False)
        self.schema = b.build()

    def build(self, docs) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True)
        index = self.t.Index(self.schema, path=str(self.path))
        writer = index.writer(heap_size=1_000_000_000, num_threads=2)
        for d in docs:
            doc = self.t.Document()
            doc.add_unsigned("id", d.id)
            doc.add_bytes("title", d.title.encode())
            doc.add_text("acc", d.acc)
            doc.add_text("fold", d.fold)
            for p in d.perms:
                doc.add_text("perm", p)
            doc.add_text("type", d.type)
            doc.add_unsigned("year", d.year)
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()

    def open(self) -> None:
        self.index = self.t.Index.open(str(self.path))
        self.index.reload()
        self.searcher = self.index.searcher()

    def size(self) -> int:
        return _dir_size(self.path)

    def _query(self, q: Query, perms):
        Q, Occur = self.t.Query, self.t.Occur
        clauses = []
        for acc, fold in q.pairs:
            exact = Q.boost_query(Q.term_query(self.schema, "acc", acc), 2.0)
            clauses.append(
                (Occur.Must, Q.boolean_query([(Occur.Should, exact), (Occur.Should, Q.term_query(self.schema, "fold", fold))]))
            )
        if perms:
            clauses.append((Occur.Must, Q.const_score_query(Q.term_set_query(self.schema, "perm", list(perms)), 0.0)))
        return Q.boolean_query(clauses)

    def _fetch(self, result) -> list:
        out = []
        for _, address in result.hits:
            doc = self.searcher.doc(address)
            out.append((doc["id"][0], doc["title"][0].decode()))
        return out

    def ranked(self, q, perms=None):
        return self._fetch(self.searcher.search(self._query(q, perms), TOP, count=False))

    def newest(self, q, perms=None):
        return self._fetch(self.searcher.search(self._query(q, perms), TOP, count=False, order_by_field="id"))

    def facets(self, q, perms):
        aggs = {"type": {"terms": {"field": "type", "size": 50}}, "year": {"terms": {"field": "year", "size": 50}}}
        res = self.searcher.aggregate(self._query(q, perms), aggs)
        by_type = {b["key"]: b["doc_count"] for b in res["type"]["buckets"]}
        by_year = {int(b["key"]): b["doc_count"] for b in res["year"]["buckets"]}
        return sum(by_type.values()), by_type, by_year

    def close(self) -> None:
        self.searcher = self.index = None


def _fts_phrase(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


class Fts5:
    """Contentless FTS5 (acc, fold, perm) + a plain table with what a result row shows."""

    name = "fts5"

    def __init__(self, root: Path):
        self.path = root / "fts5.sqlite3"

    def build(self, docs) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -524288"):
            db.execute(f"PRAGMA {pragma}")
        db.execute("CREATE TABLE meta (id INTEGER PRIMARY KEY, type TEXT, year INT, title TEXT)")
        db.execute("CREATE VIRTUAL TABLE fts USING fts5(acc, fold, perm, content='', tokenize='unicode61 remove_diacritics 0')")
        db.execute("BEGIN")
        batch = []
        for d in docs:
            batch.append(d)
            if len(batch) == 10_000:
                self._insert(db, batch)
                batch = []
        self._insert(db, batch)
        db.execute("COMMIT")
        t0 = time.perf_counter()
        db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        self.optimize_s = time.perf_counter() - t0
        db.execute("ANALYZE")
        db.close()

    @staticmethod
    def _insert(db, batch) -> None:
        db.executemany("INSERT INTO meta VALUES (?, ?, ?, ?)", [(d.id, d.type, d.year, d.title) for d in batch])
        db.executemany(
            "INSERT INTO fts(rowid, acc, fold, perm) VALUES (?, ?, ?, ?)",
            [(d.id, d.acc, d.fold, " ".join(d.perms)) for d in batch],
        )

    def open(self) -> None:
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA cache_size = -65536")  # 64 MB
        self.db.execute("PRAGMA mmap_size = 4294967296")

    def size(self) -> int:
        return self.path.stat().st_size

    @staticmethod
    def match(q: Query, perms) -> str:
        # (acc:"x" OR fold:"y") per word: the folded form decides the match, the accented one adds to bm25.
        parts = [f"(acc:{_fts_phrase(a)} OR fold:{_fts_phrase(f)})" for a, f in q.pairs]
        if perms:
            parts.append("perm:(" + " OR ".join(_fts_phrase(p) for p in perms) + ")")
        return " AND ".join(parts)

    def ranked(self, q, perms=None):
        sql = (
            "SELECT m.id, m.title FROM (SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 2.0, 1.0, 0.0) LIMIT ?) f"
            " JOIN meta m ON m.id = f.rowid"
        )
        return self.db.execute(sql, (self.match(q, perms), TOP)).fetchall()

    def newest(self, q, perms=None):
        sql = (
            "SELECT m.id, m.title FROM (SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ?) f"
            " JOIN meta m ON m.id = f.rowid ORDER BY m.id DESC"
        )
        return self.db.execute(sql, (self.match(q, perms), TOP)).fetchall()

    def facets(self, q, perms):
        sql = "SELECT m.type, m.year, count(*) FROM fts JOIN meta m ON m.id = fts.rowid WHERE fts MATCH ? GROUP BY 1, 2"
        return _facet_rows(self.db.execute(sql, (self.match(q, perms),)).fetchall())

    def close(self) -> None:
        self.db.close()


def _facet_rows(rows):
    by_type, by_year = {}, {}
    for type_name, year, count in rows:
        by_type[type_name] = by_type.get(type_name, 0) + count
        by_year[year] = by_year.get(year, 0) + count
    return sum(by_type.values()), by_type, by_year


def _lexeme(token: str) -> str:
    return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'"


class Postgres:
    """tsvector = accented tokens (weight A) || folded tokens (B) || principals (D, no positions); one GIN index."""

    name = "postgres"

    def __init__(self, root: Path):
        import psycopg

        self.psycopg = psycopg

    def _connect(self, dbname: str):
        return self.psycopg.connect(PG_URL + dbname, autocommit=True)

    def build(self, docs) -> None:
        with self._connect("postgres") as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            admin.execute(f"CREATE DATABASE {PG_DB}")
        with self._connect(PG_DB) as db:
            db.execute(
                "CREATE TABLE doc (id int PRIMARY KEY, type text NOT NULL, year smallint NOT NULL,"
                " title text NOT NULL, tsv tsvector NOT NULL)"
            )
            db.execute(
                "CREATE UNLOGGED TABLE stage (id int, type text, year smallint, title text, acc text, fold text, perm text[])"
            )
            batch = []
            for d in docs:
                batch.append(d)
                if len(batch) == 50_000:
                    self._load(db, batch)
                    batch = []
            self._load(db, batch)
            db.execute("DROP TABLE stage")
            t0 = time.perf_counter()
            db.execute("SET maintenance_work_mem = '1GB'")
            db.execute("CREATE INDEX doc_tsv ON doc USING gin (tsv)")
            db.execute("VACUUM (ANALYZE) doc")
            self.index_s = time.perf_counter() - t0

    @staticmethod
    def _load(db, batch) -> None:
        with db.transaction():
            with db.cursor().copy("COPY stage FROM STDIN") as copy:
                for d in batch:
                    copy.write_row((d.id, d.type, d.year, d.title, d.acc, d.fold, d.perms))
            db.execute(
                "INSERT INTO doc SELECT id, type, year, title, setweight(to_tsvector('simple', acc), 'A')"
                " || setweight(to_tsvector('simple', fold), 'B') || array_to_tsvector(perm) FROM stage"
            )
            db.execute("TRUNCATE stage")

    def open(self) -> None:
        self.db = self._connect(PG_DB)

    def size(self) -> int:
        return self.db.execute("SELECT pg_total_relation_size('doc')").fetchone()[0]

    @staticmethod
    def tsquery(q: Query) -> str:
        return " & ".join(f"({_lexeme(a)}:A | {_lexeme(f)}:B)" if a != f else _lexeme(f) for a, f in q.pairs)

    @staticmethod
    def _where(q, perms):
        if perms:
            return "tsv @@ (%(q)s::tsquery && %(p)s::tsquery)", {"q": Postgres.tsquery(q), "p": " | ".join(map(_lexeme, perms))}
        return "tsv @@ %(q)s::tsquery", {"q": Postgres.tsquery(q)}

    def ranked(self, q, perms=None):
        where, params = self._where(q, perms)
        sql = f"SELECT id, title FROM doc WHERE {where} ORDER BY ts_rank(tsv, %(q)s::tsquery, 1) DESC LIMIT {TOP}"
        return self.db.execute(sql, params).fetchall()

    def newest(self, q, perms=None):
        where, params = self._where(q, perms)
        return self.db.execute(f"SELECT id, title FROM doc WHERE {where} ORDER BY id DESC LIMIT {TOP}", params).fetchall()

    def ranked_recent(self, q, perms=None, k: int = 1000):
        """Mitigation: rank only the k newest matches (cheap key first, ts_rank on k rows)."""
        where, params = self._where(q, perms)
        sql = (
            f"SELECT id, title FROM (SELECT id, title, tsv FROM doc WHERE {where} ORDER BY id DESC LIMIT {k}) c"
            f" ORDER BY ts_rank(tsv, %(q)s::tsquery, 1) DESC LIMIT {TOP}"
        )
        return self.db.execute(sql, params).fetchall()

    def facets(self, q, perms):
        where, params = self._where(q, perms)
        return _facet_rows(
            self.db.execute(f"SELECT type, year, count(*) FROM doc WHERE {where} GROUP BY 1, 2", params).fetchall()
        )

    def explain(self, q, perms=None) -> str:
        where, params = self._where(q, perms)
        sql = (
            f"EXPLAIN (ANALYZE, BUFFERS) SELECT id, title FROM doc WHERE {where}"
            f" ORDER BY ts_rank(tsv, %(q)s::tsquery, 1) DESC LIMIT {TOP}"
        )
        return "\n".join(r[0] for r in self.db.execute(sql, params).fetchall())

    def close(self) -> None:
        self.db.close()

    def drop(self) -> None:
        with self._connect("postgres") as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")


class Whoosh:
    name = "whoosh"

    def __init__(self, root: Path):
        self.path = root / "whoosh"

    def _schema(self):
        from whoosh import fields
        from whoosh.analysis import SpaceSeparatedTokenizer

        words = SpaceSeparatedTokenizer()
        return fields.Schema(
            id=fields.NUMERIC(stored=True, sortable=True, bits=32, unique=True),
            title=fields.STORED(),
            acc=fields.TEXT(analyzer=words),
            fold=fields.TEXT(analyzer=words),
            perm=fields.KEYWORD(),
            type=fields.ID(sortable=True),
            year=fields.ID(sortable=True),
        )

    def build(self, docs, procs: int = 1) -> None:
        from whoosh import index

        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True)
        ix = index.create_in(str(self.path), self._schema())
        writer = ix.writer(limitmb=512, procs=procs, multisegment=procs > 1)
        for d in docs:
            writer.add_document(
                id=d.id, title=d.title, acc=d.acc, fold=d.fold, perm=" ".join(d.perms), type=d.type, year=str(d.year)
            )
        writer.commit()

    def open(self) -> None:
        from whoosh import index

        self.ix = index.open_dir(str(self.path))
        self.searcher = self.ix.searcher()

    def size(self) -> int:
        return _dir_size(self.path)

    def _query(self, q: Query):
        from whoosh.query import And, Or, Term

        return And([Or([Term("acc", a, boost=2.0), Term("fold", f)]) for a, f in q.pairs])

    @staticmethod
    def _filter(perms):
        from whoosh.query import Or, Term

        return Or([Term("perm", p) for p in perms]) if perms else None

    def _rows(self, results) -> list:
        return [(hit["id"], hit["title"]) for hit in results]

    def ranked(self, q, perms=None):
        return self._rows(self.searcher.search(self._query(q), limit=TOP, filter=self._filter(perms)))

    def newest(self, q, perms=None):
        return self._rows(
            self.searcher.search(self._query(q), limit=TOP, filter=self._filter(perms), sortedby="id", reverse=True)
        )

    def facets(self, q, perms):
        results = self.searcher.search(self._query(q), limit=1, filter=self._filter(perms), groupedby=["type", "year"])
        by_type = {k: len(v) for k, v in results.groups("type").items()}
        by_year = {int(k): len(v) for k, v in results.groups("year").items()}
        return sum(by_type.values()), by_type, by_year

    def close(self) -> None:
        self.searcher.close()


ENGINES = {"tantivy": Tantivy, "fts5": Fts5, "postgres": Postgres, "whoosh": Whoosh}


# --------------------------------------------------------------------------- measuring


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    pick = lambda p: ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]  # noqa: E731
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(pick(0.95) * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "samples": len(ordered),
    }


def _call(engine, kind: str, q: Query):
    perms = ACTOR if kind.endswith("_perm") else None
    if kind.startswith("facets"):
        return engine.facets(q, perms)
    if kind.startswith("newest"):
        return engine.newest(q, perms)
    if kind.startswith("recent"):
        return engine.ranked_recent(q, perms, k=int(kind.split("_")[1]))
    return engine.ranked(q, perms)


def measure(engine, queries: list[Query], kinds, rounds: int, budget: float) -> dict:
    """Per kind: one warm-up round, then whole rounds until `rounds` or `budget` seconds."""
    out = {}
    for kind in kinds:
        first = {}
        for q in queries:
            first[q.text] = _call(engine, kind, q)
        samples, per_query = [], {q.text: [] for q in queries}
        started = time.perf_counter()
        for _ in range(rounds):
            for q in queries:
                t0 = time.perf_counter()
                _call(engine, kind, q)
                elapsed = time.perf_counter() - t0
                samples.append(elapsed)
                per_query[q.text].append(elapsed)
            if time.perf_counter() - started > budget:
                break
        stats = _percentiles(samples)
        slowest = sorted(per_query.items(), key=lambda kv: -statistics.median(kv[1]))[:3]
        stats["slowest"] = [(text, round(statistics.median(times) * 1000, 1)) for text, times in slowest]
        if kind.startswith("facets"):
            stats["matches"] = {text: r[0] for text, r in first.items()}
        else:
            stats["top3"] = {text: [row[0] for row in r[:3]] for text, r in first.items()}
            stats["top_title"] = {text: (r[0][1] if r else None) for text, r in first.items()}
        out[kind] = stats
        log(f"    {kind:14} p50 {stats['p50_ms']:8.2f} ms  p95 {stats['p95_ms']:8.2f} ms  ({stats['samples']} samples)")
    return out


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    mem = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")))
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem / 1024 / 1024, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "date": date.today().isoformat(),
    }


def versions() -> dict:
    import psycopg
    import tantivy
    import whoosh

    out = {"tantivy": tantivy.__version__, "whoosh": whoosh.versionstring(), "sqlite": sqlite3.sqlite_version}
    try:
        with psycopg.connect(PG_URL + "postgres") as db:
            out["postgres"] = db.execute("SHOW server_version").fetchone()[0]
            out["postgres_shared_buffers"] = db.execute("SHOW shared_buffers").fetchone()[0]
    except psycopg.Error as exc:
        out["postgres"] = f"unreachable: {exc}"
    return out


def check_fold() -> None:
    sample = "Quyết định số 123/QĐ-UBND về việc thu hồi đất phường Thủy Xuân, Đồng Nai, hoà, THUÝ, Ỹ"
    assert fold_key(unicodedata.normalize("NFC", sample).lower()) == reference_fold(sample), (
        "fold table differs from eoffice.core.text.fold"
    )
    assert accent_key("hoà thuý quý") == accent_key("hòa thúy quý") == "hòa thúy quý"


def run_engine(name: str, args, root: Path, queries: list[Query], docs: list[Doc]) -> dict:
    engine = ENGINES[name](root)
    stats_file = root / f"{name}-build.json"
    n_build = args.whoosh_docs if name == "whoosh" and args.whoosh_docs else args.docs
    if args.reuse and stats_file.exists():
        build = json.loads(stats_file.read_text())
        log(f"  {name}: reusing the index built earlier ({build['docs']:,} documents)")
    else:
        log(f"  {name}: building {n_build:,} documents")
        t0 = time.perf_counter()
        engine.build(docs[:n_build] if n_build < len(docs) else docs)
        seconds = time.perf_counter() - t0
        engine.open()
        build = {
            "docs": n_build,
            "seconds": round(seconds, 1),
            "docs_per_s": round(n_build / seconds),
            "size_bytes": engine.size(),
        }
        for extra in ("optimize_s", "index_s"):
            if hasattr(engine, extra):
                build[extra] = round(getattr(engine, extra), 1)
        engine.close()
        stats_file.write_text(json.dumps(build))
        log(f"    built in {seconds:.1f} s ({build['docs_per_s']:,}/s), {build['size_bytes'] / 1e6:,.0f} MB")
    result = {"build": build}
    if build["docs"] != args.docs:
        log(f"    {name}: index holds {build['docs']:,} documents, not {args.docs:,}: queries not measured")
        return result
    engine.open()
    kinds = list(KINDS) + (["recent_1000", "recent_1000_perm"] if name == "postgres" else [])
    budget = args.budget * (3 if name == "whoosh" else 1)
    result["queries"] = measure(engine, queries, kinds, rounds=1 if name == "whoosh" else args.rounds, budget=budget)
    if name == "postgres":
        result["explain_ranked"] = engine.explain(queries[3])
        # Mitigation: enough work_mem for an exact (not lossy) bitmap, so no row is rechecked.
        engine.db.execute(f"SET work_mem = '{PG_SEARCH_WORK_MEM}'")
        log(f"    with work_mem = {PG_SEARCH_WORK_MEM}:")
        more = measure(
            engine, queries, ["ranked", "ranked_perm", "recent_1000_perm", "facets_perm"], rounds=args.rounds, budget=budget
        )
        result["queries"] |= {f"{kind}@work_mem": stats for kind, stats in more.items()}
        result["explain_ranked_work_mem"] = engine.explain(queries[3])
    engine.close()
    return result


def prepare(n: int) -> tuple[list[Doc], dict]:
    """The corpus in memory, generated and normalised/folded once: the Python side
    every engine shares, timed apart from the engines' builds."""
    t0 = time.perf_counter()
    docs = list(corpus(n))
    seconds = time.perf_counter() - t0
    return docs, {"docs": n, "seconds": round(seconds, 1), "docs_per_s": round(n / seconds)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.search_spike", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--engines", default="tantivy,fts5,postgres,whoosh")
    parser.add_argument(
        "--whoosh-docs", type=int, help="build Whoosh on this many documents instead (its queries are then skipped)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds over the queries per kind (Whoosh: 1)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per engine and kind after which rounds stop")
    parser.add_argument("--dir", default="/tmp/searchspike")  # noqa: S108 - a scratch spike, outside the repository
    parser.add_argument("--reuse", action="store_true", help="query the indexes built by an earlier run of the same --docs")
    parser.add_argument("--drop", action="store_true", help="drop the PostgreSQL database at the end")
    args = parser.parse_args(argv)
    check_fold()
    root = Path(args.dir) / str(args.docs)
    root.mkdir(parents=True, exist_ok=True)
    queries = [parse(text, label) for text, label in QUERIES]
    out_file = root / "results.json"
    results = json.loads(out_file.read_text()) if out_file.exists() else {}
    results |= {"machine": machine(), "versions": versions(), "docs": args.docs}
    results.setdefault("engines", {})
    names = [name.strip() for name in args.engines.split(",")]
    docs = []
    if not (args.reuse and all((root / f"{name}-build.json").exists() for name in names)):
        log(f"corpus: generating and folding {args.docs:,} documents")
        docs, results["corpus"] = prepare(args.docs)
        log(f"  {results['corpus']['docs_per_s']:,} documents/s")
    for name in names:
        results["engines"][name] = run_engine(name, args, root, queries, docs)
        out_file.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    if args.drop:
        Postgres(root).drop()
    log(f"results: {out_file}")


if __name__ == "__main__":
    main()
