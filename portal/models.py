from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_lazy as wagtail_label  # Wagtail's own msgids

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from taggit.models import TagBase, TaggedItemBase

from . import i18n
from .blocks import BodyBlock
from .validators import validate_http_url


class Tag(TagBase):
    """The one tag vocabulary shared by every kind of content (initiatives, practices, topics,
    events, news, members), so that one slug means one subject across the site. Names are
    matched case-insensitively (TAGGIT_CASE_INSENSITIVE).

    A tag has one slug and a label per language: ``name`` is the English label (required, the
    one taggit matches), ``name_es`` and ``name_pt`` the Spanish and Portuguese ones, empty
    (``NULL``) until a moderator writes them; ``tag.label`` is the active language's, falling
    back to ``name`` (``portal/tag_labels.py``). Two columns rather than a ``TagLabel`` table:
    every tag shown anywhere (chips, facets, the cloud) is already one row, so the labels cost
    no extra query or prefetch, and each language is indexable for matching. A fourth language
    is one more column and migration, which is rare enough to accept."""

    name_es = models.CharField(_("Spanish label"), max_length=100, blank=True, null=True)
    name_pt = models.CharField(_("Portuguese label"), max_length=100, blank=True, null=True)

    panels = [FieldPanel("name"), FieldPanel("name_es"), FieldPanel("name_pt"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name_es"),
                name="portal_tag_unique_name_es",
                violation_error_message=_("Another tag already has this Spanish label."),
            ),
            models.UniqueConstraint(
                Lower("name_pt"),
                name="portal_tag_unique_name_pt",
                violation_error_message=_("Another tag already has this Portuguese label."),
            ),
        ]

    @property
    def label(self):
        """The label in the active language, the English ``name`` when there is none."""
        from .tag_labels import tag_label

        return tag_label(self)

    def clean(self):
        from .tag_labels import clean_tag_labels
        from .tag_validation import normalise_tag_name, validate_tag_name

        super().clean()
        self.name = normalise_tag_name(self.name)
        try:
            validate_tag_name(self.name)
        except ValidationError as error:
            raise ValidationError({"name": error.error_list}) from error
        clean_tag_labels(self)

    def slugify(self, tag, i=None):
        # Every entrance validates names (portal/tag_validation.py); this is the last guard
        # for names saved without validation (shell, fixtures): never an empty slug, which
        # would break every ``{% url 'portal:tag' tag.slug %}``.
        if not super().slugify(tag):
            tag = "tag"
        return super().slugify(tag, i)


class TaggedItem(TaggedItemBase):
    """Base of every through model that tags content with the shared ``Tag``: subclasses add
    ``content_object = ParentalKey(<their model>, related_name=...)``. Being a subclass is what
    names a through model to ``portal/tagging.py`` (counts, public tags, merge)."""

    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_items"
    )

    class Meta:
        abstract = True


def _claims_subpath(model, rest):
    """Whether a routable page type's sub-routes match ``rest`` (the path below it), as
    ``RoutablePageMixin.route`` resolves it; nothing left is the page itself."""
    if not rest:
        return True
    try:
        model.get_resolver().resolve("/" + "/".join(rest) + "/")
    except Http404:
        return False
    return True


