"""Danh bạ cơ quan liên thông: exported and imported as XLSX or CSV (all or
nothing, each bad row named), and the senders not in it listed for the
administrator, who adds them; the registry is warned on such a package."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from eoffice.audit.models import AuditEvent
from eoffice.core.errors import ValidationFailed
from eoffice.exchange import directory
from eoffice.exchange.receiving import receive_package
from eoffice.exchange.tests.documents import a_package
from eoffice.organisation.models import Agency, User

pytestmark = pytest.mark.django_db
HEADINGS = [
    "Mã định danh",
    "Tên cơ quan",
    "Tên viết tắt",
    "Mã định danh cơ quan cấp trên",
    "Địa chỉ",
    "Thư điện tử",
    "Điện thoại",
]


def xlsx(rows, headings=HEADINGS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows, headings=HEADINGS, encoding="utf-8-sig") -> bytes:
    lines = [",".join(headings), *(",".join(row) for row in rows)]
    return "\n".join(lines).encode(encoding)


CITY = ["000.00.00.H31", "UBND thành phố Hải Phòng", "UBND", "", "18 Hoàng Diệu", "ubnd@haiphong.gov.vn", "0225 3842 000"]
FINANCE = ["000.00.13.H31", "Sở Tài chính", "STC", "000.00.00.H31", "", "stc@haiphong.gov.vn", ""]


def test_an_export_imports_back_into_another_installation_unchanged(cast):
    city = Agency.objects.create(name="UBND thành phố Hải Phòng", short_name="UBND", organ_id="000.00.00.H31")
    Agency.objects.create(name="Sở Tài chính", short_name="STC", organ_id="000.00.13.H31", parent=city, email="stc@hp.gov.vn")
    exported = directory.export_rows(Agency.objects.exclude(organ_id=None))
    data = directory.export_xlsx(Agency.objects.exclude(organ_id=None))
    assert [c.value for c in load_workbook(io.BytesIO(data)).active[1]] == HEADINGS
    for organ_id in ("000.00.13.H31", "000.00.00.H31"):  # the child first: its parent is protected
        Agency.objects.filter(organ_id=organ_id).delete()
    report = directory.import_file("danh-ba.xlsx", data, actor=None)
    assert (report.created, report.updated) == (2, 2)  # the cast's two agencies were there already
    assert directory.export_rows(Agency.objects.exclude(organ_id=None)) == exported
    assert Agency.objects.get(organ_id="000.00.13.H31").parent.organ_id == "000.00.00.H31"
    assert AuditEvent.objects.filter(action="exchange.directory_imported").exists()


def test_csv_in_utf8_adds_and_updates_and_never_changes_hosting(cast):
    office = cast.office
    rows = [CITY, FINANCE, [office.organ_id, "Văn phòng UBND (tên mới)", "VP", "", "", "", ""]]
    report = directory.import_file("danh-ba.csv", csv_bytes(rows), actor=cast.clerk)
    assert (report.created, report.updated) == (2, 1)
    office.refresh_from_db()
    assert office.name == "Văn phòng UBND (tên mới)" and office.hosted
    assert not Agency.objects.get(organ_id="000.00.13.H31").hosted
    csv_export = directory.export_csv(Agency.objects.filter(organ_id="000.00.13.H31")).decode("utf-8-sig")
    assert "000.00.13.H31,Sở Tài chính,STC,000.00.00.H31" in csv_export


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (csv_bytes([CITY, ["000.00.14.H31", "", "", "", "", "", ""]]), "Dòng 3: thiếu tên cơ quan."),
        (csv_bytes([CITY, ["0.13.h31 x", "Sở Tài chính", "", "", "", "", ""]]), "Dòng 3: Mã định danh không hợp lệ"),
        (csv_bytes([CITY, CITY]), "Dòng 3: mã định danh 000.00.00.H31 trùng"),
        (csv_bytes([FINANCE]), "không có cơ quan cấp trên mã 000.00.00.H31"),
        (csv_bytes([[*CITY[:5], "khong-phai-email", ""]]), "thư điện tử “khong-phai-email” không hợp lệ"),
        (csv_bytes([CITY], headings=["Mã", "Tên"]), "phải có tên cột “Mã định danh” và “Tên cơ quan”"),
        ("Mã định danh,Tên cơ quan\n000.00.00.H31,UBND".encode("utf-16"), "bảng mã UTF-8"),
        (b"", "không có dòng nào"),
        (b"PK\x03\x04 not really a workbook", "không"),
        (xlsx([[*CITY[:1], "x" * 201, *CITY[2:]]]), "“Tên cơ quan” quá dài"),
    ],
    ids=["no name", "bad id", "twice", "no parent", "bad e-mail", "no headings", "utf-16", "empty", "broken xlsx", "too long"],
)
def test_a_bad_file_writes_nothing_and_says_which_row(cast, data, message):
    before = list(Agency.objects.values_list("organ_id", "name"))
    with pytest.raises(ValidationFailed) as refusal:
        directory.import_file("danh-ba.csv", data, actor=None)
    assert message in refusal.value.message + " ".join(refusal.value.fields.get("file", []))
    assert list(Agency.objects.values_list("organ_id", "name")) == before


def test_a_workbook_that_unpacks_past_the_cap_is_refused(cast, settings):
    settings.EOFFICE_UNZIPPED_XML_MAX_MB = 1
    data = xlsx([[f"000.00.{n % 100:02d}.H{n // 100:02d}", "Cơ quan " + "x" * 150, "", "", "", "", ""] for n in range(9000)])
    with pytest.raises(ValidationFailed, match="giải nén"):
        directory.import_file("lon.xlsx", data, actor=None)


def test_the_command_exports_and_imports(cast, tmp_path):
    path = tmp_path / "danh-ba.csv"
    path.write_bytes(csv_bytes([CITY, FINANCE]))
    call_command("exchange_directory", "import", str(path), "--dry-run")
    assert not Agency.objects.filter(organ_id="000.00.13.H31").exists()
    call_command("exchange_directory", "import", str(path))
    assert Agency.objects.get(organ_id="000.00.13.H31").name == "Sở Tài chính"
    out = tmp_path / "ra.xlsx"
    call_command("exchange_directory", "export", str(out))
    assert load_workbook(out).active.max_row == Agency.objects.exclude(organ_id=None).count() + 1
    path.write_bytes(csv_bytes([FINANCE[:1] + [""] * 6]))
    with pytest.raises(CommandError, match="thiếu tên cơ quan"):
        call_command("exchange_directory", "import", str(path))


def test_unknown_senders_are_listed_added_and_warned_about(cast, client):
    (package,) = receive_package(stream=io.BytesIO(a_package()), transport="directory").packages
    assert directory.unknown_senders()[0]["sender_organ_id"] == "000.00.13.H31"
    client.force_login(cast.clerk)
    page = client.get(reverse("incoming-package", args=[package.pk])).content.decode()
    assert 'id="unknown-sender"' in page

    client.force_login(User.objects.create_superuser(username="quantri", password="matkhau-123"))
    listing = client.get(reverse("admin:exchange_directory_unknown")).content.decode()
    assert "000.00.13.H31" in listing and "Sở Tài chính" in listing
    client.post(reverse("admin:exchange_directory_unknown"), {"organ_id": "000.00.13.H31", "name": "Sở Tài chính"})
    assert Agency.objects.get(organ_id="000.00.13.H31").hosted is False
    assert directory.unknown_senders() == []
    bad = client.post(reverse("admin:exchange_directory_unknown"), {"organ_id": "<script>", "name": "x"}, follow=True)
    assert "Mã định danh không hợp lệ" in bad.content.decode()
    client.force_login(cast.clerk)
    assert 'id="unknown-sender"' not in client.get(reverse("incoming-package", args=[package.pk])).content.decode()


def test_the_admin_imports_and_exports_the_directory(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(User.objects.create_superuser(username="quantri", password="matkhau-123"))
    url = reverse("admin:exchange_directory_import")
    bad = client.post(url, {"file": SimpleUploadedFile("d.csv", csv_bytes([FINANCE]))})
    assert bad.status_code == 400 and "không có cơ quan cấp trên" in bad.content.decode()
    done = client.post(url, {"file": SimpleUploadedFile("d.csv", csv_bytes([CITY, FINANCE]))}, follow=True)
    assert "Đã thêm 2 và cập nhật 0 cơ quan" in done.content.decode()
    changelist = reverse("admin:exchange_directoryagency_changelist")
    assert url in client.get(changelist).content.decode()
    ids = list(Agency.objects.filter(organ_id__endswith=".H31").values_list("pk", flat=True))
    exported = client.post(changelist, {"action": "export_csv", "_selected_action": ids})
    assert exported["Content-Disposition"].endswith('danh-ba-lien-thong.csv"')
    assert "Sở Tài chính" in exported.content.decode("utf-8-sig")
    client.force_login(User.objects.create_user(username="nhanvien", password="matkhau-123", is_staff=True))
    assert client.get(url).status_code == 403
