from django.contrib import admin

from measures.admin import ReadOnlyAdminMixin

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Published documents are records: the admin shows, never changes them."""

    list_display = ["title", "plan", "revision", "layout", "published_at", "published_by", "size"]
    list_filter = ["kind", "plan__fiscal_year"]
    search_fields = ["title", "plan__organisation__name_th", "sha256"]
    exclude = ["data"]
