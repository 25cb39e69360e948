"""Reads of joint projects: the index, a project's page, the dashboard, suggestions, open data.
Each builds its lists in a fixed number of queries (no query per project or partner)."""

from dataclasses import dataclass, field

from django.db.models import Exists, F, FilteredRelation, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Page

from django_countries.fields import Country

from portal import i18n
from portal.managed_pages import managed_page_ids, managed_page_model, memoise_for_request
from portal.models import PortalSettings, Tag
from portal.moderation import with_moderation_state
from portal.page_cache import cached_page, fragment
from portal.visibility import live_public

from .models import (
    PartnerInterest,
    ProjectPage,
    ProjectPartner,
    ProjectSoughtTag,
    ProjectStatus,
    ProjectTag,
)

PER_PAGE = 12


def project_list(*, locale=None):
    """Live, public projects in the visitor's language (originals where untranslated)."""
    return i18n.localized(live_public(ProjectPage.objects.all()), locale)


def with_card_fields(queryset):
    return queryset.select_related("lead_initiative").prefetch_related("tagged_items__tag")


def confirmed_partners():
    return ProjectPartner.objects.filter(confirmed_at__isnull=False)


def project_index_context(*, request, index_page):
    from .filters import ProjectFilterSet

    # The filters validate without a query of projects; the list's queryset is built only when
    # its page is not kept yet (building it is a tenth of the page's time).
    filterset = ProjectFilterSet(request.GET, queryset=ProjectPage.objects.all())
    values = filterset.values
    # The count and the page of cards (their lead and tags prefetched) are the same for every
    # visitor: kept until the next write to public content, per language and filter. The cards
    # are read only when the "project-cards" fragment of the template is not kept yet.
    key = ":".join(
        str(part or "")
        for part in (
            "projects:index",
            index_page.locale_id,
            values.get("status"),
            getattr(values.get("tag"), "pk", ""),
            values.get("country"),
        )
    )

    def projects():
        return i18n.localized(live_public(filterset.qs), index_page.locale_id).order_by(
            "-first_published_at", "-pk"
        )

    def cards(rows):
        found = list(rows)
        for project in found:
            project.card_tags = [item.tag for item in project.tagged_items.all()]
        return found

    page_obj = cached_page(
        lambda: with_card_fields(projects()),
        request.GET.get("page"),
        key=key,
        per_page=PER_PAGE,
        prepare=cards,
        lazy=True,
    )
    return {
        "projects": page_obj.object_list,
        "page_obj": page_obj,
        "filter_form": filterset.form,
        "active_filters": any(values.get(name) for name in ("status", "tag", "country")),
        "filter_errors": bool(filterset.errors),
    }


def _related_pages(project):
    """The lead initiative, the confirmed partners and the live research topics of
    ``project``, in one query of plain pages. Initiatives carry their place from the registry's
    table (``country_code``, ``latitude``, ``longitude``, joined by the model name that
    ``portal.managed_pages`` registers, no import), partners their ``partner_role``."""
    table = managed_page_model("initiatives")._meta.model_name
    topics = ProjectPage.topics.through.objects.filter(
        projectpage_id=project.pk, page_id=OuterRef("pk")
    )
    # The pages that can qualify, by index: without it the joins below read every page of the
    # site (12 ms at 10,000 initiatives).
    candidates = (
        ProjectPartner.objects.filter(project=project, confirmed_at__isnull=False)
        .order_by()
        .values_list("initiative_id", flat=True)
        .union(
            ProjectPage.topics.through.objects.filter(projectpage_id=project.pk)
            .order_by()
            .values_list("page_id", flat=True),
            Page.objects.filter(pk=project.lead_initiative_id or 0)
            .order_by()
            .values_list("pk", flat=True),
        )
    )
    rows = list(
        live_public(Page.objects.filter(pk__in=candidates))
        .annotate(
            link=FilteredRelation(
                "project_partnerships",
                condition=Q(
                    project_partnerships__project=project,
                    project_partnerships__confirmed_at__isnull=False,
                ),
            ),
            is_topic=Exists(topics),
        )
        .filter(Q(pk=project.lead_initiative_id or 0) | Q(link__isnull=False) | Q(is_topic=True))
        .annotate(
            partner_id=F("link__id"),
            partner_role=F("link__role"),
            partner_order=F("link__sort_order"),
            country_code=F(f"{table}__country"),
            latitude=F(f"{table}__latitude"),
            longitude=F(f"{table}__longitude"),
        )
        .order_by("partner_order", "partner_id", "title")
    )
    for page in rows:
        page.country = Country(page.country_code) if page.country_code else None
    lead = next((page for page in rows if page.pk == project.lead_initiative_id), None)
    partners = [page for page in rows if page.partner_id is not None and page is not lead]
    return lead, partners, [page for page in rows if page.is_topic]


