from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import i18n
from portal.demo import DemoLoader
from portal.managed_pages import ManagedPages
from portal.member_data import MemberData
from portal.moderation import ModeratedType, is_moderator
from portal.observatory import ChartRow, ObservatoryChart
from portal.sections import PageSection, Section
from portal.tagging import TaggedType

from . import observatory_charts
from .models import (
    InitiativeClaim,
    InitiativeManager,
    InitiativePage,
    PartnerOrganisation,
    Sector,
    SupportProgram,
    Verifier,
)


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "list-ul"
    menu_label = _("Sectors")
    list_display = ["code", "name_en", "name_es", "name_pt", "parent"]
    search_fields = ["name_en", "name_es", "name_pt", "code"]
    list_filter = ["parent"]
    ordering = ["code"]


class SupportProgramViewSet(SnippetViewSet):
    model = SupportProgram
    icon = "pick"
    menu_label = _("Support programs")
    list_display = ["name", "acronym", "funder", "country"]
    search_fields = ["name", "acronym"]


class InitiativeManagerViewSet(SnippetViewSet):
    model = InitiativeManager
    icon = "group"
    menu_label = _("Initiative managers")
    list_display = ["page", "user", "created_at"]
    search_fields = None


register_snippet(SectorViewSet)
register_snippet(SupportProgramViewSet)
register_snippet(InitiativeManagerViewSet)


@hooks.register("register_admin_urls")
def registry_admin_urls():
    from .admin_views import admin_urls

    return [
        path("registry/", include((admin_urls(), "registry_admin"), namespace="registry_admin"))
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def registry_menu():
    pending = _("Initiative claims")
    menu = Menu(
        items=[
            PermissionMenuItem(
                pending,
                reverse("registry_admin:claims"),
                icon_name="user",
                order=10,
                permission="registry.change_initiativeclaim",
            ),
            PermissionMenuItem(
                _("Import initiatives"),
                reverse("registry_admin:import"),
                icon_name="upload",
                order=20,
                permission="registry.import_initiatives",
            ),
            PermissionMenuItem(
                _("Export initiatives (CSV)"),
                reverse("registry_admin:export"),
                icon_name="download",
                order=30,
                permission="registry.import_initiatives",
            ),
        ]
    )
    return SubmenuMenuItem(_("Registry"), menu, icon_name="site", order=250)


# -- Cross-app composition ---------------------------------------------------------------------


def _initiatives_for_tag(tag, request):
    from .selectors import initiative_list

    return (
        initiative_list().filter(tagged_items__tag=tag).select_related("locale").order_by("title")
    )


def _initiatives_for_tags(tags, request):
    """The initiatives carrying any of ``tags``, by title: one query (an ``IN`` on the tag
    links, so no ``DISTINCT``), card fields only."""
    from .models import InitiativeTag
    from .selectors import initiative_list, with_card_fields

    links = InitiativeTag.objects.filter(tag__in=tags).values("content_object_id")
    return with_card_fields(initiative_list().filter(pk__in=links)).order_by("title")


@hooks.register("register_tagged_type")
def initiatives_tagged_type():
    return TaggedType(
        key="initiatives",
        label=_("Initiatives"),
        order=10,
        items_for_tag=_initiatives_for_tag,
        items_for_tags=_initiatives_for_tags,
        card_template="registry/initiative_card.html",
        search_models=(InitiativePage,),
    )


@hooks.register("register_moderated_type")
def moderated_initiatives():
    """The person who submitted an initiative hears about the moderator's decision."""
    return ModeratedType(model=InitiativePage, edit_url_name="registry:edit")


def _home_context(request):
    from django.db.models import Count

    from .models import InitiativeIndexPage
    from .selectors import initiative_list

    index_page = i18n.index_page(InitiativeIndexPage)
    if index_page is None:
        return None
    stats = initiative_list().aggregate(
        initiatives=Count("pk"), countries=Count("country", distinct=True)
    )
    if not stats["initiatives"]:
        return None
    from .page_selectors import map_config

    return {
        "stats": stats,
        "index_url": index_page.get_url(request),
        "register_url": reverse("registry:register"),
        "map": map_config(request, {}),
    }


@hooks.register("register_home_section")
def home_section():
    return Section(
        key="registry",
        order=10,
        template="registry/home_section.html",
        get_context=_home_context,
        cache_seconds=300,  # the same for every visitor (portal/sections.py)
    )


def _dashboard_context(request):
    from .selectors import managed_initiatives

    if not request.user.is_authenticated:
        return None
    return {
        "initiatives": list(managed_initiatives(request.user)),
        "register_url": reverse("registry:register"),
        "pending_claims": InitiativeClaim.objects.filter(
            user=request.user, state=InitiativeClaim.State.PENDING
        ).select_related("page"),
    }


@hooks.register("register_dashboard_section")
def dashboard_section():
    return Section(
        key="registry",
        order=20,
        template="registry/dashboard_section.html",
        get_context=_dashboard_context,
    )


@hooks.register("register_demo_data")
def registry_demo():
    from . import demo

    return DemoLoader(order=20, name="initiatives", load=demo.load)


@hooks.register("register_managed_pages")
def managed_initiatives_pages():
    def page_ids(user, live_only):
        links = InitiativeManager.objects.filter(user=user)
        if live_only:
            links = links.filter(page__live=True)
        return links.values_list("page_id", flat=True)

    def managers(page):
        links = InitiativeManager.objects.filter(page_id=page.pk).select_related("user")
        return [link.user for link in links]

    return ManagedPages(
        key="initiatives", model=InitiativePage, page_ids=page_ids, managers=managers
    )


def _member_data(user):
    """The member's part in the registry, for their data download."""
    from .models import InitiativeClaim, InitiativeManager

    managed = InitiativeManager.objects.filter(user=user).select_related("page")
    claims = InitiativeClaim.objects.filter(user=user).select_related("page")
    return {
        "initiatives_managed": [
            {"id": link.page_id, "title": link.page.title, "since": link.created_at.isoformat()}
            for link in managed
        ],
        "claims": [
            {"id": claim.page_id, "title": claim.page.title, "state": claim.state}
            for claim in claims
        ],
    }


@hooks.register("register_member_data")
def member_data():
    return MemberData(key="registry", export=_member_data)


# -- Bulk open data (portal/open_data_package.py) ------------------------------------------------


@hooks.register("register_open_dataset")
def initiatives_open_dataset():
    from .open_data import initiatives_dataset

    return initiatives_dataset()


@hooks.register("register_open_dataset")
def initiative_indicators_open_dataset():
    from .open_data import indicators_dataset

    return indicators_dataset()


# -- Stewardship: freshness loop and verification by partner organisations --------------------


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = _("Partner organisations")
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]


