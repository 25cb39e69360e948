"""Each app adds its part of a member's data download through portal/member_data.py."""

from wagtail import hooks

import pytest

from portal.member_data import MemberData, member_data


@pytest.mark.django_db
def test_each_app_adds_its_part_under_its_key(member):
    def glossary():
        return MemberData(key="glossary", export=lambda user: {"entries": [user.username]})

    assert {"registry", "knowledge", "events"} <= set(member_data(member))
    with hooks.register_temporarily("register_member_data", glossary):
        assert member_data(member)["glossary"] == {"entries": [member.username]}
    assert member_data(member)["events"] == {"registrations": []}
