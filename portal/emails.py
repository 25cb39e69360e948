"""Every email the portal sends goes through :func:`send_templated_email`, run as a django-tasks
task so that a worker (or, by default, the request itself) delivers it, in the recipient's
language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
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


def language_of(user):
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
