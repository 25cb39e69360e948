from .members import MemberProfile

__all__ = ["MemberProfile"]
