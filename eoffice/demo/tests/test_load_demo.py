"""`manage.py load_demo`, run by `make run` at every start. The demo is loaded
once for this module (incoming and outgoing documents alike: one load is the
slow part) and rolled back at its end."""

import io
import random
from datetime import date, timedelta

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from eoffice.audit.models import AuditEvent
from eoffice.copies.models import DocumentCopy
from eoffice.core.choices import Priority
from eoffice.demo.catalog import LOGINS, PEOPLE
from eoffice.demo.plan import AGENCY_BY_KEY, plan_documents
from eoffice.demo.tests.conftest import PASSWORD
from eoffice.exchange.models import PackageState, ReceivedPackage, TransportKind
from eoffice.incoming.models import Assignment, AssignmentKind, IncomingDocument, Status, TraceEntry
from eoffice.incoming.models import Source as InSource
from eoffice.incoming.selectors import inbox_assignments, registry_queue
from eoffice.organisation.models import Agency, Membership, Role, Unit, User
from eoffice.organisation.selectors import agencies_of, build_actor, default_agency, today
from eoffice.outgoing import chain
from eoffice.outgoing.models import Delivery, OutgoingDocument, Recipient
from eoffice.outgoing.models import Status as OutStatus
from eoffice.registers.models import Register, RegisterKind
from eoffice.signatures.management.commands.signing_test_ca import create_test_signing_keys
from eoffice.signatures.models import SigningKey
from eoffice.signatures.verification import verify_pdf
from eoffice.workdays.services import add_working_days

pytestmark = pytest.mark.django_db


def actor(username, demo, agency=None):
    return build_actor(User.objects.get(username=username), agency or demo.office)


def outgoing(demo, **filters):
    return OutgoingDocument.objects.filter(agency=demo.office, **filters)


def test_it_creates_about_300_documents_in_the_office(demo):
    assert 280 <= IncomingDocument.objects.filter(agency=demo.office).count() <= 320


def test_documents_are_in_every_state_and_urgency(demo):
    documents = IncomingDocument.objects.filter(agency=demo.office)
    assert set(documents.values_list("status", flat=True)) == set(Status.values)
    assert set(documents.values_list("priority", flat=True)) == set(Priority.values)
    assert documents.filter(confidentiality__gt=0).exists()


def test_documents_arrived_between_january_last_year_and_today(demo):
    dates = IncomingDocument.objects.values_list("arrival_date", flat=True)
    assert min(dates) >= date(today().year - 1, 1, 1)
    assert max(dates) <= today()
    assert (max(dates) - min(dates)).days > 300


def test_arrival_numbers_in_every_register_run_from_one_without_gaps(demo):
    for register in Register.objects.filter(kind__in=[RegisterKind.INCOMING, RegisterKind.INCOMING_SECRET]):
        numbers = sorted(register.incoming_documents.values_list("arrival_number", flat=True))
        assert numbers == list(range(1, register.last_number + 1)), register


def test_arrival_numbers_follow_the_arrival_dates(demo):
    for register in Register.objects.filter(kind__in=[RegisterKind.INCOMING, RegisterKind.INCOMING_SECRET]):
        dates = list(register.incoming_documents.order_by("arrival_number").values_list("arrival_date", flat=True))
        assert dates == sorted(dates), register


def test_every_demo_login_authenticates_with_the_demo_password(demo):
    for username in {name for name, _ in LOGINS} | {person.username for person in PEOPLE}:
        assert authenticate(RequestFactory().post("/dang-nhap/"), username=username, password=PASSWORD) is not None, username
    assert User.objects.get(username="admin").is_superuser


def test_city_leaders_hold_roles_in_the_office_and_the_peoples_committee(demo):
    agencies = Membership.objects.filter(user__username="pcttub", role="leader").values_list("agency__short_name", flat=True)
    assert sorted(agencies) == ["UBND", "VP"]


def test_running_it_again_changes_nothing(demo):
    def counts():
        models = (
            Agency,
            Unit,
            User,
            Membership,
            IncomingDocument,
            Assignment,
            AuditEvent,
            OutgoingDocument,
            Recipient,
            SigningKey,
        )
        return [model.objects.count() for model in models]

    before = counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert "đã có" in out.getvalue()


