"""The content types the site search offers as facets, in the order of the tag pages."""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.search import index


@dataclass
class SearchType:
    key: str
    label: str
    order: int
    content_type_ids: list = field(default_factory=list)
    model: type | None = None
    # For non-page content: search(query, request) -> queryset visible to the visitor.
    search: object = None


def _page_models(app_label, names=None, exclude_suffix="IndexPage"):
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return []
    models = []
    for model in config.get_models():
        if not issubclass(model, Page) or model._meta.abstract:
            continue
        if names is not None and model.__name__ not in names:
            continue
        if names is None and model.__name__.endswith(exclude_suffix):
            continue
        models.append(model)
    return models


def _ids(models):
    if not models:
        return []
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def _search_members(query, request):
    from community.models import MemberProfile

    profiles = MemberProfile.objects.visible_to(request.user)
    if issubclass(MemberProfile, index.Indexed):
        return profiles.search(query)
    words = query.split()[:8]
    condition = Q()
    for word in words:
        condition &= (
            Q(display_name__icontains=word)
            | Q(organization__icontains=word)
            | Q(role__icontains=word)
        )
    return profiles.filter(condition).select_related("user").order_by("display_name")


def search_types():
    from community.models import MemberProfile

    return [
        SearchType("initiatives", _("Initiatives"), 10, _ids(_page_models("registry"))),
        SearchType(
            "practices", _("Good practices"), 20, _ids(_page_models("knowledge", ["PracticePage"]))
        ),
        SearchType(
            "topics",
            _("Research topics"),
            30,
            _ids(_page_models("knowledge", ["ResearchTopicPage"])),
        ),
        SearchType("events", _("Events"), 40, _ids(_page_models("events"))),
        SearchType("news", _("News"), 50, _ids(_page_models("knowledge", ["NewsPage"]))),
        SearchType("members", _("Members"), 60, model=MemberProfile, search=_search_members),
        SearchType("pages", _("Pages"), 70, _ids(_page_models("portal", ["StandardPage"]))),
    ]
