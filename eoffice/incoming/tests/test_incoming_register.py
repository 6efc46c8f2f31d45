import unicodedata
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from eoffice.audit.models import AuditEvent
from eoffice.conftest import incoming_data, make_pdf
from eoffice.core.errors import Duplicate, NotAllowed, ValidationFailed
from eoffice.incoming.handling.services import incoming_recall
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.tests.helpers import registration_year
from eoffice.registers.models import Register, RegisterKind

pytestmark = pytest.mark.django_db


def register(cast, **overrides):
    files = overrides.pop("files", ())
    confirm = overrides.pop("confirm_duplicate", False)
    return incoming_register(
        actor=cast.actor(cast.clerk), data=incoming_data(**overrides), files=files, confirm_duplicate=confirm
    )


def test_it_assigns_the_next_arrival_number(cast):
    first = register(cast)
    second = register(cast, code_number="126")
    assert (first.arrival_number, second.arrival_number) == (1, 2)
    assert first.register.kind == RegisterKind.INCOMING and first.register.year == registration_year()


def test_arrival_numbers_restart_each_year_of_registration(cast, monkeypatch):
    """ND30 Art.22 §2: a document dated and arrived on 31/12 but registered on
    2 January is number 1 of the new year's register, not the last of the old."""
    from eoffice.incoming.receiving import services

    monkeypatch.setattr(services, "today", lambda: date(2026, 12, 31))
    last = register(cast, issued_date=date(2026, 12, 30), arrival_date=date(2026, 12, 31))
    monkeypatch.setattr(services, "today", lambda: date(2027, 1, 2))
    late = register(cast, code_number="127", issued_date=date(2026, 12, 31), arrival_date=date(2026, 12, 31))
    assert (last.register.year, late.register.year, late.arrival_number) == (2026, 2027, 1)
    assert late.arrival_date == date(2026, 12, 31)  # the real arrival date is kept


def test_a_late_registered_paper_keeps_its_arrival_date_and_the_order_of_receipt(cast):
    from eoffice.incoming.reports.selectors import register_rows

    today = register(cast, arrival_date=date(2026, 12, 7))
    late = register(cast, code_number="128", issued_date=date(2026, 11, 20), arrival_date=date(2026, 11, 25))
    assert late.arrival_number == today.arrival_number + 1 and late.arrival_date == date(2026, 11, 25)
    rows = list(register_rows(cast.actor(cast.clerk), year=registration_year()))
    assert [row.arrival_number for row in rows] == [today.arrival_number, late.arrival_number]
    clerk = cast.actor(cast.clerk)
    in_november = register_rows(clerk, year=registration_year(), date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    assert list(in_november) == [late]


def test_confidential_documents_have_their_own_register(cast):
    register(cast)
    secret = register(cast, code_number="9", confidentiality=1)
    assert secret.arrival_number == 1
    assert secret.register.kind == RegisterKind.INCOMING_SECRET


def test_it_stores_attachments_with_their_digest(cast):
    document = register(cast, files=[make_pdf()])
    stored = document.attachments.get().stored_file
    assert len(stored.sha256) == 64 and stored.size > 0 and stored.content_type == "application/pdf"


def test_a_duplicate_is_refused_unless_confirmed(cast):
    register(cast)
    with pytest.raises(Duplicate) as error:
        register(cast, organ_name="SỞ XÂY DỰNG ")
    assert "đã được vào sổ" in error.value.message
    assert register(cast, confirm_duplicate=True).arrival_number == 2


def test_the_same_identifier_is_a_duplicate_however_the_issuer_was_typed(cast):
    """ND30 Appendix VI III.1.h: the issuer's mã định danh, number, symbol and year."""
    register(cast, organ_id="000.00.12.H26")
    with pytest.raises(Duplicate) as error:
        register(cast, organ_name="SXD Hải Phòng", organ_id="000.00.12.H26")
    assert "mã định danh" in error.value.fields["code_number"][0]
    assert register(cast, organ_name="SXD Hải Phòng", organ_id="000.00.13.H26").arrival_number == 2  # another issuer


def test_the_same_number_from_another_year_is_not_a_duplicate(cast):
    register(cast)
    assert register(cast, issued_date=date(2025, 6, 1)).arrival_number == 2


def test_another_issuer_or_a_recalled_document_is_not_a_duplicate(cast):
    first = register(cast)
    assert register(cast, organ_name="Sở Tài chính").arrival_number == 2
    incoming_recall(actor=cast.actor(cast.clerk), document=first, reason="Cơ quan ban hành thu hồi")
    assert register(cast).arrival_number == 3


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"arrival_date": date(2026, 3, 1)}, "arrival_date"),  # before the issued date
        ({"subject": "  "}, "subject"),
        ({"issued_date": None}, "issued_date"),
        ({"priority": 7}, "priority"),
        ({"organ_id": "abc..1"}, "organ_id"),
        ({"arrival_date": date(2999, 1, 1)}, "arrival_date"),
    ],
)
def test_bad_data_is_refused_and_consumes_no_number(cast, overrides, field):
    with pytest.raises(ValidationFailed) as error:
        register(cast, **overrides)
    assert field in error.value.fields
    assert not IncomingDocument.objects.exists()
    assert register(cast).arrival_number == 1


def test_a_disguised_executable_is_refused_and_nothing_is_saved(cast):
    exe = SimpleUploadedFile("van-ban.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationFailed) as error:
        register(cast, files=[make_pdf("a.pdf"), exe])
    assert "van-ban.pdf" in error.value.message
    assert not IncomingDocument.objects.exists()
    assert not Register.objects.filter(last_number__gt=0).exists()


@override_settings(EOFFICE_MAX_UPLOAD_MB=1)
def test_a_file_over_the_size_limit_is_refused(cast):
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationFailed, match="vượt quá dung lượng"):
        register(cast, files=[big])


def test_only_the_registry_registers(cast):
    with pytest.raises(NotAllowed):
        incoming_register(actor=cast.actor(cast.specialist), data=incoming_data())


def test_text_is_stored_in_nfc(cast):
    decomposed = unicodedata.normalize("NFD", "Về việc xây dựng")
    document = register(cast, subject=decomposed)
    document.refresh_from_db()
    assert document.subject == unicodedata.normalize("NFC", "Về việc xây dựng")


def test_registration_is_audited(cast):
    document = register(cast)
    event = AuditEvent.objects.get(action="incoming.register")
    assert event.object_id == str(document.pk) and event.actor == cast.clerk


def test_search_works_with_and_without_diacritics(cast):
    document = register(cast, subject="Đề nghị đầu tư đường giao thông")
    for query in ["đường giao thông", "duong giao thong", "DE NGHI", "Đề nghị"]:
        assert list(IncomingDocument.objects.search(query)) == [document]
