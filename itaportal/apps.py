from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig


class ItaPortalConfig(AppConfig):
    """Shared pieces: Thai formatting filters, the site-wide templates, logs and health."""

    name = "itaportal"
    verbose_name = "ITA Portal"
    # Two configs live in this module: without this Django would use neither for "itaportal"
    # and ready() (the log-in failure and session receivers) would never run.
    default = True

    def ready(self):
        from . import auth_events, sessions  # noqa: F401  (they connect signal receivers)


class AxesConfig(AxesAppConfig):
    """django-axes (locking out repeated wrong passwords), named in Thai in the admin."""

    verbose_name = "การล็อกการเข้าสู่ระบบ"
    default = False

    def ready(self):
        super().ready()
        from .axes_thai import name_axes_records_in_thai

        name_axes_records_in_thai()
