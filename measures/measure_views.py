"""The measure page and the coordinator's plan and measure forms."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from .access import may_change_entries_of, measure_for
from .models import EvidenceFile, EvidenceLink, ProgressEntry


@login_required
def measure_detail(request, slug, pk):
    """The measure, its steps, units, questions, its entries in time order with evidence."""
    membership, measure = measure_for(request.user, slug, pk)
    entries = (
        ProgressEntry.objects.filter(measure=measure)
        .select_related("author", "reviewed_by")
        .prefetch_related(
            Prefetch("links", queryset=EvidenceLink.objects.order_by("order", "pk")),
            Prefetch("files", queryset=EvidenceFile.objects.order_by("uploaded_at", "pk")),
        )
        .order_by("done_on", "created_at", "pk")
    )
    return render(
        request,
        "measures/measure_detail.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "measure": measure,
            "plan": measure.plan,
            "steps": measure.steps.order_by("order"),
            "units": measure.units.order_by("order", "name"),
            "questions": measure.questions.order_by("order"),
            "entries": entries,
            "may_add_entry": may_change_entries_of(membership, measure),
            "may_edit_measure": membership.role == membership.Role.COORDINATOR,
        },
    )
