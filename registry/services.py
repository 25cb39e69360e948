"""Writes of the registry: registration and editing through the moderation workflow, managers,
invitations, claims, and the index pages with their workflow."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import Locale

from allauth.account.models import EmailAddress

from portal import moderation, roles
from portal.emails import display_name, language_of, page_url, send_templated_email, url_for
from portal.moderation import is_moderator

from .models import (
    RESERVED_SLUGS,
    InitiativeClaim,
    InitiativeIndexPage,
    InitiativeManager,
    InitiativePage,
    ManagerInvitation,
    Source,
)

logger = logging.getLogger(__name__)

WORKFLOW_KEY = "registry"
WORKFLOW_NAME = "Registry moderation"  # the name it gets when created; moderators may rename it
TASK_NAME = "Moderators approve initiatives"
INDEX_SLUG = "initiatives"
INDEX_TITLES = {"en": "Initiatives", "es": "Iniciativas", "pt": "Iniciativas"}
INDEX_INTROS = {
    "en": "Cluster initiatives and other territorial productive-articulation initiatives.",
    "es": "Iniciativas clúster y otras iniciativas de articulación productiva territorial.",
    "pt": "Iniciativas de cluster e outras iniciativas de articulação produtiva territorial.",
}


# -- Index pages and workflow --------------------------------------------------------------


def registry_workflow(*, pages=()):
    """The "Registry moderation" workflow, found by its key (see ``portal.moderation``)."""
    return moderation.ensure_workflow(
        key=WORKFLOW_KEY, name=WORKFLOW_NAME, task_name=TASK_NAME, pages=pages
    )


def index_page_ensure_workflow(*, index_page):
    registry_workflow(pages=[index_page])


def index_pages_ensure():
    """The registry index page under the home page of every locale (slug ``initiatives``), each
    assigned to the "Registry moderation" workflow. Idempotent; returns the English one."""
    from portal.models import HomePage

    default_locale = Locale.get_default()
    home = HomePage.objects.filter(locale=default_locale).first()
    if home is None:
        return None
    index = InitiativeIndexPage.objects.child_of(home).first()
    if index is None:
        index = InitiativeIndexPage(
            title=INDEX_TITLES.get(default_locale.language_code, "Initiatives"),
            slug=INDEX_SLUG,
            intro=INDEX_INTROS.get(default_locale.language_code, ""),
            locale=default_locale,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    index_page_ensure_workflow(index_page=index)
    for locale in Locale.objects.exclude(pk=default_locale.pk):
        translated_home = HomePage.objects.filter(
            translation_key=home.translation_key, locale=locale
        ).first()
        if translated_home is None:
            continue
        translation = InitiativeIndexPage.objects.filter(
            translation_key=index.translation_key, locale=locale
        ).first()
        if translation is None:
            translation = index.copy_for_translation(locale, copy_parents=False)
            translation.title = INDEX_TITLES.get(locale.language_code, index.title)
            translation.draft_title = translation.title
            translation.intro = INDEX_INTROS.get(locale.language_code, index.intro)
            translation.slug = INDEX_SLUG
            translation.save_revision().publish()
        index_page_ensure_workflow(index_page=translation)
    return index


# -- Managers --------------------------------------------------------------------------------


def is_manager(*, page, user):
    if not user.is_authenticated:
        return False
    return InitiativeManager.objects.filter(page_id=page.pk, user=user).exists()


def user_can_edit(*, page, user):
    """Managers of the initiative, and staff who may edit pages in the admin."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if is_manager(page=page, user=user):
        from accounts.permissions import user_is_verified

        return user_is_verified(user)
    return is_moderator(user)


def manager_add(*, page, user):
    """``user`` may edit ``page`` from now on (a submitter edits their draft while it waits).
    The rights of a cluster manager (publishing practices) come only with a live initiative:
    at once if ``page`` is live, otherwise when a moderator publishes it."""
    InitiativeManager.objects.get_or_create(page_id=page.pk, user=user)
    if page.live:
        user.groups.add(_cluster_managers_group())


def _cluster_managers_group():
    return Group.objects.get_or_create(name=roles.CLUSTER_MANAGERS)[0]


def _withdraw_rights_unless_live(users):
    """Take the "Cluster managers" group from ``users`` who manage no live initiative."""
    keep = set(
        InitiativeManager.objects.filter(user__in=users, page__live=True).values_list(
            "user_id", flat=True
        )
    )
    group = _cluster_managers_group()
    for user in users:
        if user.pk not in keep:
            user.groups.remove(group)


def manager_rights_grant(*, page):
    """``page`` was published (a moderator approved it): its managers become cluster managers."""
    if page.live:
        group = _cluster_managers_group()
        for link in InitiativeManager.objects.filter(page_id=page.pk).select_related("user"):
            link.user.groups.add(group)


def manager_rights_withdraw(*, page):
    """``page`` was rejected or unpublished: its managers lose the rights it gave them, unless
    they still manage another live initiative."""
    users = [
        link.user
        for link in InitiativeManager.objects.filter(page_id=page.pk).select_related("user")
    ]
    _withdraw_rights_unless_live(users)


def manager_remove(*, page, user, by):
    """Remove ``user`` from the managers. A manager cannot remove the last manager (a moderator
    can)."""
    links = InitiativeManager.objects.filter(page_id=page.pk)
    if not links.filter(user=user).exists():
        raise ValidationError(_("This person is not a manager of the initiative."))
    if links.count() == 1 and not is_moderator(by):
        raise ValidationError(_("An initiative needs at least one manager."))
    links.filter(user=user).delete()
    _withdraw_rights_unless_live([user])


