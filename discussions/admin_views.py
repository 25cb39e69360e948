"""Wagtail admin: moderate one thread or reply (publish, hide, edit, lock, move, merge), with
the reason its author sees."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import services
from .forms import ModerationForm
from .models import PostReport, Reply, Thread
from .permissions import can_moderate


def moderate(request, kind, pk):
    if not can_moderate(request.user):
        raise PermissionDenied
    if kind == "thread":
        post = get_object_or_404(Thread.objects.select_related("author", "space"), pk=pk)
        thread = post
    elif kind == "reply":
        post = get_object_or_404(Reply.objects.select_related("author", "thread"), pk=pk)
        thread = post.thread
    else:
        raise Http404
    initial = {"body": post.body, "space": getattr(post, "space", None)}
    if kind == "thread":
        initial["title"] = post.title
    if request.method == "POST":
        form = ModerationForm(request.POST, kind=kind, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if kind == "thread":
                    services.thread_moderate(
                        moderator=request.user,
                        thread=post,
                        action=data["action"],
                        reason=data["reason"],
                        space=data.get("space"),
                        target=data.get("target"),
                        title=(data.get("title") or "").strip(),
                        body=data.get("body") or "",
                    )
                else:
                    services.reply_moderate(
                        moderator=request.user,
                        reply=post,
                        action=data["action"],
                        reason=data["reason"],
                        body=data.get("body") or "",
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Done: the author was told why by email."))
                return redirect("discussions_moderate", kind, pk)
    else:
        form = ModerationForm(kind=kind, initial=initial)
    reports = PostReport.objects.filter(**{kind: post}).select_related("reporter")
    return TemplateResponse(
        request,
        "discussions/admin/moderate.html",
        {
            "page_title": _("Moderate a discussion") if kind == "thread" else _("Moderate a reply"),
            "form": form,
            "post": post,
            "thread": thread,
            "kind": kind,
            "reports": reports,
        },
    )
