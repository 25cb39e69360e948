"""Public views of the registry: the index page's context, the initiative page's context, the
registration and editing forms, managers, claims, the map endpoints and open data."""

import io
import json
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Locale

from accounts.permissions import user_is_verified, verified_member_required
from portal import i18n
from portal.models import PortalSettings
from portal.throttles import THROTTLED_MESSAGE, THROTTLED_STATUS, throttle_consume

from . import selectors, services
from .filters import SORTS
from .forms import ClaimForm, InitiativeForm, InviteForm
from .importers import export_rows, write_csv
from .models import (
    InitiativeClaim,
    InitiativeIndexPage,
    InitiativeManager,
    InitiativePage,
    ManagerInvitation,
)

PAGE_SIZE = 24


def _portal_settings(request):
    return PortalSettings.load(request_or_site=request)


def _query_string(params, **extra):
    from urllib.parse import urlencode

    return urlencode({**params, **extra})


def map_config(request, params):
    settings = _portal_settings(request)
    query = _query_string(params)
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


def registry_context(request, *, index_page):
    # The locale by id: the index page's locale row is not needed (one query less).
    locale = Locale(pk=index_page.locale_id)
    filterset, queryset = selectors.filtered_initiatives(request.GET, locale=locale)
    sort = request.GET.get("sort", "name")
    if sort not in SORTS:
        sort = "name"
    paginator = Paginator(selectors.sort_initiatives(queryset, sort), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    page_obj.object_list = list(selectors.with_card_fields(page_obj.object_list))
    facet_data = selectors.facet_data(filterset)
    urls = {index_page.path: index_page.get_url(request)}
    card_tags = facet_data.card_tags(initiative.pk for initiative in page_obj.object_list)
    for initiative in page_obj.object_list:
        initiative.card_url = selectors.initiative_url(initiative.path, initiative.slug, urls) or (
            initiative.get_url(request)
        )
        initiative.card_tags = card_tags.get(initiative.pk, [])
    params = filterset.params
    invalid = [
        {"field": filterset.form.fields[key].label, "messages": errors}
        for key, errors in filterset.invalid.items()
        if key in filterset.form.fields
    ]
    data_query = _query_string(params)
    home = index_page.get_parent()
    return {
        "breadcrumbs": [(home.title, home.get_url(request)), (index_page.title, "")],
        "filter": filterset,
        "filter_params": params,
        "active_filters": bool(params),
        "invalid_filters": invalid,
        "facets": selectors.facets(filterset, data=facet_data),
        "page_obj": page_obj,
        "initiatives": page_obj.object_list,
        "total": paginator.count,
        "sort": sort,
        "sorts": [("name", _("Name")), ("newest", _("Newest"))],
        "map": map_config(request, params),
        "data_query": f"?{data_query}" if data_query else "",
        "portal_settings": _portal_settings(request),
    }


def _contact_url(page):
    try:
        return reverse("community:contact_initiative", args=[page.pk])
    except NoReverseMatch:
        return ""


def json_ld(page, request, detail):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": page.title,
        "url": page.get_full_url(request),
        "description": page.summary or None,
        "alternateName": page.acronym or None,
        "foundingDate": str(page.year_founded) if page.year_founded else None,
        "sameAs": [url for url in [page.website, *page.social_link_list] if url] or None,
        "keywords": ", ".join(tag.name for tag in detail["tags"]) or None,
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


def initiative_context(request, *, page):
    detail = selectors.initiative_detail(page)
    user = request.user
    verified = user_is_verified(user)
    manager_ids = {manager.pk for manager in detail["managers"]}
    can_edit = verified and (
        user.pk in manager_ids or user.is_superuser or services.user_is_moderator(user)
    )
    pending_claim = (
        verified
        and not manager_ids
        and InitiativeClaim.objects.filter(
            page_id=page.pk, user=user, state=InitiativeClaim.State.PENDING
        ).exists()
    )
    settings = _portal_settings(request)
    index_page = page.get_parent()
    home = index_page.get_parent()
    return {
        **detail,
        "breadcrumbs": [
            (home.title, home.get_url(request)),
            (index_page.title, index_page.get_url(request)),
            (page.title, ""),
        ],
        "show_email": verified,
        "can_edit": can_edit,
        "can_claim": not manager_ids and not pending_claim,
        "pending_claim": pending_claim,
        "contact_url": _contact_url(page) if detail["managers"] else "",
        "related_groups": selectors.related_by_tags(page, request, detail["tags"]),
        "similar": selectors.similar_initiatives(page, detail["tags"]),
        "json_ld": json_ld(page, request, detail),
        "map": map_config(request, {}),
        "licence_name": page.data_licence or settings.data_licence_name,
        "licence_url": "" if page.data_licence else settings.data_licence_url,
        "index_page": index_page,
    }


# -- Registration and editing ------------------------------------------------------------------


def _form_response(request, form, *, page=None, index_page=None, status=200):
    return render(
        request,
        "registry/initiative_form.html",
        {
            "form": form,
            "initiative": page,
            "index_page": index_page,
            "duplicates": form.duplicates,
            "map": map_config(request, {}),
        },
        status=status,
    )


@verified_member_required
def register(request):
    index_page = i18n.index_page(InitiativeIndexPage)
    if index_page is None:
        raise Http404(_("The registry is not set up yet."))
    if request.method == "POST":
        form = InitiativeForm(request.POST, parent_page=index_page, instance=InitiativePage())
        if form.is_valid():
            duplicates = form.find_duplicates(user=request.user)
            if duplicates and not form.cleaned_data.get("confirm_duplicate"):
                messages.warning(
                    request,
                    _("This initiative may already be registered. Check the list below."),
                )
                return _form_response(request, form, index_page=index_page)
            if not throttle_consume(request, action="initiative_register"):
                form.add_error(None, THROTTLED_MESSAGE)
                return _form_response(request, form, index_page=index_page, status=THROTTLED_STATUS)
            page = form.save(commit=False)
            services.initiative_register(user=request.user, page=page, index_page=index_page)
            messages.success(
                request,
                _(
                    "Thank you: “%(title)s” was sent to the moderators. You will receive an "
                    "email when it is published."
                )
                % {"title": page.title},
            )
            return redirect(_dashboard_url())
    else:
        form = InitiativeForm(parent_page=index_page, instance=InitiativePage())
    return _form_response(request, form, index_page=index_page)


def _dashboard_url():
    try:
        return reverse("community:dashboard")
    except NoReverseMatch:
        return "/dashboard/"


def _editable_page(request, pk):
    page = get_object_or_404(InitiativePage, pk=pk)
    if not services.user_can_edit(page=page, user=request.user):
        raise PermissionDenied
    return page


@verified_member_required
def edit(request, pk):
    page = _editable_page(request, pk)
    draft = page.get_latest_revision_as_object()
    if request.method == "POST":
        form = InitiativeForm(request.POST, instance=draft, parent_page=page.get_parent())
        if form.is_valid():
            duplicates = form.find_duplicates(user=request.user)
            if duplicates and not form.cleaned_data.get("confirm_duplicate"):
                messages.warning(
                    request,
                    _("This initiative may already be registered. Check the list below."),
                )
                return _form_response(request, form, page=page)
            draft = form.save(commit=False)
            services.initiative_update(user=request.user, page=draft)
            messages.success(
                request,
                _(
                    "Your changes were sent to the moderators; the public page stays as it was "
                    "until they approve them."
                ),
            )
            return redirect(_dashboard_url())
    else:
        form = InitiativeForm(instance=draft, parent_page=page.get_parent())
    return _form_response(request, form, page=page)


# -- Managers and invitations ------------------------------------------------------------------


@verified_member_required
def managers(request, pk):
    page = _editable_page(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(page=page, email=form.cleaned_data["email"], by=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("registry:managers", pk=page.pk)
    return render(
        request,
        "registry/managers.html",
        {
            "initiative": page,
            "form": form,
            "managers": InitiativeManager.objects.filter(page=page).select_related("user"),
            "invitations": ManagerInvitation.objects.filter(
                page=page, state=ManagerInvitation.State.PENDING
            ),
        },
    )


@require_POST
@verified_member_required
def remove_manager(request, pk, user_id):
    page = _editable_page(request, pk)
    link = get_object_or_404(InitiativeManager, page=page, user_id=user_id)
    try:
        services.manager_remove(page=page, user=link.user, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s no longer manages this initiative.") % {"name": link.user}
        )
        if link.user == request.user:
            return redirect(_dashboard_url())
    return redirect("registry:managers", pk=page.pk)


@require_POST
@verified_member_required
def cancel_invitation(request, pk, invitation_id):
    page = _editable_page(request, pk)
    invitation = get_object_or_404(ManagerInvitation, page=page, pk=invitation_id)
    services.invitation_cancel(invitation=invitation)
    messages.success(request, _("The invitation was cancelled."))
    return redirect("registry:managers", pk=page.pk)


@verified_member_required
def accept_invitation(request, token):
    invitation = get_object_or_404(ManagerInvitation.objects.select_related("page"), token=token)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You now manage “%(title)s”.") % {"title": invitation.page.title},
            )
            return redirect(_dashboard_url())
    return render(request, "registry/accept_invitation.html", {"invitation": invitation})


# -- Claims --------------------------------------------------------------------------------


@verified_member_required
def claim(request, pk):
    page = get_object_or_404(InitiativePage.objects.live().public(), pk=pk)
    form = ClaimForm(request.POST or None)
    status = 200
    if (
        request.method == "POST"
        and form.is_valid()
        and not throttle_consume(request, action="initiative_claim")
    ):
        form.add_error(None, THROTTLED_MESSAGE)
        status = THROTTLED_STATUS
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_create(
                page=page, user=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(page.url)
        messages.success(
            request,
            _(
                "Your request was sent to the moderators. You will receive an email with their answer."
            ),
        )
        return redirect(page.url)
    has_managers = InitiativeManager.objects.filter(page=page).exists()
    return render(
        request,
        "registry/claim_form.html",
        {"initiative": page, "form": form, "has_managers": has_managers},
        status=status,
    )


# -- Map and open data -----------------------------------------------------------------------


def _conditional(request, queryset, *extra):
    etag, last_modified = selectors.fingerprint(queryset, *extra)
    etag = f'"{etag}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    return etag, timestamp, response


def _finish(response, etag, timestamp, *, max_age=300):
    response["ETag"] = etag
    if timestamp:
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def map_geojson(request):
    """The map's markers: a compact GeoJSON FeatureCollection (id and coordinates only)."""
    _filterset, queryset = selectors.filtered_initiatives(request.GET)
    etag, timestamp, not_modified = _conditional(request, queryset, "map")
    if not_modified is not None:
        return not_modified
    features = ",".join(
        f'{{"type":"Feature","id":{pk},"geometry":{{"type":"Point","coordinates":[{lon},{lat}]}},"properties":null}}'
        for pk, lon, lat in selectors.map_features(queryset)
    )
    body = f'{{"type":"FeatureCollection","features":[{features}]}}'
    response = HttpResponse(body, content_type="application/geo+json")
    return _finish(response, etag, timestamp, max_age=60)


@require_GET
def popup(request, pk):
    page = selectors.initiative_get(pk)
    if page is None:
        raise Http404
    place = ", ".join(part for part in [page.city, page.region, page.country.name] if part)
    data = {
        "id": page.pk,
        "name": page.title,
        "url": page.get_url(request),
        "place": place,
        "kind": page.get_kind_display(),
        "stage": page.get_stage_display() if page.stage else "",
        "summary": page.summary,
    }
    response = JsonResponse(data)
    response["Cache-Control"] = "public, max-age=300"
    return response


def _licence(request):
    settings = _portal_settings(request)
    return {"name": settings.data_licence_name, "url": settings.data_licence_url}


def _geojson_feature(row):
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {
            "type": "Point",
            "coordinates": [float(row["longitude"]), float(row["latitude"])],
        },
        "properties": {
            "id": row["id"],
            "name": row["name"],
            "url": row["url"],
            "kind": row["kind"],
            "stage": row["stage"],
            "country": row["country"],
            "region": row["region"],
            "city": row["city"],
            "sectors": row["sectors"],
            "tags": row["tags"],
        },
    }


def _absolute_rows(request, queryset):
    rows = selectors.open_data_rows(queryset, request=request)
    base = request.build_absolute_uri("/").rstrip("/")
    for row in rows:
        if row["url"].startswith("/"):
            row["url"] = base + row["url"]
    return rows


@require_GET
def data_geojson(request):
    _filterset, queryset = selectors.filtered_initiatives(request.GET)
    licence = _licence(request)
    etag, timestamp, not_modified = _conditional(request, queryset, "geojson", licence)
    if not_modified is not None:
        return not_modified
    rows = _absolute_rows(request, queryset.located())
    body = {
        "type": "FeatureCollection",
        "licence": licence,
        "features": [_geojson_feature(row) for row in rows],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        content_type="application/geo+json",
    )
    response["Content-Disposition"] = 'inline; filename="initiatives.geojson"'
    return _finish(response, etag, timestamp)


class _Encoder(json.JSONEncoder):
    def default(self, o):
        from decimal import Decimal

        if isinstance(o, Decimal):
            return float(o)
        if isinstance(o, date):
            return o.isoformat()
        return super().default(o)


@require_GET
def data_json(request):
    _filterset, queryset = selectors.filtered_initiatives(request.GET)
    licence = _licence(request)
    etag, timestamp, not_modified = _conditional(request, queryset, "json", licence)
    if not_modified is not None:
        return not_modified
    rows = _absolute_rows(request, queryset)
    for row in rows:
        row.pop("contact_email", None)
    body = {"licence": licence, "count": len(rows), "initiatives": rows}
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, cls=_Encoder), content_type="application/json"
    )
    return _finish(response, etag, timestamp)


@require_GET
def data_csv(request):
    _filterset, queryset = selectors.filtered_initiatives(request.GET)
    licence = _licence(request)
    etag, timestamp, not_modified = _conditional(request, queryset, "csv", licence)
    if not_modified is not None:
        return not_modified
    out = io.StringIO()
    write_csv(export_rows(queryset, private=False), out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="initiatives.csv"'
    response["Link"] = f'<{licence["url"]}>; rel="license"'
    return _finish(response, etag, timestamp)
