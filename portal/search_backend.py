"""The site's search backend: Wagtail's database backend, made language-aware on PostgreSQL.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "portal.search_backend"``.

SQLite (and any database but PostgreSQL) gets Wagtail's own database backend unchanged: its FTS5
table uses the ``unicode61`` tokenizer, which folds accents on both sides ("cafe" finds "café",
"Peru" finds "Perú"), with no stemming.

PostgreSQL gets :class:`LocalePostgresSearchBackend`. Wagtail 8's backend (``modelsearch``)
builds every tsvector and tsquery with *one* text search configuration for the whole index
(``SEARCH_CONFIG``, default ``english``), so a Spanish page was stemmed as English and "café"
never matched "cafe". Here:

- each object is indexed in the configurations of its language (its ``locale``: a page in
  Spanish with ``spanish`` and ``articula_es``); objects without a locale (vocabularies with a
  name per language) in those of every content language;
- a query is read in every content language and matches when any reading does, because a
  visitor also sees pages nobody translated yet, in their original language
  (``portal.i18n.localized``): a Spanish visitor's "exports" still finds an English page.

For each language there are two configurations, and both are indexed: PostgreSQL's own
(``spanish``), and ``articula_es`` (migration ``portal.0009_search_configurations``), the same
with ``unaccent`` before the stemmer. Neither alone is enough: the Snowball stemmers know accented
suffixes, so ``spanish`` stems "exportación" and "exportaciones" to ``export`` but keeps "cafés"
apart from "café" and "exportacion" (typed without accent) apart from both, while unaccenting
first turns "exportación" into ``exportacion``, which the stemmer no longer recognises.

Indexed vectors are built when an object is saved: after changing these configurations run
``manage.py update_index`` once (until then, entries indexed before are still found by the
English reading of a query, without the accent folding)."""

from functools import cache, cached_property, reduce
from operator import and_, or_

from django.conf import settings
from django.db import connection

from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

# Content language -> PostgreSQL's configuration. ``articula_<code>`` is the same with unaccent
# (created by the portal migration ``0009_search_configurations``, which lists these codes too).
POSTGRES_CONFIGS = {"en": "english", "es": "spanish", "pt": "portuguese"}


def language_configs(code):
    """The two text search configurations of one language (the default language's for a
    language PostgreSQL has no configuration for here)."""
    code = (code or "").split("-")[0].lower()
    if code not in POSTGRES_CONFIGS:
        code = settings.LANGUAGE_CODE.split("-")[0].lower()
    return (POSTGRES_CONFIGS[code], f"articula_{code}")


def content_languages():
    """The content languages that have configurations, the default one first."""
    codes = [settings.LANGUAGE_CODE, *(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)]
    codes = dict.fromkeys(code.split("-")[0].lower() for code in codes)
    return [code for code in codes if code in POSTGRES_CONFIGS]


def all_configs():
    return [config for code in content_languages() for config in language_configs(code)]


# Locale id -> language code, for the process: read once (and again for a locale it does not
# know), so that indexing a page costs no query for its language. A locale's language code is
# not changed in practice (its pages would need re-indexing anyway).
_locale_codes = {}


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    return DatabaseSearchBackend(params)


