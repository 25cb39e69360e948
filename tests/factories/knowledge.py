"""wagtail-factories for the knowledge pages. Pages are live unless ``live=False``; pass
``parent=`` an index page; ``tags=["a", "b"]`` sets the tags."""

import factory
import wagtail_factories

from knowledge.models import (
    NewsIndexPage,
    NewsPage,
    PracticeIndexPage,
    PracticePage,
    ResearchTopicPage,
    TopicIndexPage,
)


class _TaggedMixin(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.set(extracted)
            if create:
                self.save()


class PracticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticeIndexPage

    title = "Good practices"
    slug = "practices"


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TopicIndexPage

    title = "Research topics"
    slug = "topics"


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"
    slug = "news"


class PracticePageFactory(wagtail_factories.PageFactory, _TaggedMixin):
    class Meta:
        model = PracticePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practice {n}")
    slug = factory.Sequence(lambda n: f"practice-{n}")
    summary = "Growers share dryers to cut losses."
    problem = "<p>Coffee was lost after the harvest.</p>"
    intervention = "<p>Shared solar dryers.</p>"
    results = "<p>Fewer losses.</p>"
    country = "CO"
    live = True


class ResearchTopicPageFactory(wagtail_factories.PageFactory, _TaggedMixin):
    class Meta:
        model = ResearchTopicPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    summary = "A research topic."
    description = "<p>What the community studies.</p>"
    live = True


class NewsPageFactory(wagtail_factories.PageFactory, _TaggedMixin):
    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"News {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary = "Something happened."
    live = True
