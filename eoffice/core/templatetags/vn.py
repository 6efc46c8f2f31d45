"""Vietnamese date formats as users write them."""

from datetime import date, datetime
from typing import Any

from django import template
from django.template import Context
from django.utils import timezone

from eoffice.core.forms import iso_date

register = template.Library()


@register.filter
def ngay(value: object) -> str:
    """dd/mm/yyyy (and HH:MM for date-times, in local time)."""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return ""


@register.filter
def ngay_iso(value: object) -> str:
    """yyyy-mm-dd for a date picker's value (`<input type="date">`), from a date or a
    date as typed (dd/mm/yyyy or yyyy-mm-dd); the browser shows it in its locale.
    Anything else stays as typed, beside the form's message about it."""
    return iso_date(value) or ("" if value is None else str(value))


@register.filter
def ngay_day_du(value: object) -> str:
    """“ngày 05 tháng 01 năm 2026” — leading zero for days < 10 and months 1–2 (ND30 App. I)."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    if not isinstance(value, date):
        return ""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


@register.simple_tag(takes_context=True)
def page_url(context: Context, number: object) -> str:
    """This page's query string with another page number: filters, tab and year are kept."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.filter
def get_item(mapping: Any, key: object) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag(takes_context=True)
def facet_url(context: Context, name: str, value: object) -> str:
    """This page's query with one more filter, back on page 1."""
    query = context["request"].GET.copy()
    query[name] = value
    query.pop("page", None)
    return f"?{query.urlencode()}"
