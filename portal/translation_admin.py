"""wagtail-localize's translation editor, told which fields are still untranslated.

Publishing a translation with untranslated strings only says "published with missing
translations - see below". After wagtail-localize has answered the publish, this names the
fields (by their labels in the editor) and how many strings each still lacks."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def untranslated_fields(translation, instance):
    """``[(label, count)]`` of the fields of ``instance`` with strings not yet translated into
    the translation's locale, in the order of the source."""
    segments = (
        translation.source.stringsegment_set.annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .select_related("context")
        .order_by("order")
    )
    counts = Counter()
    for segment in segments:
        counts[segment.context.path.split(".")[0] if segment.context else ""] += 1
    return [(_field_label(instance, name), count) for name, count in counts.items()]


def _field_label(instance, name):
    try:
        return capfirst(instance._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name or _("Other")


def publish_naming_missing_fields(request, page):
    """The ``before_edit_page`` hook: on "publish" in the translation editor, let
    wagtail-localize publish, then add a message naming the untranslated fields."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    from wagtail_localize.models import Translation
    from wagtail_localize.views.edit_translation import edit_translation

    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        return None
    response = edit_translation(request, translation, page)
    missing = untranslated_fields(translation, page.specific)
    if missing:
        fields = ", ".join(
            ngettext("%(field)s (%(count)s string)", "%(field)s (%(count)s strings)", count)
            % {"field": label, "count": count}
            for label, count in missing
        )
        messages.warning(request, _("Still to translate: %(fields)s.") % {"fields": fields})
    return response
