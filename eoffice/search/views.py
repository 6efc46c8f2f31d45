"""The results page: /tim-kiem/?q=… with facets as filters and two orders."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from eoffice.organisation.access import current_actor
from eoffice.organisation.selectors import unit_names
from eoffice.search import service
from eoffice.search.backends import FACETS
from eoffice.search.sources import SOURCES, status_labels

FACET_LABELS = {
    "kind": _("Loại hồ sơ"),
    "type_name": _("Loại văn bản"),
    "procedure_field": _("Lĩnh vực thủ tục"),
    "issuer": _("Cơ quan ban hành"),
    "year": _("Năm"),
    "status": _("Trạng thái"),
    "unit": _("Đơn vị"),
}


@login_required
def results(request):
    actor = current_actor(request)
    text = request.GET.get("q", "")[:10_000]
    filters = service.clean_filters({name: request.GET.get(name) for name in FACETS})
    newest = request.GET.get("sort") == "newest"
    page = request.GET.get("page", "1")
    result = service.search(actor, text, filters=filters, newest_first=newest, page=int(page) if page.isdigit() else 1)
    labels = {
        "kind": {k: s.label for k, s in SOURCES.items()},
        "status": status_labels(),
        "unit": unit_names(actor.agency),  # indexed by code, shown by name
    }
    facets = [
        (name, FACET_LABELS[name], [(value, labels.get(name, {}).get(value, value), count) for value, count in values])
        for name, values in result.facets.items()
        if values
    ]
    context = {"result": result, "filters": filters, "newest": newest, "facets": facets, "status_labels": labels["status"]}
    return render(request, "search/results.html", context)
