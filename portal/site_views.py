"""Site-wide views behind ``portal:tag``, ``portal:tag_index``, ``portal:tag_autocomplete`` and
``portal:search`` (portal/site_urls.py routes to them). They know no app: the kinds of content
come from the ``register_tagged_type`` hook (portal/tagging.py, portal/search_types.py)."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import FieldError
from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.db.models import F, Func, IntegerField, Q, Subquery
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Page
from wagtail.search.backends.base import FilterFieldError, SearchFieldError

from .i18n import localized
from .page_cache import cached_page, fragment
from .search import MAX_QUERY_LENGTH, QueryTooLong, normalise_query
from .search_types import search_types
from .tag_labels import LABEL_COLUMNS, LABEL_FIELDS, fold, with_tag_names
from .tagging import public_tags, public_tags_with_usage, tagged_types
from .visibility import live_public

ITEMS_PER_GROUP = 12
AUTOCOMPLETE_SIZE = 10
SEARCH_PER_PAGE = 10


@require_GET
def tag_detail(request, slug):
    """Everything carrying one tag, grouped by type, with counts (one query for every count,
    then the items of each type that has some). A tag that only unpublished or hidden content
    carries is a 404, as if it did not exist."""
    visitor = _visitor(request)
    kind = "member" if visitor else "anonymous"
    # The tag and its groups are the same for every visitor of a kind (signed in or not): in
    # the shared cache until the next write to public content (page_cache.fragment); at
    # 10,000 initiatives the visibility check of the tag alone reads every link table.
    slug_key = hashlib.sha256(slug.encode("utf-8", "surrogateescape")).hexdigest()
    tag = fragment(
        f"tags:public:{kind}:{slug_key}",
        lambda: public_tags(visitor).filter(slug=slug).first() or "",
    )
    if not tag:
        raise Http404
    types = tagged_types()

    def find_groups():
        querysets = [tagged.items_for_tag(tag, request) for tagged in types]
        return [
            {"type": tagged.key, "items": list(items[:ITEMS_PER_GROUP]), "count": count}
            for tagged, items, count in zip(types, querysets, _counts(querysets), strict=True)
            if count
        ]

    by_key = {tagged.key: tagged for tagged in types}
    groups = [
        {**group, "type": by_key[group["type"]]}
        for group in fragment(
            f"tags:groups:{tag.pk}:{kind}:{translation.get_language()}", find_groups
        )
        if group["type"] in by_key
    ]
    return render(
        request,
        "portal/tag_detail.html",
        {"tag": tag, "groups": groups, "total": sum(g["count"] for g in groups)},
    )


def _counts(querysets):
    """The number of rows of each queryset, in one query: each count is a scalar subquery of
    one ``SELECT`` (a queryset that selects ``DISTINCT`` rows is counted by its ids). Falls
    back to one ``count()`` per queryset for one that cannot be a subquery."""
    from .models import Tag

    if not querysets:
        return []
    try:
        counts = {}
        for number, queryset in enumerate(querysets):
            rows = queryset.order_by()
            if rows.query.distinct:
                rows = rows.model._base_manager.filter(pk__in=rows.values("pk"))
            counts[f"count_{number}"] = Subquery(
                rows.values(n=Func(F("pk"), function="COUNT")), output_field=IntegerField()
            )
        # Any table with a row would do: the tags (a tag page exists only when one does).
        row = Tag.objects.order_by().values(**counts)[:1].get()
    except (TypeError, FieldError):  # a sliced or combined queryset
        return [queryset.count() for queryset in querysets]
    return [row[f"count_{number}"] or 0 for number in range(len(querysets))]


@dataclass(frozen=True)
class CloudTag:
    """A tag of the cloud, as plain values (kept in the shared cache)."""

    label: str
    slug: str
    url: str
    usage: int
    weight: int


@require_GET
def tag_index(request):
    # Only tags of content the visitor may see (never those proposed in a pending
    # submission), and never one without a slug (it has no address).
    visitor = _visitor(request)

    def cloud():
        tags = sorted(
            (tag for tag in public_tags_with_usage(visitor) if tag.slug),
            key=lambda tag: fold(tag.label),  # by the label the visitor reads
        )
        top = max((tag.usage for tag in tags), default=1)
        return [
            CloudTag(
                label=tag.label,
                slug=tag.slug,
                url=reverse("portal:tag", args=[tag.slug]),
                usage=tag.usage,
                # Five sizes for the cloud, from the share of the most used tag.
                weight=1 + round(4 * tag.usage / top) if top else 1,
            )
            for tag in tags
        ]

    # The same for every visitor of a kind in a language: in the shared cache until the next
    # write to public content (page_cache.fragment), as plain values (1,000 tags at scale:
    # counting every link of every visible item, then unpickling model instances, then
    # reversing their URLs was most of the page).
    key = f"tags:cloud:{'member' if visitor else 'anonymous'}:{translation.get_language()}"
    # Lazy: the template's shared fragment reads it only when its HTML is not stored.
    tags = SimpleLazyObject(lambda: fragment(key, cloud))
    return render(request, "portal/tag_index.html", {"tags": tags})


@require_GET
def tag_autocomplete(request):
    """Up to ten public tags with a label, in any language, starting with (then containing)
    ``q``, as JSON: ``{"results": [{"slug": ..., "label": ...}]}``, the label in the
    visitor's language (two queries at most)."""
    term = request.GET.get("q", "").strip()[:50]
    if not term:
        return JsonResponse({"results": []})
    tags = public_tags(_visitor(request)).only("pk", *LABEL_COLUMNS)

    def matching(lookup):
        condition = Q()
        for field in LABEL_FIELDS.values():
            condition |= Q(**{f"{field}__{lookup}": term})
        return tags.filter(condition)

    found = list(matching("istartswith")[:AUTOCOMPLETE_SIZE])
    if len(found) < AUTOCOMPLETE_SIZE:
        found += matching("icontains").exclude(pk__in=[tag.pk for tag in found])[
            : AUTOCOMPLETE_SIZE - len(found)
        ]
    return JsonResponse({"results": [{"slug": tag.slug, "label": tag.label} for tag in found]})


