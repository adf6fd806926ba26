"""Processing jobs: read a document, store what it says, find its motions.

Each step is idempotent and keyed by the document: re-running a job replaces that
document's machine-derived rows and never duplicates them. Every outcome ends on the
Job row (done, or failed with a reason the clerk can act on); the original is never touched.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, select

from app.extensions import db
from app.models import Document, DocumentPage, Job, Segment, Transcript
from app.models.time import utcnow
from app.parsing import PageText, TimedText, parse_pages, parse_transcript
from app.services import motions as motion_service
from app.services import search
from app.services.storage import blob_path

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


class PipelineError(Exception):
    """A failure with a message the clerk can act on."""


def create_job(document: Document) -> Job:
    """Add a queued job for a document (flushes; the caller commits, then enqueues)."""
    step = "transcribe" if document.is_media else "read_pdf"
    job = Job(document=document, step=step, state="queued", message="Waiting for a worker")
    document.status = "queued"
    db.session.add(job)
    db.session.flush()
    return job


def stale_job_ids(older_than: dt.timedelta) -> list[int]:
    """Running jobs whose heartbeat stopped (their worker died)."""
    cutoff = utcnow() - older_than
    rows = db.session.scalars(
        select(Job.id).where(Job.state == "running", Job.heartbeat_at < cutoff, Job.attempts < MAX_ATTEMPTS)
    )
    return list(rows)


def run_job(job_id: int) -> None:
    """Run a job to the end, recording done or failed on its row. Never raises for bad input."""
    job = db.session.get(Job, job_id)
    if job is None or job.state == "done":
        return
    if job.attempts >= MAX_ATTEMPTS and job.state == "running":
        _fail(job, f"Stopped after {job.attempts} attempts. Last error: {job.error or 'the worker stopped'}")
        return
    job.state = "running"
    job.attempts += 1
    job.started_at = job.heartbeat_at = utcnow()
    job.error = None
    job.message = "Starting"
    job.document.status = "processing"
    db.session.commit()
    try:
        document = job.document
        path = blob_path(current_app.config["UPLOAD_FOLDER"], document.sha256)
        if not path.exists():
            raise PipelineError("The stored original is missing from uploads/; restore it from backup and retry.")
        if document.is_media:
            _transcribe(job, document, path)
        else:
            _read_pdf(job, document, path)
        job.state = "done"
        job.progress = 100
        job.message = _summary(document)
        job.finished_at = utcnow()
        document.status = "processed"
        db.session.commit()
    except PipelineError as exc:
        db.session.rollback()
        _fail(db.session.get(Job, job_id), str(exc))
    except Exception as exc:
        log.exception("job %s failed", job_id)
        db.session.rollback()
        _fail(db.session.get(Job, job_id), f"Unexpected error ({type(exc).__name__}: {exc}). Retry, or report it.")


def _fail(job: Job | None, message: str) -> None:
    if job is None:
        return
    job.state = "failed"
    job.error = message
    job.message = "Failed"
    job.finished_at = utcnow()
    job.document.status = "failed"
    job.document.error = message
    db.session.commit()


def _progress(job: Job, percent: int, message: str) -> None:
    job.progress = max(0, min(99, percent))
    job.message = message
    job.heartbeat_at = utcnow()
    db.session.commit()


def _summary(document: Document) -> str:
    found = len(motion_service.motions_for_document(document))
    what = f"{len(document.pages)} pages" if not document.is_media else "transcript"
    return f"Done: {what}, {found} motion{'s' if found != 1 else ''} found"


def _read_pdf(job: Job, document: Document, path: Path) -> None:
    from app.services.pdf_reader import read_pdf

    _progress(job, 5, "Reading the PDF")
    config = current_app.config
    result = read_pdf(path, timeout=config["PDF_TIMEOUT_SECONDS"], memory_mb=config["PDF_MEMORY_MB"])
    document.page_count = result.page_count
    document.warnings = list(result.warnings)
    if result.status not in ("ok", "no_text") and not result.pages:
        raise PipelineError(result.message)
    if result.status == "no_text":
        document.warnings = [*document.warnings, result.message]
    elif result.status != "ok":
        document.warnings = [*document.warnings, result.message]
    db.session.execute(delete(DocumentPage).where(DocumentPage.document_id == document.id))
    for page in result.pages:
        db.session.add(DocumentPage(document_id=document.id, number=page.number, text=page.text, status=page.status))
    db.session.flush()
    _progress(job, 60, "Finding motions and votes")
    pages = [PageText(number=p.number, text=p.text) for p in result.pages if p.text]
    records = parse_pages(pages, document=document.sha256, roster=motion_service.roster_for(document.meeting))
    motion_service.replace_machine_motions(document, records)
    search.reindex_meeting(document.meeting)
    if result.status == "no_text":
        document.error = result.message


def _transcribe(job: Job, document: Document, path: Path) -> None:
    from transcribe import AudioError, Chunk, transcribe_file

    transcript = document.transcript
    resume_from = float((job.checkpoint or {}).get("resume_from", 0.0)) if transcript else 0.0
    if transcript is None:
        transcript = Transcript(document=document, engine="faster-whisper", model="tiny.en")
        db.session.add(transcript)
    # Drop anything after the last committed chunk: it is transcribed again.
    db.session.execute(delete(Segment).where(Segment.transcript_id == transcript.id, Segment.start >= resume_from))
    _progress(job, 1, "Transcribing" if not resume_from else f"Resuming transcription at {resume_from:.0f} s")

    def on_chunk(chunk: Chunk, fraction: float) -> None:
        position = db.session.scalar(
            select(db.func.coalesce(db.func.max(Segment.position), -1)).where(Segment.transcript_id == transcript.id)
        )
        for offset, seg in enumerate(chunk.segments, start=position + 1):
            db.session.add(
                Segment(
                    transcript=transcript,
                    position=offset,
                    start=seg.start,
                    end=seg.end,
                    text=seg.text,
                    speaker=seg.speaker,
                    confidence=seg.confidence,
                )
            )
        job.checkpoint = {"resume_from": chunk.end}
        _progress(job, int(fraction * 90), f"Transcribed {chunk.end / 60:.0f} min")

    try:
        result = transcribe_file(
            path, model=current_app.config.get("WHISPER_MODEL"), on_chunk=on_chunk, resume_from=resume_from
        )
    except AudioError as exc:
        raise PipelineError(str(exc)) from exc
    transcript.engine = result.engine
    transcript.model = result.model
    transcript.language = result.language
    transcript.duration = result.duration
    document.duration = result.duration
    document.warnings = list(result.warnings)
    db.session.flush()
    _progress(job, 92, "Finding motions and votes")
    segments = db.session.scalars(select(Segment).where(Segment.transcript_id == transcript.id).order_by(Segment.start))
    timed = [TimedText(start=s.start, end=s.end, text=s.text, speaker=s.speaker) for s in segments]
    records = parse_transcript(timed, document=document.sha256, roster=motion_service.roster_for(document.meeting))
    motion_service.replace_machine_motions(document, records)
    search.reindex_meeting(document.meeting)
