"""Forms of the pages; every field has a label, and errors name the field."""
from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Plan, Recurrence, Unit, UnitKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.md,.docx,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Plan files"),
        help_text=_("TXT, MD, DOCX or PDF; several files at once are read as a background job."),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        limit = settings.KEHOACH_MAX_UPLOAD_BYTES
        for upload in files:
            if upload.size > limit:
                raise forms.ValidationError(
                    _("%(name)s: too large (%(size).1f MB; the limit is %(limit)d MB)"),
                    params={"name": upload.name, "size": upload.size / 1048576, "limit": limit // 1048576},
                )
        return files


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "doc_type", "number", "date", "issuer", "place", "signer_name", "signer_title", "signer_authority"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in re.split(r"[\n;]", text or "") if line.strip()]


_OUTPUT = re.compile(r"^(\d+)\s+([^/]+?)(?:\s*/\s*(.+))?$")


def parse_outputs(text: str) -> list[dict]:
    outputs = []
    for item in _lines(text):
        match = _OUTPUT.match(item)
        if not match:
            raise forms.ValidationError(
                _("“%(item)s” is not a counted output such as “02 lớp” or “01 số/quý”"), params={"item": item}
            )
        outputs.append({"quantity": int(match.group(1)), "unit": match.group(2).strip(), "per": match.group(3)})
    return outputs


class TaskForm(forms.Form):
    ref = forms.CharField(label=_("Item"), max_length=60, required=False, help_text=_("e.g. II.2.b"))
    text = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 6}))
    lead = forms.CharField(label=_("Lead units"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("One unit per line."))
    co_lead = forms.CharField(label=_("Co-lead units"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    partners = forms.CharField(label=_("Partner units"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    timeframe = forms.CharField(label=_("Timeframe as written"), max_length=300, required=False)
    start = forms.DateField(label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    recurrence = forms.ChoiceField(label=_("Recurrence"), required=False, choices=[("", "—"), *Recurrence.choices])
    outputs = forms.CharField(label=_("Counted outputs"), required=False, help_text=_("e.g. “02 lớp; 01 số/quý”"))

    def clean_outputs(self):
        return parse_outputs(self.cleaned_data["outputs"])

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The due date comes before the start."))
        for role in ("lead", "co_lead", "partners"):
            if role in data:
                data[role] = _lines(data[role])
        return data

    @classmethod
    def initial_for(cls, task) -> dict:
        names = {"lead": [], "co_lead": [], "partner": []}
        for a in task.assignments.all():
            names[a.role].append(a.unit.name if a.unit else a.name)
        return {
            "ref": task.ref,
            "text": task.text,
            "lead": "\n".join(names["lead"]),
            "co_lead": "\n".join(names["co_lead"]),
            "partners": "\n".join(names["partner"]),
            "timeframe": task.timeframe,
            "start": task.start,
            "end": task.end,
            "recurrence": task.recurrence,
            "outputs": task.outputs_text(),
        }


class ListField(forms.CharField):
    """A list edited as one item a line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class UnitForm(forms.ModelForm):
    abbreviations = ListField(label=_("Abbreviations"), required=False, help_text=_("One a line, e.g. “Sở VHTTDL”."))
    aliases = ListField(label=_("Other names"), required=False, help_text=_("One a line: spellings plans use."))

    class Meta:
        model = Unit
        fields = ["name", "kind", "parent", "abbreviations", "aliases", "code", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Unit.objects.exclude(kind__in=[UnitKind.COMMUNE, UnitKind.GROUP])
        self.fields["parent"].required = False

    def clean(self):
        data = super().clean()
        name, parent = data.get("name"), data.get("parent")
        if name:
            clash = Unit.objects.filter(name=name, parent=parent).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("name", _("A unit with this name already exists under the same parent."))
        if parent is not None and self.instance.pk:
            node = parent
            while node is not None:
                if node.pk == self.instance.pk:
                    self.add_error("parent", _("A unit cannot sit under itself."))
                    break
                node = node.parent
        return data


class NewUnitForm(forms.Form):
    name = forms.CharField(label=_("New unit's name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices, initial=UnitKind.DEPARTMENT)
