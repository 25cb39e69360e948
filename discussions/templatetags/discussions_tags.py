from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.emails import display_name

from ..sanitising import plain_text, render_post

register = template.Library()


@register.filter
def author_name(user):
    """How a post is signed: the member's display name, or "Former member" once the account
    is deleted (posts stay: see discussions/models.py)."""
    return display_name(user) if user is not None else _("Former member")


@register.filter
def post_html(stored):
    return mark_safe(render_post(stored))  # noqa: S308 (cleaned by nh3 just now)


@register.filter
def post_text(stored):
    return plain_text(stored)
