"""The registry's tables in the bulk open-data download (``portal/open_data_package.py``):
initiatives (the columns of ``registry.schema``, public ones only, with a GeoJSON of the
located ones) and their yearly indicators. Registered in ``wagtail_hooks.py``."""

from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from portal.emails import absolute_url, site_base_url
from portal.open_data import OpenDataField, OpenDataset

from . import schema
from .models import InitiativeIndicator, InitiativePage

FIELD_TYPES = {
    "id": "integer",
    "int": "integer",
    "decimal": "number",
    "date": "date",
    "sectors": "array",
    "tags": "array",
}
DESCRIPTIONS = {
    "id": _("Identifier of the initiative in this registry (its page id)"),
    "name": _("Name of the initiative"),
    "url": _("Address of the initiative's page"),
    "country": _("Country (ISO 3166-1 alpha-2 code)"),
    "latitude": _("Latitude (WGS 84, decimal degrees)"),
    "longitude": _("Longitude (WGS 84, decimal degrees)"),
    "sectors": _("Sectors: ISIC Rev.4 codes, separated by ;"),
    "tags": _("Tags, separated by ;"),
    "logo": _("Address of the logo image"),
    "eccp_profile": _("Profile on the European Cluster Collaboration Platform (address)"),
    "wikidata_id": _("Wikidata item (QID)"),
    "quality_label": _("Level of the quality label (bronze, silver, gold, other)"),
    "quality_label_scheme": _("Scheme of the quality label (ecei, national, other)"),
    "verified_by": _("Partner organisation that last confirmed the record"),
    "verified_on": _("Date of that confirmation"),
    "record_state": _(
        "State of the record: live, or archived when its managers stopped confirming it"
    ),
}


def _description(spec):
    if spec.name in DESCRIPTIONS:
        return DESCRIPTIONS[spec.name]
    field = InitiativePage._meta.get_field(spec.model_attribute)
    text = str(field.verbose_name)
    return text[:1].upper() + text[1:]


def initiative_fields():
    return tuple(
        OpenDataField(spec.name, FIELD_TYPES.get(spec.kind, "string"), _description(spec))
        for spec in schema.open_data_fields()
    )


def _initiatives():
    from .selectors import initiative_list

    # Archived records stay in the open data, with their record_state (the freshness loop).
    return initiative_list(locale=Locale.get_default(), with_archived=True)


def initiative_rows():
    from .selectors import open_data_rows

    names = [spec.name for spec in schema.open_data_fields()]
    rows = open_data_rows(_initiatives())
    base = site_base_url()
    for row in rows:
        row["url"] = absolute_url(row["url"], base=base)
        row["logo"] = absolute_url(row["logo"], base=base)
        yield {name: row[name] for name in names}


def initiatives_geojson():
    from .selectors import open_data_rows

    properties = schema.geojson_properties()
    features = []
    base = site_base_url()
    for row in open_data_rows(_initiatives().located()):
        row["url"] = absolute_url(row["url"], base=base)
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(row["longitude"]), float(row["latitude"])],
                },
                "properties": {name: row[name] for name in properties},
            }
        )
    return {"type": "FeatureCollection", "features": features}


INDICATOR_COLUMNS = (
    "year",
    "members",
    "employment",
    "sales_growth",
    "exports_usd",
    "new_export_markets",
)


def indicator_fields():
    types = {"year": "year", "sales_growth": "number"}
    return (
        OpenDataField("initiative_id", "integer", _("The initiative (id in initiatives.csv)")),
        *(
            OpenDataField(
                name,
                types.get(name, "integer"),
                str(InitiativeIndicator._meta.get_field(name).verbose_name).capitalize(),
            )
            for name in INDICATOR_COLUMNS
        ),
    )


def indicator_rows():
    rows = (
        InitiativeIndicator.objects.filter(page__in=_initiatives().values("pk"))
        .order_by("page_id", "year")
        .values_list("page_id", *INDICATOR_COLUMNS)
    )
    for page_id, *values in rows.iterator():
        yield {"initiative_id": page_id, **dict(zip(INDICATOR_COLUMNS, values, strict=True))}


def initiatives_dataset():
    return OpenDataset(
        key="initiatives",
        title=_("Cluster initiatives"),
        order=10,
        fields=initiative_fields(),
        rows=initiative_rows,
        geojson=initiatives_geojson,
    )


def indicators_dataset():
    return OpenDataset(
        key="initiative-indicators",
        title=_("Yearly indicators of the initiatives"),
        order=11,
        fields=indicator_fields(),
        rows=indicator_rows,
    )
