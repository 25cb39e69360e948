"""What each app keeps about a member, for the member's data download ("Download my data" on
the dashboard, community/services.py ``member_export``). The community app owns the account
pages; every other app adds its part under its own key, so the download covers the whole site
without community importing anyone.

An app registers its part in ``wagtail_hooks.py``::

    @hooks.register("register_member_data")
    def event_registrations():
        return MemberData(
            key="events",
            export=lambda user: {"registrations": [
                {"event": r.event.title, "status": r.status}
                for r in EventRegistration.objects.filter(user=user)
            ]},
        )

``export(user)`` returns JSON-safe data. Deleting an account (``member_delete``) needs no
hook: content that points at a user uses ``on_delete=SET_NULL`` or ``CASCADE``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks


@dataclass(frozen=True)
class MemberData:
    key: str
    export: Callable


def member_data(user):
    """``{key: data}`` of every app's part, in the order the hooks were registered."""
    parts = [fn() for fn in hooks.get_hooks("register_member_data")]
    return {part.key: part.export(user) for part in parts}
