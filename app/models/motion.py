"""Motions, the votes cast on them, and the officers and policies they concern."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.time import utcnow

if TYPE_CHECKING:
    from app.models.body import Member
    from app.models.document import Document
    from app.models.meeting import AgendaItem, Meeting
    from app.models.user import User

VOTE_OPTIONS = ("yes", "no", "abstain", "absent", "excused", "recused")
RESULTS = ("passed", "failed", "withdrawn", "tabled", "unknown")
# machine: as the reader found it; verified: confirmed or corrected by a clerk (re-reading never
# overwrites it); merged: folded into another motion (superseded_by_id); deleted: a clerk said it
# is no motion. Merged and deleted rows are kept, so re-reading the document cannot bring them
# back, and are never part of the public record (see app/models/visibility.py).
REVIEW_STATES = ("machine", "verified", "merged", "deleted")
LIVE_REVIEW_STATES = ("machine", "verified")


class Motion(db.Model):
    """A motion found in a document (machine) or confirmed by a clerk (verified)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    classification: Mapped[str] = mapped_column(String(30), default="other", index=True)
    mover: Mapped[str | None] = mapped_column(String(200))
    seconder: Mapped[str | None] = mapped_column(String(200))
    mover_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), index=True)
    seconder_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), index=True)
    result: Mapped[str] = mapped_column(String(20), default="unknown", index=True)
    yes_count: Mapped[int | None]
    no_count: Mapped[int | None]
    abstain_count: Mapped[int | None]
    absent_count: Mapped[int | None]
    excused_count: Mapped[int | None]
    recused_count: Mapped[int | None]
    outcome_kind: Mapped[str | None] = mapped_column(String(40), index=True)
    outcome_days: Mapped[int | None]
    outcome_paid: Mapped[bool | None]
    outcome_text: Mapped[str | None] = mapped_column(Text)
    source_page: Mapped[int | None]
    source_start: Mapped[float | None] = mapped_column(Float)
    source_end: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    review: Mapped[str] = mapped_column(String(20), default="machine", index=True)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)  # why the reader wants a clerk to look
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("motion.id"))
    # Optimistic locking: every UPDATE checks and bumps it, so a stale save fails instead of overwriting.
    version: Mapped[int] = mapped_column(default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}
    # Record pages at scale (migration 0007): a meeting's live motions in order, outcome counts.
    __table_args__ = (
        Index("ix_motion_meeting_review", "meeting_id", "review", "position"),
        Index("ix_motion_review_outcome", "review", "outcome_kind", "meeting_id"),
    )

    meeting: Mapped[Meeting] = relationship(back_populates="motions")
    document: Mapped[Document | None] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    mover_member: Mapped[Member | None] = relationship(foreign_keys=[mover_id])
    seconder_member: Mapped[Member | None] = relationship(foreign_keys=[seconder_id])
    votes: Mapped[list[Vote]] = relationship(back_populates="motion", order_by="Vote.id", cascade="all, delete-orphan")
    officer_links: Mapped[list[MotionOfficer]] = relationship(back_populates="motion", cascade="all, delete-orphan")
    policy_links: Mapped[list[MotionPolicy]] = relationship(back_populates="motion", cascade="all, delete-orphan")
    revisions: Mapped[list[MotionRevision]] = relationship(
        back_populates="motion", order_by="MotionRevision.id", cascade="all, delete-orphan"
    )
    superseded_by: Mapped[Motion | None] = relationship(remote_side=[id], foreign_keys=[superseded_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    @property
    def is_live(self) -> bool:
        """Part of the record (not merged into another motion, not deleted)."""
        return self.review in LIVE_REVIEW_STATES

    @property
    def officers(self) -> list[Officer]:
        return [link.officer for link in self.officer_links]

    @property
    def policies(self) -> list[Policy]:
        return [link.policy for link in self.policy_links]

    def counts(self) -> dict[str, int | None]:
        """Return the tally as the motion record's "counts" mapping."""
        return {option: getattr(self, f"{option}_count") for option in VOTE_OPTIONS}


class MotionRevision(db.Model):
    """A correction of a published motion: the version it made, why, who, and the record before and after."""

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"), index=True)
    version: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    before: Mapped[dict] = mapped_column(JSON)
    after: Mapped[dict] = mapped_column(JSON)

    motion: Mapped[Motion] = relationship(back_populates="revisions")
    user: Mapped[User | None] = relationship()


class Vote(db.Model):
    """How one member (or a voter name not on the roster) voted on a motion."""

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), index=True)
    voter_name: Mapped[str] = mapped_column(String(200))
    option: Mapped[str] = mapped_column(String(20))

    # A commissioner's votes read from the index alone (migration 0007).
    __table_args__ = (Index("ix_vote_member_motion", "member_id", "motion_id", "option"),)

    motion: Mapped[Motion] = relationship(back_populates="votes")
    member: Mapped[Member | None] = relationship()


class Officer(db.Model):
    """A police officer named in a board action."""

    __table_args__ = (UniqueConstraint("name", "rank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    rank: Mapped[str | None] = mapped_column(String(80))
    badge: Mapped[str | None] = mapped_column(String(40))
    unit: Mapped[str | None] = mapped_column(String(200))
    # Another spelling or an earlier rank of the officer this row now points to.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))

    motion_links: Mapped[list[MotionOfficer]] = relationship(back_populates="officer")

    @property
    def display_name(self) -> str:
        return f"{self.rank} {self.name}" if self.rank else self.name


class MotionOfficer(db.Model):
    """Links a motion to an officer it concerns."""

    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), primary_key=True, index=True)

    motion: Mapped[Motion] = relationship(back_populates="officer_links")
    officer: Mapped[Officer] = relationship(back_populates="motion_links")


class Policy(db.Model):
    """A directive, general order, rule or section cited by a motion."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str | None] = mapped_column(String(300))
    # Another way of writing the code of the policy this row now points to ("G.O. 3.02").
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("policy.id"))

    motion_links: Mapped[list[MotionPolicy]] = relationship(back_populates="policy")


class MotionPolicy(db.Model):
    """Links a motion to a policy it cites."""

    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"), primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policy.id"), primary_key=True, index=True)

    motion: Mapped[Motion] = relationship(back_populates="policy_links")
    policy: Mapped[Policy] = relationship(back_populates="motion_links")
