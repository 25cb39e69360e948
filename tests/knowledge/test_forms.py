"""Bad input gets a clear message and changes nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

from knowledge.forms import validate_attachment
from knowledge.models import PracticePage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def post(client, user, data, files=None):
    client.force_login(user)
    return client.post(reverse("knowledge:practice_new"), {**data, **(files or {})})


@pytest.mark.parametrize("field", ["title", "summary", "problem", "intervention", "results"])
def test_empty_required_sections_are_refused(
    client, cluster_manager, practice_index, practice_data, field
):
    practice_data[field] = ""
    response = post(client, cluster_manager, practice_data)
    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()
    assert not PracticePage.objects.exists()


def test_a_section_with_only_markup_is_refused(
    client, cluster_manager, practice_index, practice_data
):
    practice_data["problem"] = "<script>alert(1)</script><p> </p>"
    response = post(client, cluster_manager, practice_data)
    assert response.status_code == 400
    assert "This section is required" in response.content.decode()
    assert not PracticePage.objects.exists()


def test_half_filled_figure_is_refused(client, cluster_manager, practice_index, practice_data):
    practice_data["figures-1-value"] = "12"
    response = post(client, cluster_manager, practice_data)
    assert response.status_code == 400
    assert "needs both a value" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100, "not accepted"),
        ("page.html", b"<html><script>alert(1)</script></html>", "not accepted"),
        ("report.pdf", b"MZ\x90\x00 this is really an executable", "not a real .pdf"),
        ("notes.txt", b"<script>alert(1)</script>", "not a plain text"),
        ("slides.pptx", b"%PDF-1.4 not a zip", "not a real .pptx"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_bad_attachments_are_refused(
    client, cluster_manager, practice_index, practice_data, name, content, message
):
    upload = SimpleUploadedFile(name, content)
    response = post(client, cluster_manager, practice_data, {"attachments": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PracticePage.objects.exists()
    assert not get_document_model().objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_oversized_attachments_are_refused(client, cluster_manager, practice_index, practice_data):
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)
    response = post(client, cluster_manager, practice_data, {"attachments": upload})
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_a_real_pdf_is_attached_and_served_by_wagtail_once_approved(
    client, cluster_manager, moderator, practice_index, practice_data
):
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    response = post(client, cluster_manager, practice_data, {"attachments": upload})
    assert response.status_code == 302
    page = PracticePage.objects.get()
    attachments = list(page.get_latest_revision_as_object().attachments.all())
    assert len(attachments) == 1
    document = attachments[0].document
    assert document.file_extension == "pdf"
    assert document.url.startswith("/documents/")
    # Not downloadable while the practice waits for moderation: not by the author, not by
    # an anonymous visitor who has the link.
    assert client.get(document.url).status_code != 200
    client.logout()
    assert client.get(document.url).status_code != 200
    # A moderator can open it to review it.
    client.force_login(moderator)
    assert client.get(document.url).status_code == 200
    client.logout()

    # Approved: the file is public.
    from wagtail.models import WorkflowState

    task_state = WorkflowState.objects.active().for_instance(page).get().current_task_state
    client.force_login(moderator)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    client.logout()
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF-")


def test_validate_attachment_accepts_office_and_text_files():
    validate_attachment(SimpleUploadedFile("table.xlsx", b"PK\x03\x04rest"))
    validate_attachment(SimpleUploadedFile("data.csv", "año;valor\n2024;3\n".encode()))


def test_invalid_listing_filters_are_ignored_not_errors(client, practice_index):
    response = client.get("/practices/?country=XX&topic=abc&page=999&sector=ZZZZZZ")
    assert response.status_code == 200
