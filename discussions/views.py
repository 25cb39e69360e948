from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import verified_member_required
from portal.models import Tag
from portal.page_cache import cached_page
from portal.throttles import THROTTLED_MESSAGE, THROTTLED_STATUS, throttle_consume

from . import selectors, services
from .forms import FollowForm, ReplyForm, ReportForm, SolveForm, ThreadForm
from .models import Reply, Status
from .permissions import can_mark_solved, can_moderate, can_post

PER_PAGE = 20


def _list(request, *, space=None, general=False):
    filter_by = request.GET.get("filter", "")
    if filter_by not in selectors.FILTERS:
        filter_by = ""
    tag = None
    tag_slug = request.GET.get("tag", "")[:100]
    if tag_slug:
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            messages.warning(
                request, _("There is no tag “%(tag)s”: showing every tag.") % {"tag": tag_slug}
            )
    kwargs = {"general": general, "tag": tag, "filter_by": filter_by}
    if space is not None:
        kwargs["space"] = space
    feed_key = str(space.pk) if space is not None else ("general" if general else "all")
    # The count and the page of threads are the same for every visitor: kept until the next
    # write to public content (a new thread or reply is one).
    key = ":".join(("discussions:list", feed_key, str(tag.pk) if tag else "", filter_by))
    page_obj = cached_page(
        lambda: selectors.thread_list(**kwargs), request.GET.get("page"), key=key, per_page=PER_PAGE
    )
    return render(
        request,
        "discussions/thread_list.html",
        {
            "page_obj": page_obj,
            "threads": page_obj.object_list,
            "space": space,
            "general": general,
            "filter_by": filter_by,
            "tag": tag,
            "feed_key": feed_key,
            "follow": selectors.follow_of(user=request.user, space=space) if space else None,
            "tag_follow": selectors.follow_of(user=request.user, tag=tag) if tag else None,
        },
    )


@require_http_methods(["GET", "HEAD"])
def index(request):
    return _list(request)


@require_http_methods(["GET", "HEAD"])
def general(request):
    return _list(request, general=True)


@require_http_methods(["GET", "HEAD"])
def space(request, page_id):
    page = selectors.space_get(page_id=page_id)
    if page is None:
        raise Http404(_("There is no discussion space here."))
    return _list(request, space=page)


def _thread_or_404(pk, user):
    thread = selectors.thread_get(pk=pk, user=user)
    if thread is None:
        raise Http404(_("There is no discussion here."))
    return thread


def _quote_initial(request):
    quote = request.GET.get("quote", "")
    return {"quote": int(quote)} if quote.isdigit() and len(quote) < 12 else {}


