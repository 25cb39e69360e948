from django import template

from ..selectors import follow_state

register = template.Library()


@register.simple_tag(takes_context=True)
def is_following(context, tag=None, page=None):
    """``{% is_following tag=tag as following %}``: one query, False for anonymous visitors."""
    request = context.get("request")
    if request is None or (tag is None) == (page is None):
        return False
    return follow_state(user=request.user, tag=tag, page=page)
