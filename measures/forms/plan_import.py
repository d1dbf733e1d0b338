"""Forms of a plan import: a file or pasted text, then the preview confirmed with exactly the
rows it showed (signed, so the confirm step cannot be edited)."""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError

from ..models import Framework
from ..plan_import.reading import PlanFileError, rows_from_text, rows_from_upload
from ..plan_import.services import NO_TABLE, plan_import_preview
from .base import ThaiForm

PREVIEW_SALT = "measures.plan-import-preview"
PREVIEW_MAX_AGE = 24 * 3600
MAX_TEXT = 300_000


class PlanImportForm(ThaiForm):
    text = forms.CharField(
        label="ข้อความจากเอกสาร",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="คัดลอกทั้งเอกสารจาก Word หรือ PDF มาวางได้ ระบบหาตารางจากหัวตารางเอง",
    )
    file = forms.FileField(
        label="หรือไฟล์ .xlsx / .csv / .txt",
        required=False,
        help_text="ไฟล์ตามแม่แบบของระบบ หรือรายงานที่บันทึกเป็นข้อความ",
    )
    framework = forms.ModelChoiceField(
        label="กรอบการประเมิน (เมื่อยังไม่มีแผนของปีนี้)",
        queryset=Framework.objects.order_by("-fiscal_year", "-version"),
        required=False,
        empty_label="ปีก่อนหน้าปีของแผน",
    )

    def __init__(self, *args, organisation, fiscal_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation, self.fiscal_year = organisation, fiscal_year
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv,.txt"
        self.rows = self.preview = None

    def clean(self):
        data = super().clean()
        text, upload = data.get("text"), data.get("file")
        if self.errors:
            return data
        if bool(text and text.strip()) == bool(upload):
            raise ValidationError("กรุณาวางข้อความหรือเลือกไฟล์ อย่างใดอย่างหนึ่ง")
        try:
            self.rows = rows_from_upload(upload) if upload else rows_from_text(text)
        except PlanFileError as error:
            raise ValidationError(error.messages) from error
        framework = data.get("framework")
        self.preview = plan_import_preview(
            organisation=self.organisation,
            fiscal_year=self.fiscal_year,
            rows=self.rows,
            framework_year=framework.fiscal_year if framework else None,
        )
        if not self.preview.found_table:
            raise ValidationError(NO_TABLE)
        return data

    def payload(self):
        framework = self.cleaned_data.get("framework")
        return signing.dumps(
            {
                "org": self.organisation.slug,
                "year": self.fiscal_year,
                "framework": framework.fiscal_year if framework else None,
                "rows": self.rows,
            },
            salt=PREVIEW_SALT,
            compress=True,
        )


class PlanImportConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput, max_length=2_000_000)
    create_units = forms.BooleanField(required=False, label="เพิ่มสำนัก/กองที่ยังไม่มีในระบบ")

    def __init__(self, *args, organisation, fiscal_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation, self.fiscal_year = organisation, fiscal_year

    def clean_payload(self):
        stale = "ข้อมูลตัวอย่างหมดอายุหรือไม่ครบ กรุณานำเข้าไฟล์อีกครั้ง"
        try:
            data = signing.loads(
                self.cleaned_data["payload"], salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE
            )
        except signing.BadSignature as error:
            raise ValidationError(stale) from error
        if data.get("org") != self.organisation.slug or data.get("year") != self.fiscal_year:
            raise ValidationError(stale)
        return data
