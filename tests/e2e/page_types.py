"""Every page type of the site, in one list (issue 12, item 1).

``PAGE_TYPES`` names each public and member page type, where to find one in the data that
``build_page_check_data()`` makes (the demo site plus a member who manages an initiative, wrote a
practice, has a message in the inbox and attended every session of a program), who looks at it
and which Wagtail page models and URL names it stands for. test_page_checks.py opens each one
in English, Spanish and Portuguese at 1280 and 360 px, and fails when a page model or a named
URL is neither covered here nor excluded in ``EXCLUDED_URL_NAMES`` / ``EXCLUDED_PREFIXES``.
"""

import time
import uuid
from dataclasses import dataclass, field
from io import StringIO

from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from wagtail.models import Locale, Page, get_page_models

LANGUAGES = ("en", "es", "pt")

# URLs under these prefixes are not pages of the public site or the member area.
EXCLUDED_PREFIXES = (
    "admin/",  # Wagtail's admin: checked by Wagtail itself
    "api/",  # JSON API
    "documents/",  # document downloads and Wagtail's collection password form
    "_util/",  # Wagtail's front-end login and page-password views, redirected to allauth
)

# Named URLs that are not HTML pages, or not pages one can open: each with its reason.
EXCLUDED_URL_NAMES = {
    # Not HTML
    "robots_txt": "plain text",
    "healthz": "plain text probe",
    "readyz": "plain text probe",
    "set_language": "POST only (the language switcher links to the prefixed URL instead)",
    "registry:geojson": "open data (GeoJSON)",
    "registry:csv": "open data (CSV)",
    "portal:open_data_package": "open data (ZIP package)",
    "registry:json": "open data (JSON)",
    "registry:map_geojson": "map data (GeoJSON)",
    "registry:popup": "map popup (JSON)",
    "community:data_export": "download (JSON)",
    "portal:tag_autocomplete": "autocomplete (JSON)",
    "knowledge:practice_feed": "RSS feed",
    "knowledge:practice_feed_atom": "Atom feed",
    "knowledge:news_feed": "RSS feed",
    "knowledge:news_feed_atom": "Atom feed",
    "knowledge:tag_feed": "RSS feed",
    "knowledge:tag_feed_atom": "Atom feed",
    "events:calendar": "iCalendar",
    "events:feed": "iCalendar",
    "events:page_calendar": "iCalendar",
    "mfa_download_recovery_codes": "text download",
    # POST-only actions (they redirect to a page checked here)
    "events:feed_reset": "POST only",
    "registry:remove_manager": "POST only",
    "registry:cancel_invitation": "POST only",
    "community:contact_reply": "POST only",
    "community:contact_block": "POST only",
    "community:contact_report": "POST only",
    "community:unblock": "POST only",
    "community:follow": "POST only",
    "community:unfollow": "POST only",
    # Steps of flows the site does not use, or that need a login in progress
    "account_request_reauthentication_code": "login by code is off: redirects",
    "account_confirm_reauthentication_code": "login by code is off: redirects",
    "account_confirm_login_code": "login by code is off: redirects",
    "account_set_password": "redirects members who have a password to the change form",
    "mfa_authenticate": "second step of a login in progress only: redirects otherwise",
    "mfa_reauthenticate": "only for members with two-factor on: redirects otherwise",
    "mfa_deactivate_totp": "only for members with two-factor on: redirects otherwise",
    "mfa_view_recovery_codes": "only for members with two-factor on: redirects otherwise",
    "mfa_generate_recovery_codes": "only for members with two-factor on: redirects otherwise",
    # Served by the page models listed in PAGE_TYPES
    "wagtail_serve": "every Wagtail page: see the page models",
    # --- support (technical support requests) -------------------------------------------------
    "support:request_answer": "POST only",
    "support:request_start": "POST only",
    "support:volunteer": "POST only",
    # --- observatory ---
    "observatory:csv": "open data (CSV)",
}


