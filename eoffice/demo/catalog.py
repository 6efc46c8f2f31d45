"""The demo's cast and vocabulary: agencies, units, people, the senders of
incoming documents and what they write about. Names of people are placeholders."""

from dataclasses import dataclass
from datetime import date

from eoffice.organisation.models import Role

OFFICE = "vp"
# Ủy ban nhân dân thành phố: the Office drafts and registers its documents, the
# city's leaders sign them.
CITY = "ubnd"


@dataclass(frozen=True)
class AgencySpec:
    key: str
    name: str
    short_name: str
    organ_id: str | None
    parent: str | None = None
    hosted: bool = False
    header_name: str = ""  # printed under the parent in its documents' header
    contact: dict[str, str] | None = None  # box 13 of its letters: address, phone, fax, email, website


# Demo contact details: numbers and addresses on example domains, not the real ones.
CONTACTS = {
    "vp": {
        "address": "Số 18 Hoàng Diệu, phường Hồng Bàng, thành phố Hải Phòng",
        "phone": "0225.3800.001",
        "fax": "0225.3800.002",
        "email": "vanphong@haiphong.example.vn",
        "website": "https://vanphong.haiphong.example.vn",
    },
    "sxd": {
        "address": "Số 1 Hoàng Văn Thụ, phường Hồng Bàng, thành phố Hải Phòng",
        "phone": "0225.3800.101",
        "email": "soxaydung@haiphong.example.vn",
    },
}

# Codes follow the DDD.DD.DD.XNN reading of QĐ 20/2020/QĐ-TTg (level-2 units of
# the city in the third group). They are illustrative, not the official list.
AGENCIES = [
    AgencySpec(CITY, "Ủy ban nhân dân thành phố Hải Phòng", "UBND", "000.00.00.H26", hosted=True),
    AgencySpec(
        "vp",
        "Văn phòng UBND thành phố Hải Phòng",
        "VP",
        "000.00.01.H26",
        "ubnd",
        hosted=True,
        header_name="Văn phòng",
        contact=CONTACTS["vp"],
    ),
    AgencySpec("sxd", "Sở Xây dựng", "SXD", "000.00.12.H26", "ubnd", hosted=True, contact=CONTACTS["sxd"]),
    AgencySpec("stc", "Sở Tài chính", "STC", "000.00.08.H26", "ubnd"),
    AgencySpec("skhdt", "Sở Kế hoạch và Đầu tư", "SKHĐT", "000.00.07.H26", "ubnd"),
    AgencySpec("snv", "Sở Nội vụ", "SNV", "000.00.05.H26", "ubnd"),
    AgencySpec("syt", "Sở Y tế", "SYT", "000.00.14.H26", "ubnd"),
    AgencySpec("sgddt", "Sở Giáo dục và Đào tạo", "SGDĐT", "000.00.15.H26", "ubnd"),
    AgencySpec("stp", "Sở Tư pháp", "STP", "000.00.09.H26", "ubnd"),
    # The city police belong to the Ministry of Public Security, not to the city.
    AgencySpec("catp", "Công an thành phố Hải Phòng", "CATP", None),
    # Since 1 July 2025 a city has no districts (quận): wards and communes under it.
    AgencySpec("hongbang", "UBND phường Hồng Bàng", "UBND", "000.00.21.H26", "ubnd"),
    AgencySpec("lechan", "UBND phường Lê Chân", "UBND", "000.00.22.H26", "ubnd"),
    AgencySpec("bxd", "Bộ Xây dựng", "BXD", "000.00.00.G12"),
    AgencySpec("vpcp", "Văn phòng Chính phủ", "VPCP", "000.00.00.G14"),
]

