"""The registry's steps on a received package (văn bản điện tử chờ vào sổ),
declared once: register (vào sổ, the form filled from the package) or refuse
(từ chối tiếp nhận, with the reason); on a recall request (business type 1),
accept it (the document is withdrawn) or refuse it with the reason. Pages and
API actions come from the table.

    received ─register→ registered          received ─refuse→ refused
    recall request: received ─recall_accept→ accepted   ─recall_refuse→ refused"""

from django.shortcuts import redirect

from eoffice.core.errors import InvalidState, NotAllowed
from eoffice.core.workflow import Refusal, Step, Workflow
from eoffice.exchange.models import PackageState, ReceivedPackage
from eoffice.incoming import forms
from eoffice.incoming import serializers as s
from eoffice.incoming.receiving.forms import PackageRegisterForm
from eoffice.incoming.receiving.packages import get_package_for_user
from eoffice.organisation.selectors import Actor


def _waiting_for_registry(actor: Actor, package: ReceivedPackage) -> Refusal:
    if not (actor.is_clerk and package.agency_id == actor.agency.pk):
        return NotAllowed("Chỉ văn thư của cơ quan nhận mới được xử lý gói tin.")
    if package.state != PackageState.RECEIVED:
        return InvalidState(f"Gói tin này đã được xử lý: {package.get_state_display().lower()}.")
    return None


def can_handle_package(actor: Actor, package: ReceivedPackage) -> Refusal:
    if package.business_doc_type == RECALL:
        return InvalidState("Đây là yêu cầu thu hồi văn bản: hãy đồng ý hoặc từ chối thu hồi.")
    return _waiting_for_registry(actor, package)


def can_handle_recall(actor: Actor, package: ReceivedPackage) -> Refusal:
    if package.business_doc_type != RECALL:
        return InvalidState("Gói tin này không phải yêu cầu thu hồi.")
    return _waiting_for_registry(actor, package)


RECALL = 1  # BussinessDocType: thu hồi


PACKAGE = Workflow(
    name="package",
    services="eoffice.incoming.receiving.electronic",
    record_arg="package",
    load=get_package_for_user,
    template="incoming/package.html",
    context="eoffice.incoming.receiving.pages.package_context",
    page_url="incoming-package",
    url_prefix="package-",
    path_prefix="dien-tu/",
    steps=(
        Step(
            "register",
            can_handle_package,
            "package_register",
            "vao-so/",
            PackageRegisterForm,
            s.PackageRegisterIn,
            done=lambda document: f"Đã vào sổ văn bản đến, số đến {document.arrival_number}.",
            then=lambda document: redirect("incoming-detail", pk=document.pk),
            api_result=True,
            api_status=201,
        ),
        Step(
            "refuse",
            can_handle_package,
            "package_refuse",
            "tu-choi/",
            forms.ReasonForm,
            s.ReasonIn,
            prefix="refuse",
            done="Đã từ chối tiếp nhận gói tin.",
        ),
        Step("recall_accept", can_handle_recall, "package_recall_accept", "dong-y-thu-hoi/", done="Đã đồng ý thu hồi văn bản."),
        Step(
            "recall_refuse",
            can_handle_recall,
            "package_recall_refuse",
            "tu-choi-thu-hoi/",
            forms.ReasonForm,
            s.ReasonIn,
            prefix="recall",
            done="Đã từ chối thu hồi, nơi gửi được thông báo lý do.",
        ),
    ),
)
