"""The year's plan, its measures and their steps (coordinators)."""

from django import forms
from django.core.exceptions import ValidationError

from itaportal import thai

from ..models import Framework, MeasurePlan, Question, limits
from ..models.plans import NO_TITLE_OR_ISSUE
from ..services import Monitoring, Step
from .base import (
    IdChoiceField,
    IdChoicesField,
    ThaiDateField,
    ThaiDeadlineField,
    ThaiForm,
    ThaiFormSet,
    ThaiIntegerField,
    ThaiPeriodField,
    VersionField,
    apply_thai_messages,
)

# --- plan -----------------------------------------------------------------------------------


class FrameworkChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return thai.to_thai_digits(str(obj))


class ThemeChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return f"({thai.to_thai_digits(obj.number)}) {obj.title}"


class PlanForm(ThaiForm):
    fiscal_year = ThaiIntegerField(
        label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700, help_text="เช่น ๒๕๖๖"
    )
    framework = FrameworkChoiceField(
        label="กรอบการประเมิน ITA ที่ใช้วิเคราะห์",
        queryset=Framework.objects.order_by("-fiscal_year", "-version"),
        help_text="ผลการประเมินของปีที่แผนนี้นำมาปรับปรุง โดยปกติคือปีก่อนหน้า",
    )
    intro = forms.CharField(
        label="บทนำ",
        required=False,
        max_length=limits.PLAN_INTRO,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    announced_on = ThaiDateField(label="วันที่ประกาศ", required=False)
    signatory_name = forms.CharField(
        label="ผู้ลงนาม", required=False, max_length=200, help_text="เช่น นายสมชาย ใจดี"
    )
    signatory_position = forms.CharField(label="ตำแหน่งผู้ลงนาม", required=False, max_length=200)
    wording = forms.ChoiceField(
        label="ถ้อยคำของชื่อเอกสารและหัวตาราง",
        choices=MeasurePlan.Wording.choices,
        initial=MeasurePlan.Wording.STANDARD,
        required=False,
        help_text="เลือกให้ตรงกับเอกสารฉบับก่อน ๆ ของหน่วยงาน",
    )
    questions_with_text = forms.TypedChoiceField(
        label="คำถามของ ITA ในตาราง",
        choices=[("1", "พิมพ์รหัสคำถามพร้อมข้อความคำถาม"), ("0", "พิมพ์เฉพาะรหัสคำถาม")],
        coerce=lambda value: value == "1",
        empty_value=True,
        initial="1",
        required=False,
        help_text="เลือกพิมพ์เฉพาะรหัส เมื่อประเด็นที่ต้องปรับปรุงยกข้อความคำถามไว้แล้ว",
    )
    # Only an edit carries the version it was loaded with (a new plan has none yet).
    version = VersionField(required=False)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = editing
        if editing:
            # The year is the plan's identity (its URL and its reports); a new year is a new plan.
            del self.fields["fiscal_year"]

    def clean_wording(self):
        return self.cleaned_data["wording"] or MeasurePlan.Wording.STANDARD

    def clean(self):
        data = super().clean()
        year, framework = data.get("fiscal_year"), data.get("framework")
        if year and framework and framework.fiscal_year > year:
            self.add_error(
                "framework",
                "กรอบการประเมินต้องเป็นของปีงบประมาณนี้หรือปีก่อนหน้า กรุณาเลือกใหม่",
            )
        return data


# --- measure --------------------------------------------------------------------------------


class UnitChoicesField(IdChoicesField):
    def label_from_instance(self, obj):
        return obj.display_name


class QuestionChoiceField(IdChoicesField):
    def label_from_instance(self, obj):
        return f"{thai.format_question_code(obj.code)} {obj.text_th}".strip()


class MeasureForm(ThaiForm):
    number = ThaiIntegerField(
        label="มาตรการที่",
        min_value=1,
        max_value=999,
        required=False,
        help_text="เว้นว่างเพื่อให้ระบบใส่ลำดับถัดไป",
    )
    title = forms.CharField(
        label="มาตรการ/แนวทาง",
        required=False,
        max_length=limits.MEASURE_TITLE,
        help_text="เว้นว่างได้เมื่อเอกสารมีเฉพาะประเด็นที่ต้องปรับปรุงแก้ไข (ประเด็นจะเป็นหัวของแถว)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    issue = forms.CharField(
        label="ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
        required=False,
        max_length=limits.MEASURE_ISSUE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    theme = ThemeChoiceField(label="ประเด็น", queryset=None, required=False)
    units = UnitChoicesField(
        label="ผู้รับผิดชอบ",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    all_units = forms.BooleanField(label="ทุกสำนัก/กองรับผิดชอบ", required=False)
    responsible_note = forms.CharField(
        label="หมายเหตุผู้รับผิดชอบ",
        required=False,
        max_length=limits.MEASURE_RESPONSIBLE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="ตามที่แผนเขียนไว้ เช่น ทุกสำนัก/กองจัดทำในส่วนที่เกี่ยวข้องส่งสำนักปลัด",
    )
    questions = QuestionChoiceField(
        label="ข้อคำถามที่เกี่ยวข้อง",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    question_codes = forms.CharField(
        label="หรือพิมพ์รหัสข้อคำถาม",
        required=False,
        help_text=f"คั่นด้วยจุลภาคหรือเว้นวรรค เช่น {thai.CODE_EXAMPLES} หรือ ๐๒๐ ตามที่เอกสารพิมพ์",
    )
    period = ThaiPeriodField(
        label="ระยะเวลาดำเนินการ",
        required=False,
        help_text=f"เช่น {thai.PERIOD_EXAMPLES} เว้นว่างถ้าแผนไม่ระบุ",
    )
    accept_early_start = forms.BooleanField(
        label="ยืนยัน: มาตรการนี้เริ่มดำเนินการก่อนปีงบประมาณตามที่แผนระบุ", required=False
    )
    deadline = ThaiDeadlineField(label="กำหนดเวลาแล้วเสร็จ", required=False)
    monitoring = forms.CharField(
        label="การรายงานผลและการกำกับติดตาม",
        required=False,
        max_length=limits.MEASURE_MONITORING,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expected_outcome = forms.CharField(
        label="ผลลัพธ์ที่คาดหวัง",
        required=False,
        max_length=limits.MEASURE_OUTCOME,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Only an edit carries the version it was loaded with (a new measure has none yet).
    version = VersionField(required=False)

    def __init__(self, *args, plan, measure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.measure = plan, measure
        self.early_start = False  # the period begins before the fiscal year (see clean)
        self.fields["version"].required = measure is not None
        chosen = measure.units.values("pk") if measure else ()
        self.fields["units"].queryset = (
            plan.organisation.units.in_use_or(chosen)
            .select_related("parent")
            .order_by("order", "name")
        )
        self.fields["theme"].queryset = plan.themes.all()
        self.fields["questions"].queryset = (
            Question.objects.filter(framework=plan.framework)
            .select_related("tool", "indicator")
            .order_by("tool__order", "indicator__number", "order")
        )
        if not plan.themes.exists():
            del self.fields["theme"]

    @classmethod
    def initial_for(cls, measure):
        return {
            "number": measure.number,
            "title": measure.title,
            "issue": measure.issue,
            "theme": measure.theme_id,
            "units": list(measure.units.values_list("pk", flat=True)),
            "all_units": measure.all_units,
            "responsible_note": measure.responsible_note,
            "questions": list(measure.questions.values_list("pk", flat=True)),
            "period": (measure.period_start, measure.period_end) if measure.period_known else None,
            "accept_early_start": measure.period_known
            and measure.period_start < measure.plan.date_range[0],
            "deadline": (measure.deadline, measure.deadline_precision)
            if measure.deadline
            else None,
            "monitoring": measure.monitoring,
            "expected_outcome": measure.expected_outcome,
            "version": measure.version,
        }

    def question_groups(self):
        """The question checkboxes grouped tool → indicator, for the picker."""
        by_pk = {str(q.pk): q for q in self.fields["questions"].queryset}
        groups = []
        for widget in self["questions"]:
            question = by_pk[str(widget.data["value"])]
            tool = question.tool
            indicator = question.indicator
            if not groups or groups[-1]["tool"] != tool:
                groups.append({"tool": tool, "indicators": []})
            indicators = groups[-1]["indicators"]
            if not indicators or indicators[-1]["indicator"] != indicator:
                indicators.append({"indicator": indicator, "choices": []})
            indicators[-1]["choices"].append((question, widget))
        return groups

    def clean_number(self):
        number = self.cleaned_data.get("number")
        if number:
            taken = self.plan.measures.filter(number=number)
            if self.measure:
                taken = taken.exclude(pk=self.measure.pk)
            if taken.exists():
                raise ValidationError(
                    f"มาตรการที่ {thai.to_thai_digits(number)} มีอยู่แล้วในแผนนี้ "
                    "กรุณาใช้หมายเลขอื่น หรือเว้นว่างให้ระบบใส่ให้"
                )
        return number

    def clean_question_codes(self):
        raw = self.cleaned_data.get("question_codes", "")
        codes, unknown = [], []
        for part in [p for p in raw.replace("،", ",").replace(",", " ").split() if p.strip()]:
            try:
                codes.append(thai.parse_question_code(part))
            except thai.ThaiFormatError as error:
                raise ValidationError(str(error)) from error
        found = {q.code: q for q in self.fields["questions"].queryset.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            shown = ", ".join(thai.format_question_code(c) for c in unknown)
            raise ValidationError(
                f"ไม่พบข้อ {shown} ในกรอบการประเมินปี "
                f"{thai.to_thai_digits(self.plan.framework.fiscal_year)} กรุณาตรวจสอบรหัส"
            )
        return list(found.values())

    def clean(self):
        data = super().clean()
        if not (data.get("title") or "").strip() and not (data.get("issue") or "").strip():
            if "title" not in self.errors and "issue" not in self.errors:
                self.add_error("title", NO_TITLE_OR_ISSUE)
        period = data.get("period")
        self.early_start = bool(period) and period[0] < self.plan.date_range[0]
        if period:
            first, last = self.plan.date_range
            year = thai.to_thai_digits(self.plan.fiscal_year)
            if not first <= period[1] <= last:
                self.add_error(
                    "period",
                    f"ระยะเวลาดำเนินการต้องสิ้นสุดในปีงบประมาณ {year} "
                    f"({thai.format_period(first, last)})",
                )
            elif self.early_start and not data.get("accept_early_start"):
                # A warning, not a refusal: real plans list work begun before the year.
                self.add_error(
                    "period",
                    f"ระยะเวลาดำเนินการเริ่มก่อนปีงบประมาณ {year} ({thai.format_period(first, last)}) "
                    "หากแผนระบุไว้เช่นนั้น กรุณาทำเครื่องหมาย “ยืนยัน” ด้านล่างแล้วบันทึกอีกครั้ง",
                )
        deadline = data.get("deadline")
        if deadline and not self.plan.date_range[0] <= deadline[0]:
            self.add_error("deadline", "กำหนดเวลาแล้วเสร็จต้องไม่ก่อนเริ่มปีงบประมาณ")
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        questions = list(data.get("questions") or [])
        questions += [q for q in data.get("question_codes") or [] if q not in questions]
        kwargs = {
            "title": data["title"],
            "issue": data["issue"],
            "units": list(data.get("units") or []),
            "all_units": data["all_units"],
            "responsible_note": data["responsible_note"],
            "questions": questions,
            "period_start": data["period"][0] if data["period"] else None,
            "period_end": data["period"][1] if data["period"] else None,
            "deadline": data["deadline"][0] if data["deadline"] else None,
            "deadline_precision": data["deadline"][1] if data["deadline"] else "day",
            "monitoring": data["monitoring"],
            "expected_outcome": data["expected_outcome"],
        }
        if "theme" in self.fields:
            kwargs["theme"] = data.get("theme")
        if data.get("number"):
            kwargs["number"] = data["number"]
        return kwargs


class StepForm(forms.Form):
    label = forms.CharField(
        label="เลขข้อ",
        required=False,
        max_length=20,
        help_text="ตามที่เอกสารเขียน เช่น ๓.๑ เว้นว่างให้ระบบเรียงเลขให้",
    )
    text = forms.CharField(
        label="ขั้นตอน",
        required=False,
        max_length=limits.STEP_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deadline = ThaiDateField(label="กำหนดเสร็จ", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_thai_messages(self)

    def clean(self):
        data = super().clean()
        if (data.get("deadline") or data.get("label")) and not (data.get("text") or "").strip():
            self.add_error("text", "กรุณากรอกขั้นตอน หรือลบเลขข้อและกำหนดเสร็จของแถวนี้")
        return data


StepFormSet = forms.formset_factory(
    StepForm, formset=ThaiFormSet, extra=1, can_delete=True, max_num=50, validate_max=True
)


def steps_from(formset):
    """The steps in the order shown, skipping empty and deleted rows."""
    steps = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE") or not (data.get("text") or "").strip():
            continue
        steps.append(
            Step(
                text=data["text"].strip(),
                deadline=data.get("deadline"),
                label=thai.to_thai_digits((data.get("label") or "").strip()),
            )
        )
    return steps


class MonitoringForm(forms.Form):
    text = forms.CharField(
        label="การติดตามผล",
        required=False,
        max_length=limits.MEASURE_MONITORING,
        widget=forms.Textarea(attrs={"rows": 1}),
        help_text="เช่น รายงานผลต่อผู้บริหาร",
    )
    deadline = ThaiDeadlineField(label="กำหนดเวลา", required=False)
    recurrence = forms.CharField(
        label="หรือความถี่",
        required=False,
        max_length=300,
        help_text="เช่น ทุก ๖ เดือน ภายในเดือนเมษายน และตุลาคม",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_thai_messages(self)

    def clean(self):
        data = super().clean()
        text = (data.get("text") or "").strip()
        if (data.get("deadline") or (data.get("recurrence") or "").strip()) and not text:
            self.add_error("text", "กรุณากรอกการติดตามผล หรือลบกำหนดเวลาและความถี่ของแถวนี้")
        if data.get("deadline") and (data.get("recurrence") or "").strip():
            self.add_error("recurrence", "กรุณากรอกกำหนดเวลาหรือความถี่อย่างใดอย่างหนึ่ง")
        return data


MonitoringFormSet = forms.formset_factory(
    MonitoringForm, formset=ThaiFormSet, extra=2, can_delete=True, max_num=20, validate_max=True
)


def monitoring_from(formset):
    """The monitoring items in the order shown, skipping empty and deleted rows."""
    items = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE") or not (data.get("text") or "").strip():
            continue
        deadline = data.get("deadline") or (None, "day")
        items.append(
            Monitoring(
                text=data["text"].strip(),
                deadline=deadline[0],
                deadline_precision=deadline[1],
                recurrence=thai.to_thai_digits((data.get("recurrence") or "").strip()),
            )
        )
    return items


def monitoring_initial(measure):
    return [
        {
            "text": item.text,
            "deadline": (item.deadline, item.deadline_precision) if item.deadline else None,
            "recurrence": item.recurrence,
        }
        for item in measure.monitoring_items.order_by("order")
    ]