# -- Registration and editing ----------------------------------------------------------------


def slug_for(title, *, parent):
    base = slugify(title)[:70] or "initiative"
    if base in RESERVED_SLUGS:
        base = f"{base}-initiative"
    slug, suffix = base, 1
    siblings = parent.get_children()
    while siblings.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def workflow_submit(*, page, user):
    """Submit the latest revision of ``page`` to the "Registry moderation" workflow (replacing
    a submission still in moderation, see ``portal.moderation``)."""
    return moderation.workflow_submit(
        page=page, user=user, workflow=page.get_workflow() or registry_workflow()
    )


@transaction.atomic
def initiative_register(*, user, page, index_page):
    """``page``: an unsaved ``InitiativePage`` (from the form, with its tags and indicators in
    memory). It becomes a draft under ``index_page``, ``user`` becomes its manager (able to edit
    it; the rights of a cluster manager wait for a moderator's approval), and it is submitted to
    moderation. Never published here."""
    page.slug = slug_for(page.title, parent=index_page)
    page.live = False
    page.source = Source.FORM
    page.owner = user
    page.locale = index_page.locale
    page.last_verified_on = timezone.now().date()
    index_page.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    manager_add(page=page, user=user)
    workflow_submit(page=page, user=user)
    return page


@transaction.atomic
def initiative_update(*, user, page):
    """``page``: the edited ``InitiativePage`` (the latest revision as an object, changed by the
    form in memory). Saves a new revision and submits it to moderation; a live page keeps its
    published version until a moderator approves."""
    if not user_can_edit(page=page, user=user):
        raise PermissionDenied
    page.last_verified_on = timezone.now().date()
    page.save_revision(user=user, log_action=True)
    workflow_submit(page=page, user=user)
    return page


# -- Moderation side effects (the email is portal.moderation.notify_submitter) -------------


def on_page_published(sender, instance, **kwargs):
    manager_rights_grant(page=instance)


def on_page_unpublished(sender, instance, **kwargs):
    manager_rights_withdraw(page=instance)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    page = getattr(instance.content_object, "specific", None)
    if isinstance(page, InitiativePage):
        manager_rights_withdraw(page=page)


# -- Invitations -----------------------------------------------------------------------------


def invitation_create(*, page, email, by):
    email = email.strip().lower()
    if InitiativeManager.objects.filter(page_id=page.pk, user__email__iexact=email).exists():
        raise ValidationError(_("This person already manages the initiative."))
    invitation = ManagerInvitation.objects.filter(
        page_id=page.pk, email__iexact=email, state=ManagerInvitation.State.PENDING
    ).first() or ManagerInvitation.objects.create(page_id=page.pk, email=email, invited_by=by)
    user = get_user_model().objects.filter(email__iexact=email).first()
    # Someone without an account yet reads the inviter's language.
    language = language_of(user) if user else language_of(by)
    send_templated_email.enqueue(
        to=[email],
        template="registry/emails/invitation",
        context={
            "name": display_name(user),  # "" for an address without an account
            "inviter": display_name(by),
            "title": page.title,
            "url": url_for(
                "registry:accept_invitation", language=language, args=[invitation.token]
            ),
        },
        language=language,
    )
    return invitation


def invitation_accept(*, invitation, user):
    if invitation.state != ManagerInvitation.State.PENDING:
        raise ValidationError(_("This invitation is no longer valid."))
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        raise ValidationError(
            _("This invitation was sent to %(email)s: sign in with that verified address.")
            % {"email": invitation.email}
        )
    with transaction.atomic():
        manager_add(page=invitation.page, user=user)
        invitation.state = ManagerInvitation.State.ACCEPTED
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["state", "accepted_at"])
    return invitation


def invitation_cancel(*, invitation):
    invitation.state = ManagerInvitation.State.CANCELLED
    invitation.save(update_fields=["state"])


# -- Claims ----------------------------------------------------------------------------------


def claim_create(*, page, user, message):
    if InitiativeManager.objects.filter(page_id=page.pk).exists():
        raise ValidationError(_("This initiative already has a manager: contact them instead."))
    if InitiativeClaim.objects.filter(
        page_id=page.pk, user=user, state=InitiativeClaim.State.PENDING
    ).exists():
        raise ValidationError(_("You already asked to manage this initiative."))
    return InitiativeClaim.objects.create(page_id=page.pk, user=user, message=message)


def _claim_decide(*, claim, by, comment, state, template):
    if claim.state != InitiativeClaim.State.PENDING:
        raise ValidationError(_("This claim has already been decided."))
    claim.state = state
    claim.moderator_comment = comment
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.save()
    language = language_of(claim.user)
    send_templated_email.enqueue(
        to=[claim.user.email],
        template=template,
        context={
            "name": display_name(claim.user),
            "title": claim.page.title,
            "url": page_url(claim.page, language=language),
            "comment": comment,
        },
        language=language,
    )
    return claim


@transaction.atomic
def claim_approve(*, claim, by, comment=""):
    claim = _claim_decide(
        claim=claim,
        by=by,
        comment=comment,
        state=InitiativeClaim.State.APPROVED,
        template="registry/emails/claim_approved",
    )
    manager_add(page=claim.page, user=claim.user)
    return claim


def claim_reject(*, claim, by, comment=""):
    return _claim_decide(
        claim=claim,
        by=by,
        comment=comment,
        state=InitiativeClaim.State.REJECTED,
        template="registry/emails/claim_rejected",
    )
