"""A coordinator's units and members."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from ..models import Membership, Organisation
from ..uploads import ImageRefused, clean_original_name, reencoded_image
from .base import IdChoiceField, IdChoicesField, ThaiForm

# --- units and members ----------------------------------------------------------------------


def parent_choices(organisation, unit=None):
    """Units a unit may belong to: top-level units in use of the organisation, itself excepted."""
    units = organisation.units.in_use().filter(parent__isnull=True).order_by("order", "name")
    return units.exclude(pk=unit.pk) if unit else units


class UnitForm(ThaiForm):
    """A new unit's name, or a new name for ``unit``."""

    name = forms.CharField(
        label="ชื่อสำนัก/กอง", max_length=150, help_text="เช่น กองสวัสดิการสังคม งานพัฒนารายได้ หรือ ผู้บริหาร"
    )
    parent = IdChoiceField(
        label="สังกัด",
        queryset=None,
        required=False,
        empty_label="ไม่สังกัดหน่วยอื่น",
        help_text="สำหรับงานที่อยู่ในกอง เช่น งานพัฒนารายได้ สังกัดกองคลัง",
    )

    def __init__(self, *args, organisation, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation, self.unit = organisation, unit
        self.fields["parent"].queryset = parent_choices(organisation, unit)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = self.organisation.units.exclude(pk=self.unit.pk if self.unit else None)
        if others.filter(name=name).exists():
            raise ValidationError(f"มี “{name}” อยู่แล้ว กรุณาใช้ชื่ออื่น")
        return name


class MemberForm(ThaiForm):
    role = forms.ChoiceField(
        label="บทบาท", choices=Membership.Role.choices, initial=Membership.Role.STAFF
    )
    units = IdChoicesField(
        label="สังกัด",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text="เจ้าหน้าที่บันทึกผลได้เฉพาะมาตรการของสำนัก/กองที่สังกัด",
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        chosen = self.initial.get("units") or ()
        self.fields["units"].queryset = organisation.units.in_use_or(chosen).order_by(
            "order", "name"
        )

    def clean(self):
        data = super().clean()
        if data.get("role") == Membership.Role.STAFF and not data.get("units"):
            self.add_error("units", "กรุณาเลือกสำนัก/กองที่เจ้าหน้าที่คนนี้สังกัดอย่างน้อยหนึ่งแห่ง")
        return data


# --- organisations (site administrators) --------------------------------------------------


class OrganisationAdminForm(forms.ModelForm):
    """The admin's organisation form: a new emblem is checked and stored re-encoded as PNG."""

    # A plain file field: Django's image field would decode the image before we counted its
    # pixels, and judge it by the uploader's extension; we re-encode it anyway.
    emblem = forms.FileField(label="ตราสัญลักษณ์", required=False)
    # Typed without a scheme, a website address is taken as https (Django 6's default).
    website = forms.URLField(label="เว็บไซต์", required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name_th",
            "short_name",
            "kind",
            "district",
            "province",
            "website",
            "emblem",
            "executive_name",
            "executive_position",
        ]

    def clean_emblem(self):
        emblem = self.cleaned_data.get("emblem")
        if not isinstance(emblem, UploadedFile):
            return emblem  # unchanged, or cleared
        try:
            return reencoded_image(emblem, clean_original_name(emblem.name), keep_jpeg=False)[0]
        except ImageRefused as error:
            raise ValidationError(str(error)) from error
