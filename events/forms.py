"""The event page's admin form: staff type wall-clock times in the event's own time zone."""

import datetime

from django import forms
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import TitleFieldPanel
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


def next_session(program):
    """``(number, title prefix, slug)`` for a new session of ``program``: one past the highest
    number among its sessions (drafts included), titled in the program's language."""
    from .models import EventPage

    highest = EventPage.objects.child_of(program).aggregate(top=Max("number"))["top"] or 0
    number = highest + 1
    with translation.override(program.locale.language_code):
        prefix = gettext("Session %(number)s: ") % {"number": number}
    return number, prefix, f"session-{number}"


class SessionTitleFieldPanel(TitleFieldPanel):
    """The title panel of an event page. For a new session the form proposes ``session-N`` as
    its slug: Wagtail's title-to-slug sync would otherwise turn it into
    ``session-13-financing-...`` as soon as staff type the title."""

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            if getattr(self.form, "proposed_session", None):
                return False
            return super().get_should_apply()


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
        self.proposed_session = None
        if not self.instance.pk and not self.is_bound:
            self._propose_session()
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

    def _propose_session(self):
        """A new page under a program starts as its next numbered session (all editable)."""
        from .models import ProgramPage

        parent = self.parent_page.specific_deferred if self.parent_page else None
        if not isinstance(parent, ProgramPage):
            return
        number, prefix, slug = next_session(parent)
        self.proposed_session = number
        for name, value in (("number", number), ("title", prefix), ("slug", slug)):
            if not self.initial.get(name):
                self.initial[name] = value

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
