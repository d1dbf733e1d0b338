"""The executives' dashboard and the filtered measure list behind each of its figures."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Case, F, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse

from itaportal import thai
from measures.access import membership_for, memberships_of
from measures.models import Indicator, MeasurePlan, Membership, ProgressEntry

from . import dashboard
from .dashboard import NOT_SPECIFIED, STATUSES
from .ita_history import ita_history, weak_items_with_measures

STATUS_LABELS = dict(ProgressEntry.Status.choices)
SORTS = {
    "number": ("ลำดับมาตรการ", ["order", "number"]),
    "-number": ("ลำดับมาตรการ (จากท้าย)", ["-order", "-number"]),
    "deadline": ("กำหนดเสร็จ (ใกล้ที่สุดก่อน)", [F("deadline").asc(nulls_last=True), "number"]),
    "-deadline": ("กำหนดเสร็จ (ไกลที่สุดก่อน)", [F("deadline").desc(nulls_last=True), "number"]),
    "status": ("สถานะ (ยังไม่ดำเนินการก่อน)", ["status_rank", "number"]),
    "-status": ("สถานะ (ดำเนินการแล้วก่อน)", ["-status_rank", "number"]),
    "percent": ("ร้อยละ (น้อยไปมาก)", ["percent", "number"]),
    "-percent": ("ร้อยละ (มากไปน้อย)", ["-percent", "number"]),
}
FLAGS = {
    "overdue": "เกินกำหนดและยังไม่แล้วเสร็จ",
    "upcoming": f"ครบกำหนดภายใน {thai.to_thai_digits(dashboard.UPCOMING_DAYS)} วัน",
    "pending": "มีผลการดำเนินการรออนุมัติ",
}


def _scope(membership):
    """None (the whole organisation) for coordinators and executives, else the member's units."""
    return None if membership.sees_all_measures else list(membership.units.all())


def _year(raw, years, on):
    """The year asked for if it has a plan; otherwise the default year and a Thai message."""
    default = dashboard.default_year(years=years, on=on)
    if raw in (None, ""):
        return default, None
    year = thai.read_whole_number(raw)
    if year in years:
        return year, None
    return default, f"ไม่มีแผนมาตรการของปีงบประมาณ “{thai.to_thai_digits(raw)}” จึงแสดงปีที่มีแผนแทน"


def list_url(path, year, filters):
    """The measure list at `path` (reversed once per request) with these filters."""
    filters = {k: (1 if v is True else v) for k, v in filters.items() if v not in (None, "", False)}
    return f"{path}?{urlencode({'year': year, **filters})}"


def _link_completion(completion, path, year):
    completion.links = {"all": list_url(path, year, completion.filters)}
    for status in STATUSES:
        completion.links[status] = list_url(path, year, {**completion.filters, "status": status})


@login_required
def dashboard_home(request):
    """The navbar's แดชบอร์ด: the dashboard of the user's (first) organisation."""
    membership = memberships_of(request.user).order_by("organisation__name_th").first()
    if membership is None and request.user.is_superuser:
        return redirect("measures:organisation-pick")
    if membership is None:
        return redirect("measures:my-work")
    return redirect("reports:dashboard", slug=membership.organisation.slug)


@login_required
def dashboard_page(request, slug):
    membership = membership_for(request.user, slug)
    org = membership.organisation
    on = dashboard.today()
    years = dashboard.plan_years(organisation=org)
    year, problem = _year(request.GET.get("year"), years, on)
    units = _scope(membership)
    path = reverse("reports:measure-list", args=[slug])
    figures = None
    if year is not None:
        figures = dashboard.dashboard_figures(
            organisation=org, fiscal_year=year, units=units, today=on
        )
        for completion in [
            figures.overall,
            *figures.by_tool,
            *figures.by_indicator,
            *figures.by_unit,
        ]:
            _link_completion(completion, path, year)
    weak_result, weak_items = (
        weak_items_with_measures(plan=figures.plan, units=units) if figures else (None, [])
    )
    links = {name: list_url(path, year, {name: 1}) for name in ("overdue", "upcoming", "pending")}
    if membership.role == Membership.Role.EXECUTIVE:
        # The executive decides what waits: the card opens the review queue.
        links["pending"] = reverse("measures:review-queue", args=[org.slug])
    return render(
        request,
        "reports/dashboard.html",
        {
            "membership": membership,
            "organisation": org,
            "units": units,
            "years": years,
            "year": year,
            "problem": problem,
            "figures": figures,
            "links": links,
            "today": on,
            "upcoming_days": dashboard.UPCOMING_DAYS,
            "history": ita_history(organisation=org),
            "weak_result": weak_result,
            "weak_items": weak_items,
        },
    )


