"""Files attached to discussion posts follow the practices' rules: validated (extension, size,
content) with a translated error and nothing saved; private (moderators only) while the post
is held or hidden, public once published; listed under the post; in the member's data."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model

import pytest

from discussions import services
from discussions.models import PostAttachment, Reply, Status, Thread
from tests.factories.accounts import UserFactory
from tests.factories.discussions import ReplyFactory, ThreadFactory
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="study.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def thread_data(**extra):
    return {"title": "Input-output tables", "body": "<p>Which ones?</p>", "language": "en"} | extra


def test_thread_with_files_lists_them(client, seasoned):
    client.force_login(seasoned)
    csv = SimpleUploadedFile("figures.csv", b"year;value\n2024;3\n", "text/csv")
    response = client.post("/discussions/new/", thread_data(attachments=[pdf(), csv]))
    assert response.status_code == 302
    thread = Thread.objects.get(title="Input-output tables")
    names = sorted(a.document.filename for a in thread.attachments.select_related("document"))
    assert names == ["figures.csv", "study.pdf"]
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "study.pdf" in page and "(PDF, " in page and "figures.csv" in page
    document = thread.attachments.get(document__title="study").document
    client.logout()
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (SimpleUploadedFile("run.exe", b"MZ\x90\x00"), "this type of file is not accepted"),
        (SimpleUploadedFile("fake.pdf", b"<html>hi</html>"), "is not a real .pdf file"),
        (SimpleUploadedFile("page.txt", b"<script>alert(1)</script>"), "not a plain text file"),
        (SimpleUploadedFile("empty.pdf", b""), "is empty"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_saved(client, seasoned, upload, error):
    client.force_login(seasoned)
    before = Thread.objects.count()
    response = client.post("/discussions/new/", thread_data(attachments=[pdf(), upload]))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert Thread.objects.count() == before
    assert not get_document_model().objects.exists()
    assert not PostAttachment.objects.exists()


def test_too_large_file_is_refused_in_spanish(client, seasoned, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 20
    client.force_login(seasoned)
    response = client.post("/es/discussions/new/", thread_data(attachments=[pdf()]))
    assert response.status_code == 400
    assert "es demasiado grande" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_too_many_files_are_refused(client, seasoned):
    client.force_login(seasoned)
    files = [pdf(f"file{n}.pdf") for n in range(6)]
    response = client.post("/discussions/new/", thread_data(attachments=files))
    assert response.status_code == 400
    assert "5 attachments at most" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_bad_file_on_a_reply_saves_nothing(client, seasoned):
    thread = ThreadFactory()
    client.force_login(seasoned)
    response = client.post(
        f"/discussions/{thread.pk}/reply/",
        {"body": "See the file", "attachments": [SimpleUploadedFile("x.exe", b"MZ")]},
    )
    assert response.status_code == 400
    assert "this type of file is not accepted" in response.content.decode()
    assert not Reply.objects.exists()
    assert not get_document_model().objects.exists()


def test_reply_to_a_locked_thread_saves_no_file(client, seasoned):
    thread = ThreadFactory(locked=True)
    client.force_login(seasoned)
    response = client.post(
        f"/discussions/{thread.pk}/reply/", {"body": "Late", "attachments": [pdf()]}
    )
    assert response.status_code == 400
    assert not get_document_model().objects.exists()


def test_held_post_file_is_for_moderators_until_approved(client, member, other_member, moderator):
    """A member's first post waits for moderation: its file too."""
    client.force_login(member)
    client.post("/discussions/new/", thread_data(attachments=[pdf()]))
    thread = Thread.objects.get(author=member)
    assert thread.status == Status.PENDING
    document = thread.attachments.get().document
    assert "visible to moderators only" in client.get(thread.get_absolute_url()).content.decode()
    client.logout()
    # The document view refuses the file: anonymous visitors are sent to log in.
    assert client.get(document.url).status_code in (302, 403, 404)
    client.force_login(other_member)
    assert client.get(document.url).status_code in (302, 403, 404)
    client.force_login(moderator)
    assert client.get(document.url).status_code == 200
    # The moderator sees the file with the post they review.
    review = client.get(f"/admin/discussions/moderate/thread/{thread.pk}/").content.decode()
    assert "study.pdf" in review and "visible to moderators only" in review

    services.thread_moderate(moderator=moderator, thread=thread, action="publish", reason="OK")
    client.logout()
    assert client.get(document.url).status_code == 200

    services.thread_moderate(moderator=moderator, thread=thread, action="hide", reason="Spam")
    assert client.get(document.url).status_code != 200
    client.force_login(moderator)
    assert client.get(document.url).status_code == 200


def test_held_reply_file_goes_public_when_the_reply_is_published(
    client, member, moderator, other_member
):
    thread = ThreadFactory()
    client.force_login(member)
    response = client.post(
        f"/discussions/{thread.pk}/reply/", {"body": "Here it is", "attachments": [pdf()]}
    )
    assert response.status_code == 302
    reply = Reply.objects.get(author=member)
    assert reply.status == Status.PENDING
    document = reply.attachments.get().document
    client.force_login(other_member)
    assert client.get(document.url).status_code != 200
    services.reply_moderate(moderator=moderator, reply=reply, action="publish", reason="OK")
    assert client.get(document.url).status_code == 200
    # Hiding the whole thread makes its replies' files private again.
    services.thread_moderate(moderator=moderator, thread=thread, action="hide", reason="Off")
    assert client.get(document.url).status_code != 200


def test_merged_question_keeps_its_files(moderator, seasoned):
    source = ThreadFactory(author=seasoned)
    target = ThreadFactory()
    services._attach(uploads=[pdf()], user=seasoned, thread=source, public=True)
    services.thread_moderate(
        moderator=moderator, thread=source, action="merge", reason="Same", target=target
    )
    attachment = PostAttachment.objects.get()
    assert attachment.thread_id is None and attachment.reply.thread_id == target.pk


def test_member_data_lists_files(client, seasoned):
    thread = ThreadFactory(author=seasoned)
    services._attach(uploads=[pdf()], user=seasoned, thread=thread, public=True)
    reply = ReplyFactory(thread=ThreadFactory(), author=seasoned)
    services._attach(uploads=[pdf("answer.pdf")], user=seasoned, reply=reply, public=True)
    client.force_login(seasoned)
    files = client.get("/members/me/data.json").json()["discussions"]["attachments"]
    assert sorted(f["file"] for f in files) == ["answer.pdf", "study.pdf"]
    assert all(f["url"].startswith("http") and "/documents/" in f["url"] for f in files)


@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_page_queries_constant_with_attachments(client, member, signed_in):
    author = UserFactory()
    thread = ThreadFactory(author=author)
    services._attach(uploads=[pdf()], user=author, thread=thread, public=True)
    reply = ReplyFactory(thread=thread)
    services._attach(uploads=[pdf()], user=author, reply=reply, public=True)
    if signed_in:
        client.force_login(member)

    def grow():
        for _n in range(12):
            reply = ReplyFactory(thread=thread, author=UserFactory())
            services._attach(uploads=[pdf(), pdf("b.pdf")], user=author, reply=reply, public=True)

    assert_constant_queries(client, f"/discussions/{thread.pk}/", grow=grow, most=12)
