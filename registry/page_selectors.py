"""Selectors that build the context of the registry's pages, called by their ``get_context()``:
the index page (list, filters, map) and an initiative's page (detail, JSON-LD, related
content); ``map_config`` also serves the registration form's map."""

import json
from functools import cache, partial
from operator import itemgetter

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from wagtail.models import Locale

from accounts.permissions import user_is_verified
from portal import i18n
from portal.models import PortalSettings
from portal.moderation import is_moderator

from . import identifiers as registry_identifiers
from . import selectors
from .filters import SORTS, active_filter_count, build_filterset
from .models import InitiativeClaim, InitiativePage

PAGE_SIZE = 24


def portal_settings(request):
    return PortalSettings.load(request_or_site=request)


def query_string(params, **extra):
    from urllib.parse import urlencode

    return urlencode({**params, **extra}, doseq=True)


def map_config(request, params):
    settings = portal_settings(request)
    query = query_string(params)
    return {
        "geojson_url": reverse("registry:map_geojson") + (f"?{query}" if query else ""),
        "popup_url": reverse("registry:popup", args=[0]),
        "tile_url": settings.map_tile_url,
        "attribution": settings.map_tile_attribution,
        "strings": {
            "loading": _("Loading the map…"),
            "error": _("The map data could not be loaded. The list below still works."),
            "tiles_error": _("Map tiles could not be loaded; markers are shown without them."),
            "open": _("Open the initiative page"),
            "count": _("%(count)s initiatives on the map"),
            "none": _("No initiative with coordinates matches these filters."),
        },
    }


def index_page_context(*, request, index_page):
    """The registry's list: filters with counts, one page of cards, the map's settings.

    The facets, the cards and the pagination are rendered inside shared fragments keyed by
    the query string, so they are read lazily: a warm list builds neither the visible
    initiatives' queryset (the translation rules of ``portal.i18n.localized``) nor the page
    of cards, and reads only its count from the shared cache."""
    # The locale by id: the index page's locale row is not needed (one query less).
    locale = Locale(pk=index_page.locale_id)
    # The parameters are checked (invalid ones dropped and reported) on an empty queryset:
    # the visible initiatives are filtered in ``listing()`` only, when a fragment is computed.
    filterset = build_filterset(request.GET, InitiativePage.objects.none())
    params = filterset.params
    sort = request.GET.get("sort", "name")
    if sort not in SORTS:
        sort = "name"

    @cache
    def listing():
        """The filterset and queryset of the visible initiatives matching the filters."""
        return selectors.filtered_initiatives(params, locale=locale)

    total = selectors.cached_count(lambda: listing()[1].count(), params, locale=locale)

    def page_of_cards():
        paginator = Paginator(selectors.sort_initiatives(listing()[1], sort), PAGE_SIZE)
        paginator.count = total
        page_obj = paginator.get_page(request.GET.get("page"))
        page_obj.object_list = list(selectors.with_card_fields(page_obj.object_list))
        urls = {index_page.path: index_page.get_url(request)}
        card_tags = selectors.card_tags(initiative.pk for initiative in page_obj.object_list)
        for initiative in page_obj.object_list:
            initiative.card_url = selectors.initiative_url(
                initiative.path, initiative.slug, urls
            ) or (initiative.get_url(request))
            initiative.card_tags = card_tags.get(initiative.pk, [])
        return page_obj

    page_obj = SimpleLazyObject(page_of_cards)
    invalid = [
        {"field": filterset.form.fields[key].label, "messages": errors}
        for key, errors in filterset.invalid.items()
        if key in filterset.form.fields
    ]
    data_query = query_string(params)
    return {
        "breadcrumbs": shared(
            request,
            f"registry:index-crumbs:{index_page.pk}:{request.get_host()}:"
            f"{translation.get_language() or ''}",
            lambda: _index_breadcrumbs(request, index_page),
        ),
        "filter_params": params,
        "active_filters": bool(params),
        "active_filter_count": active_filter_count(params),
        "invalid_filters": invalid,
        "facets": SimpleLazyObject(
            lambda: selectors.cached_facets(listing()[0], locale=locale)["facets"]
        ),
        "page_obj": page_obj,
        "initiatives": SimpleLazyObject(lambda: page_obj.object_list),
        "total": total,
        "sort": sort,
        "sorts": [("name", _("Name")), ("newest", _("Newest"))],
        "map": map_config(request, params),
        "data_query": f"?{data_query}" if data_query else "",
        "portal_settings": portal_settings(request),
    }


def _index_breadcrumbs(request, index_page):
    home = index_page.get_parent()
    return [(home.title, home.get_url(request)), (index_page.title, "")]


def _contact_url(page):
    return reverse("community:contact_initiative", args=[page.pk])