def _tags(project):
    """``(tags, sought_tags)`` of ``project`` in one query."""
    tagged = ProjectTag.objects.filter(content_object_id=project.pk, tag=OuterRef("pk"))
    sought = ProjectSoughtTag.objects.filter(content_object_id=project.pk, tag=OuterRef("pk"))
    tags = list(
        Tag.objects.annotate(tagged=Exists(tagged), sought=Exists(sought))
        .filter(Q(tagged=True) | Q(sought=True))
        .order_by("name")
    )
    return [t for t in tags if t.tagged], [t for t in tags if t.sought]


def map_settings(request):
    settings = PortalSettings.load(request_or_site=request)
    return {"tile_url": settings.map_tile_url, "attribution": settings.map_tile_attribution}


def map_points(initiatives, request):
    points = []
    for page in initiatives:
        lat, lon = getattr(page, "latitude", None), getattr(page, "longitude", None)
        if lat is None or lon is None:
            continue
        points.append(
            {
                "name": page.title,
                "url": page.get_url(request) if page.live else "",
                "lat": float(lat),
                "lon": float(lon),
            }
        )
    return points


def _public_parts(request, project):
    lead, partners, topics = _related_pages(project)
    tags, sought_tags = _tags(project)
    return {
        "lead": lead,
        "partners": partners,
        "map_points": map_points([p for p in [lead, *partners] if p], request),
        "topics": topics,
        "tags": tags,
        "sought_tags": sought_tags,
        "outputs": list(project.outputs.select_related("document", "practice")),
        "map": map_settings(request) if lead or partners else None,
    }


def project_public_parts(*, request, project):
    """What the project's page shows alike to every visitor: the lead, the confirmed partners
    and their map, the topics, tags and outputs. Kept until the next write to public content
    (``portal.page_cache.fragment``), per host (the pages' URLs) and language; a preview reads
    the draft's own outputs, never the kept copy."""
    if getattr(request, "is_preview", False):
        return _public_parts(request, project)
    key = f"projects:detail:{project.pk}:{request.get_host()}:{get_language()}"
    return fragment(key, lambda: _public_parts(request, project))


def project_detail(*, request, project):
    """The context of a project's page: confirmed partners and the map, the call, and what the
    visitor may do (express interest; the lead's managers: answer it, edit). Moderators edit
    in the Wagtail admin: the page spends no query on their permissions."""
    from .forms import InterestForm

    user = request.user
    memoise_for_request(request)  # one read of the member's initiatives (the form's too)
    managed = managed_page_ids(user) if user.is_authenticated else set()
    leads = bool(project.lead_initiative_id) and project.lead_initiative_id in managed
    context = {**project_public_parts(request=request, project=project)}
    context.update(can_edit=leads, leads=leads)
    if user.is_authenticated and project.call_is_open:
        # One query for both: the pending interest (for the lead) and the visitor's own.
        interests = list(
            PartnerInterest.objects.filter(project=project)
            .filter(Q(user=user) | Q(state=PartnerInterest.State.PENDING))
            .select_related("user", "initiative")
            .order_by("created_at")
        )
        if leads:
            context["interests"] = [
                i for i in interests if i.state == PartnerInterest.State.PENDING
            ]
        else:
            mine = next((i for i in interests if i.user_id == user.pk), None)
            context["my_interest"] = mine
            if mine is None:
                context["interest_form"] = InterestForm(user=user, project=project)
    return context


# -- Dashboard ---------------------------------------------------------------------------------


def dashboard(*, user):
    """What the member's dashboard shows: the projects their initiatives lead (with their
    moderation state), interest waiting for their answer, partnerships waiting for their
    confirmation, and the interest they expressed."""
    managed = managed_page_ids(user)
    led = with_moderation_state(
        ProjectPage.objects.filter(Q(lead_initiative_id__in=managed) | Q(owner=user))
    ).order_by("-latest_revision_created_at", "-pk")
    return {
        "led": list(led[:20]),
        "to_answer": list(
            PartnerInterest.objects.filter(
                project__lead_initiative_id__in=managed, state=PartnerInterest.State.PENDING
            )
            .select_related("project", "user", "initiative")
            .order_by("created_at")[:20]
        ),
        "to_confirm": list(
            ProjectPartner.objects.filter(initiative_id__in=managed, confirmed_at__isnull=True)
            .select_related("project", "initiative")
            .order_by("created_at")[:20]
        ),
        "mine": list(
            PartnerInterest.objects.filter(user=user)
            .select_related("project", "initiative")
            .order_by("-created_at")[:20]
        ),
    }


@dataclass
class Suggestion:
    project: ProjectPage
    initiative: Page
    offered: list = field(default_factory=list)  # tags the call seeks that the initiative offers
    country: str = ""  # the initiative's country, when the call seeks partners there

    @property
    def reason(self):
        parts = []
        if self.offered:
            parts.append(
                _("it seeks what %(initiative)s offers: %(tags)s")
                % {"initiative": self.initiative.title, "tags": ", ".join(self.offered)}
            )
        if self.country:
            parts.append(
                _("it seeks partners in %(country)s, where %(initiative)s works")
                % {"country": self.country, "initiative": self.initiative.title}
            )
        return "; ".join(parts)


