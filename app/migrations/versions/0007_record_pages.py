"""record pages at scale: indexes for the commissioner, meeting, outcome and list pages

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-12 09:00:00

- motion.mover_id and motion.seconder_id: a commissioner's motions found from the index
  (with vote.member_id) instead of an EXISTS test on every motion.
- motion (meeting_id, review, position): a meeting's live motions in order, and the motion
  counts of a page of meetings, from one index.
- motion (review, outcome_kind, meeting_id): outcome totals and outcomes per quarter read from
  the index alone.
- meeting (status, date): published meetings newest first (home, meetings list, latest decisions).
- vote (member_id, motion_id, option): a commissioner's tally, dissents and attendance read from
  the index alone.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = [
    ("motion", "ix_motion_mover_id", ["mover_id"]),
    ("motion", "ix_motion_seconder_id", ["seconder_id"]),
    ("motion", "ix_motion_meeting_review", ["meeting_id", "review", "position"]),
    ("motion", "ix_motion_review_outcome", ["review", "outcome_kind", "meeting_id"]),
    ("meeting", "ix_meeting_status_date", ["status", "date"]),
    ("vote", "ix_vote_member_motion", ["member_id", "motion_id", "option"]),
]


def upgrade() -> None:
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
