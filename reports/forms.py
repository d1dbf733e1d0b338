"""Forms of the documents pages."""

from django import forms

from measures.forms.base import ThaiForm, ThaiIntegerField
from measures.models import limits


class RoundNotesForm(ThaiForm):
    problems = forms.CharField(
        label="ปัญหา อุปสรรค",
        required=False,
        max_length=limits.ROUND_NOTES,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    suggestions = forms.CharField(
        label="ข้อเสนอแนะ",
        required=False,
        max_length=limits.ROUND_NOTES,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PublicSearchForm(ThaiForm):
    """The public search's filters; the words themselves are checked by the search."""

    q = forms.CharField(label="คำค้น", required=False, strip=True)
    province = forms.CharField(label="จังหวัด", required=False, max_length=100)
    year = ThaiIntegerField(label="ปีงบประมาณ", required=False, min_value=2500, max_value=2700)
