"""Registers and reports of ND30 Appendix IV: pages, XLSX and the printable slip."""

import re
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from eoffice.core.params import query_year
from eoffice.incoming import forms
from eoffice.incoming.access import get_incoming_for_user
from eoffice.incoming.models import AssignmentKind
from eoffice.incoming.reports.exports import (
    follow_pdf_response,
    follow_xlsx_response,
    recipients_text,
    register_pdf_response,
    register_xlsx_response,
    transfer_date,
)
from eoffice.incoming.reports.selectors import (
    late_assignments,
    may_see_confidential_register,
    open_confidential_register,
    proposals,
    register_rows,
)
from eoffice.incoming.selectors import handling_result
from eoffice.organisation.access import current_actor

# Registers are long (50,000 documents a year): pages on screen, the whole year in XLSX.
PAGE_SIZE = 500


def _period(request):
    """Year (default: this year) or an explicit date range from the query string."""
    form = forms.FilterForm(request.GET or None)
    year = query_year(request.GET) or timezone.localdate().year
    start, end = date(year, 1, 1), date(year, 12, 31)
    if form.is_valid():
        start = form.cleaned_data.get("date_from") or start
        end = form.cleaned_data.get("date_to") or end
    return form, year, start, end


def _require_registry_view(actor):
    if not (actor.is_clerk or actor.is_leader):
        raise Http404("Chỉ văn thư và lãnh đạo cơ quan được xem sổ.")


CONFIDENTIAL = "mat"  # ?so=mat: the confidential register (sổ văn bản đến mật)


def _confidential(request, actor) -> bool:
    """Whether the request asks for the confidential register; 404 for whoever
    may not see it, and every reading of it is audited."""
    if request.GET.get("so") != CONFIDENTIAL:
        return False
    open_confidential_register(actor, path=request.path)
    return True


def _book(request, template: str, row):
    """A register page (year or date range, paged); `row` turns a document into its cells."""
    actor = current_actor(request)
    _require_registry_view(actor)
    confidential = _confidential(request, actor)
    form, year, start, end = _period(request)
    chosen = form.cleaned_data if form.is_valid() else {}
    dates = {"date_from": chosen.get("date_from"), "date_to": chosen.get("date_to")}
    rows = register_rows(actor, year=year, confidential=confidential, **dates)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **{"rows": [row(d) for d in page], "page": page, "year": year, "start": start, "end": end, "filter_form": form},
        "confidential": confidential,
        "offers_confidential": confidential or may_see_confidential_register(actor),
        "query": f"year={year}" + (f"&so={CONFIDENTIAL}" if confidential else ""),
    }
    return render(request, template, context)


@login_required
def register_book(request):
    """Sổ đăng ký văn bản đến."""
    return _book(request, "incoming/register_book.html", lambda d: (d, recipients_text(d), transfer_date(d)))


def _download(request, respond):
    """The year's register (or the confidential one) as a file made by `respond`."""
    actor = current_actor(request)
    _require_registry_view(actor)
    confidential = _confidential(request, actor)
    _, year, _, _ = _period(request)
    return respond(actor, year=year, confidential=confidential)


@login_required
def register_book_xlsx(request):
    return _download(request, register_xlsx_response)


@login_required
def register_book_pdf(request):
    """The register printed to be signed and bound (ND30 Art.22 §3b)."""
    return _download(request, register_pdf_response)


@login_required
def follow_book_xlsx(request):
    return _download(request, follow_xlsx_response)


@login_required
def follow_book_pdf(request):
    return _download(request, follow_pdf_response)


@login_required
def follow_book(request):
    """Sổ theo dõi giải quyết văn bản đến."""
    return _book(request, "incoming/follow_book.html", lambda d: (d, recipients_text(d)))


@login_required
def slip(request, pk):
    """Phiếu giải quyết văn bản đến, printable."""
    document = get_incoming_for_user(current_actor(request), pk)
    assignments = list(document.assignments.select_related("unit", "user", "assigned_by", "completed_by").order_by("id"))
    context = {
        "document": document,
        "leads": [a for a in assignments if a.parent_id is None and a.kind == AssignmentKind.LEAD],
        "coordinating": [a for a in assignments if a.parent_id is None and a.kind == AssignmentKind.COORDINATE],
        "children": [a for a in assignments if a.parent_id is not None],
        "handled": proposals(assignments),
        "result": handling_result(document),
    }
    return render(request, "incoming/slip.html", context)


@login_required
def late_report(request):
    """Leaders (and unit heads, for their units) see who is late."""
    actor = current_actor(request)
    if not (actor.sees_whole_agency or actor.head_unit_ids):
        raise Http404("Trang này dành cho lãnh đạo.")
    rows = late_assignments(actor)
    # One unit's row of the leaders' home page links here (0: people, not a unit).
    unit = request.GET.get("unit", "")
    filtered = re.fullmatch(r"[0-9]{1,9}", unit) is not None
    if filtered:
        rows = rows.filter(unit_id=int(unit)) if int(unit) else rows.filter(unit__isnull=True)
    return render(request, "incoming/late_report.html", {"rows": list(rows[:500]), "filtered": filtered})
