"""The detail of an ITA result: a score per tool, indicator, sub-indicator and question.

The result itself (measures.models.ItaResult) keeps the official total and rating as NACC
published them; the scores here are either typed from NACC's figures or computed from them by
the framework's rules (measures.results.scoring).
"""

from django.db import models
from django.db.models import Q

from .catalog import Indicator, Question, SubIndicator, Tool
from .limits import MaxLength

APPROACH_TEXT = 3_000
SCORE_0_100 = Q(score__gte=0, score__lte=100)


class ItaScore(models.Model):
    """One score of a result: the most specific of tool → indicator → sub-indicator → question
    set says which level it scores."""

    result = models.ForeignKey(
        "measures.ItaResult", on_delete=models.CASCADE, related_name="scores", verbose_name="ผล"
    )
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, verbose_name="เครื่องมือ")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, verbose_name="ตัวชี้วัด"
    )
    sub_indicator = models.ForeignKey(
        SubIndicator, on_delete=models.PROTECT, null=True, blank=True, verbose_name="ตัวชี้วัดย่อย"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, verbose_name="ข้อคำถาม"
    )
    score = models.DecimalField("คะแนน", max_digits=5, decimal_places=2)
    # Typed from NACC's figures, or computed by the framework's rules from the typed ones.
    typed = models.BooleanField("กรอกจากผลที่ประกาศ", default=True)

    class Meta:
        verbose_name = "คะแนนผลการประเมิน ITA"
        verbose_name_plural = "คะแนนผลการประเมิน ITA"
        constraints = [
            models.CheckConstraint(condition=SCORE_0_100, name="ita_score_0_100"),
            models.UniqueConstraint(
                fields=["result", "question"],
                condition=Q(question__isnull=False),
                name="ita_score_one_per_question",
            ),
            models.UniqueConstraint(
                fields=["result", "sub_indicator"],
                condition=Q(sub_indicator__isnull=False, question__isnull=True),
                name="ita_score_one_per_sub_indicator",
            ),
            models.UniqueConstraint(
                fields=["result", "indicator"],
                condition=Q(indicator__isnull=False, sub_indicator__isnull=True)
                & Q(question__isnull=True),
                name="ita_score_one_per_indicator",
            ),
            models.UniqueConstraint(
                fields=["result", "tool"],
                condition=Q(indicator__isnull=True, question__isnull=True),
                name="ita_score_one_per_tool",
            ),
        ]

    def __str__(self):
        target = self.question or self.sub_indicator or self.indicator or self.tool
        return f"{target}: {self.score}"


class DevelopmentApproach(models.Model):
    """แนวทางการพัฒนา: what the organisation will do about one weak question of its result."""

    result = models.ForeignKey(
        "measures.ItaResult",
        on_delete=models.CASCADE,
        related_name="approaches",
        verbose_name="ผล",
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, verbose_name="ข้อคำถาม")
    text = models.TextField("แนวทางการพัฒนา", validators=[MaxLength(APPROACH_TEXT)])
    updated_at = models.DateTimeField("แก้ไขเมื่อ", auto_now=True)

    class Meta:
        verbose_name = "แนวทางการพัฒนา"
        verbose_name_plural = "แนวทางการพัฒนา"
        constraints = [
            models.UniqueConstraint(
                fields=["result", "question"], name="approach_one_per_question"
            ),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.text[:40]}"
