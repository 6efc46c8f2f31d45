"""Import and export of the procedure catalogue (onestop.catalogue): JSON and XLSX
round trips, every error reported with its place, all or nothing, bad files."""

import base64
import copy
import json
import unicodedata
import zipfile
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.contrib import admin as django_admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import Workbook, load_workbook

from eoffice.attachments.models import StoredFile
from eoffice.audit.models import AuditEvent
from eoffice.core.errors import NotAllowed
from eoffice.demo.pdf import pdf_bytes
from eoffice.onestop.admin import ProcedureForm, ProcedureStepForm
from eoffice.onestop.catalogue.services import CatalogueInvalid, export_json, export_xlsx, import_file, import_json, import_xlsx
from eoffice.onestop.models import Dossier, DossierPaper, Procedure, ProcedureField
from eoffice.onestop.tests.catalogue_helpers import CODE, FORM_DOCX, admin_actor, catalogue, procedure, second
from eoffice.organisation.models import Agency, User
from eoffice.organisation.selectors import build_actor

pytestmark = pytest.mark.django_db
SECOND = "1.001612.000.00.00.H31"


@pytest.fixture
def admin(cast):
    return admin_actor(cast)


def imported(admin, *procedures):
    return import_json(catalogue(*procedures), actor=admin, agency=admin.agency)


def refused(admin, data) -> list[str]:
    with pytest.raises(CatalogueInvalid) as caught:
        import_json(data, actor=admin, agency=admin.agency)
    assert caught.value.fields == {"file": caught.value.errors}
    return caught.value.errors


def exported() -> dict:
    return export_json(Procedure.objects.all(), include_files=False)


def mess_up_catalogue():
    """Changes an import must undo: a renamed procedure, lost steps, a deleted procedure."""
    first = Procedure.objects.get(code=CODE)
    first.name = "Tên đã bị sửa"
    first.save()
    first.steps.all().delete()
    Procedure.objects.get(code=SECOND).delete()


# --------------------------------------------------------------------------- JSON
def test_an_import_creates_procedures_with_steps_papers_fees_and_links_known_units(cast, admin):
    report = imported(admin, procedure(), second())
    assert report.created == [CODE, SECOND] and report.updated == []
    p = Procedure.objects.get(code=CODE)
    assert p.agency == cast.office and p.processing_days == Decimal("7.5") and p.field.name == "Hoạt động xây dựng"
    steps = list(p.steps.all())
    assert [s.days for s in steps] == [Decimal("0.5"), Decimal("5"), Decimal("1.5"), Decimal("0.5")]
    # By name and by abbreviation within the agency; the rest kept as published text,
    # owned by the unit named as their owner.
    assert [s.unit for s in steps] == [cast.tonghop, cast.kinhte, cast.tonghop, cast.tonghop]
    assert [s.unit_name for s in steps] == ["Bộ phận Một cửa", "Phòng Kinh tế", "TH", "Bộ phận Một cửa"]
    assert report.units_as_text == ["Bộ phận Một cửa", "Phòng Đăng ký kinh doanh"]
    form = p.papers.get(order=1).form_file
    assert form.extension == "docx" and form.file.read() == FORM_DOCX
    assert [(f.kind, f.amount) for f in p.fees.all()] == [("charge", 150000), ("fee", None)]
    assert "2 thêm mới" in report.summary()


def test_a_json_round_trip_gives_the_same_catalogue(admin):
    imported(admin, procedure(), second())
    before = export_json(Procedure.objects.all())
    # What the export says is what was imported (form file now named by its content).
    first = before["procedures"][1]
    assert first["code"] == CODE and first["steps"] == procedure()["steps"] and first["fees"] == procedure()["fees"]
    assert first["papers"][0]["form_file"]["sha256"] == StoredFile.objects.get().sha256
    mess_up_catalogue()
    report = import_json(json.loads(json.dumps(before)), actor=admin, agency=admin.agency)
    assert report.created == [SECOND] and report.updated == [CODE]
    assert export_json(Procedure.objects.all()) == before


def test_an_xlsx_round_trip_gives_the_same_catalogue(admin):
    imported(admin, procedure(), second())
    before = exported()
    workbook = export_xlsx(Procedure.objects.all())
    assert load_workbook(BytesIO(workbook)).sheetnames == ["Thủ tục", "Trình tự", "Thành phần hồ sơ", "Phí, lệ phí"]
    mess_up_catalogue()
    report = import_xlsx(workbook, actor=admin, agency=admin.agency)
    assert sorted(report.created + report.updated) == [SECOND, CODE]
    assert exported() == before


