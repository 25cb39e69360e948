"""Reads of the registry: the visible initiatives, filters with counts, map features, open data
rows, related content. Every function here runs a fixed number of queries whatever the data
size."""

import hashlib
from collections import defaultdict

from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import translation

from wagtail.models import Locale, Page

from django_countries import countries

from .filters import SORTS, build_filterset
from .models import (
    InitiativeIndexPage,
    InitiativeKind,
    InitiativeManager,
    InitiativePage,
    InitiativeTag,
    Sector,
    Stage,
)

FACET_LIMIT = 30


def initiative_list(*, locale=None):
    """Live, public initiatives for the registry of ``locale``: the ones in that locale, plus
    those of other locales that have no translation in it (so an initiative registered in
    Spanish still shows on the English map)."""
    locale = locale or Locale.get_active()
    in_locale = InitiativePage.objects.filter(locale=locale).values("translation_key")
    return (
        InitiativePage.objects.live()
        .public()
        .filter(Q(locale=locale) | ~Q(translation_key__in=in_locale))
    )


def filtered_initiatives(data, *, locale=None):
    """``(filterset, queryset)`` for the GET parameters in ``data``."""
    filterset = build_filterset(data, initiative_list(locale=locale))
    return filterset, filterset.qs


def sort_initiatives(queryset, sort):
    return queryset.order_by(*SORTS.get(sort, SORTS["name"]))


def with_card_data(queryset):
    return queryset.select_related("locale").prefetch_related(
        Prefetch("tagged_items", queryset=InitiativeTag.objects.select_related("tag"))
    )


def facets(filterset, *, locale=None):
    """Counts per option for every filter, each computed over the set filtered by all the
    *other* filters (so choosing a country still shows how many there are in the others)."""
    base = initiative_list(locale=locale)
    params = filterset.params

    def others(key):
        rest = {k: v for k, v in params.items() if k != key}
        if rest == params:
            return filterset.qs
        return build_filterset(rest, base).qs

    result = {}

    qs = others("country")
    rows = qs.order_by().values("country").annotate(n=Count("pk")).order_by("-n")
    result["country"] = sorted(
        (
            {"value": row["country"], "label": countries.name(row["country"]), "count": row["n"]}
            for row in rows
            if row["country"]
        ),
        key=lambda option: str(option["label"]),
    )

    qs = others("region")
    rows = (
        qs.exclude(region="")
        .order_by()
        .values("region")
        .annotate(n=Count("pk"))
        .order_by("-n", "region")[:FACET_LIMIT]
    )
    result["region"] = sorted(
        ({"value": row["region"], "label": row["region"], "count": row["n"]} for row in rows),
        key=lambda option: option["label"],
    )

    for key, choices in (("stage", Stage), ("kind", InitiativeKind)):
        qs = others(key)
        counts = dict(qs.order_by().values_list(key).annotate(n=Count("pk")))
        result[key] = [
            {"value": value, "label": label, "count": counts[value]}
            for value, label in choices.choices
            if counts.get(value)
        ]

    qs = others("sector")
    through = InitiativePage.sectors.through.objects.filter(initiativepage__in=qs.values("pk"))
    section_counts = dict(
        through.annotate(section=Coalesce("sector__parent__code", "sector__code"))
        .values("section")
        .annotate(n=Count("initiativepage", distinct=True))
        .values_list("section", "n")
    )
    division_counts = dict(
        through.filter(sector__parent__isnull=False)
        .values("sector__code")
        .annotate(n=Count("initiativepage", distinct=True))
        .values_list("sector__code", "n")
    )
    labels = {
        sector.code: sector
        for sector in Sector.objects.filter(code__in=[*section_counts, *division_counts])
    }
    options = []
    for code in sorted(labels):
        sector = labels[code]
        count = section_counts.get(code) if sector.is_section else division_counts.get(code)
        if count:
            options.append(
                {
                    "value": code,
                    "label": sector.name,
                    "count": count,
                    "is_section": sector.is_section,
                }
            )
    result["sector"] = options

    qs = others("tag")
    rows = (
        InitiativeTag.objects.filter(content_object__in=qs.values("pk"))
        .values("tag__slug", "tag__name")
        .annotate(n=Count("content_object", distinct=True))
        .order_by("-n", "tag__name")[:FACET_LIMIT]
    )
    result["tag"] = sorted(
        ({"value": row["tag__slug"], "label": row["tag__name"], "count": row["n"]} for row in rows),
        key=lambda option: option["label"].lower(),
    )
    return result


# -- URLs without one query per page -----------------------------------------------------------


def index_urls(request=None):
    """``{index page path: its URL}`` for every registry index page."""
    urls = {}
    for index in InitiativeIndexPage.objects.live():
        urls[index.path] = index.get_url(request) or f"/{index.slug}/"
    return urls


def initiative_url(path, slug, urls):
    parent = path[: -Page.steplen]
    base = urls.get(parent)
    return f"{base}{slug}/" if base else ""


# -- Map and open data -------------------------------------------------------------------------


def fingerprint(queryset, *extra):
    """``(etag, last_modified)`` of a filtered set, from one aggregate query."""
    stats = queryset.order_by().aggregate(
        n=Count("pk"), last=Max("last_published_at"), ids=Sum("pk")
    )
    raw = "|".join(
        str(part)
        for part in (stats["n"], stats["last"], stats["ids"], translation.get_language(), *extra)
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:32], stats["last"]


