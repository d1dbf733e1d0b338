"""Progress entries: record, edit, submit for review; evidence files served with access checks."""

import re
from pathlib import PurePath
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import services
from .access import entry_for, evidence_file_for, measure_for_entries
from .forms import EntryForm, LinkFormSet, VersionOnlyForm, links_from
from .pending_uploads import pending_uploads_delete, pending_uploads_keep
from .rounds import locked_round_labels, round_is_locked
from .view_helpers import add_service_errors, refuse_stale


def _detail_url(measure, entry=None):
    url = reverse(
        "measures:measure-detail",
        kwargs={"slug": measure.plan.organisation.slug, "pk": measure.pk},
    )
    return f"{url}#entry-{entry.pk}" if entry else url


def _uploads_to_show(request, form, organisation):
    """After a POST that failed: its files, stored until the form is sent again, to show as
    attached (files that failed their own checks are not kept: the page lists them instead)."""
    if request.method != "POST":
        return []
    return pending_uploads_keep(
        owner=request.user,
        organisation=organisation,
        uploads=form.uploads_to_keep,
        kept=form.kept_uploads,
    )


@login_required
def entry_create(request, slug, pk):
    _membership, measure = measure_for_entries(request.user, slug, pk)
    form = EntryForm(
        request.POST or None, request.FILES or None, measure=measure, owner=request.user
    )
    links = LinkFormSet(request.POST or None, prefix="links")
    if request.method == "POST" and form.is_valid() and links.is_valid():
        try:
            entry = services.entry_create(
                measure=measure,
                author=request.user,
                links=links_from(links),
                **form.service_kwargs(),
            )
        except services.RoundLocked as error:
            form.add_error("done_on", str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            pending_uploads_delete(uploads=form.kept_uploads)
            if request.POST.get("submit_now"):
                services.entry_submit(entry=entry, version=entry.version)
                messages.success(request, "บันทึกผลการดำเนินการและส่งให้ผู้บริหารพิจารณาแล้ว")
            else:
                messages.success(
                    request, "บันทึกผลการดำเนินการเป็นฉบับร่างแล้ว กด “ส่งอนุมัติ” เมื่อพร้อมให้ผู้บริหารพิจารณา"
                )
            return redirect(_detail_url(measure, entry))
    return render(
        request,
        "measures/entry_form.html",
        {
            "form": form,
            "links": links,
            "measure": measure,
            "organisation": measure.plan.organisation,
            "locked_rounds": locked_round_labels(measure.plan),
            "kept_uploads": _uploads_to_show(request, form, measure.plan.organisation),
        },
    )


@login_required
def entry_edit(request, slug, pk):
    _membership, entry = entry_for(request.user, slug, pk, for_change=True)
    measure = entry.measure
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        measure=measure,
        entry=entry,
        owner=request.user,
        initial=EntryForm.initial_for(entry),
    )
    links = LinkFormSet(request.POST or None, prefix="links")
    context = {
        "form": form,
        "links": links,
        "measure": measure,
        "entry": entry,
        "organisation": measure.plan.organisation,
        "locked_rounds": locked_round_labels(measure.plan),
        "entry_locked": round_is_locked(measure.plan, entry.done_on),
    }
    if request.method == "POST" and form.is_valid() and links.is_valid():
        version = form.cleaned_data["version"]
        try:
            services.entry_update(
                entry=entry,
                version=version,
                editor=request.user,
                links=links_from(links),
                **form.service_kwargs(),
            )
        except services.StaleVersion as error:
            context.update(refuse_stale(form, error))
        except services.RoundLocked as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            pending_uploads_delete(uploads=form.kept_uploads)
            messages.success(request, "บันทึกการแก้ไขแล้ว")
            return redirect(_detail_url(measure, entry))
    context["kept_uploads"] = _uploads_to_show(request, form, measure.plan.organisation)
    return render(request, "measures/entry_form.html", context)


@login_required
@require_POST
def entry_submit(request, slug, pk):
    _membership, entry = entry_for(request.user, slug, pk, for_change=True)
    form = VersionOnlyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "คำขอส่งอนุมัติไม่สมบูรณ์ กรุณาเปิดหน้านี้ใหม่แล้วกดส่งอนุมัติอีกครั้ง")
        return redirect(_detail_url(entry.measure, entry))
    try:
        services.entry_submit(entry=entry, version=form.cleaned_data["version"])
    except services.StaleVersion:
        messages.error(request, "ผลการดำเนินการนี้ถูกแก้ไขระหว่างนั้น กรุณาตรวจสอบแล้วส่งอีกครั้ง")
    except (services.ReviewStateError, services.RoundLocked) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "ส่งให้ผู้บริหารพิจารณาแล้ว")
    return redirect(_detail_url(entry.measure, entry))


@login_required
def evidence_file(request, slug, pk):
    """An evidence file, only to members of its organisation (a file removed from its entry
    only to coordinators), always as a download."""
    _membership, evidence = evidence_file_for(request.user, slug, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("ไม่พบไฟล์") from error
    response = FileResponse(handle, content_type=evidence.content_type)
    # RFC 6266/5987: an ASCII fallback plus the original Thai name, percent-encoded in UTF-8.
    suffix = PurePath(evidence.file.name).suffix.lower()
    fallback = "evidence" + (suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else "")
    response["Content-Disposition"] = (
        f'attachment; filename="{fallback}"; '
        f"filename*=UTF-8''{quote(evidence.original_name, safe='')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
