from django.contrib import admin

from .models import Publication


class ReadOnlyAdmin(admin.ModelAdmin):
    """Published documents are records: the admin shows, never changes them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "revision", "layout", "published_at", "published_by", "size"]
    list_filter = ["kind", "plan__fiscal_year"]
    search_fields = ["title", "plan__organisation__name_th", "sha256"]
    exclude = ["data"]
