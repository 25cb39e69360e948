from django.shortcuts import get_object_or_404, render

from .models import Tag
from .tagging import tagged_types

ITEMS_PER_GROUP = 12


def tag_detail(request, slug):
    """Everything carrying one tag, grouped by type, with counts."""
    tag = get_object_or_404(Tag, slug=slug)
    groups = []
    for tagged in tagged_types():
        items = tagged.items_for_tag(tag, request)
        count = items.count()
        if count:
            groups.append({"type": tagged, "items": list(items[:ITEMS_PER_GROUP]), "count": count})
    return render(request, "knowledge/tag_detail.html", {"tag": tag, "groups": groups})


def tag_index(request):
    tags = Tag.objects.order_by("name")
    return render(request, "knowledge/tag_index.html", {"tags": tags})


def tag_autocomplete(request):
    """Up to ten tag names starting with (then containing) ``q``, as JSON."""
    from django.http import JsonResponse

    term = request.GET.get("q", "").strip()[:50]
    if not term:
        return JsonResponse({"results": []})
    starts = list(Tag.objects.filter(name__istartswith=term).values_list("name", flat=True)[:10])
    if len(starts) < 10:
        starts += list(
            Tag.objects.filter(name__icontains=term)
            .exclude(name__in=starts)
            .values_list("name", flat=True)[: 10 - len(starts)]
        )
    return JsonResponse({"results": starts})


def search(request):
    """Site search over every live, public page (the knowledge app refines it)."""
    from wagtail.models import Page

    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.live().public().search(query) if query else Page.objects.none()
    return render(request, "knowledge/search.html", {"query": query, "results": results})
