"""Context builders for the community's dashboard sections (registered in wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _

from . import matching, selectors
from .services import profile_ensure

# (label, test) pairs: what a complete profile has.
COMPLETENESS_ITEMS = [
    (_("a photo"), lambda p: bool(p.photo_id)),
    (_("your organisation and role"), lambda p: bool(p.organization and p.role)),
    (_("your country and city"), lambda p: bool(p.country and p.city)),
    (_("a short bio"), lambda p: len(p.bio) >= 40),
    (_("expertise tags"), lambda p: bool(p.expertise_tags)),
    (_("what you are seeking"), lambda p: bool(p.seeking_tags)),
    (_("what you are offering"), lambda p: bool(p.offering_tags)),
    (_("the languages you speak"), lambda p: bool(p.languages)),
]


def dashboard_profile(request):
    """The member's profile (created if missing) with its user, photo and tags, loaded once
    per request: the view and every section share it (two queries, whatever the number of
    tags: the profile with its user and photo, then its three tag relations in one)."""
    profile = getattr(request, "_dashboard_profile", None)
    if profile is not None:
        return profile
    from .models import MemberProfile
    from .models.members import prefetch_member_tags

    profile = (
        MemberProfile.objects.filter(user=request.user).select_related("user", "photo").first()
    )
    if profile is None:
        profile = profile_ensure(user=request.user)
    else:
        prefetch_member_tags([profile])
    request._dashboard_profile = profile
    return profile


def profile_completeness(profile):
    done = [label for label, test in COMPLETENESS_ITEMS if test(profile)]
    missing = [label for label, test in COMPLETENESS_ITEMS if not test(profile)]
    percent = round(100 * len(done) / len(COMPLETENESS_ITEMS))
    return percent, missing


def profile_completeness_context(request):
    profile = dashboard_profile(request)
    percent, missing = profile_completeness(profile)
    return {"profile": profile, "percent": percent, "missing": missing}


def suggestions_context(request):
    profile = dashboard_profile(request)
    found = matching.suggestions_for(profile, user=request.user)
    return {
        "profile": profile,
        "members": found["members"],
        "initiatives": found["initiatives"],
    }


def inbox_context(request):
    managed = selectors.user_managed_initiative_ids(request.user)
    items = list(selectors.inbox_list(user=request.user, managed=managed)[:5])
    return {
        "items": items,
        "unread": selectors.inbox_unread_count(user=request.user, managed=managed),
    }


def following_context(request):
    return {"follows": list(selectors.follow_list(user=request.user)[:20])}
