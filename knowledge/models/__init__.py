from .news import NewsIndexPage, NewsPage, NewsTag
from .practices import (
    PracticeAttachment,
    PracticeFigure,
    PracticeIndexPage,
    PracticePage,
    PracticeTag,
)
from .topics import ResearchTopicPage, TopicIndexPage, TopicTag

__all__ = [
    "NewsIndexPage",
    "NewsPage",
    "NewsTag",
    "PracticeAttachment",
    "PracticeFigure",
    "PracticeIndexPage",
    "PracticePage",
    "PracticeTag",
    "ResearchTopicPage",
    "TopicIndexPage",
    "TopicTag",
]
