"""The visitor's language, once for every app: which locale is active, which pages a list shows
in it, and where an app's index page is.

Every public list (registry, practices, topics, news, events, tag pages, search, feeds, home
and dashboard sections) goes through :func:`localized`, so that a page nobody translated yet
shows in its original language everywhere, not on some lists only::

    from portal.i18n import active_locale, index_page, localized

    initiatives = localized(InitiativePage.objects.live().public())
    registry = index_page(InitiativeIndexPage)  # /es/initiatives/ for a Spanish visitor

Caching: :func:`active_locale` and :func:`index_page` remember their answers for the rest of
the current request only (a context variable opened on ``request_started`` and dropped on
``request_finished``), and forget them as soon as a locale or a page is saved, published,
unpublished, moved or deleted. Outside a request (management commands, tasks, tests calling a
selector directly) nothing is remembered: there is no cache to go stale between requests,
processes or tests.
"""

from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

_memo: ContextVar[dict | None] = ContextVar("portal_i18n_memo", default=None)
_prefix_links: ContextVar[bool] = ContextVar("portal_i18n_prefix_links", default=False)


def _remembered(key, compute):
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _language_code(code):
    try:
        return get_supported_content_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return None


def _default_code():
    return _language_code(settings.LANGUAGE_CODE)


# -- The active locale ---------------------------------------------------------------------------


def active_locale():
    """The Wagtail ``Locale`` of the current language (``translation.get_language()``), or the
    default locale when that language has none. From the shared cache of locales, then remembered
    for the request (per language, so ``translation.override`` inside a request gets its own
    answer)."""
    code = _language_code(translation.get_language())
    return _remembered(("locale", code), lambda: _locale_for(code))


LOCALES_CACHE_KEY = "portal:locales"


def _locales():
    """{language code: Locale} of every locale, from the shared cache (read on every page;
    cleared when a locale is saved or deleted, ``_forget_locales``)."""
    locales = cache.get(LOCALES_CACHE_KEY)
    if locales is None:
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        cache.set(LOCALES_CACHE_KEY, locales, 3600)
    return locales


def _locale_for(code):
    default = _default_code()
    found = _locales()
    locale = found.get(code) or found.get(default)
    if locale is None:
        raise Locale.DoesNotExist(f"No locale for {code!r} nor for the default {default!r}.")
    return locale


# -- Lists: the visitor's language, falling back to the original ------------------------------


def localized(queryset, locale=None, *, for_search=False):
    """The pages of ``queryset`` a visitor of ``locale`` (a ``Locale`` or its id; default:
    :func:`active_locale`) sees:
    one page per translation group, the first *live* one of

    1. the page in ``locale``;
    2. else the page in the default locale (``settings.LANGUAGE_CODE``);
    3. else the first page created in the group (the lowest id: the original, where events keep
       their registrations), so a practice written in Spanish and translated to Portuguese
       shows once to an English visitor, in Spanish.

    A translation that is not live (a draft, an unpublished copy) does not hide the original.

    The "is there a better version" tests are correlated ``NOT EXISTS`` subqueries on
    ``(translation_key, locale)``, Wagtail's unique index on the page table: each is an index
    seek, only evaluated for the pages of other locales. The earlier ``NOT IN`` over every page
    of the locale made each query scan the page table twice; this form is one query, works the
    same on SQLite and PostgreSQL, and needs no cache of locale ids. The default locale's id is a
    scalar subquery, so the function runs no query itself (:func:`active_locale` may run one).

    Wagtail's search backends only accept filters on indexed fields: pass ``for_search=True``
    for a queryset that will be ``.search()``-ed; the same rule is then applied as
    ``id IN (<the pages it keeps>)``.
    """
    locale = locale or active_locale()
    visible = _visible(getattr(locale, "pk", locale))
    if for_search:
        return queryset.filter(id__in=Page.objects.filter(visible).values("id"))
    return queryset.filter(visible)