def map_features(queryset):
    """Compact features for the map: id and [lon, lat] only; the popup asks for the rest."""
    rows = queryset.located().order_by().values_list("pk", "longitude", "latitude")
    return [(pk, round(float(lon), 5), round(float(lat), 5)) for pk, lon, lat in rows]


def _bulk_lists(pks):
    tags = defaultdict(list)
    for page_id, name in (
        InitiativeTag.objects.filter(content_object_id__in=pks)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name")
    ):
        tags[page_id].append(name)
    sectors = defaultdict(list)
    for page_id, code in (
        InitiativePage.sectors.through.objects.filter(initiativepage_id__in=pks)
        .order_by("sector__code")
        .values_list("initiativepage_id", "sector__code")
    ):
        sectors[page_id].append(code)
    return tags, sectors


OPEN_DATA_FIELDS = [
    "pk",
    "path",
    "slug",
    "title",
    "acronym",
    "kind",
    "status",
    "country",
    "region",
    "city",
    "latitude",
    "longitude",
    "year_founded",
    "stage",
    "managing_organization",
    "member_firms",
    "website",
    "summary",
    "external_id",
    "contact_email",
    "last_verified_on",
]


def open_data_rows(queryset, *, request=None, private=False):
    """One dict per initiative with the DESIGN.md columns and its URL; ``contact_email`` is
    empty unless ``private`` (staff export). Three queries plus one for the index URLs."""
    rows = list(queryset.order_by("title", "pk").values(*OPEN_DATA_FIELDS))
    pks = [row["pk"] for row in rows]
    tags, sectors = _bulk_lists(pks)
    urls = index_urls(request)
    for row in rows:
        row["id"] = row.pop("pk")
        row["name"] = row.pop("title")
        row["url"] = initiative_url(row.pop("path"), row.pop("slug"), urls)
        row["tags"] = tags.get(row["id"], [])
        row["sectors"] = sectors.get(row["id"], [])
        if not private:
            row["contact_email"] = ""
    return rows


# -- One initiative ------------------------------------------------------------------------------


def initiative_get(pk):
    return InitiativePage.objects.live().public().select_related("locale").filter(pk=pk).first()


def initiative_detail(page):
    """Related rows for the initiative page, prefetched in a fixed number of queries."""
    return {
        "sectors": list(page.sectors.select_related("parent")),
        "tags": [item.tag for item in page.tagged_items.select_related("tag")],
        "seeking": [item.tag for item in page.seeking_tagged_items.select_related("tag")],
        "offering": [item.tag for item in page.offering_tagged_items.select_related("tag")],
        "indicators": list(page.indicators.all()),
        "managers": [link.user for link in page.manager_links.select_related("user")],
    }


RELATED_TAGS = 3


def related_by_tags(page, request, tags, *, limit=6):
    """Other content sharing the initiative's tags (its first three, to bound the queries),
    grouped by the registered tagged types (other apps register theirs); empty groups are left
    out."""
    from portal.tagging import tagged_types

    tags = tags[:RELATED_TAGS]
    if not tags:
        return []
    groups = []
    for tagged in tagged_types():
        if tagged.key == "initiatives":
            continue
        items = None
        for tag in tags:
            qs = tagged.items_for_tag(tag, request)
            items = qs if items is None else items | qs
        try:
            found = list(items.distinct()[:limit])
        except Exception:  # noqa: BLE001 - a combined queryset another app cannot support
            found = list(tagged.items_for_tag(tags[0], request)[:limit])
        if found:
            groups.append({"type": tagged, "items": found})
    return groups


def similar_initiatives(page, tags, *, limit=4):
    if not tags:
        return []
    return list(
        initiative_list(locale=page.locale)
        .exclude(pk=page.pk)
        .filter(tagged_items__tag__in=tags)
        .annotate(shared=Count("tagged_items", distinct=True))
        .order_by("-shared", "title")
        .select_related("locale")[:limit]
    )


# -- Dashboard -------------------------------------------------------------------------------


def managed_initiatives(user):
    """Every initiative ``user`` manages, live or not, annotated with the status and comment of
    its latest workflow state (one query)."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    from wagtail.models import WorkflowState

    latest_state = WorkflowState.objects.filter(
        content_type_id=OuterRef("content_type_id"), object_id=OuterRef("pk_str")
    ).order_by("-created_at", "-pk")
    return (
        InitiativePage.objects.filter(
            pk__in=InitiativeManager.objects.filter(user=user).values("page_id")
        )
        .annotate(pk_str=Cast("pk", CharField()))
        .annotate(
            workflow_status=Subquery(latest_state.values("status")[:1]),
            workflow_comment=Subquery(latest_state.values("current_task_state__comment")[:1]),
        )
        .order_by("title")
    )


def moderation_label(page):
    """``(state, comment)`` from the annotations of :func:`managed_initiatives`: draft,
    in_moderation, rejected, live, live_changes_in_moderation."""
    status = getattr(page, "workflow_status", None)
    if status == "needs_changes":
        return "rejected", page.workflow_comment or ""
    if status == "in_progress":
        return ("live_changes_in_moderation" if page.live else "in_moderation"), ""
    return ("live" if page.live else "draft"), ""
