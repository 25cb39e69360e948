"""Demo data of the stewardship part: two partner organisations with a verifier each, a few
verified initiatives, and some stale ones with reminders (one close to being archived).
Idempotent; runs after the registry's own demo (``order=25``)."""

import datetime

from django.conf import settings
from django.utils import timezone

from allauth.account.models import EmailAddress

from accounts.models import User

from .models import (
    FreshnessReminder,
    InitiativePage,
    InitiativeVerification,
    PartnerOrganisation,
    Verifier,
)

PARTNERS = [
    # name, kind, website, verifier username, first, last, countries, regions
    (
        "Cámara de Comercio de Medellín para Antioquia",
        PartnerOrganisation.Kind.CHAMBER,
        "https://www.camaramedellin.com.co",
        "verifier",
        "Valeria",
        "Verificadora",
        ["CO"],
        "Antioquia",
    ),
    (
        "Secretaría de Economía de México",
        PartnerOrganisation.Kind.MINISTRY,
        "https://www.gob.mx/se",
        "verifier_mx",
        "Víctor",
        "Verificador",
        ["MX"],
        "",
    ),
]


def _user(username, first, last, debug):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@example.org",
            "first_name": first,
            "last_name": last,
            "preferred_language": "es",
        },
    )
    if created:
        if debug:
            user.set_password(settings.DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        from django.contrib.auth.models import Group

        user.groups.add(*Group.objects.filter(name="Members"))
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def load(*, rng, stdout, scale, debug):
    now = timezone.now()
    verifiers = []
    for name, kind, website, username, first, last, countries, regions in PARTNERS:
        organisation, _ = PartnerOrganisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "website": website}
        )
        verifier, _ = Verifier.objects.get_or_create(
            user=_user(username, first, last, debug),
            defaults={"organisation": organisation, "countries": countries, "regions": regions},
        )
        verifiers.append(verifier)

    pages = InitiativePage.objects.live().filter(locale__language_code="en").order_by("pk")
    verified = 0
    for verifier in verifiers:
        for index, page in enumerate(pages.filter(verifier.territory())[:4]):
            if index == 3:  # one left unverified in each territory, for the verifier to do
                break
            _, created = InitiativeVerification.objects.get_or_create(
                initiative=page,
                organisation=verifier.organisation,
                outcome=InitiativeVerification.Outcome.CONFIRMED,
                defaults={
                    "verifier": verifier.user,
                    "verified_at": now - datetime.timedelta(days=20 + 30 * index),
                },
            )
            verified += created

    # Stale records: verified long ago, with reminders (the last one close to archiving).
    stale = list(pages.exclude(verifications__isnull=False).filter(manager_links__isnull=False))
    stale = stale[:3] or list(pages.exclude(verifications__isnull=False)[:3])
    for number, page in enumerate(stale, start=1):
        if FreshnessReminder.objects.filter(initiative=page).exists():
            continue
        InitiativePage.objects.filter(pk=page.pk).update(
            last_verified_on=(now - datetime.timedelta(days=400 + 60 * number)).date()
        )
        for sent in range(number):
            FreshnessReminder.objects.create(
                initiative=page,
                sent_at=now - datetime.timedelta(days=5 + 30 * sent),
                recipients=1,
            )
    stdout.write(
        f"  stewardship: {len(verifiers)} verifiers, {verified} new verifications, "
        f"{len(stale)} stale initiatives with reminders"
    )
