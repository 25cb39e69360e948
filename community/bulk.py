"""Bulk builders for large synthetic data sets (``load_demo_data --scale N`` and
``bench/bench_matching.py``): plain ``bulk_create`` in batches, no signals, no per-row save."""

from django.contrib.auth import get_user_model

from portal.bulk_pages import (
    TagPicker,
    analyze,
    insert_rows,
    insert_tag_links,
    synthetic_tags,
)

from .models import MemberExpertiseTag, MemberOfferingTag, MemberProfile, MemberSeekingTag

FIRST_NAMES = [
    "Ana", "Carlos", "Lucía", "João", "María", "Diego", "Camila", "Pedro", "Valentina",
    "Andrés", "Fernanda", "Jorge", "Paula", "Rafael", "Sofía", "Tomás", "Beatriz", "Luis",
]  # fmt: skip
LAST_NAMES = [
    "Gómez", "Silva", "Rodríguez", "Pereira", "Martínez", "Souza", "López", "Castro",
    "Fernández", "Oliveira", "Ramírez", "Costa", "Torres", "Santos", "Vargas", "Rojas",
]  # fmt: skip
COUNTRIES = ["AR", "BO", "BR", "CL", "CO", "CR", "EC", "MX", "PE", "PY", "UY", "GT", "SV"]
CITIES = ["Bogotá", "Medellín", "São Paulo", "Lima", "Santiago", "Monterrey", "Córdoba", ""]
ORGANIZATION_TYPES = ["chamber", "public_agency", "association", "cluster", "university", "private"]


def build_synthetic_members(
    *,
    count,
    links,
    rng,
    prefix="synthetic",
    tag_count=400,
    batch_size=2000,
    stdout=None,
    public_share=0.8,
):
    """``count`` users with profiles (``public_share`` of them public, the others visible to
    members) and about ``links`` tag links in all (expertise 70%, seeking 15%, offering 15%),
    tags drawn from the shared synthetic vocabulary (``portal.bulk_pages``) with a Zipf-like
    popularity, so that some tags are common and most are rare. Names, organisations,
    countries and one or two sectors each. Returns the number of profiles created."""
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    unusable = make_password(None)
    picker = TagPicker(synthetic_tags(tag_count), rng)
    sector_model = MemberProfile.sectors.field.related_model  # the registry's vocabulary
    sector_ids = list(sector_model.objects.divisions().values_list("pk", flat=True))
    sectors_through = MemberProfile.sectors.through
    start = User.objects.filter(username__startswith=f"{prefix}-").count()
    created = 0
    per_member = max(1, links // max(1, count))
    remainder = links - per_member * count
    while created < count:
        size = min(batch_size, count - created)
        numbers = range(start + created, start + created + size)
        names = {n: (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)) for n in numbers}
        users = User.objects.bulk_create(
            [
                User(
                    username=f"{prefix}-{n}",
                    email=f"{prefix}-{n}@example.org",
                    first_name=names[n][0],
                    last_name=names[n][1],
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
                    display_name=f"{user.first_name} {user.last_name}",
                    organization=f"{rng.choice(LAST_NAMES)} {rng.choice(['SAS', 'Ltda', 'Lab'])}",
                    organization_type=rng.choice(ORGANIZATION_TYPES),
                    city=rng.choice(CITIES),
                    visibility="public" if rng.random() < public_share else "members",
                    allow_contact=rng.random() > 0.1,
                    country=rng.choice(COUNTRIES),
                )
                for user in users
            ],
            batch_size=batch_size,
        )
        if profiles and profiles[0].pk is None:
            profiles = list(MemberProfile.objects.filter(user__in=users))
        analyze(User, MemberProfile)
        expertise, seeking, offering, sectors = [], [], [], []
        for profile in profiles:
            n_links = per_member + (1 if remainder > 0 and rng.random() < remainder / count else 0)
            for tag_id in picker.pick(n_links):
                roll = rng.random()
                target = expertise if roll < 0.7 else seeking if roll < 0.85 else offering
                target.append((profile.pk, tag_id))
            if sector_ids:
                for sector_id in rng.sample(sector_ids, k=min(len(sector_ids), rng.randint(1, 2))):
                    sectors.append((profile.pk, sector_id))
        insert_tag_links(MemberExpertiseTag, expertise)
        insert_tag_links(MemberSeekingTag, seeking)
        insert_tag_links(MemberOfferingTag, offering)
        insert_rows(sectors_through, ["memberprofile", "sector"], sectors)
        created += size
        if stdout is not None:
            stdout.write(f"  synthetic members: {created}/{count}")
    return created
