"""Event pages: the ``/events/`` index, training programs and their sessions (or stand-alone
events). A session's URL is ``/events/<program>/<session>/``."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey

from portal.models import BasePage, IndexPage, TaggedItem
from portal.validators import validate_http_url
from portal.visibility import live_public

from ..forms import EventPageForm, SessionTitleFieldPanel
from ..timezones import DEFAULT_TIME_ZONE, in_zone, validate_time_zone
from .routes import EventRegistrationRoutes, ProgramCertificateRoute

# Paths that the events app answers itself under /events/ (see events/urls.py) and under a
# program page (RoutablePageMixin routes): pages may not take these slugs.
RESERVED_INDEX_SLUGS = {"feed", "verify"}
RESERVED_PROGRAM_SLUGS = {"certificate"}


class EventTag(TaggedItem):
    content_object = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ProgramTag(TaggedItem):
    content_object = ParentalKey(
        "events.ProgramPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EventIndexPage(IndexPage):
    """``/events/``: upcoming and past events with filters. Its children are programs and
    stand-alone events.

    Not routable (it has no sub-route; its feeds are in events/urls.py): the site's routing
    then reads a program or an event below it in one query, not one per level
    (``BasePage._route_by_url_path``). Migration 0001 still names the mixin among its bases,
    which Django does not track."""

    subpage_types = ["events.ProgramPage", "events.EventPage"]

    class Meta:
        verbose_name = _("event index page")

    def get_context(self, request, *args, **kwargs):
        """Upcoming (default) or past events under this index matching the GET filters."""
        from ..selectors import event_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_index_context(request=request, index=self))
        return context


class ProgramOrganisation(Orderable):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        PARTNER = "partner", _("Partner")

    page = ParentalKey("events.ProgramPage", on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.ORGANISER)
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")]), FieldPanel("website")]

    class Meta(Orderable.Meta):
        verbose_name = _("organiser or partner")
        verbose_name_plural = _("organisers and partners")


class ProgramPage(ProgramCertificateRoute, RoutablePageMixin, BasePage):
    """A training program: a series of numbered sessions (its child pages)."""

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True)
    audience = models.TextField(
        _("audience"), blank=True, help_text=_("Who the program is for, in one or two sentences.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_share = models.PositiveSmallIntegerField(
        _("attendance required for a certificate (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Members who attended at least this share of the program's sessions can print a "
            "certificate of participation."
        ),
    )
    tags = ClusterTaggableManager(through=ProgramTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("audience"),
        FieldPanel("cover_image"),
        FieldPanel("tags"),
    ]
    organisation_panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        InlinePanel("organisations", heading=_("Organisers and partners"), label=_("organisation")),
        FieldPanel("certificate_share"),
    ]
    extra_tabs = [(_("Organisation"), organisation_panels)]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("audience"),
        index.RelatedFields("organisations", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("description"),
        APIField("audience"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("cover_image"),
        APIField("certificate_share"),
        APIField("organisations"),
        APIField("tags"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("training program")
        verbose_name_plural = _("training programs")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The program cannot end before it starts.")})
        if self.slug in RESERVED_INDEX_SLUGS:
            raise ValidationError({"slug": _("This address is reserved; choose another slug.")})

    def sessions(self):
        return live_public(EventPage.objects.child_of(self)).order_by("number", "start", "pk")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import breadcrumbs, program_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(program_detail(user=request.user, program=self))
        context["breadcrumbs"] = breadcrumbs(context.pop("ancestors"), self, request)
        return context


class EventSpeaker(Orderable):
    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_("For example: guest speaker, host.")
    )
    profile = models.ForeignKey(
        "community.MemberProfile",
        verbose_name=_("member profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_talks",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("affiliation")]),
        FieldRowPanel([FieldPanel("role"), FieldPanel("profile")]),
    ]
    api_fields = [APIField("name"), APIField("affiliation"), APIField("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name


class EventDocument(Orderable):
    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("document"), APIField("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def label(self):
        return self.title or self.document.title


class EventPage(EventRegistrationRoutes, RoutablePageMixin, BasePage):
    """A program session or a stand-alone event (webinar, workshop, congress).

    ``start``/``end``/``registration_deadline`` are stored in UTC; ``time_zone`` is the IANA
    zone staff think in. The admin form shows and reads the three datetimes as wall time in
    that zone (see :class:`events.forms.EventPageForm`). ``join_url`` is private: it is never
    in ``search_fields`` or ``api_fields`` and templates show it to registrants only."""

    class Kind(models.TextChoices):
        SESSION = "session", _("Session")
        WEBINAR = "webinar", _("Webinar")
        WORKSHOP = "workshop", _("Workshop")
        CONGRESS = "congress", _("Congress")

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("The session's number within its program.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SESSION)
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True)

    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The start, end and deadline below are wall-clock times in this zone."),
    )
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"))
    local_start_date = models.DateField(_("local start date"), editable=False, db_index=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ONLINE)
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("Venue and city, for in-person events.")
    )
    join_url = models.URLField(
        _("join link"),
        max_length=500,
        blank=True,
        help_text=_("The video call link. Shown only to registered members, never in public."),
        validators=[validate_http_url],
    )

    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. When full, new registrations join a waitlist."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept registrations until the event starts."),
    )

    recording_url = models.URLField(
        _("recording link"), max_length=500, blank=True, validators=[validate_http_url]
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report = RichTextField(_("report"), blank=True, help_text=_("What happened, after the event."))
    tags = ClusterTaggableManager(through=EventTag, blank=True, verbose_name=_("tags"))

    # Bumped whenever the schedule or place changes, for calendar clients (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)

    base_form_class = EventPageForm

    content_panels = [
        SessionTitleFieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        InlinePanel("speakers", heading=_("Speakers"), label=_("speaker")),
        FieldPanel("tags"),
    ]
    schedule_panels = [
        HelpPanel(
            content=_(
                "Enter the times as the organisers' clock shows them, for example 09:00 with "
                "the time zone America/Bogota. Visitors see them in this zone and in their own."
            )
        ),
        FieldPanel("time_zone"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        MultiFieldPanel(
            [FieldPanel("mode"), FieldPanel("place"), FieldPanel("join_url")],
            heading=_("Where"),
        ),
    ]
    registration_panels = [
        FieldPanel("registration_open"),
        FieldPanel("capacity"),
        FieldPanel("registration_deadline"),
    ]
    materials_panels = [
        FieldPanel("recording_url"),
        FieldPanel("slides"),
        InlinePanel("documents", heading=_("Documents"), label=_("document")),
        FieldPanel("report"),
    ]
    extra_tabs = [
        (_("Schedule"), schedule_panels),
        (_("Registration"), registration_panels),
        (_("Materials"), materials_panels),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("report"),
        index.FilterField("kind"),
        index.FilterField("start"),
        index.RelatedFields("speakers", [index.SearchField("name")]),
    ]
    # join_url is deliberately absent: the API is public.
    api_fields = [
        APIField("number"),
        APIField("kind"),
        APIField("summary"),
        APIField("description"),
        APIField("time_zone"),
        APIField("start"),
        APIField("end"),
        APIField("mode"),
        APIField("place"),
        APIField("capacity"),
        APIField("registration_deadline"),
        APIField("speakers"),
        APIField("recording_url"),
        APIField("slides"),
        APIField("documents"),
        APIField("report"),
        APIField("tags"),
    ]
    parent_page_types = ["events.EventIndexPage", "events.ProgramPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start", "end"], name="events_event_start_end")]

    # --- validation and saving -------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.start and self.registration_deadline and self.registration_deadline > self.start:
            errors["registration_deadline"] = _(
                "The registration deadline must be before the event starts."
            )
        if self.slug in RESERVED_INDEX_SLUGS | RESERVED_PROGRAM_SLUGS:
            errors["slug"] = _("This address is reserved; choose another slug.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.start and (update_fields is None or "start" in update_fields):
            self.local_start_date = in_zone(self.start, self.time_zone).date()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "local_start_date"}
        if self.pk and (update_fields is None or set(update_fields) & set(self.SEQUENCE_FIELDS)):
            self._bump_sequence()
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        return super().save(*args, **kwargs)

    SEQUENCE_FIELDS = ("start", "end", "time_zone", "place", "mode")

    def _bump_sequence(self):
        stored = (
            EventPage.objects.filter(pk=self.pk).values(*self.SEQUENCE_FIELDS, "sequence").first()
        )
        if stored is None:
            return
        changed = any(stored[name] != getattr(self, name) for name in self.SEQUENCE_FIELDS)
        # A revision being published carries the sequence of the moment it was drafted: never
        # go back from the stored value.
        self.sequence = (
            stored["sequence"] + 1 if changed else max(self.sequence, stored["sequence"])
        )

    # --- reading ---------------------------------------------------------------------------

    @property
    def local_start(self):
        return in_zone(self.start, self.time_zone)

    @property
    def local_end(self):
        return in_zone(self.end, self.time_zone)

    def state(self, now=None):
        now = now or timezone.now()
        if self.end <= now:
            return "past"
        if self.start <= now:
            return "live"
        return "upcoming"

    @property
    def is_past(self):
        return self.end <= timezone.now()

    @property
    def has_materials(self):
        return bool(self.recording_url or self.slides_id or self.report)

    @cached_property
    def canonical_id(self):
        """Registrations belong to the first page of a translation group (the original), so a
        member registered on /es/... is registered on the English page too."""
        return canonical_ids([self])[self.pk]

    def registration_closes_at(self):
        return self.registration_deadline or self.start

    def get_context(self, request, *args, **kwargs):
        from ..selectors import breadcrumbs, event_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(event_detail(user=request.user, event=self))
        context["breadcrumbs"] = breadcrumbs(context.pop("ancestors"), self, request)
        return context


def canonical_ids(pages):
    """``{page.pk: pk of the first page in its translation group}`` in one query."""
    pages = [p for p in pages if p.pk]
    if not pages:
        return {}
    rows = (
        Page.objects.filter(translation_key__in={p.translation_key for p in pages})
        .values("translation_key")
        .annotate(first=models.Min("pk"))
        .order_by()
    )
    first = {row["translation_key"]: row["first"] for row in rows}
    return {p.pk: first.get(p.translation_key, p.pk) for p in pages}
