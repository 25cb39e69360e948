"""Every email the site can send, written to a Spanish reader and to a Portuguese one, and
every link in it followed on the test server.

``EMAILS`` names each email by its templates and says how to make the site send it, through the
same service or page a person would use. For each one: the email is in the reader's language
and greets the reader by display name; every link starts with the one base of every email
(``portal.emails.site_base_url``) and stays under ``/es/`` (``/pt/``; the admin has no language
prefix); logged out, each link answers 200 or sends to the login page in that language (the one
documented exception: allauth's password-reset link redirects once to its own form, which keeps
the key out of the Referer header); as the recipient, it leads to a page that answers 200. A new
email template under an ``emails/`` folder fails ``test_every_email_template_is_covered`` until
it is added here.
"""

import datetime
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from wagtail.models import Locale

import pytest
from allauth.account.models import EmailAddress

from community import services as community
from community.digests import send_digest
from community.models import Follow
from discussions import digests as discussion_digests
from discussions import services as discussions
from discussions.models import DiscussionFollow
from events import services as events
from events.models import EventRegistration
from portal.emails import site_base_url
from portal.i18n import index_page
from portal.models import HomePage, Tag
from projects import services as projects
from registry import freshness, verification
from registry import services as registry
from registry.models import (
    InitiativeClaim,
    InitiativeIndexPage,
    InitiativeManager,
    InitiativePage,
)
from support import services as support
from tests.accounts.helpers import signup_data, translated
from tests.factories.accounts import UserFactory
from tests.factories.discussions import ReplyFactory, ThreadFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory, ProgramPageFactory
from tests.factories.projects import ProjectIndexPageFactory, ProjectPageFactory
from tests.factories.registry import InitiativePageFactory, VerifierFactory
from tests.factories.support import SupportRequestFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s<>\"'»”]+")
READER_NAME = "Lucía Pérez"


def translation_of(page, language):
    """The live translation of ``page`` in ``language``, made (with its missing ancestors) if
    needed."""
    locale = Locale.objects.get(language_code=language)
    for ancestor in [*page.get_ancestors()[1:], page]:
        ancestor = ancestor.specific
        if ancestor.get_translation_or_none(locale) is None:
            ancestor.copy_for_translation(locale).save_revision().publish()
    return page.get_translation(locale).specific


class World:
    """A reader in ``language`` (es, pt) with a display name, another member, and content in
    English and the reader's language."""

    def __init__(self, client, language):
        self.client = client
        self.language = language
        self.external_links = set()
        self.reader = UserFactory(
            username="lucia", preferred_language=language, groups=["Members", "Cluster managers"]
        )
        self.reader.profile.display_name = READER_NAME
        self.reader.profile.save()
        self.other = UserFactory(
            username="otro", first_name="Otto", preferred_language="en", groups=["Members"]
        )
        self.moderator = UserFactory(username="moderadora", groups=["Moderators"])
        self.home = HomePage.objects.get(locale__language_code="en")
        self.home_translated = translation_of(self.home, language)
        self.registry_index = registry.index_pages_ensure()
        self.initiative = InitiativePageFactory(
            parent=self.registry_index, title="Café de Colombia", slug="cafe", tags=["coffee"]
        )
        self.initiative.save_revision().publish()
        self.initiative_translated = translation_of(self.initiative, language)

    def event(self, **kwargs):
        index = EventIndexPageFactory(parent=self.home)
        program = ProgramPageFactory(parent=index, title="Programa", slug="programa")
        start = (timezone.now() + datetime.timedelta(hours=20)).replace(microsecond=0)
        event = EventPageFactory(
            parent=program, start=start, end=start + datetime.timedelta(hours=2), **kwargs
        )
        translation_of(event, self.language)
        self.external_links.add(event.join_url)
        return event

    def reader_index(self):
        return index_page(InitiativeIndexPage, Locale.objects.get(language_code=self.language))


# -- How to make the site send each email; each returns the recipient (None: no account) ------


def contact_request(world):
    InitiativeManager.objects.create(page=world.initiative, user=world.reader)
    community.contact_initiative_send(
        sender=world.other, page_id=world.initiative.pk, subject="Hola", message="¿Hablamos?"
    )
    return world.reader


def contact_reply(world):
    request = community.contact_request_send(
        sender=world.reader, recipient=world.other, subject="Hola", message="¿Hablamos?"
    )
    mail.outbox.clear()
    community.contact_request_reply(contact_request=request, user=world.other, reply="Sí.")
    return world.reader


