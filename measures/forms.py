"""Forms of the staff pages: Thai labels, Thai error messages that say what to fix.

Fields clean to domain types (a date from a Thai date string, an int from Thai digits); the
services do the saving. Choices of units and questions come only from the user's own
organisation and the plan's framework, so an id of another organisation typed into a request is
refused like any other invalid choice.
"""

from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from itaportal import thai

from .models import EvidenceFile, EvidenceLink, Framework, Membership, ProgressEntry, Question
from .services import Link, Step
from .uploads import (
    ALLOWED_TEXT,
    MAX_EVIDENCE_BYTES,
    clean_original_name,
    sniff_content_type,
)

REQUIRED = "กรุณากรอก{label}"


def _thai_messages(form):
    """Thai "required" and "invalid choice" messages naming the field, for every field."""
    for field in form.fields.values():
        label = field.label or ""
        field.error_messages["required"] = REQUIRED.format(label=label)
        if "invalid_choice" in field.error_messages:
            field.error_messages["invalid_choice"] = f"ตัวเลือกใน “{label}” ไม่ถูกต้อง กรุณาเลือกใหม่"
        if "invalid_pk_value" in field.error_messages:
            field.error_messages["invalid_pk_value"] = f"ตัวเลือกใน “{label}” ไม่ถูกต้อง กรุณาเลือกใหม่"
        if "empty" in field.error_messages:
            field.error_messages["empty"] = "ไฟล์ที่เลือกว่างเปล่า กรุณาเลือกไฟล์ใหม่"
            field.error_messages["invalid"] = "ไฟล์ที่ส่งมาไม่สมบูรณ์ กรุณาเลือกไฟล์ใหม่"
        if "max_length" in field.error_messages and getattr(field, "max_length", None):
            field.error_messages["max_length"] = (
                f"“{label}” ยาวเกิน {thai.to_thai_digits(field.max_length)} ตัวอักษร กรุณาย่อให้สั้นลง"
            )


class ThaiForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _thai_messages(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


# --- fields ---------------------------------------------------------------------------------


class ThaiDateField(forms.CharField):
    """A date typed as Thai staff type it (๔/๔/๒๕๖๖, 4 เม.ย. 66); shown back in พ.ศ."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"เช่น {thai.DATE_EXAMPLES}")
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", "วว/ดด/ปปปป (พ.ศ.)")
        self.widget.attrs.setdefault("inputmode", "text")

    def prepare_value(self, value):
        if hasattr(value, "year"):
            return thai.format_date_numeric(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return thai.parse_date(value)
        except thai.ThaiFormatError as error:
            raise ValidationError(str(error), code="invalid") from error


class ThaiPeriodField(forms.CharField):
    """Months of a measure as documents print them: ต.ค. ๖๕ - มี.ค. ๖๖."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"เช่น {thai.PERIOD_EXAMPLES}")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, tuple) and all(value):
            return thai.format_period(*value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return thai.parse_period(value)
        except thai.ThaiFormatError as error:
            raise ValidationError(str(error), code="invalid") from error


class ThaiIntegerField(forms.CharField):
    """A whole number in Thai or Arabic digits."""

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def prepare_value(self, value):
        return thai.to_thai_digits(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        digits = thai.to_arabic_digits(value).replace(",", "").strip()
        if not digits.isdigit():
            raise ValidationError(
                f"“{self.label}” ต้องเป็นตัวเลข เช่น ๕๐ หรือ 50", code="invalid"
            )
        number = int(digits)
        low, high = self.min_value, self.max_value
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(
                f"“{self.label}” ต้องอยู่ระหว่าง {thai.to_thai_digits(low)} ถึง "
                f"{thai.to_thai_digits(high)}",
                code="range",
            )
        return number


class VersionField(forms.IntegerField):
    """The version the form was loaded with, for the no-lost-updates check."""

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid": "แบบฟอร์มนี้ไม่สมบูรณ์ กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง",
        "required": "แบบฟอร์มนี้ไม่สมบูรณ์ กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง",
    }


class ThaiFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": (
            "แบบฟอร์มส่วนรายการไม่สมบูรณ์ กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง"
        ),
        "too_many_forms": "กรอกได้ไม่เกิน %(num)d รายการ กรุณาลบรายการที่ไม่จำเป็น",
        "too_few_forms": "กรุณากรอกอย่างน้อย %(num)d รายการ",
    }


# --- plan -----------------------------------------------------------------------------------


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return thai.to_thai_digits(str(obj))


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"({thai.to_thai_digits(obj.number)}) {obj.title}"


