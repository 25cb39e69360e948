"""Tick "Show in menus" on the existing section index pages (every language): the main menu is
now built from the page tree (portal/navigation.py) instead of a list of slugs in code.

The pages are found by content type, so this migration imports no other app; it changes
nothing where those types do not exist yet (a new database gets the flag from
``IndexPage.show_in_menus_default`` when ``setup_site`` creates the pages).
"""

from django.db import migrations

SECTION_TYPES = [
    ("registry", "initiativeindexpage"),
    ("knowledge", "practiceindexpage"),
    ("knowledge", "topicindexpage"),
    ("events", "eventindexpage"),
    ("knowledge", "newsindexpage"),
]


def show_sections_in_menus(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    for app_label, model in SECTION_TYPES:
        content_types = ContentType.objects.filter(app_label=app_label, model=model)
        Page.objects.filter(content_type__in=content_types).update(show_in_menus=True)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_moderation_keys_and_permission"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(show_sections_in_menus, migrations.RunPython.noop)]