def digest(world):
    coffee = Tag.objects.get(slug="coffee")
    Follow.objects.create(user=world.reader, tag=coffee)
    fresh = InitiativePageFactory(parent=world.registry_index, title="Nuevo", tags=["coffee"])
    fresh.save_revision().publish()
    translation_of(fresh, world.language)
    Follow.objects.create(user=world.reader, page=world.initiative)
    InitiativePage.objects.filter(pk=world.initiative.pk).update(last_published_at=timezone.now())
    assert send_digest(profile=world.reader.profile, force=True)
    return world.reader


def event_email(kind):
    def produce(world):
        if kind == "waitlisted":
            event = world.event(capacity=1)
            events.registration_create(event=event, user=world.other)
            mail.outbox.clear()
            events.registration_create(event=event, user=world.reader)
        elif kind == "promoted":
            event = world.event(capacity=1)
            events.registration_create(event=event, user=world.other)
            events.registration_create(event=event, user=world.reader)
            mail.outbox.clear()
            events.registration_cancel(event=event, user=world.other)
        elif kind == "reminder":
            event = world.event()
            EventRegistration.objects.create(event=event, user=world.reader, status="registered")
            assert events.reminders_send() == 1
        else:
            events.registration_create(event=world.event(), user=world.reader)
        return world.reader

    return produce


def invitation(world):
    # To someone without an account: in the inviter's language.
    registry.invitation_create(page=world.initiative, email="nueva@example.org", by=world.reader)
    return None


def claim(state):
    def produce(world):
        orphan = InitiativePageFactory(parent=world.registry_index, title="Huérfana")
        orphan.save_revision().publish()
        translation_of(orphan, world.language)
        claim = InitiativeClaim.objects.create(page=orphan, user=world.reader, message="Mía")
        decide = registry.claim_approve if state == "approved" else registry.claim_reject
        decide(claim=claim, by=world.moderator, comment="Vale.")
        return world.reader

    return produce


def moderation(approved):
    def produce(world):
        page = InitiativePage(title="Clúster enviado", summary="Desde /es/.", country="CO")
        registry.initiative_register(user=world.reader, page=page, index_page=world.reader_index())
        mail.outbox.clear()
        task_state = page.current_workflow_task_state.specific
        if approved:
            task_state.approve(user=world.moderator, comment="¡Gracias!")
        else:
            task_state.reject(user=world.moderator, comment="Falta el resumen.")
        return world.reader

    return produce


def signup_confirmation(world):
    world.client.post(
        f"/{world.language}/accounts/signup/", signup_data(username="ana", email="ana@example.org")
    )
    return None  # not verified yet: follows logged out only


def email_confirmation(world):
    world.client.force_login(world.reader)
    world.client.post(
        f"/{world.language}/accounts/email/", {"action_add": "", "email": "lucia2@example.org"}
    )
    world.client.logout()
    mail.outbox.clear()
    address = EmailAddress.objects.get(email="lucia2@example.org")
    address.send_confirmation(request=None)  # as a resend outside a request would
    return world.reader


def password_reset(world):
    # Asked for from the English site: the email and its link follow the reader's language.
    world.client.post("/accounts/password/reset/", {"email": world.reader.email})
    return None


def unknown_account(world):
    world.client.post(f"/{world.language}/accounts/password/reset/", {"email": "nadie@example.org"})
    return None


def account_already_exists(world):
    world.client.post(
        f"/{world.language}/accounts/signup/",
        signup_data(username="ana", email=world.reader.email),
    )
    return None


