"""django-axes' admin with its one column Django cannot translate (a method's name) in Thai."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin


class ThaiAccessAttemptAdmin(AccessAttemptAdmin):
    @admin.display(description="สถานะ")
    def status(self, obj):
        return super().status(obj)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, ThaiAccessAttemptAdmin)
