"""Plain-text e-mail templates print with autoescaping off (HTML entities would show as typed:
``&amp;``); what people typed goes through ``one_line`` instead."""

import re

from django import template

register = template.Library()

LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


@register.filter
def one_line(value):
    """User-typed text (a name, a title) on one line: it cannot add lines to a mail that read
    as the portal's own, such as a link to follow."""
    return " ".join(LINE_BREAKS.sub(" ", str(value or "")).split())
