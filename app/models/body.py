"""The board and its members (the roster)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db


class Body(db.Model):
    """A board or commission whose meetings Boardwatch keeps."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(60))
    jurisdiction: Mapped[str | None] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(default=False)

    members: Mapped[list[Member]] = relationship(back_populates="body", order_by="Member.name")


class Member(db.Model):
    """A commissioner: name, seat, term and the spellings speech recognition produces."""

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    seat: Mapped[str | None] = mapped_column(String(100))
    term_start: Mapped[dt.date | None]
    term_end: Mapped[dt.date | None]
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)

    body: Mapped[Body] = relationship(back_populates="members")

    @property
    def surname(self) -> str:
        return self.name.split()[-1]
