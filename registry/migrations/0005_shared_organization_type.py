"""The managing organization's type uses the shared ``portal.vocabularies.OrganizationType``:
``public`` ("Public agency") becomes ``public_agency``, the other stored values keep theirs.
Saved revisions are mapped too, so publishing an older draft does not bring ``public`` back."""

from django.db import migrations, models

from portal.vocabularies import LEGACY_ORGANIZATION_TYPES


def map_legacy_types(apps, schema_editor):
    InitiativePage = apps.get_model("registry", "InitiativePage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    for old, new in LEGACY_ORGANIZATION_TYPES.items():
        InitiativePage.objects.filter(organization_type=old).update(organization_type=new)
    content_type = ContentType.objects.filter(app_label="registry", model="initiativepage").first()
    if content_type is None:
        return
    revisions = Revision.objects.filter(content_type=content_type)
    for revision in revisions.iterator():
        value = revision.content.get("organization_type")
        if value in LEGACY_ORGANIZATION_TYPES:
            revision.content["organization_type"] = LEGACY_ORGANIZATION_TYPES[value]
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_http_url_validators"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="initiativepage",
            name="organization_type",
            field=models.CharField(
                blank=True,
                choices=[
                    ("chamber", "Chamber of commerce"),
                    ("public_agency", "Public or development agency"),
                    ("association", "Business association"),
                    ("cluster", "Cluster initiative"),
                    ("university", "University or research centre"),
                    ("private", "Private company"),
                    ("consultancy", "Consultancy"),
                    ("international", "International organisation"),
                    ("other", "Other"),
                ],
                max_length=20,
                verbose_name="type of managing organisation",
            ),
        ),
        migrations.RunPython(map_legacy_types, migrations.RunPython.noop),
    ]