class BasePage(Page):
    """What every Articula page shares: the same admin tabs in the same order (Content, the
    page's own tabs, Promote, Settings with scheduled publishing and privacy), and the default
    ``search_fields`` and ``api_fields`` that pages extend.

    A page with more fields than one tab holds lists its other tabs in ``extra_tabs``::

        class PracticePage(BasePage):
            context_panels = [FieldPanel("authors"), FieldPanel("tags")]
            extra_tabs = [(_("Context"), context_panels)]

    and never defines ``edit_handler``: that is how the Settings tab went missing before."""

    content_tab_heading = wagtail_label("Content")
    # (heading, panels) for the tabs between Content and Promote.
    extra_tabs = ()
    search_fields = Page.search_fields
    api_fields = []

    class Meta:
        abstract = True

    @cached_classmethod
    def get_edit_handler(cls):
        tabs = [
            ObjectList(cls.content_panels, heading=cls.content_tab_heading),
            *(ObjectList(panels, heading=heading) for heading, panels in cls.extra_tabs),
            ObjectList(cls.promote_panels, heading=wagtail_label("Promote")),
            ObjectList(cls.settings_panels, heading=wagtail_label("Settings")),
        ]
        return TabbedInterface(tabs, base_form_class=cls.base_form_class).bind_to_model(cls)

    # -- Languages: every page at every prefix (docs/architecture.md, "Languages") ----------

    # Foreign keys a page type's template shows, read in the routing query when the page is
    # the only type its section allows (an initiative's support program).
    route_select_related = ()

    def route(self, request, path_components):
        """Wagtail's routing, plus one fallback: a child slug missing from this language's
        tree is looked up among the children of this page's translations (the original), so
        an initiative nobody translated yet answers at ``/es/initiatives/<slug>/`` too, with
        the interface in Spanish. One more query, only for slugs this tree lacks."""
        if not path_components:
            return super().route(request, path_components)
        found = self._route_by_url_path(path_components)
        if found is not None:
            page, remaining = found
            return page.route(request, remaining)
        slug = path_components[0]
        # A section that allows one page type (the registry: initiatives) reads its child
        # from that type's table directly: the specific page in one query instead of two.
        # A child of a type allowed once but not any more is still found, one query later.
        models = self.allowed_subpage_models()
        model = models[0] if len(models) == 1 else Page
        children = model.objects.child_of(self)
        if model is not Page and model.route_select_related:
            children = children.select_related(*model.route_select_related)
        subpage = children.filter(slug=slug).first()
        if subpage is None and model is not Page:
            subpage = self.get_children().filter(slug=slug).first()
        if subpage is None:
            subpage = i18n.fallback_child(self, slug, model=model)
            if subpage is None:
                raise Http404
        else:
            subpage._cached_parent_obj = self
        return subpage.specific.route(request, path_components[1:])

    def _route_by_url_path(self, path_components):
        """The deepest page on the path that the level-by-level walk would reach through
        pages routing as this one does, in one query (its specific row), with the rest of the
        path; ``None`` to walk. The pages whose ``url_path`` is a prefix of the path are kept
        in the shared cache until the next write to public content (``page_cache.fragment``).
        A routable page (its sub-routes may claim a path before a child page) or any other
        ``route`` ends the shortcut: that page routes the rest itself."""
        import hashlib

        from django.contrib.contenttypes.models import ContentType

        from .page_cache import fragment

        prefixes = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[:length])
            for length in range(1, len(path_components) + 1)
        ]
        digest = hashlib.sha256(prefixes[-1].encode("utf-8", "surrogateescape")).hexdigest()
        chain = fragment(
            f"routing:chain:{self.pk}:{digest}",
            lambda: list(
                Page.objects.filter(url_path__in=prefixes, path__startswith=self.path).order_by(
                    "depth"
                )
            ),
        )
        # Pages of this branch, level after level from this page's child down, up to the
        # first that routes its own way.
        walked = []
        for base in chain:
            if base.depth != self.depth + 1 + len(walked) or base.url_path != prefixes[len(walked)]:
                break
            model = ContentType.objects.get_for_id(base.content_type_id).model_class()
            if model is None:
                return None
            walked.append((base, model))
            route = getattr(model, "route", None)
            if route is BasePage.route:
                continue
            # A routable page (a program: ``certificate/``) whose sub-routes do not claim the
            # rest of the path hands it to ``BasePage.route``: walk on (a session page, one
            # query less).
            if route is RoutablePageMixin.route and not _claims_subpath(
                model, path_components[len(walked) :]
            ):
                continue
            break
        if not walked:
            return None
        base, model = walked[-1]
        pages = model.objects.all()
        if getattr(model, "route_select_related", ()):
            pages = pages.select_related(*model.route_select_related)
        page = pages.filter(pk=base.pk).first()
        if page is None:
            return None
        # ``get_parent()`` up the path without a query, as after the walk (base pages, as
        # ``get_parent()`` returns; this page for the first).
        parent = self
        for ancestor, _model in walked[:-1]:
            ancestor._cached_parent_obj = parent
            parent = ancestor
        page._cached_parent_obj = parent
        return page, path_components[len(walked) :]

    def get_view_restrictions(self):
        """Wagtail's check, run on every page served (its ``on_serve_page`` hook), without its
        two queries when no view restriction can apply (portal.visibility's cached paths)."""
        from wagtail.models import PageViewRestriction

        from .visibility import may_be_restricted

        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_url_parts(self, request=None):
        """The page's address for the visitor: under the active language's prefix, also for
        a page of another language (:func:`portal.i18n.url_in_language`), so that every link
        (``page.url``, ``{% pageurl %}``) keeps the visitor in their language. The page's own
        address, its canonical URL, is :func:`portal.i18n.own_url`."""
        return i18n.url_in_language(self, request)


