"""How the public catalogue writes numbers: "0,5" working days, "100.000 đồng"."""

from django import template

from eoffice.onestop.catalogue.checks import format_amount, format_days

register = template.Library()


@register.filter
def so_ngay(days) -> str:
    """Decimal working days with a decimal comma: 0,5 — 7 — 7,5."""
    return "" if days is None else format_days(days)


@register.filter
def dong(amount) -> str:
    """An amount in đồng with dots between thousands: 100.000 đồng."""
    return "" if amount is None else f"{format_amount(int(amount))} đồng"


@register.filter
def lines(text: str) -> list[str]:
    """The non-empty lines of a multi-line field (căn cứ pháp lý: one document a line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
