"""Joint projects: the ``/projects/`` index, one page per project, its partners and the
interest members express in a project's call for partners.

Initiatives belong to the registry, which this app never imports: the lead initiative and the
partners are foreign keys to Wagtail's ``Page``, checked against the page type that
``portal.managed_pages`` registers as ``"initiatives"``; research topics and practices are
checked by their model label."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from portal.managed_pages import managed_page_model
from portal.models import BasePage, IndexPage, TaggedItem
from portal.validators import validate_http_url
from portal.vocabularies import OrganizationType

# Paths the app answers itself under /projects/ (projects/urls.py): no project takes them.
RESERVED_SLUGS = {"new", "interests", "partners", "open-data"}
TOPIC_LABEL = "knowledge.ResearchTopicPage"
PRACTICE_LABEL = "knowledge.PracticePage"


def is_initiative(page):
    """Whether ``page`` (any ``Page``) is an initiative, without importing the registry."""
    if page is None:
        return False
    cls = page.specific_class
    return cls is not None and issubclass(cls, managed_page_model("initiatives"))


class ProjectTag(TaggedItem):
    content_object = ParentalKey(
        "projects.ProjectPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        indexes = [models.Index(fields=["tag", "content_object"], name="projects_tag_obj")]


class ProjectSoughtTag(TaggedItem):
    """What the call for partners seeks (matched with what initiatives offer)."""

    content_object = ParentalKey(
        "projects.ProjectPage", on_delete=models.CASCADE, related_name="sought_tagged_items"
    )


class ProjectIndexPage(IndexPage):
    """``/projects/``: the live projects in the visitor's language, by status."""

    subpage_types = ["projects.ProjectPage"]

    class Meta:
        verbose_name = _("project index page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import project_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(project_index_context(request=request, index_page=self))
        return context


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    SEEKING = "seeking", _("Seeking partners")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class ProjectOutput(Orderable):
    """A result of the project: a document, a link or a good practice that came out of it."""

    page = ParentalKey("projects.ProjectPage", on_delete=models.CASCADE, related_name="outputs")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True, validators=[validate_http_url])
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    practice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("good practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("document"),
        FieldPanel("practice"),
    ]
    api_fields = [APIField("title"), APIField("url"), APIField("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("output")
        verbose_name_plural = _("outputs")

    def clean(self):
        super().clean()
        if self.practice_id and self.practice.specific_class._meta.label != PRACTICE_LABEL:
            raise ValidationError({"practice": _("Choose a good practice page.")})


class ProjectPage(BasePage):
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("At most 300 characters, shown on cards.")
    )
    goals = models.TextField(_("goals"), max_length=4000, blank=True)
    lead_initiative = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("lead initiative"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProjectStatus.choices,
        default=ProjectStatus.IDEA,
        db_index=True,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    regions = models.CharField(
        _("regions"),
        max_length=255,
        blank=True,
        help_text=_("States, departments or provinces involved, separated by commas."),
    )
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, such as USD or EUR.")
    )
    funders = models.CharField(_("funders"), max_length=255, blank=True)
    tags = ClusterTaggableManager(
        through=ProjectTag, blank=True, verbose_name=_("tags"), related_name="projects"
    )
    topics = ParentalManyToManyField(
        "wagtailcore.Page", verbose_name=_("research topics"), blank=True, related_name="+"
    )

    # The call for partners (status "seeking partners").
    call_text = models.TextField(_("partners sought"), max_length=2000, blank=True)
    call_deadline = models.DateField(_("call deadline"), null=True, blank=True)
    call_partner_kind = models.CharField(
        _("kind of partner sought"), max_length=20, choices=OrganizationType.choices, blank=True
    )
    call_countries = CountryField(_("countries sought"), multiple=True, blank=True)
    sought_tags = ClusterTaggableManager(
        through=ProjectSoughtTag,
        blank=True,
        verbose_name=_("expertise sought"),
        related_name="projects_seeking",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("goals"),
        FieldPanel("lead_initiative"),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("tags"),
        FieldPanel("topics"),
    ]
    place_panels = [FieldPanel("countries"), FieldPanel("regions")]
    call_panels = [
        FieldPanel("call_text"),
        FieldPanel("call_deadline"),
        FieldPanel("call_partner_kind"),
        FieldPanel("call_countries"),
        FieldPanel("sought_tags"),
    ]
    result_panels = [
        MultiFieldPanel(
            [FieldPanel("budget"), FieldPanel("budget_currency"), FieldPanel("funders")],
            heading=_("Funding"),
        ),
        InlinePanel("outputs", heading=_("Outputs"), label=_("output")),
    ]
    extra_tabs = [
        (_("Place"), place_panels),
        (_("Call for partners"), call_panels),
        (_("Funding and outputs"), result_panels),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("goals"),
        index.SearchField("call_text"),
        index.FilterField("status"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("goals"),
        APIField("lead_initiative"),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("countries"),
        APIField("regions"),
        APIField("budget"),
        APIField("budget_currency"),
        APIField("funders"),
        APIField("call_deadline"),
        APIField("call_partner_kind"),
        APIField("tags"),
        APIField("outputs"),
    ]
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The project cannot end before it starts.")
        if self.lead_initiative_id and not is_initiative(self.lead_initiative):
            errors["lead_initiative"] = _("The lead must be an initiative of the registry.")
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is reserved; choose another slug.")
        if errors:
            raise ValidationError(errors)

    @property
    def call_is_open(self):
        if self.status != ProjectStatus.SEEKING:
            return False
        return self.call_deadline is None or self.call_deadline >= timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        from .selectors import project_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(project_detail(request=request, project=self))
        return context


class ProjectPartner(Orderable):
    """An initiative taking part in a project. Kept outside the page's revisions (like the
    registry's managers): the partner initiative's manager confirms it at once, without a
    moderator, and publishing an older revision of the project does not undo it. Shown only
    once confirmed (``confirmed_at``)."""

    project = models.ForeignKey(
        ProjectPage, verbose_name=_("project"), on_delete=models.CASCADE, related_name="partners"
    )
    initiative = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="project_partnerships",
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    panels = [
        FieldPanel("project"),
        FieldPanel("initiative"),
        FieldPanel("role"),
        FieldPanel("confirmed_at"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "initiative"], name="projects_unique_partner"
            )
        ]

    def __str__(self):
        return f"{self.initiative} · {self.project}"

    def clean(self):
        super().clean()
        if self.initiative_id and not is_initiative(self.initiative):
            raise ValidationError({"initiative": _("Choose an initiative of the registry.")})


class PartnerInterest(models.Model):
    """A member's interest in joining a project's call, for themselves or for an initiative
    they manage. The lead initiative's managers accept or decline it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    project = models.ForeignKey(
        ProjectPage, verbose_name=_("project"), on_delete=models.CASCADE, related_name="interests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="project_interests",
    )
    initiative = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message"), max_length=2000)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("interest in a project")
        verbose_name_plural = _("interests in projects")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="projects_unique_interest")
        ]

    def __str__(self):
        return f"{self.user} → {self.project}"
