"""Demo content for the knowledge app (``manage.py load_demo_data --only knowledge``):
practice, topic and news index pages in three languages, eight research topics (translated),
about thirty practices (three translated), ten news items and one practice waiting for the
moderators. Idempotent: pages are found by slug before anything is created."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Locale, Page

from portal.models import HomePage

from .demo_data.news import NEWS
from .demo_data.practices import TRANSLATIONS as PRACTICE_TRANSLATIONS
from .demo_data.practices import P as PRACTICES
from .demo_data.topics import TOPICS
from .models import (
    NewsIndexPage,
    NewsPage,
    PracticeFigure,
    PracticeIndexPage,
    PracticePage,
    ResearchTopicPage,
    TopicIndexPage,
)

# The community's member profiles, through the relation practices declare.
MemberProfile = PracticePage._meta.get_field("authors").related_model

LANGUAGES = ("es", "pt")
INDEXES = {
    "practices": (
        PracticeIndexPage,
        {
            "en": (
                "Good practices",
                "What cluster initiatives did, what it cost and what came out of it.",
            ),
            "es": (
                "Buenas prácticas",
                "Lo que hicieron las iniciativas clúster, cuánto costó y qué resultó.",
            ),
            "pt": (
                "Boas práticas",
                "O que as iniciativas de cluster fizeram, quanto custou e o que resultou.",
            ),
        },
    ),
    "topics": (
        TopicIndexPage,
        {
            "en": (
                "Research topics",
                "Questions the community works on, with the practices, initiatives and people behind them.",
            ),
            "es": (
                "Temas de investigación",
                "Preguntas en las que trabaja la comunidad, con sus prácticas, iniciativas y personas.",
            ),
            "pt": (
                "Temas de pesquisa",
                "Perguntas em que a comunidade trabalha, com as práticas, iniciativas e pessoas envolvidas.",
            ),
        },
    ),
    "news": (
        NewsIndexPage,
        {
            "en": ("News", "Session reports, calls and announcements."),
            "es": ("Noticias", "Relatos de sesiones, convocatorias y anuncios."),
            "pt": ("Notícias", "Relatos de sessões, chamadas e anúncios."),
        },
    ),
}


def _p(text):
    return f"<p>{text}</p>"


def _publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    return page


def _translation(page, code):
    """The page's translation in ``code``, created (as a copy) if missing."""
    locale = Locale.objects.get(language_code=code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    return page.copy_for_translation(locale).specific, True


def _home_pages():
    home = HomePage.objects.get(locale__language_code="en")
    homes = {"en": home}
    for code in LANGUAGES:
        translated, created = _translation(home, code)
        if created:
            _publish(translated)
        homes[code] = translated
    return homes


def _indexes(homes):
    indexes = {}
    for slug, (model, texts) in INDEXES.items():
        page = model.objects.filter(slug=slug, locale__language_code="en").first()
        if page is None:
            title, intro = texts["en"]
            page = model(title=title, slug=slug, intro=intro)
            homes["en"].add_child(instance=page)
            _publish(page)
        indexes[(slug, "en")] = page
        for code in LANGUAGES:
            translated, created = _translation(page, code)
            if created:
                translated.title, translated.intro = texts[code]
                translated.slug = slug
                _publish(translated)
            indexes[(slug, code)] = translated
    return indexes


def _topics(indexes, profiles, rng):
    topics = {}
    parent = indexes[("topics", "en")]
    for key, (tags, texts) in TOPICS.items():
        topic = ResearchTopicPage.objects.filter(slug=key, locale__language_code="en").first()
        if topic is None:
            title, summary, description, questions = texts["en"]
            topic = ResearchTopicPage(
                title=title,
                slug=key,
                summary=summary,
                description=_p(description),
                key_questions=[("question", q) for q in questions],
            )
            topic.tags.set(tags)
            if profiles:
                topic.coordinators.set(rng.sample(profiles, k=min(2, len(profiles))))
            parent.add_child(instance=topic)
            _publish(topic)
        topics[key] = topic
        for code in LANGUAGES:
            translated, created = _translation(topic, code)
            if created:
                title, summary, description, questions = texts[code]
                translated.title = title
                translated.summary = summary
                translated.description = _p(description)
                translated.key_questions = [("question", q) for q in questions]
                translated.slug = key
                _publish(translated)
    return topics


def _initiatives_by_country():
    InitiativePage = PracticePage._meta.get_field("initiatives").related_model  # noqa: N806
    found = {}
    for initiative in (
        InitiativePage.objects.live().filter(locale__language_code="en").order_by("pk")
    ):
        found.setdefault(str(initiative.country), initiative)
    return found


def _sectors(codes):
    sector_model = PracticePage._meta.get_field("sectors").related_model
    return list(sector_model.objects.filter(code__in=codes))


def _practice(parent, row, *, topics, profiles, initiatives, rng, owner=None, live=True):
    (
        slug,
        country,
        sector_codes,
        tags,
        topic_keys,
        title,
        summary,
        problem,
        intervention,
        results,
        figures,
        cost,
        months,
        lessons,
        replicability,
    ) = row
    existing = PracticePage.objects.filter(slug=slug, locale__language_code="en").first()
    if existing is not None:
        return existing
    page = PracticePage(
        title=title,
        slug=slug,
        summary=summary,
        problem=_p(problem),
        intervention=_p(intervention),
        results=_p(results),
        cost=cost,
        duration_months=months,
        lessons_learned=_p(lessons),
        replicability=_p(replicability),
        country=country,
        owner=owner,
        live=live,
    )
    page.tags.set(tags)
    page.topics.set([topics[k] for k in topic_keys if k in topics])
    page.sectors.set(_sectors(sector_codes))
    if country in initiatives:
        page.initiatives.set([initiatives[country]])
    if profiles:
        page.authors.set(rng.sample(profiles, k=min(len(profiles), rng.choice([1, 1, 2]))))
    page.figures = [
        PracticeFigure(
            value=Decimal(value.replace(",", "").replace("+", "")), unit=unit, label=label
        )
        for value, unit, label in figures
    ]
    parent.add_child(instance=page)
    if live:
        _publish(page, owner)
        days = rng.randint(3, 400)
        published = timezone.now() - timedelta(days=days)
        PracticePage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )
    return page


