"""The freshness loop: every initiative is confirmed by its managers once per interval
(``FreshnessSettings``, a site setting staff change in the admin).

``freshness_run()`` is what ``manage.py send_freshness_reminders`` does each day: a stale
initiative (not verified for ``interval_months``) with managers gets a reminder by email, one
every ``reminder_spacing_days`` at most, with a signed "still correct" link that needs no
sign-in and a link to update the record; after ``max_unanswered_reminders`` reminders nobody
answered it is archived (unpublished, kept in the open data as ``archived``) until a moderator
restores it. Running it twice the same day sends nothing twice: the spacing is counted from
the last reminder actually recorded."""

import datetime
import logging
from calendar import monthrange
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone, translation

from portal import page_cache
from portal.emails import display_name, language_of, page_url, send_templated_email, url_for
from portal.i18n import active_locale, localized
from portal.signed_links import read_signed_token, signed_token

from .models import (
    FreshnessReminder,
    FreshnessSettings,
    InitiativeArchive,
    InitiativeManager,
    InitiativePage,
)

logger = logging.getLogger(__name__)

SIGNED_ACTION = "initiative-still-correct"
TOKEN_MAX_AGE = datetime.timedelta(days=120)


def months_before(day, months):
    """``day`` minus ``months`` calendar months (the 31st falls back to the month's end)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def freshness_settings():
    """The site's settings, or the defaults. Not ``load()``: that creates the row on first
    use, and a write during a public GET (the observatory's "Records by state") would empty
    the page cache that was about to store the answer."""
    return FreshnessSettings.objects.order_by("pk").first() or FreshnessSettings()


def stale_cutoff(*, today=None, config=None):
    config = config or freshness_settings()
    return months_before(today or timezone.localdate(), config.interval_months)


def stale_filter(cutoff):
    """Initiatives not verified since ``cutoff`` (never verified: published before it). An
    initiative is its translation group: a live translation verified since ``cutoff`` (a
    manager confirmed the Spanish page, say) makes the whole group fresh.

    Written for 10,000 initiatives: the groups verified recently are one uncorrelated
    subquery (``NOT IN``, computed once; a correlated ``NOT EXISTS`` per page cost four times
    as much on SQLite), and "published before the cutoff day" compares ``first_published_at``
    with the local midnight of that day instead of casting every row to a date."""
    midnight = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time()))
    verified_since = InitiativePage.objects.filter(live=True, last_verified_on__gte=cutoff).values(
        "translation_key"
    )
    return (
        Q(last_verified_on__lt=cutoff)
        | Q(last_verified_on__isnull=True, first_published_at__lt=midnight)
    ) & ~Q(translation_key__in=verified_since)


def one_per_initiative(queryset):
    """One page per translation group (an initiative and its translations are one record):
    the page in the site's default language, else the original (``portal.i18n.localized``
    for the default locale, whatever the reader's language, so that the freshness run, the
    moderators' list and the admin panel all pick the same page and count the same)."""
    with translation.override(settings.LANGUAGE_CODE):
        locale = active_locale()
    return localized(queryset, locale)


def stale_initiatives(*, today=None, config=None, queryset=None):
    """THE definition of a stale record, used by the moderators' list, the freshness run, the
    admin home's panel and the observatory's "Records by state": live, not archived, one per
    translation group, not verified for ``FreshnessSettings.interval_months``. ``queryset``
    narrows the pages considered (the observatory's filters); default every initiative."""
    cutoff = stale_cutoff(today=today, config=config)
    pages = InitiativePage.objects.all() if queryset is None else queryset
    return one_per_initiative(pages.live().filter(archive__isnull=True)).filter(
        stale_filter(cutoff)
    )


def stale_list(*, today=None, config=None):
    """Stale initiatives (:func:`stale_initiatives`), oldest first, with their reminders
    counted (sent, answered, last sent) and whether anyone manages them (a manager of any of
    its translations): one query."""
    managers = InitiativeManager.objects.filter(page__translation_key=OuterRef("translation_key"))
    return (
        stale_initiatives(today=today, config=config)
        .annotate(
            reminders_sent=Count("freshness_reminders"),
            reminders_answered=Count(
                "freshness_reminders", filter=Q(freshness_reminders__answered_at__isnull=False)
            ),
            last_reminder_at=Max("freshness_reminders__sent_at"),
            has_managers=Exists(managers),
        )
        .order_by("last_verified_on", "first_published_at", "pk")
    )


def archived_list():
    return InitiativeArchive.objects.select_related("initiative").order_by("-archived_at")


# -- Confirming ----------------------------------------------------------------------------------


def still_correct_token(*, page, reminder, user):
    return signed_token(SIGNED_ACTION, page=page.pk, reminder=reminder.pk, user=user.pk)


def read_still_correct_token(token):
    """``(page, reminder, user_id)`` for a valid token, else ``None``."""
    payload = read_signed_token(token, SIGNED_ACTION, max_age=TOKEN_MAX_AGE)
    if not isinstance(payload, dict):
        return None
    reminder = (
        FreshnessReminder.objects.select_related("initiative")
        .filter(pk=payload.get("reminder"), initiative_id=payload.get("page"))
        .first()
    )
    if reminder is None:
        return None
    return reminder.initiative, reminder, payload.get("user")


def initiative_stamp_verified(*, page, by=None, now=None):
    """Record that ``page`` was found correct today: its ``last_verified_on`` (also in its
    latest revision, so that publishing that revision keeps the date) and every open reminder
    answered."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    InitiativePage.objects.filter(pk=page.pk).update(last_verified_on=today)
    page.last_verified_on = today
    revision = page.latest_revision
    if revision is not None and isinstance(revision.content, dict):
        revision.content["last_verified_on"] = today.isoformat()
        revision.save(update_fields=["content"])
    FreshnessReminder.objects.filter(initiative_id=page.pk, answered_at__isnull=True).update(
        answered_at=now, answered_by=by
    )
    page_cache.invalidate()  # update() sends no post_save


def initiative_confirm(*, page, user_id=None, now=None):
    """The "still correct" link: stamps the record, answered by the manager it was sent to
    (when they still manage it)."""
    by = (
        InitiativeManager.objects.filter(page_id=page.pk, user_id=user_id)
        .select_related("user")
        .first()
    )
    with transaction.atomic():
        initiative_stamp_verified(page=page, by=by.user if by else None, now=now)


# -- The daily run -------------------------------------------------------------------------------


@dataclass
class RunReport:
    reminded: int = 0
    archived: int = 0
    emails: int = 0


def group_managers(page):
    """The active managers with an address of ``page`` and its translations, once each."""
    links = (
        InitiativeManager.objects.filter(page__translation_key=page.translation_key)
        .select_related("user")
        .order_by("pk")
    )
    users = {link.user.pk: link.user for link in links}
    return [user for user in users.values() if user.is_active and user.email]


def reminder_send(*, page, now):
    """A reminder to every manager of ``page`` or of one of its translations, each in their
    language."""
    managers = group_managers(page)
    reminder = FreshnessReminder.objects.create(
        initiative=page, sent_at=now, recipients=len(managers)
    )
    for user in managers:
        language = language_of(user)
        token = still_correct_token(page=page, reminder=reminder, user=user)
        send_templated_email.enqueue(
            to=[user.email],
            template="registry/emails/freshness_reminder",
            language=language,
            context={
                "name": page.title,
                "reader": display_name(user),
                "last_verified_on": page.last_verified_on.isoformat()
                if page.last_verified_on
                else "",
                "page_url": page_url(page, language=language),
                "confirm_url": url_for(
                    "registry:still_correct", language=language, kwargs={"token": token}
                ),
                "edit_url": url_for("registry:edit", language=language, kwargs={"pk": page.pk}),
            },
        )
    return reminder, len(managers)


def initiative_archive(*, page, now, reason=""):
    """Archive ``page`` with its live translations (an initiative is its translation group:
    archiving the English page alone would leave the Spanish one on the map, to be reminded
    and archived in a cycle of its own)."""
    with transaction.atomic():
        group = InitiativePage.objects.filter(translation_key=page.translation_key).filter(
            Q(live=True) | Q(pk=page.pk)
        )
        for member in group.order_by("pk"):
            InitiativeArchive.objects.get_or_create(
                initiative=member, defaults={"archived_at": now, "reason": reason}
            )
            if member.live:
                member.unpublish(log_action=True)


def initiative_restore(*, page, by, confirmed=False, now=None):
    """A moderator brings an archived initiative back, with the translations archived with it:
    published again as they were when archived (the page row keeps the last published
    content; a manager's newer draft stays a draft).

    The reminders nobody answered are closed (answered by the moderator), so the count that
    archived it starts again from zero and the next daily run cannot archive it at once. Then
    either the moderator ``confirmed`` the record with its manager (it counts as verified now:
    no longer stale) or a new cycle starts: the managers get a first reminder now, the next
    ones every ``reminder_spacing_days``, and only ``max_unanswered_reminders`` unanswered ones
    archive it again."""
    page = page.specific
    now = now or timezone.now()
    archives = InitiativeArchive.objects.filter(
        initiative__translation_key=page.translation_key
    ).select_related("initiative")
    pages = [archive.initiative.specific for archive in archives] or [page]
    with transaction.atomic():
        archives.delete()
        FreshnessReminder.objects.filter(
            initiative__translation_key=page.translation_key, answered_at__isnull=True
        ).update(answered_at=now, answered_by=by)
        for member in pages:
            member.save_revision(user=by, log_action=True).publish(user=by)
        if confirmed:
            initiative_stamp_verified(page=page, by=by, now=now)
            return
        stale = stale_initiatives(today=timezone.localdate(now))
        representative = stale.filter(translation_key=page.translation_key).first()
        if representative is not None:
            reminder_send(page=representative, now=now)


def freshness_run(*, now=None):
    """Send the reminders that are due and archive the records nobody confirmed."""
    now = now or timezone.now()
    config = freshness_settings()
    spacing = datetime.timedelta(days=config.reminder_spacing_days)
    report = RunReport()
    stale = stale_list(today=timezone.localdate(now), config=config).filter(has_managers=True)
    unanswered = Count(
        "freshness_reminders", filter=Q(freshness_reminders__answered_at__isnull=True)
    )
    for page in stale.annotate(unanswered=unanswered).select_related("locale"):
        waited = page.last_reminder_at is None or page.last_reminder_at <= now - spacing
        if not waited:
            continue
        if page.unanswered >= config.max_unanswered_reminders:
            initiative_archive(
                page=page,
                now=now,
                reason=f"{page.unanswered} reminders unanswered",
            )
            report.archived += 1
            logger.info("freshness: archived initiative %s", page.pk)
        else:
            _reminder, sent = reminder_send(page=page, now=now)
            report.reminded += 1
            report.emails += sent
    return report
