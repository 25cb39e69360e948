"""Documents are served only by Wagtail's document view, which checks the collection's
privacy: the files of a practice awaiting moderation must not be reachable by a media URL
(guessable from the file name), nor by a redirect to the storage's own URL."""

import importlib
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import clear_url_caches, set_urlconf

from wagtail.documents import get_document_model

import pytest

from knowledge.services import attachments_collection, pending_attachments_collection

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_document(collection, name="report.pdf"):
    document = get_document_model()(
        title="Report", file=SimpleUploadedFile(name, PDF), collection=collection
    )
    document.save()
    return document


@pytest.fixture
def pending_document():
    return make_document(pending_attachments_collection())


@pytest.fixture
def debug_urls(settings):
    """The URLs as ``runserver`` builds them with DEBUG on (where media are served)."""
    import portal.urls

    settings.DEBUG = True
    clear_url_caches()
    module = importlib.reload(portal.urls)
    settings.ROOT_URLCONF = module.__name__
    yield module
    settings.DEBUG = False
    importlib.reload(portal.urls)
    clear_url_caches()
    set_urlconf(None)


def test_documents_are_stored_under_an_unguessable_name():
    first = make_document(attachments_collection())
    second = make_document(attachments_collection())
    assert re.fullmatch(r"documents/[A-Za-z0-9_-]{16}/report\.pdf", first.file.name)
    assert first.file.name != second.file.name
    # The download keeps the file's own name.
    assert first.filename == second.filename == "report.pdf"
    assert first.url.endswith("/report.pdf")


def test_media_urls_never_serve_documents_in_development(client, debug_urls, pending_document):
    path = pending_document.file.name
    for url in (
        f"/media/{path}",
        f"/media/./{path}",
        f"/media//{path}",
        f"/media/images/../{path}",
        f"/media/{path.replace('documents', 'Documents', 1)}",
    ):
        assert client.get(url).status_code == 404, url
    # The guessable name of the original code is not served either.
    assert client.get("/media/documents/report.pdf").status_code == 404


def test_images_stay_public_in_development(client, debug_urls, settings):
    (settings.MEDIA_ROOT / "images").mkdir()
    (settings.MEDIA_ROOT / "images" / "logo.png").write_bytes(b"\x89PNG")
    response = client.get("/media/images/logo.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG"


def test_a_pending_document_is_for_moderators_only(client, member, moderator, pending_document):
    assert client.get(pending_document.url).status_code != 200
    client.force_login(member)
    assert client.get(pending_document.url).status_code != 200
    client.force_login(moderator)
    assert client.get(pending_document.url).status_code == 200


def test_documents_in_object_storage_are_streamed_not_redirected(
    client, moderator, pending_document, monkeypatch
):
    """With object storage (a URL but no local path), Wagtail's default is to redirect to the
    storage's URL, a public link to a file that should stay private."""

    def no_local_path(self):
        raise NotImplementedError

    monkeypatch.setattr(FieldFile, "path", property(no_local_path))
    client.force_login(moderator)
    response = client.get(pending_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_served_documents_have_no_content_encoding(client):
    document = make_document(attachments_collection())
    response = client.get(document.url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