def _practice_translations(indexes):
    for slug, texts in PRACTICE_TRANSLATIONS.items():
        page = PracticePage.objects.filter(slug=slug, locale__language_code="en").first()
        if page is None:
            continue
        for code, (title, summary) in texts.items():
            translated, created = _translation(page, code)
            if created:
                translated.title, translated.summary, translated.slug = title, summary, slug
                _publish(translated)


def _news(indexes):
    parent = indexes[("news", "en")]
    today = timezone.localdate()
    for slug, days, tags, title, summary, paragraphs in NEWS:
        if NewsPage.objects.filter(slug=slug, locale__language_code="en").exists():
            continue
        page = NewsPage(
            title=title,
            slug=slug,
            date=today - timedelta(days=days),
            summary=summary,
            body=[("paragraph", _p(text)) for text in paragraphs],
        )
        page.tags.set(tags)
        parent.add_child(instance=page)
        _publish(page)


def _pending_practice(indexes, *, stdout):
    """One practice by the demo cluster manager, waiting in the moderation workflow."""
    from accounts.models import User

    from .services import practice_create

    manager = User.objects.filter(username="manager").first()
    if manager is None or PracticePage.objects.filter(owner=manager, live=False).exists():
        return
    practice_create(
        index=indexes[("practices", "en")],
        user=manager,
        data={
            "title": "Shared cold rooms for the Nariño fruit cluster",
            "summary": "Growers' associations share cold rooms near the collection points to sell fruit at better prices.",
            "problem": "<p>Blackberry and lulo growers sold at harvest at the lowest prices because the fruit could not wait.</p>",
            "intervention": "<p>Three associations installed solar-assisted cold rooms at collection points and agreed weekly sales with a supermarket chain.</p>",
            "results": "<p>Losses fell and growers negotiated weekly prices instead of selling at harvest.</p>",
            "cost": "USD 95,000",
            "duration_months": 12,
            "lessons_learned": "<p>A shared schedule for the cold rooms avoided conflicts.</p>",
            "replicability": "",
            "country": "CO",
            "tags": ["post-harvest", "cold chain", "fruit"],
            "topics": [],
            "sectors": [],
            "initiatives": [],
        },
        figures=[{"value": Decimal("-35"), "unit": "%", "label": "fruit lost after harvest"}],
    )
    stdout.write("  one practice by 'manager' waits for the moderators")


SYNTHETIC_COUNTRIES = ["CO", "MX", "BR", "PE", "CL", "AR", "EC", "UY", "CR"]
SYNTHETIC_TITLES = {"es": "Práctica sintética {number}", "pt": "Prática sintética {number}"}