def _filters(params, *, tools, indicators, units):
    """The list's filters from the query string, and a Thai message for each value ignored."""
    chosen, problems = {}, []

    def value(name):
        return thai.to_arabic_digits(params.get(name, "")).strip()

    # name: (how a typed value reads, the values it may take, whether "not specified" is one of
    # them, the Thai message when it is none of them)
    rules = {
        "tool": (
            str.upper,
            tools,
            True,
            lambda raw: f"ไม่รู้จักเครื่องมือการประเมิน “{thai.to_thai_digits(raw)}” จึงไม่ได้กรองตามเครื่องมือ",
        ),
        "indicator": (
            thai.read_whole_number,
            indicators,
            True,
            lambda raw: (
                f"ไม่มีตัวชี้วัดที่ “{thai.to_thai_digits(raw)}” ในกรอบการประเมินนี้ จึงไม่ได้กรองตามตัวชี้วัด"
            ),
        ),
        "unit": (
            thai.read_id,
            units,
            True,
            lambda raw: "ไม่พบสำนัก/กองที่เลือก จึงไม่ได้กรองตามสำนัก/กอง",
        ),
        "status": (
            str,
            STATUSES,
            False,
            lambda raw: "ไม่รู้จักสถานะที่เลือก จึงไม่ได้กรองตามสถานะ",
        ),
    }
    for name, (read, allowed, may_be_unspecified, message) in rules.items():
        raw = value(name)
        if not raw:
            continue
        if may_be_unspecified and raw == NOT_SPECIFIED:
            chosen[name] = raw
        elif read(raw) in allowed:
            chosen[name] = read(raw)
        else:
            problems.append(message(raw))
    for flag in FLAGS:
        if value(flag) in ("1", "on", "true"):
            chosen[flag] = True
    return chosen, problems


@login_required
def measure_list(request, slug):
    """The measures behind a dashboard figure, filtered by what the query string says."""
    membership = membership_for(request.user, slug)
    org = membership.organisation
    on = dashboard.today()
    years = dashboard.plan_years(organisation=org)
    year, year_problem = _year(request.GET.get("year"), years, on)
    problems = [year_problem] if year_problem else []
    units = _scope(membership)
    plan = (
        MeasurePlan.objects.filter(organisation=org, fiscal_year=year).first()
        if year is not None
        else None
    )
    context = {
        "membership": membership,
        "organisation": org,
        "years": years,
        "year": year,
        "plan": plan,
        "flags": FLAGS,
        "statuses": [(s, STATUS_LABELS[s]) for s in STATUSES],
        "dashboard_url": reverse("reports:dashboard", args=[slug]) + f"?year={year or ''}",
        "today": on,
    }
    if plan is not None:
        indicators = list(
            Indicator.objects.filter(tool__framework_id=plan.framework_id)
            .select_related("tool")
            .order_by("tool__order", "number")
        )
        tools = list(dict.fromkeys(ind.tool.code for ind in indicators))
        unit_choices = units if units is not None else list(org.units.order_by("order", "name"))
        filters, filter_problems = _filters(
            request.GET,
            tools=tools,
            indicators={ind.number: ind for ind in indicators},
            units={u.pk: u for u in unit_choices},
        )
        problems += filter_problems
        sort = request.GET.get("sort") or "number"
        if sort not in SORTS:
            problems.append("ไม่รู้จักวิธีเรียงที่เลือก จึงเรียงตามลำดับมาตรการ")
            sort = "number"
        measures = (
            dashboard.filter_measures(
                dashboard.measures_in_scope(plan=plan, units=units), on=on, **filters
            )
            .annotate(
                status_rank=Case(
                    When(status="not_started", then=Value(0)),
                    When(status="in_progress", then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by(*SORTS[sort][1])
            .prefetch_related("units", "questions")
        )
        measures = list(measures)
        for measure in measures:
            measure.is_late = measure.status != "done" and measure.is_overdue(on)
            # Joined here once rather than looped over twice (phone and desktop) in the template.
            measure.unit_names = (
                "ทุกสำนัก/กอง"
                if measure.all_units
                else ", ".join(u.name for u in measure.units.all())
            )
            measure.codes = ", ".join(
                thai.format_question_code(q.code) for q in measure.questions.all()
            )
        base = dict(filters)
        path = reverse("reports:measure-list", args=[slug])
        context.update(
            {
                "indicators": indicators,
                "tools": tools,
                "unit_choices": unit_choices,
                "filters": filters,
                "sort": sort,
                "measures": measures,
                "sort_options": [
                    (key, label, list_url(path, year, {**base, "sort": key}))
                    for key, (label, _order) in SORTS.items()
                ],
                "sort_label": SORTS[sort][0],
                # Column headers sort by their column; a second click reverses the order.
                "header_links": {
                    column: list_url(
                        path, year, {**base, "sort": f"-{column}" if sort == column else column}
                    )
                    for column in ("number", "deadline", "status", "percent")
                },
                "clear_url": list_url(path, year, {}),
                "not_specified": NOT_SPECIFIED,
            }
        )
    context["problems"] = problems
    template = (
        "reports/measure_list_table.html"
        if request.headers.get("HX-Request")
        else "reports/measure_list.html"
    )
    return render(request, template, context)
