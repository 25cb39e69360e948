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
        """Everything a card or a profile shows, in a fixed number of queries: the user (a
        join), the three tag relations with their tags (ONE query, a union of the three
        through tables: :func:`prefetch_member_tags`) and the photo with its renditions."""
        from django.db.models import Prefetch

        from wagtail.images import get_image_model

        clone = self.select_related("user").prefetch_related(
            Prefetch("photo", get_image_model().objects.prefetch_renditions(*rendition_specs)),
        )
        clone._member_tags = True
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._member_tags = getattr(self, "_member_tags", False)
        return clone

    def _fetch_all(self):
        loaded = self._result_cache is not None
        super()._fetch_all()
        if (
            not loaded
            and getattr(self, "_member_tags", False)
            and self._iterable_class is models.query.ModelIterable
        ):
            prefetch_member_tags(self._result_cache)


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


MEMBER_TAG_RELATIONS = ("expertise_items", "seeking_items", "offering_items")


def prefetch_member_tags(profiles):
    """Fill the three tag relations of ``profiles`` (``expertise_items``, ``seeking_items``,
    ``offering_items``, each item with its tag) from ONE query, a union of the three through
    tables, as ``prefetch_related`` would with three."""
    from portal.models import Tag

    profiles = [profile for profile in profiles if profile.pk is not None]
    if not profiles:
        return
    ids = [profile.pk for profile in profiles]
    tag_fields = [field.attname for field in Tag._meta.concrete_fields]
    throughs = [MemberProfile._meta.get_field(name).related_model for name in MEMBER_TAG_RELATIONS]
    parts = [
        through.objects.filter(content_object_id__in=ids)
        .annotate(kind=models.Value(index, output_field=models.IntegerField()))
        .values_list("kind", "pk", "content_object_id", *(f"tag__{name}" for name in tag_fields))
        .order_by()
        for index, through in enumerate(throughs)
    ]
    rows = parts[0].union(*parts[1:], all=True).order_by("kind", "pk")
    found = {(index, pk): [] for index in range(len(throughs)) for pk in ids}
    for kind, pk, owner_id, *tag_values in rows:
        item = throughs[kind](pk=pk, content_object_id=owner_id, tag_id=tag_values[0])
        item.tag = Tag.from_db(None, tag_fields, tag_values)
        found[kind, owner_id].append(item)
    # One filtered queryset per relation, cloned per profile: building a filter per profile
    # and relation (72 for a page of cards) cost more than the query itself. A clone answers
    # from its result cache; filtered further it would read the listed profiles' rows.
    bases = [through.objects.filter(content_object_id__in=ids) for through in throughs]
    for profile in profiles:
        cache = profile.__dict__.setdefault("_prefetched_objects_cache", {})
        for index, name in enumerate(MEMBER_TAG_RELATIONS):
            items = bases[index]._chain()
            items._result_cache = found[index, profile.pk]
            items._prefetch_done = True
            cache[name] = items


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
