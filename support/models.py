"""Technical support: a member asks (usually a cluster manager, about an initiative they
manage), staff triage in the Wagtail admin, a staff member or a volunteer expert answers and,
with the requester's consent, the exchange is published as a question and answer.

Time to first response is measured from ``created_at`` to the first change of state out of
"new" (the requester hears that someone took the request); time to close to ``closed_at``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from portal.models import TaggedItem


class Need(models.TextChoices):
    STRATEGY = "strategy", _("Designing a strategy")
    METHODOLOGY = "methodology", _("A methodology or tool")
    PROPOSAL = "proposal", _("A project proposal")
    DATA = "data", _("Data")
    OTHER = "other", _("Something else")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")


class State(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


OPEN_STATES = (State.NEW, State.ASSIGNED, State.IN_PROGRESS)


class SupportRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def published(self):
        """Questions and answers on the public site."""
        return self.filter(published=True, consent_to_publish=True).exclude(answer="")

    def visible_to(self, user):
        """What anyone may see: the published questions and answers (portal/tagging.py asks
        this to decide which tags are public)."""
        return self.published()

    def readable_by(self, user):
        """Requests ``user`` may open: their own, the ones assigned to them; every one for
        staff."""
        from .permissions import is_support_staff

        if user is None or not user.is_authenticated:
            return self.none()
        if is_support_staff(user):
            return self
        return self.filter(models.Q(requester=user) | models.Q(assignee=user))


class SupportRequest(ClusterableModel):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    need = models.CharField(_("what is needed"), max_length=20, choices=Need.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    initiative = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    topic = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("research topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topic_support_requests",
    )
    tags = ClusterTaggableManager(
        through="support.SupportRequestTag", blank=True, verbose_name=_("tags")
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    consent_to_publish = models.BooleanField(
        _("may be published"),
        default=False,
        help_text=_("Once answered, the question and its answer may be published on the site."),
    )
    language = models.CharField(_("language"), max_length=7, default="en")
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_support_requests",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True, max_length=10000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    practice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("related good practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published = models.BooleanField(_("published as a question and answer"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SupportRequestQuerySet.as_manager()

    #: The weekly digest (community/digests.py) lists answers published since the last one.
    digest_date_field = "published_at"

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["published", "published_at"], name="support_published"),
            models.Index(fields=["requester", "created_at"], name="support_requester"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The public question and answer once published (site search links there), else
        the request's private page."""
        if self.published:
            return self.get_answer_url()
        return self.get_request_url()

    def get_request_url(self):
        return reverse("support:request_detail", args=[self.pk])

    def get_answer_url(self):
        return reverse("support:answer_detail", args=[self.pk])

    @property
    def summary(self):
        """What search results show under the title (the published answer)."""
        return self.answer if self.published else ""

    @property
    def tag_list(self):
        """The tags, from the prefetch of ``tagged_items__tag`` when there is one."""
        return [item.tag for item in self.tagged_items.all()]

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    @property
    def can_be_published(self):
        return (
            self.consent_to_publish
            and bool(self.answer)
            and self.state
            in (
                State.ANSWERED,
                State.CLOSED,
            )
        )

    @property
    def progress(self):
        """How far along the request is, 0-100, for the dashboard's progress bar."""
        return {
            State.NEW: 10,
            State.ASSIGNED: 35,
            State.IN_PROGRESS: 60,
            State.ANSWERED: 90,
            State.CLOSED: 100,
        }[self.state]


class SupportRequestTag(TaggedItem):
    content_object = ParentalKey(
        SupportRequest, on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("support request tag")
        verbose_name_plural = _("support request tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="support_tag_unique")
        ]
        indexes = [models.Index(fields=["tag", "content_object"], name="support_tag_object")]


class SupportNote(models.Model):
    """An internal note: staff only, never shown to the requester."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="notes", verbose_name=_("request")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class SupportEvent(models.Model):
    """One change of state (or of assignee): who, when, from, to."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("request")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_state} -> {self.to_state}"


class Volunteer(models.Model):
    """A member offering to answer a request."""

    request = models.ForeignKey(
        SupportRequest,
        on_delete=models.CASCADE,
        related_name="volunteers",
        verbose_name=_("request"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="support_volunteering",
        verbose_name=_("member"),
    )
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="support_volunteer_once")
        ]

    def __str__(self):
        return f"{self.user} -> {self.request}"
