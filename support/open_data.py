"""Published questions and answers in the bulk open-data download
(``portal/open_data_package.py``): the question, its answer, topic, tags and dates, one row per
published answer. Only what the requester agreed to publish and staff published; never who
asked, who answered, the initiative, internal notes or requests that are not published.
Registered in ``wagtail_hooks.py``."""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.emails import absolute_url, site_base_url
from portal.open_data import OpenDataField, OpenDataset

from .models import SupportRequest, SupportRequestTag

FIELDS = (
    OpenDataField("id", "integer", _("Identifier of the question")),
    OpenDataField("question", "string", _("The question, in a line")),
    OpenDataField("details", "string", _("The question in full")),
    OpenDataField("answer", "string", _("The answer")),
    OpenDataField("need", "string", _("strategy, methodology, proposal, data or other")),
    OpenDataField("language", "string", _("Language of the exchange (en, es, pt)")),
    OpenDataField("topic", "string", _("Research topic")),
    OpenDataField("tags", "array", _("Tags, separated by ;")),
    OpenDataField("asked_at", "datetime", _("Asked (UTC)")),
    OpenDataField("answered_at", "datetime", _("Answered (UTC)")),
    OpenDataField("published_at", "datetime", _("Published (UTC)")),
    OpenDataField("url", "string", _("Address of the question and answer")),
)


def answer_rows():
    """One dict per published answer, oldest first: the answers, their tags and the site
    (one query when nothing is published)."""
    answers = (
        SupportRequest.objects.published()
        .select_related("topic")
        .only(
            "id",
            "title",
            "description",
            "answer",
            "need",
            "language",
            "topic__title",
            "created_at",
            "answered_at",
            "published_at",
        )
        .order_by("pk")
    )
    answers = list(answers)
    if not answers:
        return
    tags = defaultdict(list)
    for request_id, name in (
        SupportRequestTag.objects.filter(content_object__in=[item.pk for item in answers])
        .order_by("content_object_id", "tag__name")
        .values_list("content_object_id", "tag__name")
    ):
        tags[request_id].append(name)
    base = site_base_url()
    languages = {code for code, _name in settings.LANGUAGES}
    for item in answers:
        language = item.language if item.language in languages else settings.LANGUAGE_CODE
        with translation.override(language):
            path = reverse("support:answer_detail", args=[item.pk])
        yield {
            "id": item.pk,
            "question": item.title,
            "details": item.description,
            "answer": item.answer,
            "need": item.need,
            "language": item.language,
            "topic": item.topic.title if item.topic else "",
            "tags": tags.get(item.pk, []),
            "asked_at": item.created_at,
            "answered_at": item.answered_at,
            "published_at": item.published_at,
            "url": absolute_url(path, base=base),
        }


def answers_dataset():
    return OpenDataset(
        key="support-answers",
        title=_("Questions and answers of technical support"),
        order=60,
        fields=FIELDS,
        rows=answer_rows,
    )
