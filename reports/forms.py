"""Forms of the documents pages."""

from django import forms

from measures.forms.base import ThaiForm
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
