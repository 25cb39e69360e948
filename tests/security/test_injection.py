"""Hostile payloads (tests/security/payloads.py) stored in every user-writable text field, then
every page that shows them opened in Chromium: no script may run and no link may point at
``javascript:``.

The values are written straight into the models, past the forms' validation: the worst case
(an import, an admin edit, a form that forgets a check). Rich text goes through the sanitiser
the forms use, as it always does before it is stored."""

import pytest

from knowledge.sanitising import sanitise_html
from portal.models import Tag
from tests.e2e import conftest as e2e
from tests.security import payloads
from tests.security.fixtures import build_matrix_data

# The browser fixtures of tests/e2e/ (Debian's Chromium, ``login_as``), taken by name: listing
# that conftest in pytest_plugins would register it twice when the whole suite runs.
browser_type_launch_args = e2e.browser_type_launch_args
login_as = e2e.login_as


# Replaces alert/confirm/prompt before any page script runs: a call counts, nothing blocks.
COUNT_ALERTS = """
window.__xss = 0;
window.alert = window.confirm = window.prompt = () => { window.__xss++; };
"""


def _fill(instance, fields, start):
    """Give each field a different payload (from ``start``), cut to what the column holds (as
    PostgreSQL enforces and SQLite does not); returns the next index."""
    for offset, field in enumerate(fields):
        max_length = instance._meta.get_field(field).max_length
        setattr(instance, field, payloads.text(start + offset)[:max_length])
    return start + len(fields)


def store_payloads(data):
    index = 0
    profile = data.profile
    index = _fill(profile, ["display_name", "organization", "role", "city", "bio"], index)
    profile.links = list(payloads.URLS)
    profile.save()
    hostile_tags = [
        Tag.objects.create(name=p[:100], slug=f"hostile-{n}") for n, p in enumerate(payloads.HTML)
    ]
    profile.expertise.add(*hostile_tags)

    for page in (data.initiative, data.orphan):
        index = _fill(
            page,
            ["title", "summary", "city", "region", "contact_person", "managing_organization"],
            index,
        )
        page.website = payloads.URLS[0]
        page.social_links = "\n".join(payloads.URLS)
        page.external_urls = "\n".join(payloads.URLS)
        page.tags.add(*hostile_tags)
        # Past validation on purpose: the live row and the draft the moderator previews.
        page.save(clean=False)
        page.save_revision(clean=False)

    practice = data.practice
    index = _fill(practice, ["title", "summary", "cost"], index)
    for field in ("problem", "intervention", "results"):
        setattr(practice, field, sanitise_html(" ".join(payloads.HTML + payloads.URLS)))
    practice.tags.add(*hostile_tags)
    practice.save(clean=False)
    practice.save_revision(clean=False)

    contact = data.contact
    contact.subject = payloads.HTML[1]
    contact.message = "\n".join(payloads.ALL[:-1])
    contact.save()
    return hostile_tags


def _open(context, url):
    """Load ``url``; returns (alerts counted by the page, dialogs seen, javascript: links)."""
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(url, wait_until="load")
    assert response.status < 500, f"{url}: {response.status}"
    page.wait_for_timeout(50)
    alerts = page.evaluate("window.__xss")
    live_links = page.locator('a[href^="javascript:" i], a[href^="data:" i]').count()
    page.close()
    return alerts, dialogs, live_links


def _raw_markup(html):
    """The payloads that came out unescaped in ``html``."""
    found = [p for p in payloads.HTML if len(p) > 3 and p in html]
    lowered = html.lower()
    found += [
        f"href={q}{scheme}"
        for q in "\"'"
        for scheme in ("javascript:", "data:")
        if f"href={q}{scheme}" in lowered
    ]
    return found


