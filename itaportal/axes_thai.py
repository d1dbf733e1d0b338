"""django-axes' records named in Thai.

axes names its records in English in ``__str__``, without gettext ("Attempted Access: …"), and
the admin prints that name in its titles, breadcrumbs, history and delete pages and messages.
Proxy models would move axes' admin pages under another app and need a migration of their own;
giving axes' own models Thai names, once at start-up, reaches every one of those places.
"""

from django.utils import timezone

from itaportal import thai


def _when(moment) -> str:
    if moment is None:  # not saved yet: attempt_time is filled in on the first save
        return "ยังไม่บันทึก"
    local = timezone.localtime(moment)
    return f"{thai.format_date_short(local)} {thai.to_thai_digits(local.strftime('%H:%M'))} น."


def _who(record) -> str:
    return f"{record.username or 'ไม่ระบุชื่อผู้ใช้'} จาก {record.ip_address or 'ไม่ทราบที่อยู่'}"


def access_attempt_name(attempt) -> str:
    failures = thai.to_thai_digits(attempt.failures_since_start or 0)
    return f"เข้าสู่ระบบผิด {failures} ครั้ง: {_who(attempt)} ล่าสุด {_when(attempt.attempt_time)}"


def access_log_name(log) -> str:
    return f"การเข้าสู่ระบบของ {_who(log)} {_when(log.attempt_time)}"


def access_failure_name(failure) -> str:
    locked = " (ถูกล็อก)" if failure.locked_out else ""
    return f"เข้าสู่ระบบไม่สำเร็จ{locked}: {_who(failure)} {_when(failure.attempt_time)}"


def name_axes_records_in_thai():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    AccessAttempt.__str__ = access_attempt_name
    AccessLog.__str__ = access_log_name
    AccessFailureLog.__str__ = access_failure_name
