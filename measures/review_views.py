"""The executive's review: the queue of submitted entries, approve or return with a comment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from . import services
from .access import EXECUTIVE, entry_for, member_for
from .forms import ReviewForm
from .models import ProgressEntry
from .view_helpers import refuse_stale


def _queue_url(slug):
    return reverse("measures:review-queue", kwargs={"slug": slug})


@login_required
def review_queue(request, slug):
    membership = member_for(request.user, slug, [EXECUTIVE])
    waiting = (
        ProgressEntry.objects.filter(
            measure__plan__organisation=membership.organisation,
            review_state=ProgressEntry.Review.SUBMITTED,
        )
        .select_related("measure__plan", "author")
        .prefetch_related("links", "files")
        .order_by("updated_at", "pk")
    )
    return render(
        request,
        "measures/review_queue.html",
        {"organisation": membership.organisation, "entries": waiting},
    )


@login_required
def entry_review(request, slug, pk):
    membership, entry = entry_for(request.user, slug, pk, for_review=True)
    form = ReviewForm(request.POST or None, initial={"version": entry.version})
    context = {
        "form": form,
        "entry": entry,
        "measure": entry.measure,
        "organisation": membership.organisation,
    }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.entry_approve(entry=entry, version=data["version"], reviewer=request.user)
                messages.success(request, "อนุมัติผลการดำเนินการแล้ว")
            else:
                services.entry_return(
                    entry=entry,
                    version=data["version"],
                    reviewer=request.user,
                    comment=data["comment"],
                )
                messages.success(request, "ส่งกลับให้ผู้บันทึกแก้ไขแล้ว พร้อมความเห็นของท่าน")
        except services.StaleVersion as error:
            entry.refresh_from_db()
            context.update(refuse_stale(form, error))
        except (services.ReviewStateError, services.RoundLocked) as error:
            messages.error(request, str(error))
            return redirect(_queue_url(slug))
        else:
            return redirect(_queue_url(slug))
    return render(request, "measures/entry_review.html", context)
