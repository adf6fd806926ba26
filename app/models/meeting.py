"""Meetings and their agenda items."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.time import utcnow

if TYPE_CHECKING:
    from app.models.body import Body
    from app.models.document import Document
    from app.models.motion import Motion

MEETING_KINDS = ("regular", "special", "community")
MEETING_STATUSES = ("draft", "in_review", "published")


class Meeting(db.Model):
    """One meeting of a body; only a published meeting's records reach the public."""

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    date: Mapped[dt.date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(20), default="regular")
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    published_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    # Published meetings newest first without a sort (migration 0007).
    __table_args__ = (Index("ix_meeting_status_date", "status", "date"),)

    body: Mapped[Body] = relationship()
    documents: Mapped[list[Document]] = relationship(back_populates="meeting", order_by="Document.id")
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.id", cascade="all, delete-orphan"
    )
    motions: Mapped[list[Motion]] = relationship(
        back_populates="meeting", order_by="Motion.position", cascade="all, delete-orphan"
    )

    @property
    def is_published(self) -> bool:
        return self.status == "published"


class AgendaItem(db.Model):
    """A numbered item on a meeting's agenda."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    number: Mapped[str | None] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(1000))

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
