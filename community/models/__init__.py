from .contact import AbuseReport, Block, ContactRequest
from .follows import Follow
from .members import (
    LANGUAGE_CHOICES,
    MemberExpertiseTag,
    MemberOfferingTag,
    MemberProfile,
    MemberSeekingTag,
)

__all__ = [
    "LANGUAGE_CHOICES",
    "AbuseReport",
    "Block",
    "ContactRequest",
    "Follow",
    "MemberExpertiseTag",
    "MemberOfferingTag",
    "MemberProfile",
    "MemberSeekingTag",
]
