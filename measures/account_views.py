"""A person's own settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .forms import ReminderSettingsForm
from .models import Profile


@login_required
def reminder_settings(request):
    profile = Profile.objects.filter(user=request.user).first()
    wants = profile.wants_reminders if profile else True
    # An unticked box posts nothing: the form is bound by the method, not by its data.
    data = request.POST if request.method == "POST" else None
    form = ReminderSettingsForm(data, initial={"wants_reminders": wants})
    if request.method == "POST" and form.is_valid():
        wants = form.cleaned_data["wants_reminders"]
        Profile.objects.update_or_create(user=request.user, defaults={"wants_reminders": wants})
        messages.success(
            request, "เปิดรับอีเมลแจ้งเตือนแล้ว" if wants else "ปิดอีเมลแจ้งเตือนแล้ว ท่านจะไม่ได้รับอีเมลแจ้งเตือนอีก"
        )
        return redirect("measures:reminder-settings")
    return render(request, "measures/reminder_settings.html", {"form": form})