UNITS = {
    OFFICE: [
        ("TH", "Phòng Tổng hợp"),
        ("KT", "Phòng Kinh tế"),
        ("VX", "Phòng Văn hóa - Xã hội"),
        ("NC", "Phòng Nội chính"),
        ("HCTC", "Phòng Hành chính - Tổ chức"),
        # The city's one-stop unit (Trung tâm Phục vụ hành chính công): the name
        # the procedures' steps give it, so that importing them links its steps.
        ("MC", "Bộ phận Một cửa"),
    ],
    # The Office as the committee's drafting unit: a Công văn it drafts is "UBND-VP".
    CITY: [("VP", "Văn phòng")],
}


@dataclass(frozen=True)
class PersonSpec:
    username: str
    full_name: str
    # (agency key, unit abbreviation or None, role, position)
    roles: tuple[tuple[str, str | None, str, str], ...]
    superuser: bool = False


def _city_leader(username, full_name, position):
    return PersonSpec(username, full_name, ((OFFICE, None, Role.LEADER, position), (CITY, None, Role.LEADER, position)))


def _office(username, full_name, role, unit, position, city=None):
    """Office staff; `city` is the (unit, role, position) they also hold in
    UBND thành phố. The Office's role comes first: it stays their default agency."""
    roles = ((OFFICE, unit, role, position),)
    return PersonSpec(username, full_name, roles + (((CITY, *city),) if city else ()))


PEOPLE = [
    _city_leader("chutich", "Nguyễn Văn A", "Chủ tịch UBND thành phố"),
    _city_leader("pcttub", "Trần Thị B", "Phó Chủ tịch Thường trực UBND thành phố"),
    _city_leader("pct1", "Lê Văn C", "Phó Chủ tịch UBND thành phố"),
    _city_leader("pct2", "Phạm Thị D", "Phó Chủ tịch UBND thành phố"),
    _office("chanhvp", "Hoàng Văn Đ", Role.LEADER, None, "Chánh Văn phòng"),
    _office("phochanhvp", "Vũ Thị E", Role.LEADER, None, "Phó Chánh Văn phòng"),
    _office("vanthu", "Đặng Thị G", Role.CLERK, "HCTC", "Văn thư", city=("VP", Role.CLERK, "Văn thư")),
    _office(
        "truongphong",
        "Bùi Văn H",
        Role.UNIT_HEAD,
        "TH",
        "Trưởng phòng Tổng hợp",
        city=("VP", Role.UNIT_HEAD, "Trưởng phòng Tổng hợp, Văn phòng UBND thành phố"),
    ),
    _office(
        "chuyenvien",
        "Đỗ Thị I",
        Role.SPECIALIST,
        "TH",
        "Chuyên viên",
        city=("VP", Role.SPECIALIST, "Chuyên viên Văn phòng UBND thành phố"),
    ),
    _office("truongkt", "Hồ Văn K", Role.UNIT_HEAD, "KT", "Trưởng phòng Kinh tế"),
    _office("chuyenvienkt", "Ngô Thị L", Role.SPECIALIST, "KT", "Chuyên viên chính"),
    _office("chuyenvienkt2", "Dương Văn M", Role.SPECIALIST, "KT", "Chuyên viên"),
    _office("truongvx", "Lý Thị N", Role.UNIT_HEAD, "VX", "Trưởng phòng Văn hóa - Xã hội"),
    _office("chuyenvienvx", "Phan Văn O", Role.SPECIALIST, "VX", "Chuyên viên"),
    _office("truongnc", "Võ Văn P", Role.UNIT_HEAD, "NC", "Trưởng phòng Nội chính"),
    _office("chuyenviennc", "Trương Thị Q", Role.SPECIALIST, "NC", "Chuyên viên chính"),
    _office("chuyenviennc2", "Đinh Văn R", Role.SPECIALIST, "NC", "Chuyên viên"),
    _office("truonghctc", "Lương Văn S", Role.UNIT_HEAD, "HCTC", "Trưởng phòng Hành chính - Tổ chức"),
    _office("chuyenvienhctc", "Mai Thị T", Role.SPECIALIST, "HCTC", "Chuyên viên"),
    _office(
        "kiemtra",
        "Khúc Thị V",
        Role.FORMAT_CHECKER,
        None,
        "Chuyên viên kiểm tra thể thức",
        city=(None, Role.FORMAT_CHECKER, "Chuyên viên kiểm tra thể thức, Văn phòng UBND thành phố"),
    ),
    PersonSpec("vanthu2", "Cao Thị U", (("sxd", None, Role.CLERK, "Văn thư"),)),
    # The counter of the one-stop unit: receive, hand over, return (see onestop.py).
    _office("motcua", "Triệu Thị Ê", Role.ONE_STOP, "MC", "Chuyên viên Bộ phận Một cửa"),
    _office("motcua2", "Hà Văn Ô", Role.ONE_STOP, "MC", "Chuyên viên Bộ phận Một cửa"),
    PersonSpec("admin", "Quản trị hệ thống", ((OFFICE, None, Role.ADMIN, "Quản trị hệ thống"),), superuser=True),
]

