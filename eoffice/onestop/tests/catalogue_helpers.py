"""What the catalogue tests share: a valid procedure in the JSON shape, a
catalogue of several, the agency's administrator."""

import base64
import copy

from eoffice.demo.procedures import form_docx
from eoffice.organisation.models import Role
from eoffice.organisation.selectors import build_actor

CODE = "1.009994.000.00.00.H31"
# The cast's unit that owns the steps published under a name that is not a unit of
# the office (a procedure is published only when every step has an owner here).
TRACKER = "Phòng Tổng hợp"
FORM_DOCX = form_docx("Mẫu đơn đề nghị cấp giấy phép xây dựng")


def procedure(code: str = CODE, **overrides) -> dict:
    """Cấp giấy phép xây dựng: 4 steps (0.5 + 5 + 1.5 + 0.5 = 7.5 days), 3 papers (one with a form file), 2 fees."""
    data = {
        "code": code,
        "name": "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
        "field": {"code": "G02-XD", "name": "Hoạt động xây dựng"},
        "level": "province",
        "online": "full",
        "implementing_agency": "Sở Xây dựng",
        "subjects": "Chủ đầu tư",
        "channels": "Trực tiếp; bưu chính; trực tuyến",
        "processing_days": 7.5,
        "result": "Giấy phép xây dựng",
        "conditions": "Phù hợp quy hoạch xây dựng",
        "legal_basis": "Luật Xây dựng số 50/2014/QH13\nNghị định số 15/2021/NĐ-CP",
        "announcement": "Quyết định số 1412/QĐ-UBND",
        "published": True,
        "steps": [
            {"order": 1, "name": "Tiếp nhận hồ sơ", "unit": "Bộ phận Một cửa", "owner": TRACKER, "days": 0.5},
            {"order": 2, "name": "Thẩm định hồ sơ", "unit": "Phòng Kinh tế", "days": 5},
            {"order": 3, "name": "Ký giấy phép", "unit": "TH", "days": 1.5},
            {"order": 4, "name": "Trả kết quả", "unit": "Bộ phận Một cửa", "owner": TRACKER, "days": 0.5},
        ],
        "papers": [
            {
                "order": 1,
                "name": "Đơn đề nghị cấp giấy phép xây dựng",
                "originals": 1,
                "copies": 0,
                "required": True,
                "form_name": "Mẫu số 01",
                "form_file": {"extension": "docx", "content_base64": base64.b64encode(FORM_DOCX).decode()},
            },
            {"order": 2, "name": "Giấy tờ về quyền sử dụng đất", "originals": 0, "copies": 1, "required": True, "form_name": ""},
            {"order": 3, "name": "Bản vẽ thiết kế", "originals": 2, "copies": 0, "required": False, "form_name": ""},
        ],
        "fees": [
            {"kind": "charge", "description": "Lệ phí cấp giấy phép xây dựng", "amount": 150000, "note": ""},
            {"kind": "fee", "description": "Phí thẩm định", "amount": None, "note": "Theo Nghị quyết HĐND"},
        ],
    }
    data.update(overrides)
    return data


def catalogue(*procedures) -> dict:
    return {"format": "eoffice.procedures", "version": 1, "procedures": [copy.deepcopy(p) for p in procedures]}


def second(code: str = "1.001612.000.00.00.H31", **overrides) -> dict:
    """Đăng ký thành lập doanh nghiệp tư nhân: 0.5 + 2 + 0.5 = 3 days, no form file."""
    data = procedure(
        code,
        name="Đăng ký thành lập doanh nghiệp tư nhân",
        field={"code": "G05-DN", "name": "Thành lập và hoạt động của doanh nghiệp"},
        online="none",
        processing_days=3,
        implementing_agency="Phòng Đăng ký kinh doanh - Sở Tài chính",
        steps=[
            {"name": "Tiếp nhận", "unit": "Bộ phận Một cửa", "owner": TRACKER, "days": 0.5},
            {"name": "Xử lý", "unit": "Phòng Đăng ký kinh doanh", "owner": TRACKER, "days": 2},
            {"name": "Trả kết quả", "unit": "Bộ phận Một cửa", "owner": TRACKER, "days": 0.5},
        ],
        papers=[{"name": "Giấy đề nghị đăng ký doanh nghiệp", "form_name": "Phụ lục I-1"}],
        fees=[{"kind": "charge", "description": "Lệ phí đăng ký doanh nghiệp", "amount": 50000, "note": "Miễn khi nộp qua mạng"}],
    )
    data.update(overrides)
    return data


def admin_actor(cast):
    """The office's administrator (quản trị) as an Actor."""
    from eoffice.conftest import person

    user = person("quantri", cast.office, Role.ADMIN, position="Quản trị")
    return build_actor(user, cast.office)
