"""Forms of the documents pages."""

from django import forms

from measures.forms.base import ThaiForm


class RoundNotesForm(ThaiForm):
    problems = forms.CharField(
        label="ปัญหา อุปสรรค", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    suggestions = forms.CharField(
        label="ข้อเสนอแนะ", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
