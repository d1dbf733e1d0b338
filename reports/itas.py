"""The ITAS answer sheet: for one assessment year, which OIT items the organisation's published
documents answer, with the stable URL the assessor is given for each.

Which document answers which item is framework data (``Question.answered_by``, loaded from the
catalog), never code: the NACC renumbers the OIT between years, and a plan adopted in year N
may be reported under year N+1's item (``fiscal_year_offset`` -1)."""

from dataclasses import dataclass, field

from django.urls import reverse

from measures.models import Framework

from .models import KIND_CHOICES, Publication

KIND_LABELS = dict(KIND_CHOICES)


@dataclass(frozen=True)
class Answer:
    """One document the catalog says answers an item, and its latest published revision."""

    document: str
    fiscal_year: int
    publication: Publication | None

    @property
    def label(self):
        return KIND_LABELS[self.document]

    @property
    def path(self):
        """The stable link (the latest revision, whatever is published later), or None."""
        if self.publication is None:
            return None
        return reverse(
            "reports:publication-pdf",
            args=[self.publication.plan.organisation.slug, self.fiscal_year, self.document],
        )


@dataclass(frozen=True)
class Item:
    question: object
    answers: list = field(default_factory=list)

    @property
    def status(self):
        if not self.answers:
            return "not-answerable"
        return "answered" if any(a.publication for a in self.answers) else "not-published"

    @property
    def status_th(self):
        return {
            "answered": "มีเอกสารที่เผยแพร่แล้ว",
            "not-published": "ยังไม่ได้เผยแพร่เอกสาร",
            "not-answerable": "ระบบไม่ได้จัดทำเอกสารสำหรับข้อนี้",
        }[self.status]


@dataclass(frozen=True)
class AnswerSheet:
    organisation: object
    framework: Framework
    items: list

    @property
    def year(self):
        return self.framework.fiscal_year

    @property
    def answered(self):
        return [item for item in self.items if item.status == "answered"]


def assessment_years():
    return sorted(set(Framework.objects.values_list("fiscal_year", flat=True)))


def answer_sheet_build(*, organisation, year):
    """The answer sheet of one assessment year (its latest framework), or None without one."""
    framework = Framework.objects.filter(fiscal_year=year).order_by("-version").first()
    if framework is None:
        return None
    questions = list(framework.questions.filter(tool__code="OIT").select_related("sub_indicator"))
    answers = {
        question.code: [
            (year + answer["fiscal_year_offset"], answer["document"])
            for answer in question.answered_by
            # A kind the portal does not make (from a newer catalog) answers nothing here.
            if answer["document"] in KIND_LABELS
        ]
        for question in questions
    }
    wanted = {pair for pairs in answers.values() for pair in pairs}
    published = (
        Publication.objects.filter(
            plan__organisation=organisation,
            plan__fiscal_year__in={plan_year for plan_year, _ in wanted},
            kind__in={kind for _, kind in wanted},
        )
        .select_related("plan__organisation")
        .order_by("revision")
    )
    latest = {(p.plan.fiscal_year, p.kind): p for p in published}
    items = [
        Item(
            question,
            [
                Answer(kind, plan_year, latest.get((plan_year, kind)))
                for plan_year, kind in answers[question.code]
            ],
        )
        for question in questions
    ]
    return AnswerSheet(organisation, framework, items)
