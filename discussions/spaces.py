"""Where threads live: the general space (no page), or a page of one of ``SPACE_PAGE_TYPES``
(a research topic, an initiative, a joint project). The types are named by their model label
and matched against ``page._meta.label``: discussions never imports the apps that own them."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

SPACE_PAGE_TYPES = (
    "knowledge.ResearchTopicPage",
    "registry.InitiativePage",
    "projects.ProjectPage",
)


def space_models():
    """The installed page models that can host threads (a label whose app is not installed,
    such as joint projects before they exist, is left out)."""
    models = []
    for label in SPACE_PAGE_TYPES:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue
    return models


def space_content_type_ids():
    # ContentType's manager caches these: no query once warm.
    return [ct.pk for ct in ContentType.objects.get_for_models(*space_models()).values()]


def is_space(page):
    """True when ``page`` (a plain ``Page`` or a specific one) may host threads."""
    if page is None:
        return False
    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    return model is not None and model._meta.label in SPACE_PAGE_TYPES
