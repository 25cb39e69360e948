from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The project's user from the first migration, so it can grow without a painful swap.

    People log in by email (allauth); the username is the public handle used in
    `/members/<username>/`.
    """

    email = models.EmailField(_("email address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, blank=True, default=""
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username
