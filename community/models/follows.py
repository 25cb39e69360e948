from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A member follows a tag, or a page (a research topic, an initiative). The weekly digest
    lists what is new under what they follow."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    tag = models.ForeignKey(
        "portal.Tag",
        verbose_name=_("tag"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="community_follows",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="community_follows",
    )
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(tag__isnull=False, page__isnull=True)
                    | models.Q(tag__isnull=True, page__isnull=False)
                ),
                name="community_follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "tag"],
                condition=models.Q(tag__isnull=False),
                name="community_follow_unique_tag",
            ),
            models.UniqueConstraint(
                fields=["user", "page"],
                condition=models.Q(page__isnull=False),
                name="community_follow_unique_page",
            ),
        ]

    def __str__(self):
        return str(self.tag or self.page)

    @property
    def target(self):
        return self.tag or self.page
