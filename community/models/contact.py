from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactRequestQuerySet(models.QuerySet):
    def for_recipient(self, user, *, initiative_ids=()):
        """Requests addressed to ``user`` directly, or to an initiative they manage."""
        query = models.Q(recipient=user)
        if initiative_ids:
            query |= models.Q(initiative_id__in=list(initiative_ids), recipient__isnull=True)
        return self.filter(query)

    def sent_since(self, user, since):
        return self.filter(sender=user, created_at__gte=since)


class ContactRequest(models.Model):
    """A short message from a member to another member, or to the managers of an initiative.

    It is delivered by email and kept in the recipient's inbox. The sender never sees the
    recipient's address (and the recipient never sees the sender's) until the recipient
    replies: the reply is emailed to the sender with ``Reply-To`` set to the replier, and from
    then on the inbox shows both addresses."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        READ = "read", _("Read")
        REPLIED = "replied", _("Replied")

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        on_delete=models.CASCADE,
        related_name="contact_requests_sent",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_requests_received",
        help_text=_("Empty when the message goes to an initiative's managers."),
    )
    initiative = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="community_contact_requests",
    )
    subject = models.CharField(_("subject"), max_length=150)
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    reply = models.TextField(_("reply"), blank=True, max_length=4000)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["sender", "created_at"], name="community_contact_sender"),
            models.Index(fields=["recipient", "created_at"], name="community_contact_recipient"),
            models.Index(fields=["initiative", "created_at"], name="community_contact_initiative"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | models.Q(initiative__isnull=False),
                name="community_contact_has_target",
            )
        ]

    def __str__(self):
        return self.subject

    @property
    def addresses_revealed(self):
        return self.status == self.Status.REPLIED


class Block(models.Model):
    """``blocker`` receives no more contact requests from ``blocked``."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        on_delete=models.CASCADE,
        related_name="community_blocks",
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked member"),
        on_delete=models.CASCADE,
        related_name="community_blocked_by",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="community_block_unique")
        ]

    def __str__(self):
        return f"{self.blocker} ⊘ {self.blocked}"


class AbuseReport(models.Model):
    """A recipient's report about a contact request, for the moderators."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Dismissed")

    contact_request = models.ForeignKey(
        ContactRequest,
        verbose_name=_("contact request"),
        on_delete=models.CASCADE,
        related_name="abuse_reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="community_abuse_reports",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    moderator_note = models.TextField(_("moderator note"), blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.contact_request} ({self.get_status_display()})"

    # Shown in the admin list: what was reported and by whom it was sent.
    def reported_message(self):
        return self.contact_request.message

    reported_message.short_description = _("message")

    def sender(self):
        return self.contact_request.sender

    sender.short_description = _("sender")
