"""Good practices in the bulk open-data download (``portal/open_data_package.py``): their
metadata (title, place, cost, duration, links to initiatives, sectors and tags), one row per
published language version; the text itself stays on the site. Authors are left out (personal
data). Registered in ``wagtail_hooks.py``."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from portal.emails import absolute_url, site_base_url
from portal.i18n import own_url
from portal.open_data import OpenDataField, OpenDataset
from portal.visibility import live_public

from .models import PracticePage, PracticeTag

FIELDS = (
    OpenDataField("id", "integer", _("Identifier of the practice (its page id)")),
    OpenDataField("title", "string", _("Title")),
    OpenDataField("url", "string", _("Address of the practice's page")),
    OpenDataField("language", "string", _("Language of this version (en, es, pt)")),
    OpenDataField(
        "translation_key", "string", _("Shared by the language versions of one practice")
    ),
    OpenDataField("country", "string", _("Country (ISO 3166-1 alpha-2 code)")),
    OpenDataField("summary", "string", _("Summary")),
    OpenDataField("cost", "string", _("Cost, as written by the authors")),
    OpenDataField("duration_months", "integer", _("Duration in months")),
    OpenDataField("published_at", "datetime", _("First published (UTC)")),
    OpenDataField(
        "initiatives", "array", _("Initiatives (ids in initiatives.csv), separated by ;")
    ),
    OpenDataField("sectors", "array", _("Sectors: ISIC Rev.4 codes, separated by ;")),
    OpenDataField("tags", "array", _("Tags, separated by ;")),
)


def _lists(ids):
    """``{practice id: [...]}`` for initiatives, sectors and tags: three queries."""
    through = PracticePage.initiatives.through
    initiatives = defaultdict(list)
    for page_id, initiative_id in (
        through.objects.filter(practicepage_id__in=ids)
        .order_by("practicepage_id", "initiativepage_id")
        .values_list("practicepage_id", "initiativepage_id")
    ):
        initiatives[page_id].append(initiative_id)
    through = PracticePage.sectors.through
    sectors = defaultdict(list)
    for page_id, code in (
        through.objects.filter(practicepage_id__in=ids)
        .order_by("practicepage_id", "sector__code")
        .values_list("practicepage_id", "sector__code")
    ):
        sectors[page_id].append(code)
    tags = defaultdict(list)
    for page_id, name in (
        PracticeTag.objects.filter(content_object_id__in=ids)
        .order_by("content_object_id", "tag__name")
        .values_list("content_object_id", "tag__name")
    ):
        tags[page_id].append(name)
    return initiatives, sectors, tags


def practice_rows():
    practices = (
        live_public(PracticePage.objects.all())
        .select_related("locale")
        .only(
            "id",
            "title",
            "url_path",
            "path",
            "depth",
            "locale__language_code",
            "translation_key",
            "country",
            "summary",
            "cost",
            "duration_months",
            "first_published_at",
        )
        .order_by("pk")
    )
    ids = practices.values("pk")
    initiatives, sectors, tags = _lists(ids)
    base = site_base_url()
    for page in practices:
        yield {
            "id": page.pk,
            "title": page.title,
            "url": absolute_url(own_url(page) or "", base=base),
            "language": page.locale.language_code,
            "translation_key": page.translation_key,
            "country": page.country.code or "",
            "summary": page.summary,
            "cost": page.cost,
            "duration_months": page.duration_months,
            "published_at": page.first_published_at,
            "initiatives": initiatives.get(page.pk, []),
            "sectors": sectors.get(page.pk, []),
            "tags": tags.get(page.pk, []),
        }


def practices_dataset():
    return OpenDataset(
        key="practices",
        title=_("Good practices (metadata)"),
        order=20,
        fields=FIELDS,
        rows=practice_rows,
    )
