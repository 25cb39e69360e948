"""PostgreSQL only: the text search configurations ``articula_en``, ``articula_es`` and
``articula_pt`` that portal/search_backend.py indexes and queries with: PostgreSQL's English,
Spanish and Portuguese configurations with ``unaccent`` before the stemmer, so that "cafe" finds
"café" and "Peru" finds "Perú".

``unaccent`` is a trusted extension since PostgreSQL 13: the database owner (any user with
CREATE on the database) may create it. Where it cannot be created (an older server, a user
without that right), the configurations are created without it and a warning is logged:
search then works but does not ignore accents, until ``CREATE EXTENSION unaccent`` is run by a
superuser and this migration is reapplied (``migrate portal <the previous migration>``, then ``migrate``).

Nothing happens on SQLite (its FTS5 tokenizer already ignores accents). After this migration,
run ``manage.py update_index`` once so that existing content is indexed with the new
configurations.
"""

from django.db import migrations

CONFIGURATIONS = [
    ("articula_en", "english"),
    ("articula_es", "spanish"),
    ("articula_pt", "portuguese"),
]

CREATE = """
DO $$
DECLARE
  item text[];
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS unaccent;
  EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
    RAISE WARNING 'Articula search: the unaccent extension could not be created (%): searches '
      'will not ignore accents until a superuser runs CREATE EXTENSION unaccent and '
      'portal.0009_search_configurations is applied again.', SQLERRM;
  END;
  FOREACH item SLICE 1 IN ARRAY __CONFIGURATIONS__ LOOP
    EXECUTE format('DROP TEXT SEARCH CONFIGURATION IF EXISTS %I', item[1]);
    EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I (COPY = pg_catalog.%I)', item[1], item[2]);
    IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent') THEN
      EXECUTE format(
        'ALTER TEXT SEARCH CONFIGURATION %I ALTER MAPPING FOR hword, hword_part, word '
        'WITH unaccent, %I', item[1], item[2] || '_stem');
    END IF;
  END LOOP;
END $$;
"""


def _create_sql():
    pairs = ", ".join(f"['{name}', '{language}']" for name, language in CONFIGURATIONS)
    return CREATE.replace("__CONFIGURATIONS__", f"ARRAY[{pairs}]")


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_create_sql(), params=None)


def drop_configurations(apps, schema_editor):
    # The unaccent extension stays: other database objects may use it.
    if schema_editor.connection.vendor == "postgresql":
        for name, _language in CONFIGURATIONS:
            schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("portal", "0008_tag_labels")]

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
