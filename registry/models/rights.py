"""The records that give people rights on an initiative: managers, invitations, claims."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from .initiative import InitiativePage


class InitiativeManager(models.Model):
    """A user who may edit an initiative. Kept outside the page's revisions on purpose: giving
    or taking editing rights takes effect at once and is not undone by publishing an older
    revision."""

    page = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="manager_links",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="initiative_manager_links",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    panels = [FieldPanel("page"), FieldPanel("user")]

    class Meta:
        verbose_name = _("initiative manager")
        verbose_name_plural = _("initiative managers")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="registry_unique_manager")
        ]

    def __str__(self):
        return f"{self.user} · {self.page}"


class ManagerInvitation(models.Model):
    """An invitation, sent by email, to become a co-manager of an initiative. Accepting it
    needs a verified account with the invited address."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        CANCELLED = "cancelled", _("Cancelled")

    page = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="manager_invitations",
    )
    email = models.EmailField(_("email"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("manager invitation")
        verbose_name_plural = _("manager invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.page}"


class InitiativeClaim(models.Model):
    """A member's request to manage an initiative that has no manager (typically imported).
    Moderators approve or reject it in the Wagtail admin."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    page = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="initiative_claims",
    )
    message = models.TextField(
        _("why you should manage it"),
        max_length=2000,
        help_text=_("Your role in the initiative and how moderators can check it."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING, db_index=True
    )
    moderator_comment = models.TextField(_("moderator's comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    panels = [FieldPanel("moderator_comment")]

    class Meta:
        verbose_name = _("initiative claim")
        verbose_name_plural = _("initiative claims")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"],
                condition=models.Q(state="pending"),
                name="registry_one_pending_claim_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.page}"
