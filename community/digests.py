"""The weekly digest: for each member who follows something and has not switched the digest
off, what is new (published since their last digest) under the tags, topics and initiatives
they follow, gathered through ``portal.tagging.tagged_types()`` so every app's content takes
part, and sent in the member's language."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone, translation

from portal.emails import (
    absolute_url,
    display_name,
    language_of,
    page_url,
    send_templated_email,
    site_base_url,
    url_for,
)
from portal.tagging import tagged_types
from portal.unsubscribe import unsubscribe_url

from .models import Follow, MemberProfile

DIGEST_INTERVAL = timedelta(days=7)
ITEMS_PER_TYPE = 10


def _request_for(user, language):
    request = RequestFactory().get("/", HTTP_HOST=urlsplit(site_base_url()).netloc or "localhost")
    request.user = user or AnonymousUser()
    request.LANGUAGE_CODE = language
    return request


def _date_field(model):
    """When an item became public: a model may name it (``digest_date_field``: a question
    answered and published weeks after it was asked), else the first of the usual fields."""
    named = getattr(model, "digest_date_field", None)
    if named:
        return named
    names = {f.name for f in model._meta.get_fields()}
    for name in ("first_published_at", "created_at", "date_joined"):
        if name in names:
            return name
    return None


def _url_of(item, language):
    """Pages on the email base, in the reader's translation when there is one; other objects
    (member profiles) through their ``get_absolute_url``, reversed in the reader's language."""
    if hasattr(item, "get_url_parts"):
        return page_url(item, language=language)
    absolute = getattr(item, "get_absolute_url", None)
    return absolute_url(absolute()) if callable(absolute) else ""


def _followed_tags(follows):
    """Tags followed directly, plus the tags of followed pages (a topic's or an initiative's
    tags), each with the name of what it came from."""
    tags = {}
    pages = []
    for follow in follows:
        if follow.tag_id:
            tags.setdefault(follow.tag_id, (follow.tag, follow.tag.label))  # reader's language
        elif follow.page_id:
            pages.append(follow.page.specific)
    for page in pages:
        manager = getattr(page, "tags", None)
        if manager is None:
            continue
        for tag in manager.all():
            tags.setdefault(tag.pk, (tag, page.title))
    return list(tags.values()), pages


def digest_content(*, user, since):
    """``[{"label", "items": [{"title", "url", "via"}]}]`` of what is new for ``user``
    since ``since``; empty if nothing. Call inside the member's language."""
    follows = list(Follow.objects.filter(user=user).select_related("tag", "page"))
    if not follows:
        return []
    tags, pages = _followed_tags(follows)
    language = translation.get_language()
    request = _request_for(user, language)
    sections = []
    for tagged in tagged_types():
        seen, items = set(), []
        for tag, via in tags:
            queryset = tagged.items_for_tag(tag, request)
            date_field = _date_field(queryset.model)
            if date_field is None:
                continue
            new = queryset.filter(**{f"{date_field}__gt": since})
            if queryset.model is MemberProfile:
                new = new.exclude(user=user)
            for item in new[:ITEMS_PER_TYPE]:
                key = (type(item).__name__, item.pk)
                if key in seen:
                    continue
                seen.add(key)
                items.append({"title": str(item), "url": _url_of(item, language), "via": via})
            if len(items) >= ITEMS_PER_TYPE:
                break
        if items:
            sections.append({"label": str(tagged.label), "items": items[:ITEMS_PER_TYPE]})
    updated = [
        {"title": page.title, "url": page_url(page, language=language), "via": page.title}
        for page in pages
        if page.live and page.last_published_at and page.last_published_at > since
    ]
    if updated:
        from django.utils.translation import gettext

        sections.append({"label": gettext("Updated pages you follow"), "items": updated})
    return sections


def send_digest(*, profile, now=None, force=False):
    """Send one member's digest if it is due and there is something new. Returns True if an
    email was sent."""
    now = now or timezone.now()
    user = profile.user
    if not (profile.digest_enabled and user.is_active and user.email):
        return False
    if not force and profile.last_digest_at and now - profile.last_digest_at < DIGEST_INTERVAL:
        return False
    since = profile.last_digest_at or (now - DIGEST_INTERVAL)
    language = language_of(user)
    with translation.override(language):
        sections = digest_content(user=user, since=since)
    if not sections:
        return False
    send_templated_email.enqueue(
        to=[user.email],
        template="community/emails/digest",
        context={
            "name": display_name(user),
            "sections": sections,
            "following_url": url_for("community:following", language=language),
            "settings_url": url_for("community:profile_edit", language=language),
            "unsubscribe_url": unsubscribe_url(user, language=language),
        },
        language=language,
    )
    profile.last_digest_at = now
    profile.save(update_fields=["last_digest_at"])
    return True


def send_digests(*, now=None, force=False):
    """Every member's digest. Returns (sent, considered)."""
    user_ids = Follow.objects.values("user_id").distinct()
    profiles = MemberProfile.objects.filter(
        user_id__in=user_ids, digest_enabled=True, user__is_active=True
    ).select_related("user")
    sent = considered = 0
    for profile in profiles.iterator(chunk_size=500):
        considered += 1
        if send_digest(profile=profile, now=now, force=force):
            sent += 1
    return sent, considered
