"""The executives' dashboard: how far one organisation's measures plan has come.

Every figure is computed by the database in a fixed number of queries (7), whatever the number
of measures and entries: one grouped SQL query (``FIGURES_SQL``) gives completion overall, by
tool, by indicator and by unit plus the overdue, upcoming and awaiting-approval counts; a few
small queries add the plan, the catalog, the units, the lists that need names and last year's
ITA result. The measure list filters with the same conditions (``filter_measures``), so a
figure and the list behind it agree; the tests follow every link to check it.

How a measure counts:
- its status and percent are those of its latest approved entry that states a status (by
  ``done_on``, then creation), as in ``Measure.objects.with_latest_entry()``: a draft or an
  entry waiting for approval does not move a figure (waiting entries have their own count); a
  measure without approved entries is "not started" at 0 %; withdrawn measures do not count;
- an unknown percent (a result imported from a report that gave a status but no figure) is
  "not reported", never 0 % or 100 %: the measure counts under its status but is left out of
  the mean percent, which is the mean over the measures whose percent is known;
- by tool and by indicator, a measure counts once under each tool (indicator) that one of its
  questions belongs to: a measure answering e6 and O42 counts under EIT and under OIT, so the
  tool rows may add up to more than the total. Measures without questions appear under
  "ไม่ระบุ" (not specified);
- by unit, a measure counts under each unit responsible for it, and an "all units" measure
  under every unit;
- "past deadline" and "due within 30 days" count only measures not yet done, by their
  deadline alone: the period plays no part, so a measure whose period is unknown (a report
  that gave none) counts as any other, and one with no deadline either is never overdue.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from itaportal import thai
from measures.models import (
    Indicator,
    ItaResult,
    Measure,
    MeasurePlan,
    ProgressEntry,
    Question,
    Tool,
    Unit,
)

UPCOMING_DAYS = 30
LIST_LIMIT = 10  # measures listed by name on the dashboard; the rest are one click away
STATUSES = ("done", "in_progress", "not_started")
NOT_SPECIFIED = "none"

MeasureQuestion = Measure.questions.through
MeasureUnit = Measure.units.through


def today():
    """The local date; a function so that tests and the benchmark can pass their own."""
    return timezone.localdate()


# --- the measures in scope, and the filters of the measure list ---------------------------------


def measures_in_scope(*, plan, units=None):
    """The plan's measures, each annotated with ``status`` and ``percent`` of its latest entry.

    ``units`` (an iterable of Unit) restricts them to what those units carry, "all units"
    measures included, as staff see them; ``None`` means the whole organisation."""
    latest = (
        ProgressEntry.objects.filter(
            measure=OuterRef("pk"), review_state=ProgressEntry.Review.APPROVED
        )
        .exclude(status="")
        .order_by("-done_on", "-created_at", "-pk")
    )
    measures = Measure.objects.filter(plan=plan).in_force()
    if units is not None:
        unit_ids = [u.pk for u in units]
        measures = measures.filter(
            Q(all_units=True)
            | Exists(MeasureUnit.objects.filter(measure=OuterRef("pk"), unit__in=unit_ids))
        )
    return measures.annotate(
        status=Coalesce(Subquery(latest.values("status")[:1]), Value("not_started")),
        # No entry: 0 %; an entry without a percent: None (not reported).
        percent=Case(
            When(~Exists(latest), then=Value(0)),
            default=Subquery(latest.values("percent")[:1]),
            output_field=IntegerField(),
        ),
    )


def tool_q(code):
    if code == NOT_SPECIFIED:
        return ~Exists(MeasureQuestion.objects.filter(measure=OuterRef("pk")))
    return Exists(MeasureQuestion.objects.filter(measure=OuterRef("pk"), question__tool__code=code))


def indicator_q(number):
    if number == NOT_SPECIFIED:
        return ~Exists(
            MeasureQuestion.objects.filter(
                measure=OuterRef("pk"), question__indicator__isnull=False
            )
        )
    return Exists(
        MeasureQuestion.objects.filter(measure=OuterRef("pk"), question__indicator__number=number)
    )


def unit_q(unit_id):
    if unit_id == NOT_SPECIFIED:
        return Q(all_units=False) & ~Exists(MeasureUnit.objects.filter(measure=OuterRef("pk")))
    return Q(all_units=True) | Exists(
        MeasureUnit.objects.filter(measure=OuterRef("pk"), unit_id=unit_id)
    )


def overdue_q(on):
    return Q(deadline__lt=on) & ~Q(status="done")


def upcoming_q(on):
    return Q(deadline__gte=on, deadline__lte=on + timedelta(days=UPCOMING_DAYS)) & ~Q(status="done")


def pending_q():
    return Exists(ProgressEntry.objects.filter(measure=OuterRef("pk"), review_state="submitted"))


def filter_measures(
    measures,
    *,
    on,
    tool=None,
    indicator=None,
    unit=None,
    status=None,
    overdue=False,
    upcoming=False,
    pending=False,
):
    """The measure list's filters, the same conditions the dashboard counts with."""
    if tool:
        measures = measures.filter(tool_q(tool))
    if indicator:
        measures = measures.filter(indicator_q(indicator))
    if unit:
        measures = measures.filter(unit_q(unit))
    if status:
        measures = measures.filter(status=status)
    if overdue:
        measures = measures.filter(overdue_q(on))
    if upcoming:
        measures = measures.filter(upcoming_q(on))
    if pending:
        measures = measures.filter(pending_q())
    return measures


