"""The demo's outgoing documents (văn bản đi of the Office): what each one
says, who signs it and how far along the review chain it has come. Names of
people are the catalog's placeholders. Placeholders in the texts: {y} this
year, {ny} the next, {m} and {py} the month just ended and its year, {q} and
{qy} the quarter just ended and its year, {held} the day of the meeting a
Thông báo reports on, {meeting} the time of a coming meeting, {due} a deadline
two weeks ahead. The answers to incoming letters are made from the letters
(ANSWER_*, REPORT_* below)."""

from dataclasses import dataclass

from eoffice.demo.catalog import OFFICE

# How far each document got. A returned draft is back with its drafter; the
# in-review ones wait at the step named (content: unit head, format: kiemtra,
# sign: the signer).
DRAFT, RETURNED, CONTENT, FORMAT, SIGN, SIGNED, ISSUED, RECALLED = (
    "draft",
    "returned",
    "content",
    "format",
    "sign",
    "signed",
    "issued",
    "recalled",
)
STAGES = [DRAFT, CONTENT, FORMAT, SIGN, SIGNED, ISSUED, RECALLED]

# Who signs, and how the signature block reads (ND30 Art.13).
SIGNERS = {
    "chanhvp": ("", "", "Chánh Văn phòng"),
    "phochanhvp": ("KT.", "Chánh Văn phòng", "Phó Chánh Văn phòng"),
}
# UBND thành phố's documents (see city.py): the Phó Chủ tịch sign for the Chủ tịch.
CITY_SIGNERS = {
    "pcttub": ("KT.", "Chủ tịch", "Phó Chủ tịch Thường trực"),
    "pct1": ("KT.", "Chủ tịch", "Phó Chủ tịch"),
    "pct2": ("KT.", "Chủ tịch", "Phó Chủ tịch"),
}

TO_CITY = "Ủy ban nhân dân thành phố"
LEADERS_INFORMED = "Chủ tịch, các Phó Chủ tịch UBND thành phố (để báo cáo)"
OFFICE_LEADERS = "Chánh Văn phòng, các Phó Chánh Văn phòng"
DEPARTMENTS = ("stc", "snv", "syt", "sgddt", "stp")
DEPARTMENT_NAMES = "Sở Tài chính\nSở Nội vụ\nSở Y tế\nSở Giáo dục và Đào tạo\nSở Tư pháp"

BASES_OFFICE = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025\n"
    "Căn cứ Quyết định của Ủy ban nhân dân thành phố quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức "
    "của Văn phòng Ủy ban nhân dân thành phố Hải Phòng"
)
DECREE_30 = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư"


@dataclass(frozen=True)
class DraftSpec:
    state: str
    type_name: str
    unit: str  # the drafting unit
    subject: str
    body: str
    recipients_text: str = ""  # Kính gửi
    places_text: str = ""  # Nơi nhận, without the Lưu line
    legal_bases: str = ""
    send_to: tuple[str, ...] = ()  # agencies that get it electronically (catalog keys)
    signer: str = "chanhvp"
    priority: int = 0
    returned_by: str = ""  # CONTENT or FORMAT: who sent it back, with `comment`
    comment: str = ""
    revised: bool = False  # returned once by the unit head and revised before going on
    agency: str = OFFICE  # the issuing agency (catalog key)


D = DraftSpec

