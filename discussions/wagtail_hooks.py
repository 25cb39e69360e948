from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from portal.demo import DemoLoader
from portal.emails import absolute_url
from portal.member_data import MemberData
from portal.navigation import MenuItem
from portal.sections import PageSection, Section
from portal.tagging import TaggedType, TagReference
from portal.unsubscribe import EmailOptOut

from . import admin_views
from .models import DiscussionFollow, PostAttachment, PostReport, Reply, Thread
from .spaces import SPACE_PAGE_TYPES

# Public site ---------------------------------------------------------------------------------


@hooks.register("register_menu_item")
def discussions_menu_item():
    return MenuItem(
        key="discussions",
        label=_("Discussions"),
        order=90,
        get_url=lambda: reverse("discussions:index"),
    )


def _threads_for_tag(tag, request):
    from .selectors import threads_for_tags

    return threads_for_tags([tag], request)


def _threads_for_tags(tags, request):
    from .selectors import threads_for_tags

    return threads_for_tags(tags, request)


def _search_threads(query, request):
    """Threads the visitor may read whose title or text has every word of the query."""
    from django.db.models import Q

    condition = Q()
    for word in query.split()[:8]:
        condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return Thread.objects.visible_to().filter(condition).for_cards().order_by("-last_activity_at")


@hooks.register("register_tagged_type")
def threads_tagged_type():
    return TaggedType(
        key="discussions",
        label=_("Discussions"),
        order=45,
        items_for_tag=_threads_for_tag,
        items_for_tags=_threads_for_tags,
        card_template="discussions/thread_card.html",
        search=_search_threads,
    )


@hooks.register("register_tag_reference")
def discussion_follows_tag_reference():
    return TagReference(model=DiscussionFollow, tag_field="tag", owner_field="user")


def _page_threads(page, request):
    from .selectors import page_threads

    threads, total = page_threads(page)
    return {"threads": threads, "total": total}


@hooks.register("register_page_section")
def space_threads_section():
    return PageSection(
        key="discussions",
        order=50,
        page_types=SPACE_PAGE_TYPES,
        template="discussions/page_section.html",
        get_context=_page_threads,
        # The same for every visitor: kept until the next write to public content.
        cache_seconds=300,
    )


def _home_threads(request):
    from .selectors import latest_threads

    threads = latest_threads(limit=4)
    return {"threads": threads} if threads else None


@hooks.register("register_home_section")
def threads_home_section():
    return Section(
        key="discussions",
        order=45,
        template="discussions/home_section.html",
        get_context=_home_threads,
        cache_seconds=300,  # the same for every visitor (portal/sections.py)
    )


def _dashboard_threads(request):
    from .selectors import threads_of

    if not request.user.is_authenticated:
        return None
    return {"threads": list(threads_of(request.user)[:10])}


@hooks.register("register_dashboard_section")
def threads_dashboard_section():
    return Section(
        key="discussions",
        order=40,
        template="discussions/dashboard_section.html",
        get_context=_dashboard_threads,
    )


def _member_data(user):
    """The member's threads, replies, reports and follows, for their data download."""
    return {
        "threads": [
            {
                "id": thread.pk,
                "title": thread.title,
                "body": thread.body,
                "status": thread.status,
                "created_at": thread.created_at.isoformat(),
            }
            for thread in Thread.objects.filter(author=user)
        ],
        "replies": [
            {
                "id": reply.pk,
                "thread": reply.thread_id,
                "body": reply.body,
                "status": reply.status,
                "created_at": reply.created_at.isoformat(),
            }
            for reply in Reply.objects.filter(author=user)
        ],
        "attachments": [
            {
                "thread": attachment.thread_id,
                "reply": attachment.reply_id,
                "title": attachment.document.title,
                "file": attachment.document.filename,
                "url": absolute_url(attachment.document.url),
            }
            for attachment in PostAttachment.objects.filter(
                Q(thread__author=user) | Q(reply__author=user)
            ).select_related("document")
        ],
        "reports": [
            {"thread": r.thread_id, "reply": r.reply_id, "reason": r.reason}
            for r in PostReport.objects.filter(reporter=user)
        ],
        "follows": [
            {"thread": f.thread_id, "space": f.space_id, "tag": f.tag_id, "mode": f.mode}
            for f in DiscussionFollow.objects.filter(user=user)
        ],
    }


@hooks.register("register_member_data")
def member_data():
    return MemberData(key="discussions", export=_member_data)


@hooks.register("register_email_optout")
def discussions_email_optout():
    from .services import emails_off

    return EmailOptOut(key="discussions", label=_("Discussion notifications"), opt_out=emails_off)


@hooks.register("register_demo_data")
def discussions_demo():
    from . import demo

    return DemoLoader(order=60, name="discussions", load=demo.load)


# Wagtail admin -------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def discussions_admin_urls():
    return [
        path(
            "discussions/moderate/<str:kind>/<int:pk>/",
            admin_views.moderate,
            name="discussions_moderate",
        )
    ]


def _moderate_column(kind):
    return TitleColumn(
        "moderate",
        label=_("Moderate"),
        accessor=lambda obj: _("Moderate"),
        get_url=lambda obj: reverse("discussions_moderate", args=[kind, obj.pk]),
    )


class ThreadViewSet(ModelViewSet):
    model = Thread
    name = "discussion_threads"
    icon = "comment"
    menu_label = _("Threads")
    list_filter = ["status", "locked", "language", "created_at"]
    search_fields = ["title", "body", "author__username"]
    search_backend_name = None
    form_fields = ["title", "body", "status", "locked", "moderation_reason"]
    inspect_view_enabled = True

    @property
    def list_display(self):
        return [
            "title",
            "space",
            "author",
            "status",
            "locked",
            "created_at",
            _moderate_column("thread"),
        ]

    def get_queryset(self, request):
        return Thread.objects.select_related("author", "space")


class ReplyViewSet(ModelViewSet):
    model = Reply
    name = "discussion_replies"
    icon = "comment"
    menu_label = _("Replies")
    list_filter = ["status", "created_at"]
    search_fields = ["body", "author__username", "thread__title"]
    search_backend_name = None
    form_fields = ["body", "status", "moderation_reason"]
    inspect_view_enabled = True

    @property
    def list_display(self):
        return ["thread", "author", "status", "created_at", _moderate_column("reply")]

    def get_queryset(self, request):
        return Reply.objects.select_related("author", "thread")


def _report_url(report):
    kind = "reply" if report.reply_id else "thread"
    return reverse("discussions_moderate", args=[kind, report.reply_id or report.thread_id])


class PostReportViewSet(ModelViewSet):
    model = PostReport
    name = "discussion_reports"
    icon = "warning"
    menu_label = _("Reported posts")
    list_filter = ["state", "created_at"]
    search_fields = ["reason"]
    search_backend_name = None
    form_fields = ["state"]
    inspect_view_enabled = True

    @property
    def list_display(self):
        return [
            TitleColumn(
                "post",
                label=_("Post"),
                accessor=lambda obj: str(obj.post),
                get_url=_report_url,
            ),
            "reporter",
            "reason",
            "state",
            "created_at",
        ]

    def get_queryset(self, request):
        return PostReport.objects.select_related("reporter", "thread", "reply__thread")


class DiscussionsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Discussions")
    menu_icon = "comment"
    menu_order = 310
    items = (PostReportViewSet, ThreadViewSet, ReplyViewSet)


@hooks.register("register_admin_viewset")
def register_discussions_viewsets():
    return DiscussionsViewSetGroup()