@dataclass(frozen=True)
class PageType:
    key: str
    locate: object  # callable(data, language) -> path
    user: str | None = None  # None (visitor) or "member"
    status: int = 200
    models: tuple = ()  # page model names this type stands for
    url_names: tuple = ()  # URL names this type stands for
    notes: str = field(default="", compare=False)


@dataclass
class PageCheckData:
    pages: dict
    member: object
    other: object
    initiative: object
    foreign_practice: object
    my_practice: object
    contact: object
    invitation: object
    certificate: object
    tag_slug: str


def page_url(page, language):
    """The page's translation in ``language`` (or the page itself when it has none)."""
    locale = Locale.objects.get(language_code=language)
    translated = page.get_translation_or_none(locale)
    target = translated if translated is not None and translated.live else page
    return target.get_url()


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _page(key):
    return lambda data, language: page_url(data.pages[key], language)


def _url(name, **kwargs_from_data):
    def locate(data, language):
        kwargs = {
            k: getter(data) if callable(getter) else getter
            for k, getter in kwargs_from_data.items()
        }
        return url(name, language, **kwargs)

    return locate


def _prefix(language):
    return "" if language == "en" else f"/{language}"


PAGE_TYPES = [
    # Public pages
    PageType("home", _page("home"), models=("HomePage",)),
    PageType("standard-page", _page("standard"), models=("StandardPage",)),
    PageType("registry", _page("initiative_index"), models=("InitiativeIndexPage",)),
    PageType("initiative", _page("initiative"), models=("InitiativePage",)),
    PageType("practices", _page("practice_index"), models=("PracticeIndexPage",)),
    PageType("practice", _page("practice"), models=("PracticePage",)),
    PageType("topics", _page("topic_index"), models=("TopicIndexPage",)),
    PageType("topic", _page("topic"), models=("ResearchTopicPage",)),
    PageType("news", _page("news_index"), models=("NewsIndexPage",)),
    PageType("news-item", _page("news"), models=("NewsPage",)),
    PageType("events", _page("event_index"), models=("EventIndexPage",)),
    PageType("program", _page("program"), models=("ProgramPage",)),
    PageType("event", _page("event"), models=("EventPage",)),
    PageType("members", _url("community:directory"), url_names=("community:directory",)),
    PageType(
        "member-profile",
        _url("community:profile", username=lambda d: d.other.username),
        url_names=("community:profile",),
    ),
    PageType("tags", _url("portal:tag_index"), url_names=("portal:tag_index",)),
    PageType("tag", _url("portal:tag", slug=lambda d: d.tag_slug), url_names=("portal:tag",)),
    PageType(
        "search",
        lambda data, language: url("portal:search", language) + "?q=cluster",
        url_names=("portal:search",),
    ),
    PageType(
        "certificate-verify",
        _url("events:verify", code=lambda d: d.certificate.code),
        url_names=("events:verify",),
    ),
    # Account pages (visitor)
    PageType("login", _url("account_login"), url_names=("account_login",)),
    PageType("signup", _url("account_signup"), url_names=("account_signup",)),
    PageType(
        "password-reset", _url("account_reset_password"), url_names=("account_reset_password",)
    ),
    PageType(
        "password-reset-done",
        _url("account_reset_password_done"),
        url_names=("account_reset_password_done",),
    ),
    PageType(
        "password-reset-key",
        _url("account_reset_password_from_key", uidb36="1", key="bad-key"),
        url_names=("account_reset_password_from_key",),
        notes="a wrong key: the 'bad link' page",
    ),
    PageType(
        "password-reset-key-done",
        _url("account_reset_password_from_key_done"),
        url_names=("account_reset_password_from_key_done",),
    ),
    PageType(
        "email-verification-sent",
        _url("account_email_verification_sent"),
        url_names=("account_email_verification_sent",),
    ),
    PageType(
        "confirm-email",
        _url("account_confirm_email", key="bad-key"),
        url_names=("account_confirm_email",),
        notes="a wrong key: the 'expired or invalid link' page",
    ),
    PageType("account-inactive", _url("account_inactive"), url_names=("account_inactive",)),
    # Member pages
    PageType(
        "dashboard", _url("community:dashboard"), "member", url_names=("community:dashboard",)
    ),
    PageType(
        "profile-edit",
        _url("community:profile_edit"),
        "member",
        url_names=("community:profile_edit",),
    ),
    PageType("inbox", _url("community:inbox"), "member", url_names=("community:inbox",)),
    PageType(
        "inbox-message",
        _url("community:contact_detail", pk=lambda d: d.contact.pk),
        "member",
        url_names=("community:contact_detail",),
    ),
    PageType(
        "contact-member",
        _url("community:contact_member", username=lambda d: d.other.username),
        "member",
        url_names=("community:contact_member",),
    ),
    PageType(
        "contact-initiative",
        _url("community:contact_initiative", page_id=lambda d: d.initiative.pk),
        "member",
        url_names=("community:contact_initiative",),
    ),
    PageType(
        "following", _url("community:following"), "member", url_names=("community:following",)
    ),
    PageType("privacy", _url("community:privacy"), "member", url_names=("community:privacy",)),
    PageType(
        "account-delete",
        _url("community:account_delete"),
        "member",
        url_names=("community:account_delete",),
    ),
    PageType(
        "initiative-register", _url("registry:register"), "member", url_names=("registry:register",)
    ),
    PageType(
        "initiative-edit",
        _url("registry:edit", pk=lambda d: d.initiative.pk),
        "member",
        url_names=("registry:edit",),
    ),
    PageType(
        "initiative-managers",
        _url("registry:managers", pk=lambda d: d.initiative.pk),
        "member",
        url_names=("registry:managers",),
    ),
    PageType(
        "initiative-claim",
        _url("registry:claim", pk=lambda d: d.pages["initiative"].pk),
        "member",
        url_names=("registry:claim",),
    ),
    PageType(
        "manager-invitation",
        _url("registry:accept_invitation", token=lambda d: d.invitation.token),
        "member",
        url_names=("registry:accept_invitation",),
    ),
    PageType(
        "practice-new",
        _url("knowledge:practice_new"),
        "member",
        url_names=("knowledge:practice_new",),
    ),
    PageType(
        "practice-edit",
        _url("knowledge:practice_edit", pk=lambda d: d.my_practice.pk),
        "member",
        url_names=("knowledge:practice_edit",),
    ),
    PageType(
        "event-registration",
        _page("event"),
        "member",
        notes="the event page as a member: the registration box",
    ),
    PageType(
        "certificate",
        lambda data, language: page_url(data.pages["program"], language) + "certificate/",
        "member",
    ),
    PageType("account-email", _url("account_email"), "member", url_names=("account_email",)),
    PageType(
        "password-change",
        _url("account_change_password"),
        "member",
        url_names=("account_change_password",),
    ),
    PageType(
        "reauthenticate",
        _url("account_reauthenticate"),
        "member",
        url_names=("account_reauthenticate",),
    ),
    PageType("logout", _url("account_logout"), "member", url_names=("account_logout",)),
    PageType("2fa", _url("mfa_index"), "member", url_names=("mfa_index",)),
    PageType("2fa-activate", _url("mfa_activate_totp"), "member", url_names=("mfa_activate_totp",)),
    # Error pages (DEBUG is off in the test settings, as in production)
    PageType(
        "404",
        lambda data, language: _prefix(language) + "/no-such-page/",
        status=404,
    ),
    PageType(
        "403",
        _url("knowledge:practice_edit", pk=lambda d: d.foreign_practice.pk),
        "member",
        status=403,
        notes="editing someone else's practice",
    ),
    PageType("500", lambda data, language: None, status=500, notes="the 500 template, rendered"),
    # --- support (technical support requests) -------------------------------------------------
    PageType("support", _url("support:index"), "member", url_names=("support:index",)),
    PageType("support-ask", _url("support:ask"), "member", url_names=("support:ask",)),
    PageType(
        "support-request",
        lambda data, language: url(
            "support:request_detail", language, pk=support_request_for(data).pk
        ),
        "member",
        url_names=("support:request_detail",),
        notes="the checker's own request, with its history",
    ),
    PageType("support-answers", _url("support:answers"), url_names=("support:answers",)),
    PageType(
        "support-answer",
        lambda data, language: url(
            "support:answer_detail", language, pk=support_answer_for(data).pk
        ),
        url_names=("support:answer_detail",),
    ),
    # --- stewardship: freshness loop and verification (registry) ---------------------------
    PageType(
        "verify",
        _url("registry:verify"),
        "member",
        url_names=("registry:verify", "registry:verify_initiative"),
        notes="the checker verifies for a partner organisation in their initiative's country",
    ),
    PageType(
        "still-correct",
        lambda data, language: _prefix(language) + _still_correct_path(data),
        url_names=("registry:still_correct",),
        notes="a manager's signed link from a freshness reminder",
    ),
    # --- observatory ---
    PageType("observatory", _url("observatory:index"), url_names=("observatory:index",)),
    PageType(
        "observatory-embed",
        _url("observatory:embed", key="initiatives-map"),
        url_names=("observatory:embed",),
        notes="a chart for other sites' iframes",
    ),
]


