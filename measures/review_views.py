"""The executive's review: the queue of submitted entries, approve or return with a comment."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from itaportal import thai

from . import services
from .access import EXECUTIVE, entry_for, member_for
from .forms import ReviewForm
from .models import ProgressEntry
from .view_helpers import refuse_stale


def _queue_url(slug):
    return reverse("measures:review-queue", kwargs={"slug": slug})


def _submitted(organisation):
    return ProgressEntry.objects.filter(
        measure__plan__organisation=organisation, review_state=ProgressEntry.Review.SUBMITTED
    )


@login_required
def review_queue(request, slug):
    """Entries the executive can decide now; those of a published round, which cannot be
    decided until the coordinator reopens it, are listed apart."""
    membership = member_for(request.user, slug, [EXECUTIVE])
    entries = list(
        _submitted(membership.organisation)
        .select_related("measure__plan", "author")
        .prefetch_related("links", "files")
        .order_by("updated_at", "pk")
    )
    by_plan = defaultdict(list)
    for entry in entries:
        by_plan[entry.measure.plan].append(entry)
        entry.evidence = [*entry.links.all(), *entry.files.all()]
    for plan, plan_entries in by_plan.items():
        services.entries_locked(plan, plan_entries)
    return render(
        request,
        "measures/review_queue.html",
        {
            "organisation": membership.organisation,
            "entries": [e for e in entries if not e.locked],
            "held": [e for e in entries if e.locked],
        },
    )


@login_required
@require_POST
def entries_approve(request, slug):
    """Approve the ticked entries of the queue, each at the version shown."""
    membership = member_for(request.user, slug, [EXECUTIVE])
    ticked = [pk for pk in request.POST.getlist("entry") if pk.isascii() and pk.isdigit()]
    entries = _submitted(membership.organisation).filter(pk__in=ticked[:200])
    decisions = []
    for entry in entries.select_related("measure__plan"):
        version = request.POST.get(f"version-{entry.pk}", "")
        if version.isascii() and version.isdigit():
            decisions.append((entry, int(version)))
    if not decisions:
        messages.error(request, "กรุณาเลือกรายการที่จะอนุมัติอย่างน้อยหนึ่งรายการ")
        return redirect(_queue_url(slug))
    approved, refused = services.entries_approve(decisions=decisions, reviewer=request.user)
    if approved:
        messages.success(request, f"อนุมัติแล้ว {thai.to_thai_digits(len(approved))} รายการ")
    for entry, reason in refused:
        number, day = thai.to_thai_digits(entry.measure.number), thai.format_date(entry.done_on)
        messages.error(request, f"มาตรการที่ {number} รายการวันที่ {day}: {reason}")
    return redirect(_queue_url(slug))


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