@require_GET
def search(request):
    """Every public content type through Wagtail's search backend, with type facets and
    pagination. The query is capped at MAX_QUERY_LENGTH characters; syntax characters are
    read as plain text."""
    raw = request.GET.get("q", "")
    selected_type = request.GET.get("type", "")
    types = search_types()
    context = {
        "query": raw.strip()[:MAX_QUERY_LENGTH],
        "types": types,
        "selected_type": selected_type,
        "facets": [],
        "page_obj": None,
        "results": [],
        "error": "",
        "max_length": MAX_QUERY_LENGTH,
    }
    try:
        query = normalise_query(raw)
    except QueryTooLong:
        context["error"] = _("Your search is too long: use %(max)s characters at most.") % {
            "max": MAX_QUERY_LENGTH
        }
        return render(request, "portal/search.html", context, status=400)
    if raw.strip() and not query:
        context["error"] = _("Type words to search for (symbols alone are ignored).")
        return render(request, "portal/search.html", context)
    if not query:
        return render(request, "portal/search.html", context)

    # Every answer below is the same for every visitor of a kind (signed in or not) asking
    # the same thing in the same language: kept in the shared cache until the next write to
    # public content (page_cache.fragment), so a repeated search costs no full-text query.
    kind = "member" if _visitor(request) else "anonymous"
    digest = hashlib.sha256(
        f"{query}|{selected_type}|{translation.get_language()}|{kind}".encode(
            "utf-8", "surrogateescape"
        )
    ).hexdigest()
    key = f"search:{digest}"
    # "café" also finds pages tagged coffee (the index holds English tag names).
    page_query = fragment(f"{key}:query", lambda: with_tag_names(query))
    by_key = {t.key: t for t in types}
    pages = localized(live_public(Page.objects.all()), for_search=True)
    page_types = [t for t in types if t.content_type_ids]
    try:

        def find_facets():
            counts = (
                pages.filter(
                    content_type_id__in=[i for t in page_types for i in t.content_type_ids]
                )
                .search(page_query)
                .facet("content_type_id")
            )
            found = []
            for t in page_types:
                count = sum(counts.get(i, 0) for i in t.content_type_ids)
                if count:
                    found.append((t.key, count))
            for t in types:
                if t.search is not None:
                    count = t.search(query, request).count()
                    if count:
                        found.append((t.key, count))
            return found

        facets = [
            {"type": by_key[type_key], "count": count}
            for type_key, count in fragment(f"{key}:facets", find_facets)
            if type_key in by_key
        ]
        facets.sort(key=lambda f: f["type"].order)
        context["facets"] = facets
        context["total"] = sum(f["count"] for f in facets)

        chosen = by_key.get(selected_type)
        if chosen is not None and chosen.search is not None:
            results = _Tagged(chosen.search(query, request), chosen.key)
        elif chosen is not None:
            results = _Tagged(
                pages.filter(content_type_id__in=chosen.content_type_ids)
                .specific()
                .search(page_query),
                chosen.key,
            )
        else:
            # "Everything": the pages, ranked by the backend, and the hits of the types that
            # are not pages (threads, answers, members), which have no score to rank them
            # against the pages: they come after the first page's worth of the best pages.
            counts = {facet["type"].key: facet["count"] for facet in facets}
            page_results = (
                pages.filter(
                    content_type_id__in=[i for t in page_types for i in t.content_type_ids]
                )
                .specific()
                .search(page_query)
            )
            page_count = sum(counts.get(t.key, 0) for t in page_types)
            head = min(page_count, SEARCH_PER_PAGE)
            segments = [(_Tagged(page_results, None), 0, head)]
            for t in types:
                if t.search is not None and counts.get(t.key):
                    segments.append((_Tagged(t.search(query, request), t.key), 0, counts[t.key]))
            segments.append((_Tagged(page_results, None), head, page_count))
            results = _Combined(segments)
        # "Everything" knows its count without a query: its segments' lengths are the facets'.
        page_obj = cached_page(
            results,
            request.GET.get("page"),
            key=key,
            per_page=SEARCH_PER_PAGE,
            count=results.count() if isinstance(results, _Combined) else None,
        )
        context["page_obj"] = page_obj
        context["results"] = [
            {"object": obj, "type": by_key.get(type_key) if type_key else _type_of(obj, types)}
            for type_key, obj in page_obj.object_list
        ]
    except (DatabaseError, FilterFieldError, SearchFieldError):
        context["error"] = _("This search could not be understood. Try simpler words.")
        context["facets"] = []
        return render(request, "portal/search.html", context, status=400)
    return render(request, "portal/search.html", context)


