"""`manage.py setup_site` gives a new site (no demo data) its home page translations and the
section index pages of the URL map, once."""

from django.core.management import call_command

from wagtail.models import Page

import pytest

SECTIONS = ["initiatives", "practices", "topics", "events", "news"]


@pytest.mark.django_db
def test_setup_site_builds_the_sections_in_three_languages_once(client):
    call_command("setup_site")
    pages_after_first_run = Page.objects.count()
    call_command("setup_site")
    assert Page.objects.count() == pages_after_first_run

    for slug in SECTIONS:
        pages = Page.objects.filter(slug=slug, depth=3, live=True)
        assert sorted(p.locale.language_code for p in pages) == ["en", "es", "pt"], slug
        for prefix in ("", "/es", "/pt"):
            assert client.get(f"{prefix}/{slug}/").status_code == 200, (prefix, slug)

    spanish = Page.objects.get(slug="practices", locale__language_code="es")
    assert spanish.title == "Buenas prácticas"


@pytest.mark.django_db
def test_setup_site_attaches_the_moderation_workflows():
    call_command("setup_site")
    for slug, workflow in (
        ("initiatives", "Registry moderation"),
        ("practices", "Practice moderation"),
    ):
        for page in Page.objects.filter(slug=slug, depth=3):
            assert page.get_workflow().name == workflow
