"""Thai format filters: ``{% load thai %}`` then ``{{ measure.deadline|thai_date }}``.

Every filter returns "" for None (and for the empty string a missing variable renders as) and
returns plain strings, so autoescaping still applies to whatever a user typed.
"""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from itaportal import thai

register = template.Library()


def _blank(value) -> bool:
    return value is None or value == ""


def _local(value):
    # An aware datetime is stored in UTC: 23:30 UTC on 30 Sep is already 1 Oct in Bangkok, which
    # is another day, and another fiscal year. Print the local date.
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def thai_digits(value):
    return "" if _blank(value) else thai.to_thai_digits(value)


@register.filter
def thai_date(value):
    return "" if _blank(value) else thai.format_date(_local(value))


@register.filter
def thai_date_short(value):
    return "" if _blank(value) else thai.format_date_short(_local(value))


@register.filter
def thai_number(value):
    if _blank(value):
        return ""
    try:
        return thai.thai_number(value)
    except TypeError:  # a number that arrived as text: convert its digits only
        return thai.to_thai_digits(value)


@register.filter
def thai_period(start, end):
    """``{{ start|thai_period:end }}`` -> ``ต.ค. ๖๕ - มี.ค. ๖๖``."""
    return "" if _blank(start) or _blank(end) else thai.format_period(_local(start), _local(end))


@register.filter
def thai_period_long(start, end):
    """``{{ start|thai_period_long:end }}`` -> ``เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖``."""
    return (
        "" if _blank(start) or _blank(end) else thai.format_period_long(_local(start), _local(end))
    )


@register.filter
def question_code(value):
    if _blank(value):
        return ""
    try:
        return thai.format_question_code(value)
    except thai.ThaiFormatError:  # a code we cannot read: show it as it is, never break a page
        return thai.to_thai_digits(value)


@register.filter
def unbroken(value):
    """A name (of the organisation, a unit, a person) that lines may break between its words
    but never inside one: Thai has no spaces between words, so the renderer would otherwise
    break ทุ่ง|ดาวเรือง wherever the dictionary allows. Escapes the text itself.

    An organisation's kind and place are two spans with nothing between them: a browser may
    break there on a narrow phone, WeasyPrint keeps them on one line (the PDF has room). A part
    too long to keep whole (thai.kept_whole) breaks between Thai words."""
    if _blank(value):
        return ""
    words = (
        format_html_join("", "{}", ((_unbroken_part(part),) for part in parts))
        for parts in thai.name_words(value)
    )
    return format_html_join(" ", "{}", ((word,) for word in words))


def _unbroken_part(part):
    return format_html('<span class="unbroken">{}</span>', part) if thai.kept_whole(part) else part


@register.filter
def unbroken_period(value):
    """A period (``ต.ค. ๖๕ - มี.ค. ๖๖``) that a line breaks only before its dash: a month stays
    with its year, and the dash with the month after it (see hyphens_unbroken). Any other
    text goes through hyphens_unbroken. Escapes the text itself."""
    if _blank(value):
        return ""
    start, dash, end = str(value).partition(" - ")
    if not (dash and start and end):
        return hyphens_unbroken(value)
    return format_html(
        '<span class="unbroken">{}</span> <span class="unbroken">- {}</span>', start, end
    )


@register.filter
def unbroken_name(value, name):
    """The text with every occurrence of ``name`` kept unbroken (see ``unbroken``)."""
    if _blank(value):
        return ""
    if not name:
        return value
    *parts, last = str(value).split(name)
    return format_html_join("", "{}{}", [*((part, unbroken(name)) for part in parts), (last, "")])


@register.filter
def hyphens_unbroken(value):
    """The text with no line ending after a hyphen between two letters ("asset-register" in an
    address, "ยืม-คืน"): PDFium (Chrome's and Android's viewers) reads such a hyphen as one that
    hyphenation added and gives U+FFFE back instead of "-". Escapes the text itself."""
    if _blank(value):
        return ""
    pieces = (
        ('<span class="unbroken">{}</span>' if joined else "{}", text)
        for text, joined in thai.hyphen_joined(str(value))
    )
    return format_html_join("", "{}", ((format_html(f, t),) for f, t in pieces))
