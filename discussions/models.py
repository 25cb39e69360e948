"""Threads and replies of the discussion spaces, the reports members file on them and what
members follow.

Authors point at users with ``on_delete=SET_NULL``: when a member deletes their account, the
questions and answers others built on stay readable, signed "Former member" (the account, its
profile and its follows go). Deleting them would tear holes in other people's threads: a
solved question would lose its answer, a quote its source."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from portal.models import TaggedItem


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by a moderator")


class ThreadQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED, merged_into__isnull=True)

    def in_public_spaces(self):
        """Threads of the general space or of a live page outside private sections."""
        from wagtail.models import Page

        from portal.visibility import live_public

        public_pages = live_public(Page.objects.all()).values("pk")
        return self.filter(Q(space__isnull=True) | Q(space_id__in=public_pages))

    def visible_to(self, user=None):
        """What ``user`` may read in lists: published threads of public spaces. (Their own
        pending threads are shown to authors on their dashboard and on the thread page.)"""
        return self.published().in_public_spaces()

    def with_counts(self):
        """Each thread with ``reply_count``, its number of published replies."""
        # A correlated subquery, not Count() over a join: no GROUP BY, so the queryset can
        # still be counted, sliced and combined by the tag pages and the search.
        published = (
            Reply.objects.filter(thread=OuterRef("pk"), status=Status.PUBLISHED)
            .order_by()
            .values("thread")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            reply_count=Coalesce(Subquery(published, output_field=models.IntegerField()), 0)
        )

    def for_cards(self):
        return (
            self.with_counts()
            .select_related("author__profile", "space")
            .prefetch_related("tagged_items__tag")
        )

    def unanswered(self):
        published_reply = Reply.objects.filter(thread=OuterRef("pk"), status=Status.PUBLISHED)
        return self.filter(~Exists(published_reply))

    def solved(self):
        return self.filter(solved_reply__isnull=False)

    def in_space(self, space):
        return self.filter(space__isnull=True) if space is None else self.filter(space=space)


class Thread(ClusterableModel):
    space = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("space"),
        help_text=_("A research topic, an initiative or a joint project; empty: general space."),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="discussion_threads",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_threads",
    )
    tags = ClusterTaggableManager(
        through="discussions.ThreadTag", blank=True, verbose_name=_("tags")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("A locked thread takes no new replies.")
    )
    solved_reply = models.ForeignKey(
        "discussions.Reply",
        verbose_name=_("solved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_threads",
    )
    moderation_reason = models.TextField(
        _("moderator's note"),
        blank=True,
        help_text=_("Why a moderator changed this thread: the author sees it."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True, db_index=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        ordering = ["-last_activity_at", "-pk"]
        indexes = [models.Index(fields=["space", "status", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("discussions:thread", args=[self.pk])

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_solved(self):
        return self.solved_reply_id is not None

    @property
    def summary(self):
        """Plain text of the question (search results, feeds)."""
        from .sanitising import plain_text

        return plain_text(self.body)

    def tag_list(self):
        """The tags, from the prefetched ``tagged_items`` when there are (no query then)."""
        return [item.tag for item in self.tagged_items.all()]


class ThreadTag(TaggedItem):
    content_object = ParentalKey(Thread, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("thread tag")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="discussions_tag_unique")
        ]
        indexes = [models.Index(fields=["tag", "content_object"])]


class Reply(models.Model):
    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_replies",
    )
    body = models.TextField(_("text"))
    quote = models.ForeignKey(
        "self",
        verbose_name=_("quoted reply"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    moderation_reason = models.TextField(
        _("moderator's note"),
        blank=True,
        help_text=_("Why a moderator changed this reply: the author sees it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "status", "created_at"])]

    def __str__(self):
        return _("Reply to “%(title)s”") % {"title": self.thread.title}

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}#reply-{self.pk}"

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class PostAttachment(models.Model):
    """A file attached to a thread's question or to a reply: a Wagtail document, served by
    Wagtail's document view. Its collection follows the post (services.attachments_sync):
    private (moderators only) while the post is held or hidden, public once it is published."""

    thread = models.ForeignKey(
        Thread,
        verbose_name=_("thread"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    reply = models.ForeignKey(
        Reply,
        verbose_name=_("reply"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, reply__isnull=True)
                | Q(thread__isnull=True, reply__isnull=False),
                name="discussions_attachment_one_post",
            )
        ]

    def __str__(self):
        return self.document.title

    @property
    def file_name(self):
        return self.document.filename

    @property
    def file_type(self):
        return self.document.file_extension.upper()

    @property
    def size(self):
        return self.document.file_size


class PostReport(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="discussion_reports",
    )
    thread = models.ForeignKey(
        Thread,
        verbose_name=_("thread"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reply = models.ForeignKey(
        Reply,
        verbose_name=_("reply"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.TextField(_("why"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("reported post")
        verbose_name_plural = _("reported posts")
        ordering = ["state", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, reply__isnull=True)
                | Q(thread__isnull=True, reply__isnull=False),
                name="discussions_report_one_target",
            )
        ]

    def __str__(self):
        return str(self.reply or self.thread)

    @property
    def post(self):
        return self.reply or self.thread


class DiscussionFollow(models.Model):
    """A member follows one thread, the threads of one space (a page) or every thread carrying
    a tag, and hears of new posts at once or in the weekly summary."""

    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", _("At once, one email per post")
        DIGEST = "digest", _("In a weekly summary")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="discussion_follows",
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    space = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="discussion_follows",
    )
    tag = models.ForeignKey(
        "portal.Tag",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="discussion_follows",
    )
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices, default=Mode.IMMEDIATE)
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)
    last_digest_at = models.DateTimeField(_("last summary"), null=True, blank=True)

    class Meta:
        verbose_name = _("discussion follow")
        verbose_name_plural = _("discussion follows")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, space__isnull=True, tag__isnull=True)
                | Q(thread__isnull=True, space__isnull=False, tag__isnull=True)
                | Q(thread__isnull=True, space__isnull=True, tag__isnull=False),
                name="discussions_follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="discussions_follow_unique_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "space"],
                condition=Q(space__isnull=False),
                name="discussions_follow_unique_space",
            ),
            models.UniqueConstraint(
                fields=["user", "tag"],
                condition=Q(tag__isnull=False),
                name="discussions_follow_unique_tag",
            ),
        ]

    def __str__(self):
        return str(self.thread or self.space or self.tag)
