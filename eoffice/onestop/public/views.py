"""Public one-stop pages (no login): tra cứu hồ sơ by code and the phone's last
four digits, the satisfaction rating after return, and nộp hồ sơ trực tuyến.

The look-up shows only dossiers.selectors.public_status (never a name, number, address
or file) and goes through ratelimit.guarded_status: an unknown code and a
wrong phone give one message by one path; too many tries give 429 with
Retry-After. A submission's receipt (it names the applicant) is served only to
the browser session that filed it."""

from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.onestop.catalogue import selectors as catalogue_selectors
from eoffice.onestop.dossiers.selectors import public_status
from eoffice.onestop.dossiers.services import dossier_rate
from eoffice.onestop.models import Dossier, OnlineLevel, Status
from eoffice.onestop.printing import receipt_pdf
from eoffice.onestop.public.forms import FILES_LOST, LookupForm, OnlineSubmissionForm, PublicUploadHandler, RatingForm
from eoffice.onestop.public.ratelimit import (
    DossierNotFound,
    RateLimited,
    client_address,
    guarded_status,
    release,
    reserve_submission,
)
from eoffice.onestop.public.submission import submit_with_files

LOOKUP = "onestop/public/lookup.html"
SUBMIT = "onestop/public/submit.html"
SESSION_KEY = "onestop_submitted"  # codes of the dossiers this browser filed
SESSION_KEEP = 20


def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    """Every public page names the portal's agency in its header."""
    return render(request, template, {"portal_agency": catalogue_selectors.portal_agency(), **context}, status=status)


def _too_many(request, template: str, context: dict, error: RateLimited) -> HttpResponse:
    response = _page(request, template, {**context, "limited": error.message}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def _not_found(request, message: str) -> HttpResponse:
    return _page(request, "onestop/public/not_found.html", {"message": message}, status=404)


# --------------------------------------------------------------------------- tra cứu hồ sơ
def _guarded(request, form: LookupForm) -> dict | HttpResponse:
    """The public status for the form's two factors, or the page refusing them."""
    try:
        return guarded_status(client_address(request), form.cleaned_data["ma"], form.cleaned_data["sdt"])
    except RateLimited as error:
        return _too_many(request, LOOKUP, {"form": form}, error)
    except DossierNotFound as error:
        return _page(request, LOOKUP, {"form": form, "not_found": error.message}, status=404)


def _rating_form(found: dict, form: LookupForm) -> RatingForm | None:
    if found["status"] != Status.RETURNED or found["rated"]:
        return None
    return RatingForm(initial={"ma": found["code"], "sdt": form.cleaned_data["sdt"]})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    """Tra cứu hồ sơ: the form (`?ma=` prefilled from the receipt's QR code); posted
    with both factors (`ma`, `sdt`), the dossier's public status. The phone digits are
    posted, never put in the address, where logs and browser history would keep them."""
    if request.method != "POST":
        return _page(request, LOOKUP, {"form": LookupForm(initial={"ma": request.GET.get("ma", "")[:60]})})
    form = LookupForm(request.POST)
    if not form.is_valid():
        return _page(request, LOOKUP, {"form": form}, status=400)
    found = _guarded(request, form)
    if isinstance(found, HttpResponse):
        return found
    return _page(request, LOOKUP, {"form": form, "found": found, "rating_form": _rating_form(found, form)})


@never_cache
@require_POST
def rate(request):
    """Đánh giá mức độ hài lòng: once, after return, with the look-up's two factors."""
    rating_form = RatingForm(request.POST)
    form = LookupForm({"ma": request.POST.get("ma", ""), "sdt": request.POST.get("sdt", "")})
    if not form.is_valid():
        return _page(request, LOOKUP, {"form": form}, status=400)
    found = _guarded(request, form)
    if isinstance(found, HttpResponse):
        return found
    status, refused = 400, ""
    if rating_form.is_valid():
        dossier = Dossier.objects.get(code=found["code"])
        try:
            rating = dossier_rate(
                dossier=dossier, level=rating_form.cleaned_data["level"], comment=rating_form.cleaned_data["comment"]
            )
        except ServiceError as error:
            apply_service_error(rating_form, error)
            status, refused = error.status, error.message
        else:
            return _page(request, "onestop/public/rate.html", {"found": found, "rating": rating})
    found = cast(dict[str, Any], public_status(found["code"], form.cleaned_data["sdt"]))  # already rated by now, perhaps
    show_form = found["status"] == Status.RETURNED and not found["rated"]
    context = {"form": form, "found": found, "rating_form": rating_form if show_form else None, "rating_refused": refused}
    return _page(request, LOOKUP, context, status)


# --------------------------------------------------------------------------- nộp hồ sơ trực tuyến
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request, code: str):
    """Nộp hồ sơ trực tuyến. The upload limits must be in place before the body is
    read, and the CSRF check reads it: so the check runs inside, after them."""
    handler = PublicUploadHandler(request)
    request.upload_handlers.insert(0, handler)
    return _submit(request, code, handler)