def _visible(locale_id):
    default_id = Subquery(Locale.objects.filter(language_code=_default_code()).values("pk")[:1])
    group = Page.objects.filter(translation_key=OuterRef("translation_key"), live=True)
    in_locale = Q(locale_id=locale_id)
    in_default = Q(locale_id=default_id)
    return (
        in_locale
        | (in_default & ~Exists(group.filter(locale_id=locale_id)))
        | (
            ~in_locale
            & ~in_default
            & ~Exists(
                group.filter(
                    Q(locale_id=locale_id) | Q(locale_id=default_id) | Q(id__lt=OuterRef("id"))
                )
            )
        )
    )


def live_translation(page, locale):
    """The live translation of one ``page`` in ``locale``, else ``page`` itself (for a single
    page what :func:`localized` is for lists, e.g. a certificate printed in the member's
    language)."""
    if page.locale_id == locale.pk:
        return page
    translation_ = page.get_translation_or_none(locale)
    return translation_ if translation_ is not None and translation_.live else page


# -- Index pages --------------------------------------------------------------------------------


def index_page(model, locale=None):
    """The live page of ``model`` (an app's index page class, such as ``InitiativeIndexPage``)
    in ``locale`` (default: :func:`active_locale`), else the default locale's, else the first
    one in the tree; ``None`` when there is none. One query, remembered for the request and
    forgotten when any page is published, unpublished, moved or deleted."""
    locale = locale or active_locale()
    return _remembered(
        ("index", model._meta.label_lower, locale.pk), lambda: _find_index(model, locale.pk)
    )