# The logins announced by `make run`, with what each one shows.
LOGINS = [
    ("vanthu", "văn thư: vào sổ, trình, thu hồi văn bản đến; cấp số, ban hành văn bản đi"),
    ("chanhvp", "Chánh Văn phòng: cho ý kiến chỉ đạo; ký số văn bản đi"),
    ("phochanhvp", "Phó Chánh Văn phòng: ký thay (KT.) văn bản đi"),
    ("pcttub", "Phó Chủ tịch Thường trực: cho ý kiến chỉ đạo; chọn cơ quan UBND: ký số văn bản đi (KT. Chủ tịch)"),
    ("truongphong", "Trưởng phòng Tổng hợp: phân công xử lý; duyệt nội dung dự thảo"),
    ("chuyenvien", "chuyên viên Phòng Tổng hợp: xử lý văn bản đến; soạn thảo văn bản đi"),
    ("kiemtra", "kiểm tra thể thức, kỹ thuật trình bày dự thảo"),
    ("vanthu2", "văn thư Sở Xây dựng: nhận văn bản liên thông từ Văn phòng và UBND thành phố"),
    ("motcua", "Bộ phận một cửa: tiếp nhận hồ sơ thủ tục hành chính, chuyển xử lý, trả kết quả"),
    ("admin", "quản trị hệ thống"),
]

# Whom the registry submits a document to, by the unit that will handle it
# (the leader in charge of the field), with weights.
LEADERS_BY_UNIT = {
    "TH": {"chanhvp": 5, "chutich": 2, "pcttub": 2, "phochanhvp": 2},
    "KT": {"pct1": 5, "pcttub": 3, "chanhvp": 2},
    "VX": {"pct2": 6, "phochanhvp": 2, "chanhvp": 1},
    "NC": {"pcttub": 4, "chutich": 2, "chanhvp": 2},
    "HCTC": {"chanhvp": 4, "phochanhvp": 4},
}


@dataclass(frozen=True)
class Topic:
    """What a sender writes about. Placeholders: {m} and {q} the reported month
    and quarter, {py} their year, {y} the year of issue, {ny} the next year,
    {sy} the school year."""

    type_name: str
    unit: str
    subject: str
    sensitive: bool = False  # may be classified (mật)
    urgent: bool = False


@dataclass(frozen=True)
class Sender:
    agency: str
    notation: str  # the issuer's part of the symbol
    fields: tuple[str, ...]  # the second part of a Công văn symbol (unit or field)
    signers: tuple[tuple[str, str], ...]
    weight: int
    pace: int  # documents the sender issues between two of ours, roughly
    topics: tuple[Topic, ...]
    until: date | None = None  # the agency was merged or dissolved after this day


T = Topic

DEPARTMENT_SIGNERS = (("Giám đốc", "Phạm Văn X"), ("Phó Giám đốc", "Lê Thị Y"), ("Phó Giám đốc", "Trịnh Văn V"))
DISTRICT_SIGNERS = (("Chủ tịch", "Tạ Văn X"), ("Phó Chủ tịch", "Châu Thị Y"))