@csrf_protect
def _submit(request, code: str, handler: PublicUploadHandler):
    procedure = catalogue_selectors.get_published_procedure(code)  # papers in order, prefetched
    if procedure is None:
        return _not_found(
            request, _("Không tìm thấy thủ tục hành chính có mã “%(code)s”, hoặc thủ tục chưa được công khai.") % {"code": code}
        )
    context = {
        "procedure": procedure,
        "upload_max_mb": settings.EOFFICE_PUBLIC_UPLOAD_MAX_MB,
        "upload_total_mb": settings.EOFFICE_PUBLIC_UPLOAD_TOTAL_MB,
    }
    if procedure.online == OnlineLevel.NONE:
        return _page(request, SUBMIT, {**context, "offline": True}, status=400 if request.method == "POST" else 200)
    if request.method != "POST":
        return _page(request, SUBMIT, {**context, "form": OnlineSubmissionForm(procedure=procedure)})
    form = OnlineSubmissionForm(request.POST, request.FILES, procedure=procedure, refused=handler.refused)
    context.update(form=form, files_lost=FILES_LOST)
    try:
        reservation = reserve_submission(client_address(request))
    except RateLimited as error:
        return _too_many(request, SUBMIT, context, error)
    if form.is_valid():
        try:
            dossier = submit_with_files(
                procedure=procedure, applicant=form.applicant(), files=form.files_by_paper(), extras=form.extras()
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            _remember(request, dossier.code)
            return redirect("onestop:dossier-submitted", dossier_code=dossier.code)
    release(reservation)  # only dossiers actually filed count against the address
    return _page(request, SUBMIT, context, status=400)


def _remember(request, code: str) -> None:
    codes = [c for c in request.session.get(SESSION_KEY, []) if c != code]
    request.session[SESSION_KEY] = [*codes, code][-SESSION_KEEP:]


def _own_submission(request, dossier_code: str) -> Dossier | None:
    """A dossier this browser session filed, else None (the same answer for any other code)."""
    if dossier_code not in request.session.get(SESSION_KEY, []):
        return None
    return Dossier.objects.select_related("procedure", "agency").filter(code=dossier_code).first()


@never_cache
@require_safe
def submitted(request, dossier_code: str):
    """Đã nộp hồ sơ: the code, how to look it up, the receipt to download."""
    dossier = _own_submission(request, dossier_code)
    if dossier is None:
        return _not_found(request, _("Không tìm thấy hồ sơ đã nộp trong phiên làm việc này."))
    lookup_url = f"{reverse('onestop:dossier-lookup')}?{urlencode({'ma': dossier.code})}"
    return _page(request, "onestop/public/submitted.html", {"dossier": dossier, "lookup_url": lookup_url})


@never_cache
@require_safe
def receipt(request, dossier_code: str):
    """Giấy tiếp nhận hồ sơ of an online submission, for the session that filed it."""
    dossier = _own_submission(request, dossier_code)
    if dossier is None:
        return _not_found(request, _("Không tìm thấy hồ sơ đã nộp trong phiên làm việc này."))
    response = HttpResponse(receipt_pdf(dossier), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"giay-tiep-nhan-{dossier.code}.pdf")
    return response