def test_it_reports_the_counts_and_the_logins(demo):
    assert "Đã xử lý xong" in demo.output and "Đã ban hành" in demo.output
    assert all(username in demo.output for username, _ in LOGINS)


@pytest.mark.parametrize("username", ["truongphong", "chuyenvien"])
@pytest.mark.parametrize("tab", ["waiting", "overdue", "due_soon", "done"])
def test_handlers_find_work_in_every_inbox_tab(demo, username, tab):
    assert inbox_assignments(actor(username, demo), tab).exists()


@pytest.mark.parametrize("username", ["pcttub", "chanhvp"])
def test_leaders_have_documents_waiting_for_direction(demo, username):
    assert Assignment.objects.open().filter(kind=AssignmentKind.REVIEW, user__username=username).exists()


def test_the_unit_head_has_lead_tasks_to_pass_on(demo):
    waiting = Assignment.objects.open().filter(
        kind=AssignmentKind.LEAD, unit__abbreviation="TH", user=None, children=None, document__status=Status.DIRECTED
    )
    assert waiting.exists()


def test_the_registry_has_registered_and_returned_documents_to_submit(demo):
    statuses = set(registry_queue(actor("vanthu", demo)).values_list("status", flat=True))
    assert statuses == {Status.REGISTERED, Status.RETURNED}


def test_every_step_is_dated_from_the_arrival_day_up_to_now(demo):
    now = timezone.now()
    for document in IncomingDocument.objects.prefetch_related("trace"):
        moments = [entry.at for entry in document.trace.all()]
        assert timezone.localtime(moments[0]).date() == document.arrival_date
        assert moments == sorted(moments) and moments[-1] <= now
    assert AuditEvent.objects.filter(action__startswith="incoming.").count() == TraceEntry.objects.count()


def test_deadlines_agree_with_the_working_day_calendar(demo):
    for assignment in Assignment.objects.filter(deadline_days__isnull=False):
        assert add_working_days(assignment.deadline_start, assignment.deadline_days) == assignment.deadline


def test_kiemtra_checks_the_format_of_the_offices_drafts(demo):
    membership = Membership.objects.get(user__username="kiemtra", agency=demo.office)
    assert (membership.agency, membership.role) == (demo.office, Role.FORMAT_CHECKER)
    assert membership.position == "Chuyên viên kiểm tra thể thức"
    assert "kiemtra" in {username for username, _ in LOGINS}


def test_outgoing_documents_are_in_every_state(demo):
    assert set(outgoing(demo).values_list("status", flat=True)) == set(OutStatus.values)
    assert 20 <= outgoing(demo, status=OutStatus.ISSUED).count() <= 40
    issued_types = set(outgoing(demo, status=OutStatus.ISSUED).values_list("type_name", flat=True))
    assert {"Quyết định", "Công văn", "Tờ trình", "Báo cáo", "Kế hoạch", "Thông báo", "Giấy mời"} <= issued_types
    assert outgoing(demo, status=OutStatus.ISSUED, type_name="Quyết định").exclude(legal_bases="").exists()


def test_a_returned_draft_carries_the_reviewers_comment(demo):
    returned = outgoing(demo, status=OutStatus.RETURNED, drafter__username="chuyenvien").get()
    assert returned.comments.filter(author__username="truongphong", version=returned.version).exists()


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("chuyenvien", OutStatus.RETURNED),
        ("truongphong", OutStatus.IN_REVIEW),  # content
        ("kiemtra", OutStatus.IN_REVIEW),  # format
        ("chanhvp", OutStatus.IN_REVIEW),  # signature
        ("phochanhvp", OutStatus.IN_REVIEW),
        ("vanthu", OutStatus.SIGNED),  # number and issue
    ],
)
def test_every_step_of_the_chain_has_someone_with_a_draft_to_act_on(demo, username, status):
    user = User.objects.get(username=username)
    waiting = [doc for doc in outgoing(demo, status=status) if user.pk in chain.next_actor_ids(doc)]
    assert waiting, f"{username} has nothing to act on"
    assert all(outgoing(demo).visible_to(actor(username, demo)).filter(pk=doc.pk).exists() for doc in waiting)