@cache
def _postgres_backend_class():
    # Imported here: the module needs the app registry (it looks up IndexEntry) and PostgreSQL.
    from wagtail.models import Locale

    from modelsearch.backends.database.postgres import postgres as pg
    from modelsearch.index import AutocompleteField, SearchField
    from modelsearch.query import Not
    from modelsearch.utils import get_content_type_pk

    class LocaleObjectIndexer(pg.ObjectIndexer):
        """The texts of one object, and its three vectors as SQL text with parameters.

        modelsearch builds each vector as Django expressions (a ``SearchVector`` per text and
        configuration, combined with ``||``) and compiles them: with two configurations per
        language that was nine tenths of indexing time (``load_demo_data --scale``: 36 ms an
        initiative, PostgreSQL itself 4 ms). Here the same SQL is written directly:
        ``setweight(to_tsvector(config, text), weight)`` per text and configuration, joined by
        ``||`` (``''::tsvector`` when there is no text), and the fields are read once per object
        instead of once per vector."""

        def __init__(self, obj, backend, configs):
            super().__init__(obj, backend)
            self.configs = configs

        @cached_property
        def prepared(self):
            """``(field, weight, text)`` of every search and autocomplete field, related
            fields (tags) included, as modelsearch's ``prepare_field`` yields them."""
            return [
                (field, weight, value)
                for search_field in self.search_fields
                for field, weight, value in self.prepare_field(self.obj, search_field)
            ]

        def _texts(self, *, title=None, autocomplete=False):
            if autocomplete:
                return [(v, w) for f, w, v in self.prepared if isinstance(f, AutocompleteField)]
            return [
                (value, weight)
                for field, weight, value in self.prepared
                if isinstance(field, SearchField) and (field.field_name == "title") == title
            ]

        @staticmethod
        def vector_sql(texts, configs):
            parts, params = [], []
            for text, weight in texts:
                text = text.strip()
                if not text:
                    continue
                for config in configs:
                    parts.append("setweight(to_tsvector(%s::regconfig, %s::text), %s)")
                    params.extend((config, text, weight))
            if not parts:
                return "''::tsvector", []
            return "(" + " || ".join(parts) + ")", params

        @cached_property
        def title(self):
            return self.vector_sql(self._texts(title=True), self.configs)

        @cached_property
        def body(self):
            return self.vector_sql(self._texts(title=False), self.configs)

        @cached_property
        def autocomplete(self):
            # "simple", as modelsearch does: no stemming for prefixes.
            return self.vector_sql(self._texts(autocomplete=True), [self.autocomplete_config])

        @cached_property
        def title_text(self):
            return " ".join(t for t in (v.strip() for v, _w in self._texts(title=True)) if t)

        @cached_property
        def body_text(self):
            return " ".join(t for t in (v.strip() for v, _w in self._texts(title=False)) if t)

    class LocalePostgresIndex(pg.PostgresIndex):
        def _configs_of(self, obj):
            locale_id = getattr(obj, "locale_id", None)
            if locale_id is None:
                return all_configs()
            if locale_id not in _locale_codes:
                _locale_codes.update(Locale.objects.values_list("pk", "language_code"))
            return language_configs(_locale_codes.get(locale_id))

        def add_items(self, model, objs):
            # modelsearch 1.3's PostgresIndex.add_items, with one indexer per object in its
            # language (the original builds every indexer with the backend's single config).
            if not model.get_search_fields():
                return
            indexers = [
                LocaleObjectIndexer(obj, self.backend, self._configs_of(obj)) for obj in objs
            ]
            if not indexers:
                return
            content_type_pk = get_content_type_pk(model)
            rows = []
            data_params = []
            for indexer in indexers:
                data_params.extend((content_type_pk, indexer.id))
                sqls = []
                for sql, params in (indexer.title, indexer.autocomplete, indexer.body):
                    sqls.append(sql)
                    data_params.extend(params)
                data_params.extend((indexer.title_text, indexer.body_text))
                rows.append(f"(%s, %s, {sqls[0]}, {sqls[1]}, {sqls[2]}, 1.0, %s, %s)")
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"""
                    INSERT INTO {pg.IndexEntry._meta.db_table} (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                    (VALUES {", ".join(rows)})
                    ON CONFLICT (content_type_id, object_id)
                    DO UPDATE SET title = EXCLUDED.title,
                                  title_norm = 1.0,
                                  autocomplete = EXCLUDED.autocomplete,
                                  body = EXCLUDED.body,
                                  title_text = EXCLUDED.title_text,
                                  body_text = EXCLUDED.body_text
                    """,  # noqa: S608 (table name from the model, values as parameters)
                    data_params,
                )
            self._refresh_title_norms()

    class LocalePostgresSearchQueryCompiler(pg.PostgresSearchQueryCompiler):
        def build_tsquery(self, query, config=None):
            """The query read in every configuration, matching when one reading does (a
            negation: when none does)."""
            readings = [self.build_tsquery_content(query, config=c) for c in all_configs()]
            readings = [reading for reading in readings if reading is not None]
            if not readings:
                return None
            return reduce(and_ if isinstance(query, Not) else or_, readings)

    class LocalePostgresSearchBackend(pg.PostgresSearchBackend):
        query_compiler_class = LocalePostgresSearchQueryCompiler
        index_class = LocalePostgresIndex

    return LocalePostgresSearchBackend
