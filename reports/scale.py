"""Synthetic organisations at national scale, to measure the portal against ~7,850 อปท.

Rows go in with explicit ids in large batches: PostgreSQL ``COPY`` (one round trip per table and
batch), plain multi-row INSERTs elsewhere. Model ``save()`` is bypassed on purpose, so synthetic
rows have no django-simple-history records and no validation beyond the database constraints.
Meant for an empty or throwaway database: ids are taken as max(id)+1 without locking.
"""

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from itaportal import thai
from measures.models import (
    Framework,
    Measure,
    MeasurePlan,
    Organisation,
    ProgressEntry,
    Question,
    Unit,
)

FISCAL_YEAR = 2566
FRAMEWORK_YEAR = 2565
UNITS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม", "หน่วยตรวจสอบภายใน"]
KINDS = [k for k, _label in Organisation.Kind.choices]
MeasureUnit = Measure.units.through
MeasureQuestion = Measure.questions.through


@dataclass
class ScaleResult:
    organisations: int = 0
    units: int = 0
    measures: int = 0
    entries: int = 0
    first_slug: str = ""


class _Table:
    """Rows for one model's table, written by COPY on PostgreSQL, INSERT elsewhere."""

    def __init__(self, model):
        self.model = model
        self.fields = model._meta.concrete_fields
        self.columns = [f.column for f in self.fields]
        self.rows = []
        # Table and column names below come from the models' _meta, never from input.
        self.table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {self.table}")  # noqa: S608
            self.next_id = (cursor.fetchone()[0] or 0) + 1
        self.written = 0

    def add(self, **values):
        """Queue a row; fields not given get their model default (None when they have none)."""
        row_id = self.next_id
        self.next_id += 1
        values["id"] = row_id
        self.rows.append(
            [values[f.attname] if f.attname in values else f.get_default() for f in self.fields]
        )
        return row_id

    def flush(self):
        if not self.rows:
            return
        table = self.table
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                buffer = io.StringIO()
                writer = csv.writer(buffer)
                for row in self.rows:
                    writer.writerow(["\\N" if v is None else _copy_value(v) for v in row])
                buffer.seek(0)
                cursor.copy_expert(
                    f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
                    buffer,
                )
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                    self.rows,
                )
        self.written += len(self.rows)
        self.rows = []

    def reset_sequence(self):
        if connection.vendor != "postgresql":
            return
        last = f"SELECT MAX(id) FROM {self.table}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), ({last}))",
                [self.model._meta.db_table],
            )


def _copy_value(value):
    if isinstance(value, bool):
        return "t" if value else "f"
    return value


def scale_generate(*, orgs, measures, entries, seed=2566, batch=200, progress=None):
    """Create ``orgs`` organisations, each with 5 units and an announced FY 2566 plan of
    ``measures`` measures (linked to questions of the ITA 2565 framework and to 1–2 units, one in
    ten for all units) with ``entries`` progress entries each. ``progress(done, total)`` is
    called after each batch of organisations."""
    framework = Framework.objects.filter(fiscal_year=FRAMEWORK_YEAR).order_by("-version").first()
    if framework is None:
        raise LookupError("ยังไม่มีกรอบการประเมิน ITA 2565: เรียก load_ita_catalog ก่อน")
    question_ids = list(
        Question.objects.filter(framework=framework).order_by("order").values_list("id", flat=True)
    )
    rng = random.Random(seed)  # noqa: S311 (synthetic data, repeatable on purpose)
    now = timezone.now()
    first_day, last_day = thai.fiscal_year_range(FISCAL_YEAR)
    year_days = (last_day - first_day).days
    tables = {
        model: _Table(model)
        for model in (
            Organisation,
            Unit,
            MeasurePlan,
            Measure,
            MeasureUnit,
            MeasureQuestion,
            ProgressEntry,
        )
    }
    start = Organisation.objects.filter(slug__startswith="scale-").count()
    result = ScaleResult(first_slug=f"scale-{start:05d}")
    for done in range(0, orgs, batch):
        with transaction.atomic():
            for n in range(start + done, start + min(done + batch, orgs)):
                _organisation(
                    tables,
                    n,
                    framework.pk,
                    question_ids,
                    measures,
                    entries,
                    rng,
                    now,
                    first_day,
                    year_days,
                )
            for table in tables.values():
                table.flush()
        if progress:
            progress(min(done + batch, orgs), orgs)
    for table in tables.values():
        table.reset_sequence()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result.organisations = tables[Organisation].written
    result.units = tables[Unit].written
    result.measures = tables[Measure].written
    result.entries = tables[ProgressEntry].written
    return result


def _organisation(
    t, n, framework_id, question_ids, measure_count, entry_count, rng, now, first_day, year_days
):
    kind = KINDS[n % len(KINDS)]
    name = f"สังเคราะห์{n:05d}"
    org_id = t[Organisation].add(
        slug=f"scale-{n:05d}",
        name_th=f"{Organisation.Kind(kind).label}{name}",
        short_name=f"{Organisation.ABBREVIATIONS[kind]}{name}",
        kind=kind,
        district=f"อำเภอทดสอบ{n % 900}",
        province=f"จังหวัดทดสอบ{n % 77}",
    )
    unit_ids = [t[Unit].add(organisation_id=org_id, name=u, order=i) for i, u in enumerate(UNITS)]
    plan_id = t[MeasurePlan].add(
        organisation_id=org_id,
        fiscal_year=FISCAL_YEAR,
        framework_id=framework_id,
        intro="แผนสังเคราะห์สำหรับทดสอบขนาด",
        announced_on=first_day + timedelta(days=19),
        created_at=now,
        updated_at=now,
    )
    for number in range(1, measure_count + 1):
        deadline = first_day + timedelta(days=rng.randrange(60, year_days + 1))
        all_units = rng.random() < 0.1
        measure_id = t[Measure].add(
            plan_id=plan_id,
            number=number,
            order=number,
            title=f"มาตรการสังเคราะห์ที่ {number}",
            issue="ประเด็นสังเคราะห์",
            all_units=all_units,
            deadline=deadline,
            period_start=first_day,
            period_end=date(deadline.year, deadline.month, 1),
            created_at=now,
            updated_at=now,
        )
        if not all_units:
            for unit_id in rng.sample(unit_ids, rng.choice((1, 1, 2))):
                t[MeasureUnit].add(measure_id=measure_id, unit_id=unit_id)
        for question_id in rng.sample(question_ids, rng.choice((1, 2))):
            t[MeasureQuestion].add(measure_id=measure_id, question_id=question_id)
        _entries(t, measure_id, entry_count, rng, now, first_day, year_days)


def _entries(t, measure_id, count, rng, now, first_day, year_days):
    days = sorted(rng.sample(range(year_days + 1), count)) if count else []
    finished = rng.random() < 0.4
    percent = 0
    for i, day in enumerate(days):
        last = i == count - 1
        if last and finished:
            status, percent = "done", 100
        else:
            percent = min(95, percent + rng.randrange(5, 20))
            status = "in_progress"
        review = "submitted" if last and rng.random() < 0.2 else "approved"
        t[ProgressEntry].add(
            measure_id=measure_id,
            done_on=first_day + timedelta(days=day),
            description=f"ผลการดำเนินการครั้งที่ {i + 1}",
            status=status,
            percent=percent,
            review_state=review,
            created_at=now,
            updated_at=now,
        )
