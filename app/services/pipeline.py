"""Processing jobs: read a document, store what it says, find its motions.

Each step is idempotent and keyed by the document: re-running a job replaces that
document's machine-derived rows and never duplicates them. Every outcome ends on the
Job row (done, or failed with a reason the clerk can act on); the original is never touched.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, select

from app.extensions import db
from app.models import Document, DocumentPage, Job, Segment, Transcript
from app.parsing import PageText, TimedText, parse_pages, parse_transcript
from app.services import job_state, search
from app.services import motions as motion_service
from app.services.storage import blob_path

log = logging.getLogger(__name__)
# Called with (job id, delay in seconds) to queue a job again after an attempt raised.
Requeue = Callable[[int, float], None]


class PipelineError(Exception):
    """A failure with a message the clerk can act on (retrying the same input will not help)."""


def create_job(document: Document) -> Job:
    """Add a queued job for a document (flushes; the caller commits, then enqueues)."""
    step = "transcribe" if document.is_media else "read_pdf"
    job = Job(document=document, step=step, state="queued", message="Waiting for a worker")
    document.status = "queued"
    db.session.add(job)
    db.session.flush()
    return job


def run_job(job_id: int, requeue: Requeue | None = None) -> None:
    """Run a queued job to the end, recording done or failed on its row. Never raises for bad input.

    A job that is not queued (done, failed, or held by another worker) is left alone, so a
    task delivered twice, or a worker restarted after the job finished, does nothing. An
    unexpected error is tried again up to JOB_MAX_ATTEMPTS times: through `requeue` after a
    growing delay, or here in a loop when there is no queue (the demo loader, `import --wait`).
    """
    while True:
        job = job_state.claim(job_id)
        if job is None:
            return
        retry_in = _attempt(job)
        if retry_in is None:
            return
        if requeue is not None:
            requeue(job_id, retry_in)
            return
        time.sleep(retry_in)


def _attempt(job: Job) -> float | None:
    """One attempt at a claimed job; returns the delay before the next attempt, or None when it ended."""
    job_id = job.id
    try:
        with job_state.heartbeat(job_id, float(current_app.config.get("JOB_HEARTBEAT_SECONDS", 15))):
            document = job.document
            path = blob_path(current_app.config["UPLOAD_FOLDER"], document.sha256)
            if not path.exists():
                raise PipelineError("The stored original is missing from uploads/; restore it from backup and retry.")
            if document.is_media:
                _transcribe(job, document, path)
            elif document.mime_type == "text/plain":
                _read_text(job, document, path)
            else:
                _read_pdf(job, document, path)
            job_state.finish(job, _summary(document))
        return None
    except job_state.JobLost:
        db.session.rollback()
        log.warning("job %s was taken over by another worker; this attempt stops", job_id)
        return None
    except PipelineError as exc:
        db.session.rollback()
        job_state.fail(_job(job_id), str(exc))
        return None
    except Exception as exc:
        log.exception("job %s failed", job_id)
        db.session.rollback()
        return job_state.retry_or_fail(job_id, f"Unexpected error ({type(exc).__name__}: {exc}). Retry, or report it.")


def _job(job_id: int) -> Job:
    job = db.session.get(Job, job_id)
    assert job is not None
    return job


def _progress(job: Job, percent: int, message: str) -> None:
    """Record progress, with whatever the caller added, in one commit, if this worker still holds the job."""
    job_state.hold(job.id)
    job.progress = max(0, min(99, percent))
    job.message = message
    db.session.commit()


def _summary(document: Document) -> str:
    found = len(motion_service.motions_for_document(document))
    what = f"{len(document.pages)} pages" if not document.is_media else "transcript"
    what = "text" if document.mime_type == "text/plain" else what
    return f"Done: {what}, {found} motion{'s' if found != 1 else ''} found"


def _read_text(job: Job, document: Document, path: Path) -> None:
    """Minutes or a transcript uploaded as text (captions, a transcript editor's export, JSON, CSV): its pages
    kept for review, its motions read as `flask extract` reads them."""
    from app.parsing import split_pages
    from app.services.extraction import ExtractionError, parse_document, read_document

    _progress(job, 5, "Reading the text")
    try:
        read = read_document(path)
    except ExtractionError as exc:
        raise PipelineError(str(exc)) from exc
    db.session.execute(delete(DocumentPage).where(DocumentPage.document_id == document.id))
    pages = split_pages(read.text) if read.text else []
    for page in pages:
        db.session.add(DocumentPage(document_id=document.id, number=page.number, text=page.text, status="ok"))
    document.page_count = len(pages)
    document.warnings = list(read.warnings)
    db.session.flush()
    _progress(job, 60, "Finding motions and votes")
    records = parse_document(read, roster=motion_service.roster_for(document.meeting))
    motion_service.replace_machine_motions(document, records)
    search.reindex_meeting(document.meeting)


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
    """Transcribe chunk by chunk, committing each chunk's segments with the checkpoint.

    The checkpoint is {"resume_from": seconds, "chunks": [{"start", "end", "attempt", "segments"}]}:
    where the next attempt starts, and which attempt transcribed each stretch, so a resumed job
    can be seen not to transcribe committed audio again.
    """
    from transcribe import AudioError, Chunk, transcribe_file
    from transcribe.audio import clock

    transcript = document.transcript
    checkpoint = _resume_checkpoint(job, document) if transcript is not None else {}
    resume_from = float(checkpoint.get("resume_from", 0.0))
    chunks: list[dict] = list(checkpoint.get("chunks", []))
    if transcript is None:
        transcript = Transcript(document=document, engine="faster-whisper", model="tiny.en")
        db.session.add(transcript)
    # Anything after the last committed chunk is transcribed again.
    db.session.execute(delete(Segment).where(Segment.transcript_id == transcript.id, Segment.start >= resume_from))
    job.checkpoint = {"resume_from": resume_from, "chunks": chunks}
    if resume_from:
        log.info("job %s attempt %s: resuming transcription at %.3f s", job.id, job.attempts, resume_from)
    _progress(
        job, job.progress or 1, f"Resuming transcription at {clock(resume_from)}" if resume_from else "Transcribing"
    )

    def on_chunk(chunk: Chunk, fraction: float) -> None:
        job_state.hold(job.id)
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
        record = {"start": chunk.start, "end": chunk.end, "attempt": job.attempts, "segments": len(chunk.segments)}
        chunks.append(record)
        job.checkpoint = {"resume_from": chunk.end, "chunks": list(chunks)}
        left = f", about {clock(chunk.eta)} left" if chunk.eta else ""
        _progress(job, int(fraction * 90), f"Transcribed {clock(chunk.end)}{left}")
        log.info("job %s attempt %s: chunk %.3f-%.3f s committed", job.id, job.attempts, chunk.start, chunk.end)

    try:
        result = transcribe_file(
            path,
            model=current_app.config.get("WHISPER_MODEL"),
            on_chunk=on_chunk,
            resume_from=resume_from,
            chunk_seconds=float(current_app.config.get("TRANSCRIBE_CHUNK_SECONDS", 600)),
        )
    except AudioError as exc:
        raise PipelineError(str(exc)) from exc
    transcript.engine = result.engine
    transcript.model = result.model
    transcript.language = result.language or transcript.language
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


def _resume_checkpoint(job: Job, document: Document) -> dict:
    """This job's checkpoint, or (for a job queued by Retry) that of the failed job before it."""
    if job.checkpoint:
        return dict(job.checkpoint)
    earlier = [j for j in document.jobs if j.id < job.id]
    if earlier and earlier[-1].state == "failed" and earlier[-1].checkpoint:
        return dict(earlier[-1].checkpoint)
    return {}
