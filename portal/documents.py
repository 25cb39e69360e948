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
"""

import posixpath
import re
import secrets

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve as static_serve

from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve

# 96 random bits: the folder name cannot be guessed, and leaves room for the file's own name
# in the file field's 100 characters.
RANDOM_FOLDER_BYTES = 12


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
