"""Demo pages and accounts for the foundation (the other apps add their own content)."""

from django.conf import settings

from allauth.account.models import EmailAddress

from accounts.models import User

DEMO_ACCOUNTS = [
    # username, first name, last name, superuser, groups
    ("admin", "Ana", "Administradora", True, []),
    ("moderator", "Mateo", "Moderador", False, ["Moderators"]),
    ("manager", "Carolina", "Gestora", False, ["Members", "Cluster managers"]),
    ("member", "João", "Membro", False, ["Members"]),
]


def create_demo_accounts(*, stdout):
    from django.contrib.auth.models import Group

    for username, first, last, superuser, groups in DEMO_ACCOUNTS:
        email = f"{username}@example.org"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": email, "first_name": first, "last_name": last},
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
        user.is_superuser = user.is_staff = superuser
        user.save()
        user.groups.set(Group.objects.filter(name__in=groups))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    stdout.write(f"  demo accounts: {', '.join(a[0] for a in DEMO_ACCOUNTS)}")


def load(*, rng, stdout, scale, debug):
    if debug:
        create_demo_accounts(stdout=stdout)
    else:
        stdout.write("  DEBUG is off: demo accounts are not created.")
