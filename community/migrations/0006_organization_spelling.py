"""One spelling in identifiers: ``organisation`` and ``organisation_type`` become
``organization`` and ``organization_type`` (the columns are renamed; labels keep their wording).
The type's values are those of ``portal.vocabularies.OrganizationType``, which took this app's
list; the registry's old ``public`` is mapped here too in case a value was copied over."""

from django.db import migrations

from portal.vocabularies import LEGACY_ORGANIZATION_TYPES


def map_legacy_types(apps, schema_editor):
    MemberProfile = apps.get_model("community", "MemberProfile")
    for old, new in LEGACY_ORGANIZATION_TYPES.items():
        MemberProfile.objects.filter(organization_type=old).update(organization_type=new)


class Migration(migrations.Migration):
    dependencies = [("community", "0005_http_url_validators")]

    operations = [
        migrations.RenameField("memberprofile", "organisation", "organization"),
        migrations.RenameField("memberprofile", "organisation_type", "organization_type"),
        migrations.RunPython(map_legacy_types, migrations.RunPython.noop),
    ]
