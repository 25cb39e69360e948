"""`load_demo_data --only portal`: pages in three languages, demo accounts only with DEBUG,
and running it twice changes nothing."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import Page, Revision

import pytest

from accounts.models import User
from portal.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def load(settings, debug=True):
    settings.DEBUG = debug
    out = StringIO()
    call_command("load_demo_data", "--only", "portal", stdout=out)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": User.objects.count(),
        "groups": Group.objects.count(),
    }


def test_home_page_is_translated_into_spanish_and_portuguese(settings, client):
    load(settings)
    english = HomePage.objects.get(locale__language_code="en")
    translations = {
        page.locale.language_code: page
        for page in HomePage.objects.filter(translation_key=english.translation_key)
    }
    assert set(translations) == {"en", "es", "pt"}
    assert translations["es"].live and translations["pt"].live
    # Translated, not copied: three different hero titles, each shown in its own language.
    assert len({page.hero_title for page in translations.values()}) == 3

    for prefix, language in [("", "en"), ("/es", "es"), ("/pt", "pt")]:
        response = client.get(f"{prefix}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert translations[language].hero_title in html


@pytest.mark.parametrize("slug", ["about", "terms", "privacy"])
def test_standard_pages_exist_in_three_languages(settings, client, slug):
    load(settings)
    pages = {
        page.locale.language_code: page
        for page in StandardPage.objects.filter(slug=slug).select_related("locale")
    }
    assert set(pages) == {"en", "es", "pt"}
    assert len({page.translation_key for page in pages.values()}) == 1
    assert len({page.title for page in pages.values()}) == 3  # translated titles
    for prefix, language in [("", "en"), ("/es", "es"), ("/pt", "pt")]:
        response = client.get(f"{prefix}/{slug}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert pages[language].title in html
        assert f'<html lang="{language}"' in html
        assert len(pages[language].body) >= 3  # real content, not a stub


def test_demo_accounts_only_with_debug(settings):
    output = load(settings, debug=False)
    assert "demo accounts are not created" in output
    assert not User.objects.filter(email__endswith="@example.org").exists()


def test_demo_accounts_can_log_in(settings, client):
    load(settings)
    for username, groups in [
        ("admin", set()),
        ("moderator", {"Moderators"}),
        ("manager", {"Members", "Cluster managers"}),
        ("member", {"Members"}),
    ]:
        user = User.objects.get(username=username)
        assert user.email == f"{username}@example.org"
        assert set(user.groups.values_list("name", flat=True)) == groups
        assert user.emailaddress_set.get().verified
        response = client.post(
            "/accounts/login/",
            {"login": user.email, "password": settings.DEMO_PASSWORD},
        )
        assert response.status_code == 302, username
        client.post("/accounts/logout/")
    assert User.objects.get(username="admin").is_superuser


def test_running_twice_changes_nothing(settings):
    load(settings)
    first = counts()
    load(settings)
    assert counts() == first
    assert first["users"] == 4