def support_request_for(data):
    """A support request of the checker on the initiative they manage (made once)."""
    from support.models import SupportRequest

    item, _created = SupportRequest.objects.get_or_create(
        requester=data.member,
        title="Designing a cluster strategy for coffee",
        defaults={
            "initiative": data.initiative,
            "need": "strategy",
            "description": "We would like help to design a five-year strategy for our cluster.",
            "consent_to_publish": True,
        },
    )
    return item


def support_answer_for(data):
    """A published question and answer (the demo data publishes two)."""
    from support.models import SupportRequest

    return SupportRequest.objects.published().order_by("pk").first()


def _still_correct_path(data):
    from django.urls import reverse

    from registry import freshness
    from registry.models import FreshnessReminder

    reminder = FreshnessReminder.objects.filter(initiative=data.initiative).first()
    token = freshness.still_correct_token(page=data.initiative, reminder=reminder, user=data.member)
    return reverse("registry:still_correct", args=[token])


def url_names():
    """Every named URL of the site with its full pattern: ``{name: pattern}``."""
    found = {}

    def walk(resolver, namespace, prefix):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, ns, prefix + str(pattern.pattern))
            elif pattern.name:
                found.setdefault(namespace + pattern.name, prefix + str(pattern.pattern))

    walk(get_resolver(), "", "")
    return found


