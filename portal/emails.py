"""Every email the portal sends goes through :func:`send_templated_email`, run as a django-tasks
task so that a worker (or, by default, the request itself) delivers it, in the recipient's
language.

The helpers below are the one place that answers, for any email (the portal's and allauth's):

- which address links start with: :func:`site_base_url`, ``WAGTAILADMIN_BASE_URL`` when set
  (production must set it: ``check --deploy`` warns otherwise), else the default Wagtail
  ``Site``'s ``root_url`` (hostname and port; ``make run PORT=N`` sets the setting);
- which language the recipient reads: :func:`language_of`, the language they signed up in or
  chose in their profile (``User.preferred_language``), else the site's default;
- how to greet them: :func:`display_name`, their profile's display name, else their full name,
  else their username;
- where links go: :func:`url_for` reverses a view inside the recipient's language (``/es/...``)
  and :func:`page_url` prefers the recipient's translation of a page when it is live.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core import checks
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import translation

from django_tasks import task


def render_email(*, template, context, language):
    """Render ``<template>_subject.txt``, ``<template>_message.txt`` and, if it exists,
    ``<template>_message.html`` in ``language``."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        subject = " ".join(subject.splitlines())
        body = render_to_string(f"{template}_message.txt", context)
        try:
            html = render_to_string(f"{template}_message.html", context)
        except TemplateDoesNotExist:  # the HTML part is optional
            html = None
    return subject, body, html


@task()
def send_templated_email(*, to, template, context, language="", reply_to=None, attachments=None):
    """``to``: list of addresses; ``context``: JSON-serialisable values only (tasks may run in
    another process); ``attachments``: list of ``[filename, text content, mimetype]``."""
    subject, body, html = render_email(template=template, context=context, language=language)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=reply_to or None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
    return len(message.to)


# -- The recipient -----------------------------------------------------------------------------


def supported_language(code):
    """``code`` if the site speaks it (``"es"``, ``"pt"``...), else ``""``."""
    if not code:
        return ""
    code = code.split("-")[0].lower()
    return code if code in {lang for lang, _name in settings.LANGUAGES} else ""


def language_of(user):
    """The language ``user``'s emails are written in: their preferred language if the site
    speaks it, else the site's default."""
    return supported_language(getattr(user, "preferred_language", "")) or settings.LANGUAGE_CODE


def display_name(user):
    """How an email greets ``user``: the display name of their member profile (the community
    app's ``user.profile``, read without importing it), else their full name, else their
    username."""
    if user is None:
        return ""
    profile = getattr(user, "profile", None)  # a missing one-to-one raises AttributeError
    name = (getattr(profile, "display_name", "") or "").strip()
    return name or user.get_full_name() or user.username


# -- Links ---------------------------------------------------------------------------------------


def _default_site():
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).only("hostname", "port").first()


def site_base_url():
    """``scheme://host[:port]`` (no trailing slash) that every link in every email starts with:
    ``WAGTAILADMIN_BASE_URL`` when set, else the default Wagtail Site's hostname and port
    (``Site.root_url``: port 80 and 443 left out, https for 443)."""
    configured = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").strip().rstrip("/")
    if configured:
        return configured
    site = _default_site()
    return site.root_url if site else "http://localhost"


def absolute_url(path, *, base=None):
    """``path`` (``/es/events/...``) on :func:`site_base_url`; an address that already has a
    scheme and host is returned as it is; an empty one stays empty."""
    if not path:
        return ""
    if urlsplit(path).scheme:
        return path
    return (base or site_base_url()) + ("" if path.startswith("/") else "/") + path


def url_for(viewname, *, language, args=None, kwargs=None):
    """The absolute address of a view, under the URL prefix of ``language`` (``/es/``)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return absolute_url(reverse(viewname, args=args, kwargs=kwargs))


def localized_link(url, *, language):
    """``url`` (absolute or a path, built for whatever language was active) moved under
    ``language``'s prefix and onto :func:`site_base_url`. allauth builds its links from the
    request before it knows whom it writes to; this puts them where the recipient reads."""
    if not url:
        return ""
    parts = urlsplit(url)
    path = translate_url(parts.path or "/", language or settings.LANGUAGE_CODE)
    return absolute_url(urlunsplit(("", "", path, parts.query, parts.fragment)))


def localized_page(page, language):
    """The live translation of ``page`` in ``language`` if there is one, else ``page``
    (``portal.i18n.live_translation`` for a language code)."""
    from wagtail.models import Locale

    from .i18n import live_translation

    locale = Locale.objects.filter(language_code=language).first() if language else None
    return page if locale is None else live_translation(page, locale).specific


def page_url(page, *, language=None):
    """The absolute address of ``page`` for a reader of ``language``: their translation of the
    page when it is live, on :func:`site_base_url` (a page of another Wagtail site keeps that
    site's own root URL)."""
    if language:
        page = localized_page(page, language)
    parts = page.get_url_parts()
    if parts is None:  # not routable (no site, or a page outside every site's tree)
        return ""
    site_id, root_url, path = parts
    default = _default_site()
    if default is not None and site_id != default.pk:
        return root_url + path
    return absolute_url(path)


@checks.register(checks.Tags.security, deploy=True)
def check_base_url(app_configs=None, **kwargs):
    """``check --deploy``: production must say where emails link to."""
    if (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").strip():
        return []
    return [
        checks.Warning(
            "WAGTAILADMIN_BASE_URL is not set: links in emails would start with the default "
            "Wagtail Site's hostname and port, which are rarely the public address.",
            hint="Set WAGTAILADMIN_BASE_URL to the site's public address, for example "
            "WAGTAILADMIN_BASE_URL=https://articula.example.org.",
            id="portal.W001",
        )
    ]
