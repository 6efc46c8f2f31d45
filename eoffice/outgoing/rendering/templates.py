"""Per document type, the facts of its presentation template (mẫu trình bày,
ND30 Appendix III) and the skeleton a drafter starts from.

Quyết định follows Mẫu 1.2, Nghị quyết Mẫu 1.1, Công văn Mẫu 1.5, Giấy mời
Mẫu 1.7; every other type is a "văn bản có tên loại" (Mẫu 1.4). The starter
texts are placeholders ("…") for the drafter to replace, not legal advice."""

from dataclasses import dataclass

from eoffice.core.choices import DOCUMENT_TYPES


@dataclass(frozen=True)
class DocTemplate:
    type_name: str
    model: str  # the Appendix III template number, e.g. "1.2"
    # Typed documents print the type name (UPPER bold, centred) with the
    # subject in bold under it; a letter (Công văn) prints "V/v <subject>"
    # under its number instead.
    shows_title: bool = True
    # Quyết định, Nghị quyết: the issuer_title, the căn cứ, then this line.
    proclamation: str = ""
    uses_recipients: bool = False  # "Kính gửi:" (box 9a), printed when given
    # A letter always has one; a Tờ trình or Báo cáo only when it goes to a
    # superior body (ND30 Appendix I II.9.b), so the drafter decides.
    recipients_required: bool = False
    # Box 13 (address, phone, fax, e-mail, website) at the foot of page 1, under
    # a full-width line: the letters and the forms sent out (Mẫu 1.5, 1.7, 1.8).
    shows_contact: bool = False
    default_authority: str = ""  # suggested thẩm quyền ký
    starter_body: str = "…\n…/."
    starter_legal_bases: tuple[str, ...] = ()
    starter_places: tuple[str, ...] = ()

    @property
    def has_proclamation(self) -> bool:
        """Quyết định, Nghị quyết: issuer_title and căn cứ come before the
        proclamation line."""
        return bool(self.proclamation)

    has_issuer_title = has_proclamation


_DECISION_BODY = (
    "Điều 1. …\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
    "Điều 3. Chánh Văn phòng Ủy ban nhân dân thành phố, Thủ trưởng các cơ quan, đơn vị và cá nhân "
    "có liên quan chịu trách nhiệm thi hành Quyết định này./."
)
_LETTER_BODY = (
    "Thực hiện …, … đề nghị các cơ quan, đơn vị một số nội dung sau:\n"
    "1. …\n"
    "2. …\n"
    "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./."
)
_SUBMISSION_BODY = (
    "Căn cứ …;\n"
    "… kính trình … xem xét, quyết định … như sau:\n"
    "I. SỰ CẦN THIẾT\n"
    "…\n"
    "II. NỘI DUNG ĐỀ XUẤT\n"
    "…\n"
    "III. KIẾN NGHỊ\n"
    "Kính trình … xem xét, quyết định./."
)
_REPORT_BODY = (
    "Thực hiện …, … báo cáo kết quả … như sau:\n"
    "I. KẾT QUẢ THỰC HIỆN\n"
    "…\n"
    "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n"
    "…\n"
    "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI\n"
    "…\n"
    "IV. KIẾN NGHỊ, ĐỀ XUẤT\n"
    "…/."
)
_PLAN_BODY = (
    "Thực hiện …, … ban hành Kế hoạch … như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Mục đích: …\n"
    "2. Yêu cầu: …\n"
    "II. NỘI DUNG, NHIỆM VỤ\n"
    "…\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "…/."
)
_NOTICE_BODY = (
    "Ngày … tháng … năm …, … đã chủ trì cuộc họp về …. Sau khi nghe báo cáo và ý kiến của các đại biểu, "
    "… kết luận như sau:\n"
    "1. …\n"
    "2. …\n"
    "… thông báo để các cơ quan, đơn vị biết, thực hiện./."
)
_INVITATION_BODY = "… trân trọng kính mời: …\nTới dự …\nChủ trì: …\nThời gian: … giờ …, ngày … tháng … năm …\nĐịa điểm: …\n…/."

_SPECIFIC = [
    DocTemplate(
        "Quyết định",
        "1.2",
        proclamation="QUYẾT ĐỊNH:",
        default_authority="TM.",
        starter_body=_DECISION_BODY,
        starter_legal_bases=(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
            "Căn cứ …",
            "Theo đề nghị của …",
        ),
        starter_places=("Như Điều 3", "…"),
    ),
    DocTemplate(
        "Nghị quyết",
        "1.1",
        proclamation="QUYẾT NGHỊ:",
        default_authority="TM.",
        starter_body="Điều 1. …\nĐiều 2. …\nĐiều 3. Tổ chức thực hiện …/.",
        starter_legal_bases=("Căn cứ …", "Xét …"),
        starter_places=("Như Điều 3", "…"),
    ),
    DocTemplate(
        "Công văn",
        "1.5",
        shows_title=False,
        uses_recipients=True,
        recipients_required=True,
        shows_contact=True,
        default_authority="KT.",
        starter_body=_LETTER_BODY,
        starter_places=("Như trên", "…"),
    ),
    DocTemplate(
        "Thư công",
        "1.5",
        shows_title=False,
        uses_recipients=True,
        recipients_required=True,
        shows_contact=True,
        starter_body="…\n…/.",
        starter_places=("Như trên",),
    ),
    DocTemplate(
        "Tờ trình",
        "1.4",
        uses_recipients=True,
        default_authority="TM.",
        starter_body=_SUBMISSION_BODY,
        starter_places=("Như trên", "…"),
    ),
    DocTemplate(
        "Báo cáo",
        "1.4",
        uses_recipients=True,
        default_authority="TM.",
        starter_body=_REPORT_BODY,
        starter_places=("Như trên", "…"),
    ),
    DocTemplate("Kế hoạch", "1.4", default_authority="TM.", starter_body=_PLAN_BODY, starter_places=("…",)),
    DocTemplate("Thông báo", "1.4", default_authority="TL.", starter_body=_NOTICE_BODY, starter_places=("…",)),
    DocTemplate(
        "Giấy mời",
        "1.7",  # no "Kính gửi": the invitees follow "… trân trọng kính mời:" in the body
        shows_contact=True,
        default_authority="TL.",
        starter_body=_INVITATION_BODY,
        starter_places=("Như trên",),
    ),
    DocTemplate("Công điện", "1.6", starter_body="… điện:\n…/."),
    DocTemplate("Giấy giới thiệu", "1.8", shows_contact=True),
    DocTemplate("Biên bản", "1.9"),
    DocTemplate("Giấy nghỉ phép", "1.10"),
]


def _generic(type_name: str) -> DocTemplate:
    """Mẫu 1.4, văn bản có tên loại: title, subject, content, signature."""
    return DocTemplate(type_name, "1.4", starter_places=("…",))


TEMPLATES: dict[str, DocTemplate] = {name: _generic(name) for name, _abbr in DOCUMENT_TYPES} | {
    template.type_name: template for template in _SPECIFIC
}


def template_for(type_name: str) -> DocTemplate:
    """The template of a document type; an unknown name gets Mẫu 1.4."""
    return TEMPLATES.get(type_name.strip()) or _generic(type_name.strip())