def on_commit():
    """Run what the services leave for the end of the transaction (the emails), as a
    committed request would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def discussion_email(kind):
    def produce(world):
        coffee = Tag.objects.get(slug="coffee")
        if kind == "new_reply":
            thread = ThreadFactory(author=world.other, title="¿Secado solar?")
            DiscussionFollow.objects.create(user=world.reader, thread=thread)
            with on_commit():
                discussions.reply_create(user=world.moderator, thread=thread, body="<p>Sí.</p>")
        elif kind == "new_thread":
            DiscussionFollow.objects.create(user=world.reader, tag=coffee)
            with on_commit():
                discussions.thread_create(
                    user=world.moderator,
                    space=None,
                    title="Café de especialidad",
                    body="<p>¿Quién exporta?</p>",
                    tags=[coffee],
                    language=world.language,
                )
        elif kind == "moderated":
            thread = ThreadFactory(author=world.reader, title="Mi pregunta")
            with on_commit():
                discussions.thread_moderate(
                    moderator=world.moderator, thread=thread, action="lock", reason="Resuelta."
                )
        else:  # the weekly summary of a followed thread
            thread = ThreadFactory(author=world.other, title="¿Secado solar?")
            follow = DiscussionFollow.objects.create(
                user=world.reader, thread=thread, mode=DiscussionFollow.Mode.DIGEST
            )
            week_ago = timezone.now() - datetime.timedelta(days=8)
            DiscussionFollow.objects.filter(pk=follow.pk).update(created_at=week_ago)
            ReplyFactory(thread=thread, author=world.other)
            assert discussion_digests.send_digests() == 1
        return world.reader

    return produce


def project_email(kind):
    def produce(world):
        index = ProjectIndexPageFactory(parent=world.home)
        index.save_revision().publish()
        lead = world.initiative
        if kind != "interest":  # the reader asks to join another initiative's project
            lead = InitiativePageFactory(parent=world.registry_index, title="Líder", slug="lider")
            lead.save_revision().publish()
            InitiativeManager.objects.create(page=lead, user=world.other)
        else:  # the reader leads the project and hears of the interest
            InitiativeManager.objects.create(page=world.initiative, user=world.reader)
        project = ProjectPageFactory(parent=index, title="Puente exportador", lead_initiative=lead)
        project.save_revision().publish()
        translation_of(project, world.language)
        if kind == "interest":
            projects.interest_express(project=project, user=world.other, message="¿Nos unimos?")
        else:
            interest = projects.interest_express(
                project=project, user=world.reader, message="¿Nos unimos?"
            )
            mail.outbox.clear()
            projects.interest_decide(
                interest=interest, user=world.other, accept=kind == "interest_accepted"
            )
        return world.reader

    return produce


def freshness_reminder(world):
    InitiativeManager.objects.create(page=world.initiative, user=world.reader)
    freshness.reminder_send(page=world.initiative, now=timezone.now())
    return world.reader


def verification_flag(world):
    # The reader is the site's one moderator; a verifier of the initiative's country flags it.
    world.moderator.groups.clear()
    world.reader.groups.add(*Group.objects.filter(name="Moderators"))
    verifier = VerifierFactory(user=world.other, countries=["CO"])
    verification.verification_flag(verifier=verifier, page=world.initiative, note="Cerró en 2024.")
    return world.reader


def support_email(kind):
    def produce(world):
        requester = world.reader if kind == "state_changed" else world.other
        request = SupportRequestFactory(
            requester=requester, initiative=world.initiative, title="Mapa de la cadena"
        )
        with on_commit():
            if kind == "state_changed":  # staff take the request: the reader hears of it
                support.support_request_set_state(
                    support_request=request, state="in_progress", actor=world.moderator
                )
            else:  # assigned to the reader, a volunteer expert
                support.support_request_assign(
                    support_request=request, assignee=world.reader, actor=world.moderator
                )
        return world.reader

    return produce


# Verification by a partner organisation: the initiative's managers are told.
def verification_confirmed(world):
    from registry.verification import verification_confirm
    from tests.factories.registry import PartnerOrganisationFactory, VerifierFactory

    InitiativeManager.objects.create(page=world.initiative, user=world.reader)
    chamber = PartnerOrganisationFactory(name="Cámara de Comercio de Bogotá")
    verifier = VerifierFactory(user=world.other, organisation=chamber, countries=["CO"])
    verification_confirm(verifier=verifier, page=world.initiative)
    return world.reader


EMAILS = {
    "community/emails/contact_request": contact_request,
    "community/emails/contact_reply": contact_reply,
    "community/emails/digest": digest,
    "events/emails/confirmed": event_email("confirmed"),
    "events/emails/waitlisted": event_email("waitlisted"),
    "events/emails/promoted": event_email("promoted"),
    "events/emails/reminder": event_email("reminder"),
    "registry/emails/invitation": invitation,
    "registry/emails/claim_approved": claim("approved"),
    "registry/emails/claim_rejected": claim("rejected"),
    "portal/emails/moderation_approved": moderation(approved=True),
    "portal/emails/moderation_changes_requested": moderation(approved=False),
    # allauth's emails that carry a link (its notifications carry none).
    "account/email/email_confirmation_signup": signup_confirmation,
    "account/email/email_confirmation": email_confirmation,
    "account/email/password_reset_key": password_reset,
    "account/email/unknown_account": unknown_account,
    "account/email/account_already_exists": account_already_exists,
    # The emails of issues 14 and 15: discussions, joint projects, the registry's stewardship,
    # technical support.
    "discussions/emails/digest": discussion_email("digest"),
    "discussions/emails/moderated": discussion_email("moderated"),
    "discussions/emails/new_reply": discussion_email("new_reply"),
    "discussions/emails/new_thread": discussion_email("new_thread"),
    "projects/emails/interest": project_email("interest"),
    "projects/emails/interest_accepted": project_email("interest_accepted"),
    "projects/emails/interest_declined": project_email("interest_declined"),
    "registry/emails/freshness_reminder": freshness_reminder,
    "registry/emails/verification_flag": verification_flag,
    "support/emails/assigned": support_email("assigned"),
    "support/emails/state_changed": support_email("state_changed"),
    # Registry stewardship: a partner's confirmation.
    "registry/emails/verification_confirmed": verification_confirmed,
}
# Emails with nothing to open: the decision is the whole message.
WITHOUT_LINKS = {"registry/emails/claim_rejected"}
# Emails to an address with no account yet or not the reader: no greeting by display name.
NOT_TO_THE_READER = {
    "registry/emails/invitation",
    "account/email/email_confirmation_signup",
    "account/email/unknown_account",
}


def project_email_templates():
    """Every ``<name>_subject.txt`` in an ``emails/`` folder of the project's templates."""
    root = Path(settings.BASE_DIR)
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(root) and ".venv" not in Path(config.path).parts
    ]
    names = set()
    for folder in folders:
        for subject in folder.rglob("emails/*_subject.txt"):
            names.add(str(subject.relative_to(folder)).removesuffix("_subject.txt"))
    return names


