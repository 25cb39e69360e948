from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from portal.demo import DemoLoader
from portal.member_data import MemberData
from portal.moderation import ModeratedType
from portal.sections import Section
from portal.tagging import TaggedType

from . import observatory_charts
from .admin_views import TagViewSet
from .models import NewsPage, PracticePage, ResearchTopicPage


def _practices_for_tag(tag, request):
    from .selectors import practices_for_tags

    return practices_for_tags([tag], request)


def _topics_for_tag(tag, request):
    from .selectors import topics_for_tags

    return topics_for_tags([tag], request)


def _news_for_tag(tag, request):
    from .selectors import news_for_tags

    return news_for_tags([tag], request)


def _any_tag(name):
    """``TaggedType.items_for_tags``: one query for several tags (knowledge.selectors)."""

    def items(tags, request):
        from . import selectors

        return getattr(selectors, name)(tags, request)

    return items


@hooks.register("register_tagged_type")
def practices_tagged_type():
    return TaggedType(
        key="practices",
        label=_("Good practices"),
        order=20,
        items_for_tag=_practices_for_tag,
        items_for_tags=_any_tag("practices_for_tags"),
        card_template="knowledge/practice_card.html",
        search_models=(PracticePage,),
    )


@hooks.register("register_tagged_type")
def topics_tagged_type():
    return TaggedType(
        key="topics",
        label=_("Research topics"),
        order=30,
        items_for_tag=_topics_for_tag,
        items_for_tags=_any_tag("topics_for_tags"),
        card_template="knowledge/topic_card.html",
        search_models=(ResearchTopicPage,),
    )


@hooks.register("register_tagged_type")
def news_tagged_type():
    return TaggedType(
        key="news",
        label=_("News"),
        order=50,
        items_for_tag=_news_for_tag,
        items_for_tags=_any_tag("news_for_tags"),
        card_template="knowledge/news_card.html",
        search_models=(NewsPage,),
    )


def _home_practices(request):
    from .selectors import latest_practices

    practices = latest_practices()
    return {"practices": practices} if practices else None


def _home_topics(request):
    from .selectors import featured_topics

    topics = featured_topics()
    return {"topics": topics} if topics else None


@hooks.register("register_home_section")
def practices_home_section():
    return Section(
        key="practices",
        order=20,
        template="knowledge/home_practices.html",
        get_context=_home_practices,
        cache_seconds=300,  # the same for every visitor (portal/sections.py)
    )


@hooks.register("register_home_section")
def topics_home_section():
    return Section(
        key="topics",
        order=40,
        template="knowledge/home_topics.html",
        get_context=_home_topics,
        cache_seconds=300,  # the same for every visitor (portal/sections.py)
    )


def _dashboard_practices(request):
    from .permissions import can_submit_practice
    from .selectors import practices_of

    user = request.user
    if not user.is_authenticated:
        return None
    practices = list(practices_of(user))
    can_submit = can_submit_practice(user)
    if not practices and not can_submit:
        return None
    return {
        "practices": practices,
        "can_submit": can_submit,
        "new_url": reverse("knowledge:practice_new"),
    }


@hooks.register("register_moderated_type")
def moderated_practices():
    """The submitter, owner and authors of a practice hear about the moderators' decision."""
    from .models import PracticePage
    from .services import practice_people

    return ModeratedType(
        model=PracticePage, edit_url_name="knowledge:practice_edit", people=practice_people
    )


@hooks.register("register_dashboard_section")
def practices_dashboard_section():
    return Section(
        key="practices",
        order=30,
        template="knowledge/dashboard_practices.html",
        get_context=_dashboard_practices,
    )


@hooks.register("register_demo_data")
def knowledge_demo():
    from . import demo

    return DemoLoader(order=40, name="knowledge", load=demo.load)


@hooks.register("register_admin_viewset")
def register_tag_viewset():
    return TagViewSet("knowledge_tags")


def _member_data(user):
    """The practices the member wrote or co-authored, for their data download."""
    from django.db.models import Q

    from .models import PracticePage

    practices = PracticePage.objects.filter(Q(owner=user) | Q(authors__user=user)).distinct()
    return {
        "practices": [
            {"id": practice.pk, "title": practice.title, "live": practice.live}
            for practice in practices
        ]
    }


@hooks.register("register_member_data")
def member_data():
    return MemberData(key="knowledge", export=_member_data)


@hooks.register("register_open_dataset")
def knowledge_open_dataset():
    from .open_data import practices_dataset

    return practices_dataset()


# Observatory: this app's charts and staff figures (observatory_charts.py) ---------------------
for _chart in observatory_charts.charts():
    hooks.register("register_observatory_chart", lambda chart=_chart: chart)
for _figure in observatory_charts.stewardship_figures():
    hooks.register("register_stewardship_figure", lambda figure=_figure: figure)
