"""Bulk builders for large synthetic data sets (``load_demo_data --scale N`` and
``bench/bench_matching.py``): plain ``bulk_create`` in batches, no signals, no per-row save."""

from django.contrib.auth import get_user_model

from portal.models import Tag

from .models import MemberExpertiseTag, MemberOfferingTag, MemberProfile, MemberSeekingTag

SYNTHETIC_TAGS = [
    "agro-industry", "export promotion", "logistics", "digital transformation", "tourism",
    "textiles", "coffee", "cocoa", "software", "energy", "circular economy", "innovation",
    "health", "cosmetics", "creative industries", "fisheries", "mining services", "dairy",
    "fruits", "wine", "automotive", "aerospace", "biotechnology", "construction",
    "furniture", "leather", "metalworking", "plastics", "packaging", "chemicals",
]  # fmt: skip


def _tag_pool(count):
    names = list(SYNTHETIC_TAGS)
    names += [f"topic {i:04d}" for i in range(max(0, count - len(names)))]
    existing = {t.name.lower(): t for t in Tag.objects.filter(name__in=names[:count])}
    from django.utils.text import slugify

    missing = [
        Tag(name=name, slug=slugify(name)) for name in names[:count] if name.lower() not in existing
    ]
    Tag.objects.bulk_create(missing, batch_size=1000, ignore_conflicts=True)
    return list(Tag.objects.filter(name__in=names[:count]).order_by("pk"))


def build_synthetic_members(
    *, count, links, rng, prefix="synthetic", tag_count=400, batch_size=2000, stdout=None
):
    """``count`` users with profiles and about ``links`` tag links in all (expertise 70%,
    seeking 15%, offering 15%), tag popularity following a Zipf-like curve so that some tags
    are common and most are rare. Returns the number of profiles created."""
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    unusable = make_password(None)
    tags = _tag_pool(tag_count)
    weights = [1 / (rank + 1) for rank in range(len(tags))]
    countries = ["AR", "BO", "BR", "CL", "CO", "CR", "EC", "MX", "PE", "PY", "UY", "GT", "SV"]
    start = User.objects.filter(username__startswith=f"{prefix}-").count()
    created = 0
    per_member = max(1, links // max(1, count))
    remainder = links - per_member * count
    while created < count:
        size = min(batch_size, count - created)
        numbers = range(start + created, start + created + size)
        users = User.objects.bulk_create(
            [
                User(
                    username=f"{prefix}-{n}",
                    email=f"{prefix}-{n}@example.org",
                    password=unusable,
                    is_active=True,
                )
                for n in numbers
            ],
            batch_size=batch_size,
        )
        if users and users[0].pk is None:  # backends that do not return ids
            users = list(User.objects.filter(username__in=[u.username for u in users]))
        profiles = MemberProfile.objects.bulk_create(
            [
                MemberProfile(
                    user=user,
                    display_name=user.username,
                    visibility=rng.choice(["public", "members"]),
                    allow_contact=rng.random() > 0.1,
                    country=rng.choice(countries),
                )
                for user in users
            ],
            batch_size=batch_size,
        )
        if profiles and profiles[0].pk is None:
            profiles = list(MemberProfile.objects.filter(user__in=users))
        expertise, seeking, offering = [], [], []
        for profile in profiles:
            n_links = per_member + (1 if remainder > 0 and rng.random() < remainder / count else 0)
            chosen = set()
            while len(chosen) < min(n_links, len(tags)):
                chosen.add(rng.choices(tags, weights=weights)[0].pk)
            for tag_id in chosen:
                roll = rng.random()
                target, model = (
                    (expertise, MemberExpertiseTag)
                    if roll < 0.7
                    else (seeking, MemberSeekingTag)
                    if roll < 0.85
                    else (offering, MemberOfferingTag)
                )
                target.append(model(content_object_id=profile.pk, tag_id=tag_id))
        MemberExpertiseTag.objects.bulk_create(expertise, batch_size=batch_size)
        MemberSeekingTag.objects.bulk_create(seeking, batch_size=batch_size)
        MemberOfferingTag.objects.bulk_create(offering, batch_size=batch_size)
        created += size
        if stdout is not None:
            stdout.write(f"  synthetic members: {created}/{count}")
    return created
