"""Progress entries with their evidence, and the executive's review."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from itaportal import thai

from ..models import EvidenceFile, EvidenceLink, PendingUpload, ProgressEntry, limits
from ..services import Link
from ..uploads import (
    ALLOWED_TEXT,
    IMAGE_TYPES,
    MAX_EVIDENCE_BYTES,
    ImageRefused,
    clean_original_name,
    reencoded_image,
    sniff_content_type,
)
from .base import (
    IdChoicesField,
    ThaiDayOrMonthField,
    ThaiForm,
    ThaiFormSet,
    ThaiIntegerField,
    VersionField,
    apply_thai_messages,
)

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


def _megabytes(size):
    return thai.to_thai_digits(f"{size / 1024 / 1024:.1f}".removesuffix(".0"))


class EntryForm(ThaiForm):
    done_on = ThaiDayOrMonthField(
        label="วันที่ดำเนินการ",
        required=False,
        help_text=f"เช่น {thai.DATE_EXAMPLES} หรือเพียงเดือน เช่น มี.ค. ๖๖ เมื่อเอกสารระบุแค่เดือน",
    )
    round = forms.ChoiceField(
        label="หรือรอบรายงาน",
        choices=[("", "–"), ("6", "รอบ ๖ เดือน"), ("12", "รอบ ๑๒ เดือน")],
        required=False,
        help_text="เมื่อเอกสารไม่ระบุวันที่หรือเดือน ระบุเพียงรอบที่รายงาน",
    )
    description = forms.CharField(
        label="ผลการดำเนินการ",
        max_length=limits.ENTRY_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="ทำอะไร เมื่อไร อย่างไร เช่น คำสั่งที่ ๗๗๗/๒๕๖๕",
    )
    status = forms.ChoiceField(
        label="สถานะ",
        # "Not stated" is for results copied from documents; the form opens on the first status.
        choices=[*ProgressEntry.Status.choices, ("", "ไม่ระบุ (เอกสารไม่ได้ระบุ)")],
        initial=ProgressEntry.Status.NOT_STARTED,
        required=False,
    )
    percent = ThaiIntegerField(
        label="ร้อยละความสำเร็จ",
        min_value=0,
        max_value=100,
        required=False,
        help_text="ยังไม่ดำเนินการ = ๐, ดำเนินการแล้ว = ๑๐๐ เว้นว่างได้เมื่อเอกสารไม่ได้ระบุ",
    )
    files = MultipleFileField(
        label="ไฟล์หลักฐาน",
        required=False,
        help_text=f"{ALLOWED_TEXT} ไม่เกิน ๑๐ MB ต่อไฟล์ เลือกได้หลายไฟล์"
        f" รวมกันไม่เกิน {_megabytes(settings.MAX_EVIDENCE_BYTES_PER_ENTRY)} MB ต่อรายการ",
    )
    # Files of an earlier try of this form that failed, stored meanwhile (see pending_uploads):
    # the page shows them ticked; untick one and it is not attached.
    kept_files = forms.ModelMultipleChoiceField(
        label="ไฟล์ที่แนบไว้แล้ว (ยังไม่ได้บันทึก)",
        queryset=PendingUpload.objects.none(),
        to_field_name="token",
        required=False,
        error_messages={
            code: "ไฟล์ที่แนบไว้ก่อนหน้านี้หมดอายุหรือไม่ใช่ของท่าน กรุณาแนบไฟล์อีกครั้ง"
            for code in ("invalid_choice", "invalid_pk_value", "invalid_list")
        },
        # Drawn by the template as ticked boxes; hidden, so its error shows on top of the form.
        widget=forms.MultipleHiddenInput,
    )
    remove_files = IdChoicesField(
        label="ลบไฟล์เดิม",
        queryset=EvidenceFile.objects.none(),
        required=False,
        help_text="ไฟล์ที่ลบจะไม่แสดงในผลการดำเนินการและรายงานอีก "
        "แต่ระบบเก็บไว้ในประวัติการแก้ไขให้ผู้ประสานงานเปิดดูได้",
        widget=forms.CheckboxSelectMultiple,
    )
    remove_links = IdChoicesField(
        label="ลบลิงก์เดิม",
        queryset=EvidenceLink.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Only an edit carries the version it was loaded with (a new entry has none yet).
    version = VersionField(required=False)

    def __init__(self, *args, measure, entry=None, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure, self.entry = measure, entry
        if owner is None:
            del self.fields["kept_files"]
        else:
            self.fields["kept_files"].queryset = PendingUpload.objects.usable_by(
                owner, measure.plan.organisation, timezone.now()
            )
        self.fields["version"].required = entry is not None
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
            "done_on": (
                None if entry.date_precision == "round" else (entry.done_on, entry.date_precision)
            ),
            "round": str(entry.round_months) if entry.date_precision == "round" else "",
            "description": entry.description,
            "status": entry.status,
            "percent": entry.percent,
            "version": entry.version,
        }

    def clean_done_on(self):
        typed = self.cleaned_data.get("done_on")
        done_on = typed[0] if typed else None
        first, last = self.measure.plan.date_range
        if done_on and not first <= done_on <= last:
            raise ValidationError(
                f"วันที่ {thai.format_date(done_on)} ไม่อยู่ในปีงบประมาณ "
                f"{thai.to_thai_digits(self.measure.plan.fiscal_year)} "
                f"({thai.format_date_short(first)} – {thai.format_date_short(last)}) "
                "กรุณาตรวจสอบวันที่ (ปี พ.ศ.)"
            )
        return typed

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
                    f"ไฟล์ “{shown}” ไม่ใช่ {ALLOWED_TEXT} (ตรวจจากเนื้อไฟล์ ไม่ใช่นามสกุล) กรุณาเลือกไฟล์ใหม่"
                )
            if content_type in IMAGE_TYPES:
                try:
                    upload, content_type = reencoded_image(upload, name)
                except ImageRefused as error:
                    raise ValidationError(str(error)) from error
            checked.append(CheckedUpload(upload, name, content_type, upload.size))
        return checked

    def _refuse_too_much_evidence(self, data):
        """All files of one entry together stay under MAX_EVIDENCE_BYTES_PER_ENTRY."""
        limit = settings.MAX_EVIDENCE_BYTES_PER_ENTRY
        kept = 0
        if self.entry is not None:
            removed = {f.pk for f in data.get("remove_files") or []}
            kept = sum(f.size for f in self.entry.files.all() if f.pk not in removed)
        kept += sum(upload.size for upload in data.get("kept_files") or [])
        total = kept + sum(upload.size for upload in data.get("files") or [])
        if total > limit:
            self.add_error(
                "files",
                f"ไฟล์หลักฐานของผลการดำเนินการหนึ่งรายการรวมกันได้ไม่เกิน {_megabytes(limit)} MB "
                f"(รวมไฟล์ที่เลือกแล้วเป็น {_megabytes(total)} MB) กรุณาลบไฟล์ที่ไม่จำเป็นหรือย่อขนาดไฟล์",
            )

    @property
    def files_to_attach_again(self):
        """Names of the files posted with a form that failed on the files themselves: those are
        not kept (see uploads_to_keep), so the page must say plainly which to attach again."""
        if not self.is_bound or "files" not in self.errors:
            return []
        return [clean_original_name(f.name) for f in self.files.getlist("files")]

    @property
    def uploads_to_keep(self):
        """After a failed POST: the new files, when every one of them passed its checks."""
        if not self.is_bound or "files" in self.errors:
            return []
        return self.cleaned_data.get("files") or []

    @property
    def kept_uploads(self):
        """The pending files this POST names that are still the sender's own."""
        if "kept_files" not in self.fields or "kept_files" in self.errors:
            return []
        return list(getattr(self, "cleaned_data", {}).get("kept_files") or [])

    def clean(self):
        data = super().clean()
        self._refuse_too_much_evidence(data)
        if not data.get("done_on") and not data.get("round") and "done_on" not in self.errors:
            self.add_error("done_on", "กรุณากรอกวันที่ดำเนินการ หรือเลือกรอบรายงานเมื่อเอกสารไม่ระบุวันที่")
        elif data.get("done_on") and data.get("round"):
            self.add_error("round", "กรุณากรอกวันที่ดำเนินการหรือเลือกรอบรายงาน อย่างใดอย่างหนึ่ง")
        status, percent = data.get("status"), data.get("percent")
        if status in USUAL_PERCENT and percent is None:
            # The status says the percent; otherwise an unknown percent stays unknown.
            data["percent"] = USUAL_PERCENT[status]
        elif status == ProgressEntry.Status.DONE and percent != 100:
            self.add_error(
                "percent",
                "สถานะ “ดำเนินการแล้ว” ต้องเป็นร้อยละ ๑๐๐ หากยังไม่เสร็จ กรุณาเลือก “อยู่ระหว่างดำเนินการ”",
            )
        elif status == ProgressEntry.Status.NOT_STARTED and percent != 0:
            self.add_error(
                "percent",
                "สถานะ “ยังไม่ดำเนินการ” ต้องเป็นร้อยละ ๐ หากเริ่มแล้ว กรุณาเลือก “อยู่ระหว่างดำเนินการ”",
            )
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        if data.get("done_on"):
            done_on, precision = data["done_on"]
        else:
            done_on = thai.round_range(self.measure.plan.fiscal_year, int(data["round"]))[1]
            precision = "round"
        kwargs = {
            "done_on": done_on,
            "date_precision": precision,
            "description": data["description"],
            "status": data["status"],
            "percent": data["percent"],
            "files": [
                *(
                    CheckedUpload(row.file, row.original_name, row.content_type, row.size)
                    for row in self.kept_uploads
                ),
                *(data.get("files") or []),
            ],
        }
        if self.entry is not None:
            kwargs["remove_files"] = list(data.get("remove_files") or [])
            kwargs["remove_links"] = list(data.get("remove_links") or [])
        return kwargs


class LinkForm(forms.Form):
    url = forms.URLField(
        label="ลิงก์",
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    title = forms.CharField(label="ชื่อหลักฐาน", required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_thai_messages(self)
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


LinkFormSet = forms.formset_factory(
    LinkForm, formset=ThaiFormSet, extra=2, max_num=20, validate_max=True
)


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
    comment = forms.CharField(
        label="ความเห็น",
        required=False,
        max_length=limits.REVIEW_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="จำเป็นเมื่อส่งกลับแก้ไข: บอกผู้บันทึกว่าต้องแก้ไขอะไร",
    )
    version = VersionField()

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", "กรุณาระบุสิ่งที่ต้องแก้ไข เพื่อให้ผู้บันทึกทราบ")
        return data
