"""The Wagtail admin speaks Spanish and Portuguese completely for staff who choose it (issue
12): every admin string of the Wagtail apps we install is translated, by Wagtail's catalogues
or by ours (locale/wagtail_admin)."""

from django.utils import translation

from wagtail.users.models import UserProfile

import pytest

from portal.wagtail_catalogues import ADMIN_LANGUAGES, missing_translations


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_every_wagtail_admin_string_is_translated(language):
    missing = missing_translations(language)
    assert missing == [], f"{len(missing)} untranslated; run scripts/wagtail_catalogue_gaps.py"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "Ir al primer error"), ("pt-br", "Ir para o primeiro erro")],
)
def test_our_catalogue_fills_a_gap_of_wagtails(language, expected):
    with translation.override(language):
        assert translation.gettext("Go to the first error") == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "Usar la zona horaria del servidor"), ("pt-br", "Usar o fuso horário do servidor")],
)
def test_staff_who_choose_a_language_get_the_admin_in_it(client, moderator, language, expected):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    client.force_login(moderator)
    response = client.get("/admin/account/")
    assert response.status_code == 200
    assert expected in response.content.decode()
