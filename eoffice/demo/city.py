"""UBND thành phố's own documents in the demo. In reality the Office's staff
draft what the People's Committee issues: the committee (catalog key CITY,
symbol UBND) is the issuing agency, the Office its drafting unit VP ("UBND-VP"),
the Office's registry keeps the committee's registers, and the Chủ tịch and
Phó Chủ tịch sign. A user sees these documents after switching agency to UBND.

Two letters to the committee go the incoming way (vào sổ, trình, bút phê,
phân công) and are answered by its Công văn: one issued, one waiting for the
Phó Chủ tịch Thường trực's signature. Played through the real services, dated
like the Office's documents (see outgoing.py)."""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from eoffice.demo.catalog import CITY, REASSIGN_NOTES
from eoffice.demo.drafts import CONTENT, ISSUED, SIGN, DraftSpec
from eoffice.demo.outgoing import OutgoingStory, draft_plan, draft_start
from eoffice.demo.pdf import document_pdf
from eoffice.demo.plan import AGENCY_BY_KEY, CITY_HEADS
from eoffice.demo.story import POSITIONS, Cast, Timeline, frozen_clock
from eoffice.incoming.handling.assignments import assignment_reassign
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.models import IncomingDocument, Source
from eoffice.incoming.receiving.services import incoming_register
from eoffice.outgoing.models import OutgoingDocument, OutgoingSettings
from eoffice.workdays.services import add_working_days, working_days_between

UNIT = "VP"  # the Office, as the committee's drafting unit
DRAFTER = "chuyenvien"
CITY_NAME = AGENCY_BY_KEY[CITY].name
TO_LEADERS = "Chủ tịch, các Phó Chủ tịch UBND thành phố"
OFFICE_LEADERS = "Chánh Văn phòng, các Phó Chánh Văn phòng UBND thành phố"
LETTER_DIRECTION = "Giao Văn phòng UBND thành phố tham mưu văn bản trả lời, trình trước ngày {due}."


def _city(state: str, type_name: str, subject: str, body: str, signer: str, **fields) -> DraftSpec:
    return DraftSpec(state, type_name, UNIT, subject, body, signer=signer, agency=CITY, **fields)


DRAFTS = [
    # A decision of the Chủ tịch (hence "CHỦ TỊCH ỦY BAN NHÂN DÂN …" above the
    # căn cứ), signed "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH THƯỜNG TRỰC".
    _city(
        ISSUED,
        "Quyết định",
        "Về việc thành lập Tổ công tác rà soát, tháo gỡ khó khăn, vướng mắc đối với các dự án đầu tư trên địa bàn thành phố",
        "Điều 1. Thành lập Tổ công tác rà soát, tháo gỡ khó khăn, vướng mắc đối với các dự án đầu tư trên địa bàn "
        "thành phố (sau đây gọi là Tổ công tác), gồm: Tổ trưởng là đồng chí Trần Thị B, Phó Chủ tịch Thường trực "
        "Ủy ban nhân dân thành phố; Tổ phó là Chánh Văn phòng Ủy ban nhân dân thành phố; các thành viên là lãnh đạo "
        "các sở: Tài chính, Xây dựng, Tư pháp.\n"
        "Điều 2. Tổ công tác rà soát các dự án chậm tiến độ, tổng hợp khó khăn, vướng mắc và đề xuất giải pháp "
        "tháo gỡ; báo cáo Chủ tịch Ủy ban nhân dân thành phố hằng tháng. Văn phòng Ủy ban nhân dân thành phố là "
        "cơ quan thường trực của Tổ công tác.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân thành phố, Giám đốc "
        "các sở: Tài chính, Xây dựng, Tư pháp và các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành "
        "Quyết định này./.",
        "pcttub",
        legal_bases="Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025\n"
        "Căn cứ Quy chế làm việc của Ủy ban nhân dân thành phố\n"
        "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân thành phố",
        places_text=f"Như Điều 3\n{TO_LEADERS}\n{OFFICE_LEADERS}",
        send_to=("sxd", "stc", "stp"),
    ),
    # Delivered inside the installation: vanthu2 finds it in Sở Xây dựng's registry.
    _city(
        ISSUED,
        "Công văn",
        "Đẩy nhanh tiến độ thực hiện các dự án nhà ở xã hội trên địa bàn thành phố",
        "Thực hiện Đề án đầu tư xây dựng ít nhất một triệu căn hộ nhà ở xã hội, Ủy ban nhân dân thành phố "
        "yêu cầu Sở Xây dựng:\n"
        "1. Rà soát tiến độ từng dự án nhà ở xã hội đang triển khai; đôn đốc chủ đầu tư hoàn thành đúng cam kết.\n"
        "2. Chủ trì, phối hợp với các cơ quan liên quan tháo gỡ vướng mắc về thủ tục đầu tư, xây dựng.\n"
        "3. Báo cáo kết quả thực hiện về Ủy ban nhân dân thành phố (qua Văn phòng Ủy ban nhân dân thành phố) "
        "trước ngày {due}./.",
        "pct1",
        recipients_text="Sở Xây dựng",
        places_text="Như trên\nChủ tịch UBND thành phố (để báo cáo)",
        send_to=("sxd",),
    ),
    # Waiting for truongphong's content review (duyệt nội dung) in UBND.
    _city(
        CONTENT,
        "Công văn",
        "Tăng cường kỷ luật, kỷ cương trong xử lý văn bản trên Hệ thống văn phòng điện tử",
        "Để nâng cao hiệu quả xử lý văn bản trên môi trường điện tử, Ủy ban nhân dân thành phố yêu cầu "
        "Giám đốc các sở:\n"
        "1. Xử lý văn bản đến đúng thời hạn; không để tồn đọng văn bản quá hạn trên Hệ thống.\n"
        "2. Ký số văn bản đi theo quy định, trừ văn bản mật.\n"
        "3. Báo cáo kết quả thực hiện về Ủy ban nhân dân thành phố (qua Văn phòng Ủy ban nhân dân thành phố) "
        "trước ngày {due}./.",
        "pct2",
        recipients_text="Sở Tài chính\nSở Xây dựng\nSở Nội vụ\nSở Tư pháp",
        places_text=f"Như trên\n{TO_LEADERS}",
        send_to=("stc", "sxd", "snv", "stp"),
    ),
]