class VerifierViewSet(SnippetViewSet):
    model = Verifier
    icon = "tick"
    menu_label = _("Verifiers")
    list_display = ["user", "organisation", "territory_label"]
    list_filter = ["organisation"]
    search_fields = None


register_snippet(PartnerOrganisationViewSet)
register_snippet(VerifierViewSet)


@hooks.register("register_admin_urls")
def stewardship_admin_urls():
    from .views.stewardship_admin import admin_urls

    return [
        path(
            "registry/stale/",
            include((admin_urls(), "registry_stewardship"), namespace="registry_stewardship"),
        )
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def stale_menu_item():
    return ModeratorMenuItem(
        _("Stale initiatives"),
        reverse("registry_stewardship:stale"),
        icon_name="time",
        order=251,
    )


def _verification_section(page, request):
    from .verification import latest_confirmation

    confirmation = latest_confirmation(page)
    if confirmation is None:
        return None
    return {"confirmation": confirmation}


@hooks.register("register_page_section")
def verification_page_section():
    return PageSection(
        key="verification",
        order=5,
        page_types=("registry.InitiativePage",),
        template="registry/stewardship/page_section.html",
        get_context=_verification_section,
        # The same for every visitor: kept until the next write to public content.
        cache_seconds=300,
    )


def _verifier_dashboard(request):
    from .verification import verifier_get

    verifier = verifier_get(request.user)
    if verifier is None:
        return None
    return {"verifier": verifier, "verify_url": reverse("registry:verify")}


@hooks.register("register_dashboard_section")
def verifier_dashboard_section():
    return Section(
        key="verifier",
        order=21,
        template="registry/stewardship/dashboard_section.html",
        get_context=_verifier_dashboard,
    )


def _verified_share(filters):
    from .selectors import initiative_list
    from .verification import verified_share_by_country

    queryset = initiative_list()
    if filters.country:
        queryset = queryset.in_country(filters.country)
    if filters.sector:
        queryset = queryset.in_sector(filters.sector)
    if filters.stage:
        queryset = queryset.at_stage(filters.stage)
    return [
        ChartRow(
            label=name,
            value=round(100 * verified / total, 1) if total else 0,
            key=code,
            values=(verified, total),
        )
        for code, name, total, verified in verified_share_by_country(queryset)
    ]


@hooks.register("register_observatory_chart")
def verified_share_chart():
    return ObservatoryChart(
        key="verified-share-by-country",
        title=_("Initiatives verified by a partner organisation, by country"),
        order=80,
        kind="bar",
        group=_("Initiatives"),
        unit="%",
        description=_(
            "Share of the initiatives of each country confirmed by a chamber of commerce, "
            "ministry or development agency."
        ),
        series=(_("Verified"), _("Initiatives")),
        data=_verified_share,
    )


@hooks.register("register_demo_data")
def stewardship_demo():
    from . import demo_stewardship

    return DemoLoader(order=25, name="stewardship", load=demo_stewardship.load)


# Observatory: this app's charts and staff figures (observatory_charts.py) ---------------------
for _chart in observatory_charts.charts():
    hooks.register("register_observatory_chart", lambda chart=_chart: chart)
for _figure in observatory_charts.stewardship_figures():
    hooks.register("register_stewardship_figure", lambda figure=_figure: figure)
