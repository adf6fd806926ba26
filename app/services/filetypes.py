"""Decide what an uploaded file is from its bytes, never from its name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import filetype

PDF_MAGIC = b"%PDF-"


@dataclass
class DetectedType:
    family: str | None  # "pdf" | "audio" | "video" | None when not acceptable
    mime: str
    error: str | None = None  # clerk-readable reason when family is None


def detect(path: Path) -> DetectedType:
    """Classify a stored file as a PDF, audio or video, or say why it is none of them."""
    size = path.stat().st_size
    if size == 0:
        return DetectedType(None, "application/octet-stream", "The file is empty (0 bytes). Upload it again.")
    with path.open("rb") as fh:
        head = fh.read(8192)
    if PDF_MAGIC in head[:1024]:
        return DetectedType("pdf", "application/pdf")
    kind = filetype.guess(head)
    mime = kind.mime if kind else "application/octet-stream"
    if kind is None and _is_text(head):
        # minutes or a transcript saved as text: captions (SRT, WebVTT), a transcript editor's export, JSON, CSV
        return DetectedType("text", "text/plain")
    if kind is None or not (mime.startswith("audio/") or mime.startswith("video/")):
        what = f"a {mime} file" if kind else "not a recognised file type"
        return DetectedType(
            None,
            mime,
            f"This file is {what}, not a PDF, a text file or an audio or video recording, whatever its name says. "
            "Upload the meeting's PDF documents, its minutes or captions as text, or its audio/video.",
        )
    from transcribe import AudioError, probe

    try:
        info = probe(path)
    except AudioError as exc:
        return DetectedType(None, mime, str(exc))
    if not info.has_audio:
        return DetectedType(None, mime, "This video has no audio track, so there is nothing to transcribe.")
    family = "video" if mime.startswith("video/") else "audio"
    return DetectedType(family, mime)


def _is_text(head: bytes) -> bool:
    """Whether the file's first bytes are text: UTF-8 (a character cut at the end of the sample allowed), no NULs,
    and almost no control characters other than tabs, line breaks and form feeds."""
    if b"\x00" in head:
        return False
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:
            return False
        sample = head[: exc.start].decode("utf-8")
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return bool(sample.strip()) and controls <= len(sample) // 100