@dataclass(frozen=True)
class Letter:
    """A letter to the committee, directed by `leader` to the Office and
    answered by `answer` (its texts may quote {reference} and {issued})."""

    sender: str  # catalog key
    notation: str
    subject: str
    signer: tuple[str, str]  # position, full name
    leader: str
    answer: DraftSpec


LETTERS = [
    Letter(
        "stc",
        "STC-HCSN",
        "Về việc đề nghị bổ sung kinh phí thực hiện nhiệm vụ chuyển đổi số năm {y}",
        ("Phó Giám đốc", "Lê Thị Y"),
        "pct1",
        _city(
            ISSUED,
            "Công văn",
            "Bổ sung kinh phí thực hiện nhiệm vụ chuyển đổi số năm {y}",
            "Xét đề nghị của Sở Tài chính tại Công văn số {reference} ngày {issued}, Ủy ban nhân dân thành phố "
            "có ý kiến như sau:\n"
            "1. Đồng ý bổ sung kinh phí thực hiện nhiệm vụ chuyển đổi số năm {y} cho các cơ quan, đơn vị theo đề "
            "xuất của Sở Tài chính, từ nguồn dự phòng ngân sách thành phố.\n"
            "2. Giao Sở Tài chính hướng dẫn các cơ quan, đơn vị sử dụng kinh phí đúng mục đích, thanh toán, "
            "quyết toán theo quy định./.",
            "pct1",
            recipients_text="Sở Tài chính",
            places_text="Như trên\nChủ tịch UBND thành phố (để báo cáo)",
            send_to=("stc",),
        ),
    ),
    # The story of the product: drafted, returned once by the unit head,
    # revised, format checked, now waiting for pcttub's ký số.
    Letter(
        "snv",
        "SNV-XDCQ",
        "Về việc đề nghị cho ý kiến về phương án sắp xếp, sáp nhập thôn, tổ dân phố năm {y}",
        ("Giám đốc", "Phạm Văn X"),
        "pcttub",
        _city(
            SIGN,
            "Công văn",
            "Phương án sắp xếp, sáp nhập thôn, tổ dân phố năm {y}",
            "Xét đề nghị của Sở Nội vụ tại Công văn số {reference} ngày {issued}, Ủy ban nhân dân thành phố "
            "có ý kiến như sau:\n"
            "1. Thống nhất về nguyên tắc phương án sắp xếp, sáp nhập thôn, tổ dân phố do Sở Nội vụ đề xuất.\n"
            "2. Giao Sở Nội vụ hướng dẫn Ủy ban nhân dân các xã, phường lấy ý kiến cử tri, hoàn thiện hồ sơ; "
            "báo cáo Ủy ban nhân dân thành phố trước ngày {due}./.",
            "pcttub",
            recipients_text="Sở Nội vụ",
            places_text="Như trên\nChủ tịch UBND thành phố (để báo cáo)",
            send_to=("snv",),
            revised=True,
        ),
    ),
]
LETTER_GAP = (3, 5)  # working days from a letter's arrival to the start of its answer


