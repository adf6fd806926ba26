"""review and audit: hash-chained append-only audit, motion versions and revisions, retired rows

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:00:00

- audit_event gets prev_hash and hash (existing rows are chained here, in id order) and the
  database refuses UPDATE and DELETE of its rows: BEFORE triggers that RAISE(ABORT) on SQLite,
  a trigger function that raises on PostgreSQL. A later batch migration of audit_event on
  SQLite rebuilds the table and so must create the triggers again.
- motion gets version (optimistic locking), superseded_by_id, updated_by_id, flags and an
  index on review; motion_revision records corrections after publication.
- document gets the withdrawal tombstone fields and file_withheld; officer and policy get
  merged_into_id.
"""

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64

SQLITE_TRIGGERS = (
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END""",
)
POSTGRES_TRIGGERS = (
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP;
    END
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
)


def _event_hash(fields, prev_hash):
    # A frozen copy of app.models.audit.event_hash: a migration must not change with the app.
    payload = json.dumps(
        {**fields, "prev_hash": prev_hash}, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _chain_existing_events():
    """Give the events written before this migration their place in the chain, in id order."""
    bind = op.get_bind()
    events = sa.table(
        "audit_event",
        sa.column("id", sa.Integer),
        sa.column("user_id", sa.Integer),
        sa.column("at", sa.DateTime),
        sa.column("action", sa.String),
        sa.column("record_type", sa.String),
        sa.column("record_id", sa.Integer),
        sa.column("before", sa.JSON),
        sa.column("after", sa.JSON),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    rows = bind.execute(sa.select(events).order_by(events.c.id)).mappings().all()
    prev = GENESIS_HASH
    for row in rows:
        fields = {
            "user_id": row["user_id"],
            "at": row["at"].isoformat(timespec="microseconds") if row["at"] else None,
            "action": row["action"],
            "record_type": row["record_type"],
            "record_id": row["record_id"],
            "before": row["before"],
            "after": row["after"],
        }
        digest = _event_hash(fields, prev)
        bind.execute(events.update().where(events.c.id == row["id"]).values(prev_hash=prev, hash=digest))
        prev = digest


def _foreign_keys(on):
    """SQLite: batch mode rebuilds tables other tables point at; with foreign keys enforced, dropping
    the old copy of a table with rows pointing at it fails. The pragma only works outside a transaction."""
    if op.get_bind().dialect.name == "sqlite":
        with op.get_context().autocommit_block():
            op.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def upgrade():
    _foreign_keys(False)
    _upgrade()
    _foreign_keys(True)


def downgrade():
    _foreign_keys(False)
    _downgrade()
    _foreign_keys(True)


def _upgrade():
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    _chain_existing_events()
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_event_hash"), ["hash"])
        batch_op.create_index("ix_audit_event_record", ["record_type", "record_id"], unique=False)

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("file_withheld", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_reason", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_document_withdrawn_by_id_user"), "user", ["withdrawn_by_id"], ["id"]
        )

    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_officer_merged_into_id_officer"), "officer", ["merged_into_id"], ["id"]
        )

    with op.batch_alter_table("policy", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_policy_merged_into_id_policy"), "policy", ["merged_into_id"], ["id"])

    with op.batch_alter_table("motion", schema=None) as batch_op:
        batch_op.add_column(sa.Column("flags", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("superseded_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("updated_by_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_motion_review"), ["review"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_motion_superseded_by_id_motion"), "motion", ["superseded_by_id"], ["id"]
        )
        batch_op.create_foreign_key(batch_op.f("fk_motion_updated_by_id_user"), "user", ["updated_by_id"], ["id"])

    op.create_table(
        "motion_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["motion_id"], ["motion.id"], name=op.f("fk_motion_revision_motion_id_motion")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_motion_revision_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motion_revision")),
    )
    with op.batch_alter_table("motion_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_motion_revision_motion_id"), ["motion_id"], unique=False)

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRES_TRIGGERS:
            op.execute(statement)


def _downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update_or_delete ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")

    with op.batch_alter_table("motion_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_motion_revision_motion_id"))
    op.drop_table("motion_revision")

    with op.batch_alter_table("motion", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_motion_updated_by_id_user"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_motion_superseded_by_id_motion"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_motion_review"))
        batch_op.drop_column("updated_by_id")
        batch_op.drop_column("version")
        batch_op.drop_column("superseded_by_id")
        batch_op.drop_column("flags")

    with op.batch_alter_table("policy", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_policy_merged_into_id_policy"), type_="foreignkey")
        batch_op.drop_column("merged_into_id")

    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_officer_merged_into_id_officer"), type_="foreignkey")
        batch_op.drop_column("merged_into_id")

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_document_withdrawn_by_id_user"), type_="foreignkey")
        batch_op.drop_column("withdrawn_reason")
        batch_op.drop_column("withdrawn_by_id")
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("file_withheld")

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_record")
        batch_op.drop_constraint(batch_op.f("uq_audit_event_hash"), type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