def test_importing_again_updates_by_code_and_replaces_steps_papers_and_fees(admin):
    imported(admin, procedure())
    changed = procedure(
        name="Cấp giấy phép xây dựng (sửa đổi)",
        processing_days=3,
        steps=[{"name": "Tiếp nhận", "unit": "Bộ phận Một cửa", "days": 0.5}, {"name": "Giải quyết", "unit": "KT", "days": 2.5}],
        papers=[{"name": "Đơn đề nghị"}],
        fees=[],
    )
    report = imported(admin, changed)
    assert report.updated == [CODE] and Procedure.objects.count() == 1
    p = Procedure.objects.get()
    assert p.name == "Cấp giấy phép xây dựng (sửa đổi)" and p.processing_days == 3
    assert [(s.order, s.name) for s in p.steps.all()] == [(1, "Tiếp nhận"), (2, "Giải quyết")]
    assert [(r.name, r.originals, r.copies, r.required) for r in p.papers.all()] == [("Đơn đề nghị", 1, 0, True)]
    assert not p.fees.exists()


def test_importing_again_keeps_received_dossiers_linked_to_the_papers_that_stay(admin):
    imported(admin, procedure())
    p = Procedure.objects.get()
    dossier = Dossier.objects.create(agency=p.agency, procedure=p, code="X-1", applicant_name="Nguyễn Văn A")
    for paper in p.papers.all():
        DossierPaper.objects.create(dossier=dossier, required_paper=paper, name=paper.name, originals=1)
    before = {paper.name: paper.pk for paper in p.papers.all()}
    papers = procedure()["papers"]
    # Reordered (orders swapped), one renamed only in accents and case, one gone, one new.
    changed = [
        papers[2] | {"order": 1, "originals": 3},
        papers[0] | {"order": 2, "name": "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG"},
        {"order": 3, "name": "Báo cáo thẩm tra thiết kế", "originals": 1},
    ]
    imported(admin, procedure(papers=changed))
    after = [(r.order, r.name, r.originals) for r in p.papers.all()]
    assert after == [(1, "Bản vẽ thiết kế", 3), (2, "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG", 1), (3, "Báo cáo thẩm tra thiết kế", 1)]
    links = {row.name: row.required_paper_id for row in dossier.papers.all()}
    assert links["Bản vẽ thiết kế"] == before["Bản vẽ thiết kế"]
    assert links["Đơn đề nghị cấp giấy phép xây dựng"] == before["Đơn đề nghị cấp giấy phép xây dựng"]
    assert links["Giấy tờ về quyền sử dụng đất"] is None  # gone from the checklist: the dossier keeps its name


def test_text_is_stored_in_nfc_and_codes_in_upper_case(admin):
    decomposed = unicodedata.normalize("NFD", "Cấp giấy phép xây dựng")
    imported(admin, procedure(code=" 1.009994.000.00.00.h31 ", name=decomposed))
    p = Procedure.objects.get()
    assert p.code == CODE and p.name == unicodedata.normalize("NFC", decomposed)


def test_the_import_is_audited(admin):
    imported(admin, procedure())
    event = AuditEvent.objects.get(action="onestop.catalogue_import")
    assert event.actor == admin.user and event.agency == admin.agency
    assert "1 thêm mới" in event.summary and event.data["created"] == [CODE]


def test_a_dry_run_checks_but_writes_nothing(admin):
    report = import_json(catalogue(procedure()), actor=admin, agency=admin.agency, dry_run=True)
    assert report.created == [CODE] and report.summary().startswith("Kiểm tra xong (chưa lưu)")
    assert not Procedure.objects.exists() and not ProcedureField.objects.exists()
    assert not AuditEvent.objects.filter(action="onestop.catalogue_import").exists()