class LetterStory:
    """A letter to the committee: the Office's registry enters it in the
    committee's register, the leader directs it to the Office (VP), whose
    head passes it to the drafter of the answer."""

    def __init__(self, letter: Letter, issued: date, arrival: date, cast: Cast, rng: random.Random):
        self.letter, self.issued, self.arrival, self.cast, self.rng = letter, issued, arrival, cast, rng
        self.clock = Timeline(arrival, cast.now, rng)

    def _run(self, days: int | None, service, **kwargs):
        with frozen_clock(self.clock.moment if days is None else self.clock.step(days)):
            return service(**kwargs)

    def play(self) -> IncomingDocument:
        letter, cast = self.letter, self.cast
        clerk = cast.actor("vanthu", CITY)
        data = self.data()
        document = self._run(None, incoming_register, actor=clerk, data=data, files=[document_pdf(data, "Hải Phòng")])
        note = f"Kính trình đồng chí {POSITIONS[letter.leader]} xem xét, cho ý kiến chỉ đạo."
        self._run(0, incoming_submit, actor=clerk, document=document, leader=cast.users[letter.leader], note=note)
        moment = self.clock.step(self.rng.randint(0, 1))
        # The Office's deadline falls a few working days after today: the answer is on time.
        days = working_days_between(moment.date(), cast.today) + self.rng.randint(3, 6)
        due = add_working_days(moment.date(), days)
        with frozen_clock(moment):
            (lead, *_) = incoming_direct(
                actor=cast.actor(letter.leader, CITY),
                document=document,
                opinion=LETTER_DIRECTION.format(due=f"{due:%d/%m/%Y}"),
                lead_unit=cast.units_by_agency[CITY][UNIT],
                deadline_days=Decimal(days),
            )
        drafter = cast.users[DRAFTER]
        self._run(
            self.rng.randint(0, 1),
            assignment_reassign,
            actor=cast.actor(CITY_HEADS[UNIT], CITY),
            assignment=lead,
            user=drafter,
            note=self.rng.choice(REASSIGN_NOTES).format(name=drafter.full_name),
        )
        document.refresh_from_db()
        return document

    def data(self) -> dict:
        """The registry's input fields; the sender numbers about a dozen letters a day."""
        letter, issued = self.letter, self.issued
        organ = AGENCY_BY_KEY[letter.sender]
        return {
            "type_name": "Công văn",
            "code_number": f"{issued.timetuple().tm_yday * 12 + self.rng.randint(1, 11):02d}",
            "code_notation": letter.notation,
            "issued_date": issued,
            "organ_name": organ.name,
            "organ_id": organ.organ_id or "",
            "subject": letter.subject.format(y=issued.year),
            "page_amount": 2,
            "arrival_date": self.arrival,
            "signer_position": letter.signer[0],
            "signer_full_name": letter.signer[1],
            "to_places": CITY_NAME,
            "source": Source.ELECTRONIC,
            "paper_received": False,
        }


def city_load(rng: random.Random, cast: Cast, workdays: list[date]) -> list[OutgoingDocument]:
    """The committee's outgoing documents and the letters they answer. The
    committee numbers each type in its own series (01/QĐ-UBND, 01/UBND-VP)."""
    OutgoingSettings.objects.get_or_create(agency=cast.agencies[CITY], defaults={"series_per_type": True})
    plans = [draft_plan(rng, spec, cast, workdays, drafter=DRAFTER) for spec in DRAFTS]
    answers = []
    for letter in LETTERS:
        start = draft_start(rng, letter.answer, workdays)
        answers.append((max(1, workdays.index(start) - rng.randint(*LETTER_GAP)), start, letter))
    # Registered in order of arrival, so that arrival numbers follow the dates;
    # each letter was issued the working day before it arrived.
    for arrival, start, letter in sorted(answers, key=lambda answer: answer[0]):
        incoming = LetterStory(letter, workdays[arrival - 1], workdays[arrival], cast, rng).play()
        extra = {"reference": f"{incoming.code_number}/{incoming.code_notation}", "issued": f"{incoming.issued_date:%d/%m/%Y}"}
        plans.append(
            draft_plan(rng, letter.answer, cast, workdays, drafter=DRAFTER, answers=[incoming], extra=extra, start=start)
        )
    plans.sort(key=lambda p: p.start)
    return [OutgoingStory(plan, cast, rng).play() for plan in plans]
