"""Writes of joint projects: creation and editing through moderation, interest in a call for
partners, the lead's answer and the partner's confirmation. Every refusal is a
``ValidationError`` with a translated message, raised before anything is saved."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.permissions import user_is_verified
from portal import moderation
from portal.emails import display_name, language_of, send_templated_email, url_for
from portal.managed_pages import managed_page_ids, page_managers

from .models import RESERVED_SLUGS, PartnerInterest, ProjectPartner

WORKFLOW_KEY = "projects"
WORKFLOW_NAME = "Joint project moderation"
TASK_NAME = "Moderators approve joint projects"


def projects_workflow(*, pages=()):
    return moderation.ensure_workflow(
        key=WORKFLOW_KEY, name=WORKFLOW_NAME, task_name=TASK_NAME, pages=pages
    )


def index_page_ensure():
    """The ``/projects/`` index under the default language's home page, created (published,
    in the menu) when missing; ``setup_site`` translates it like every section. ``None``
    without a home page."""
    from django.utils import translation

    from wagtail.models import Locale

    from portal.models import HomePage

    from .models import ProjectIndexPage

    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        return None
    index = ProjectIndexPage.objects.child_of(home).first()
    if index is None:
        with translation.override(home.locale.language_code):
            index = ProjectIndexPage(title=_("Joint projects"), slug="projects", show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    projects_workflow(pages=[index])
    return index


# -- Rights ------------------------------------------------------------------------------------


def lead_initiative_ids(user):
    """The live initiatives ``user`` manages: the ones that may lead a new project."""
    if not user.is_authenticated or not user_is_verified(user):
        return set()
    return managed_page_ids(user, live_only=True)


def user_can_create(*, user):
    return bool(lead_initiative_ids(user))


def user_can_edit(*, project, user):
    """The lead initiative's managers (verified), moderators and superusers."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or moderation.is_moderator(user):
        return True
    return bool(project.lead_initiative_id) and project.lead_initiative_id in lead_initiative_ids(
        user
    )


def user_leads(*, project, user):
    """Whether ``user`` manages the project's lead initiative (answers interest)."""
    return bool(project.lead_initiative_id) and project.lead_initiative_id in managed_page_ids(user)


# -- Creation and editing ----------------------------------------------------------------------


def slug_for(title, *, parent):
    base = slugify(title)[:70] or "project"
    if base in RESERVED_SLUGS:
        base = f"{base}-project"
    slug, suffix = base, 1
    siblings = parent.get_children()
    while siblings.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def _submit(*, page, user):
    moderation.workflow_submit(
        page=page, user=user, workflow=page.get_workflow() or projects_workflow()
    )


@transaction.atomic
def project_create(*, user, page, index_page):
    """``page``: an unsaved ``ProjectPage`` from the form. It becomes a draft under
    ``index_page`` and goes to the moderators; never published here."""
    if page.lead_initiative_id not in lead_initiative_ids(user):
        raise PermissionDenied
    page.slug = slug_for(page.title, parent=index_page)
    page.live = False
    page.owner = user
    page.locale_id = index_page.locale_id
    index_page.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    _submit(page=page, user=user)
    return page


@transaction.atomic
def project_update(*, user, page):
    """``page``: the latest revision as an object, changed by the form. A new revision goes to
    moderation; a live project keeps its published version until a moderator approves."""
    if not user_can_edit(project=page, user=user):
        raise PermissionDenied
    page.save_revision(user=user, log_action=True)
    _submit(page=page, user=user)
    return page


# -- Calls for partners ------------------------------------------------------------------------


def _email(users, *, template, context):
    for user in users:
        if not (user.is_active and user.email):
            continue
        language = language_of(user)
        send_templated_email.enqueue(
            to=[user.email],
            template=template,
            context={
                "name": display_name(user),
                "dashboard_url": url_for("community:dashboard", language=language),
                **context,
            },
            language=language,
        )


@transaction.atomic
def interest_express(*, project, user, message, initiative=None):
    """``user`` would like to join ``project`` (for ``initiative``, one they manage, or for
    themselves). Refused: a project whose call is closed, the lead's own managers, an
    initiative already a partner, and a second interest from the same member."""
    if not project.live or not project.call_is_open:
        raise ValidationError(_("This project is not looking for partners at the moment."))
    if not (message or "").strip():
        raise ValidationError(_("Tell the project's lead why you would like to join."))
    if user_leads(project=project, user=user):
        raise ValidationError(
            _("You manage this project's lead initiative: it is your own project.")
        )
    if initiative is not None:
        if initiative.pk not in managed_page_ids(user):
            raise PermissionDenied
        if initiative.pk == project.lead_initiative_id:
            raise ValidationError(_("This initiative leads the project already."))
        if ProjectPartner.objects.filter(project=project, initiative=initiative).exists():
            raise ValidationError(_("This initiative is a partner of the project already."))
    if PartnerInterest.objects.filter(project=project, user=user).exists():
        raise ValidationError(_("You have already expressed interest in this project."))
    interest = PartnerInterest.objects.create(
        project=project, user=user, initiative=initiative, message=message.strip()
    )
    lead = project.lead_initiative
    _email(
        [u for u in (page_managers(lead) if lead else []) if u != user],
        template="projects/emails/interest",
        context={"project": project.title, "who": display_name(user), "message": interest.message},
    )
    return interest


@transaction.atomic
def interest_decide(*, interest, user, accept):
    """The lead's manager accepts or declines ``interest``. Accepting an interest made for an
    initiative adds that initiative as a partner: confirmed at once when ``user`` manages it
    too, otherwise waiting for its managers to confirm."""
    project = interest.project
    if not user_leads(project=project, user=user):
        raise PermissionDenied
    if interest.state != PartnerInterest.State.PENDING:
        raise ValidationError(_("This interest has been answered already."))
    interest.state = PartnerInterest.State.ACCEPTED if accept else PartnerInterest.State.DECLINED
    interest.decided_at = timezone.now()
    interest.decided_by = user
    interest.save(update_fields=["state", "decided_at", "decided_by"])
    partner = None
    if accept and interest.initiative_id:
        confirmed = timezone.now() if interest.initiative_id in managed_page_ids(user) else None
        partner, _created = ProjectPartner.objects.get_or_create(
            project=project,
            initiative_id=interest.initiative_id,
            defaults={"confirmed_at": confirmed},
        )
    _email(
        [interest.user],
        template="projects/emails/interest_" + ("accepted" if accept else "declined"),
        context={"project": project.title},
    )
    return partner


@transaction.atomic
def partner_confirm(*, partner, user, confirm):
    """A manager of the partner initiative confirms the partnership (it is shown from now on)
    or turns it down (it is removed)."""
    if partner.initiative_id not in managed_page_ids(user):
        raise PermissionDenied
    if partner.confirmed_at is not None:
        raise ValidationError(_("This partnership is confirmed already."))
    if confirm:
        partner.confirmed_at = timezone.now()
        partner.save(update_fields=["confirmed_at"])
        return partner
    partner.delete()
    return None