class PlanForm(ThaiForm):
    fiscal_year = ThaiIntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700,
                                   help_text="เช่น ๒๕๖๖")
    framework = FrameworkChoiceField(
        label="กรอบการประเมิน ITA ที่ใช้วิเคราะห์",
        queryset=Framework.objects.order_by("-fiscal_year", "-version"),
        help_text="ผลการประเมินของปีที่แผนนี้นำมาปรับปรุง โดยปกติคือปีก่อนหน้า",
    )
    intro = forms.CharField(label="บทนำ", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    announced_on = ThaiDateField(label="วันที่ประกาศ", required=False)
    signatory_name = forms.CharField(label="ผู้ลงนาม", required=False, max_length=200,
                                     help_text="เช่น นายสมชาย ใจดี")
    signatory_position = forms.CharField(label="ตำแหน่งผู้ลงนาม", required=False, max_length=200)
    version = VersionField(required=False)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The year is the plan's identity (its URL and its reports); a new year is a new plan.
            del self.fields["fiscal_year"]

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


class QuestionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{thai.format_question_code(obj.code)} {obj.text_th}".strip()


class MeasureForm(ThaiForm):
    number = ThaiIntegerField(label="มาตรการที่", min_value=1, max_value=999, required=False,
                              help_text="เว้นว่างเพื่อให้ระบบใส่ลำดับถัดไป")
    title = forms.CharField(label="มาตรการ/แนวทาง", widget=forms.Textarea(attrs={"rows": 2}))
    issue = forms.CharField(label="ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา", required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))
    theme = ThemeChoiceField(label="ประเด็น", queryset=None, required=False)
    units = forms.ModelMultipleChoiceField(
        label="ผู้รับผิดชอบ", queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    all_units = forms.BooleanField(label="ทุกสำนัก/กองรับผิดชอบ", required=False)
    questions = QuestionChoiceField(
        label="ข้อคำถามที่เกี่ยวข้อง", queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    question_codes = forms.CharField(
        label="หรือพิมพ์รหัสข้อคำถาม", required=False,
        help_text=f"คั่นด้วยจุลภาคหรือเว้นวรรค เช่น {thai.CODE_EXAMPLES} หรือ ๐๒๐ ตามที่เอกสารพิมพ์",
    )
    period = ThaiPeriodField(label="ระยะเวลาดำเนินการ")
    deadline = ThaiDateField(label="กำหนดเวลาแล้วเสร็จ", required=False)
    monitoring = forms.CharField(label="การรายงานผลและการกำกับติดตาม", required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    expected_outcome = forms.CharField(label="ผลลัพธ์ที่คาดหวัง", required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    version = VersionField(required=False)

    def __init__(self, *args, plan, measure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.measure = plan, measure
        self.fields["units"].queryset = plan.organisation.units.order_by("order", "name")
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
            "questions": list(measure.questions.values_list("pk", flat=True)),
            "period": (measure.period_start, measure.period_end),
            "deadline": measure.deadline,
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
        period = data.get("period")
        if period:
            first, last = self.plan.date_range
            if not (first <= period[0] and period[1] <= last):
                self.add_error(
                    "period",
                    "ระยะเวลาดำเนินการต้องอยู่ในปีงบประมาณ "
                    f"{thai.to_thai_digits(self.plan.fiscal_year)} "
                    f"({thai.format_period(first, last)})",
                )
        deadline = data.get("deadline")
        if deadline and not self.plan.date_range[0] <= deadline:
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
            "questions": questions,
            "period_start": data["period"][0],
            "period_end": data["period"][1],
            "deadline": data["deadline"],
            "monitoring": data["monitoring"],
            "expected_outcome": data["expected_outcome"],
        }
        if "theme" in self.fields:
            kwargs["theme"] = data.get("theme")
        if data.get("number"):
            kwargs["number"] = data["number"]
        return kwargs


class StepForm(forms.Form):
    text = forms.CharField(label="ขั้นตอน", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    deadline = ThaiDateField(label="กำหนดเสร็จ", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _thai_messages(self)

    def clean(self):
        data = super().clean()
        if data.get("deadline") and not (data.get("text") or "").strip():
            self.add_error("text", "กรุณากรอกขั้นตอน หรือลบกำหนดเสร็จของแถวนี้")
        return data


StepFormSet = forms.formset_factory(StepForm, formset=ThaiFormSet, extra=1, can_delete=True,
                                    max_num=50, validate_max=True)


def steps_from(formset):
    """The steps in the order shown, skipping empty and deleted rows."""
    steps = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE") or not (data.get("text") or "").strip():
            continue
        steps.append(Step(text=data["text"].strip(), deadline=data.get("deadline")))
    return steps


# --- progress entries -----------------------------------------------------------------------


USUAL_PERCENT = {
    ProgressEntry.Status.NOT_STARTED: 0,
    ProgressEntry.Status.DONE: 100,
}


@dataclass
class CheckedUpload:
    """An upload whose type was proven by its content."""

    file: object
    original_name: str
    content_type: str
    size: int


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class EntryForm(ThaiForm):
    done_on = ThaiDateField(label="วันที่ดำเนินการ")
    description = forms.CharField(label="ผลการดำเนินการ", widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text="ทำอะไร เมื่อไร อย่างไร เช่น คำสั่งที่ ๗๗๗/๒๕๖๕")
    status = forms.ChoiceField(label="สถานะ", choices=ProgressEntry.Status.choices)
    percent = ThaiIntegerField(label="ร้อยละความสำเร็จ", min_value=0, max_value=100,
                               required=False,
                               help_text="ยังไม่ดำเนินการ = ๐, ดำเนินการแล้ว = ๑๐๐")
    files = MultipleFileField(
        label="ไฟล์หลักฐาน", required=False,
        help_text=f"{ALLOWED_TEXT} ไม่เกิน ๑๐ MB ต่อไฟล์ เลือกได้หลายไฟล์",
    )
    remove_files = forms.ModelMultipleChoiceField(
        label="ลบไฟล์เดิม", queryset=EvidenceFile.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    remove_links = forms.ModelMultipleChoiceField(
        label="ลบลิงก์เดิม", queryset=EvidenceLink.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = VersionField(required=False)

    def __init__(self, *args, measure, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure, self.entry = measure, entry
        self.fields["status"].widget.attrs["data-usual-percent"] = "not_started:0,done:100"
        self.fields["files"].widget.attrs["accept"] = (
            ".pdf,.png,.jpg,.jpeg,.gif,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
        )
        if entry is not None:
            self.fields["remove_files"].queryset = entry.files.all()
            self.fields["remove_links"].queryset = entry.links.all()
        else:
            del self.fields["remove_files"], self.fields["remove_links"]

    @classmethod
    def initial_for(cls, entry):
        return {
            "done_on": entry.done_on,
            "description": entry.description,
            "status": entry.status,
            "percent": entry.percent,
            "version": entry.version,
        }

    def clean_done_on(self):
        done_on = self.cleaned_data.get("done_on")
        first, last = self.measure.plan.date_range
        if done_on and not first <= done_on <= last:
            raise ValidationError(
                f"วันที่ {thai.format_date(done_on)} ไม่อยู่ในปีงบประมาณ "
                f"{thai.to_thai_digits(self.measure.plan.fiscal_year)} "
                f"({thai.format_date_short(first)} – {thai.format_date_short(last)}) "
                "กรุณาตรวจสอบวันที่ (ปี พ.ศ.)"
            )
        return done_on

    def clean_files(self):
        checked = []
        for upload in self.cleaned_data.get("files") or []:
            name = clean_original_name(upload.name)
            shown = thai.to_thai_digits(name)
            if upload.size > MAX_EVIDENCE_BYTES:
                megabytes = thai.to_thai_digits(f"{upload.size / 1024 / 1024:.1f}")
                raise ValidationError(
                    f"ไฟล์ “{shown}” มีขนาด {megabytes} MB เกิน ๑๐ MB กรุณาย่อขนาดหรือแบ่งไฟล์"
                )
            content_type = sniff_content_type(upload)
            if content_type is None:
                raise ValidationError(
                    f"ไฟล์ “{shown}” ไม่ใช่ {ALLOWED_TEXT} (ตรวจจากเนื้อไฟล์ ไม่ใช่นามสกุล) "
                    "กรุณาเลือกไฟล์ใหม่"
                )
            checked.append(CheckedUpload(upload, name, content_type, upload.size))
        return checked

    def clean(self):
        data = super().clean()
        status, percent = data.get("status"), data.get("percent")
        if status and percent is None:
            # The status proposes the usual percent; in-progress work needs a figure.
            if status in USUAL_PERCENT:
                data["percent"] = USUAL_PERCENT[status]
            else:
                self.add_error("percent", "กรุณากรอกร้อยละความสำเร็จของงานที่อยู่ระหว่างดำเนินการ")
        elif status == ProgressEntry.Status.DONE and percent != 100:
            self.add_error("percent", "สถานะ “ดำเนินการแล้ว” ต้องเป็นร้อยละ ๑๐๐ "
                                      "หากยังไม่เสร็จ กรุณาเลือก “อยู่ระหว่างดำเนินการ”")
        elif status == ProgressEntry.Status.NOT_STARTED and percent != 0:
            self.add_error("percent", "สถานะ “ยังไม่ดำเนินการ” ต้องเป็นร้อยละ ๐ "
                                      "หากเริ่มแล้ว กรุณาเลือก “อยู่ระหว่างดำเนินการ”")
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        kwargs = {
            "done_on": data["done_on"],
            "description": data["description"],
            "status": data["status"],
            "percent": data["percent"],
            "files": data.get("files") or [],
        }
        if self.entry is not None:
            kwargs["remove_files"] = list(data.get("remove_files") or [])
            kwargs["remove_links"] = list(data.get("remove_links") or [])
        return kwargs


class LinkForm(forms.Form):
    url = forms.URLField(label="ลิงก์", required=False, max_length=500,
                         assume_scheme="https",
                         widget=forms.URLInput(attrs={"placeholder": "https://"}))
    title = forms.CharField(label="ชื่อหลักฐาน", required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _thai_messages(self)
        self.fields["url"].error_messages["invalid"] = (
            "ลิงก์ไม่ถูกต้อง กรุณากรอกเป็นที่อยู่เว็บ เช่น https://www.example.go.th/news/1"
        )

    def clean(self):
        data = super().clean()
        if data.get("url") and not (data.get("title") or "").strip():
            self.add_error("title", "กรุณาตั้งชื่อหลักฐานของลิงก์นี้ เช่น ประกาศบนเว็บไซต์")
        if (data.get("title") or "").strip() and not data.get("url"):
            self.add_error("url", "กรุณากรอกลิงก์ของหลักฐานนี้ หรือลบชื่อหลักฐานออก")
        return data


LinkFormSet = forms.formset_factory(LinkForm, formset=ThaiFormSet, extra=2, max_num=20,
                                    validate_max=True)


def links_from(formset):
    return [
        Link(url=f.cleaned_data["url"], title=f.cleaned_data["title"].strip())
        for f in formset.forms
        if getattr(f, "cleaned_data", None) and f.cleaned_data.get("url")
    ]


# --- review ---------------------------------------------------------------------------------


class ReviewForm(ThaiForm):
    decision = forms.ChoiceField(
        label="ผลการพิจารณา",
        choices=[("approve", "อนุมัติ"), ("return", "ส่งกลับแก้ไข")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label="ความเห็น", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="จำเป็นเมื่อส่งกลับแก้ไข: บอกผู้บันทึกว่าต้องแก้ไขอะไร")
    version = VersionField()

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", "กรุณาระบุสิ่งที่ต้องแก้ไข เพื่อให้ผู้บันทึกทราบ")
        return data


class VersionOnlyForm(forms.Form):
    version = VersionField()




# --- units and members ----------------------------------------------------------------------


class UnitForm(ThaiForm):
    name = forms.CharField(label="ชื่อสำนัก/กอง", max_length=150, help_text="เช่น กองสวัสดิการสังคม")

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.organisation.units.filter(name=name).exists():
            raise ValidationError(f"มี “{name}” อยู่แล้ว กรุณาใช้ชื่ออื่น")
        return name


class MemberForm(ThaiForm):
    role = forms.ChoiceField(label="บทบาท", choices=Membership.Role.choices,
                             initial=Membership.Role.STAFF)
    units = forms.ModelMultipleChoiceField(
        label="สังกัด", queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text="เจ้าหน้าที่บันทึกผลได้เฉพาะมาตรการของสำนัก/กองที่สังกัด",
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["units"].queryset = organisation.units.order_by("order", "name")

    def clean(self):
        data = super().clean()
        if data.get("role") == Membership.Role.STAFF and not data.get("units"):
            self.add_error("units", "กรุณาเลือกสำนัก/กองที่เจ้าหน้าที่คนนี้สังกัดอย่างน้อยหนึ่งแห่ง")
        return data


class MemberAddForm(MemberForm):
    username = forms.CharField(label="ชื่อผู้ใช้", max_length=150,
                               help_text="ผู้ใช้ต้องมีบัญชีในระบบแล้ว (ผู้ดูแลระบบเป็นผู้สร้างบัญชี)")

    field_order = ["username", "role", "units"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise ValidationError(
                f"ไม่พบผู้ใช้ “{username}” กรุณาตรวจสอบชื่อผู้ใช้ หรือขอให้ผู้ดูแลระบบสร้างบัญชีก่อน"
            )
        if self.organisation.memberships.filter(user=user).exists():
            raise ValidationError(f"“{username}” เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว")
        return user