# --------------------------------------------------------------------------- errors
def test_every_error_is_reported_with_its_place_and_nothing_is_imported(admin):
    bad_days = second(steps=[{"name": "Tiếp nhận", "unit": "", "days": 0.5}, {"name": "Xử lý", "unit": "", "days": 2.3}])
    no_name = procedure("1.000001.000.00.00.H31", name="  ")
    bad_fee = procedure("1.000002.000.00.00.H31", fees=[{"kind": "thuế", "description": "X", "amount": "-5"}])
    errors = refused(admin, catalogue(procedure(), bad_days, no_name, bad_fee))
    assert errors == [
        f"Thủ tục 2 (mã {SECOND}): thời gian bước 2 phải là bội số của 0,5 ngày",
        "Thủ tục 3 (mã 1.000001.000.00.00.H31): thiếu tên thủ tục",
        "Thủ tục 4 (mã 1.000002.000.00.00.H31): loại của khoản phí, lệ phí 1 “thuế” không hợp lệ; chọn một trong: "
        "fee (Phí), charge (Lệ phí)",
        "Thủ tục 4 (mã 1.000002.000.00.00.H31): mức thu của khoản phí, lệ phí 1 “-5” phải là số tiền (đồng), số nguyên không âm",
    ]
    assert not Procedure.objects.exists() and not StoredFile.objects.exists()


def test_processing_days_must_equal_the_sum_of_the_steps(admin):
    errors = refused(admin, catalogue(procedure(processing_days=10)))
    assert errors == [
        f"Thủ tục 1 (mã {CODE}): tổng thời gian các bước là 7,5 ngày, khác thời hạn giải quyết 10 ngày: "
        "sửa thời gian các bước hoặc thời hạn giải quyết"
    ]


def test_without_steps_any_processing_time_is_accepted(admin):
    imported(admin, procedure(processing_days=15, steps=[]))
    assert Procedure.objects.get().processing_days == 15


@pytest.mark.parametrize("code", ["1.011442.000.00.00.H38", "1.011442", "2.000815.000.00.00.H55.02", "3.000181.000.00.00.H22"])
def test_national_and_provincial_codes_are_accepted(admin, code):
    imported(admin, procedure(code=code))
    assert Procedure.objects.get().code == code


@pytest.mark.parametrize("code", ["", "TTHC-01", "1.01144.000.00.00.H38", "1.011442.000.00.H38", "0.011442"])
def test_a_malformed_code_is_refused(admin, code):
    [error] = refused(admin, catalogue(procedure(code=code)))
    if code:
        assert error == f"Thủ tục 1 (mã {code}): mã thủ tục “{code}” không đúng dạng 1.011442.000.00.00.H38 hoặc 1.011442"
    else:
        assert error == "Thủ tục 1: thiếu mã thủ tục"


def test_a_code_twice_in_the_file_or_owned_by_another_agency_is_refused(cast, admin):
    errors = refused(admin, catalogue(procedure(), procedure()))
    assert errors == [f"Thủ tục 2 (mã {CODE}): mã thủ tục trùng với thủ tục 1 trong tệp"]
    import_json(catalogue(second()), actor=None, agency=cast.other)  # the operator, for Sở Xây dựng
    errors = refused(admin, catalogue(second()))
    assert errors == [f"Thủ tục 1 (mã {SECOND}): mã thủ tục đã dùng cho thủ tục của cơ quan “Sở Xây dựng”"]


def test_bad_values_of_steps_papers_and_field_are_named(admin):
    data = procedure(
        field={"code": "G99"},  # an unknown field needs its name
        processing_days="abc",
        level="huyện",
        steps=[{"order": 1, "name": "A", "days": 1}, {"order": 1, "name": "B", "days": -1}],
        papers=[{"name": "Đơn", "originals": "hai", "required": "có lẽ"}],
    )
    errors = refused(admin, catalogue(data))
    prefix = f"Thủ tục 1 (mã {CODE}): "
    assert [e.removeprefix(prefix) for e in errors] == [
        "lĩnh vực “G99” chưa có trong hệ thống: cần ghi tên lĩnh vực",
        "cấp thực hiện “huyện” không hợp lệ; chọn một trong: central (Cấp trung ương), province (Cấp tỉnh), commune (Cấp xã)",
        "thời hạn giải quyết “abc” không phải là số ngày",
        "thứ tự bước 1 bị trùng",
        "thời gian bước 1 phải từ 0 đến 9999,5 ngày",
        "số bản chính của giấy tờ 1 “hai” phải là số nguyên từ 0 đến 99",
        "“bắt buộc” của giấy tờ 1 “có lẽ” phải là Có hoặc Không",
    ]


