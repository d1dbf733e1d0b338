"""Log-in failures and lockouts in the logs (connected in apps.py)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from .logs import log_event


@receiver(user_login_failed, dispatch_uid="itaportal-log-login-failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    log_event("login_failed", username=credentials.get("username"))


@receiver(user_locked_out, dispatch_uid="itaportal-log-lockout")
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    log_event("login_locked_out", username=username, locked_address=ip_address)
