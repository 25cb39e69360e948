"""Vocabularies shared by several apps.

``OrganizationType``: the kind of an organization, for a member's employer
(``community.MemberProfile.organization_type``) and for the body that manages an initiative
(``registry.InitiativePage.organization_type``). The registry once had its own shorter list with
``public`` for a public agency; its migration ``0005`` maps it to ``public_agency``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationType(models.TextChoices):
    CHAMBER = "chamber", _("Chamber of commerce")
    PUBLIC_AGENCY = "public_agency", _("Public or development agency")
    ASSOCIATION = "association", _("Business association")
    CLUSTER = "cluster", _("Cluster initiative")
    UNIVERSITY = "university", _("University or research centre")
    PRIVATE = "private", _("Private company")
    CONSULTANCY = "consultancy", _("Consultancy")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


# Values stored before the enum was shared, and what they mean now.
LEGACY_ORGANIZATION_TYPES = {"public": OrganizationType.PUBLIC_AGENCY.value}