def test_form_files_are_checked_by_content(admin):
    unknown = procedure(papers=[{"name": "Đơn", "form_file": {"sha256": "ab" * 32}}])
    [error] = refused(admin, catalogue(unknown))
    assert "không có tệp có mã SHA-256" in error and "hãy xuất danh mục kèm nội dung tệp" in error
    disguised = {"extension": "docx", "content_base64": base64.b64encode(pdf_bytes(["Mau don"])).decode()}
    [error] = refused(admin, catalogue(procedure(papers=[{"name": "Đơn", "form_file": disguised}])))
    assert error.startswith(f"Thủ tục 1 (mã {CODE}): tệp mẫu của giấy tờ 1: Nội dung tệp")
    assert "không phải là tệp .docx hợp lệ" in error
    broken = {"extension": "docx", "content_base64": "@@@"}
    [error] = refused(admin, catalogue(procedure(papers=[{"name": "Đơn", "form_file": broken}])))
    assert error.endswith("nội dung (content_base64) không phải base64 hợp lệ")


def test_the_file_must_be_a_catalogue(admin):
    assert refused(admin, {"format": "other"}) == ["Tệp không phải danh mục thủ tục của eOffice (format “other”)."]
    assert refused(admin, {"items": []}) == ["Tệp JSON phải có danh sách “procedures” (các thủ tục)."]
    assert refused(admin, {"procedures": []}) == ["Danh mục không có thủ tục nào."]
    assert refused(admin, ["not an object"]) == ["Thủ tục 1: phải là một đối tượng JSON"]


def test_only_the_agency_administrator_may_import(cast, admin):
    clerk = build_actor(cast.clerk, cast.office)
    with pytest.raises(NotAllowed, match="Chỉ quản trị viên của cơ quan"):
        import_json(catalogue(procedure()), actor=clerk, agency=cast.office)
    with pytest.raises(NotAllowed):  # an administrator of the office, importing for another agency
        import_json(catalogue(procedure()), actor=admin, agency=cast.other)
    assert not Procedure.objects.exists()


# --------------------------------------------------------------------------- bad files
def refused_file(admin, name: str, data: bytes) -> list[str]:
    with pytest.raises(CatalogueInvalid) as caught:
        import_file(name, data, actor=admin, agency=admin.agency)
    return caught.value.errors


def test_a_file_that_is_not_json_is_refused_clearly(admin):
    [error] = refused_file(admin, "danh-muc.json", b'{"procedures": [')
    assert error.startswith("Tệp “danh-muc.json” không phải JSON hợp lệ:") and "(dòng 1, cột 17)" in error
    legacy = "Đăng".encode("cp1258")  # a Windows code page, not UTF-8
    assert refused_file(admin, "danh-muc.json", legacy) == ["Tệp “danh-muc.json” không phải văn bản UTF-8, không phải tệp JSON."]
    workbook = export_xlsx(Procedure.objects.none())
    assert refused_file(admin, "danh-muc.json", workbook) == [
        "Tệp “danh-muc.json” không phải tệp JSON (nội dung là tệp nén, Office hoặc PDF)."
    ]


def test_a_file_that_is_not_xlsx_or_is_disguised_is_refused_by_content(admin):
    for data in (b"Ma thu tuc;Ten thu tuc\n", pdf_bytes(["Danh muc"]), FORM_DOCX):
        [error] = refused_file(admin, "danh-muc.xlsx", data)
        assert error == "Nội dung tệp “danh-muc.xlsx” không phải là tệp .xlsx hợp lệ (có thể tệp đã bị đổi tên)."
    assert refused_file(admin, "danh-muc.csv", b"a;b") == ["Tệp “danh-muc.csv”: chỉ nhận danh mục dạng .json hoặc .xlsx."]


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheets_of(data: bytes) -> dict[str, list[list]]:
    workbook = load_workbook(BytesIO(data))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}


def test_a_workbook_with_missing_sheets_or_columns_is_refused(admin):
    imported(admin, procedure())
    sheets = sheets_of(export_xlsx(Procedure.objects.all()))
    without_fees = {k: v for k, v in sheets.items() if k != "Phí, lệ phí"}
    assert refused_file(admin, "a.xlsx", workbook_bytes(without_fees)) == ["Tệp không có trang “Phí, lệ phí”."]
    cut = copy.deepcopy(sheets)
    cut["Thủ tục"] = [row[1:] for row in cut["Thủ tục"]]  # no "Mã thủ tục"
    cut["Trình tự"] = [row[:4] for row in cut["Trình tự"]]  # no days
    assert refused_file(admin, "a.xlsx", workbook_bytes(cut)) == [
        "Trang “Thủ tục” thiếu cột: Mã thủ tục.",
        "Trang “Trình tự” thiếu cột: Thời gian (ngày làm việc).",
    ]