DISTRICT_TOPICS = (
    T("Báo cáo", "TH", "Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội quý {q} năm {py}"),
    T("Tờ trình", "KT", "Về việc đề nghị bổ sung kinh phí chỉnh trang đô thị năm {y}"),
    T("Công văn", "NC", "Về việc giải quyết đơn kiến nghị của công dân"),
    T("Công văn", "KT", "Về việc đề nghị thu hồi đất thực hiện dự án cải tạo hạ tầng khu dân cư"),
    T("Báo cáo", "HCTC", "Tình hình triển khai sắp xếp đơn vị hành chính cấp xã"),
    T("Giấy mời", "TH", "Dự Hội nghị tiếp xúc cử tri trên địa bàn phường"),
)

SENDERS = [
    Sender(
        "sxd",
        "SXD",
        ("QLXD", "QHKT", "PTĐT", "QLN"),
        DEPARTMENT_SIGNERS,
        weight=14,
        pace=18,
        topics=(
            T("Công văn", "KT", "Về việc báo cáo tình hình trật tự xây dựng tháng {m} năm {py}"),
            T("Tờ trình", "KT", "Về việc phê duyệt điều chỉnh cục bộ quy hoạch chi tiết tỷ lệ 1/500 khu nhà ở xã hội"),
            T("Công văn", "KT", "Về việc góp ý dự thảo Quyết định ban hành đơn giá nhân công xây dựng trên địa bàn thành phố"),
            T("Kế hoạch", "KT", "Kiểm tra công tác quản lý chất lượng công trình xây dựng năm {y}"),
            T("Báo cáo", "TH", "Kết quả thực hiện nhiệm vụ quý {q} năm {py} và phương hướng nhiệm vụ quý tiếp theo"),
            T("Công văn", "KT", "Về việc đề nghị gia hạn tiến độ thực hiện dự án nhà ở thương mại"),
            T("Báo cáo", "KT", "Tình hình phát triển nhà ở xã hội trên địa bàn thành phố quý {q} năm {py}"),
            T("Thông báo", "KT", "Kết quả thẩm định thiết kế cơ sở dự án cải tạo, xây dựng lại chung cư cũ"),
            T("Giấy mời", "TH", "Dự Hội nghị tổng kết công tác ngành Xây dựng năm {py}"),
        ),
    ),
    Sender(
        "stc",
        "STC",
        ("QLNS", "QLGCS", "ĐT", "TCDN"),
        DEPARTMENT_SIGNERS,
        weight=16,
        pace=25,
        topics=(
            T("Báo cáo", "KT", "Tình hình thu, chi ngân sách nhà nước tháng {m} năm {py}"),
            T("Tờ trình", "KT", "Về việc bổ sung dự toán kinh phí năm {y} cho các cơ quan, đơn vị"),
            T("Công văn", "KT", "Về việc hướng dẫn xây dựng dự toán ngân sách nhà nước năm {ny}"),
            T("Công văn", "KT", "Về việc thẩm định phương án giá đất cụ thể để tính tiền bồi thường, hỗ trợ"),
            T("Công văn", "TH", "Về việc báo cáo tình hình thực hiện kế hoạch đầu tư công năm {y}", urgent=True),
            T("Báo cáo", "TH", "Tình hình giải ngân vốn đầu tư công đến hết tháng {m} năm {py}"),
            T("Tờ trình", "KT", "Về việc phê duyệt quyết toán dự án hoàn thành"),
            T("Công văn", "HCTC", "Về việc thanh lý tài sản công là xe ô tô phục vụ công tác chung"),
            T("Giấy mời", "TH", "Dự họp thẩm định phương án phân bổ dự toán ngân sách năm {ny}"),
        ),
    ),
    Sender(
        "skhdt",
        "SKHĐT",
        ("TH", "ĐTC", "ĐKKD"),
        DEPARTMENT_SIGNERS,
        weight=12,
        pace=15,
        topics=(
            T("Công văn", "TH", "Về việc báo cáo tình hình thực hiện kế hoạch đầu tư công năm {py}"),
            T("Tờ trình", "KT", "Về việc phê duyệt chủ trương đầu tư dự án xây dựng trường trung học cơ sở"),
            T("Báo cáo", "TH", "Tình hình kinh tế - xã hội tháng {m} năm {py}"),
            T("Công văn", "HCTC", "Về việc chuẩn bị hợp nhất Sở Kế hoạch và Đầu tư với Sở Tài chính"),
        ),
        until=date(2025, 2, 28),
    ),
    Sender(
        "snv",
        "SNV",
        ("TCBC", "CCVC", "TĐKT", "CCHC"),
        DEPARTMENT_SIGNERS,
        weight=9,
        pace=12,
        topics=(
            T("Công văn", "HCTC", "Về việc hướng dẫn đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm {py}"),
            T("Tờ trình", "HCTC", "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND thành phố cho các tập thể, cá nhân"),
            T("Kế hoạch", "TH", "Cải cách hành chính nhà nước năm {y}"),
            T("Báo cáo", "HCTC", "Kết quả công tác thi đua, khen thưởng năm {py}"),
            T("Công văn", "HCTC", "Về việc rà soát, bổ sung quy hoạch cán bộ lãnh đạo, quản lý", sensitive=True),
            T("Công văn", "VX", "Về việc giải quyết chế độ, chính sách đối với người có công với cách mạng"),
            T("Thông báo", "HCTC", "Về việc tuyển dụng công chức năm {y}"),
        ),
    ),
    Sender(
        "syt",
        "SYT",
        ("NVY", "KHTC"),
        DEPARTMENT_SIGNERS,
        weight=5,
        pace=10,
        topics=(
            T("Công văn", "VX", "Về việc tăng cường công tác phòng, chống dịch bệnh sốt xuất huyết", urgent=True),
            T("Báo cáo", "VX", "Tình hình khám bệnh, chữa bệnh bảo hiểm y tế quý {q} năm {py}"),
            T("Tờ trình", "VX", "Về việc phê duyệt danh mục mua sắm trang thiết bị y tế năm {y}"),
            T("Kế hoạch", "VX", "Bảo đảm an toàn thực phẩm dịp Tết Nguyên đán và mùa lễ hội xuân"),
        ),
    ),
    Sender(
        "sgddt",
        "SGDĐT",
        ("GDPT", "KHTC"),
        DEPARTMENT_SIGNERS,
        weight=5,
        pace=10,
        topics=(
            T("Kế hoạch", "VX", "Tổ chức kỳ thi tuyển sinh vào lớp 10 trung học phổ thông năm học {sy}"),
            T("Báo cáo", "VX", "Tổng kết năm học và nhiệm vụ trọng tâm năm học {sy}"),
            T("Tờ trình", "VX", "Về việc phê duyệt kế hoạch biên chế giáo viên năm học {sy}"),
            T("Công văn", "VX", "Về việc rà soát cơ sở vật chất trường học chuẩn bị năm học mới"),
        ),
    ),
    Sender(
        "stp",
        "STP",
        ("XDKTVB", "PBGDPL"),
        DEPARTMENT_SIGNERS,
        weight=5,
        pace=8,
        topics=(
            T("Công văn", "NC", "Về việc góp ý dự thảo Nghị quyết của Hội đồng nhân dân thành phố"),
            T("Báo cáo", "NC", "Kết quả công tác tư pháp năm {py}"),
            T("Báo cáo", "NC", "Kết quả thẩm định dự thảo Quyết định quy phạm pháp luật của UBND thành phố"),
            T("Kế hoạch", "NC", "Phổ biến, giáo dục pháp luật năm {y}"),
        ),
    ),
    Sender(
        "catp",
        "CATP",
        ("PV01", "PC06", "PC08"),
        (("Giám đốc", "Kiều Văn X"), ("Phó Giám đốc", "Mạc Văn Y")),
        weight=7,
        pace=20,
        topics=(
            T("Báo cáo", "NC", "Tình hình an ninh, trật tự tháng {m} năm {py}", sensitive=True),
            T("Kế hoạch", "NC", "Bảo đảm an ninh, trật tự dịp Tết Nguyên đán", sensitive=True),
            T("Công văn", "NC", "Về việc bảo đảm trật tự, an toàn giao thông trên địa bàn thành phố", urgent=True),
            T("Báo cáo", "NC", "Kết quả đợt cao điểm tấn công, trấn áp tội phạm", sensitive=True),
            T("Công văn", "NC", "Về việc phối hợp xác minh thông tin phục vụ công tác bảo vệ chính trị nội bộ", sensitive=True),
        ),
    ),
    # District People's Committees were dissolved on 1 July 2025 (two-level local government).
    Sender("hongbang", "UBND", ("VP", "TCKH", "QLĐT"), DISTRICT_SIGNERS, 8, 15, DISTRICT_TOPICS, until=date(2025, 6, 30)),
    Sender("lechan", "UBND", ("VP", "TCKH", "QLĐT"), DISTRICT_SIGNERS, 6, 15, DISTRICT_TOPICS, until=date(2025, 6, 30)),
    Sender(
        "bxd",
        "BXD",
        ("QLN", "KTXD", "QHKT"),
        (("Thứ trưởng", "Lã Văn X"), ("Bộ trưởng", "Ông Văn Y")),
        weight=4,
        pace=60,
        topics=(
            T("Công văn", "KT", "Về việc hướng dẫn thực hiện Luật Nhà ở năm 2023"),
            T("Công văn", "KT", "Về việc báo cáo tình hình thị trường bất động sản quý {q} năm {py}"),
            T("Công văn", "KT", "Về việc triển khai Đề án đầu tư xây dựng ít nhất một triệu căn hộ nhà ở xã hội"),
        ),
    ),
    Sender(
        "vpcp",
        "VPCP",
        ("TH", "KTTH", "QHĐP"),
        (("Phó Chủ nhiệm", "Âu Văn X"), ("Bộ trưởng, Chủ nhiệm", "Tôn Văn Y")),
        weight=7,
        pace=80,
        topics=(
            T("Thông báo", "TH", "Kết luận của Thủ tướng Chính phủ tại buổi làm việc với lãnh đạo thành phố Hải Phòng"),
            T(
                "Công văn",
                "TH",
                "Về việc triển khai Nghị quyết của Chính phủ về nhiệm vụ, giải pháp chủ yếu thực hiện "
                "Kế hoạch phát triển kinh tế - xã hội năm {y}",
            ),
            T("Công văn", "TH", "Về việc đôn đốc thực hiện nhiệm vụ Thủ tướng Chính phủ giao"),
            T("Công văn", "TH", "Về việc chủ động ứng phó với mưa lũ, bảo đảm an toàn cho người dân", urgent=True),
            T("Giấy mời", "TH", "Dự Hội nghị trực tuyến Chính phủ với các địa phương"),
        ),
    ),
]

