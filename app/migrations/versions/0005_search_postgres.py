"""search on PostgreSQL (a tsvector column with a GIN index), and ids that ascend newest first

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 09:00:00

On every database the search rows are rebuilt with ids whose *ascending* order is the result
order (app.services.search_index.doc_key): SQLite 3.40's FTS5 can skip matching rows of an AND
query walked `ORDER BY rowid DESC`, and its ascending walk is exact. The FTS5 table itself
(0002, 0004) is unchanged.

On PostgreSQL only:

- a text search configuration `boardwatch`: the English Snowball stemmer *without* its stop
  word list, so "the" and "of" are searchable words as they are in SQLite's FTS5 index;
- search_doc.id becomes bigint and the rows are rebuilt with the ids SQLite uses
  (app.services.search_index.doc_key: kind, meeting date, meeting, place, facet bits), so
  results come newest first by walking the primary key, as on SQLite;
- search_doc.tsv, a stored generated column: `names` (weight A) and `content` (weight B), with
  every run of characters that are not letters or digits read as a space (as FTS5's unicode61
  tokenizer does: "300.4" is the words 300 and 4), and a GIN index over it.

The column and index are not in the models (they exist on PostgreSQL only); the migration
filters in app/migrations/env_filters.py leave them out of autogenerate.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_DOC = "regexp_replace({column}, '[\\W_]+', ' ', 'g')"
TSV = (
    f"setweight(to_tsvector('boardwatch'::regconfig, {_DOC.format(column='names')}), 'A')"
    f" || setweight(to_tsvector('boardwatch'::regconfig, {_DOC.format(column='content')}), 'B')"
)
UPGRADE = (
    "CREATE TEXT SEARCH DICTIONARY boardwatch_stem (TEMPLATE = snowball, Language = english)",
    "CREATE TEXT SEARCH CONFIGURATION boardwatch (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION boardwatch ALTER MAPPING FOR asciiword, asciihword, hword_asciipart,"
    " word, hword, hword_part WITH boardwatch_stem",
    "DELETE FROM search_doc",
    "ALTER TABLE search_doc ALTER COLUMN id TYPE bigint",
    "ALTER SEQUENCE IF EXISTS search_doc_id_seq AS bigint",
    f"ALTER TABLE search_doc ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({TSV}) STORED",
)
DOWNGRADE = (
    "DROP INDEX IF EXISTS ix_search_doc_tsv",
    "ALTER TABLE search_doc DROP COLUMN IF EXISTS tsv",
    "DELETE FROM search_doc",
    "ALTER TABLE search_doc ALTER COLUMN id TYPE integer",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS boardwatch",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS boardwatch_stem",
)


def upgrade():
    from app.services.search_rebuild import rebuild_all

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        rebuild_all(bind)  # the triggers keep search_fts in step
        op.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        return
    if bind.dialect.name != "postgresql":
        return
    for statement in UPGRADE:
        op.execute(sa.text(statement))
    rebuild_all(bind)
    op.execute(sa.text("CREATE INDEX ix_search_doc_tsv ON search_doc USING gin (tsv)"))
    op.execute(sa.text("ANALYZE search_doc"))


def downgrade():
    # On SQLite the rows keep this layout: run `flask reindex` with the 0004 code after going back.
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from app.services.search_rebuild import rebuild_all

    for statement in DOWNGRADE:
        op.execute(sa.text(statement))
    rebuild_all(bind)
