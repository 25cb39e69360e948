"""Bulk creation of Wagtail pages, for large synthetic data sets (``load_demo_data --scale N``).

``parent.add_child(instance=page)`` costs a dozen queries a page (treebeard's path lookups,
signals, the search index, a revision): 30,000 pages take most of an hour. Here the tree
fields are computed in Python and the rows inserted in batches:

- ``path`` (treebeard's materialised path: the parent's plus one 4-character base-36 step),
  ``depth``, ``numchild``, ``url_path``, ``draft_title``, ``content_type``, ``locale`` and
  ``translation_key`` are set on each page;
- the base ``wagtailcore_page`` rows are ``bulk_create``d (with their ids returned on
  PostgreSQL and SQLite), then the specific rows are inserted through the specific model's
  own local fields (Django refuses ``bulk_create`` on a multi-table child);
- the parent's ``numchild`` is raised once.

Live pages get no revision: Wagtail serves, lists and edits a page without one (the editor
starts from the page itself). No signal is sent (``page_published``, ``post_save``): callers
index the pages for search with :func:`bulk_index` and add tags and other relations with
``bulk_create`` on the through models.

Also here: the shared synthetic tag vocabulary (:func:`synthetic_tags`) that every app's scale
loader tags from, with a Zipf-like popularity so that a few tags are common and most rare.
"""

import time
import uuid
from contextlib import contextmanager
from itertools import accumulate

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Page

# The synthetic vocabulary: real-sounding names first (the most popular ranks), then numbered.
SYNTHETIC_TAG_NAMES = [
    "agro-industry", "export promotion", "logistics", "digital transformation", "tourism",
    "textiles", "coffee", "cocoa", "software", "energy", "circular economy", "innovation",
    "health", "cosmetics", "creative industries", "fisheries", "mining services", "dairy",
    "fruits", "wine", "automotive", "aerospace", "biotechnology", "construction",
    "furniture", "leather", "metalworking", "plastics", "packaging", "chemicals",
]  # fmt: skip
MAX_SCALE_TAGS = 1000


def encode_step(number):
    """One step of a treebeard path (``Page.steplen`` characters of ``Page.alphabet``)."""
    alphabet = Page.alphabet
    digits = []
    for _position in range(Page.steplen):
        number, remainder = divmod(number, len(alphabet))
        digits.append(alphabet[remainder])
    if number:
        raise ValueError("Too many children under one page for a treebeard path step.")
    return "".join(reversed(digits))