# What Sở Xây dựng's own registry has received lately (registered, not yet submitted).
SXD_SENDERS = [
    Sender(
        "ubnd",
        "UBND",
        ("KT", "XD"),
        (("Phó Chủ tịch", "Lê Văn C"),),
        weight=3,
        pace=200,
        topics=(T("Công văn", "", "Về việc triển khai kết luận của Chủ tịch UBND thành phố về phát triển nhà ở xã hội"),),
    ),
    Sender(
        "stc",
        "STC",
        ("QLNS",),
        DEPARTMENT_SIGNERS,
        weight=2,
        pace=25,
        topics=(T("Công văn", "", "Về việc cung cấp số liệu phục vụ xây dựng dự toán ngân sách năm {ny}"),),
    ),
    Sender(
        "bxd",
        "BXD",
        ("QLN", "KTXD"),
        (("Thứ trưởng", "Lã Văn X"),),
        weight=2,
        pace=60,
        topics=(T("Công văn", "", "Về việc báo cáo tình hình thị trường bất động sản quý {q} năm {py}"),),
    ),
]

RETURN_REASONS = [
    "Văn bản không thuộc thẩm quyền giải quyết của UBND thành phố, đề nghị chuyển sở chuyên ngành xử lý theo quy định.",
    "Văn bản thiếu phụ lục kèm theo, đề nghị văn thư liên hệ cơ quan gửi bổ sung.",
    "Đề nghị trình đồng chí Phó Chủ tịch phụ trách lĩnh vực xem xét, chỉ đạo.",
]
REDIRECT_REASON = "Đề nghị trình đồng chí lãnh đạo phụ trách lĩnh vực xem xét, chỉ đạo."
RECALL_REASONS = [
    "Cơ quan ban hành đề nghị thu hồi để chỉnh sửa nội dung, sẽ ban hành văn bản thay thế.",
    "Cơ quan ban hành thu hồi do gửi nhầm nơi nhận.",
    "Văn bản ban hành chưa đúng thể thức, cơ quan ban hành đề nghị thu hồi.",
]
REPORTS = ("Báo cáo", "Kế hoạch", "Thông báo")