def uncovered_page_models():
    covered = {name for page_type in PAGE_TYPES for name in page_type.models}
    return sorted(
        model.__name__
        for model in get_page_models()
        if model is not Page and model.__name__ not in covered
    )


def uncovered_url_names():
    covered = {name for page_type in PAGE_TYPES for name in page_type.url_names}
    return sorted(
        name
        for name, pattern in url_names().items()
        if name not in covered
        and name not in EXCLUDED_URL_NAMES
        and not pattern.startswith(EXCLUDED_PREFIXES)
    )


def _translated_everywhere(model):
    """A live English page of ``model`` with live translations in every language (the first
    by path), else any live page of it."""
    pages = model.objects.live().filter(locale__language_code="en").order_by("path")
    for page in pages[:50]:
        keys = set(
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .values_list("locale__language_code", flat=True)
        )
        if keys >= set(LANGUAGES):
            return page
    return pages.first() or model.objects.live().first()


def build_page_check_data():
    """The demo site, plus a member ("checker") who has something on every member page."""
    from django.core.management import call_command

    from community.models import ContactRequest, MemberProfile
    from events.models import Certificate, EventIndexPage, EventPage, EventRegistration, ProgramPage
    from knowledge.models import (
        NewsIndexPage,
        NewsPage,
        PracticeIndexPage,
        PracticePage,
        ResearchTopicPage,
        TopicIndexPage,
    )
    from portal.models import HomePage, StandardPage, Tag
    from registry.models import (
        InitiativeIndexPage,
        InitiativeManager,
        InitiativePage,
        ManagerInvitation,
    )
    from tests.factories.accounts import UserFactory
    from tests.factories.community import MemberProfileFactory

    call_command("load_demo_data", stdout=StringIO())
    pages = {
        "home": HomePage,
        "standard": StandardPage,
        "initiative_index": InitiativeIndexPage,
        "initiative": InitiativePage,
        "practice_index": PracticeIndexPage,
        "practice": PracticePage,
        "topic_index": TopicIndexPage,
        "topic": ResearchTopicPage,
        "news_index": NewsIndexPage,
        "news": NewsPage,
        "event_index": EventIndexPage,
        "program": ProgramPage,
        "event": EventPage,
    }
    pages = {key: _translated_everywhere(model) for key, model in pages.items()}
    # A program with sessions, and one of its sessions as "the event".
    for program in ProgramPage.objects.live().filter(locale__language_code="en"):
        if program.sessions().exists():
            pages["program"] = program
            pages["event"] = program.sessions().first()
            break

    member = UserFactory(username="checker", groups=["Members"])
    MemberProfileFactory(user=member, display_name="Checker", country="CO")
    other_profile = MemberProfile.objects.filter(
        visibility=MemberProfile.Visibility.PUBLIC
    ).exclude(user=member)
    other = other_profile.select_related("user").first().user
    initiative = InitiativePage.objects.live().filter(locale__language_code="en").last()
    InitiativeManager.objects.get_or_create(page=initiative, user=member)
    practices = PracticePage.objects.live().filter(locale__language_code="en").order_by("path")
    my_practice = practices.exclude(pk=pages["practice"].pk).first()
    PracticePage.objects.filter(pk=my_practice.pk).update(owner=member)
    my_practice.refresh_from_db()
    foreign_practice = pages["practice"]
    contact = ContactRequest.objects.create(
        sender=other,
        recipient=member,
        subject="Exporting together",
        message="Could we talk about a joint export mission next year?",
    )
    invitation = ManagerInvitation.objects.create(
        page=pages["initiative"], email=member.email, invited_by=other, token=uuid.uuid4()
    )
    program = pages["program"]
    for session in program.sessions():
        EventRegistration.objects.update_or_create(
            event=session, user=member, defaults={"status": EventRegistration.Status.ATTENDED}
        )
    certificate, _created = Certificate.objects.get_or_create(user=member, program=program)
    tag = Tag.objects.order_by("pk").first()
    # --- stewardship: the checker verifies in their initiative's country; a reminder to them
    from django.utils import timezone

    from registry.models import FreshnessReminder, PartnerOrganisation, Verifier

    organisation, _created = PartnerOrganisation.objects.get_or_create(name="Checker Chamber")
    Verifier.objects.get_or_create(
        user=member, defaults={"organisation": organisation, "countries": [initiative.country]}
    )
    FreshnessReminder.objects.get_or_create(
        initiative=initiative, defaults={"sent_at": timezone.now()}
    )
    # --- end stewardship
    return PageCheckData(
        pages=pages,
        member=member,
        other=other,
        initiative=initiative,
        foreign_practice=foreign_practice,
        my_practice=my_practice,
        contact=contact,
        invitation=invitation,
        certificate=certificate,
        tag_slug=tag.slug,
    )


