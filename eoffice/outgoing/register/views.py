"""Sổ đăng ký văn bản đi: the register page and its XLSX download."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from eoffice.core.params import query_year
from eoffice.organisation.access import current_actor
from eoffice.outgoing.register.exports import register_pdf_response, register_row, register_xlsx_response
from eoffice.outgoing.register.selectors import (
    may_see_confidential_register,
    open_confidential_register,
    register_rows,
    register_years,
)

# A register is long: pages on screen, the whole year in XLSX.
PAGE_SIZE = 500
CONFIDENTIAL = "mat"  # ?so=mat: the confidential register


def _register(request):
    """(actor, year, confidential) of the request; 404 for whoever may not see that register."""
    actor = current_actor(request)
    if not actor.sees_whole_agency:
        raise Http404("Chỉ văn thư và lãnh đạo cơ quan được xem sổ.")
    confidential = request.GET.get("so") == CONFIDENTIAL
    if confidential:
        open_confidential_register(actor, path=request.path)
    year = query_year(request.GET) or timezone.localdate().year
    return actor, year, confidential


@login_required
def register_book(request):
    """Sổ đăng ký văn bản đi (or đi mật) of a year, paged."""
    actor, year, confidential = _register(request)
    page = Paginator(register_rows(actor, year=year, confidential=confidential), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "rows": [register_row(document) for document in page],
        "page": page,
        "year": year,
        "years": register_years(actor, year, timezone.localdate().year),
        "confidential": confidential,
        "offers_confidential": confidential or may_see_confidential_register(actor),
        "query": f"year={year}" + (f"&so={CONFIDENTIAL}" if confidential else ""),
    }
    return render(request, "outgoing/register_book.html", context)


@login_required
def register_book_pdf(request):
    """The register printed to be signed and bound (ND30 Art.16 §2b)."""
    actor, year, confidential = _register(request)
    return register_pdf_response(actor, year=year, confidential=confidential)


@login_required
def register_book_xlsx(request):
    actor, year, confidential = _register(request)
    return register_xlsx_response(actor, year=year, confidential=confidential)