# --- the figures ----------------------------------------------------------------------------------


@dataclass
class Completion:
    """Completion of a group of measures; ``filters`` select the same measures in the list."""

    label: str
    filters: dict
    total: int = 0
    done: int = 0
    in_progress: int = 0
    percent_sum: int = 0
    percent_known: int = 0  # measures whose percent is known (see the module docstring)
    links: dict = field(default_factory=dict)  # set by the view: "all" and each status -> URL

    @property
    def not_started(self):
        return self.total - self.done - self.in_progress

    @property
    def mean_percent(self):
        """Mean percent of the group's measures whose percent is known, one decimal; None when
        no measure's percent is known."""
        if not self.percent_known:
            return None
        return (Decimal(self.percent_sum) / self.percent_known).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    def share(self, status):
        """Share (0–100) of measures in a status, for drawing bars."""
        count = getattr(self, status)
        return 100 * count / self.total if self.total else 0

    @property
    def segments(self):
        """(status, x, width, count) of each non-empty part of a stacked bar 0–100 wide."""
        parts, x = [], 0.0
        for status in STATUSES:
            width = self.share(status)
            if width:
                parts.append((status, x, width, getattr(self, status)))
            x += width
        return parts


@dataclass
class RoundProgress:
    months: int
    start: date
    end: date
    elapsed_share: float  # 0–100
    done_share: float  # 0–100

    @property
    def on_track(self):
        return self.done_share >= self.elapsed_share


@dataclass
class Dashboard:
    plan: MeasurePlan
    today: date
    overall: Completion
    by_tool: list = field(default_factory=list)
    by_indicator: list = field(default_factory=list)
    by_unit: list = field(default_factory=list)
    overdue_count: int = 0
    overdue: list = field(default_factory=list)
    upcoming_count: int = 0
    upcoming: list = field(default_factory=list)
    pending_entries: int = 0
    pending_measures: int = 0
    # Drafts and entries sent back: recorded, not yet sent for approval (shown, never counted).
    unsent_entries: int = 0
    round: RoundProgress | None = None
    last_ita: ItaResult | None = None


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