ISSUED_DRAFTS = [
    D(
        ISSUED,
        "Quyết định",
        "HCTC",
        "Về việc ban hành Quy chế quản lý, sử dụng Hệ thống văn phòng điện tử tại Văn phòng Ủy ban nhân dân thành phố",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý, sử dụng Hệ thống văn phòng điện tử tại Văn phòng "
        "Ủy ban nhân dân thành phố.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Điều 3. Trưởng phòng Hành chính - Tổ chức, Trưởng các phòng và công chức, viên chức, người lao động "
        "thuộc Văn phòng chịu trách nhiệm thi hành Quyết định này./.",
        places_text=f"Như Điều 3\n{OFFICE_LEADERS}",
        legal_bases=f"{BASES_OFFICE}\n{DECREE_30}\nTheo đề nghị của Trưởng phòng Hành chính - Tổ chức",
    ),
    D(
        ISSUED,
        "Quyết định",
        "TH",
        "Về việc thành lập Tổ giúp việc chuyển đổi số của Văn phòng Ủy ban nhân dân thành phố năm {y}",
        "Điều 1. Thành lập Tổ giúp việc chuyển đổi số của Văn phòng Ủy ban nhân dân thành phố năm {y} gồm "
        "07 thành viên: Tổ trưởng là Phó Chánh Văn phòng Vũ Thị E; các thành viên là công chức các phòng chuyên môn.\n"
        "Điều 2. Tổ giúp việc tham mưu triển khai Kế hoạch chuyển đổi số của Văn phòng, theo dõi việc xử lý văn bản "
        "trên môi trường điện tử và báo cáo Chánh Văn phòng hằng tháng. Tổ tự giải thể sau khi hoàn thành nhiệm vụ.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Trưởng phòng Tổng hợp, Trưởng phòng Hành chính - Tổ chức "
        "và các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        places_text=f"Như Điều 3\n{OFFICE_LEADERS}",
        legal_bases=f"{BASES_OFFICE}\nTheo đề nghị của Trưởng phòng Tổng hợp",
        revised=True,
    ),
    D(
        ISSUED,
        "Quyết định",
        "HCTC",
        "Về việc tặng Giấy khen cho các tập thể, cá nhân thuộc Văn phòng Ủy ban nhân dân thành phố "
        "đã có thành tích xuất sắc trong thực hiện nhiệm vụ",
        "Điều 1. Tặng Giấy khen của Chánh Văn phòng Ủy ban nhân dân thành phố cho 02 tập thể và 09 cá nhân "
        "(có danh sách kèm theo) đã có thành tích xuất sắc trong thực hiện nhiệm vụ.\n"
        "Điều 2. Mỗi tập thể, cá nhân được khen thưởng kèm theo mức tiền thưởng theo quy định.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Trưởng phòng Hành chính - Tổ chức, Trưởng các phòng "
        "và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        places_text="Như Điều 3\nSở Nội vụ (Ban Thi đua - Khen thưởng)",
        legal_bases=f"{BASES_OFFICE}\nCăn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022\n"
        "Theo đề nghị của Hội đồng Thi đua - Khen thưởng Văn phòng",
    ),
    D(
        ISSUED,
        "Quyết định",
        "HCTC",
        "Về việc ban hành Danh mục hồ sơ năm {y} của Văn phòng Ủy ban nhân dân thành phố",
        "Điều 1. Ban hành kèm theo Quyết định này Danh mục hồ sơ năm {y} của Văn phòng Ủy ban nhân dân thành phố.\n"
        "Điều 2. Các phòng căn cứ Danh mục hồ sơ tổ chức lập hồ sơ, giao nộp hồ sơ, tài liệu vào lưu trữ cơ quan "
        "theo quy định; hồ sơ điện tử được lập trên Hệ thống văn phòng điện tử.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Trưởng các phòng và công chức, viên chức thuộc Văn phòng "
        "chịu trách nhiệm thi hành Quyết định này./.",
        places_text=f"Như Điều 3\n{OFFICE_LEADERS}",
        legal_bases=f"{BASES_OFFICE}\nCăn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024\n"
        f"{DECREE_30}\nTheo đề nghị của Trưởng phòng Hành chính - Tổ chức",
        signer="phochanhvp",
    ),
    D(
        ISSUED,
        "Công văn",
        "KT",
        "Báo cáo tiến độ triển khai các dự án nhà ở xã hội trên địa bàn thành phố",
        "Thực hiện ý kiến chỉ đạo của đồng chí Phó Chủ tịch UBND thành phố Lê Văn C, Văn phòng Ủy ban nhân dân "
        "thành phố đề nghị Sở Xây dựng:\n"
        "1. Tổng hợp tiến độ triển khai từng dự án nhà ở xã hội trên địa bàn thành phố; nêu rõ khó khăn, vướng mắc "
        "về giải phóng mặt bằng, thủ tục đầu tư và đề xuất giải pháp tháo gỡ.\n"
        "2. Báo cáo Ủy ban nhân dân thành phố (qua Văn phòng Ủy ban nhân dân thành phố) trước ngày {due}.\n"
        "Văn phòng Ủy ban nhân dân thành phố thông báo để Sở Xây dựng biết, thực hiện./.",
        recipients_text="Sở Xây dựng",
        places_text="Như trên\nPhó Chủ tịch UBND thành phố Lê Văn C (để báo cáo)",
        send_to=("sxd",),
    ),
    D(
        ISSUED,
        "Công văn",
        "TH",
        "Báo cáo kết quả thực hiện các nhiệm vụ Thủ tướng Chính phủ giao",
        "Thực hiện Công văn của Văn phòng Chính phủ về việc đôn đốc thực hiện nhiệm vụ Thủ tướng Chính phủ giao, "
        "Văn phòng Ủy ban nhân dân thành phố Hải Phòng báo cáo như sau:\n"
        "1. Trong quý {q} năm {qy}, Ủy ban nhân dân thành phố được giao 14 nhiệm vụ; đã hoàn thành 11 nhiệm vụ, "
        "03 nhiệm vụ đang thực hiện trong thời hạn.\n"
        "2. Các nhiệm vụ đang thực hiện đã được Chủ tịch Ủy ban nhân dân thành phố giao các sở, ngành chủ trì, "
        "có thời hạn hoàn thành cụ thể và được theo dõi trên Hệ thống văn phòng điện tử.\n"
        "Văn phòng Ủy ban nhân dân thành phố Hải Phòng trân trọng báo cáo./.",
        recipients_text="Văn phòng Chính phủ",
        places_text=f"Như trên\n{LEADERS_INFORMED}",
        send_to=("vpcp",),
    ),
    D(
        ISSUED,
        "Công văn",
        "TH",
        "Đôn đốc thực hiện các nhiệm vụ Ủy ban nhân dân thành phố giao quý {q} năm {qy}",
        "Theo dõi trên Hệ thống văn phòng điện tử, đến hết quý {q} năm {qy} còn một số nhiệm vụ Ủy ban nhân dân "
        "thành phố giao các sở, ngành đã quá hạn nhưng chưa có báo cáo kết quả.\n"
        "Văn phòng Ủy ban nhân dân thành phố đề nghị Thủ trưởng các cơ quan:\n"
        "1. Rà soát, tập trung hoàn thành các nhiệm vụ được giao còn tồn đọng.\n"
        "2. Báo cáo kết quả, nêu rõ nguyên nhân chậm và thời hạn hoàn thành, gửi Văn phòng trước ngày {due} "
        "để tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân thành phố./.",
        recipients_text=DEPARTMENT_NAMES,
        places_text=f"Như trên\n{LEADERS_INFORMED}",
        send_to=DEPARTMENTS,
        signer="phochanhvp",
    ),
    D(
        ISSUED,
        "Công văn",
        "VX",
        "Tăng cường công tác phòng, chống dịch bệnh sốt xuất huyết trong trường học",
        "Thực hiện ý kiến chỉ đạo của đồng chí Phó Chủ tịch UBND thành phố Phạm Thị D, Văn phòng Ủy ban nhân dân "
        "thành phố đề nghị:\n"
        "1. Sở Y tế chủ trì, phối hợp với Sở Giáo dục và Đào tạo hướng dẫn các trường học tổ chức vệ sinh môi trường, "
        "diệt lăng quăng, bọ gậy hằng tuần; theo dõi, phát hiện sớm ca bệnh.\n"
        "2. Sở Giáo dục và Đào tạo chỉ đạo các cơ sở giáo dục tuyên truyền cho học sinh, phụ huynh các biện pháp "
        "phòng bệnh; báo cáo kết quả trước ngày {due}.\n"
        "Văn phòng Ủy ban nhân dân thành phố thông báo để các cơ quan biết, thực hiện./.",
        recipients_text="Sở Y tế\nSở Giáo dục và Đào tạo",
        places_text="Như trên\nPhó Chủ tịch UBND thành phố Phạm Thị D (để báo cáo)",
        send_to=("syt", "sgddt"),
        priority=1,
    ),
    D(
        ISSUED,
        "Công văn",
        "NC",
        "Rà soát, công bố thủ tục hành chính trên Cổng Dịch vụ công thành phố",
        "Để bảo đảm thủ tục hành chính được công bố, công khai đầy đủ, kịp thời, Văn phòng Ủy ban nhân dân thành phố "
        "đề nghị Sở Tư pháp, Sở Nội vụ:\n"
        "1. Rà soát các thủ tục hành chính thuộc phạm vi quản lý đã được sửa đổi, bổ sung, bãi bỏ nhưng chưa được "
        "cập nhật trên Cổng Dịch vụ công thành phố.\n"
        "2. Dự thảo Quyết định công bố gửi Văn phòng thẩm tra trước ngày {due}./.",
        recipients_text="Sở Tư pháp\nSở Nội vụ",
        places_text="Như trên\nPhó Chủ tịch Thường trực UBND thành phố (để báo cáo)",
        send_to=("stp", "snv"),
    ),
    D(
        ISSUED,
        "Công văn",
        "NC",
        "Bảo đảm trật tự, an toàn giao thông trong dịp nghỉ lễ",
        "Thực hiện ý kiến chỉ đạo của đồng chí Chủ tịch UBND thành phố, Văn phòng Ủy ban nhân dân thành phố "
        "đề nghị Công an thành phố chủ trì, phối hợp với các cơ quan liên quan:\n"
        "1. Tăng cường tuần tra, kiểm soát, xử lý nghiêm các vi phạm về nồng độ cồn, tốc độ, chở quá số người quy định.\n"
        "2. Bố trí lực lượng phân luồng giao thông tại các tuyến đường trọng điểm, khu du lịch trong những ngày nghỉ lễ.\n"
        "Văn phòng Ủy ban nhân dân thành phố thông báo để Công an thành phố biết, thực hiện./.",
        recipients_text="Công an thành phố Hải Phòng",  # no electronic identifier: sent on paper
        places_text="Như trên\nChủ tịch UBND thành phố (để báo cáo)",
        priority=2,
    ),
    D(
        ISSUED,
        "Tờ trình",
        "TH",
        "Về việc điều chỉnh Chương trình công tác năm {y} của Ủy ban nhân dân thành phố",
        "Căn cứ Quy chế làm việc của Ủy ban nhân dân thành phố; trên cơ sở đề nghị của các sở, ngành, Văn phòng "
        "Ủy ban nhân dân thành phố kính trình Ủy ban nhân dân thành phố xem xét điều chỉnh Chương trình công tác "
        "năm {y} như sau:\n"
        "I. SỰ CẦN THIẾT\n"
        "Một số đề án trong Chương trình công tác phải điều chỉnh thời gian trình do thay đổi quy định của "
        "Trung ương về tổ chức chính quyền địa phương hai cấp.\n"
        "II. NỘI DUNG ĐỀ XUẤT\n"
        "Điều chỉnh thời gian trình đối với 06 đề án, bổ sung 03 đề án mới vào Chương trình công tác năm {y} "
        "(có phụ lục kèm theo).\n"
        "III. KIẾN NGHỊ\n"
        "Kính trình Ủy ban nhân dân thành phố xem xét, quyết định./.",
        recipients_text=TO_CITY,
        places_text=f"Như trên\n{LEADERS_INFORMED}",
    ),
    D(
        ISSUED,
        "Tờ trình",
        "HCTC",
        "Về việc phê duyệt dự toán kinh phí chuyển đổi số của Văn phòng Ủy ban nhân dân thành phố năm {y}",
        "Văn phòng Ủy ban nhân dân thành phố kính trình Ủy ban nhân dân thành phố xem xét, phê duyệt dự toán kinh phí "
        "chuyển đổi số năm {y} như sau:\n"
        "I. SỰ CẦN THIẾT\n"
        "Hệ thống văn phòng điện tử đã được triển khai toàn bộ các phòng; cần nâng cấp hạ tầng lưu trữ, chữ ký số "
        "và bảo đảm an toàn thông tin theo cấp độ.\n"
        "II. NỘI DUNG ĐỀ XUẤT\n"
        "Tổng dự toán 2.450 triệu đồng, gồm: nâng cấp hạ tầng máy chủ 1.300 triệu đồng; thiết bị ký số 350 triệu đồng; "
        "đào tạo, bảo đảm an toàn thông tin 800 triệu đồng.\n"
        "III. KIẾN NGHỊ\n"
        "Kính trình Ủy ban nhân dân thành phố xem xét, phê duyệt./.",
        recipients_text=TO_CITY,
        places_text=f"Như trên\n{LEADERS_INFORMED}\nSở Tài chính",
        revised=True,
    ),
    D(
        ISSUED,
        "Tờ trình",
        "HCTC",
        "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố cho các tập thể, cá nhân thuộc Văn phòng",
        "Căn cứ Luật Thi đua, khen thưởng và kết quả bình xét của Hội đồng Thi đua - Khen thưởng Văn phòng, "
        "Văn phòng Ủy ban nhân dân thành phố kính trình:\n"
        "I. SỰ CẦN THIẾT\n"
        "Các tập thể, cá nhân được đề nghị đã hoàn thành xuất sắc nhiệm vụ tham mưu, phục vụ "
        "Ủy ban nhân dân thành phố.\n"
        "II. NỘI DUNG ĐỀ XUẤT\n"
        "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố cho 01 tập thể và 04 cá nhân (có danh sách kèm theo).\n"
        "III. KIẾN NGHỊ\n"
        "Kính trình Chủ tịch Ủy ban nhân dân thành phố xem xét, quyết định./.",
        recipients_text="Chủ tịch Ủy ban nhân dân thành phố",
        places_text="Như trên\nSở Nội vụ (Ban Thi đua - Khen thưởng)",
    ),
    D(
        ISSUED,
        "Báo cáo",
        "TH",
        "Kết quả công tác tháng {m} năm {py} và nhiệm vụ trọng tâm tháng tiếp theo của Văn phòng Ủy ban nhân dân thành phố",
        "Văn phòng Ủy ban nhân dân thành phố báo cáo kết quả công tác tháng {m} năm {py} như sau:\n"
        "I. KẾT QUẢ THỰC HIỆN\n"
        "Tham mưu Ủy ban nhân dân thành phố tổ chức phiên họp thường kỳ; tiếp nhận, xử lý văn bản đến đúng hạn; "
        "100% văn bản đi của Văn phòng được ký số và gửi trên môi trường điện tử.\n"
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n"
        "Một số nhiệm vụ giao các sở, ngành còn chậm báo cáo kết quả; việc cập nhật tiến độ trên hệ thống chưa đều.\n"
        "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI\n"
        "Đôn đốc các nhiệm vụ quá hạn; chuẩn bị nội dung phiên họp thường kỳ tháng tới.\n"
        "IV. KIẾN NGHỊ, ĐỀ XUẤT\n"
        "Đề nghị Ủy ban nhân dân thành phố chỉ đạo các sở, ngành báo cáo kết quả thực hiện nhiệm vụ đúng hạn./.",
        recipients_text=TO_CITY,
        places_text=LEADERS_INFORMED,
    ),
    D(
        ISSUED,
        "Báo cáo",
        "NC",
        "Kết quả thực hiện công tác cải cách hành chính quý {q} năm {qy} của Văn phòng Ủy ban nhân dân thành phố",
        "Thực hiện Kế hoạch cải cách hành chính năm {qy}, Văn phòng Ủy ban nhân dân thành phố báo cáo như sau:\n"
        "I. KẾT QUẢ THỰC HIỆN\n"
        "Hoàn thành 12/12 nhiệm vụ theo kế hoạch; 100% hồ sơ thủ tục hành chính thuộc thẩm quyền được giải quyết "
        "đúng hạn; tỷ lệ văn bản trao đổi trên môi trường điện tử đạt 98%.\n"
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n"
        "Việc số hóa kết quả giải quyết thủ tục hành chính còn chậm do hạ tầng lưu trữ chưa đáp ứng.\n"
        "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI\n"
        "Hoàn thành số hóa hồ sơ; tiếp tục rà soát, đơn giản hóa thủ tục hành chính.\n"
        "IV. KIẾN NGHỊ, ĐỀ XUẤT\n"
        "Không./.",
        recipients_text="Sở Nội vụ",
        places_text="Như trên\nPhó Chủ tịch Thường trực UBND thành phố (để báo cáo)",
        send_to=("snv",),
    ),
    D(
        ISSUED,
        "Báo cáo",
        "HCTC",
        "Tình hình tiếp nhận, xử lý văn bản trên Hệ thống văn phòng điện tử quý {q} năm {qy}",
        "Văn phòng Ủy ban nhân dân thành phố báo cáo tình hình tiếp nhận, xử lý văn bản quý {q} năm {qy} như sau:\n"
        "I. KẾT QUẢ THỰC HIỆN\n"
        "Tiếp nhận và vào sổ văn bản đến trên hệ thống; 96% văn bản được xử lý đúng hạn; toàn bộ văn bản đi "
        "được cấp số, ký số và phát hành điện tử.\n"
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n"
        "Còn văn bản giấy từ các cơ quan chưa kết nối liên thông phải số hóa thủ công.\n"
        "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI\n"
        "Phối hợp Sở Khoa học và Công nghệ mở rộng kết nối trục liên thông văn bản.\n"
        "IV. KIẾN NGHỊ, ĐỀ XUẤT\n"
        "Đề nghị các cơ quan chưa kết nối khẩn trương hoàn thành kết nối liên thông./.",
        recipients_text=TO_CITY,
        places_text=f"Như trên\n{LEADERS_INFORMED}",
        signer="phochanhvp",
    ),
    D(
        ISSUED,
        "Kế hoạch",
        "NC",
        "Cải cách hành chính năm {y} của Văn phòng Ủy ban nhân dân thành phố",
        "Thực hiện Kế hoạch cải cách hành chính nhà nước năm {y} của Ủy ban nhân dân thành phố, Văn phòng ban hành "
        "Kế hoạch cải cách hành chính năm {y} như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Mục đích: nâng cao chất lượng tham mưu, phục vụ; giải quyết thủ tục hành chính nhanh, đúng quy định.\n"
        "2. Yêu cầu: nhiệm vụ cụ thể, có thời hạn và đơn vị chủ trì; kết quả được đo bằng chỉ số.\n"
        "II. NỘI DUNG, NHIỆM VỤ\n"
        "Cải cách thể chế; cải cách thủ tục hành chính; xây dựng chính quyền số; kiểm soát thủ tục hành chính.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Phòng Nội chính là đầu mối theo dõi, tổng hợp, báo cáo Chánh Văn phòng hằng quý./.",
        places_text=f"{OFFICE_LEADERS}\nCác phòng thuộc Văn phòng\nSở Nội vụ",
    ),
    D(
        ISSUED,
        "Kế hoạch",
        "HCTC",
        "Chuyển đổi số trong hoạt động của Văn phòng Ủy ban nhân dân thành phố năm {y}",
        "Văn phòng Ủy ban nhân dân thành phố ban hành Kế hoạch chuyển đổi số năm {y} như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Mục đích: 100% văn bản đi được ký số và gửi điện tử; hồ sơ công việc được lập trên hệ thống.\n"
        "2. Yêu cầu: bảo đảm an toàn thông tin; mỗi công chức sử dụng thành thạo chữ ký số cá nhân.\n"
        "II. NỘI DUNG, NHIỆM VỤ\n"
        "Nâng cấp Hệ thống văn phòng điện tử; cấp chứng thư số cho lãnh đạo; đào tạo kỹ năng số cho công chức.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Phòng Hành chính - Tổ chức chủ trì, phối hợp với các phòng tổ chức thực hiện; báo cáo kết quả "
        "trước ngày 15 tháng 12 năm {y}./.",
        places_text=f"{OFFICE_LEADERS}\nCác phòng thuộc Văn phòng",
        signer="phochanhvp",
    ),
    D(
        ISSUED,
        "Thông báo",
        "KT",
        "Kết luận của Chủ tịch Ủy ban nhân dân thành phố tại cuộc họp về tiến độ giải phóng mặt bằng các dự án trọng điểm",
        "Ngày {held}, đồng chí Nguyễn Văn A, Chủ tịch Ủy ban nhân dân thành phố chủ trì cuộc họp về tiến độ "
        "giải phóng mặt bằng các dự án trọng điểm. Sau khi nghe báo cáo và ý kiến của các đại biểu, "
        "Chủ tịch Ủy ban nhân dân thành phố kết luận như sau:\n"
        "1. Sở Tài chính chủ trì thẩm định phương án bồi thường, hỗ trợ, tái định cư; bảo đảm đúng quy định.\n"
        "2. Sở Xây dựng khẩn trương hoàn thành hạ tầng khu tái định cư, báo cáo Ủy ban nhân dân thành phố "
        "trước ngày {due}.\n"
        "Văn phòng Ủy ban nhân dân thành phố thông báo để các cơ quan, đơn vị biết, thực hiện./.",
        places_text="Chủ tịch UBND thành phố (để báo cáo)\nSở Xây dựng\nSở Tài chính",
        send_to=("sxd", "stc"),
        signer="phochanhvp",
    ),
    D(
        ISSUED,
        "Thông báo",
        "NC",
        "Kết luận của Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố tại buổi làm việc về công tác cải cách hành chính",
        "Ngày {held}, đồng chí Trần Thị B, Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố làm việc với "
        "Sở Nội vụ, Sở Tư pháp về công tác cải cách hành chính. Phó Chủ tịch Thường trực kết luận như sau:\n"
        "1. Sở Nội vụ tham mưu giải pháp cải thiện Chỉ số cải cách hành chính của thành phố, báo cáo trước ngày {due}.\n"
        "2. Sở Tư pháp rà soát văn bản quy phạm pháp luật của thành phố cần sửa đổi sau khi sắp xếp "
        "đơn vị hành chính.\n"
        "Văn phòng Ủy ban nhân dân thành phố thông báo để các cơ quan biết, thực hiện./.",
        places_text="Phó Chủ tịch Thường trực UBND thành phố (để báo cáo)\nSở Nội vụ\nSở Tư pháp",
        send_to=("snv", "stp"),
    ),
    D(
        ISSUED,
        "Thông báo",
        "VX",
        "Kết luận của Phó Chủ tịch Ủy ban nhân dân thành phố Phạm Thị D tại cuộc họp về công tác "
        "chuẩn bị kỳ thi tuyển sinh vào lớp 10",
        "Ngày {held}, đồng chí Phạm Thị D, Phó Chủ tịch Ủy ban nhân dân thành phố chủ trì cuộc họp về công tác "
        "chuẩn bị kỳ thi tuyển sinh vào lớp 10 trung học phổ thông. Phó Chủ tịch kết luận như sau:\n"
        "1. Sở Giáo dục và Đào tạo hoàn thiện phương án tổ chức kỳ thi, bảo đảm an toàn, nghiêm túc, đúng quy chế.\n"
        "2. Sở Y tế bố trí lực lượng y tế trực tại các điểm thi.\n"
        "Văn phòng Ủy ban nhân dân thành phố thông báo để các cơ quan biết, thực hiện./.",
        places_text="Phó Chủ tịch UBND thành phố Phạm Thị D (để báo cáo)\nSở Giáo dục và Đào tạo\nSở Y tế",
        send_to=("sgddt", "syt"),
        signer="phochanhvp",
    ),
    D(
        ISSUED,
        "Thông báo",
        "TH",
        "Lịch công tác tuần của Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân thành phố",
        "Văn phòng Ủy ban nhân dân thành phố thông báo lịch công tác tuần của Chủ tịch, các Phó Chủ tịch "
        "Ủy ban nhân dân thành phố như sau:\n"
        "1. Chủ tịch Ủy ban nhân dân thành phố: chủ trì phiên họp thường kỳ; tiếp công dân định kỳ.\n"
        "2. Phó Chủ tịch Thường trực: làm việc với Sở Nội vụ về sắp xếp tổ chức bộ máy.\n"
        "3. Các Phó Chủ tịch: kiểm tra tiến độ các dự án đầu tư công theo lĩnh vực phụ trách.\n"
        "Lịch có thể thay đổi; Văn phòng sẽ thông báo bổ sung trên Hệ thống văn phòng điện tử./.",
        places_text=f"{LEADERS_INFORMED}\n{OFFICE_LEADERS}\nCác phòng thuộc Văn phòng",
    ),
    D(
        ISSUED,
        "Giấy mời",
        "KT",
        "Họp nghe báo cáo tình hình triển khai các dự án nhà ở xã hội",
        "Văn phòng Ủy ban nhân dân thành phố trân trọng kính mời: đại diện lãnh đạo Sở Xây dựng, Sở Tài chính\n"
        "Tới dự cuộc họp nghe báo cáo tình hình triển khai các dự án nhà ở xã hội trên địa bàn thành phố.\n"
        "Chủ trì: đồng chí Lê Văn C, Phó Chủ tịch Ủy ban nhân dân thành phố.\n"
        "Thời gian: {meeting}.\n"
        "Địa điểm: Phòng họp số 2, trụ sở Ủy ban nhân dân thành phố.\n"
        "Sở Xây dựng chuẩn bị báo cáo, gửi Văn phòng trước cuộc họp 01 ngày làm việc./.",
        places_text="Như trên\nPhó Chủ tịch UBND thành phố Lê Văn C (để báo cáo)",
        send_to=("sxd", "stc"),
        signer="phochanhvp",
    ),
    D(
        ISSUED,
        "Giấy mời",
        "NC",
        "Dự Hội nghị sơ kết công tác cải cách hành chính quý {q} năm {qy}",
        "Văn phòng Ủy ban nhân dân thành phố trân trọng kính mời: đại diện lãnh đạo Sở Nội vụ, Sở Tư pháp\n"
        "Tới dự Hội nghị sơ kết công tác cải cách hành chính quý {q} năm {qy}.\n"
        "Chủ trì: đồng chí Trần Thị B, Phó Chủ tịch Thường trực Ủy ban nhân dân thành phố.\n"
        "Thời gian: {meeting}.\n"
        "Địa điểm: Hội trường tầng 3, trụ sở Ủy ban nhân dân thành phố./.",
        places_text="Như trên\nPhó Chủ tịch Thường trực UBND thành phố (để báo cáo)",
        send_to=("snv", "stp"),
        signer="phochanhvp",
    ),
]