def test_workbook_errors_name_the_sheet_and_row(admin):
    imported(admin, procedure())
    sheets = sheets_of(export_xlsx(Procedure.objects.all()))
    sheets["Trình tự"][2][4] = 1.2  # step 2, on row 3
    sheets["Trình tự"].append(["1.000000.000.00.00.H31", 1, "Bước lạc", "X", 1])
    errors = refused_file(admin, "a.xlsx", workbook_bytes(sheets))
    assert errors == [
        "Trang “Trình tự”, dòng 6: mã thủ tục “1.000000.000.00.00.H31” không có trong trang “Thủ tục”.",
        f"Thủ tục 1 (mã {CODE}): thời gian bước 2 phải là bội số của 0,5 ngày (trang “Trình tự”, dòng 3)",
    ]


def test_a_workbook_typed_by_hand_accepts_labels_and_any_column_order(admin):
    code = "1.000635"
    heading = ["Tên thủ tục", "Mã thủ tục", "Mã lĩnh vực", "Tên lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện"]
    heading += ["Thời hạn giải quyết (ngày làm việc)", "Kết quả thực hiện", "Dịch vụ công trực tuyến", "Công khai"]
    row = ["Cấp bản sao trích lục hộ tịch", code, "G07-HT", "Hộ tịch", "Cấp xã", "UBND xã", "1", "Bản sao", "Toàn trình", "x"]
    sheets = {
        "Thủ tục": [heading, row],
        "Trình tự": [
            ["Mã thủ tục", "Thứ tự", "Nội dung công việc", "Đơn vị thực hiện", "Thời gian (ngày làm việc)", "Đơn vị theo dõi"],
            [code, 1, "Tiếp nhận", "Bộ phận Một cửa", "0,5", "TH"],
            [code, 2, "Cấp bản sao", "", 0.5, "phòng kinh tế"],
        ],
        "Thành phần hồ sơ": [
            ["Mã thủ tục", "Thứ tự", "Tên giấy tờ", "Bản chính", "Bản sao", "Bắt buộc"],
            [code, 1, "Tờ khai", 1, 0, "Không"],
        ],
        "Phí, lệ phí": [
            ["Mã thủ tục", "Loại", "Nội dung", "Mức thu (đồng)"],
            [code, "Lệ phí", "Lệ phí cấp bản sao", "8.000 đồng"],
        ],
    }
    import_xlsx(workbook_bytes(sheets), actor=admin, agency=admin.agency)
    p = Procedure.objects.get(code="1.000635")
    assert (p.level, p.online, p.published, p.processing_days) == ("commune", "full", True, 1)
    assert p.papers.get().required is False
    assert (p.fees.get().kind, p.fees.get().amount) == ("charge", 8000)


# --------------------------------------------------------------------------- management commands
def test_the_commands_export_and_import_a_catalogue(cast, admin, tmp_path):
    imported(admin, procedure(), second())
    before = exported()
    path = tmp_path / "danh-muc.xlsx"
    call_command("export_procedures", "--format", "xlsx", "-o", str(path), stdout=StringIO())
    json_out = StringIO()
    call_command("export_procedures", "--agency", "VP", stdout=json_out)
    assert len(json.loads(json_out.getvalue())["procedures"]) == 2
    mess_up_catalogue()
    out = StringIO()
    call_command("import_procedures", str(path), "--agency", "000.01.00.H26", stdout=out)
    assert "Đã nhập 2 thủ tục: 1 thêm mới, 1 cập nhật." in out.getvalue()
    assert exported() == before
    assert AuditEvent.objects.filter(action="onestop.catalogue_import", actor=None).count() == 1


def test_the_import_command_lists_every_error(cast, tmp_path):
    path = tmp_path / "danh-muc.json"
    path.write_text(json.dumps(catalogue(procedure(processing_days=1), second(name=""))), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="có 2 lỗi, chưa thủ tục nào được lưu"):
        call_command("import_procedures", str(path), "--agency", "VP", stderr=err)
    assert "tổng thời gian các bước là 7,5 ngày" in err.getvalue() and "thiếu tên thủ tục" in err.getvalue()
    with pytest.raises(CommandError, match="Không có cơ quan có tên viết tắt hoặc mã định danh “XYZ”"):
        call_command("import_procedures", str(path), "--agency", "XYZ")