class _Tagged:
    """Search results as ``(type key, object)`` pairs when sliced (``None``: a page, whose
    type is found from its content type)."""

    def __init__(self, results, type_key):
        self.results, self.type_key = results, type_key

    def count(self):
        return self.results.count()

    def __getitem__(self, window):
        return [(self.type_key, obj) for obj in self.results[window]]


class _Combined:
    """Several result lists one after the other, each a ``(results, start, stop)`` segment
    of a :class:`_Tagged` whose length is known already (the facet counts): a slice reads
    only the segments it overlaps, each with one sliced query."""

    def __init__(self, segments):
        self.segments = segments

    def count(self):
        return sum(stop - start for _results, start, stop in self.segments)

    def __getitem__(self, window):
        bottom, top = window.start or 0, window.stop
        found, offset = [], 0
        for results, start, stop in self.segments:
            length = stop - start
            low, high = max(bottom - offset, 0), min(top - offset, length)
            if low < high:
                found += results[start + low : start + high]
            offset += length
            if offset >= top:
                break
        return found


def _visitor(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _type_of(page, types):
    for t in types:
        if page.content_type_id in t.content_type_ids:
            return t
    return None


@require_GET
def open_data_package(request):
    """The bulk open-data ZIP (``portal/open_data_package.py``), built on the first request if
    the scheduled job has not built it yet; 503 with a translated page while another process
    builds it."""
    from django.http import FileResponse
    from django.utils.http import http_date

    from . import open_data_package as package

    info = package.ensure_package()
    if info is None:
        response = render(request, "portal/open_data_unavailable.html", status=503)
        response["Retry-After"] = "60"
        return response
    response = FileResponse(
        default_storage.open(info.path, "rb"),
        as_attachment=True,
        filename=package.PACKAGE_FILENAME,
        content_type="application/zip",
    )
    response["Last-Modified"] = http_date(info.built_at.timestamp())
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response