# Issued, then recalled: the meeting was moved.
RECALLED_DRAFT = D(
    RECALLED,
    "Giấy mời",
    "KT",
    "Họp về phương án chỉnh trang đô thị phục vụ Lễ hội Hoa Phượng Đỏ",
    "Văn phòng Ủy ban nhân dân thành phố trân trọng kính mời: đại diện lãnh đạo Sở Xây dựng, Sở Tài chính\n"
    "Tới dự cuộc họp về phương án chỉnh trang đô thị phục vụ Lễ hội Hoa Phượng Đỏ.\n"
    "Chủ trì: đồng chí Lê Văn C, Phó Chủ tịch Ủy ban nhân dân thành phố.\n"
    "Thời gian: {meeting}.\n"
    "Địa điểm: Phòng họp số 1, trụ sở Ủy ban nhân dân thành phố./.",
    places_text="Như trên\nPhó Chủ tịch UBND thành phố Lê Văn C (để báo cáo)",
    send_to=("sxd", "stc"),
    signer="phochanhvp",
)
RECALL_REASON = (
    "Thay đổi thời gian tổ chức cuộc họp theo lịch công tác của lãnh đạo UBND thành phố; Văn phòng sẽ gửi Giấy mời khác."
)

PENDING_DRAFTS = [
    # Signed, waiting for the registry to number and issue them (vanthu).
    D(
        SIGNED,
        "Công văn",
        "KT",
        "Cung cấp số liệu phục vụ xây dựng dự toán ngân sách nhà nước năm {ny}",
        "Để kịp thời tổng hợp, báo cáo Ủy ban nhân dân thành phố, Văn phòng Ủy ban nhân dân thành phố đề nghị "
        "Sở Tài chính cung cấp số liệu ước thực hiện thu, chi ngân sách năm {y} và dự kiến dự toán năm {ny} "
        "của các lĩnh vực do Văn phòng theo dõi.\n"
        "Số liệu gửi về Văn phòng (qua Phòng Kinh tế) trước ngày {due}./.",
        recipients_text="Sở Tài chính",
        places_text="Như trên",
        send_to=("stc",),
    ),
    D(
        SIGNED,
        "Thông báo",
        "TH",
        "Kết luận của Chánh Văn phòng tại cuộc giao ban công tác tháng {m} năm {py}",
        "Ngày {held}, Chánh Văn phòng Ủy ban nhân dân thành phố chủ trì giao ban công tác tháng {m} năm {py}. "
        "Chánh Văn phòng kết luận như sau:\n"
        "1. Các phòng hoàn thành dứt điểm các nhiệm vụ quá hạn trên Hệ thống văn phòng điện tử.\n"
        "2. Phòng Tổng hợp chuẩn bị nội dung phiên họp thường kỳ của Ủy ban nhân dân thành phố.\n"
        "Văn phòng thông báo để các phòng biết, thực hiện./.",
        places_text=f"{OFFICE_LEADERS}\nCác phòng thuộc Văn phòng",
    ),
    D(
        SIGNED,
        "Giấy mời",
        "VX",
        "Họp bàn phương án tổ chức các hoạt động văn hóa, thể thao dịp Tết Nguyên đán",
        "Văn phòng Ủy ban nhân dân thành phố trân trọng kính mời: đại diện lãnh đạo Sở Y tế, Sở Giáo dục và Đào tạo\n"
        "Tới dự cuộc họp bàn phương án tổ chức các hoạt động văn hóa, thể thao dịp Tết Nguyên đán.\n"
        "Chủ trì: đồng chí Phạm Thị D, Phó Chủ tịch Ủy ban nhân dân thành phố.\n"
        "Thời gian: {meeting}.\n"
        "Địa điểm: Phòng họp số 3, trụ sở Ủy ban nhân dân thành phố./.",
        places_text="Như trên",
        send_to=("syt", "sgddt"),
        signer="phochanhvp",
    ),
    # Waiting for the signer (chanhvp twice, phochanhvp once).
    D(
        SIGN,
        "Tờ trình",
        "KT",
        "Về việc phê duyệt danh mục dự án kêu gọi đầu tư năm {y}",
        "Văn phòng Ủy ban nhân dân thành phố kính trình Ủy ban nhân dân thành phố xem xét, phê duyệt danh mục "
        "dự án kêu gọi đầu tư năm {y} như sau:\n"
        "I. SỰ CẦN THIẾT\n"
        "Danh mục là cơ sở để các sở, ngành xúc tiến đầu tư, thu hút nguồn lực cho phát triển kinh tế - xã hội.\n"
        "II. NỘI DUNG ĐỀ XUẤT\n"
        "Phê duyệt 24 dự án thuộc các lĩnh vực hạ tầng giao thông, logistics, công nghiệp và đô thị "
        "(có phụ lục kèm theo).\n"
        "III. KIẾN NGHỊ\n"
        "Kính trình Ủy ban nhân dân thành phố xem xét, quyết định./.",
        recipients_text=TO_CITY,
        places_text=f"Như trên\n{LEADERS_INFORMED}",
    ),
    D(
        SIGN,
        "Công văn",
        "TH",
        "Chuẩn bị nội dung phiên họp thường kỳ tháng {m} của Ủy ban nhân dân thành phố",
        "Để chuẩn bị phiên họp thường kỳ của Ủy ban nhân dân thành phố, Văn phòng Ủy ban nhân dân thành phố "
        "đề nghị các cơ quan:\n"
        "1. Hoàn thiện hồ sơ các nội dung trình phiên họp theo Chương trình công tác.\n"
        "2. Gửi hồ sơ điện tử về Văn phòng trước ngày {due} để tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân "
        "thành phố./.",
        recipients_text="Sở Tài chính\nSở Xây dựng\nSở Nội vụ",
        places_text="Như trên\nChủ tịch UBND thành phố (để báo cáo)",
        send_to=("stc", "sxd", "snv"),
    ),
    D(
        SIGN,
        "Thông báo",
        "VX",
        "Kết luận của Phó Chủ tịch Ủy ban nhân dân thành phố Phạm Thị D tại buổi kiểm tra công tác bảo đảm an toàn thực phẩm",
        "Ngày {held}, đồng chí Phạm Thị D, Phó Chủ tịch Ủy ban nhân dân thành phố kiểm tra công tác bảo đảm "
        "an toàn thực phẩm tại một số chợ đầu mối. Phó Chủ tịch kết luận như sau:\n"
        "1. Sở Y tế tăng cường kiểm tra, xử lý nghiêm các cơ sở vi phạm.\n"
        "2. Các cơ quan báo cáo kết quả trước ngày {due}.\n"
        "Văn phòng Ủy ban nhân dân thành phố thông báo để các cơ quan biết, thực hiện./.",
        places_text="Phó Chủ tịch UBND thành phố Phạm Thị D (để báo cáo)\nSở Y tế",
        send_to=("syt",),
        signer="phochanhvp",
    ),
    # Waiting for the format check (kiemtra).
    D(
        FORMAT,
        "Quyết định",
        "HCTC",
        "Về việc cử công chức tham gia lớp bồi dưỡng kỹ năng số năm {y}",
        "Điều 1. Cử 05 công chức thuộc Văn phòng Ủy ban nhân dân thành phố (có danh sách kèm theo) tham gia "
        "lớp bồi dưỡng kỹ năng số năm {y}.\n"
        "Điều 2. Kinh phí tham gia lớp bồi dưỡng do Văn phòng chi trả theo quy định.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Trưởng phòng Hành chính - Tổ chức và các công chức "
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        places_text="Như Điều 3",
        legal_bases=f"{BASES_OFFICE}\nTheo đề nghị của Trưởng phòng Hành chính - Tổ chức",
    ),
    D(
        FORMAT,
        "Báo cáo",
        "VX",
        "Tình hình thực hiện các chính sách an sinh xã hội quý {q} năm {qy}",
        "Văn phòng Ủy ban nhân dân thành phố báo cáo tình hình thực hiện các chính sách an sinh xã hội như sau:\n"
        "I. KẾT QUẢ THỰC HIỆN\n"
        "Chi trả đầy đủ, kịp thời trợ cấp cho người có công và đối tượng bảo trợ xã hội qua tài khoản.\n"
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n"
        "Một số hồ sơ xác nhận người có công còn chậm do thiếu giấy tờ gốc.\n"
        "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI\n"
        "Đôn đốc giải quyết dứt điểm hồ sơ tồn đọng.\n"
        "IV. KIẾN NGHỊ, ĐỀ XUẤT\n"
        "Không./.",
        recipients_text=TO_CITY,
        places_text=LEADERS_INFORMED,
    ),
    D(
        FORMAT,
        "Công văn",
        "NC",
        "Góp ý dự thảo Nghị quyết của Hội đồng nhân dân thành phố",
        "Văn phòng Ủy ban nhân dân thành phố nhận được dự thảo Nghị quyết của Hội đồng nhân dân thành phố "
        "do Sở Tư pháp gửi lấy ý kiến. Văn phòng có ý kiến như sau:\n"
        "1. Thống nhất với bố cục và nội dung cơ bản của dự thảo.\n"
        "2. Đề nghị rà soát lại căn cứ ban hành sau khi Luật Tổ chức chính quyền địa phương năm 2025 có hiệu lực./.",
        recipients_text="Sở Tư pháp",
        places_text="Như trên",
        send_to=("stp",),
    ),
    # Waiting for the head of Phòng Tổng hợp (truongphong) or of Phòng Nội chính.
    D(
        CONTENT,
        "Báo cáo",
        "TH",
        "Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội tháng {m} năm {py}",
        "Văn phòng Ủy ban nhân dân thành phố tổng hợp tình hình kinh tế - xã hội tháng {m} năm {py} như sau:\n"
        "I. KẾT QUẢ THỰC HIỆN\n"
        "Các chỉ tiêu chủ yếu tăng so với cùng kỳ; thu ngân sách đạt tiến độ; giải ngân vốn đầu tư công cải thiện.\n"
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n"
        "Giải phóng mặt bằng một số dự án còn chậm.\n"
        "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI\n"
        "Tập trung tháo gỡ vướng mắc, đẩy nhanh giải ngân.\n"
        "IV. KIẾN NGHỊ, ĐỀ XUẤT\n"
        "Đề nghị các sở, ngành cập nhật số liệu đúng hạn./.",
        recipients_text=TO_CITY,
        places_text=LEADERS_INFORMED,
    ),
    D(
        CONTENT,
        "Giấy mời",
        "TH",
        "Dự phiên họp thường kỳ của Ủy ban nhân dân thành phố",
        "Văn phòng Ủy ban nhân dân thành phố trân trọng kính mời: đồng chí Giám đốc các sở, ngành thành phố\n"
        "Tới dự phiên họp thường kỳ của Ủy ban nhân dân thành phố.\n"
        "Chủ trì: đồng chí Nguyễn Văn A, Chủ tịch Ủy ban nhân dân thành phố.\n"
        "Thời gian: {meeting}.\n"
        "Địa điểm: Phòng họp tầng 2, trụ sở Ủy ban nhân dân thành phố./.",
        places_text="Như trên",
        send_to=DEPARTMENTS,
    ),
    D(
        CONTENT,
        "Kế hoạch",
        "NC",
        "Tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân thành phố năm {y}",
        "Văn phòng Ủy ban nhân dân thành phố xây dựng Kế hoạch tiếp công dân định kỳ năm {y} như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Mục đích: giải quyết kịp thời khiếu nại, tố cáo, kiến nghị của công dân.\n"
        "2. Yêu cầu: tiếp công dân đúng lịch, đúng quy định của Luật Tiếp công dân.\n"
        "II. NỘI DUNG, NHIỆM VỤ\n"
        "Chủ tịch Ủy ban nhân dân thành phố tiếp công dân định kỳ vào ngày 15 hằng tháng.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Phòng Nội chính phối hợp Ban Tiếp công dân chuẩn bị hồ sơ các vụ việc./.",
        places_text=f"{LEADERS_INFORMED}\n{OFFICE_LEADERS}",
    ),
    # Sent back to the drafter with a comment.
    D(
        RETURNED,
        "Công văn",
        "TH",
        "Đôn đốc báo cáo tình hình giải ngân vốn đầu tư công",
        "Thực hiện ý kiến chỉ đạo của Chủ tịch Ủy ban nhân dân thành phố, Văn phòng Ủy ban nhân dân thành phố "
        "đề nghị Sở Tài chính báo cáo tình hình giải ngân vốn đầu tư công đến hết tháng {m} năm {py}./.",
        recipients_text="Sở Tài chính",
        places_text="Như trên",
        send_to=("stc",),
        returned_by=CONTENT,
        comment="Đề nghị bổ sung thời hạn báo cáo và nêu rõ các dự án có tỷ lệ giải ngân thấp cần tập trung đôn đốc.",
    ),
    D(
        RETURNED,
        "Tờ trình",
        "KT",
        "Về việc phê duyệt kế hoạch kiểm tra công tác quản lý chất lượng công trình xây dựng năm {y}",
        "Văn phòng Ủy ban nhân dân thành phố kính trình Ủy ban nhân dân thành phố xem xét, phê duyệt kế hoạch "
        "kiểm tra như sau:\n"
        "I. SỰ CẦN THIẾT\n"
        "Kiểm tra định kỳ chất lượng các công trình sử dụng vốn đầu tư công.\n"
        "II. NỘI DUNG ĐỀ XUẤT\n"
        "Kiểm tra 15 công trình trọng điểm trong năm {y}.\n"
        "III. KIẾN NGHỊ\n"
        "Kính trình Ủy ban nhân dân thành phố xem xét, quyết định./.",
        recipients_text=TO_CITY,
        places_text="Như trên\nSở Xây dựng",
        returned_by=FORMAT,
        comment="Trích yếu chưa nêu đơn vị chủ trì kiểm tra; phần Nơi nhận cần bổ sung Chủ tịch, các Phó Chủ tịch "
        "UBND thành phố (để báo cáo).",
    ),
    # Still being written.
    D(
        DRAFT,
        "Báo cáo",
        "TH",
        "Kết quả thực hiện các kết luận của Chủ tịch Ủy ban nhân dân thành phố quý {q} năm {qy}",
        "Văn phòng Ủy ban nhân dân thành phố báo cáo kết quả thực hiện các kết luận như sau:\n"
        "I. KẾT QUẢ THỰC HIỆN\n"
        "Đang tổng hợp báo cáo của các sở, ngành.\n"
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n"
        "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI\n"
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        recipients_text=TO_CITY,
        places_text=LEADERS_INFORMED,
    ),
    D(
        DRAFT,
        "Công văn",
        "TH",
        "Chuẩn bị nội dung làm việc với đoàn công tác của Văn phòng Chính phủ",
        "Để chuẩn bị nội dung làm việc với đoàn công tác của Văn phòng Chính phủ, Văn phòng Ủy ban nhân dân "
        "thành phố đề nghị các sở chuẩn bị báo cáo theo đề cương gửi kèm./.",
        recipients_text="Sở Tài chính\nSở Xây dựng",
        places_text="Như trên",
    ),
    D(
        DRAFT,
        "Kế hoạch",
        "VX",
        "Tổ chức các hoạt động chào mừng kỷ niệm ngày giải phóng thành phố Hải Phòng",
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Mục đích: giáo dục truyền thống, khơi dậy niềm tự hào của Nhân dân thành phố.\n"
        "II. NỘI DUNG, NHIỆM VỤ\n"
        "III. TỔ CHỨC THỰC HIỆN",
        places_text=OFFICE_LEADERS,
    ),
]

