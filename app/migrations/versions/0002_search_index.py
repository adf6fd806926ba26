"""search index: search_doc rows, and on SQLite an FTS5 table kept in step by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 09:00:00

search_doc holds one row per searchable thing (a motion, a transcript segment, a PDF
page) on every database. On SQLite, search_fts is an external-content FTS5 index over
search_doc; the triggers keep it in step, so the indexer only writes search_doc.
PostgreSQL full-text search (tsvector + GIN) can come later in its own migration.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FTS_STATEMENTS = (
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        names, content, content='search_doc', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
        INSERT INTO search_fts(rowid, names, content) VALUES (new.id, new.names, new.content);
    END""",
    """CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
        INSERT INTO search_fts(search_fts, rowid, names, content) VALUES ('delete', old.id, old.names, old.content);
    END""",
    """CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
        INSERT INTO search_fts(search_fts, rowid, names, content) VALUES ('delete', old.id, old.names, old.content);
        INSERT INTO search_fts(rowid, names, content) VALUES (new.id, new.names, new.content);
    END""",
)


def upgrade():
    op.create_table(
        "search_doc",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Float(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("names", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_search_doc_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_doc")),
    )
    with op.batch_alter_table("search_doc", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_doc_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index("ix_search_doc_kind_ref_id", ["kind", "ref_id"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_STATEMENTS:
            op.execute(statement)
        op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in ("search_doc_au", "search_doc_ad", "search_doc_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    with op.batch_alter_table("search_doc", schema=None) as batch_op:
        batch_op.drop_index("ix_search_doc_kind_ref_id")
        batch_op.drop_index(batch_op.f("ix_search_doc_meeting_id"))
    op.drop_table("search_doc")
