"""Verification by partner organisations: a verifier (``Verifier``: a user, their organisation,
a territory of countries and optional regions) confirms the initiatives of their territory or
flags a problem to the moderators. Verifying gives no right to edit: the edit views ask for a
manager or a moderator, as before.

The latest confirmation shows on the initiative's page ("Verified by <organisation> on
<date>"), in the open data (``verified_by``, ``verified_on``), the registry's ``verified``
filter and the observatory's share of verified initiatives by country."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from django_countries import countries

from portal.emails import display_name, language_of, page_url, send_templated_email, url_for
from portal.moderation import MODERATE_PERMISSION

from . import freshness
from .models import InitiativePage, InitiativeVerification, Verifier

CONFIRMED = InitiativeVerification.Outcome.CONFIRMED
FLAGGED = InitiativeVerification.Outcome.FLAGGED


def verifier_get(user):
    """The ``Verifier`` of ``user`` (with their organisation), or ``None``."""
    if not user.is_authenticated:
        return None
    return Verifier.objects.select_related("organisation").filter(user=user).first()


def in_territory(*, verifier, page):
    return InitiativePage.objects.filter(pk=page.pk).filter(verifier.territory()).exists()


def _confirmations():
    return InitiativeVerification.objects.filter(
        initiative_id=OuterRef("pk"), outcome=CONFIRMED
    ).order_by("-verified_at", "-pk")


def with_verification(queryset):
    """Annotate each initiative with its latest confirmation: ``verified_by`` (the
    organisation's name, "" when none) and ``verified_on`` (a date, or ``None``): subqueries,
    no extra query."""
    latest = _confirmations()
    return queryset.annotate(
        verified_by=Coalesce(
            Subquery(latest.values("organisation__name")[:1]), Value(""), output_field=CharField()
        ),
        verified_on=TruncDate(Subquery(latest.values("verified_at")[:1])),
    )


def with_record_state(queryset):
    """``record_state``: ``"published"``, or ``"archived"`` for records the freshness loop
    took off the site."""
    return queryset.annotate(
        record_state=Case(
            When(live=True, then=Value("published")),
            default=Value("archived"),
            output_field=CharField(),
        )
    )


def open_data_annotations(queryset):
    return with_record_state(with_verification(queryset))


def verified_filter(queryset, verified):
    """``verified`` True: initiatives with a confirmation; False: those without."""
    confirmed = Exists(
        InitiativeVerification.objects.filter(initiative_id=OuterRef("pk"), outcome=CONFIRMED)
    )
    return queryset.filter(confirmed if verified else ~confirmed)


def territory_list(*, verifier):
    """The live initiatives of a verifier's territory, with their latest confirmation."""
    queryset = InitiativePage.objects.live().filter(verifier.territory())
    return with_verification(queryset).order_by("country", "region", "title", "pk")


def latest_confirmation(page):
    return (
        InitiativeVerification.objects.filter(initiative_id=page.pk, outcome=CONFIRMED)
        .select_related("organisation")
        .order_by("-verified_at", "-pk")
        .first()
    )


def _check_scope(*, verifier, page):
    if verifier is None or not in_territory(verifier=verifier, page=page):
        raise PermissionDenied(_("This initiative is outside your territory."))


def verification_confirm(*, verifier, page, note="", now=None):
    """A verifier confirms ``page``: recorded for their organisation, and the record counts as
    verified today (its open freshness reminders answered)."""
    _check_scope(verifier=verifier, page=page)
    now = now or timezone.now()
    with transaction.atomic():
        verification = InitiativeVerification.objects.create(
            initiative=page,
            organisation=verifier.organisation,
            verifier=verifier.user,
            outcome=CONFIRMED,
            verified_at=now,
            note=note,
        )
        freshness.initiative_stamp_verified(page=page, by=verifier.user, now=now)
        confirmation_notify(page=page, verification=verification)
    return verification


def confirmation_notify(*, page, verification):
    """Tell the initiative's managers (of the page or one of its translations), each in their
    language, that a partner organisation verified it, with the line the page now shows."""
    for user in freshness.group_managers(page):
        language = language_of(user)
        with translation.override(language):
            day = formats.date_format(timezone.localdate(verification.verified_at), "DATE_FORMAT")
        send_templated_email.enqueue(
            to=[user.email],
            template="registry/emails/verification_confirmed",
            language=language,
            context={
                "name": display_name(user),
                "title": page.title,
                "organisation": verification.organisation.name,
                "date": day,
                "url": page_url(page, language=language),
            },
        )


def moderators():
    User = get_user_model()
    app_label, codename = MODERATE_PERMISSION.split(".")
    perm = Q(content_type__app_label=app_label, codename=codename)
    from django.contrib.auth.models import Permission

    permissions = Permission.objects.filter(perm)
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permissions)
            | Q(user_permissions__in=permissions)
        )
        .exclude(email="")
        .distinct()
    )


def _admin_link(page, *, language):
    """The page in the admin, through the sign-in page in ``language``: the admin's URLs have
    no language prefix, so a signed-out moderator would land on the English sign-in page; the
    sign-in page sends a signed-in one straight on."""
    return (
        url_for("account_login", language=language)
        + "?next="
        + reverse("wagtailadmin_pages:edit", args=[page.pk])
    )


def verification_flag(*, verifier, page, note, now=None):
    """A verifier reports a problem: recorded, and every moderator gets an email."""
    _check_scope(verifier=verifier, page=page)
    if not note.strip():
        raise ValidationError({"note": _("Describe the problem for the moderators.")})
    with transaction.atomic():
        verification = InitiativeVerification.objects.create(
            initiative=page,
            organisation=verifier.organisation,
            verifier=verifier.user,
            outcome=FLAGGED,
            verified_at=now or timezone.now(),
            note=note.strip(),
        )
        for user in moderators():
            language = language_of(user)
            send_templated_email.enqueue(
                to=[user.email],
                template="registry/emails/verification_flag",
                language=language,
                context={
                    "name": page.title,
                    "reader": display_name(user),
                    "organisation": verifier.organisation.name,
                    "verifier": str(verifier.user),
                    "note": verification.note,
                    "admin_url": _admin_link(page, language=language),
                },
            )
    return verification


# -- The observatory -----------------------------------------------------------------------------


def verified_share_by_country(queryset):
    """``[(country code, country name, initiatives, verified)]``, most initiatives first:
    one grouped query."""
    confirmed = Exists(
        InitiativeVerification.objects.filter(initiative_id=OuterRef("pk"), outcome=CONFIRMED)
    )
    rows = (
        queryset.order_by()
        .annotate(is_verified=confirmed)
        .values("country")
        .annotate(total=Count("pk"), verified=Count("pk", filter=Q(is_verified=True)))
    )
    names = dict(countries)
    result = [
        (row["country"], names.get(row["country"], row["country"]), row["total"], row["verified"])
        for row in rows
    ]
    return sorted(result, key=lambda row: (-row[2], row[1]))


STAMPS = ("stamp_live", "stamp_verification")


def with_stamp(queryset):
    """Annotations the open data's ETag adds up (``selectors.fingerprint(..., sums=STAMPS)``):
    archiving changes ``live`` and a confirmation adds a row, neither of which moves the
    pages' ``last_published_at``. Part of the same aggregate query, none of its own."""
    latest = InitiativeVerification.objects.filter(initiative_id=OuterRef("pk")).order_by("-pk")
    return queryset.annotate(
        stamp_live=Case(When(live=True, then=Value(1)), default=Value(0)),
        stamp_verification=Coalesce(Subquery(latest.values("pk")[:1]), Value(0)),
    )
