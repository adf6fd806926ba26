"""jobs: the worker process holding a running job

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10 09:00:00

- job.worker names the worker process ("host:pid:token") that claimed a running job, so a
  worker restarted on the same machine re-queues a job whose process was killed without
  waiting for its heartbeat to go stale. Existing rows get NULL (no holder recorded).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("worker", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_column("worker")
