from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.web.plans.models import PlanStatus, Unit, UnitKind

from . import periods
from .models import LANGUAGES, Accreditation, Event, Publication, Scope, Source

EDITION_LANGUAGES = [(code, name) for code, name in LANGUAGES if code]


class TaskChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, task):
        outputs = f" — {task.outputs_text()}" if task.outputs else ""
        return f"{task.plan.label()} · {task.ref or task.pk}: {task.text[:90]}{outputs}"


def _task_field(tasks, initial=None):
    """Tasks the user may see in published plans; those with planned outputs first (they count)."""
    queryset = tasks.filter(plan__status=PlanStatus.PUBLISHED).select_related("plan").order_by("plan_id", "position")
    return TaskChoiceField(queryset=queryset, required=False, label=_("Tasks delivered"),
                           help_text=_("the plan tasks whose planned outputs this record counts toward"),
                           widget=forms.SelectMultiple(attrs={"size": 8}))


class PublicationForm(forms.ModelForm):
    digital_link = forms.URLField(label=_("Digital edition"), required=False, max_length=500, assume_scheme="https")
    languages = forms.MultipleChoiceField(choices=EDITION_LANGUAGES, required=False, label=_("Language editions"),
                                          widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Publication
        fields = ["title", "number", "period", "issued_on", "languages", "print_run", "digital_link", "distribution"]
        widgets = {"issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "distribution": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"] = _task_field(tasks)
        if self.instance.pk:
            self.fields["tasks"].initial = list(self.instance.tasks.values_list("pk", flat=True))

    def clean_period(self):
        text = self.cleaned_data["period"].strip()
        span = periods.parse_period(text)
        if span is None:
            raise forms.ValidationError(_("Period not understood: write it like “Quý I/2026”, “Tháng 3/2026”, "
                                          "“6 tháng đầu năm 2026” or “Năm 2026”."))
        self.instance.period_start, self.instance.period_end = span
        return text


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["kind", "title", "date", "end_date", "place", "venue", "organiser", "participants",
                  "foreign_participants", "materials"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "materials": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Unit.objects.filter(kind=UnitKind.COMMUNE, active=True).order_by("folded")
        self.fields["organiser"].queryset = Unit.objects.filter(active=True).exclude(
            kind__in=[UnitKind.COMMUNE, UnitKind.GROUP]).order_by("kind", "folded")
        self.fields["tasks"] = _task_field(tasks)
        if self.instance.pk:
            self.fields["tasks"].initial = list(self.instance.tasks.values_list("pk", flat=True))

    def clean(self):
        data = super().clean()
        if data.get("end_date") and data.get("date") and data["end_date"] < data["date"]:
            self.add_error("end_date", _("The end date is before the start date."))
        if (data.get("foreign_participants") or 0) > (data.get("participants") or 0):
            self.add_error("foreign_participants", _("More foreign participants than participants."))
        return data


class SourceForm(forms.ModelForm):
    url = forms.URLField(label=_("Feed or sitemap address"), required=False, max_length=500, assume_scheme="https")
    language = forms.ChoiceField(choices=LANGUAGES, label=_("Language"), required=False)

    class Meta:
        model = Source
        fields = ["name", "kind", "url", "language", "scope", "active", "min_interval"]

    def clean(self):
        data = super().clean()
        if data.get("kind") != "manual" and not data.get("url"):
            self.add_error("url", _("A feed or sitemap needs its address."))
        if data.get("min_interval") is not None and data["min_interval"] < 0:
            self.add_error("min_interval", _("Cannot be negative."))
        return data


class ManualArticleForm(forms.Form):
    url = forms.URLField(label=_("Article address"), required=False, max_length=1000, assume_scheme="https")
    clipping = forms.FileField(label=_("or a clipping (HTML or PDF)"), required=False)
    outlet = forms.CharField(label=_("Outlet"), max_length=200)
    scope = forms.ChoiceField(label=_("Domestic or foreign"), choices=Scope.choices)
    title = forms.CharField(label=_("Title (if the page has none)"), required=False, max_length=1000)
    published = forms.DateField(label=_("Published on (if the page does not say)"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("clipping"):
            raise forms.ValidationError(_("Give the article's address or upload a clipping."))
        clipping = data.get("clipping")
        if clipping and clipping.size > 20 * 1024 * 1024:
            self.add_error("clipping", _("The clipping is over 20 MB."))
        return data


class ApplicationForm(forms.ModelForm):
    """The public form a reporter fills in; no CAPTCHA (the address is rate-limited instead)."""

    consent = forms.BooleanField(label=_("I agree that these data are kept for the accreditation and deleted after the event's retention period."))
    website = forms.CharField(required=False, label="", widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp"}))

    class Meta:
        model = Accreditation
        fields = ["full_name", "agency", "position", "press_card", "foreign", "email", "phone", "photo"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > 3 * 1024 * 1024:
            raise forms.ValidationError(_("The photo is over 3 MB."))
        return photo

    def clean_press_card(self):
        value = " ".join(self.cleaned_data["press_card"].split())
        if len(value) < 3:
            raise forms.ValidationError(_("Enter the number printed on the press card."))
        return value


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown to nobody outside the accreditation team)"), required=False, max_length=300)

