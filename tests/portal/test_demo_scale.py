"""`load_demo_data --scale N`: the synthetic data set in the proportions the help promises,
made of whole pages (site, admin, `.specific`, a sound tree, search), and not duplicated by a
second run."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from accounts.models import User
from community.models import (
    MemberExpertiseTag,
    MemberOfferingTag,
    MemberProfile,
    MemberSeekingTag,
)
from events.models import EventPage, EventTag, ProgramPage, ProgramTag
from knowledge.models import PracticePage, PracticeTag
from portal.bulk_pages import synthetic_tag_names
from portal.management.commands.load_demo_data import Command
from portal.models import Tag
from registry.models import (
    InitiativeOfferingTag,
    InitiativePage,
    InitiativeSeekingTag,
    InitiativeTag,
)

pytestmark = pytest.mark.django_db

SCALE = 30


def synthetic_counts():
    initiatives = InitiativePage.objects.filter(slug__startswith="synthetic-initiative-")
    practices = PracticePage.objects.filter(slug__startswith="synthetic-practice-")
    events = EventPage.objects.filter(slug__startswith="synthetic-event-")
    members = MemberProfile.objects.filter(user__username__startswith="synthetic-")
    links = (
        InitiativeTag.objects.filter(content_object__in=initiatives).count()
        + InitiativeSeekingTag.objects.filter(content_object__in=initiatives).count()
        + InitiativeOfferingTag.objects.filter(content_object__in=initiatives).count()
        + PracticeTag.objects.filter(content_object__in=practices).count()
        + EventTag.objects.filter(content_object__in=events).count()
        + ProgramTag.objects.filter(content_object__slug__startswith="synthetic-").count()
        + MemberExpertiseTag.objects.filter(content_object__in=members).count()
        + MemberSeekingTag.objects.filter(content_object__in=members).count()
        + MemberOfferingTag.objects.filter(content_object__in=members).count()
    )
    return {
        "initiatives": initiatives.filter(locale__language_code="en").count(),
        "practices": practices.filter(locale__language_code="en").count(),
        "events": events.filter(locale__language_code="en").count(),
        "programs": ProgramPage.objects.filter(slug__startswith="synthetic-").count(),
        "members": members.count(),
        "translations": Page.objects.filter(slug__startswith="synthetic-")
        .exclude(locale__language_code="en")
        .count(),
        "links": links,
        "pages": Page.objects.count(),
        "users": User.objects.count(),
    }


def test_help_tells_the_proportions_and_the_default():
    parser = Command().create_parser("manage.py", "load_demo_data")
    assert parser.parse_args(["--scale"]).scale == 10_000
    assert parser.parse_args(["--scale", "30"]).scale == 30
    assert parser.parse_args([]).scale == 0
    text = " ".join(parser.format_help().split())
    assert "5N members" in text and "2N practices" in text and "N/2 events" in text
    assert "100N" not in text


def test_scale_builds_whole_pages_in_proportion_once(admin_user, client, settings):
    settings.DEBUG = True
    call_command("load_demo_data", "--scale", str(SCALE), stdout=StringIO())
    counts = synthetic_counts()
    assert counts["initiatives"] == SCALE
    assert counts["practices"] == 2 * SCALE
    assert counts["members"] == 5 * SCALE
    # N/2 events in all: one program (it has five sessions) per 100 initiatives, at least one.
    assert counts["programs"] == 1
    assert counts["events"] == SCALE // 2
    assert counts["translations"] > 0
    # About 20 tag links per initiative (translations carry their own tags).
    assert 19 * SCALE <= counts["links"] <= 23 * SCALE
    assert Tag.objects.filter(name__in=synthetic_tag_names(10)).count() == 10

    # A sound tree (what `manage.py fixtree` checks) and the parent counts right.
    assert Page.find_problems() == ([], [], [], [], [])

    # Every kind of page is served, and is its specific model.
    initiative = InitiativePage.objects.live().get(slug="synthetic-initiative-3")
    practice = PracticePage.objects.live().filter(slug__startswith="synthetic-").first()
    event = EventPage.objects.live().filter(slug__startswith="synthetic-event-").first()
    program = ProgramPage.objects.get(slug="synthetic-program-1")
    for page in (initiative, practice, event, program):
        assert isinstance(Page.objects.get(pk=page.pk).specific, type(page))
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()
    tag = initiative.tags.first()
    assert client.get(f"/tags/{tag.slug}/").status_code == 200
    directory = client.get("/members/")
    assert directory.status_code == 200
    public = MemberProfile.objects.filter(
        user__username__startswith="synthetic-", visibility="public"
    ).first()
    assert client.get(f"/members/{public.user.username}/").status_code == 200

    # A translation is served in its language, under the translated section.
    translated = Page.objects.filter(
        slug__startswith="synthetic-", locale__language_code__in=["es", "pt"], live=True
    ).first()
    response = client.get(translated.url)
    assert response.status_code == 200
    assert translated.title in response.content.decode()

    # Search finds pages that were never saved one by one.
    found = get_search_backend().search(initiative.title, InitiativePage)
    assert initiative.pk in [page.pk for page in found]

    # Drafts and pages in moderation are listed and open in the admin.
    client.force_login(admin_user)
    assert client.get(f"/admin/pages/{initiative.get_parent().pk}/").status_code == 200
    assert client.get(f"/admin/pages/{initiative.pk}/edit/").status_code == 200
    draft = Page.objects.filter(slug__startswith="synthetic-", live=False).first()
    if draft is not None:  # about 2% of the pages, so maybe none at this size
        assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code == 200

    # A second run adds nothing.
    call_command("load_demo_data", "--scale", str(SCALE), stdout=StringIO())
    assert synthetic_counts() == counts
