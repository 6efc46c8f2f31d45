"""/nhat-ky/: the agency's audit log for its auditors and administrators, filtered,
and exported with the hash chain an inspector can check without eOffice."""

import csv
import hashlib
import io
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from eoffice.audit.models import AuditEvent
from eoffice.audit.services import audit_record
from eoffice.auditlog import exports
from eoffice.conftest import person
from eoffice.organisation.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(cast):
    return person("kiemtranhatky", cast.office, Role.AUDITOR, position="Thanh tra")


def log(**kwargs):
    with transaction.atomic():
        return audit_record(**kwargs)


@pytest.fixture
def rows(cast):
    """A change of the office, a sign-in of its clerk, and the other agency's change and sign-in."""
    return [
        log(actor=cast.clerk, action="incoming.register", agency=cast.office, summary="Vào sổ số đến 7"),
        log(actor=cast.clerk, action="auth.login", summary="Đăng nhập vanthu"),
        log(actor=cast.outsider, action="incoming.register", agency=cast.other, summary="Vào sổ của Sở Xây dựng"),
        log(actor=cast.outsider, action="auth.login", summary="Đăng nhập vanthu2"),
    ]


def page(client, **params):
    return client.get(reverse("audit-log"), params)


def test_an_auditor_sees_the_agency_and_its_peoples_sign_ins_only(client, auditor, rows):
    client.force_login(auditor)
    text = page(client).content.decode()
    assert "Vào sổ số đến 7" in text and "Đăng nhập vanthu<" in text
    assert "Sở Xây dựng" not in text.split("<main", 1)[-1] and "vanthu2" not in text


def test_only_auditors_and_administrators_may_read_it(client, cast, auditor, rows):
    client.force_login(cast.clerk)
    assert page(client).status_code == 403
    assert client.get(reverse("audit-log-csv")).status_code == 403
    assert "/nhat-ky/" not in client.get(reverse("home")).content.decode()
    admin = person("quantri", cast.office, Role.ADMIN)
    client.force_login(admin)
    assert page(client).status_code == 200 and 'href="/nhat-ky/"' in client.get(reverse("home")).content.decode()
    client.logout()
    assert page(client).status_code == 302


def test_reading_the_log_is_itself_logged(client, auditor):
    client.force_login(auditor)
    page(client, kind="auth")
    read = AuditEvent.objects.get(action="audit.log_read")
    assert read.actor == auditor and "kind=auth" in read.summary


def test_filters_by_kind_person_words_and_dates(client, cast, auditor, rows):
    client.force_login(auditor)
    assert "Vào sổ số đến 7" not in page(client, kind="auth").content.decode()
    assert "Không có dòng nhật ký nào khớp bộ lọc." in page(client, q="không có ở đâu").content.decode()
    assert "Đăng nhập vanthu" not in page(client, kind="change").content.decode()
    assert "Vào sổ số đến 7" not in page(client, person=auditor.pk).content.decode()
    assert "Vào sổ số đến 7" in page(client, q="số đến 7").content.decode()
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert "Vào sổ số đến 7" not in page(client, date_from=tomorrow.strftime("%d/%m/%Y")).content.decode()
    assert "Vào sổ số đến 7" in page(client, date_to=tomorrow.strftime("%d/%m/%Y")).content.decode()


def test_bad_filters_are_named_not_a_failure(client, auditor):
    client.force_login(auditor)
    response = page(client, date_from="31/02/2026", kind="khong-co", person="abc")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy" in text
    assert "khong-co không phải là một trong các lựa chọn" in text
    assert response.context["page"] is None  # no rows under a filter that was not understood
    backwards = page(client, date_from="10/03/2026", date_to="01/03/2026").content.decode()
    assert "Đến ngày phải sau hoặc bằng từ ngày." in backwards
    assert client.get(reverse("audit-log-csv"), {"date_from": "xyz"}).status_code == 400


def test_the_csv_carries_the_chain_an_inspector_can_recompute(client, cast, auditor, rows):
    log(actor=cast.clerk, action="incoming.note", agency=cast.office, summary='=HYPERLINK("http://x")')
    client.force_login(auditor)
    response = client.get(reverse("audit-log-csv"), {"kind": "change"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff") and 'attachment; filename="nhat-ky-' in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert table[0] == exports.COLUMNS
    office_rows = [line for line in table[1:] if line[0] == "cơ quan"]
    assert [line[8] for line in office_rows] == ["Vào sổ số đến 7", '\'=HYPERLINK("http://x")']
    for line in office_rows:
        assert hashlib.sha256(line[12].encode("utf-8")).hexdigest() == line[11]
    assert office_rows[1][10] == office_rows[0][11]  # each row names the hash of the one before
    export = AuditEvent.objects.get(action="access.export")
    assert export.actor == auditor and export.agency == cast.office


def test_the_workbook_holds_the_same_rows(client, auditor, rows):
    client.force_login(auditor)
    response = client.get(reverse("audit-log-xlsx"), {"kind": "change"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[1]) == exports.COLUMNS
    assert [row[8] for row in values[2:]] == ["Vào sổ số đến 7"]


def test_a_workbook_too_large_asks_for_csv(client, auditor, rows, monkeypatch):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 1)
    client.force_login(auditor)
    response = client.get(reverse("audit-log-xlsx"))
    assert response.status_code == 400 and "tải CSV" in response.content.decode()