APPROVALS = {
    CONTENT: ["Đồng ý nội dung, đề nghị kiểm tra thể thức.", "", "Đồng ý."],
    FORMAT: ["Đã kiểm tra thể thức, kỹ thuật trình bày; đủ điều kiện trình ký.", ""],
}
REVISION_COMMENT = "Đề nghị rà soát lại số liệu và bổ sung thời hạn thực hiện đối với từng nhiệm vụ."
REVISION_NOTE = "Tiếp thu ý kiến của lãnh đạo phòng, đã rà soát số liệu và bổ sung thời hạn."

# The Office's answer to an incoming letter, once its handler has worked it
# out: to the city's own agencies an instruction, to central bodies a report.
ANSWER_SUBJECT = "Trả lời Công văn số {reference} của {organ}"
ANSWER_BODY = (
    "Văn phòng Ủy ban nhân dân thành phố nhận được Công văn số {reference} ngày {issued} của {organ} {about}.\n"
    "Thực hiện ý kiến chỉ đạo của đồng chí {leader}, Văn phòng Ủy ban nhân dân thành phố có ý kiến như sau:\n"
    "1. Đề nghị {organ} chủ trì, phối hợp với các cơ quan, đơn vị liên quan rà soát, hoàn thiện nội dung "
    "theo đúng quy định hiện hành.\n"
    "2. Báo cáo kết quả thực hiện về Ủy ban nhân dân thành phố (qua Văn phòng Ủy ban nhân dân thành phố) "
    "trước ngày {due}.\n"
    "Văn phòng Ủy ban nhân dân thành phố thông báo để {organ} biết, thực hiện./."
)
CENTRAL = {"bxd", "vpcp"}
REPORT_SUBJECT = "Báo cáo việc thực hiện Công văn số {reference} của {organ}"
REPORT_BODY = (
    "Văn phòng Ủy ban nhân dân thành phố Hải Phòng nhận được Công văn số {reference} ngày {issued} của {organ} "
    "{about}.\n"
    "Thực hiện ý kiến chỉ đạo của đồng chí {leader}, Văn phòng Ủy ban nhân dân thành phố Hải Phòng báo cáo như sau:\n"
    "1. Ủy ban nhân dân thành phố đã giao các sở, ngành liên quan triển khai thực hiện theo đúng nội dung "
    "Công văn nêu trên.\n"
    "2. Kết quả thực hiện sẽ được tổng hợp, báo cáo {organ} trước ngày {due}.\n"
    "Văn phòng Ủy ban nhân dân thành phố Hải Phòng trân trọng báo cáo./."
)