def test_drafting_and_review_are_dated_in_the_past_working_days(demo):
    created = [timezone.localtime(d.created_at).date() for d in outgoing(demo, status=OutStatus.ISSUED)]
    assert min(created) < today() and len(set(created)) > 5


def test_issued_documents_are_numbered_from_one_without_gaps(demo):
    register = Register.objects.get(agency=demo.office, kind=RegisterKind.OUTGOING, year=today().year)
    numbers = sorted(OutgoingDocument.objects.filter(register=register).values_list("number", flat=True))
    assert numbers == list(range(1, register.last_number + 1))


def test_an_issued_document_carries_the_signers_and_the_offices_valid_signatures(demo):
    document = outgoing(demo, status=OutStatus.ISSUED, type_name="Quyết định").first()
    with document.issued_file.file.open("rb") as handle:
        reports = verify_pdf(handle.read())
    assert [r.field_name for r in reports] == ["eoffice_signer", "eoffice_agency"]
    assert all(r.intact and r.trusted and r.covers_whole_document for r in reports), [r.summary for r in reports]


def test_signing_keys_are_not_created_twice(demo):
    assert SigningKey.objects.filter(agency=demo.office, user__isnull=True).count() == 1
    assert create_test_signing_keys() == 0


def test_the_internal_recipient_registers_what_arrived_by_loopback(demo):
    sxd = Agency.objects.get(short_name="SXD")
    delivered = Recipient.objects.filter(agency=sxd, status=Delivery.DELIVERED, document__status=OutStatus.ISSUED)
    assert delivered.exists() and not delivered.filter(incoming__isnull=False).exists()
    packages = ReceivedPackage.objects.filter(agency=sxd, transport=TransportKind.LOOPBACK, business_doc_type=0)
    assert packages.count() == delivered.count() + 1  # and the recalled one
    waiting = packages.get(state=PackageState.RECEIVED)  # the Office's latest waits in the queue
    assert waiting.sender_organ_id == demo.office.organ_id
    copies = IncomingDocument.objects.filter(agency=sxd, source=InSource.INTERNAL)
    assert copies.count() == packages.filter(state=PackageState.REGISTERED).count() >= 2
    assert {c.package.subject for c in copies} <= {r.document.subject for r in delivered} | {
        outgoing(demo, status=OutStatus.RECALLED).get().subject
    }
    queue = registry_queue(actor("vanthu2", demo, sxd))
    assert queue.filter(pk__in=copies.exclude(status=Status.RECALLED).values("pk")).count() == copies.count() - 1
    for recipient in delivered:
        expected = ["01"] if recipient.document.subject == waiting.subject else ["01", "03", "04"]
        assert list(recipient.statuses.values_list("code", flat=True)) == expected, recipient.document


def test_external_recipients_get_an_edxml_package(demo):
    external = Recipient.objects.filter(document__agency=demo.office, document__status=OutStatus.ISSUED, agency__hosted=False)
    assert external.exists()
    assert all(r.package_id and r.status in (Delivery.QUEUED, Delivery.SENT) for r in external)


def test_answered_incoming_documents_are_done(demo):
    answers = outgoing(demo, status=OutStatus.ISSUED).exclude(answers=None)
    assert answers.exists()
    for answer in answers:
        letter = answer.answers.get()
        assert (letter.status, letter.answer_reference) == (Status.DONE, answer.symbol_display)


def test_the_recalled_document_is_withdrawn_from_the_recipients_registry(demo):
    recalled = outgoing(demo, status=OutStatus.RECALLED).get()
    assert recalled.recall_reason and recalled.code_number
    internal = recalled.recipients.get(agency__hosted=True)
    copy = IncomingDocument.objects.get(agency=internal.agency, subject=recalled.subject)
    assert copy.status == Status.RECALLED
    codes = list(internal.statuses.values_list("code", flat=True))
    assert codes[:3] == ["01", "03", "04"] and codes[-1] == "15" and internal.status == Delivery.RECALLED


def test_the_same_seed_tells_the_same_story():
    workdays = [date(2026, 1, 1) + timedelta(days=n) for n in range(60)]
    first, second = (plan_documents(random.Random(7), workdays, count=100, sxd_count=3) for _ in range(2))
    assert [p.data for p in first] == [p.data for p in second]


