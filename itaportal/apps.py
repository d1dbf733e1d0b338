from django.apps import AppConfig


class ItaPortalConfig(AppConfig):
    """Shared pieces: Thai formatting filters and the site-wide templates."""

    name = "itaportal"
    verbose_name = "ITA Portal"