def test_the_import_command_refuses_an_ambiguous_agency(cast, tmp_path):
    Agency.objects.create(name="Văn phòng Sở", short_name="VP", organ_id="000.03.00.H26", hosted=True)
    path = tmp_path / "danh-muc.json"
    path.write_text(json.dumps(catalogue(procedure())), encoding="utf-8")
    with pytest.raises(CommandError, match="Có nhiều cơ quan “VP”"):
        call_command("import_procedures", str(path), "--agency", "VP")


# --------------------------------------------------------------------------- Django admin
@pytest.fixture
def superuser_client(cast):
    user = User.objects.create_superuser(username="sieuquantri", password="matkhau-123", full_name="Quản trị hệ thống")
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_edits_procedures_with_their_steps_papers_and_fees(admin, superuser_client):
    imported(admin, procedure())
    p = Procedure.objects.get()
    assert superuser_client.get("/admin/onestop/procedure/").status_code == 200
    page = superuser_client.get(f"/admin/onestop/procedure/{p.pk}/change/").content.decode()
    assert "Thẩm định hồ sơ" in page and "Đơn đề nghị cấp giấy phép xây dựng" in page and "Phí thẩm định" in page
    assert superuser_client.get("/admin/onestop/procedurefield/").status_code == 200
    assert superuser_client.get("/admin/onestop/onestopsettings/add/").status_code == 200


def test_the_admin_exports_the_selected_procedures(admin, superuser_client):
    imported(admin, procedure(), second())
    chosen = Procedure.objects.get(code=SECOND)
    response = superuser_client.post(
        "/admin/onestop/procedure/", {"action": "export_json", "_selected_action": [chosen.pk]}, follow=False
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert [p["code"] for p in json.loads(response.content)["procedures"]] == [SECOND]
    response = superuser_client.post("/admin/onestop/procedure/", {"action": "export_xlsx", "_selected_action": [chosen.pk]})
    assert load_workbook(BytesIO(response.content))["Thủ tục"]["A2"].value == SECOND


def test_the_admin_refuses_a_malformed_code_and_half_day_violations():
    form = ProcedureForm(data={"code": "TTHC-01"})
    assert form.errors["code"] == ["Mã thủ tục không đúng dạng 1.011442.000.00.00.H38 hoặc 1.011442."]
    step = ProcedureStepForm(data={"order": 1, "name": "Tiếp nhận", "days": "0.3"})
    assert step.errors["days"] == ["Thời gian phải là bội số của 0,5 ngày."]


def test_the_admin_warns_when_the_steps_do_not_add_up(admin, rf):
    imported(admin, procedure())
    p = Procedure.objects.get()
    p.processing_days = 10
    p.save()
    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    form = type("SavedForm", (), {"instance": p, "save_m2m": lambda self: None})()
    django_admin.site._registry[Procedure].save_related(request, form, [], True)
    assert [str(m) for m in get_messages(request)] == [
        f"Tổng thời gian các bước là 7,5 ngày, khác thời hạn giải quyết 10 ngày của thủ tục {CODE}."
    ]


def _with_doctype(workbook: bytes) -> bytes:
    """The same workbook with a DOCTYPE declaring an entity in its first sheet."""
    source, out = zipfile.ZipFile(BytesIO(workbook)), BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + data
            target.writestr(entry, data)
    return out.getvalue()


def test_a_workbook_with_a_doctype_is_refused_clearly_not_parsed(admin):
    workbook = _with_doctype(export_xlsx(Procedure.objects.all()))
    assert refused_file(admin, "danh-muc.xlsx", workbook) == ["Tệp “danh-muc.xlsx” không đọc được như một bảng tính XLSX."]


def test_a_workbook_that_unpacks_past_the_cap_is_refused(admin, settings):
    settings.EOFFICE_UNZIPPED_XML_MAX_MB = 1
    big = workbook_bytes({"Thủ tục": [["x" * 1000] for _ in range(2000)]})
    [error] = refused_file(admin, "danh-muc.xlsx", big)
    assert error.startswith("Tệp “danh-muc.xlsx” bị từ chối: phần nội dung giải nén ra") and "vượt giới hạn 1 MB" in error