# UBND thành phố issues documents drafted by its Office (city.py).


def city_outgoing(demo, **filters):
    return OutgoingDocument.objects.filter(agency=demo.city, **filters)


def test_new_memberships_in_the_committee_keep_everyones_default_agency(demo):
    for person in PEOPLE:
        user = User.objects.get(username=person.username)
        assert default_agency(user).organ_id == AGENCY_BY_KEY[person.roles[0][0]].organ_id, person.username
    for username in ("chuyenvien", "truongphong", "kiemtra", "vanthu", "pcttub"):
        user = User.objects.get(username=username)
        assert default_agency(user) == demo.office
        assert {a.short_name for a in agencies_of(user)} == {"VP", "UBND"}, username


def test_the_committee_has_the_office_as_drafting_unit_and_its_staff(demo):
    unit = Unit.objects.get(agency=demo.city)
    assert (unit.name, unit.abbreviation) == ("Văn phòng", "VP")
    roles = set(Membership.objects.filter(agency=demo.city).values_list("user__username", "role", "unit__abbreviation"))
    assert {
        ("chuyenvien", Role.SPECIALIST, "VP"),
        ("truongphong", Role.UNIT_HEAD, "VP"),
        ("kiemtra", Role.FORMAT_CHECKER, None),
        ("vanthu", Role.CLERK, "VP"),
    } <= roles
    assert {name for name, role, _ in roles if role == Role.LEADER} == {"chutich", "pcttub", "pct1", "pct2"}


def test_the_committee_numbers_each_type_in_its_own_series(demo):
    issued = city_outgoing(demo, status=OutStatus.ISSUED)
    symbols = sorted(issued.values_list("code_number", "code_notation"))
    assert symbols == [("01", "QĐ-UBND"), ("01", "UBND-VP"), ("02", "UBND-VP")]
    assert set(issued.values_list("drafting_unit__abbreviation", "drafter__username")) == {("VP", "chuyenvien")}


def test_the_committees_decision_is_signed_for_the_chairman_and_verifies(demo):
    decision = city_outgoing(demo, status=OutStatus.ISSUED, type_name="Quyết định").get()
    assert decision.signer.username == "pcttub"
    assert (decision.authority, decision.on_behalf_of, decision.signer_position) == (
        "KT.",
        "Chủ tịch",
        "Phó Chủ tịch Thường trực",
    )
    with decision.issued_file.file.open("rb") as handle:
        data = handle.read()
    reports = verify_pdf(data)
    assert [r.field_name for r in reports] == ["eoffice_signer", "eoffice_agency"]
    assert all(r.intact and r.trusted and r.covers_whole_document for r in reports), [r.summary for r in reports]
    assert reports[0].signer_name == "Trần Thị B"
    printed = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG\n" in printed  # the author, above the căn cứ
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH THƯỜNG TRỰC\nTrần Thị B" in printed
    assert "Lưu: VT, VP (02)." in printed


def test_sxd_receives_the_committees_letter(demo):
    sxd = Agency.objects.get(short_name="SXD")
    recipient = Recipient.objects.get(
        agency=sxd, document__agency=demo.city, document__type_name="Công văn", document__status=OutStatus.ISSUED
    )
    assert recipient.status == Delivery.DELIVERED
    copy = IncomingDocument.objects.get(agency=sxd, code_notation="UBND-VP", code_number=recipient.document.code_number)
    assert registry_queue(actor("vanthu2", demo, sxd)).filter(pk=copy.pk).exists()


def test_the_committees_answer_closes_the_letter_it_answers(demo):
    answer = city_outgoing(demo, status=OutStatus.ISSUED).exclude(answers=None).get()
    letter = answer.answers.get()
    assert (letter.agency, letter.status, letter.answer_reference) == (demo.city, Status.DONE, answer.symbol_display)


def waiting_for(demo, username):
    user = User.objects.get(username=username)
    return [doc for doc in city_outgoing(demo, status=OutStatus.IN_REVIEW) if user in chain.next_actors(doc)]


def test_truongphong_has_a_committee_draft_to_review(demo):
    (draft,) = waiting_for(demo, "truongphong")
    assert chain.current_step(draft).kind == "content"
    assert city_outgoing(demo).visible_to(actor("truongphong", demo, demo.city)).filter(pk=draft.pk).exists()