def _synthetic(indexes, scale, rng, topics, stdout):
    """``--scale N``: 2N practices in bulk (``portal.bulk_pages``), three tags each from the
    shared synthetic vocabulary, a sector, a topic for one in five, 10% translated into
    Spanish or Portuguese, 2% drafts and 0.5% waiting in the practices' moderation workflow.
    Only the missing ones are added."""
    from portal import bulk_pages

    from .models import PracticeTag
    from .services import practice_workflow

    parent = indexes[("practices", "en")]
    count = 2 * scale
    existing = PracticePage.objects.filter(
        slug__startswith="synthetic-practice-", locale=parent.locale
    ).count()
    if existing >= count:
        stdout.write(f"  synthetic practices: {existing} already there")
        return
    picker = bulk_pages.TagPicker(bulk_pages.synthetic_tags(bulk_pages.scale_tag_count(scale)), rng)
    sector_ids = list(
        PracticePage.sectors.field.related_model.objects.divisions().values_list("pk", flat=True)
    )
    topic_ids = [topic.pk for topic in topics.values()]
    pages, moderated = [], []
    for number in range(existing + 1, count + 1):
        roll = rng.random()
        page = PracticePage(
            title=f"Synthetic practice {number}",
            slug=f"synthetic-practice-{number}",
            live=roll >= 0.025,
            summary="A generated practice for benchmarks.",
            problem=_p("A generated problem."),
            intervention=_p("A generated intervention."),
            results=_p("Generated results."),
            duration_months=rng.randint(3, 36),
            country=rng.choice(SYNTHETIC_COUNTRIES),
        )
        pages.append(page)
        if roll < 0.005:
            moderated.append(page)
    with bulk_pages.timed(stdout, "page rows"):
        bulk_pages.bulk_add_children(parent, pages)
    translations = []
    for code in LANGUAGES:
        chosen = [page for page in pages if page.live and rng.random() < 0.05]
        translations += bulk_pages.bulk_translate(
            chosen,
            indexes.get(("practices", code)),
            fields=lambda page, code=code: {
                "title": SYNTHETIC_TITLES[code].format(number=page.slug.split("-")[-1])
            },
        )
    tags, sectors, page_topics = [], [], []
    for page in [*pages, *translations]:
        tags += [(page.pk, tag_id) for tag_id in picker.pick(3)]
        if sector_ids:
            sectors.append((page.pk, rng.choice(sector_ids)))
        if topic_ids and rng.random() < 0.2:
            page_topics.append((page.pk, rng.choice(topic_ids)))
    with bulk_pages.timed(stdout, "links"):
        bulk_pages.insert_tag_links(PracticeTag, tags)
        bulk_pages.insert_rows(PracticePage.sectors.through, ["practicepage", "sector"], sectors)
        bulk_pages.insert_rows(
            PracticePage.topics.through, ["practicepage", "researchtopicpage"], page_topics
        )
    with bulk_pages.timed(stdout, "search index"):
        bulk_pages.bulk_index(PracticePage, [page.pk for page in [*pages, *translations]])
    with bulk_pages.timed(stdout, "moderation"):
        bulk_pages.submit_for_moderation(moderated, workflow=practice_workflow())
    stdout.write(
        f"  synthetic practices: {len(pages)} created in bulk, {len(translations)} translations, "
        f"{sum(not p.live for p in pages)} drafts ({len(moderated)} in moderation), "
        f"{len(tags)} tag links"
    )


def load(*, rng, stdout, scale, debug):
    homes = _home_pages()
    indexes = _indexes(homes)
    profiles = list(MemberProfile.objects.order_by("pk")[:40])
    topics = _topics(indexes, profiles, rng)
    initiatives = _initiatives_by_country()
    parent = indexes[("practices", "en")]
    for row in PRACTICES:
        _practice(parent, row, topics=topics, profiles=profiles, initiatives=initiatives, rng=rng)
    _practice_translations(indexes)
    _news(indexes)
    _pending_practice(indexes, stdout=stdout)
    if scale:
        _synthetic(indexes, scale, rng, topics, stdout)
    stdout.write(
        f"  knowledge: {PracticePage.objects.live().count()} live practices, "
        f"{ResearchTopicPage.objects.count()} topic pages, {NewsPage.objects.count()} news items"
    )


__all__ = ["load", "Page"]
