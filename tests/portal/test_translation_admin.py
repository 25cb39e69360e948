"""Publishing a translation that still lacks strings names the untranslated fields
(wagtail-localize only says "with missing translations")."""

from django.contrib.messages import get_messages

from wagtail.models import Locale

import pytest
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from portal.models import StandardPage
from portal.translation_admin import untranslated_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_translation(home_page, admin_user):
    page = StandardPage(
        title="Funding calls",
        slug="funding-calls",
        intro="Open calls for cluster initiatives.",
        body=[("paragraph", "<p>First paragraph.</p>"), ("paragraph", "<p>Second one.</p>")],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    spanish = Locale.objects.get(language_code="es")
    TranslationCreator(admin_user, [spanish]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key)
    target = page.get_translation(spanish)
    return translation, target


def _translate(translation, path, text):
    segment = translation.source.stringsegment_set.get(context__path=path)
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        data=text,
    )


def test_the_untranslated_fields_are_named_with_their_counts(spanish_translation):
    translation, target = spanish_translation
    _translate(translation, "title", "Convocatorias")
    missing = dict(untranslated_fields(translation, target.specific))
    assert missing == {"Slug": 1, "Introduction": 1, "Body": 2}


def test_publishing_with_missing_strings_says_which_fields(
    client, admin_user, spanish_translation, django_capture_on_commit_callbacks
):
    translation, target = spanish_translation
    _translate(translation, "title", "Convocatorias")
    _translate(translation, "slug", "convocatorias")
    _translate(translation, "intro", "Convocatorias abiertas.")
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes then
        response = client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert "Still to translate: Body (2 strings)." in texts
    published = StandardPage.objects.get(pk=target.pk)
    assert (published.live, published.title) == (True, "Convocatorias")


def test_a_complete_translation_names_nothing(client, admin_user, spanish_translation):
    translation, target = spanish_translation
    for path, text in (
        ("title", "Convocatorias"),
        ("slug", "convocatorias"),
        ("intro", "Convocatorias abiertas."),
    ):
        _translate(translation, path, text)
    for segment in translation.source.stringsegment_set.filter(context__path__startswith="body"):
        _translate(translation, segment.context.path, "Párrafo.")
    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert not any(text.startswith("Still to translate") for text in texts)
