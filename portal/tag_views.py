"""Kept for imports of the first skeleton: the views now live in knowledge/site_views.py."""

from knowledge.site_views import search, tag_autocomplete, tag_detail, tag_index

__all__ = ["search", "tag_autocomplete", "tag_detail", "tag_index"]
