"""The page tree every Articula site needs: the home page in each language and, under it, the
section index pages whose slugs are the URL map's contracts (/initiatives/, /practices/, ...),
shown in the main menu (portal/navigation.py) in this order.

``manage.py setup_site`` builds what is missing (idempotent); the demo data builds on it. A
language added later (a new ``Locale``, in the admin's Locales screen or in code) gets its home
page and sections at once (:func:`site_structure_ensure_locale`, on the Locale's ``post_save`` in
``portal/i18n.py``); running ``setup_site`` again does the same for any language missed."""

from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from .models import HomePage

# (model, slug, title): the sections, created in the order of the main menu.
SECTIONS = [
    ("registry.InitiativeIndexPage", "initiatives", _("Initiatives")),
    ("knowledge.PracticeIndexPage", "practices", _("Good practices")),
    ("knowledge.TopicIndexPage", "topics", _("Research topics")),
    ("events.EventIndexPage", "events", _("Events")),
    ("knowledge.NewsIndexPage", "news", _("News")),
    ("projects.ProjectIndexPage", "projects", _("Joint projects")),
]


def _publish(page):
    page.save_revision().publish()
    return page


def _translation(page, locale, *, title=None):
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    copy = page.copy_for_translation(locale).specific
    if title:
        copy.title = copy.draft_title = title
        # The original's introduction is in its own language: left for the translators
        # (wagtail-localize) rather than shown as English text on a Portuguese page.
        if hasattr(copy, "intro"):
            copy.intro = ""
    if not copy.get_parent().is_root():
        # Same slug in every language (/initiatives/, /es/initiatives/); home pages are
        # siblings under the tree's root, where slugs must differ.
        copy.slug = page.slug
    return _publish(copy), True


def _sections(home):
    """The default home page's existing section pages, in menu order."""
    for label, slug, title in SECTIONS:
        index = apps.get_model(label).objects.child_of(home).filter(slug=slug).first()
        if index is not None:
            yield index, title


def site_structure_ensure_locale(locale):
    """Translate the default home page and its existing sections into ``locale`` (published,
    in the menu like their originals). Nothing when the site has no home page yet (a database
    still migrating). Returns what was made."""
    default = Locale.get_default()
    if locale.pk == default.pk:
        return []
    home = HomePage.objects.filter(locale=default).first()
    if home is None:
        return []
    created = []
    with translation.override(locale.language_code):
        if _translation(home, locale)[1]:
            created.append(f"home ({locale.language_code})")
        for index, title in _sections(home):
            if _translation(index, locale, title=str(title))[1]:
                created.append(f"{index.slug} ({locale.language_code})")
    return created


def site_structure_ensure(*, stdout=None):
    """Create the missing home translations and section index pages; returns what was made."""
    created = []
    default = Locale.get_default()
    home = HomePage.objects.get(locale=default)
    locales = list(Locale.objects.exclude(pk=default.pk))
    for locale in locales:
        _, made = _translation(home, locale)
        if made:
            created.append(f"home ({locale.language_code})")
    for label, slug, title in SECTIONS:
        model = apps.get_model(label)
        index = model.objects.child_of(home).filter(slug=slug).first()
        if index is None:
            with translation.override(default.language_code):
                index = model(title=str(title), slug=slug, show_in_menus=True)
            home.add_child(instance=index)
            _publish(index)
            created.append(f"{slug} ({default.language_code})")
        for locale in locales:
            with translation.override(locale.language_code):
                _, made = _translation(index, locale, title=str(title))
            if made:
                created.append(f"{slug} ({locale.language_code})")
    if stdout is not None:
        stdout.write("  created: " + (", ".join(created) if created else "nothing (all there)"))
    return created
