from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from portal.csv_safety import SafeSpreadsheetExportMixin
from portal.demo import DemoLoader
from portal.navigation import MenuItem
from portal.sections import Section
from portal.tagging import TaggedType, TagReference
from portal.unsubscribe import EmailOptOut

from . import observatory_charts
from .models import AbuseReport, ContactRequest, Follow, MemberProfile

# Public site: tagged content, dashboard sections, demo data --------------------------------


@hooks.register("register_menu_item")
def members_menu_item():
    return MenuItem(
        key="members", label=_("Members"), order=100, get_url=lambda: reverse("community:directory")
    )


@hooks.register("register_tagged_type")
def members_tagged_type():
    def items_for_any_tag(tags, request):
        from django.db.models import Q

        from .models import MemberExpertiseTag, MemberOfferingTag, MemberSeekingTag

        # Subqueries on the three through tables: no join, no DISTINCT, one query for any
        # number of tags.
        user = getattr(request, "user", None)
        carrying = Q()
        for through in (MemberExpertiseTag, MemberOfferingTag, MemberSeekingTag):
            carrying |= Q(pk__in=through.objects.filter(tag__in=tags).values("content_object_id"))
        return (
            MemberProfile.objects.visible_to(user)
            .filter(carrying)
            .with_tags()
            .order_by("display_name", "pk")
        )

    def items_for_tag(tag, request):
        return items_for_any_tag([tag], request)

    return TaggedType(
        key="members",
        label=_("Members"),
        order=60,
        items_for_tag=items_for_tag,
        items_for_tags=items_for_any_tag,
        card_template="community/includes/tagged_member_card.html",
        search=_search_members,
    )


@hooks.register("register_email_optout")
def digest_email_optout():
    # One-click unsubscribe (portal/unsubscribe.py) switches the weekly digest off.
    return EmailOptOut(
        key="digest",
        label=_("The weekly digest"),
        opt_out=lambda user: MemberProfile.objects.filter(user=user).update(digest_enabled=False),
    )


@hooks.register("register_tag_reference")
def follows_tag_reference():
    # Following a tag is not a use of it (counts leave follows out); a merge repoints them.
    return TagReference(model=Follow, tag_field="tag", owner_field="user")


def _search_members(query, request):
    """Profiles the visitor may see matching the site search's query."""
    from django.db.models import Q

    from wagtail.search import index

    profiles = MemberProfile.objects.visible_to(request.user)
    if issubclass(MemberProfile, index.Indexed):
        return profiles.search(query)
    condition = Q()
    for word in query.split()[:8]:
        condition &= (
            Q(display_name__icontains=word)
            | Q(organization__icontains=word)
            | Q(role__icontains=word)
        )
    return profiles.filter(condition).select_related("user").order_by("display_name")


def _dashboard_context(builder):
    def get_context(request):
        if not request.user.is_authenticated:
            return None
        return builder(request)

    return get_context


@hooks.register("register_dashboard_section")
def profile_completeness_section():
    from .dashboard import profile_completeness_context

    return Section(
        key="profile",
        order=10,
        template="community/dashboard/profile.html",
        get_context=_dashboard_context(profile_completeness_context),
    )


@hooks.register("register_dashboard_section")
def suggestions_section():
    from .dashboard import suggestions_context

    return Section(
        key="suggestions",
        order=50,
        template="community/dashboard/suggestions.html",
        get_context=_dashboard_context(suggestions_context),
    )


@hooks.register("register_dashboard_section")
def inbox_section():
    from .dashboard import inbox_context

    return Section(
        key="inbox",
        order=60,
        template="community/dashboard/inbox.html",
        get_context=_dashboard_context(inbox_context),
    )


@hooks.register("register_dashboard_section")
def following_section():
    from .dashboard import following_context

    return Section(
        key="following",
        order=70,
        template="community/dashboard/following.html",
        get_context=_dashboard_context(following_context),
    )


@hooks.register("register_demo_data")
def community_demo():
    from . import demo

    return DemoLoader(order=30, name="members", load=demo.load)


# Wagtail admin: profiles, contact requests, abuse reports ----------------------------------


class MemberProfileIndexView(SafeSpreadsheetExportMixin, IndexView):
    pass


class MemberProfileViewSet(ModelViewSet):
    model = MemberProfile
    name = "member_profiles"
    icon = "user"
    menu_label = _("Member profiles")
    list_display = [
        "display_name",
        "user",
        "organization",
        "country",
        "visibility",
        "allow_contact",
    ]
    list_filter = ["visibility", "allow_contact", "organization_type", "country", "digest_enabled"]
    search_fields = [
        "display_name",
        "organization",
        "role",
        "city",
        "user__username",
        "user__email",
    ]
    search_backend_name = None
    form_fields = [
        "display_name",
        "organization",
        "organization_type",
        "role",
        "country",
        "city",
        "bio",
        "visibility",
        "allow_contact",
        "digest_enabled",
    ]
    inspect_view_enabled = True
    list_export = ["display_name", "user", "organization", "organization_type", "country", "city"]
    index_view_class = MemberProfileIndexView

    def get_queryset(self, request):
        return MemberProfile.objects.select_related("user")


class ContactRequestViewSet(ModelViewSet):
    model = ContactRequest
    name = "contact_requests"
    icon = "mail"
    menu_label = _("Contact requests")
    list_display = ["subject", "sender", "recipient", "initiative", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "sender__username", "recipient__username"]
    search_backend_name = None
    form_fields = ["status"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ContactRequest.objects.select_related("sender", "recipient", "initiative")


class AbuseReportViewSet(ModelViewSet):
    model = AbuseReport
    name = "abuse_reports"
    icon = "warning"
    menu_label = _("Abuse reports")
    list_display = ["contact_request", "sender", "reporter", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["reason", "contact_request__subject", "contact_request__message"]
    search_backend_name = None
    form_fields = ["status", "moderator_note"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "contact_request",
        "sender",
        "reported_message",
        "reporter",
        "reason",
        "status",
        "moderator_note",
        "created_at",
    ]

    def get_queryset(self, request):
        return AbuseReport.objects.select_related(
            "contact_request__sender", "contact_request__recipient", "reporter"
        )


class CommunityViewSetGroup(ModelViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 300
    items = (MemberProfileViewSet, AbuseReportViewSet, ContactRequestViewSet)


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()


# Experts for technical support (portal/experts.py) ------------------------------------------


@hooks.register("register_expert_finder")
def member_expert_finder():
    from portal.experts import ExpertFinder

    from .matching import expert_suggestions, expert_tags_of

    return ExpertFinder(find=expert_suggestions, member_tags=expert_tags_of)


# Observatory: this app's charts and staff figures (observatory_charts.py) ---------------------
for _chart in observatory_charts.charts():
    hooks.register("register_observatory_chart", lambda chart=_chart: chart)
for _figure in observatory_charts.stewardship_figures():
    hooks.register("register_stewardship_figure", lambda figure=_figure: figure)
