"""Forms of an ITA result: typed score by score, pasted as text or uploaded as a file, then a
preview confirmed with the exact data it showed (signed, so the confirm step cannot be edited)."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from itaportal import thai

from ..models.results import APPROACH_TEXT
from ..results.files import lines_from_upload
from ..results.parsing import ResultTextError, result_from_lines
from ..results.services import TypedResult
from .base import SignedPreviewForm, ThaiForm, apply_thai_messages

PREVIEW_SALT = "measures.ita-result-preview"
PREVIEW_MAX_AGE = 24 * 3600
MAX_TEXT = 100_000


class ThaiScoreField(forms.CharField):
    """A score 0–100 with at most two decimals, in Thai or Arabic digits (๙๒.๕๐ or 92.50)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="decimal", autocomplete="off", size="6")
        self.widget.attrs["class"] = "form-control text-end"

    def prepare_value(self, value):
        return thai.to_thai_digits(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        text = thai.to_arabic_digits(value[:20]).strip()
        if len(value) > 20 or not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,2})?", text):
            raise ValidationError(
                f"“{self.label}” ต้องเป็นคะแนน ๐ ถึง ๑๐๐ ทศนิยมไม่เกินสองตำแหน่ง เช่น ๙๒.๕๐",
                code="invalid",
            )
        try:
            score = Decimal(text)
        except InvalidOperation:
            score = Decimal(-1)
        if not 0 <= score <= 100:
            raise ValidationError(f"“{self.label}” ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐", code="range")
        return score.quantize(Decimal("0.01"))


def field_name(key):
    """A score key as a form field name: ``q:O42`` → ``q_O42``, ``sub:9.1`` → ``sub_9_1``."""
    return key.replace(":", "_").replace(".", "_")


class ResultEntryForm(ThaiForm):
    """Every score of a framework, laid out tool → indicator → sub-indicator → question."""

    official_total = ThaiScoreField(label="คะแนนรวมที่ ป.ป.ช. ประกาศ")
    official_rating = forms.ChoiceField(label="ระดับที่ ป.ป.ช. ประกาศ", required=False)

    def __init__(self, *args, shape, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = {}
        ratings = shape.framework.rating_bands.values_list("rating", flat=True)
        self.fields["official_rating"].choices = [("", "—")] + [(r, r) for r in ratings]
        for key in shape.by_key:
            name = field_name(key)
            self.keys[name] = key
            self.fields[name] = ThaiScoreField(label=labels[key])

    def bound(self, key):
        return self[field_name(key)]

    def typed(self):
        data = self.cleaned_data
        return TypedResult(
            scores={key: data[name] for name, key in self.keys.items() if data[name] is not None},
            official_total=data["official_total"],
            official_rating=data["official_rating"] or "",
        )

    def clean(self):
        data = super().clean()
        if not self.errors and self.typed().is_empty:
            raise ValidationError("ยังไม่ได้กรอกคะแนน กรุณากรอกอย่างน้อยหนึ่งช่อง")
        return data


class ResultImportForm(ThaiForm):
    """Text pasted from NACC's result page or an analysis document, or a .csv/.xlsx file."""

    text = forms.CharField(
        label="ข้อความคะแนน",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="หนึ่งบรรทัดต่อหนึ่งรายการ: ชื่อตัวชี้วัดหรือรหัสข้อ ตามด้วยคะแนน "
        "เช่น “ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ๙๓.๕๘” หรือ “e๖ ๘๐.๐๐”",
    )
    file = forms.FileField(
        label="หรือไฟล์ .csv / .xlsx",
        required=False,
        help_text="แถวละหนึ่งรายการ คอลัมน์ใดก็ได้ ตามรูปแบบเดียวกับข้อความ",
    )

    def __init__(self, *args, shape, **kwargs):
        super().__init__(*args, **kwargs)
        self.shape = shape
        self.reading = None
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx"

    def clean(self):
        data = super().clean()
        text, upload = data.get("text"), data.get("file")
        if self.errors:
            return data
        if bool(text and text.strip()) == bool(upload):
            raise ValidationError("กรุณาวางข้อความหรือเลือกไฟล์ อย่างใดอย่างหนึ่ง")
        try:
            lines = lines_from_upload(upload) if upload else text.splitlines()
            self.reading = result_from_lines(shape=self.shape, lines=lines)
        except ResultTextError as error:
            raise ValidationError(error.messages) from error
        return data


def preview_sign(*, organisation, fiscal_year, typed):
    return ResultConfirmForm.sign(
        organisation=organisation, fiscal_year=fiscal_year, data=typed.as_json()
    )


class ResultConfirmForm(SignedPreviewForm):
    """The preview's scores, as they were shown."""

    salt = PREVIEW_SALT
    key = "typed"
    stale = "ข้อมูลตัวอย่างหมดอายุหรือไม่ครบ กรุณากรอกหรือนำเข้าคะแนนอีกครั้ง"
    max_age = PREVIEW_MAX_AGE
    payload = forms.CharField(widget=forms.HiddenInput, max_length=200_000)

    def read(self, data):
        return TypedResult.from_json(data)


class ApproachesForm(ThaiForm):
    """แนวทางการพัฒนา: one text per question below the pass mark."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = {}
        for item in items:
            name = f"approach_{item.question.code}"
            self.codes[name] = item.question.code
            self.fields[name] = forms.CharField(
                label=f"แนวทางการพัฒนา {thai.format_question_code(item.question.code)}",
                required=False,
                max_length=APPROACH_TEXT,
                initial=item.approach,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        apply_thai_messages(self)

    def bound(self, item):
        return self[f"approach_{item.question.code}"]

    def texts(self):
        return {code: self.cleaned_data[name] for name, code in self.codes.items()}