# One query for every count of the dashboard. ``m`` holds the measures in scope with their latest
# status and percent (computed once per measure); ``pairs`` lists (kind, key, measure) once for
# each group a measure belongs to; the outer query counts each group. Plain SQL that SQLite and
# PostgreSQL both run: building the same from ~100 ORM conditional aggregates cost more time in
# Python than the database spends answering.
FIGURES_SQL = """
WITH m AS (
  SELECT m.id AS id, m.all_units AS all_units, m.deadline AS deadline,
    COALESCE((SELECT e.status FROM {entry} e WHERE e.measure_id = m.id
              AND e.review_state = 'approved' AND e.status <> ''
              ORDER BY e.done_on DESC, e.created_at DESC, e.id DESC LIMIT 1),
             'not_started') AS status,
    CASE WHEN EXISTS (SELECT 1 FROM {entry} e WHERE e.measure_id = m.id
                      AND e.review_state = 'approved' AND e.status <> '')
      THEN (SELECT e.percent FROM {entry} e WHERE e.measure_id = m.id
            AND e.review_state = 'approved' AND e.status <> ''
            ORDER BY e.done_on DESC, e.created_at DESC, e.id DESC LIMIT 1)
      ELSE 0 END AS percent
  FROM {measure} m
  WHERE m.plan_id = %(plan)s AND m.withdrawn_at IS NULL {scope}
),
pairs AS (
  SELECT 'all' AS kind, '' AS k, m.id AS id FROM m
  UNION ALL
  SELECT DISTINCT 'tool', t.code, mq.measure_id
    FROM {measure_question} mq JOIN {question} q ON q.id = mq.question_id
    JOIN {tool} t ON t.id = q.tool_id
    WHERE mq.measure_id IN (SELECT id FROM m)
  UNION ALL
  SELECT 'tool', 'none', m.id FROM m
    WHERE NOT EXISTS (SELECT 1 FROM {measure_question} mq WHERE mq.measure_id = m.id)
  UNION ALL
  SELECT DISTINCT 'indicator', CAST(i.number AS VARCHAR(8)), mq.measure_id
    FROM {measure_question} mq JOIN {question} q ON q.id = mq.question_id
    JOIN {indicator} i ON i.id = q.indicator_id
    WHERE mq.measure_id IN (SELECT id FROM m)
  UNION ALL
  SELECT 'indicator', 'none', m.id FROM m
    WHERE NOT EXISTS (SELECT 1 FROM {measure_question} mq JOIN {question} q ON q.id = mq.question_id
                      WHERE mq.measure_id = m.id AND q.indicator_id IS NOT NULL)
  UNION ALL
  SELECT 'unit', CAST(mu.unit_id AS VARCHAR(20)), m.id
    FROM m JOIN {measure_unit} mu ON mu.measure_id = m.id WHERE NOT m.all_units
  UNION ALL
  SELECT 'unit', CAST(u.id AS VARCHAR(20)), m.id
    FROM m JOIN {unit} u ON u.organisation_id = %(organisation)s WHERE m.all_units
  UNION ALL
  SELECT 'unit', 'none', m.id FROM m
    WHERE NOT m.all_units
      AND NOT EXISTS (SELECT 1 FROM {measure_unit} mu WHERE mu.measure_id = m.id)
  UNION ALL
  SELECT 'overdue', '', m.id FROM m WHERE m.deadline < %(today)s AND m.status <> 'done'
  UNION ALL
  SELECT 'upcoming', '', m.id FROM m
    WHERE m.deadline >= %(today)s AND m.deadline <= %(horizon)s AND m.status <> 'done'
  UNION ALL
  SELECT 'pending', '', m.id FROM m
    WHERE EXISTS (SELECT 1 FROM {entry} e
                  WHERE e.measure_id = m.id AND e.review_state = 'submitted')
  UNION ALL
  SELECT 'pending_entries', '', e.measure_id FROM {entry} e JOIN m ON m.id = e.measure_id
    WHERE e.review_state = 'submitted'
  UNION ALL
  SELECT 'unsent_entries', '', e.measure_id FROM {entry} e JOIN m ON m.id = e.measure_id
    WHERE e.review_state IN ('draft', 'returned')
)
SELECT p.kind, p.k, COUNT(*),
  SUM(CASE WHEN m.status = 'done' THEN 1 ELSE 0 END),
  SUM(CASE WHEN m.status = 'in_progress' THEN 1 ELSE 0 END),
  SUM(m.percent), COUNT(m.percent)
FROM pairs p JOIN m ON m.id = p.id
GROUP BY p.kind, p.k
"""
SCOPE_SQL = """AND (m.all_units OR EXISTS (
    SELECT 1 FROM {measure_unit} su WHERE su.measure_id = m.id AND su.unit_id IN ({unit_ids})))"""


def _group_counts(*, plan, units, on):
    """{(kind, key): (total, done, in_progress, percent_sum, percent_known)} for the measures
    in scope."""
    tables = {
        "entry": _table(ProgressEntry),
        "measure": _table(Measure),
        "measure_question": _table(MeasureQuestion),
        "measure_unit": _table(MeasureUnit),
        "question": _table(Question),
        "tool": _table(Tool),
        "indicator": _table(Indicator),
        "unit": _table(Unit),
    }
    params = {
        "plan": plan.pk,
        "organisation": plan.organisation_id,
        "today": on.isoformat(),
        "horizon": (on + timedelta(days=UPCOMING_DAYS)).isoformat(),
    }
    scope = ""
    if units is not None:
        # Unit ids are integers from the database, never user text; NULL keeps IN () valid.
        ids = ", ".join(str(int(u.pk)) for u in units) or "NULL"
        scope = SCOPE_SQL.format(unit_ids=ids, **tables)
    with connection.cursor() as cursor:
        cursor.execute(FIGURES_SQL.format(scope=scope, **tables), params)
        return {
            (kind, key): (total, done or 0, in_progress or 0, percent_sum or 0, known or 0)
            for kind, key, total, done, in_progress, percent_sum, known in cursor.fetchall()
        }


