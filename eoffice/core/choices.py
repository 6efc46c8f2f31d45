"""Enumerations shared by incoming and outgoing documents (ND30; edXML)."""

from django.db import models

# The 29 administrative document types of ND30 Art.7 with their Appendix III
# abbreviations; Công văn and Thư công have none.
DOCUMENT_TYPES = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công văn", ""),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
    ("Thư công", ""),
]
# Incoming documents also come as legal normative documents and other kinds.
INCOMING_TYPE_CHOICES = [(name, name) for name, _ in DOCUMENT_TYPES] + [
    ("Luật", "Luật"),
    ("Nghị định", "Nghị định"),
    ("Thông tư", "Thông tư"),
    ("Khác", "Khác"),
]


class Priority(models.IntegerChoices):
    """Độ khẩn, coded as edXML OtherInfo/Priority."""

    NORMAL = 0, "Thường"
    URGENT = 1, "Khẩn"
    VERY_URGENT = 2, "Thượng khẩn"
    EXPRESS = 3, "Hỏa tốc"


class Confidentiality(models.IntegerChoices):
    """Độ mật."""

    NORMAL = 0, "Thường"
    CONFIDENTIAL = 1, "Mật"
    SECRET = 2, "Tối mật"
    TOP_SECRET = 3, "Tuyệt mật"