def test_every_email_template_is_covered():
    found = project_email_templates()
    assert len(found) >= 12  # the walk finds the apps' templates at all
    assert found - set(EMAILS) == set(), "add these emails to EMAILS"


@pytest.fixture(params=["es", "pt"])
def world(client, settings, request):
    settings.WAGTAILADMIN_BASE_URL = "https://articula.example.org"
    return World(client, request.param)


def links_of(message):
    return LINK.findall(message.body)


@pytest.mark.parametrize("template", sorted(EMAILS))
def test_every_link_of_every_email_answers(template, world, client):
    mail.outbox.clear()
    recipient = EMAILS[template](world)
    messages = [m for m in mail.outbox if m.to != [world.other.email]]
    assert messages, f"{template} sent nothing"
    base = site_base_url()
    assert base == "https://articula.example.org"
    language = world.language
    prefix = f"/{language}/"
    login = f"{prefix}accounts/login/"
    member_profile = re.compile(rf"^{prefix}members/[^/]+/$")
    for message in messages:
        # In the reader's language: the greeting uses its words, not the English ones.
        assert message.subject.startswith("[Articula] ")
        if template not in NOT_TO_THE_READER:
            greeting = translated(language, "Hello %(name)s,", name=READER_NAME)
            assert message.body.startswith(greeting), message.body[:200]
        # The join link of an online event is the organisers' own address, not the site's.
        links = [link for link in links_of(message) if link not in world.external_links]
        if template in WITHOUT_LINKS:
            assert links == []
            continue
        assert links, f"{template} has no link:\n{message.body}"
        for link in links:
            assert link.startswith(base + "/"), link
            path = link[len(base) :]
            assert path.startswith((prefix, "/admin/")), f"{template}: {link} leaves {prefix}"
            client.logout()
            response = client.get(path, follow=True)
            landed = response.request["PATH_INFO"]
            # A members-only profile does not reveal to visitors that the member exists (404);
            # the recipient, a member, opens it below.
            private = response.status_code == 404 and member_profile.match(path)
            assert response.status_code == 200 or private, (
                f"{template}: {link} answered {response.status_code}"
            )
            assert (
                not response.redirect_chain
                or landed.startswith(login)
                or ("/password/reset/key/" in path and landed.endswith("-set-password/"))
            ), f"{template}: {link} redirected to {landed}"
            if recipient is not None:
                client.force_login(recipient)
                response = client.get(path, follow=True)
                landed = response.request["PATH_INFO"]
                assert response.status_code == 200, f"{template}: {link} as the recipient"
                assert not landed.startswith(login), f"{template}: {link} as the recipient"
