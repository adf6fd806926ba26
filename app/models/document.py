"""Uploaded documents, their processing jobs, and what was read from them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.time import utcnow

if TYPE_CHECKING:
    from app.models.meeting import Meeting

DOCUMENT_KINDS = ("audio", "video", "agenda", "minutes", "decision", "other")
# uploaded -> queued -> processing -> processed | failed ("processed" may carry warnings);
# withdrawn: uploaded by mistake, its stored file and derived rows purged, the row kept as a tombstone.
DOCUMENT_STATUSES = ("uploaded", "queued", "processing", "processed", "failed", "withdrawn")
JOB_STATES = ("queued", "running", "done", "failed")


class Document(db.Model):
    """An uploaded original, stored once under its sha256 and never modified."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    original_filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="uploaded")
    error: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)  # from the last processing run
    upload_note: Mapped[str | None] = mapped_column(String(500))  # e.g. name and contents disagree
    page_count: Mapped[int | None]
    duration: Mapped[float | None] = mapped_column(Float)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The stored original still holds text redacted from the public copy: the public may not download it.
    file_withheld: Mapped[bool] = mapped_column(default=False)
    withdrawn_at: Mapped[dt.datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="documents")
    pages: Mapped[list[DocumentPage]] = relationship(
        back_populates="document", order_by="DocumentPage.number", cascade="all, delete-orphan"
    )
    jobs: Mapped[list[Job]] = relationship(back_populates="document", order_by="Job.id", cascade="all, delete-orphan")
    transcript: Mapped[Transcript | None] = relationship(back_populates="document", cascade="all, delete-orphan")

    @property
    def is_withdrawn(self) -> bool:
        return self.status == "withdrawn"

    @property
    def is_media(self) -> bool:
        return self.kind in ("audio", "video")

    @property
    def latest_job(self) -> Job | None:
        return self.jobs[-1] if self.jobs else None


class DocumentPage(db.Model):
    """The text of one PDF page (empty with status no_text when it has no text layer)."""

    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="ok")

    document: Mapped[Document] = relationship(back_populates="pages")


class Job(db.Model):
    """One processing step of a document; mirrors the queue so the clerk can see progress."""

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    step: Mapped[str] = mapped_column(String(30))
    state: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    progress: Mapped[int] = mapped_column(default=0)
    message: Mapped[str | None] = mapped_column(String(500))
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    checkpoint: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None]
    heartbeat_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    # "host:pid:token" of the worker process running it, so a restarted worker on the same
    # machine can tell at once that the job's process is gone (app/services/job_state.py).
    worker: Mapped[str | None] = mapped_column(String(200))

    document: Mapped[Document] = relationship(back_populates="jobs")


class Transcript(db.Model):
    """The speech-to-text result for one audio or video document."""

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), unique=True)
    engine: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(10))
    duration: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="transcript")
    segments: Mapped[list[Segment]] = relationship(
        back_populates="transcript", order_by="Segment.start", cascade="all, delete-orphan"
    )


class Segment(db.Model):
    """A timed stretch of transcript text."""

    __table_args__ = (UniqueConstraint("transcript_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcript.id"), index=True)
    position: Mapped[int]
    start: Mapped[float] = mapped_column(Float)
    end: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(100))
    confidence: Mapped[float | None] = mapped_column(Float)

    transcript: Mapped[Transcript] = relationship(back_populates="segments")
