"""Adding uploaded files to a meeting: store, type by content, record, queue."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import Document, Job, Meeting, User
from app.models.visibility import INCLUDE_RETIRED
from app.services import pipeline
from app.services.filetypes import DetectedType, detect
from app.services.redaction import readmit
from app.services.storage import store_stream

PDF_KINDS = ("agenda", "minutes", "decision", "other")
_INVISIBLE = {"Cc", "Cf", "Co", "Cs"}  # control, format (bidi overrides), private use, surrogates


@dataclass
class UploadOutcome:
    document: Document
    job: Job | None  # None when the file was rejected or already uploaded
    duplicate: bool = False
    withdrawn: bool = False  # the same bytes were withdrawn before; refused unless re-admitted on purpose


def display_filename(name: str | None) -> str:
    """The client's filename as display text only: normalised, no control or bidi characters, <= 255."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE).strip()
    if cleaned in (".", ".."):  # a step in a path, not a name
        cleaned = ""
    return (cleaned or "unnamed file")[:255]


def add_upload(
    meeting: Meeting,
    stream: BinaryIO,
    filename: str | None,
    kind: str,
    user: User | None,
    *,
    readmit_withdrawn: bool = False,
) -> UploadOutcome:
    """Store one uploaded file for a meeting and queue its processing (flushes).

    The original is always kept. A file that is not a PDF, audio/video or text (minutes, captions) is recorded
    as a failed document with the reason; the same bytes twice give the existing document back.
    The bytes of a withdrawn document are refused (and purged again) unless `readmit_withdrawn`.
    """
    blob = store_stream(current_app.config["UPLOAD_FOLDER"], stream)
    stmt = select(Document).where(Document.sha256 == blob.sha256).execution_options(**INCLUDE_RETIRED)
    existing = db.session.scalar(stmt)
    if existing is not None and existing.is_withdrawn and not readmit_withdrawn:
        blob.path.unlink(missing_ok=True)  # the withdrawal purged these bytes: keep them purged
        return UploadOutcome(existing, None, withdrawn=True)
    if existing is not None and not existing.is_withdrawn:
        return UploadOutcome(existing, None, duplicate=True)
    detected = detect(blob.path)
    _refuse_oversize(detected, blob.size)
    if detected.family in ("audio", "video"):
        kind = detected.family
    elif kind not in PDF_KINDS:
        kind = "other"
    fields = dict(
        meeting=meeting,
        kind=kind,
        original_filename=display_filename(filename),
        sha256=blob.sha256,
        size=blob.size,
        mime_type=detected.mime,
        uploaded_by_id=user.id if user else None,
    )
    # A withdrawn document uploaded again on purpose: its tombstone row (sha256 is unique) comes back.
    document = Document(**fields) if existing is None else readmit(existing, fields, user)
    db.session.add(document)
    document.upload_note = _name_mismatch(document.original_filename, detected.family)
    if detected.family is None:
        document.status = "failed"
        document.error = detected.error
        db.session.flush()
        return UploadOutcome(document, None)
    db.session.flush()
    return UploadOutcome(document, pipeline.create_job(document))


_MEDIA_SUFFIXES = {".mp3", ".wav", ".m4a", ".aac", ".ogg", ".opus", ".flac", ".mp4", ".mov", ".webm", ".mkv", ".wma"}


# A family with a size limit of its own: (config key, the file in words, what it is for, the setting to raise).
_LIMITS = {
    "pdf": ("MAX_PDF_BYTES", "PDF", "PDFs", "BOARDWATCH_MAX_PDF_MB"),
    "text": ("MAX_TEXT_BYTES", "text file", "minutes and captions saved as text", "BOARDWATCH_MAX_TEXT_MB"),
}


def _refuse_oversize(detected: DetectedType, size: int) -> None:
    """Refuse (in place, with the reason) a PDF or a text file over its own limit; media have the upload limit."""
    if detected.family not in _LIMITS:
        return
    key, noun, purpose, setting = _LIMITS[detected.family]
    limit = current_app.config[key]
    if size > limit:
        mb = 1024 * 1024
        detected.family = None
        detected.error = (
            f"This {noun} is {size // mb} MB, over the {limit // mb} MB limit for {purpose}. "
            f"Split it, or ask an admin to raise {setting}."
        )


def _name_mismatch(filename: str, family: str | None) -> str | None:
    """A note for the clerk when the file's name says one type and its bytes another."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if family == "pdf" and suffix in _MEDIA_SUFFIXES:
        return f"The file is named '{filename}' but its contents are a PDF; it was read as a PDF."
    if family in ("audio", "video") and suffix == ".pdf":
        return f"The file is named '{filename}' but its contents are {family}; it was transcribed as {family}."
    if family == "text" and (suffix == ".pdf" or suffix in _MEDIA_SUFFIXES):
        return f"The file is named '{filename}' but its contents are text; it was read as text."
    return None


def retry(document: Document) -> Job:
    """Queue a new job for a document whose last job failed (flushes)."""
    document.error = None
    return pipeline.create_job(document)
