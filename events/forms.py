"""The event page's admin form: staff type wall-clock times in the event's own time zone."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateTimeInput

from .timezones import in_zone, make_local, time_zone_choices

WALL_TIME_FIELDS = ("start", "end", "registration_deadline")


class WallDateTimeField(forms.DateTimeField):
    """A date and time without a zone: the form attaches the event's zone in ``clean()``."""

    def to_python(self, value):
        with timezone.override(datetime.UTC):
            result = super().to_python(value)
        if result is not None and timezone.is_aware(result):
            result = result.astimezone(datetime.UTC).replace(tzinfo=None)
        return result

    def prepare_value(self, value):
        return value

    def has_changed(self, initial, data):
        return super().has_changed(
            initial.replace(tzinfo=None) if isinstance(initial, datetime.datetime) else initial,
            data,
        )


class EventPageForm(WagtailAdminPageForm):
    start = WallDateTimeField(label=_("starts"), widget=AdminDateTimeInput)
    end = WallDateTimeField(label=_("ends"), widget=AdminDateTimeInput)
    registration_deadline = WallDateTimeField(
        label=_("registration deadline"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Leave empty to accept registrations until the event starts."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "time_zone" in self.fields:
            self.fields["time_zone"].widget = forms.Select(choices=time_zone_choices())
        zone = self.instance.time_zone if self.instance else None
        for name in WALL_TIME_FIELDS:
            value = getattr(self.instance, name, None)
            if value is not None and zone and name in self.fields:
                self.initial[name] = in_zone(value, zone).replace(tzinfo=None)
        for name in ("start", "end"):
            if name in self.fields:
                self.fields[name].help_text = _("Local time in the event's time zone.")

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone") or "UTC"
        for name in WALL_TIME_FIELDS:
            value = cleaned.get(name)
            if value is None or timezone.is_aware(value):
                continue
            try:
                cleaned[name] = make_local(value, zone)
            except ValueError:
                cleaned[name] = None
                self.add_error(
                    name,
                    _(
                        "%(time)s does not exist in %(zone)s (the clocks change that night). "
                        "Choose another time."
                    )
                    % {"time": value.strftime("%Y-%m-%d %H:%M"), "zone": zone},
                )
            except Exception:  # noqa: BLE001 - an unknown zone is reported on its own field
                cleaned[name] = value.replace(tzinfo=datetime.UTC)
        return cleaned