def session_cookie_for(user):
    """A session cookie value for ``user``, signed in a moment ago with a password (so that
    pages asking for a recent login, such as two-factor setup, open directly)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "username": user.username}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return session.session_key


# --- discussions -------------------------------------------------------------------------------
# The demo data (discussions/demo.py) has threads in topics and in the general space.


def _demo_thread(**filters):
    from discussions.models import Thread

    return Thread.objects.filter(status="published", **filters).order_by("pk").first()


def _unsubscribe_token(data):
    from portal.signed_links import signed_token

    return signed_token("unsubscribe", user=data.member.pk)


EXCLUDED_URL_NAMES.update(
    {
        "discussions:feed_rss": "RSS feed",
        "discussions:feed_atom": "Atom feed",
        "discussions:reply": "POST only",
        "discussions:solve": "POST only",
        "discussions:follow": "POST only",
    }
)
PAGE_TYPES += [
    PageType("discussions", _url("discussions:index"), url_names=("discussions:index",)),
    PageType(
        "discussions-general", _url("discussions:general"), url_names=("discussions:general",)
    ),
    PageType(
        "discussions-space",
        _url("discussions:space", page_id=lambda d: _demo_thread(space__isnull=False).space_id),
        url_names=("discussions:space",),
    ),
    PageType(
        "discussion-thread",
        _url("discussions:thread", pk=lambda d: _demo_thread(solved_reply__isnull=False).pk),
        url_names=("discussions:thread",),
        notes="a solved thread with a quoted reply",
    ),
    PageType(
        "discussion-thread-member",
        _url("discussions:thread", pk=lambda d: _demo_thread(solved_reply__isnull=False).pk),
        "member",
        notes="the reply form",
    ),
    PageType(
        "discussion-new",
        _url("discussions:thread_new"),
        "member",
        url_names=("discussions:thread_new",),
    ),
    PageType(
        "discussion-report",
        _url("discussions:report", kind="thread", pk=lambda d: _demo_thread().pk),
        "member",
        url_names=("discussions:report",),
    ),
    PageType(
        "discussions-following",
        _url("discussions:following"),
        "member",
        url_names=("discussions:following",),
    ),
    PageType(
        "unsubscribe",
        _url("portal:unsubscribe", token=_unsubscribe_token),
        url_names=("portal:unsubscribe",),
    ),
]
# --- end discussions ---------------------------------------------------------------------------


# --- projects ---
def _project(slug):
    def locate(data, language):
        from projects.models import ProjectPage

        return page_url(ProjectPage.objects.get(slug=slug, locale__language_code="en"), language)

    return locate


def _project_index(data, language):
    from projects.models import ProjectIndexPage

    return page_url(ProjectIndexPage.objects.get(locale__language_code="en"), language)


def _project_pk(slug):
    def pk(data):
        from projects.models import ProjectPage

        return ProjectPage.objects.get(slug=slug, locale__language_code="en").pk

    return pk


PAGE_TYPES += [
    PageType("projects", _project_index, models=("ProjectIndexPage",)),
    PageType(
        "project",
        _project("southern-wine-tourism-routes"),
        models=("ProjectPage",),
        notes="a completed project: partners and their map",
    ),
    PageType(
        "project-call",
        _project("digital-twins-mining-suppliers"),
        "member",
        notes="a project seeking partners, as a member: the call and the interest form",
    ),
    PageType("project-form", _url("projects:create"), "member", url_names=("projects:create",)),
    PageType(
        "project-edit-refused",
        _url("projects:edit", pk=_project_pk("digital-twins-mining-suppliers")),
        "member",
        status=403,
        url_names=("projects:edit",),
        notes="editing a project another initiative leads",
    ),
]
EXCLUDED_URL_NAMES.update(
    {
        "projects:json": "open data (JSON)",
        "projects:csv": "open data (CSV)",
        "projects:interest": "POST only",
        "projects:decide": "POST only",
        "projects:confirm": "POST only",
    }
)
# --- end projects ---
