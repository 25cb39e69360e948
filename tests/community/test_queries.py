"""Query counts of the directory, a profile and the dashboard do not grow with the number of
members."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from community.models import ContactRequest, Follow
from portal.models import Tag

from .conftest import image_upload

pytestmark = pytest.mark.django_db

TAGS = ["coffee", "logistics", "tourism", "software", "energy"]


def add_members(make_profile, start, count):
    from community.services import profile_save_photo

    for i in range(start, start + count):
        profile = make_profile(
            f"m{i}",
            visibility="public",
            expertise=[TAGS[i % 5], TAGS[(i + 1) % 5]],
            seeking=[TAGS[(i + 2) % 5]],
            offering=[TAGS[(i + 3) % 5]],
            country="CO",
        )
        if i % 3 == 0:
            profile_save_photo(profile=profile, upload=image_upload())
            profile.save()


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def me(make_profile):
    me = make_profile("me", expertise=["coffee", "logistics"], seeking=["software"], country="CO")
    Follow.objects.create(user=me.user, tag=Tag.objects.get(name="coffee"))
    return me


def test_query_counts_do_not_grow(client, me, make_profile):
    urls = [
        reverse("community:directory"),
        reverse("community:directory") + "?tag=coffee",
        reverse("community:profile", args=["m0"]),
        reverse("community:dashboard"),
        reverse("community:inbox"),
    ]
    add_members(make_profile, 0, 5)
    for i in range(3):
        sender = make_profile(f"sender{i}").user
        ContactRequest.objects.create(sender=sender, recipient=me.user, subject="s", message="m")
    client.force_login(me.user)
    for url in urls:
        client.get(url)  # warm up (renditions, site root caches)
    small = {url: count(client, url) for url in urls}
    add_members(make_profile, 5, 30)
    for url in urls:
        client.get(url)
    large = {url: count(client, url) for url in urls}
    assert large == small
    # The site chrome (session, user, admin user bar permissions, site settings, main menu)
    # costs six.
    assert small[reverse("community:directory")] <= 14
    assert small[reverse("community:profile", args=["m0"])] <= 12
    assert small[reverse("community:inbox")] <= 10


def test_anonymous_directory_query_count(client, make_profile):
    add_members(make_profile, 0, 4)
    url = reverse("community:directory")
    client.get(url)
    small = count(client, url)
    add_members(make_profile, 4, 20)
    client.get(url)
    assert count(client, url) == small
    assert small <= 10
