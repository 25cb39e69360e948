"""Reads of the registry: the visible initiatives, filters with counts, map features, open data
rows, related content. Every function here runs a fixed number of queries whatever the data
size."""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import itemgetter
from urllib.parse import urlencode

from django.core.files.storage import default_storage
from django.db import connections
from django.db.models import (
    Count,
    FloatField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.text import compress_string

from wagtail.models import Page

from django_countries import countries

from portal.i18n import localized
from portal.visibility import live_public

from . import schema
from .filters import SORTS, build_filterset
from .models import (
    InitiativeIndexPage,
    InitiativeKind,
    InitiativeManager,
    InitiativeOfferingTag,
    InitiativePage,
    InitiativeSeekingTag,
    InitiativeTag,
    QualityLabel,
    Sector,
    Stage,
)
from .verification import open_data_annotations

FACET_LIMIT = 30


def initiative_list(*, locale=None, with_archived=False):
    """Live, public initiatives for the registry of ``locale`` (default: the visitor's): the ones
    in that locale, plus those of other locales that have no translation in it (so an initiative
    registered in Spanish still shows on the English map). See ``portal.i18n.localized``.
    ``with_archived``: also the initiatives the freshness loop archived (the open data keeps
    them, with ``record_state`` "archived")."""
    pages = InitiativePage.objects.all()
    if with_archived:
        return localized(live_public(pages) | pages.filter(archive__isnull=False), locale)
    return localized(live_public(pages), locale)


def filtered_initiatives(data, *, locale=None, with_archived=False):
    """``(filterset, queryset)`` for the GET parameters in ``data``."""
    filterset = build_filterset(data, initiative_list(locale=locale, with_archived=with_archived))
    return filterset, filterset.qs


def sort_initiatives(queryset, sort):
    return queryset.order_by(*SORTS.get(sort, SORTS["name"]))


CARD_FIELDS = (
    "id",
    "path",
    "slug",
    "title",
    "url_path",
    "locale",
    "content_type",
    "country",
    "region",
    "city",
    "stage",
    "summary",
)


def with_card_fields(queryset):
    """What a list card shows, without the heavy columns (description, social links...)."""
    return queryset.only(*CARD_FIELDS).select_related("locale")


def with_card_data(queryset):
    """Card fields and the tags (prefetched)."""
    return with_card_fields(queryset).prefetch_related(
        Prefetch("tagged_items", queryset=InitiativeTag.objects.select_related("tag"))
    )


# -- Facets ------------------------------------------------------------------------------------


@dataclass
class FacetData:
    """What the facets are counted from, loaded by :func:`facet_data` in four queries
    whatever the filters."""

    rows: list  # (pk, country, region, stage, kind, quality_label) of every visible initiative
    visible: set  # their ids
    tag_pairs: set  # (pk, tag id) of the visible initiatives
    sector_pairs: set  # (pk, sector code), with the section's code too for a division
    tags: dict  # tag id -> Tag (slug and labels), for the tags initiatives use
    sectors: dict  # code -> Sector

    def card_tags(self, pks):
        """``{pk: [Tag]}`` (slug and labels, sorted by the visitor's label) for the given
        initiatives: the list's cards need no tag query of their own."""
        wanted = set(pks)
        found = defaultdict(list)
        for pk, tag_id in self.tag_pairs:
            if pk in wanted and tag_id in self.tags:
                found[pk].append(self.tags[tag_id])
        for tags in found.values():
            tags.sort(key=lambda tag: tag.label.lower())
        return found


def _plain_rows(queryset):
    """The rows of a ``values_list()`` queryset of plain columns (no converters needed) as
    the database returns them: Django's per-row iteration doubles the time for 10,000 rows."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def facet_data(filterset):
    from portal.models import Tag
    from portal.tag_labels import LABEL_COLUMNS

    base = filterset.queryset  # the visible initiatives before filtering
    rows = _plain_rows(
        base.order_by().values_list("pk", "country", "region", "stage", "kind", "quality_label")
    )
    visible = {row[0] for row in rows}
    # Tag links and sector links in one query (a UNION ALL, the kind first).
    links = (
        InitiativeTag.objects.order_by()
        .annotate(kind=Value(0))
        .values_list("kind", "content_object_id", "tag_id")
        .union(
            InitiativePage.sectors.through.objects.order_by()
            .annotate(kind=Value(1))
            .values_list("kind", "initiativepage_id", "sector_id"),
            all=True,
        )
    )
    tag_pairs, sector_links = set(), []
    for kind, pk, other in _plain_rows(links):
        if pk in visible:
            if kind == 0:
                tag_pairs.add((pk, other))
            else:
                sector_links.append((pk, other))
    sectors = {sector.code: sector for sector in Sector.objects.select_related("parent")}
    codes_of = {
        sector.pk: (sector.code, sector.parent.code) if sector.parent else (sector.code,)
        for sector in sectors.values()
    }
    sector_pairs = {(pk, code) for pk, sector_id in sector_links for code in codes_of[sector_id]}
    tags = {
        tag.pk: tag
        for tag in Tag.objects.filter(pk__in=InitiativeTag.objects.values("tag_id")).only(
            "pk", *LABEL_COLUMNS
        )
    }
    return FacetData(rows, visible, tag_pairs, sector_pairs, tags, sectors)


def cached_facets(filterset, *, locale):
    """``{"facets": facets(filterset), "visible": number of visible initiatives}``, kept in
    the shared cache per locale, language and filters until the next write to public content
    (``portal.page_cache.fragment``): :func:`facet_data` reads every visible initiative and
    link, which at 10,000 initiatives is most of the list's time."""
    from portal.page_cache import fragment

    digest = params_digest(filterset.params)

    def compute():
        data = facet_data(filterset)
        return {"facets": facets(filterset, data=data), "visible": len(data.visible)}

    return fragment(
        f"registry:facets:{locale.pk}:{translation.get_language() or ''}:{digest}", compute
    )


def params_digest(params):
    """A short, stable name for the cleaned filter parameters ``params``."""
    params = urlencode(sorted((str(key), str(value)) for key, value in params.items()))
    return hashlib.sha256(params.encode("utf-8", "surrogateescape")).hexdigest()


def cached_count(count, params, *, locale):
    """``count()`` (the number of initiatives matching the filters ``params``), kept in the
    shared cache per locale and filters until the next write to public content."""
    from portal.page_cache import fragment

    return fragment(f"registry:count:{locale.pk}:{params_digest(params)}", count)


def card_tags(pks):
    """``{pk: [Tag]}`` (sorted by the visitor's label) for the given initiatives' cards, in
    one query."""
    found = defaultdict(list)
    links = InitiativeTag.objects.filter(content_object_id__in=list(pks)).select_related("tag")
    for link in links:
        found[link.content_object_id].append(link.tag)
    for tags in found.values():
        tags.sort(key=lambda tag: tag.label.lower())
    return found


def _facet_sets(filterset, data):
    """``{filter key: set of visible ids it lets through}`` for each active filter, computed
    in Python from the rows already loaded (the same rules as ``filters.InitiativeFilterSet``)."""
    from .filters import search_ids

    matches = {}
    for key, value in filterset.params.items():
        if key == "q":
            ids = getattr(filterset, "search_ids", None)
            matches[key] = set(search_ids(value) if ids is None else ids)
        elif key == "country":
            wanted = set(value)
            matches[key] = {row[0] for row in data.rows if row[1] in wanted}
        elif key in ("stage", "kind", "label"):
            column = {"stage": 3, "kind": 4, "label": 5}[key]
            matches[key] = {row[0] for row in data.rows if row[column] == value}
        elif key == "region":
            wanted = value.upper()
            matches[key] = {row[0] for row in data.rows if row[2].upper() == wanted}
        elif key == "sector":
            wanted = set(value)
            matches[key] = {pk for pk, code in data.sector_pairs if code in wanted}
        elif key == "tag":
            slugs = set(value)
            wanted = {pk for pk, tag in data.tags.items() if tag.slug in slugs}
            matches[key] = {pk for pk, tag_id in data.tag_pairs if tag_id in wanted}
    return matches


def facets(filterset, *, locale=None, data=None):
    """Counts per option for every filter, each computed over the set filtered by all the
    *other* filters (so choosing a country still shows how many there are in the others).

    From :func:`facet_data` (four queries whatever the filters): each facet's set is an
    intersection of id sets in Python, instead of one query per facet (and two for sectors)
    that each re-ran every filter over the whole registry."""
    data = data or facet_data(filterset)
    matches = _facet_sets(filterset, data)

    def others(key):
        """The ids that every active filter but ``key`` lets through (None: all visible)."""
        rest = [ids for other, ids in matches.items() if other != key]
        return set.intersection(*rest) if rest else None

    def count(key, rows, index=1):
        """Counter of ``row[index]`` over the rows (id first) whose id is in ``others(key)``."""
        ids = others(key)
        if ids is None:
            return Counter(map(itemgetter(index), rows))
        return Counter(row[index] for row in rows if row[0] in ids)

    result = {}
    counts = count("country", data.rows, 1)
    result["country"] = sorted(
        (
            {"value": code, "label": countries.name(code), "count": n}
            for code, n in counts.items()
            if code
        ),
        key=lambda option: str(option["label"]),
    )

    counts = count("region", data.rows, 2)
    top = sorted(
        ((n, region) for region, n in counts.items() if region), key=lambda x: (-x[0], x[1])
    )
    result["region"] = sorted(
        ({"value": region, "label": region, "count": n} for n, region in top[:FACET_LIMIT]),
        key=lambda option: option["label"],
    )

    for key, index, choices in (
        ("stage", 3, Stage),
        ("kind", 4, InitiativeKind),
        ("label", 5, QualityLabel),
    ):
        counts = count(key, data.rows, index)
        result[key] = [
            {"value": value, "label": label, "count": counts[value]}
            for value, label in choices.choices
            if counts.get(value)
        ]

    counts = count("sector", data.sector_pairs)
    result["sector"] = [
        {
            "value": code,
            "label": data.sectors[code].name,
            "count": counts[code],
            "is_section": data.sectors[code].is_section,
        }
        for code in sorted(counts)
    ]

    counts = count("tag", data.tag_pairs)
    top = sorted(
        (
            (n, data.tags[pk].label, data.tags[pk].slug)
            for pk, n in counts.items()
            if pk in data.tags
        ),
        key=lambda x: (-x[0], x[1]),
    )
    result["tag"] = sorted(
        ({"value": slug, "label": name, "count": n} for n, name, slug in top[:FACET_LIMIT]),
        key=lambda option: option["label"].lower(),
    )
    _keep_chosen_options(result, filterset.params, data)
    return result


def _keep_chosen_options(result, params, data):
    """A value the visitor chose stays among the options (with its count, 0 if none), even when
    it is not among the most used tags, so that re-submitting the form keeps it."""
    tags_by_slug = {tag.slug: tag for tag in data.tags.values()}
    labels = {
        "country": lambda code: countries.name(code) or code,
        "sector": lambda code: data.sectors[code].name if code in data.sectors else code,
        "tag": lambda slug: tags_by_slug[slug].label if slug in tags_by_slug else slug,
    }
    for key, label in labels.items():
        chosen = params.get(key) or []
        chosen = [chosen] if isinstance(chosen, str) else chosen
        present = {option["value"] for option in result.get(key, [])}
        for value in chosen:
            if value not in present:
                result.setdefault(key, []).append(
                    {"value": value, "label": label(value), "count": 0}
                )


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


def fingerprint(queryset, *extra, sums=()):
    """``(etag, last_modified)`` of a filtered set, from one aggregate query. ``sums``: names of
    numeric annotations of ``queryset`` added up into the tag too (changes that publishing does
    not see, like an initiative archived or verified)."""
    stats = queryset.order_by().aggregate(
        n=Count("pk"),
        last=Max("last_published_at"),
        ids=Sum("pk"),
        **{f"sum_{name}": Sum(name) for name in sums},
    )
    raw = "|".join(
        str(part)
        for part in (
            *(stats[key] for key in ("n", "last", "ids", *(f"sum_{name}" for name in sums))),
            translation.get_language(),
            *extra,
        )
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:32], stats["last"]


def map_layer(data, *, gzipped=False):
    """``(etag, last-modified timestamp or None, body)`` of the map layer for the GET
    parameters in ``data`` in the visitor's language, kept in the shared cache per language
    and filters until the next write to public content (``portal.page_cache.fragment``).
    The key names the cleaned parameters; the filterset still drops the invalid ones.
    ``gzipped``: the body gzipped, compressed once per generation and kept beside the plain
    one (a megabyte plain at 10,000 initiatives, an eighth of it gzipped)."""
    from portal.page_cache import fragment

    from .filters import clean_params

    params = urlencode(sorted((key, str(value)) for key, value in clean_params(data).items()))
    digest = hashlib.sha256(params.encode("utf-8", "surrogateescape")).hexdigest()

    def compute():
        _filterset, queryset = filtered_initiatives(data)
        etag, last_modified = fingerprint(queryset, "map")
        features = ",".join(
            f'{{"type":"Feature","id":{pk},"geometry":{{"type":"Point","coordinates":'
            f'[{lon},{lat}]}},"properties":null}}'
            for pk, lon, lat in map_features(queryset)
        )
        timestamp = int(last_modified.timestamp()) if last_modified else None
        # Bytes: the response needs no encoding of a megabyte at 10,000 initiatives.
        body = f'{{"type":"FeatureCollection","features":[{features}]}}'.encode()
        return f'"{etag}"', timestamp, body

    key = f"registry:map:{translation.get_language() or ''}:{digest}"
    if not gzipped:
        return fragment(key, compute)

    def compress():
        etag, timestamp, body = fragment(key, compute)
        return f'{etag[:-1]}-gzip"', timestamp, compress_string(body)

    return fragment(f"{key}:gzip", compress)


def map_features(queryset):
    """Compact features for the map: id and [lon, lat] only; the popup asks for the rest."""
    rows = (
        queryset.located()
        .order_by()
        .values_list(
            "pk", Cast("longitude", FloatField()), Cast("latitude", FloatField())
        )  # floats: no Decimal conversion per value
    )
    return [(pk, round(lon, 5), round(lat, 5)) for pk, lon, lat in rows]


def _bulk_lists(queryset):
    """``({id: [tag names]}, {id: [sector codes]})`` for the initiatives of ``queryset``: two
    queries restricted by a subquery (not by a literal list of thousands of ids)."""
    ids = queryset.order_by().values("pk")
    tags = defaultdict(list)
    for page_id, name in (
        InitiativeTag.objects.filter(content_object_id__in=ids)
        .order_by("content_object_id", "tag__name")
        .values_list("content_object_id", "tag__name")
    ):
        tags[page_id].append(name)
    sectors = defaultdict(list)
    for page_id, code in (
        InitiativePage.sectors.through.objects.filter(initiativepage_id__in=ids)
        .order_by("initiativepage_id", "sector__code")
        .values_list("initiativepage_id", "sector__code")
    ):
        sectors[page_id].append(code)
    return tags, sectors


def open_data_rows(queryset, *, request=None, private=False):
    """One dict per initiative with the fields of ``registry.schema`` (CSV columns and JSON
    keys, in the schema's order); ``contact_email`` is empty unless ``private`` (staff export).
    Three queries plus one for the index URLs.

    Coordinates are read as floats (``latitude``/``longitude``: float or None): converting
    20,000 SQLite values to quantized Decimals cost more than the query itself. The logo is
    its image file's URL ("" when there is none)."""
    fields = schema.row_fields()
    columns = [spec.model_attribute for spec in fields if spec.is_column]
    floats = {f"_{name}": Cast(name, FloatField()) for name in columns if _is_decimal(fields, name)}
    plain = [name for name in columns if f"_{name}" not in floats]
    rows = list(
        open_data_annotations(queryset)
        .order_by("title", "pk")
        .values("pk", "path", "slug", "logo__file", *plain, **floats)
    )
    tags, sectors = _bulk_lists(queryset)
    urls = index_urls(request)
    computed = {
        "id": lambda row: row["pk"],
        "link": lambda row: initiative_url(row["path"], row["slug"], urls),
        "image": lambda row: default_storage.url(row["logo__file"]) if row["logo__file"] else "",
        "tags": lambda row: tags.get(row["pk"], []),
        "sectors": lambda row: sectors.get(row["pk"], []),
    }
    result = []
    for row in rows:
        out = {}
        for spec in fields:
            if spec.kind in computed:
                out[spec.name] = computed[spec.kind](row)
            elif f"_{spec.model_attribute}" in floats:
                out[spec.name] = row[f"_{spec.model_attribute}"]
            else:
                out[spec.name] = row[spec.model_attribute]
            if spec.private and not private:
                out[spec.name] = ""
        result.append(out)
    return result


def _is_decimal(fields, attribute):
    return any(spec.model_attribute == attribute and spec.kind == "decimal" for spec in fields)


# -- One initiative ------------------------------------------------------------------------------


def initiative_get(pk):
    return InitiativePage.objects.live().public().select_related("locale").filter(pk=pk).first()


TAG_KINDS = {
    "tags": ("tagged_items", InitiativeTag),
    "seeking": ("seeking_tagged_items", InitiativeSeekingTag),
    "offering": ("offering_tagged_items", InitiativeOfferingTag),
}


def initiative_tags(page):
    """``{"tags": [Tag], "seeking": [Tag], "offering": [Tag]}`` of one initiative, each in the
    order the tags were added: one query for the three kinds (each tag annotated with its
    link in each kind). A page built from a revision (preview) keeps its tags in memory:
    those are read instead, without a query."""
    from portal.models import Tag

    if getattr(page, "_cluster_related_objects", None):
        return {
            kind: [item.tag for item in getattr(page, relation).all()]
            for kind, (relation, _through) in TAG_KINDS.items()
        }
    used = Q(pk__in=[])
    links = {}
    for kind, (_relation, through) in TAG_KINDS.items():
        rows = through.objects.filter(content_object_id=page.pk)
        used |= Q(pk__in=rows.values("tag_id"))
        links[f"link_{kind}"] = Subquery(rows.filter(tag=OuterRef("pk")).values("pk")[:1])
    tags = list(Tag.objects.filter(used).annotate(**links))
    return {
        kind: sorted(
            (tag for tag in tags if getattr(tag, f"link_{kind}") is not None),
            key=lambda tag, kind=kind: getattr(tag, f"link_{kind}"),
        )
        for kind in TAG_KINDS
    }


def initiative_detail(page):
    """Related rows for the initiative page, prefetched in a fixed number of queries."""
    return {
        "sectors": list(page.sectors.select_related("parent")),
        **initiative_tags(page),
        "indicators": list(page.indicators.all()),
    }


def initiative_managers(page):
    """The users who manage ``page``, in one query."""
    return [link.user for link in page.manager_links.select_related("user")]


RELATED_TAGS = 3


def related_by_tags(page, request, tags, *, limit=6):
    """Other content sharing the initiative's tags (its first three, to bound the work),
    grouped by the registered tagged types (other apps register theirs): one
    ``TaggedType.items_for_any_tag`` call per type; empty groups are left out.

    The groups are the same for every visitor of a kind (what a type shows depends on the
    request only through whether the visitor is signed in: ``portal.tagging``), so the items
    are kept in the shared cache per page, tags, language and kind of visitor until the next
    write to public content (``portal.page_cache.fragment``): about ten queries, once."""
    from portal.page_cache import fragment
    from portal.tagging import tagged_types

    tags = tags[:RELATED_TAGS]
    if not tags:
        return []
    types = [tagged for tagged in tagged_types() if tagged.key != "initiatives"]
    signed_in = bool(getattr(getattr(request, "user", None), "is_authenticated", False))
    key = ":".join(
        (
            "registry:related",
            str(page.pk),
            ",".join(str(tag.pk) for tag in tags),
            translation.get_language() or "",
            "member" if signed_in else "anonymous",
        )
    )
    found = fragment(
        key,
        lambda: {
            tagged.key: tagged.items_for_any_tag(tags, request, limit=limit) for tagged in types
        },
    )
    return [
        {"type": tagged, "items": found[tagged.key]} for tagged in types if found.get(tagged.key)
    ]


SIMILAR_TAGS = 5
SIMILAR_PER_TAG = 500
SIMILAR_CANDIDATES = 40


def similar_initiatives(page, tags, *, limit=4):
    """:func:`find_similar_initiatives`, kept in the shared cache per page, tags and language
    until the next write to public content (``portal.page_cache.fragment``)."""
    from portal.page_cache import fragment

    tag_ids = ",".join(str(tag.pk) for tag in tags[:SIMILAR_TAGS])
    return fragment(
        f"registry:similar:{page.pk}:{tag_ids}:{limit}:{translation.get_language() or ''}",
        lambda: find_similar_initiatives(page, tags, limit=limit),
    )


def find_similar_initiatives(page, tags, *, limit=4):
    """Other visible initiatives sharing the most tags with ``page`` (ties: the newest first).

    Bounded whatever the registry's size: for the page's first ``SIMILAR_TAGS`` tags, the
    candidates are the most recent ``SIMILAR_PER_TAG`` links per tag, read from the
    covering (tag, initiative) index in one query; the shared tags are counted in Python, and
    only the best ``SIMILAR_CANDIDATES`` are checked for visibility and loaded (a second
    query, plus one for their tags)."""
    tag_ids = [tag.pk for tag in tags[:SIMILAR_TAGS]]
    if not tag_ids:
        return []
    links = (
        InitiativeTag.objects.filter(tag_id__in=tag_ids)
        .exclude(content_object_id=page.pk)
        .order_by("-content_object_id")
        .values_list("content_object_id", flat=True)[: SIMILAR_PER_TAG * len(tag_ids)]
    )
    shared = Counter(links)
    ranked = sorted(shared, key=lambda pk: (-shared[pk], -pk))[:SIMILAR_CANDIDATES]
    if not ranked:
        return []
    found = {
        item.pk: item
        for item in with_card_data(initiative_list(locale=page.locale_id).filter(pk__in=ranked))
    }
    similar = [found[pk] for pk in ranked if pk in found][:limit]
    for item in similar:
        item.card_tags = [link.tag for link in item.tagged_items.all()]
    return similar


# -- Dashboard -------------------------------------------------------------------------------


def managed_initiatives(user):
    """Every initiative ``user`` manages, live or not, with its moderation state (one query,
    see ``portal.moderation.with_moderation_state``)."""
    from portal.moderation import with_moderation_state

    return with_moderation_state(
        InitiativePage.objects.filter(
            pk__in=InitiativeManager.objects.filter(user=user).values("page_id")
        )
    ).order_by("title")