def suggestions(*, user, limit=5):
    """Projects with an open call that seek what the member's initiatives offer (their
    "offering" tags) or partners in their countries, best first, with the reason. A fixed
    number of queries: the member's initiatives, their offered tags, the candidate projects
    with their sought tags, the projects already joined or asked."""
    managed = managed_page_ids(user, live_only=True)
    if not managed:
        return []
    model = managed_page_model("initiatives")
    initiatives = list(model.objects.filter(pk__in=managed).order_by("title"))
    offering = model._meta.get_field("offering_tagged_items").related_model
    offered = {}
    for initiative_id, tag_id, name in offering.objects.filter(
        content_object_id__in=managed
    ).values_list("content_object_id", "tag_id", "tag__name"):
        offered.setdefault(initiative_id, {})[tag_id] = name
    countries = {
        initiative.pk: initiative.country for initiative in initiatives if initiative.country
    }
    today = timezone.localdate()
    candidates = (
        project_list()
        .filter(status=ProjectStatus.SEEKING)
        .filter(Q(call_deadline__isnull=True) | Q(call_deadline__gte=today))
        .exclude(lead_initiative_id__in=managed)
        .exclude(pk__in=PartnerInterest.objects.filter(user=user).values("project_id"))
        .exclude(
            pk__in=ProjectPartner.objects.filter(initiative_id__in=managed).values("project_id")
        )
        .prefetch_related(Prefetch("sought_tagged_items", queryset=ProjectSoughtTag.objects.all()))
        .order_by("call_deadline", "-pk")[:200]
    )
    found = []
    for project in candidates:
        sought = {item.tag_id for item in project.sought_tagged_items.all()}
        sought_countries = {c.code for c in project.call_countries}
        best = None
        for initiative in initiatives:
            tags = offered.get(initiative.pk, {})
            matched = sorted(tags[t] for t in sought & set(tags))
            country = countries.get(initiative.pk)
            in_country = country.name if country and country.code in sought_countries else ""
            if not (matched or in_country):
                continue
            candidate = Suggestion(project, initiative, matched, str(in_country))
            score = len(matched) * 2 + (1 if in_country else 0)
            if best is None or score > best[0]:
                best = (score, candidate)
        if best:
            found.append(best)
    found.sort(key=lambda pair: -pair[0])
    return [suggestion for _score, suggestion in found[:limit]]


# -- Other pages' sections ---------------------------------------------------------------------


def initiative_projects(*, page, limit=6):
    """The live projects an initiative leads or is a confirmed partner of, across translations
    of the initiative page (one query)."""
    group = Page.objects.filter(translation_key=page.translation_key).values("pk")
    partner_of = confirmed_partners().filter(initiative_id__in=group).values("project_id")
    return list(
        project_list()
        .filter(Q(lead_initiative_id__in=group) | Q(pk__in=partner_of))
        .select_related("lead_initiative")
        .order_by("-first_published_at", "-pk")[:limit]
    )


def latest_projects(*, limit=3):
    return list(
        project_list()
        .select_related("lead_initiative")
        .order_by("-first_published_at", "-pk")[:limit]
    )


def tagged(tags):
    links = ProjectTag.objects.filter(tag__in=tags).values("content_object_id")
    return (
        project_list()
        .filter(pk__in=links)
        .select_related("lead_initiative")
        .order_by("-first_published_at", "-pk")
    )


# -- Open data ---------------------------------------------------------------------------------

OPEN_DATA_FIELDS = (
    "id",
    "title",
    "url",
    "status",
    "summary",
    "lead_initiative",
    "partners",
    "countries",
    "regions",
    "start_date",
    "end_date",
    "budget",
    "budget_currency",
    "funders",
    "tags",
    "call_deadline",
)


def open_data_rows(*, request=None):
    """One dict a live public project (every language), partners confirmed only."""
    projects = (
        live_public(ProjectPage.objects.all())
        .select_related("lead_initiative")
        .prefetch_related(
            "tagged_items__tag",
            Prefetch(
                "partners",
                queryset=confirmed_partners().select_related("initiative").order_by("sort_order"),
                to_attr="confirmed",
            ),
        )
        .order_by("pk")
    )
    for project in projects:
        url = i18n.own_url(project)
        if request is not None and url and url.startswith("/"):
            url = request.build_absolute_uri(url)
        yield {
            "id": project.pk,
            "title": project.title,
            "url": url or "",
            "status": project.status,
            "summary": project.summary,
            "lead_initiative": project.lead_initiative.title if project.lead_initiative else "",
            "partners": [p.initiative.title for p in project.confirmed],
            "countries": [c.code for c in project.countries],
            "regions": project.regions,
            "start_date": project.start_date.isoformat() if project.start_date else None,
            "end_date": project.end_date.isoformat() if project.end_date else None,
            "budget": float(project.budget) if project.budget is not None else None,
            "budget_currency": project.budget_currency,
            "funders": project.funders,
            "tags": [item.tag.name for item in project.tagged_items.all()],
            "call_deadline": project.call_deadline.isoformat() if project.call_deadline else None,
        }
