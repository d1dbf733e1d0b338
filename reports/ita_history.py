"""The dashboard's ITA panels: the history of the results (the total and each indicator over
every recorded year) as a server-drawn SVG line chart with the same figures as a table, and
the weak items of the result a plan answers with the measures that answer them."""

from dataclasses import dataclass, field
from decimal import Decimal

from itaportal import thai
from measures.models import ItaResult, ItaScore, ProgressEntry
from measures.results.analysis import result_analyse
from measures.results.plans import result_the_plan_answers

from .dashboard import measures_in_scope

# The chart's drawing box (SVG user units; the CSS scales it to the page's width).
WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 12, 34
TOTAL = "คะแนนรวม"


@dataclass
class Series:
    label: str
    values: list  # a score or None per year
    css: str
    points: list = field(default_factory=list)  # (x, y, score) where there is a score

    @property
    def polyline(self):
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


@dataclass
class History:
    years: list
    series: list  # the total first, then the indicators by number
    x_ticks: list  # (x, year)
    y_ticks: list  # (y, score)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM


def ita_history(*, organisation):
    """Every recorded year with a total, or None without one (two queries)."""
    results = [
        r
        for r in ItaResult.objects.filter(organisation=organisation).order_by("fiscal_year")
        if r.total is not None
    ]
    if not results:
        return None
    rows = (
        ItaScore.objects.filter(
            result__in=results,
            indicator__isnull=False,
            sub_indicator__isnull=True,
            question__isnull=True,
        )
        .select_related("indicator")
        .order_by("result__fiscal_year")
    )
    by_number, names = {}, {}
    for row in rows:
        # Indicators are matched by number across years, as the analysis compares them.
        number = row.indicator.number
        by_number.setdefault(number, {})[row.result_id] = row.score
        names[number] = row.indicator.name_th
    series = [Series(TOTAL, [r.total for r in results], "series-total")]
    series += [
        Series(
            f"ตัวชี้วัดที่ {thai.to_thai_digits(number)} {names[number]}".strip(),
            [by_number[number].get(r.pk) for r in results],
            f"series-{number % 10}",
        )
        for number in sorted(by_number)
    ]
    return _laid_out([r.fiscal_year for r in results], series)


def _laid_out(years, series):
    scores = [v for s in series for v in s.values if v is not None]
    floor = min(Decimal(50), (min(scores) // 10) * 10)
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM

    def x_of(n):
        return LEFT + (span_x / 2 if len(years) == 1 else span_x * n / (len(years) - 1))

    def y_of(score):
        return TOP + span_y * float((100 - score) / (100 - floor))

    for s in series:
        s.points = [(x_of(n), y_of(v), v) for n, v in enumerate(s.values) if v is not None]
    steps = range(int(floor), 101, 10)
    return History(
        years=years,
        series=series,
        x_ticks=[(x_of(n), year) for n, year in enumerate(years)],
        y_ticks=[(y_of(Decimal(v)), v) for v in steps],
    )


@dataclass
class WeakItem:
    item: object  # measures.results.analysis.Item
    measures: list  # of the plan, in force and in scope, with status and percent


def weak_items_with_measures(*, plan, units=None):
    """(the result the plan answers or None, [WeakItem]): each question of the result of the
    year before the plan's below the pass mark, with the measures linked to it."""
    result = result_the_plan_answers(plan=plan)
    if result is None:
        return None, []
    measures = (
        measures_in_scope(plan=plan, units=units)
        .prefetch_related("questions")
        .order_by("order", "number")
    )
    labels = dict(ProgressEntry.Status.choices)
    by_code = {}
    for measure in measures:
        measure.status_label = labels.get(measure.status, measure.status)
        for question in measure.questions.all():
            by_code.setdefault(question.code, []).append(measure)
    weak = result_analyse(result=result).weak_items
    return result, [WeakItem(item, by_code.get(item.question.code, [])) for item in weak]