def _next_child_number(parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return int(last[-Page.steplen :], len(Page.alphabet)) + 1 if last else 1


def bulk_add_children(parent, pages, *, batch_size=500):
    """Insert ``pages`` (unsaved instances of one specific page model, with ``title``,
    ``slug``, ``live`` and their own fields set) as the last children of ``parent``.
    Slugs must be unique among the parent's children (not checked here). Returns ``pages``,
    saved, with their ids."""
    if not pages:
        return pages
    model = type(pages[0])
    if any(type(page) is not model for page in pages):
        raise ValueError("bulk_add_children takes pages of one model at a time.")
    if model._meta.get_parent_list() != [Page]:
        raise ValueError(f"{model.__name__} is not a direct subclass of Page.")
    parent = Page.objects.get(pk=parent.pk)  # fresh path, url_path and numchild
    content_type = ContentType.objects.get_for_model(model)
    start = _next_child_number(parent)
    now = timezone.now()
    for offset, page in enumerate(pages):
        page.path = parent.path + encode_step(start + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.draft_title = page.draft_title or page.title
        if page.locale_id is None:
            page.locale_id = parent.locale_id
        if page.translation_key is None:
            page.translation_key = uuid.uuid4()
        if page.live:
            page.first_published_at = page.first_published_at or now
            page.last_published_at = page.last_published_at or page.first_published_at
            page.has_unpublished_changes = False
        else:
            page.has_unpublished_changes = True
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    bases = [
        Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
        for page in pages
    ]
    Page.objects.bulk_create(bases, batch_size=batch_size)
    if bases[0].pk is None:  # a backend that does not return ids
        ids = dict(
            Page.objects.filter(path__in=[base.path for base in bases]).values_list("path", "pk")
        )
        for base in bases:
            base.pk = ids[base.path]
    for page, base in zip(pages, bases, strict=True):
        page.id = base.pk
        page.page_ptr_id = base.pk
        page._state.adding = False
        page._state.db = base._state.db
    fields = model._meta.local_concrete_fields
    size = max(1, min(batch_size, connection.ops.bulk_batch_size(fields, pages)))
    for index in range(0, len(pages), size):
        model._base_manager._insert(pages[index : index + size], fields=fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    analyze(Page, model)
    return pages


def analyze(*models):
    """Refresh PostgreSQL's statistics of these tables after a bulk insert. Without it the
    planner still believes a table that grew from 10 rows to 10,000 in this transaction is
    tiny, and joins it by nested loops over whole tables (a query of the search indexing took
    over a minute)."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    tables = ", ".join(dict.fromkeys(quote(model._meta.db_table) for model in models))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def insert_rows(model, fields, rows, *, batch_size=5000):
    """Insert plain ``rows`` (tuples of database values for ``fields``, by field name) into
    ``model``'s table with ``executemany``: for link tables (tags, sectors), whose rows need
    none of the ORM's work and are most of a data set. Returns the number of rows."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    values = ", ".join(["%s"] * len(fields))
    # Names from the model (quoted), values as parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})"  # noqa: S608
    rows = list(rows)
    with connection.cursor() as cursor:
        for index in range(0, len(rows), batch_size):
            cursor.executemany(sql, rows[index : index + batch_size])
    analyze(model)
    return len(rows)


def insert_tag_links(model, pairs):
    """``(object id, tag id)`` pairs into a tag through model (a ``TaggedItem``)."""
    return insert_rows(model, ["content_object", "tag"], pairs)


def translation_parent(parent, language_code):
    """The translation of ``parent`` into ``language_code`` (a section index page), made
    with the site structure's own helper when it is missing; None without that locale."""
    from .site_structure import site_structure_ensure_locale

    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    translation = parent.get_translation_or_none(locale)
    if translation is None:
        site_structure_ensure_locale(locale)
        translation = parent.get_translation_or_none(locale)
    return translation


def bulk_translate(originals, parent, *, fields):
    """Translations of ``originals`` (saved pages of one model) under ``parent`` (the section
    page in the target language): same model, slug and ``translation_key``, the target's
    locale; ``fields(original)`` gives the translated values (at least ``title``). Other
    local fields are copied. Returns the new pages."""
    if not originals or parent is None:
        return []
    model = type(originals[0])
    own = [
        field.attname
        for field in model._meta.local_concrete_fields
        if not field.primary_key and field.attname != "page_ptr_id"
    ]
    copies = []
    for original in originals:
        copy = model(
            **{name: getattr(original, name) for name in own},
            slug=original.slug,
            live=original.live,
            translation_key=original.translation_key,
            locale_id=parent.locale_id,
        )
        for name, value in fields(original).items():
            setattr(copy, name, value)
        copies.append(copy)
    return bulk_add_children(parent, copies)


def bulk_index(model, ids, *, chunk_size=1000):
    """Add the objects of ``model`` with these ids to the search index, in chunks (the
    backend's own ``add_bulk``, as ``update_index`` does, with the related fields prefetched).
    """
    from wagtail.search.backends import get_search_backends

    ids = list(ids)
    backends = list(get_search_backends(with_auto_update=True))
    for index in range(0, len(ids), chunk_size):
        objects = list(model.get_indexed_objects().filter(pk__in=ids[index : index + chunk_size]))
        for backend in backends:
            backend.add_bulk(model, objects)


def submit_for_moderation(pages, *, workflow):
    """Put ``pages`` (saved drafts) in ``workflow`` as a member would: a revision, then the
    workflow started by the synthetic submitter. One page at a time (a few queries each):
    meant for a small share of a data set."""
    from accounts.models import User

    from .moderation import workflow_submit

    if not pages:
        return
    user, _created = User.objects.get_or_create(
        username="scale-submitter", defaults={"email": "scale-submitter@example.org"}
    )
    for page in pages:
        page.save_revision(user=user, log_action=False, clean=False)
        workflow_submit(page=page, user=user, workflow=workflow)


@contextmanager
def timed(stdout, what):
    """Writes how long the block took (``load_demo_data --scale`` reports each step)."""
    started = time.perf_counter()
    yield
    if stdout is not None:
        stdout.write(f"    {what}: {time.perf_counter() - started:.1f} s")


# -- The synthetic tag vocabulary -----------------------------------------------------------------


def scale_tag_count(scale):
    """The number of synthetic tags for ``--scale N``: N/10, at least 10, at most 1,000."""
    return max(10, min(MAX_SCALE_TAGS, scale // 10))


def synthetic_tag_names(count):
    names = list(SYNTHETIC_TAG_NAMES[:count])
    names += [f"topic {number:04d}" for number in range(1, count - len(names) + 1)]
    return names


def synthetic_tags(count):
    """The first ``count`` synthetic tags, created when missing, most popular first."""
    from .models import Tag

    names = synthetic_tag_names(count)
    existing = {tag.name.lower(): tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name, slug=slugify(name)) for name in names if name.lower() not in existing]
    Tag.objects.bulk_create(missing, batch_size=1000, ignore_conflicts=True)
    by_name = {tag.name.lower(): tag for tag in Tag.objects.filter(name__in=names)}
    return [by_name[name.lower()] for name in names if name.lower() in by_name]


class TagPicker:
    """Draws tags with a Zipf-like popularity (rank r has weight 1/r): the first few tags
    are on a large share of the items, most tags on a few."""

    def __init__(self, tags, rng):
        self.tags = list(tags)
        self.rng = rng
        self.cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(self.tags))))

    def pick(self, count):
        """``count`` distinct tag ids (fewer when the vocabulary is smaller)."""
        count = min(count, len(self.tags))
        chosen = []
        while len(chosen) < count:
            tag = self.rng.choices(self.tags, cum_weights=self.cumulative)[0]
            if tag.pk not in chosen:
                chosen.append(tag.pk)
        return chosen