def test_pcttub_signs_the_committees_answer_and_the_registry_issues_it(demo):
    """The story of issue 3, from the signature on: the answer was returned
    once by the unit head, revised, format checked, and waits for pcttub."""
    from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign

    (document,) = waiting_for(demo, "pcttub")
    assert (document.version, document.answers.get().status) == (2, Status.IN_PROGRESS)
    assert document.comments.filter(author__username="truongphong", version=1).exists()
    assert not chain.may_act(actor("pcttub", demo), document)  # in the Office's agency she may not
    signed = outgoing_sign(actor=actor("pcttub", demo, demo.city), document=document)
    issued = outgoing_issue(actor=actor("vanthu", demo, demo.city), document=signed)
    assert issued.symbol_display == "03/UBND-VP"
    with issued.issued_file.file.open("rb") as handle:
        reports = verify_pdf(handle.read())
    assert all(r.intact and r.trusted for r in reports) and len(reports) == 2
    assert document.answers.get().status == Status.DONE


def test_pcttub_finds_the_letter_to_sign_after_switching_to_the_committee(demo, client):
    (document,) = waiting_for(demo, "pcttub")
    client.force_login(User.objects.get(username="pcttub"))
    assert document.subject not in client.get(reverse("outgoing-list")).content.decode()
    client.post(reverse("agency-switch"), {"agency": demo.city.pk})
    assert document.subject in client.get(reverse("outgoing-list")).content.decode()
    assert "Ký số" in client.get(reverse("outgoing-detail", args=[document.pk])).content.decode()


@pytest.mark.parametrize("username", [username for username, _ in LOGINS if username != "admin"])
def test_every_demo_login_finds_a_few_unread_notifications_at_the_bell(demo, username):
    from eoffice.notifications.services import unread_count

    assert unread_count(User.objects.get(username=username)) >= 4


def test_packages_wait_for_the_registry_one_refused_one_registered_and_recalled(demo):
    packages = ReceivedPackage.objects.filter(agency=demo.office)
    waiting = packages.filter(state=PackageState.RECEIVED, business_doc_type=0)
    assert {p.sender_name for p in waiting} == {"Bộ Xây dựng", "Sở Tài chính", "Sở Kế hoạch và Đầu tư"}
    assert all(p.files.count() == 1 for p in waiting)
    with waiting[0].files.get().stored_file.file.open("rb") as handle:
        (signature,) = verify_pdf(handle.read())
    assert signature.intact and signature.trusted and signature.signer_name == waiting[0].sender_name
    refused = packages.get(state=PackageState.REFUSED)
    assert refused.sender_name == "Sở Y tế" and "gửi nhầm cơ quan" in refused.problem
    registered = packages.get(state=PackageState.REGISTERED)
    assert registered.incoming.source == InSource.ELECTRONIC and registered.incoming.attachments.count() == 1
    assert not packages.filter(state=PackageState.FAILED).exists()
    recall = packages.get(state=PackageState.RECEIVED, business_doc_type=1)  # the sender asks to recall it
    assert recall.previous == registered and "sai sót về số liệu" in recall.header["business_doc_reason"]
    replacement = packages.get(state=PackageState.RECEIVED, business_doc_type=3)  # and sends the new version
    assert replacement.previous == registered and "2140/SNV-CCVC" in replacement.document_id


def test_the_register_of_copies_shows_each_form(demo):
    """A paper true copy of a Quyết định, a copy of that copy, an electronic true copy of a scan."""
    copies = list(DocumentCopy.objects.filter(agency=demo.office).order_by("number"))
    short = demo.office.short_name
    assert [(c.code, c.medium) for c in copies] == [
        (f"01/SY-{short}", "paper"),
        (f"02/SL-{short}", "paper"),
        (f"03/SY-{short}", "electronic"),
    ]
    assert copies[0].outgoing.type_name == "Quyết định" and copies[1].original == copies[0]
    assert copies[2].incoming.source == "paper"
    with copies[2].file.file.open("rb") as handle:
        assert [report.ok for report in verify_pdf(handle.read())] == [True]
