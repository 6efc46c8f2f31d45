"""Cập nhật, bổ sung thông tin văn bản đến (ND30 Appendix VI III.7.c): the registry
corrects what was registered; the old values stay in the trace and the audit
log; the number, the register and the độ mật do not change; the register,
search and the API follow the new values."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from eoffice.audit.models import AuditEvent
from eoffice.conftest import incoming_data
from eoffice.core.errors import NotAllowed, ValidationFailed
from eoffice.incoming.handling.correction import incoming_correct
from eoffice.incoming.handling.services import incoming_recall
from eoffice.incoming.models import IncomingDocument, TraceEntry
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.reports.exports import register_xlsx
from eoffice.incoming.tests.api_helpers import API, login
from eoffice.incoming.tests.helpers import registration_year

pytestmark = pytest.mark.django_db

WRONG = "Về việc báo cáo tình hình trật tư xây dựng"  # a typo: "trật tư"
RIGHT = "Về việc báo cáo tình hình trật tự xây dựng quý IV"


def registered(cast, **overrides):
    return incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(subject=WRONG, **overrides))


def test_the_clerk_corrects_the_subject_and_the_old_value_is_kept(cast):
    document = registered(cast)
    number, register = document.arrival_number, document.register_id
    corrected = incoming_correct(
        actor=cast.actor(cast.clerk),
        document=document,
        data={"subject": RIGHT, "code_number": "125", "signer_full_name": "Trần Văn B"},  # two unchanged
        reason="Sai chính tả khi vào sổ",
    )
    corrected.refresh_from_db()
    assert (corrected.subject, corrected.arrival_number, corrected.register_id) == (RIGHT, number, register)
    trace = TraceEntry.objects.get(document=document, action="correct")
    assert trace.summary == "Cập nhật thông tin văn bản đến: Trích yếu"
    assert trace.opinion == f"Sai chính tả khi vào sổ\nTrích yếu: “{WRONG}” → “{RIGHT}”"
    event = AuditEvent.objects.get(action="incoming.correct")
    assert event.data == {"reason": "Sai chính tả khi vào sổ", "changes": {"subject": {"old": WRONG, "new": RIGHT}}}


def test_dates_and_blank_values_are_recorded_readably(cast):
    document = registered(cast, due_date=None)
    incoming_correct(
        actor=cast.actor(cast.clerk),
        document=document,
        data={"issued_date": date(2026, 3, 1), "due_date": date(2026, 3, 20), "organ_id": "  "},
        reason="Bổ sung hạn giải quyết",
    )
    trace = TraceEntry.objects.get(document=document, action="correct")
    assert "Ngày văn bản: “02/03/2026” → “01/03/2026”" in trace.opinion
    assert "Hạn trả lời / giải quyết: “(trống)” → “20/03/2026”" in trace.opinion
    changes = AuditEvent.objects.get(action="incoming.correct").data["changes"]
    assert changes["due_date"] == {"old": None, "new": "2026-03-20"} and "organ_id" not in changes


def test_the_register_and_search_follow_the_new_values(cast):
    document = registered(cast)
    incoming_correct(actor=cast.actor(cast.clerk), document=document, data={"subject": RIGHT}, reason="Sai chính tả")
    assert list(IncomingDocument.objects.search("trat tu xay dung quy IV")) == [document]
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(register_xlsx(cast.actor(cast.clerk), year=registration_year()))).active
    assert any(f"Công văn: {RIGHT}" in row for row in sheet.iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"subject": "  "}, "subject", "Trích yếu là bắt buộc."),
        ({"issued_date": date(2026, 3, 5)}, "arrival_date", "Ngày đến không được trước ngày văn bản."),
        ({"arrival_date": date.today() + timedelta(days=1)}, "arrival_date", "Ngày đến không được sau ngày hôm nay."),
        ({"priority": 7}, "priority", "Độ khẩn phải là"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(cast, data, field, message):
    document = registered(cast)
    with pytest.raises(ValidationFailed) as refused:
        incoming_correct(actor=cast.actor(cast.clerk), document=document, data=data, reason="Thử sửa thông tin")
    assert message in " ".join(refused.value.fields[field])
    document.refresh_from_db()
    assert document.subject == WRONG and not TraceEntry.objects.filter(action="correct").exists()


def test_no_change_no_reason_or_a_frozen_field_is_refused(cast):
    document = registered(cast)
    clerk = cast.actor(cast.clerk)
    with pytest.raises(ValidationFailed, match="Không có thông tin nào thay đổi"):
        incoming_correct(actor=clerk, document=document, data={"subject": WRONG}, reason="Không đổi gì cả")
    with pytest.raises(ValidationFailed, match="lý do"):
        incoming_correct(actor=clerk, document=document, data={"subject": RIGHT}, reason=" ")
    with pytest.raises(ValidationFailed, match="Không có thông tin nào thay đổi"):  # not correctable here
        incoming_correct(actor=clerk, document=document, data={"confidentiality": 2, "arrival_number": 99}, reason="Đổi độ mật")
    document.refresh_from_db()
    assert (document.confidentiality, document.arrival_number) == (0, 1)


def test_only_the_registry_corrects_and_not_after_a_recall(cast):
    document = registered(cast)
    for someone in (cast.leader, cast.specialist, cast.head):
        with pytest.raises(NotAllowed):
            incoming_correct(actor=cast.actor(someone), document=document, data={"subject": RIGHT}, reason="Sửa giúp")
    incoming_recall(actor=cast.actor(cast.clerk), document=document, reason="Cơ quan ban hành thu hồi")
    with pytest.raises(Exception, match="thu hồi"):
        incoming_correct(actor=cast.actor(cast.clerk), document=document, data={"subject": RIGHT}, reason="Sửa sau thu hồi")


def test_the_page_offers_the_form_filled_and_saves_it(client, cast):
    document = registered(cast)
    client.force_login(cast.clerk)
    page = client.get(reverse("incoming-detail", args=[document.pk])).content.decode()
    assert "Cập nhật, bổ sung thông tin văn bản" in page and WRONG in page
    form = {
        f"correct-{name}": value
        for name, value in {
            "type_name": "Công văn",
            "code_number": "125",
            "code_notation": "SXD-QLXD",
            "issued_date": "02/03/2026",
            "organ_name": "Sở Xây dựng",
            "subject": RIGHT,
            "arrival_date": "03/03/2026",
            "priority": "0",
            "language": "Tiếng Việt",
            "reason": "Sai chính tả khi vào sổ",
        }.items()
    }
    response = client.post(reverse("incoming-correct", args=[document.pk]), form)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.subject == RIGHT
    bad = client.post(reverse("incoming-correct", args=[document.pk]), {**form, "correct-reason": ""})
    assert bad.status_code == 400 and "Lý do cập nhật" in bad.content.decode()  # the page again, with the error
    client.force_login(cast.specialist)
    assert (
        "Cập nhật, bổ sung thông tin văn bản" not in client.get(reverse("incoming-detail", args=[document.pk])).content.decode()
    )


def test_the_api_corrects_with_the_same_rules(cast):
    document = registered(cast)
    clerk = login(cast.clerk.username)
    url = f"{API}/incoming/{document.pk}/correct/"
    response = clerk.post(url, {"subject": RIGHT, "reason": "Sai chính tả khi vào sổ"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["subject"] == RIGHT
    refused = clerk.post(url, {"subject": RIGHT, "reason": "Gửi lại lần nữa"}, format="json")
    assert refused.status_code == 400 and "Không có thông tin nào thay đổi" in refused.json()["error"]["message"]
    specialist = login(cast.specialist.username)
    assert specialist.post(url, {"subject": "x", "reason": "Không phải văn thư"}, format="json").status_code in (403, 404)


def test_a_correction_that_makes_a_duplicate_is_warned_unless_confirmed(cast):
    """III.1.h holds after registration too: changing the number to that of
    another registered document from the same issuer asks for confirmation."""
    from eoffice.core.errors import Duplicate

    first = registered(cast)  # 125/SXD-QLXD of Sở Xây dựng
    second = registered(cast, code_number="126")
    with pytest.raises(Duplicate, match="số đến 1") as warned:
        incoming_correct(actor=cast.actor(cast.clerk), document=second, data={"code_number": "125"}, reason="Sai số khi vào sổ")
    assert "code_number" in warned.value.fields
    second.refresh_from_db()
    assert second.code_number == "126"
    incoming_correct(
        actor=cast.actor(cast.clerk),
        document=second,
        data={"code_number": "125"},
        reason="Sai số khi vào sổ",
        confirm_duplicate=True,
    )
    # Correcting the subject of the first one is no duplicate of itself.
    incoming_correct(
        actor=cast.actor(cast.clerk), document=first, data={"subject": RIGHT, "code_number": "125"}, reason="Sai chính tả"
    )
    third = registered(cast, code_number="127")
    url = f"{API}/incoming/{third.pk}/correct/"
    body = {"code_number": "125", "reason": "Sai số khi vào sổ"}
    warned_api = login("vanthu").post(url, body, format="json")
    assert warned_api.status_code == 409 and warned_api.json()["error"]["code"] == "duplicate"
    assert login("vanthu").post(url, body | {"confirm_duplicate": True}, format="json").status_code == 200
