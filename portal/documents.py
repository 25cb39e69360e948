"""Documents (Wagtail's, attached to practices, events...) are served only through Wagtail's
document view, which checks the collection's privacy (files of a submission awaiting
moderation are restricted to moderators, see knowledge/services.py), never by a media URL:

- ``WAGTAILDOCS_SERVE_METHOD = "serve_view"`` (settings): the view streams the file, even from
  object storage, instead of redirecting to the storage's public URL;
- :func:`randomise_file_name`: a file is stored as ``documents/<random>/<its name>``, so that a
  media URL cannot be guessed from the name (the download keeps its name);
- :func:`public_media_urlpatterns`: in development, Django serves the media folder except
  ``documents/``; in production the proxy must not serve it either (README, Deployment);
- :func:`serve`: Wagtail's view without its ``Content-Encoding: None`` header.

What members may upload with their content (practices, discussion posts) follows one set of
rules, kept here for every app:

- :func:`validate_attachment` / :func:`validate_attachments`: extension, size and content;
  :class:`MultipleFileField`, the form field of several files;
- :func:`public_collection` / :func:`private_collection`: files of content awaiting
  moderation sit in a private collection (restricted to the Moderators group, so the document
  view refuses them to anyone else) and move to the public one when it is published
  (:func:`documents_move`); :func:`documents_store` saves the uploads as documents.
"""

import posixpath
import re
import secrets

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.urls import re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve as static_serve

from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.models import Collection, CollectionViewRestriction

from . import roles

# 96 random bits: the folder name cannot be guessed, and leaves room for the file's own name
# in the file field's 100 characters.
RANDOM_FOLDER_BYTES = 12

# What the start of a file must look like for each accepted extension.
ZIP_MAGIC = b"PK\x03\x04"
MAGIC_BYTES = {
    "pdf": [b"%PDF-"],
    "docx": [ZIP_MAGIC],
    "xlsx": [ZIP_MAGIC],
    "pptx": [ZIP_MAGIC],
    "odt": [ZIP_MAGIC],
    "ods": [ZIP_MAGIC],
    "odp": [ZIP_MAGIC],
}
TEXT_EXTENSIONS = {"txt", "csv"}
MARKUP_SIGNS = (b"<script", b"<html", b"<!doctype", b"<svg", b"<?php", b"<iframe")


def documents_folder():
    """The media folder of documents (``upload_to`` of the document model's file field)."""
    return str(get_document_model()._meta.get_field("file").upload_to).strip("/")


def randomise_file_name(sender, instance, raw=False, **kwargs):
    """``pre_save`` of the document model: a newly uploaded file goes to a random folder. This
    runs before the file field saves the upload, for any storage (the file system, or object
    storage through ``DJANGO_MEDIA_STORAGE``), without a custom document model or migration."""
    file = instance.file
    if raw or not file or file._committed:
        return
    file.name = f"{secrets.token_urlsafe(RANDOM_FOLDER_BYTES)}/{posixpath.basename(file.name)}"


def serve(request, document_id, document_filename):
    """Wagtail's document view. Its ``sendfile`` copies the encoding guessed from the file name
    into ``Content-Encoding`` even when there is none, which sends a literal ``None``."""
    response = wagtail_serve(request, document_id, document_filename)
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    return response


def serve_public_media(request, path):
    """Development only: the media folder, except documents (served by :func:`serve` only)."""
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if normalised.split("/", 1)[0].lower() == documents_folder().lower():
        raise Http404
    return static_serve(request, normalised, document_root=settings.MEDIA_ROOT)


def public_media_urlpatterns():
    """The development media route (like ``django.conf.urls.static.static``, without
    documents); nothing outside DEBUG or when media live on another host."""
    prefix = settings.MEDIA_URL
    if not settings.DEBUG or not prefix or "://" in prefix:
        return []
    return [re_path(rf"^{re.escape(prefix.lstrip('/'))}(?P<path>.*)$", serve_public_media)]


# -- Uploads: the rules every member upload follows ------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none was sent)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def validate_attachment(upload):
    """Extension in WAGTAILDOCS_EXTENSIONS, size within WAGTAILDOCS_MAX_UPLOAD_SIZE, and
    content that matches the extension (a PDF starts with %PDF-, Office files are zip
    archives, text files are UTF-8 text without markup)."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(
            _("“%(name)s”: this type of file is not accepted. Accepted: %(allowed)s."),
            params={"name": name, "allowed": ", ".join(allowed)},
            code="extension",
        )
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s; the limit is %(limit)s)."),
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
            code="size",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty."), params={"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if extension in MAGIC_BYTES:
        if not any(head.startswith(magic) for magic in MAGIC_BYTES[extension]):
            raise ValidationError(
                _("“%(name)s” is not a real .%(extension)s file."),
                params={"name": name, "extension": extension},
                code="content",
            )
    elif extension in TEXT_EXTENSIONS:
        lowered = head.lower()
        try:
            head.decode("utf-8")
            is_text = b"\x00" not in head
        except UnicodeDecodeError:
            # The 2 KB cut may split a character: accept a truncated last sequence only.
            is_text = b"\x00" not in head and len(head) == 2048
        if not is_text or any(sign in lowered for sign in MARKUP_SIGNS):
            raise ValidationError(
                _("“%(name)s” is not a plain text file."), params={"name": name}, code="content"
            )


def validate_attachments(uploads):
    """Every upload of a :class:`MultipleFileField` checked by :func:`validate_attachment`;
    one ``ValidationError`` listing every refused file."""
    errors = []
    for upload in uploads:
        try:
            validate_attachment(upload)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return uploads


def public_collection(name):
    """The collection ``name`` under the root (created on first use), readable by anyone."""
    collection = Collection.objects.filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    return collection


def private_collection(name):
    """The collection ``name``, restricted to the Moderators group: Wagtail's document view
    refuses its files to anyone else (content awaiting moderation must not be downloadable
    by whoever has the link)."""
    collection = public_collection(name)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name=roles.MODERATORS))
    return collection


def documents_store(*, uploads, user, collection):
    """Each upload saved as a document of ``collection`` (titled after its file name)."""
    Document = get_document_model()
    documents = []
    for upload in uploads:
        document = Document(
            title=upload.name.rsplit(".", 1)[0][:255] or upload.name,
            file=upload,
            collection=collection,
            uploaded_by_user=user,
        )
        document.file_size = upload.size
        document.save()
        documents.append(document)
    return documents


def documents_move(*, document_ids, source, target):
    """The documents ``document_ids`` that are in ``source`` move to ``target`` (one update)."""
    document_ids = list(document_ids)
    if not document_ids:
        return 0
    return (
        get_document_model()
        .objects.filter(pk__in=document_ids, collection=source)
        .update(collection=target)
    )
