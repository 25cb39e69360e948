"""A fresh install gets the three locales, the site's home page and the roles as groups."""

from django.db import migrations

from portal import roles


def create_locales(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("en", "es", "pt"):
        Locale.objects.get_or_create(language_code=code)


def create_home_page(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("portal", "HomePage")
    if HomePage.objects.exists():
        return
    # Wagtail's own first migration leaves a "Welcome" page at depth 2: replace it.
    Page.objects.filter(depth=2, slug="home").delete()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="portal")
    home = HomePage.objects.create(
        title="Articula",
        draft_title="Articula",
        slug="home",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.get(language_code="en"),
        hero_title="The network of cluster initiatives",
        hero_text="Find initiatives, share good practices and learn together.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Articula"},
    )


def create_roles(apps):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    roles.ensure_permissions(apps)
    Group.objects.get_or_create(name=roles.MEMBERS)
    Group.objects.get_or_create(name=roles.CLUSTER_MANAGERS)
    # Wagtail's "Editors" group has no place in Articula's roles.
    Group.objects.filter(name="Editors").delete()

    moderators = roles.grant(
        apps,
        roles.MODERATORS,
        [
            ("wagtailadmin", "access_admin"),
            ("portal", "add_tag"),
            ("portal", "change_tag"),
            ("portal", "delete_tag"),
            ("wagtail_localize", "submit_translation"),
        ],
    )
    root = Page.objects.get(depth=1)
    for codename in roles.MODERATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=moderators,
            page=root,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    root_collection = Collection.objects.get(depth=1)
    for app_label, codename in roles.MODERATOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=moderators,
            collection=root_collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )


def forwards(apps, schema_editor):
    create_locales(apps)
    create_home_page(apps)
    create_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