class IndexPage(BasePage):
    """The section pages under the home page (``/initiatives/``, ``/practices/``, ...): one
    per home page, an introduction, listed in the main menu by default (``show_in_menus``).
    Subclasses set ``subpage_types`` and build their listing in ``get_context``."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["portal.HomePage"]
    max_count_per_parent = 1
    show_in_menus_default = True

    class Meta:
        abstract = True


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=160, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .sections import home_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections(request)
        return context


class StandardPage(BasePage):
    """About, terms, privacy and other plain pages written by staff."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="cog")
class PortalSettings(BaseGenericSetting):
    contact_email = models.EmailField(_("contact address"), default="contact@articula.example.org")
    map_tile_url = models.CharField(
        _("map tile URL"),
        max_length=255,
        default=settings.MAP_TILE_URL,
        help_text=_("A tile server URL template with {z}, {x} and {y}."),
    )
    map_tile_attribution = models.CharField(
        _("map tile attribution"),
        max_length=255,
        default=settings.MAP_TILE_ATTRIBUTION,
        help_text=_("Shown on every map, as the tile provider requires."),
    )
    data_licence_name = models.CharField(
        _("open data licence"), max_length=120, default="CC BY 4.0"
    )
    data_licence_url = models.URLField(
        _("open data licence URL"),
        default="https://creativecommons.org/licenses/by/4.0/",
        validators=[validate_http_url],
    )

    panels = [
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [FieldPanel("map_tile_url"), FieldPanel("map_tile_attribution")], heading=_("Map")
        ),
        MultiFieldPanel(
            [FieldPanel("data_licence_name"), FieldPanel("data_licence_url")],
            heading=_("Open data"),
        ),
    ]

    # Read on every page (the footer, the map's content security policy): from the shared
    # cache, cleared whenever the row is saved or deleted (clear_cache, connected in
    # portal/apps.py), in every process sharing the cache.
    CACHE_KEY = "portal:portal-settings"

    class Meta:
        verbose_name = _("portal settings")

    @classmethod
    def _get_or_create(cls):
        instance = cache.get(cls.CACHE_KEY)
        if instance is None:
            instance = super()._get_or_create()
            cache.set(cls.CACHE_KEY, instance, 3600)
        return instance

    @classmethod
    def clear_cache(cls, **kwargs):
        cache.delete(cls.CACHE_KEY)

    def clean(self):
        super().clean()
        missing = [part for part in ("{z}", "{x}", "{y}") if part not in self.map_tile_url]
        if missing:
            raise ValidationError(
                {
                    "map_tile_url": _(
                        "The tile URL must contain {z}, {x} and {y} (missing: %(missing)s), "
                        "for example https://tile.openstreetmap.org/{z}/{x}/{y}.png."
                    )
                    % {"missing": ", ".join(missing)}
                }
            )
        if not self.map_tile_url.startswith(("https://", "http://", "/")):
            raise ValidationError(
                {"map_tile_url": _("The tile URL must start with https://, http:// or /.")}
            )


class ModeratedWorkflow(models.Model):
    """A stable key for a Wagtail workflow that the apps submit to from the public site.

    Wagtail's ``Workflow`` has only a display name, which moderators may change in the admin;
    finding it by name would then create a second workflow. :func:`portal.moderation.ensure_workflow`
    finds it by ``key`` instead. The model also carries the portal's moderation permission
    (``portal.moderate_content``, see :func:`portal.moderation.is_moderator`)."""

    key = models.SlugField(_("key"), max_length=50, unique=True)
    workflow = models.OneToOneField(
        "wagtailcore.Workflow", on_delete=models.CASCADE, related_name="moderated"
    )

    class Meta:
        verbose_name = _("moderated workflow")
        verbose_name_plural = _("moderated workflows")
        permissions = [("moderate_content", _("Can moderate content submitted from the site"))]

    def __str__(self):
        return self.key
