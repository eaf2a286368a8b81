"""PostgreSQL only: unaccent + pg_trgm, and a trigram index for the diacritic-blind plan search.

On SQLite this migration does nothing: the search uses the folded column `search_folded`.
"""
from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # unaccent() is STABLE; an index needs an IMMUTABLE function with the dictionary named.
    """CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    """CREATE INDEX IF NOT EXISTS plan_search_trgm ON plans_plan
       USING gin (lower(immutable_unaccent(search_text)) gin_trgm_ops)""",
]
BACKWARD = ["DROP INDEX IF EXISTS plan_search_trgm", "DROP FUNCTION IF EXISTS immutable_unaccent(text)"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
