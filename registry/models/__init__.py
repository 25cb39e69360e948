"""The initiative registry: initiatives as Wagtail pages under one index page per locale, the
controlled vocabularies (sectors, support programs) as snippets, and the records that give
people rights on an initiative (managers, invitations, claims).

Validation lives on the models (field validators and ``InitiativePage.clean()``), so the
Wagtail admin, the public form and the CSV importer agree on what is valid.

``from registry.models import X`` is the public way in; the modules below are the layout.
"""

from .index_page import InitiativeIndexPage
from .indicators import InitiativeIndicator
from .initiative import RESERVED_SLUGS, InitiativePage
from .querysets import InitiativePageManager, InitiativePageQuerySet
from .rights import InitiativeClaim, InitiativeManager, ManagerInvitation
from .stewardship import (
    FreshnessReminder,
    FreshnessSettings,
    InitiativeArchive,
    InitiativeVerification,
    PartnerOrganisation,
    Verifier,
)
from .tags import InitiativeOfferingTag, InitiativeSeekingTag, InitiativeTag
from .vocabularies import (
    InitiativeKind,
    InitiativeStatus,
    LocationPrecision,
    QualityLabel,
    QualityLabelScheme,
    Sector,
    SectorQuerySet,
    Source,
    Stage,
    SupportProgram,
)

__all__ = [
    "RESERVED_SLUGS",
    "FreshnessReminder",
    "FreshnessSettings",
    "InitiativeArchive",
    "InitiativeVerification",
    "PartnerOrganisation",
    "Verifier",
    "InitiativeClaim",
    "InitiativeIndexPage",
    "InitiativeIndicator",
    "InitiativeKind",
    "InitiativeManager",
    "InitiativeOfferingTag",
    "InitiativePage",
    "InitiativePageManager",
    "InitiativePageQuerySet",
    "InitiativeSeekingTag",
    "InitiativeStatus",
    "InitiativeTag",
    "LocationPrecision",
    "ManagerInvitation",
    "QualityLabel",
    "QualityLabelScheme",
    "Sector",
    "SectorQuerySet",
    "Source",
    "Stage",
    "SupportProgram",
]
