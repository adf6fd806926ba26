"""search at scale: FTS5 prefix indexes, and the index rebuilt in its sortable rowid layout

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:00:00

- On SQLite, search_fts is created again with prefix indexes for 3, 4 and 5 characters, so a
  query such as `disc*` reads one doclist instead of merging every word that starts so.
- search_doc is rebuilt (app.services.search_rebuild, plain SQL reads): only published
  meetings are indexed now, and on SQLite each row's id packs its kind, meeting date,
  meeting, place and (for motions) outcome, result and vote split, so results come newest
  first straight from the index and counts per filter need no join
  (app.services.search_index explains the layout). The rows are derived data; nothing is lost.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FTS_TABLE = """CREATE VIRTUAL TABLE search_fts USING fts5(
    names, content, content='search_doc', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'{prefix}
)"""


def _rebuild(prefix: str) -> None:
    from app.services.search_rebuild import rebuild_all

    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    # Empty the rows first, while the old FTS table still mirrors them (the delete trigger needs it).
    op.execute("DELETE FROM search_doc")
    if sqlite:
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute(FTS_TABLE.format(prefix=prefix))
    rebuild_all(bind)
    if sqlite:
        op.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def upgrade():
    _rebuild(", prefix='3 4 5'")


def downgrade():
    # The 0003 code reads any ids and filters published meetings itself: the same rows serve it.
    _rebuild("")