def test_form_inputs_are_refused_or_shown_as_text(db, client):
    """Every payload through the real forms (profile, initiative registration, practice,
    contact, search): each is either refused with a form error or stored and shown escaped."""
    from tests.knowledge.conftest import VALID_PRACTICE
    from tests.registry.conftest import form_data

    data = build_matrix_data()
    member, manager = data.users["member"], data.users["manager"]
    failures = []
    for n, payload in enumerate(payloads.ALL):
        other = payloads.text(n + 1)
        client.force_login(member)
        client.post(
            "/members/me/edit/",
            {
                "display_name": payload,
                "organization": other,
                "role": payload,
                "city": other,
                "bio": payload,
                "visibility": "public",
                "expertise": payload[:100],
                "seeking": other[:100],
                "links": "\n".join(payloads.URLS),
            },
        )
        client.post(
            f"/members/{data.outsider.username}/contact/",
            {"subject": payload[:150], "message": payload[:2000]},
        )
        pages = [
            f"/members/{member.username}/",
            "/members/",
            f"/search/?q={payload[:200]}",
        ]
        client.force_login(manager)
        client.post(
            "/initiatives/register/",
            form_data(
                title=payload[:255],
                summary=other,
                city=payload[:120],
                website=payloads.URLS[n % len(payloads.URLS)],
                social_links="\n".join(payloads.URLS),
                tags=payload[:100],
            ),
        )
        client.post(
            "/practices/new/",
            {**VALID_PRACTICE, "title": payload[:255], "problem": payload, "results": other},
        )
        pages += ["/dashboard/"]
        for url in pages:
            html = client.get(url).content.decode()
            if raw := _raw_markup(html):
                failures.append(f"{url[:60]} after payload {n}: unescaped {raw}")
        client.force_login(data.outsider)
        html = client.get("/members/me/inbox/").content.decode()
        if raw := _raw_markup(html):
            failures.append(f"inbox after payload {n}: unescaped {raw}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("title", ["')>", "<>", "{{}}"])
def test_a_practice_title_without_letters_gets_a_slug(title, db, client):
    """Wagtail makes the slug from the title; one with no letter or digit gave an empty slug
    and a 500. The practice is created like any other, with a fallback slug."""
    from knowledge.models import PracticePage
    from tests.knowledge.conftest import VALID_PRACTICE

    data = build_matrix_data()
    client.force_login(data.users["manager"])
    for _ in range(2):  # twice: the fallback slug stays unique among the siblings
        response = client.post("/practices/new/", {**VALID_PRACTICE, "title": title})
        assert response.status_code == 302
    assert PracticePage.objects.filter(title=title).count() == 2


def test_stored_script_urls_are_not_live_links(db, client):
    """A link field holding ``javascript:`` or ``data:`` (stored past a form, by an import or
    before validation existed) is never an ``href`` a visitor can click: the pages leave such a
    link out (portal's ``safe_url`` filter)."""
    data = build_matrix_data()
    page = data.initiative
    page.website = payloads.URLS[0]
    page.social_links = "\n".join(payloads.URLS)
    page.external_urls = "\n".join(payloads.URLS)
    page.save(clean=False)
    data.profile.links = list(payloads.URLS)
    data.profile.save()
    client.force_login(data.users["member"])
    for url in (page.url, f"/members/{data.outsider.username}/"):
        html = client.get(url).content.decode().lower()
        assert "<main" in html, url
        assert 'href="javascript:' not in html, url
        assert 'href="data:' not in html, url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_on_any_page(browser, live_server, login_as):
    data = build_matrix_data()
    tags = store_payloads(data)
    data.initiative.refresh_from_db()
    data.practice.refresh_from_db()
    public = [
        data.initiative.url,
        "/initiatives/",
        f"/initiatives/{data.initiative.pk}/popup.json",
        data.practice.url,
        f"/members/{data.outsider.username}/",
        "/members/",
        f"/tags/{tags[0].slug}/",
        "/tags/",
        *(f"/search/?q={p}" for p in payloads.HTML[:3]),
    ]
    as_role = {
        None: public,
        "member": [
            "/members/me/inbox/",
            f"/members/me/inbox/{data.contact.pk}/",
            "/members/",
            f"/members/{data.outsider.username}/",
        ],
        "manager": ["/dashboard/", f"/initiatives/{data.initiative.pk}/edit/"],
        # The drafts a moderator previews (store_payloads saved a revision of each).
        "moderator": [
            f"/admin/pages/{data.initiative.pk}/view_draft/",
            f"/admin/pages/{data.practice.pk}/view_draft/",
        ],
    }
    failures = []
    for role, urls in as_role.items():
        context = browser.new_context()
        context.add_init_script(COUNT_ALERTS)
        if role:
            login_as(context, data.users[role])
        for url in urls:
            alerts, dialogs, live_links = _open(context, live_server.url + url)
            if alerts or dialogs or live_links:
                failures.append(
                    f"{role or 'anonymous'} {url[:80]}: {alerts} alert calls, "
                    f"dialogs {dialogs}, {live_links} javascript:/data: links"
                )
        context.close()
    assert not failures, "\n".join(failures)


# --- identifiers and quality label (issue 15) ---


def test_identifier_fields_refuse_payloads_or_show_them_as_text(db, client):
    """Payloads in the identifiers of other registries: the registration form refuses them
    (format checks), and values stored past validation (an old import) are shown escaped, the
    ECCP address only as an http(s) link."""
    from django.utils.html import escape

    from tests.registry.conftest import form_data

    data = build_matrix_data()
    client.force_login(data.users["manager"])
    fields = ("eccp_profile", "eclac_id", "wikidata_id", "national_registry_number")
    failures = []
    for n, payload in enumerate(payloads.ALL):
        values = dict.fromkeys(fields, payload[:200])
        response = client.post(
            "/initiatives/register/", form_data(title=f"Identifiers {n}", **values)
        )
        if response.status_code != 200:
            failures.append(f"payload {n} accepted in the identifier fields")
        elif raw := _raw_markup(response.content.decode()):
            failures.append(f"form after payload {n}: unescaped {raw}")
    page = data.initiative
    for n in range(len(payloads.ALL)):
        for offset, name in enumerate(fields):
            max_length = page._meta.get_field(name).max_length
            setattr(page, name, payloads.text(n + offset)[:max_length])
        page.eccp_profile = payloads.URLS[n % len(payloads.URLS)][:200]
        page.save(clean=False)  # past validation on purpose, as store_payloads does
        html = client.get(page.url).content.decode()
        if raw := _raw_markup(html):
            failures.append(f"page after payload {n}: unescaped {raw}")
        if escape(page.national_registry_number) not in html:
            failures.append(f"page after payload {n}: the stored number is not shown as text")


# --- support (technical support requests) -------------------------------------------------------
def test_support_inputs_are_refused_or_shown_as_text(db, client):
    """Every payload through the ask form, the answer form and the admin's triage (note), then
    the pages that show them: the request, the dashboard, the triage view, the published
    question and answer."""
    from support.models import SupportRequest
    from support.services import support_request_publish

    data = build_matrix_data()
    manager, moderator = data.users["manager"], data.users["moderator"]
    failures = []
    for n, payload in enumerate(payloads.ALL):
        client.force_login(manager)
        client.post(
            "/support/ask/",
            {
                "initiative": data.initiative.pk,
                "need": "data",
                "title": payload[:200],
                "description": (payload + " " + payloads.text(n + 1))[:5000].ljust(20, "."),
                "tags": payload[:100],
                "urgency": "normal",
                "consent_to_publish": "on",
            },
        )
        item = SupportRequest.objects.filter(requester=manager).order_by("-pk").first()
        client.force_login(moderator)
        client.post(f"/admin/support/triage/{item.pk}/", {"action": "note", "text": payload})
        client.post(f"/support/requests/{item.pk}/answer/", {"answer": payload})
        item.refresh_from_db()
        if item.can_be_published:
            support_request_publish(support_request=item)
        pages = [
            (moderator, f"/admin/support/triage/{item.pk}/"),
            (moderator, f"/support/requests/{item.pk}/"),
            (manager, f"/support/requests/{item.pk}/"),
            (manager, "/dashboard/"),
            (manager, "/support/"),
            (None, f"/support/answers/{item.pk}/"),
            (None, "/support/answers/"),
        ]
        for user, url in pages:
            if user is None:
                client.logout()
            else:
                client.force_login(user)
            html = client.get(url).content.decode()
            if raw := _raw_markup(html):
                failures.append(f"{url} after payload {n}: unescaped {raw}")
    assert SupportRequest.objects.filter(requester=manager).count() > 1
    assert not failures, "\n".join(failures)


# --- discussions -----------------------------------------------------------------------------


def test_discussion_forms_refuse_or_escape_every_payload(db, client):
    """Every payload through the thread, reply and report forms: refused, or stored and shown
    escaped on the lists, the thread page, the tag page, the dashboard and the feeds."""
    from discussions.models import Thread

    data = build_matrix_data()
    writer = data.users["moderator"]  # publishes at once: the pages show every post
    client.force_login(writer)
    failures = []
    for n, payload in enumerate(payloads.ALL):
        client.post(
            f"/discussions/new/?space={data.topic.pk}",
            {
                "title": payload[:200],
                "body": payload,
                "tags": payload[:60],
                "language": "en",
            },
        )
        client.post(f"/discussions/{data.thread.pk}/reply/", {"body": payload})
        client.post(
            f"/discussions/report/reply/{data.thread_reply.pk}/", {"reason": payload[:2000]}
        )
        thread = Thread.objects.order_by("-pk").first()
        pages = [
            "/discussions/",
            f"/discussions/space/{data.topic.pk}/",
            f"/discussions/{data.thread.pk}/",
            f"/discussions/{thread.pk}/",
            "/dashboard/",
            data.topic.url,
            f"/admin/discussions/moderate/reply/{data.thread_reply.pk}/",
        ]
        for url in pages:
            html = client.get(url).content.decode()
            if raw := _raw_markup(html):
                failures.append(f"{url[:60]} after payload {n}: unescaped {raw}")
        feed = client.get("/discussions/feed/all/rss/").content.decode()
        if "<script" in feed.lower():
            failures.append(f"RSS feed after payload {n}: raw <script")
    assert not failures, "\n".join(failures)


# --- end discussions -------------------------------------------------------------------------


# --- stewardship: verifiers' notes, partner names, the still-correct link ------------------


def test_stewardship_inputs_are_refused_or_shown_as_text(db, client, mailoutbox):
    """Payloads as a verifier's note (confirm and flag), as a partner organisation's name (staff
    input) and as a still-correct token: never a server error, never unescaped markup."""
    from registry.models import InitiativeVerification, PartnerOrganisation

    data = build_matrix_data()
    verifier = data.users["verifier"]
    organisation = PartnerOrganisation.objects.get(verifiers__user=verifier)
    failures = []
    for n, payload in enumerate(payloads.ALL):
        organisation.name = f"{payloads.text(n)[:200]} {n}"
        organisation.save()
        client.force_login(verifier)
        for action in ("confirm", "flag"):
            response = client.post(
                f"/initiatives/verify/{data.initiative.pk}/",
                {"action": action, "note": payload[:2000]},
            )
            assert response.status_code == 302
        client.logout()
        response = client.get(f"/initiatives/still-correct/{payload[:200]}/")
        assert response.status_code in (404, 400), response.status_code
        client.force_login(verifier)
        for url in ("/initiatives/verify/", data.initiative.url):
            html = client.get(url).content.decode()
            if raw := _raw_markup(html):
                failures.append(f"{url} after payload {n}: unescaped {raw}")
    assert InitiativeVerification.objects.filter(outcome="confirmed").count() == len(payloads.ALL)
    assert not failures, "\n".join(failures)


# --- projects ---
def test_project_forms_refuse_or_escape_payloads(db, client):
    """Every payload through the project form and the interest form, and stored past
    validation in a live project: refused with a form error, or shown escaped on the project's
    page, the index, the lead's dashboard and the open data."""
    import json

    from projects.models import PartnerInterest, ProjectIndexPage, ProjectPage
    from tests.factories.projects import ProjectPageFactory

    data = build_matrix_data()
    manager, other = data.users["manager"], data.users["other_manager"]
    index = ProjectIndexPage.objects.child_of(data.home).get()  # build_matrix_data made it
    live = ProjectPageFactory(
        parent=index, title="Live project", slug="live-project", lead_initiative=data.initiative
    )
    live.save_revision().publish()
    failures = []
    for n, payload in enumerate(payloads.ALL):
        other_text = payloads.text(n + 1)
        client.force_login(manager)
        client.post(
            "/projects/new/",
            {
                "title": payload[:255],
                "summary": other_text[:300],
                "goals": payload,
                "lead_initiative": data.initiative.pk,
                "status": "seeking",
                "countries": ["CO"],
                "regions": payload[:255],
                "tags": payload[:100],
                "call_text": payload[:2000],
                "call_countries": ["PE"],
                "sought_tags": other_text[:100],
                "funders": payload[:255],
                "budget_currency": payload[:3],
            },
        )
        PartnerInterest.objects.filter(project=live).delete()
        client.force_login(other)
        client.post(f"/projects/{live.pk}/interest/", {"message": payload[:2000]})
        for field, length in (("summary", 300), ("goals", 4000), ("regions", 255)):
            setattr(live, field, payload[:length])
        live.funders = other_text[:255]
        live.call_text = payload[:2000]
        live.save(clean=False)
        client.force_login(manager)
        for url in (live.url, index.url, "/dashboard/", "/projects/open-data/projects.json"):
            html = client.get(url).content.decode()
            if url.endswith(".json"):
                # Values are JSON strings, never markup; the document must still parse.
                json.loads(html)
                continue
            if raw := _raw_markup(html):
                failures.append(f"{url[:60]} after payload {n}: unescaped {raw}")
    assert ProjectPage.objects.count() > 1  # some payloads are valid titles: they were saved
    assert not failures, "\n".join(failures)


# --- end projects ---


# --- disc4: discussion attachments ------------------------------------------------------------


def test_discussion_attachment_names_are_shown_as_text(db, client, settings, tmp_path):
    """A file named after each payload, attached to a thread and a reply: refused, or listed
    escaped under the post (its name is the document's title and file name)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    data = build_matrix_data()
    client.force_login(data.users["moderator"])
    pdf = b"%PDF-1.4\n%%EOF\n"
    failures = []
    for n, payload in enumerate(payloads.HTML + payloads.TEMPLATE):
        name = payload.replace("/", "_")[:80] + ".pdf"
        client.post(
            "/discussions/new/",
            {
                "title": f"Files {n}",
                "body": "See the file",
                "language": "en",
                "attachments": [SimpleUploadedFile(name, pdf)],
            },
        )
        client.post(
            f"/discussions/{data.thread.pk}/reply/",
            {"body": "A file", "attachments": [SimpleUploadedFile(name, pdf)]},
        )
    from discussions.models import PostAttachment, Thread

    assert PostAttachment.objects.count() == 2 * len(payloads.HTML + payloads.TEMPLATE)
    for url in [f"/discussions/{data.thread.pk}/"] + [
        thread.get_absolute_url() for thread in Thread.objects.filter(title__startswith="Files ")
    ]:
        html = client.get(url).content.decode()
        if raw := _raw_markup(html):
            failures.append(f"{url}: unescaped {raw}")
    assert not failures, "\n".join(failures)


# --- end disc4: discussion attachments --------------------------------------------------------


# --- costs4: injection audit of the community engine, the observatory and stewardship ---
# GET parameters that the pages read (filters, quotes, paging, a space) and the small POST
# forms the blocks above leave out (follow, solve, report a thread, volunteer, the lead's and
# the partner's answers, editing a project): a payload is refused (form error, 4xx, nothing
# stored) or shown as text, never a server error.


def test_get_parameters_of_the_community_engine_are_shown_as_text(db, client):
    data = build_matrix_data()
    client.raise_request_exception = False
    urls = {
        "/discussions/": ["filter", "tag", "page"],
        "/discussions/general/": ["filter", "tag", "page"],
        f"/discussions/space/{data.topic.pk}/": ["filter", "tag", "page"],
        f"/discussions/{data.thread.pk}/": ["quote", "page"],
        "/discussions/new/": ["space", "quote"],
        "/support/answers/": ["tag", "page"],
        "/projects/": ["status", "tag", "country", "page"],
        "/observatory/": ["country", "sector", "stage"],
        "/observatory/embed/initiatives-by-country/": ["country", "sector", "stage"],
        "/initiatives/verify/": ["page"],
    }
    failures = []
    for user in (None, data.users["moderator"], data.users["verifier"]):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        for url, names in urls.items():
            for payload in [*payloads.HTML, *payloads.URLS]:
                response = client.get(url, dict.fromkeys(names, payload))
                if response.status_code >= 500:
                    failures.append(f"{url} {payload!r}: {response.status_code}")
                elif raw := _raw_markup(response.content.decode()):
                    failures.append(f"{url} {payload!r}: unescaped {raw}")
    assert not failures, "\n".join(failures)


def test_small_post_forms_of_the_community_engine_store_nothing_raw(db, client):
    from discussions.models import DiscussionFollow
    from projects.models import (
        PartnerInterest,
        ProjectIndexPage,
        ProjectPartner,
    )
    from support.models import SupportRequest
    from tests.factories.projects import (
        PartnerInterestFactory,
        ProjectPageFactory,
        ProjectPartnerFactory,
    )

    data = build_matrix_data()
    client.raise_request_exception = False
    manager, other = data.users["manager"], data.users["other_manager"]
    moderator = data.users["moderator"]
    index = ProjectIndexPage.objects.child_of(data.home).get()
    project = ProjectPageFactory(
        parent=index, title="Audit project", slug="audit-project", lead_initiative=data.initiative
    )
    project.save_revision().publish()
    interest = PartnerInterestFactory(project=project, user=other)
    partner = ProjectPartnerFactory(project=project, initiative=data.other_initiative)
    tags_before = Tag.objects.count()
    follows_before = DiscussionFollow.objects.count()
    failures = []

    def post(user, url, values):
        client.force_login(user)
        response = client.post(url, values)
        if response.status_code >= 500:
            failures.append(f"{url} {values}: {response.status_code}")
        return response

    for payload in payloads.ALL:
        post(
            moderator,
            "/discussions/follow/",
            {"tag": payload[:100], "mode": payload, "action": payload, "next": payload[:500]},
        )
        post(moderator, "/discussions/follow/", {"thread": payload, "action": "follow"})
        post(moderator, f"/discussions/{data.thread.pk}/solve/", {"reply": payload})
        post(moderator, f"/discussions/report/thread/{data.thread.pk}/", {"reason": payload})
        post(
            moderator,
            f"/support/requests/{data.support_request.pk}/volunteer/",
            {"message": payload[:500]},
        )
        post(
            moderator,
            f"/admin/discussions/moderate/thread/{data.thread.pk}/",
            {"action": payload[:20], "reason": payload, "space": payload, "target": payload},
        )
        post(
            moderator,
            f"/admin/discussions/moderate/thread/{data.thread.pk}/",
            {"action": "edit", "reason": payload, "title": payload[:200], "body": payload},
        )
        post(manager, f"/projects/interests/{interest.pk}/answer/", {"decision": payload})
        post(other, f"/projects/partners/{partner.pk}/answer/", {"decision": payload})
        post(
            manager,
            f"/projects/{project.pk}/edit/",
            {"title": payload[:255], "summary": payload[:300], "status": payload[:20]},
        )
    # Invalid choices and numbers changed nothing.
    interest.refresh_from_db()
    assert interest.state == PartnerInterest.State.PENDING
    assert ProjectPartner.objects.get(pk=partner.pk).confirmed_at is None
    assert Tag.objects.count() == tags_before  # no tag made from a payload by a follow
    assert DiscussionFollow.objects.count() == follows_before
    project.refresh_from_db()
    assert project.title == "Audit project"  # the edit form refused (status is not a choice)
    # Whatever was stored is shown as text where it appears.
    client.force_login(moderator)
    for url in (
        f"/discussions/{data.thread.pk}/",
        f"/admin/discussions/moderate/thread/{data.thread.pk}/",
        "/discussions/",
        f"/admin/support/triage/{data.support_request.pk}/",
        project.url,
        "/dashboard/",
    ):
        html = client.get(url).content.decode()
        if raw := _raw_markup(html):
            failures.append(f"{url}: unescaped {raw}")
    assert SupportRequest.objects.filter(pk=data.support_request.pk).exists()
    assert not failures, "\n".join(failures)


# --- end costs4 ---