def quality_label_text(page):
    """The quality label in words ("ECEI cluster management excellence label: Gold label,
    2024"), or "" without one."""
    if not page.quality_label:
        return ""
    text = page.get_quality_label_display()
    if page.quality_label_scheme:
        text = f"{page.get_quality_label_scheme_display()}: {text}"
    if page.quality_label_year:
        text = f"{text}, {page.quality_label_year}"
    return text


def json_ld(page, request, detail):
    registries, identifiers = registry_identifiers.json_ld_identifiers(page)
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": page.title,
        "url": page.get_full_url(request),
        "description": page.summary or None,
        "alternateName": page.acronym or None,
        "foundingDate": str(page.year_founded) if page.year_founded else None,
        "sameAs": [url for url in [page.website, *page.social_link_list, *registries] if url]
        or None,
        "identifier": identifiers or None,
        "award": quality_label_text(page) or None,
        "keywords": ", ".join(tag.label for tag in detail["tags"]) or None,
        "location": {
            "@type": "Place",
            "name": ", ".join(part for part in [page.city, page.region, page.country.name] if part),
            "address": {
                "@type": "PostalAddress",
                "addressLocality": page.city or None,
                "addressRegion": page.region or None,
                "addressCountry": page.country.code or None,
            },
        },
    }
    if page.has_location:
        data["location"]["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    if page.member_firms is not None:
        data["numberOfEmployees"] = None
        data["member"] = {"@type": "QuantitativeValue", "value": page.member_firms}
    data = {key: value for key, value in data.items() if value is not None}
    data["location"]["address"] = {
        key: value for key, value in data["location"]["address"].items() if value is not None
    }
    # Escape "<" so the JSON can never close the <script> element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def shared(request, key, compute):
    """``compute()`` kept in the shared cache until the next write to public content
    (``portal.page_cache.fragment``), except in a preview: a draft's data is nobody else's
    (the template's ``{% shared_fragment %}`` skips previews the same way)."""
    from portal.page_cache import fragment

    if getattr(request, "is_preview", False):
        return compute()
    return fragment(key, compute)


def _initiative_place(request, page):
    """The breadcrumbs and the registry's URL (the sector links) of an initiative's page, in
    the visitor's sections (also on an initiative shown untranslated: portal/i18n.py)."""
    index_page = page.get_parent()
    home, index_page = i18n.in_visitor_language([index_page.get_parent(), index_page])
    index_url = i18n.page_url(index_page, request)
    return {
        "breadcrumbs": [
            (home.title, i18n.page_url(home, request)),
            (index_page.title, index_url),
            (page.title, ""),
        ],
        "index_url": index_url,
    }


def initiative_page_context(*, request, page):
    """An initiative's page: its related rows, rights of the visitor, JSON-LD, related content.

    What every visitor sees alike is read lazily (the related rows and related content: the
    template renders them inside shared fragments, so a warm page runs neither their queries
    nor the reads of their cached data) or in one read of the shared cache (the managers, who
    decide the visitor's buttons; the breadcrumbs; the JSON-LD)."""
    detail = SimpleLazyObject(lambda: selectors.initiative_detail(page))
    # One read of the shared cache for what the page shows outside its fragments.
    shown = shared(
        request,
        f"registry:page:{page.pk}:{request.get_host()}:{translation.get_language() or ''}",
        lambda: {
            **_initiative_place(request, page),
            "managers": [(user.pk, str(user)) for user in selectors.initiative_managers(page)],
            "json_ld": json_ld(page, request, detail),
        },
    )
    managers = shown["managers"]
    user = request.user
    verified = user_is_verified(user)
    manager_ids = {pk for pk, _name in managers}
    can_edit = verified and (user.pk in manager_ids or user.is_superuser or is_moderator(user))
    pending_claim = (
        verified
        and not manager_ids
        and InitiativeClaim.objects.filter(
            page_id=page.pk, user=user, state=InitiativeClaim.State.PENDING
        ).exists()
    )
    settings = portal_settings(request)
    return {
        **{name: SimpleLazyObject(partial(itemgetter(name), detail)) for name in DETAIL_KEYS},
        "managers": [name for _pk, name in managers],
        "breadcrumbs": shown["breadcrumbs"],
        "show_email": verified,
        "can_edit": can_edit,
        "can_claim": not manager_ids and not pending_claim,
        "pending_claim": pending_claim,
        "contact_url": _contact_url(page) if managers else "",
        "related_groups": SimpleLazyObject(
            lambda: selectors.related_by_tags(page, request, detail["tags"])
        ),
        "similar": SimpleLazyObject(lambda: selectors.similar_initiatives(page, detail["tags"])),
        "json_ld": shown["json_ld"],
        "map": map_config(request, {}),
        "licence_name": page.data_licence or settings.data_licence_name,
        "licence_url": "" if page.data_licence else settings.data_licence_url,
        "index_url": shown["index_url"],
    }


# The related rows of ``selectors.initiative_detail`` the template shows (inside its shared
# fragment): each a lazy list, read only when the fragment is rendered.
DETAIL_KEYS = ("sectors", "tags", "seeking", "offering", "indicators")
