from django import forms

from ..forms import ThaiForm
from ..models import Framework
from .services import rollover_framework, rollover_frameworks


class FrameworkChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"กรอบการประเมิน ITA ปี {obj.fiscal_year} ฉบับที่ {obj.version}"


class RolloverForm(ThaiForm):
    """Which framework next year's plan answers: this plan's or a later one."""

    framework = FrameworkChoice(label="กรอบการประเมินของแผนปีถัดไป", queryset=Framework.objects.none())

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["framework"]
        choices = rollover_frameworks(plan)
        field.queryset = Framework.objects.filter(pk__in=[f.pk for f in choices]).order_by(
            "-fiscal_year"
        )
        field.initial = rollover_framework(plan).pk
        field.empty_label = None
