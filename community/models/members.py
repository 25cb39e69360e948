from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from portal.models import TaggedItem
from portal.validators import validate_http_url_list
from portal.vocabularies import OrganizationType

# Languages a member may say they speak (ISO 639-1 codes, all two letters so that a code is
# never a substring of another in the space-separated ``languages`` field).
LANGUAGE_CHOICES = [
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("qu", _("Quechua")),
    ("gn", _("Guarani")),
    ("ay", _("Aymara")),
    ("zh", _("Chinese")),
]


class MemberProfileQuerySet(models.QuerySet):
    def active(self):
        return self.filter(user__is_active=True)

    def visible_to(self, user):
        """Profiles ``user`` may see: public ones for anonymous visitors; every active one for
        signed-in accounts (members-only means "signed-in members")."""
        qs = self.active()
        if user is None or not user.is_authenticated:
            return qs.filter(visibility=MemberProfile.Visibility.PUBLIC)
        return qs

    def contactable(self):
        return self.active().filter(allow_contact=True)

    def with_tags(self, rendition_specs=("fill-96x96",)):
        """Everything a card or a profile shows, in a fixed number of queries: the user, the
        three tag relations (each with its tags) and the photo with its renditions."""
        from django.db.models import Prefetch

        from wagtail.images import get_image_model

        return self.select_related("user").prefetch_related(
            Prefetch("expertise_items", MemberExpertiseTag.objects.select_related("tag")),
            Prefetch("seeking_items", MemberSeekingTag.objects.select_related("tag")),
            Prefetch("offering_items", MemberOfferingTag.objects.select_related("tag")),
            Prefetch("photo", get_image_model().objects.prefetch_renditions(*rendition_specs)),
        )


class MemberProfile(ClusterableModel):
    """One per account (a model, not a page). Other apps link to it: practice authors, event
    speakers."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=120)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization = models.CharField(_("organisation"), max_length=200, blank=True)
    organization_type = models.CharField(
        _("organisation type"),
        max_length=20,
        choices=OrganizationType.choices,
        blank=True,
        db_index=True,
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    bio = models.TextField(
        _("about me"),
        blank=True,
        max_length=2000,
        help_text=_("Plain text, up to 2,000 characters."),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=60,
        blank=True,
        help_text=_("Space-separated ISO 639-1 codes."),
    )
    links = models.JSONField(
        _("links"), default=list, blank=True, validators=[validate_http_url_list]
    )
    expertise = ClusterTaggableManager(
        through="community.MemberExpertiseTag",
        blank=True,
        verbose_name=_("expertise"),
        related_name="expert_profiles",
    )
    seeking = ClusterTaggableManager(
        through="community.MemberSeekingTag",
        blank=True,
        verbose_name=_("seeking"),
        related_name="seeking_profiles",
    )
    offering = ClusterTaggableManager(
        through="community.MemberOfferingTag",
        blank=True,
        verbose_name=_("offering"),
        related_name="offering_profiles",
    )
    sectors = models.ManyToManyField(
        "registry.Sector",
        verbose_name=_("sectors"),
        blank=True,
        related_name="member_profiles",
        help_text=_("The economic sectors you work in (ISIC)."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    allow_contact = models.BooleanField(_("accepts contact requests"), default=True)
    digest_enabled = models.BooleanField(
        _("weekly digest"),
        default=True,
        help_text=_(
            "A weekly email with what is new under the tags, topics and initiatives you follow."
        ),
    )
    last_digest_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, null=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, null=True)

    objects = MemberProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        ordering = ["display_name"]
        indexes = [
            models.Index(fields=["visibility", "display_name"], name="community_profile_vis_name"),
            models.Index(fields=["allow_contact", "country"], name="community_profile_contact"),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("community:profile", args=[self.user.username])

    @property
    def username(self):
        return self.user.username

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC

    @property
    def language_codes(self):
        return self.languages.split()

    def get_language_display_list(self):
        names = dict(LANGUAGE_CHOICES)
        return [names[code] for code in self.language_codes if code in names]

    def _prefetched_tags(self, relation):
        # Uses the prefetch of ``<relation>_items__tag`` when present (no query per card).
        return [item.tag for item in getattr(self, relation).all()]

    @property
    def expertise_tags(self):
        return self._prefetched_tags("expertise_items")

    @property
    def seeking_tags(self):
        return self._prefetched_tags("seeking_items")

    @property
    def offering_tags(self):
        return self._prefetched_tags("offering_items")

    def visible_to(self, user):
        if not self.user.is_active:
            from portal.moderation import is_moderator

            return is_moderator(user)
        if self.is_public:
            return True
        return bool(user and user.is_authenticated)


class MemberExpertiseTag(TaggedItem):
    content_object = ParentalKey(
        "community.MemberProfile", on_delete=models.CASCADE, related_name="expertise_items"
    )

    class Meta:
        verbose_name = _("expertise tag")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="community_expertise_unique"
            )
        ]
        # (tag, profile): the matching queries read only this index.
        indexes = [models.Index(fields=["tag", "content_object"], name="community_expertise_tag")]


class MemberSeekingTag(TaggedItem):
    content_object = ParentalKey(
        "community.MemberProfile", on_delete=models.CASCADE, related_name="seeking_items"
    )

    class Meta:
        verbose_name = _("seeking tag")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="community_seeking_unique"
            )
        ]
        indexes = [models.Index(fields=["tag", "content_object"], name="community_seeking_tag")]


class MemberOfferingTag(TaggedItem):
    content_object = ParentalKey(
        "community.MemberProfile", on_delete=models.CASCADE, related_name="offering_items"
    )

    class Meta:
        verbose_name = _("offering tag")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="community_offering_unique"
            )
        ]
        indexes = [models.Index(fields=["tag", "content_object"], name="community_offering_tag")]