def _find_index(model, locale_id):
    rank = Case(
        When(locale_id=locale_id, then=Value(0)),
        When(locale__language_code=_default_code(), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return model.objects.live().annotate(locale_rank=rank).order_by("locale_rank", "path").first()


# -- Cache lifetime -----------------------------------------------------------------------------


def _open(environ=None, **kwargs):
    _memo.set({})
    # Links to pages of another language are built under the visitor's prefix only while
    # serving the public site: the admin's "View live", the API and emails sent from tasks
    # keep each page's own address.
    path = (environ or {}).get("PATH_INFO", "")
    _prefix_links.set(not path.startswith(("/admin/", "/api/", "/django-admin/")))


def _close(**kwargs):
    _memo.set(None)
    _prefix_links.set(False)


def _forget(**kwargs):
    memo = _memo.get()
    if memo:
        memo.clear()


def _forget_locales(**kwargs):
    cache.delete(LOCALES_CACHE_KEY)
    _forget()


def _forget_page(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        _forget()


request_started.connect(_open, dispatch_uid="portal_i18n_open")
request_finished.connect(_close, dispatch_uid="portal_i18n_close")
post_save.connect(_forget_locales, sender=Locale, dispatch_uid="portal_i18n_locale_saved")
post_delete.connect(_forget_locales, sender=Locale, dispatch_uid="portal_i18n_locale_deleted")
post_save.connect(_forget_page, dispatch_uid="portal_i18n_page_saved")
post_delete.connect(_forget_page, dispatch_uid="portal_i18n_page_deleted")
page_published.connect(_forget, dispatch_uid="portal_i18n_published")
page_unpublished.connect(_forget, dispatch_uid="portal_i18n_unpublished")
post_page_move.connect(_forget, dispatch_uid="portal_i18n_moved")


# -- Addresses: every page under the visitor's prefix ---------------------------------------------
#
# A page nobody translated yet is served at the visitor's prefix with the same path as its
# original (``/es/initiatives/<slug>/`` for an English initiative): routing falls back to the
# original's tree (:func:`fallback_child`, called by ``BasePage.route``) and every link to a page
# is built under the visitor's prefix (``BasePage.get_url_parts`` through
# :func:`url_in_language`). The page's own address (:func:`own_url`) stays its canonical URL.


def visitor_language():
    """The active content language (``es`` for ``es-ar``), or ``None`` outside a known one."""
    return _language_code(translation.get_language())


def fallback_child(parent, slug, *, model=Page):
    """The live child with ``slug`` of a *translation* of ``parent`` (any other locale), for a
    path the visitor's tree does not have: the default locale's first, else the oldest (the
    original). ``None`` when no tree has it. One query: the slug index, then an ``EXISTS`` on
    the parent's translation group by tree path. ``model`` (a page type, default any) reads
    the specific page at once when the section allows one type."""
    from django.db.models.functions import Substr

    steplen = Page.steplen
    parents = Page.objects.filter(
        translation_key=parent.translation_key,
        path=Substr(OuterRef("path"), 1, parent.depth * steplen),
    ).exclude(pk=parent.pk)
    rank = Case(
        When(locale__language_code=_default_code(), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        model.objects.filter(slug=slug, depth=parent.depth + 1, live=True)
        .filter(Exists(parents))
        .order_by(rank, "id")
        .first()
    )


def is_fallback(page, locale=None):
    """Whether ``page`` is shown outside its own language (to a visitor of ``locale``, default
    :func:`active_locale`): the page then carries a notice and its own ``lang``."""
    locale = locale or active_locale()
    return page.locale_id != locale.pk


def own_url(page, request=None):
    """The page's own address (its language's prefix): its canonical URL."""
    parts = own_url_parts(page, request)
    if not parts or parts[2] is None:
        return None
    return parts[2]


def own_url_parts(page, request=None):
    return Page.get_url_parts(page, request=request)


def url_in_language(page, request=None, language=None):
    """``page``'s address for a visitor of ``language`` (default: the active language), as
    ``(site_id, root_url, path)`` like ``Page.get_url_parts``: its own address when it is in
    that language (or the language has no home page on the page's site), else the same path
    below that language's home page, where routing falls back to the page (no query: Wagtail's
    cached site root paths). ``page.url`` and ``{% pageurl %}`` use it for every Articula page,
    so cards, lists, feeds and breadcrumbs link within the visitor's prefix. Without an
    explicit ``language`` this applies while serving the public site only (not the admin, the
    API, or code outside a request such as emails): there each page keeps its own address."""
    if language:
        language = _language_code(language)
    elif _prefix_links.get():
        language = visitor_language()
    else:
        return own_url_parts(page, request)
    roots = page._get_site_root_paths(request)
    own = [root for root in roots if page.url_path.startswith(root.root_path)]
    if not own or language is None or own[0].language_code == language:
        return own_url_parts(page, request)
    site_id, root_path = own[0].site_id, own[0].root_path
    target = next((r for r in roots if r.site_id == site_id and r.language_code == language), None)
    if target is None:
        return own_url_parts(page, request)
    from django.urls import NoReverseMatch, reverse

    try:
        with translation.override(language):
            path = reverse("wagtail_serve", args=(page.url_path[len(root_path) :],))
    except NoReverseMatch:
        return (site_id, None, None)
    return (site_id, target.root_url, path)


def page_url(page, request=None):
    """The path of ``page`` for the visitor (:func:`url_in_language`), also for a plain
    ``Page`` (``get_ancestors()``, ``get_parent()``), whose ``.url`` would be its own."""
    parts = url_in_language(page, request)
    return parts[2] if parts else None


def in_visitor_language(pages, locale=None):
    """``pages`` with each one replaced by its live translation in ``locale`` (default:
    :func:`active_locale`) where there is one: breadcrumbs and parent links of a page shown as
    a fallback name the visitor's sections ("Iniciativas"), not the original's. One query, none
    when every page is already in ``locale``."""
    locale = locale or active_locale()
    keys = {page.translation_key for page in pages if page.locale_id != locale.pk}
    if not keys:
        return list(pages)
    found = {
        page.translation_key: page
        for page in Page.objects.live().filter(locale=locale, translation_key__in=keys)
    }
    return [
        page if page.locale_id == locale.pk else found.get(page.translation_key, page)
        for page in pages
    ]


def _create_sections_for_new_locale(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .site_structure import site_structure_ensure_locale

        site_structure_ensure_locale(instance)


post_save.connect(
    _create_sections_for_new_locale, sender=Locale, dispatch_uid="portal_i18n_new_locale"
)
