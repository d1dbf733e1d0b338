"""How precisely a source dated something, and how such dates print."""

from django.db import models

from itaportal import thai


class DatePrecision(models.TextChoices):
    """How much of a date the source gave: plans set deadlines by the month (ภายในเดือนกันยายน
    ๒๕๖๖) and reports date results by the month or only by their round. The date field then
    holds the month's last day (a deadline, so that it is late only once the month is over) or
    first day (a result), or the round's last day; documents print only what is known."""

    DAY = "day", "วันที่"
    MONTH = "month", "เดือน"
    ROUND = "round", "รอบรายงาน"


def deadline_text(on, precision):
    """A deadline as documents print it: ๓๑ มีนาคม พ.ศ. ๒๕๖๖, or ภายในเดือนกันยายน ๒๕๖๖."""
    if on is None:
        return ""
    if precision == DatePrecision.MONTH:
        return f"ภายในเดือน{thai.format_month(on)}"
    return thai.format_date(on)


def deadline_short(on, precision):
    """A deadline in lists: ๓๑ มี.ค. ๒๕๖๖, or ก.ย. ๒๕๖๖ for a month."""
    if on is None:
        return ""
    if precision == DatePrecision.MONTH:
        return thai.format_month_short(on)
    return thai.format_date_short(on)


def month_deadline(on, precision):
    return thai.last_day_of_month(on) if on and precision == DatePrecision.MONTH else on
