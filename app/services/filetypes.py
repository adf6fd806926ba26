"""Decide what an uploaded file is from its bytes, never from its name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import filetype

PDF_MAGIC = b"%PDF-"


@dataclass
class DetectedType:
    family: str | None  # "pdf" | "audio" | "video" | "text" | None when not acceptable
    mime: str
    error: str | None = None  # clerk-readable reason when family is None


def detect(path: Path) -> DetectedType:
    """Classify a stored file as a PDF, audio, video or text (minutes or captions), or say why it is none of them."""
    size = path.stat().st_size
    if size == 0:
        return DetectedType(None, "application/octet-stream", "The file is empty (0 bytes). Upload it again.")
    with path.open("rb") as fh:
        head = fh.read(8192)
        samples = [head]
        for at in (size // 2, max(0, size - 4096)):  # text through and through, not a text header on binary
            if at > len(head):
                fh.seek(at)
                samples.append(fh.read(4096))
    if PDF_MAGIC in head[:1024]:
        return DetectedType("pdf", "application/pdf")
    kind = filetype.guess(head)
    mime = kind.mime if kind else "application/octet-stream"
    if kind is None and all(_is_text(sample) for sample in samples):
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


def _is_text(chunk: bytes) -> bool:
    """Whether a sample of the file is text: UTF-8 (a character cut at either end of the sample allowed) or
    Windows-1252, as the reader decodes it, no NULs, and almost no control characters but tabs, line and page
    breaks."""
    if b"\x00" in chunk:
        return False
    try:
        sample = chunk[3:-3].decode("utf-8") if len(chunk) > 8 else chunk.decode("utf-8")
    except UnicodeDecodeError:
        try:
            sample = chunk.decode("cp1252")
        except UnicodeDecodeError:
            return False
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return bool(sample.strip()) and controls <= len(sample) // 100