def reply_kind(type_name: str) -> str:
    """What handling a document of this type leads to: a reply, a report to the leaders, or attending a meeting."""
    if type_name == "Giấy mời":
        return "invitation"
    return "report" if type_name in REPORTS else "reply"


DIRECTIONS = {
    "reply": [
        "Giao Phòng {unit} chủ trì, phối hợp với các đơn vị liên quan nghiên cứu, tham mưu, đề xuất; trình trước ngày {due}.",
        "Phòng {unit} tham mưu văn bản trả lời theo quy định, trình trước ngày {due}.",
        "Phòng {unit} nghiên cứu, đề xuất phương án xử lý; hoàn thành trước ngày {due}.",
        "Đồng ý chủ trương. Giao Phòng {unit} dự thảo văn bản trình ký trước ngày {due}.",
    ],
    "report": [
        "Giao Phòng {unit} theo dõi, tổng hợp, báo cáo lãnh đạo UBND thành phố trước ngày {due}.",
        "Phòng {unit} nghiên cứu, tham mưu nội dung chỉ đạo triển khai; báo cáo trước ngày {due}.",
    ],
    "invitation": [
        "Giao Phòng {unit} chuẩn bị nội dung, báo cáo lãnh đạo tham dự; hạn {due}.",
    ],
}
RESULTS = {
    "report": "Đã nghiên cứu, tổng hợp, báo cáo lãnh đạo UBND thành phố.",
    "invitation": "Đã báo cáo lãnh đạo, bố trí thành phần tham dự theo giấy mời.",
}
REASSIGN_NOTES = [
    "Giao đồng chí {name} nghiên cứu, dự thảo văn bản theo ý kiến chỉ đạo.",
    "Đồng chí {name} tham mưu, báo cáo trưởng phòng trước hạn.",
    "Chuyển đồng chí {name} xử lý, lưu ý thời hạn.",
]
PROGRESS_NOTES = [
    "Đã dự thảo văn bản, đang xin ý kiến các sở, ngành liên quan.",
    "Đã làm việc với cơ quan gửi văn bản để thống nhất số liệu.",
    "Đang tổng hợp ý kiến của các đơn vị phối hợp.",
    "Đã báo cáo trưởng phòng dự thảo lần 1, đang hoàn thiện theo ý kiến góp ý.",
]
HEAD_PROGRESS_NOTES = [
    "Phòng đang nghiên cứu, dự thảo văn bản tham mưu.",
    "Đã trao đổi với cơ quan gửi văn bản, đang hoàn thiện nội dung tham mưu.",
    "Đang chờ ý kiến của các đơn vị phối hợp.",
]
COORDINATION_PROPOSALS = [
    "Thống nhất với nội dung dự thảo của đơn vị chủ trì.",
    "Đã gửi ý kiến tham gia bằng văn bản cho đơn vị chủ trì.",
]
