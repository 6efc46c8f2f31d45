"""{% submission_key %}: the hidden one-time key of a page sent once (core.once)."""

from django import template
from django.template import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString

from eoffice.core import once

register = template.Library()


@register.simple_tag(takes_context=True)
def submission_key(context: Context) -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', once.FIELD, once.new_key(context["request"]))
