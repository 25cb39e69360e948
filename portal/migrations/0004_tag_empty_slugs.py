"""Give every tag saved with an empty slug (a name without letters or digits, accepted before
names were validated) the slug ``tag-<id>``.

Repaired rather than deleted: such a tag may be carried by live content or followed by
members, and deleting it would silently drop those links. Moderators see it in the admin's
tag list and can rename, merge or delete it there.
"""

from django.db import migrations


def repair_empty_slugs(apps, schema_editor):
    Tag = apps.get_model("portal", "Tag")
    for tag in Tag.objects.filter(slug=""):
        slug = f"tag-{tag.pk}"
        suffix = 1
        while Tag.objects.filter(slug=slug).exists():
            slug = f"tag-{tag.pk}_{suffix}"
            suffix += 1
        Tag.objects.filter(pk=tag.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_http_url_validators")]

    operations = [migrations.RunPython(repair_empty_slugs, migrations.RunPython.noop)]