def _render_thread(request, thread, *, reply_form=None, status=200):
    replies = selectors.replies_for(thread=thread, user=request.user)
    user = request.user
    open_for_replies = thread.status == Status.PUBLISHED and not thread.locked
    return render(
        request,
        "discussions/thread.html",
        {
            "thread": thread,
            "body_html": thread.html,
            "replies": replies,
            "reply_ids": ",".join(str(reply.pk) for reply in replies),
            "reply_form": reply_form or ReplyForm(thread=thread, initial=_quote_initial(request)),
            "can_post": can_post(user),
            "open_for_replies": open_for_replies,
            "can_solve": can_mark_solved(user, thread),
            "can_moderate": can_moderate(user),
            "follow": selectors.follow_of(user=user, thread=thread),
            "tags": thread.tag_list(),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD"])
def thread(request, pk):
    thread = _thread_or_404(pk, request.user)
    if thread.merged_into_id and not can_moderate(request.user):
        return redirect("discussions:thread", pk=thread.merged_into_id)
    return _render_thread(request, thread)


@verified_member_required
@require_http_methods(["GET", "POST"])
def thread_new(request):
    space = None
    space_id = request.GET.get("space") or request.POST.get("space")
    if space_id:
        if not str(space_id).isdigit():
            raise Http404(_("There is no discussion space here."))
        space = selectors.space_get(page_id=int(space_id))
        if space is None:
            raise Http404(_("There is no discussion space here."))
    status = 200
    if request.method == "POST":
        form = ThreadForm(request.POST, request.FILES)
        if form.is_valid():
            if not throttle_consume(request, action="discussion_thread"):
                form.add_error(None, THROTTLED_MESSAGE)
                status = THROTTLED_STATUS
            else:
                data = form.cleaned_data
                thread = services.thread_create(
                    user=request.user,
                    space=space,
                    title=data["title"],
                    body=data["body"],
                    tags=data["tags"],
                    language=data["language"],
                    uploads=data["attachments"],
                )
                if thread.status == Status.PENDING:
                    messages.info(
                        request,
                        _(
                            "Thank you! Your first posts are read by a moderator before they appear: "
                            "you will get an email once it is published."
                        ),
                    )
                else:
                    messages.success(request, _("Your discussion is published."))
                return redirect("discussions:thread", pk=thread.pk)
        else:
            status = 400
        if status != THROTTLED_STATUS:
            messages.error(request, _("Please correct the errors below; nothing was saved."))
    else:
        form = ThreadForm(initial={"language": get_language()})
    return render(
        request, "discussions/thread_form.html", {"form": form, "space": space}, status=status
    )


@require_POST
@verified_member_required
def reply(request, pk):
    thread = _thread_or_404(pk, request.user)
    form = ReplyForm(request.POST, request.FILES, thread=thread)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return _render_thread(request, thread, reply_form=form, status=400)
    if not throttle_consume(request, action="discussion_reply"):
        form.add_error(None, THROTTLED_MESSAGE)
        return _render_thread(request, thread, reply_form=form, status=THROTTLED_STATUS)
    try:
        new = services.reply_create(
            user=request.user,
            thread=thread,
            body=form.cleaned_data["body"],
            quote=form.cleaned_data["quote"],
            uploads=form.cleaned_data["attachments"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        messages.error(request, error.messages[0])
        return _render_thread(request, thread, reply_form=form, status=400)
    if new.status == Status.PENDING:
        messages.info(
            request,
            _(
                "Thank you! Your first posts are read by a moderator before they appear: "
                "you will get an email once it is published."
            ),
        )
    else:
        messages.success(request, _("Your reply is published."))
    return redirect(f"{thread.get_absolute_url()}#reply-{new.pk}")


@require_POST
@verified_member_required
def solve(request, pk):
    thread = _thread_or_404(pk, request.user)
    if not can_mark_solved(request.user, thread):
        raise PermissionDenied(_("Only the author of the question or a moderator can do this."))
    form = SolveForm(request.POST)
    reply = None
    if form.is_valid() and form.cleaned_data["reply"]:
        reply = Reply.objects.filter(pk=form.cleaned_data["reply"], thread=thread).first()
        if reply is None:
            raise Http404(_("There is no such reply in this discussion."))
    try:
        services.thread_mark_solved(user=request.user, thread=thread, reply=reply)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(thread)
    if reply is None:
        messages.success(request, _("The discussion is open again."))
    else:
        messages.success(request, _("Marked as the reply that solved the question."))
    return redirect(thread)


@verified_member_required
@require_http_methods(["GET", "POST"])
def report(request, kind, pk):
    if kind == "thread":
        thread = _thread_or_404(pk, request.user)
        post = thread
    elif kind == "reply":
        post = get_object_or_404(
            Reply.objects.select_related("thread"), pk=pk, status=Status.PUBLISHED
        )
        thread = _thread_or_404(post.thread_id, request.user)
    else:
        raise Http404(_("There is nothing to report here."))
    status = 200
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            if not throttle_consume(request, action="discussion_report"):
                form.add_error(None, THROTTLED_MESSAGE)
                status = THROTTLED_STATUS
            else:
                services.report_create(
                    user=request.user,
                    thread=post if kind == "thread" else None,
                    reply=post if kind == "reply" else None,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("Thank you: the moderators will look at this post."))
                return redirect(thread)
        else:
            status = 400
    else:
        form = ReportForm()
    return render(
        request,
        "discussions/report_form.html",
        {"form": form, "thread": thread, "post": post, "kind": kind},
        status=status,
    )


@require_POST
@verified_member_required
def follow(request):
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, " ".join(form.non_field_errors()) or _("There is nothing to follow here.")
        )
        return redirect("discussions:following")
    data = form.cleaned_data
    if data["action"] == "follow":
        services.follow_set(user=request.user, mode=data["mode"], **data["target"])
        messages.success(request, _("You follow it now."))
    else:
        services.follow_remove(user=request.user, **data["target"])
        messages.success(request, _("You no longer follow it."))
    next_url = data.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("discussions:following")


@verified_member_required
@require_http_methods(["GET", "HEAD"])
def following(request):
    return render(
        request,
        "discussions/following.html",
        {"follows": list(selectors.follows_of(request.user)), "modes": _mode_choices()},
    )


def _mode_choices():
    from .models import DiscussionFollow

    return DiscussionFollow.Mode.choices
