"""Thống kê hồ sơ một cửa: the dashboard page /mot-cua/thong-ke/ and its XLSX,
for the agency's leaders, one-stop officers and administrators."""

from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eoffice.core.errors import ValidationFailed
from eoffice.core.forms import date_field
from eoffice.core.xlsx import xlsx_response
from eoffice.onestop.dossiers.selectors import sees_all_dossiers
from eoffice.onestop.statistics.queries import GROUP_LABELS, dossier_statistics, preset_period, statistics_xlsx
from eoffice.organisation.access import current_actor

PERIODS = [("month", _("Tháng này")), ("quarter", _("Quý này")), ("year", _("Năm nay")), ("custom", _("Tùy chọn"))]
GROUPS = [("procedure", _("Theo thủ tục")), ("field", _("Theo lĩnh vực")), ("unit", _("Theo đơn vị")), ("none", _("Chỉ tổng số"))]
# Bar segments, in the order they are drawn: what became of the dossiers of a row.
SEGMENTS = [
    ("early", "bar-early", _("Giải quyết trước hạn")),
    ("on_time", "bar-on-time", _("Giải quyết đúng hạn")),
    ("late", "bar-late", _("Giải quyết quá hạn")),
    ("stopped", "bar-stopped", _("Từ chối, rút hồ sơ")),
    ("pending_in_time", "bar-pending", _("Đang giải quyết trong hạn")),
    ("overdue", "bar-overdue", _("Đang giải quyết quá hạn")),
]


class StatisticsForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ thống kê"), choices=PERIODS, required=False)
    date_from = date_field(_("Từ ngày"), required=False)
    date_to = date_field(_("Đến ngày"), required=False)
    group_by = forms.ChoiceField(label=_("Nhóm theo"), choices=GROUPS, required=False)

    def clean(self):
        data = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data
        if data.get("period") == "custom":
            for name in ("date_from", "date_to"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Cần nhập ngày theo dạng dd/mm/yyyy khi chọn kỳ tùy chọn."))
        return data


def _allowed(request):
    """The actor, if they may see the agency's statistics; 403 for anyone else."""
    actor = current_actor(request)
    if not sees_all_dossiers(actor):
        raise PermissionDenied("Chỉ lãnh đạo, cán bộ Bộ phận một cửa và quản trị của cơ quan được xem thống kê hồ sơ.")
    return actor


def _query(request):
    """(form, start, end, group_by) of the query string; dates None when it is invalid.
    Without a query: this month, by procedure."""
    form = StatisticsForm(request.GET or {"period": "month", "group_by": "procedure"})
    if not form.is_valid():
        return form, None, None, None
    data = form.cleaned_data
    group_by = data.get("group_by") or "procedure"
    period = data.get("period") or "month"
    if period == "custom":
        start, end = data["date_from"], data["date_to"]
    else:
        start, end = preset_period(period, timezone.localdate())
    return form, start, end, None if group_by == "none" else group_by


def _statistics(request):
    """(actor, form, context) of the page; the rows are None when the input is refused."""
    actor = _allowed(request)
    form, start, end, group_by = _query(request)
    context = {"form": form, "start": start, "end": end, "group_by": group_by, "rows": None}
    if start is None:
        return actor, form, context
    try:
        rows = dossier_statistics(agency=actor.agency, start=start, end=end, group_by=group_by)
    except ValidationFailed as exc:  # a reversed period, or one over five years
        form.add_error(None, exc.message)
        return actor, form, context
    context.update(rows=rows, total=rows[-1], groups=_with_bars(rows[:-1]), group_label=GROUP_LABELS[group_by])
    return actor, form, context


def bar_segments(row, scale: int) -> list[dict]:
    """The segments of a row's bar, widths in % of `scale` (the largest row's
    dossiers), as text so that the page's locale does not write "12,5%"."""
    counts = {
        "early": row.early,
        "on_time": row.on_time,
        "late": row.late,
        "stopped": row.refused + row.withdrawn,
        "pending_in_time": row.pending_in_time,
        "overdue": row.overdue,
    }
    return [
        {"css": css, "label": label, "count": counts[name], "width": f"{100 * counts[name] / scale:.2f}"}
        for name, css, label in SEGMENTS
        if counts[name] and scale
    ]


def _with_bars(rows) -> list[tuple]:
    scale = max((row.handled for row in rows), default=0)
    return [(row, bar_segments(row, scale)) for row in rows]


@login_required
def statistics(request):
    """Thống kê tình hình giải quyết hồ sơ."""
    context = _statistics(request)[2]
    context["segments"] = SEGMENTS
    context["query"] = request.GET.urlencode()
    return render(request, "onestop/statistics.html", context)


@login_required
def statistics_download(request):
    """The page's table as XLSX (the same query string); the page with its errors when the input is refused."""
    actor, _form, context = _statistics(request)
    if context["rows"] is None:
        context["segments"] = SEGMENTS
        return render(request, "onestop/statistics.html", context, status=400)
    data = statistics_xlsx(
        context["rows"], agency=actor.agency, start=context["start"], end=context["end"], group_by=context["group_by"]
    )
    return xlsx_response(data, f"thong-ke-ho-so-{context['start']:%Y%m%d}-{context['end']:%Y%m%d}.xlsx")