def _completion(counts, kind, key, label, filters):
    total, done, in_progress, percent_sum, known = counts.get((kind, str(key)), (0,) * 5)
    return Completion(
        label=label,
        filters=filters,
        total=total,
        done=done,
        in_progress=in_progress,
        percent_sum=percent_sum,
        percent_known=known,
    )


def round_progress(*, fiscal_year, on, done, total):
    """How far into its reporting round the plan is at ``on``, against the share of measures done.

    Until 31 March the 6-month round is the one due; from April the 12-month round."""
    months = thai.ROUND_6 if on <= thai.round_range(fiscal_year, thai.ROUND_6)[1] else thai.ROUND_12
    start, end = thai.round_range(fiscal_year, months)
    length = (end - start).days + 1
    elapsed = min(max((on - start).days + 1, 0), length)
    return RoundProgress(
        months=months,
        start=start,
        end=end,
        elapsed_share=100 * elapsed / length,
        done_share=100 * done / total if total else 0,
    )


def plan_years(*, organisation):
    return list(
        MeasurePlan.objects.filter(organisation=organisation)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
    )


def default_year(*, years, on):
    """The current fiscal year if it has a plan, else the latest plan's year (None: no plan)."""
    current = thai.fiscal_year_of(on)
    if current in years:
        return current
    return max(years) if years else None


def dashboard_figures(*, organisation, fiscal_year, units=None, today):
    """All figures of the dashboard for one organisation and fiscal year, in 7 queries.

    ``units`` restricts every figure to the measures those units carry (staff); ``None`` shows
    the whole organisation. Returns None when the organisation has no plan for that year."""
    plan = (
        MeasurePlan.objects.filter(organisation=organisation, fiscal_year=fiscal_year)
        .select_related("framework", "organisation")
        .first()
    )
    if plan is None:
        return None
    on = today
    indicators = list(
        Indicator.objects.filter(tool__framework_id=plan.framework_id)
        .select_related("tool")
        .order_by("tool__order", "number")
    )
    tools = list({ind.tool.code: ind.tool for ind in indicators}.values())
    unit_list = (
        list(units)
        if units is not None
        else list(Unit.objects.filter(organisation=organisation).order_by("order", "name"))
    )
    measures = measures_in_scope(plan=plan, units=units if units is None else unit_list)
    counts = _group_counts(plan=plan, units=units if units is None else unit_list, on=on)

    def completions(kind, rows):
        found = [_completion(counts, kind, key, label, {kind: key}) for key, label in rows]
        rest = _completion(counts, kind, NOT_SPECIFIED, "ไม่ระบุ", {kind: NOT_SPECIFIED})
        # The "not specified" row only when some measure falls in it.
        return found + ([rest] if rest.total else [])

    def count(kind):
        return counts.get((kind, ""), (0,))[0]

    overall = _completion(counts, "all", "", "ทุกมาตรการ", {})
    attention = measures.order_by("deadline", "number").only(
        "pk", "number", "title", "issue", "deadline", "deadline_precision"
    )
    return Dashboard(
        plan=plan,
        today=on,
        overall=overall,
        by_tool=completions("tool", [(t.code, t.code) for t in tools]),
        by_indicator=completions(
            "indicator",
            [(i.number, f"{thai.to_thai_digits(i.number)} {i.name_th}") for i in indicators],
        ),
        by_unit=completions("unit", [(u.pk, u.name) for u in unit_list]),
        overdue_count=count("overdue"),
        overdue=list(attention.filter(overdue_q(on))[:LIST_LIMIT]),
        upcoming_count=count("upcoming"),
        upcoming=list(attention.filter(upcoming_q(on))[:LIST_LIMIT]),
        pending_entries=count("pending_entries"),
        pending_measures=count("pending"),
        unsent_entries=count("unsent_entries"),
        round=round_progress(
            fiscal_year=plan.fiscal_year, on=on, done=overall.done, total=overall.total
        ),
        last_ita=ItaResult.objects.filter(
            organisation=organisation, fiscal_year=plan.fiscal_year - 1
        ).first(),
    )
