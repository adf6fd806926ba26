"""Reading audio with PyAV: probing a file, and decoding it as a stream of 16 kHz mono float32 blocks.

Nothing here holds a whole file in memory: decoding yields one decoder frame at a time, so a
three-hour meeting costs no more memory than a three-minute one.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

from transcribe.errors import DecodeError, EmptyFileError, NoAudioStreamError, NotAudioError

SAMPLE_RATE = 16_000
# Timestamp jumps larger than this (seconds) mean packets were lost; the hole is filled with silence
# so that later segment times still match the original file.
GAP_SECONDS = 0.1
# A jump larger than this is broken timestamps rather than lost audio: it is not filled.
MAX_GAP_SECONDS = 3600.0
# How many packets probe() may read looking for one decodable audio frame.
PROBE_PACKETS = 200

# Leading bytes of documents people upload by mistake, so the error can say what the file is.
_DOCUMENT_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
# Leading bytes of audio/video containers: a file that has one but will not open is damaged, not "not audio".
_MEDIA_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (4, b"ftyp", "an MP4/M4A recording"),
    (0, b"RIFF", "a WAV recording"),
    (0, b"ID3", "an MP3 recording"),
    (0, b"fLaC", "a FLAC recording"),
    (0, b"OggS", "an Ogg recording"),
    (0, b"\x1aE\xdf\xa3", "a WebM/Matroska recording"),
    (0, b"0&\xb2u\x8ef\xcf\x11", "a Windows Media recording"),
)
# Demuxers that read still images or text; a "video" from one of these is not a recording.
_IMAGE_OR_TEXT_FORMATS = ("image2", "tty", "gif", "webp", "apng", "bmp", "svg")


@dataclass
class AudioInfo:
    """What the container says about a file. ``duration`` is None when the container does not know."""

    duration: float | None
    has_audio: bool
    codec: str | None
    has_video: bool = False
    sample_rate: int | None = None
    channels: int | None = None
    format_name: str | None = None


@dataclass
class DecodeReport:
    """Filled in while decoding: where audio ended and what had to be skipped."""

    end_time: float = 0.0
    skipped: list[float] = field(default_factory=list)
    stopped_at: float | None = None
    stop_reason: str | None = None
    bytes_read_fraction: float = 0.0

    def warnings(self, truncated: bool = False) -> list[str]:
        """Clerk-readable sentences about damaged stretches of the file.

        When the file is ``truncated`` (reported separately), the half packet at its end is not mentioned.
        """
        skipped = [t for t in self.skipped if not (truncated and t >= self.end_time - 1.0)]
        out: list[str] = []
        for start, end in _group_times(skipped):
            where = clock(start) if end - start < 1 else f"{clock(start)}-{clock(end)}"
            out.append(f"Some audio at {where} was damaged and could not be decoded; it was skipped.")
        if len(out) > 5:
            out = [*out[:5], f"...and {len(out) - 5} more damaged stretches."]
        if self.stopped_at is not None:
            at = clock(self.stopped_at)
            out.append(f"Decoding stopped at {at} because the file is damaged ({self.stop_reason}).")
        return out


def clock(seconds: float) -> str:
    """Format seconds as M:SS, or H:MM:SS from one hour on (for messages, not subtitles)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def probe(path: str | os.PathLike[str], *, require_audio: bool = True) -> AudioInfo:
    """Check by content that ``path`` is audio (or video with sound) and describe it.

    Reads the container header and decodes at most a few hundred packets, so it is quick enough
    for an upload request. Raises EmptyFileError, NotAudioError, NoAudioStreamError (unless
    ``require_audio`` is False, when a silent video gives ``has_audio=False``) or DecodeError.
    """
    path = Path(path)
    name = path.name
    if path.stat().st_size == 0:
        raise EmptyFileError(f"{name} is empty (0 bytes); the upload or copy was probably cut short. Upload it again.")
    _reject_documents(path)
    container = _open(path)
    with container:
        fmt = container.format.name
        audio = container.streams.best("audio")
        videos = [s for s in container.streams.video if not _is_cover_art(s)]
        if audio is None:
            if videos and not any(f in fmt for f in _IMAGE_OR_TEXT_FORMATS):
                if require_audio:
                    raise NoAudioStreamError(f"{name} is a video with no sound track; there is nothing to transcribe.")
                return AudioInfo(_container_duration(container), False, None, True, format_name=fmt)
            raise NotAudioError(f"{name} is not an audio or video file (it contains no sound).")
        if not _decodes_some_audio(container, audio):
            raise NotAudioError(
                f"{name} is not an audio file: it has the name or header of one, but no sound could be decoded from it."
            )
        ctx = audio.codec_context
        return AudioInfo(
            duration=_stream_duration(container, audio),
            has_audio=True,
            codec=ctx.name,
            has_video=bool(videos),
            sample_rate=ctx.sample_rate or None,
            channels=ctx.channels or None,
            format_name=fmt,
        )


def decode_blocks(
    path: str | os.PathLike[str], *, start: float = 0.0, report: DecodeReport | None = None
) -> Iterator[tuple[float, np.ndarray]]:
    """Yield ``(absolute_start_seconds, samples)`` blocks of 16 kHz mono float32 audio, contiguous.

    Audio before ``start`` is skipped (seeking first when the container allows it). Packets that
    fail to decode are skipped, recorded in ``report``, and replaced by silence so times stay true.
    """
    report = report if report is not None else DecodeReport()
    path = Path(path)
    container = _open(path)
    with container:
        stream = container.streams.best("audio")
        if stream is None:
            raise NoAudioStreamError(f"{path.name} has no audio track, so there is nothing to transcribe.")
        sought = start > 0 and _seek(container, stream, start)
        frames = _decoded_frames(container, stream, report, path.stat().st_size)
        first = next(frames, None)
        if sought and first is not None and (first.time is None or first.time > start + GAP_SECONDS):
            # The seek landed after the resume point (or lost timing): decode from the beginning instead.
            container.seek(0, stream=stream)
            frames = _decoded_frames(container, stream, report, path.stat().st_size)
            first = next(frames, None)
        if first is None:
            return
        yield from _resampled(_chain(first, frames), start, report)


def _open(path: Path) -> av.container.InputContainer:
    """Open with PyAV; a file that will not open is damaged media or not media at all, and the error says which."""
    try:
        return av.open(str(path))
    except av.error.FFmpegError as exc:
        with path.open("rb") as fh:
            head = fh.read(16)
        for offset, signature, kind in _MEDIA_SIGNATURES:
            if head[offset : offset + len(signature)] == signature:
                raise DecodeError(
                    f"{path.name} is {kind}, but it is damaged or incomplete and cannot be read ({_reason(exc)}); "
                    "the recording or upload was probably cut off. Upload the complete file."
                ) from exc
        raise NotAudioError(f"{path.name} is not an audio or video file that can be read ({_reason(exc)}).") from exc


def _chain(first: av.AudioFrame, rest: Iterator[av.AudioFrame]) -> Iterator[av.AudioFrame]:
    yield first
    yield from rest


def _resampled(
    frames: Iterator[av.AudioFrame], start: float, report: DecodeReport
) -> Iterator[tuple[float, np.ndarray]]:
    """Convert frames to 16 kHz mono float32, fill timestamp holes with silence, drop audio before ``start``."""
    resampler = _new_resampler()
    position: float | None = None  # absolute time of the next output sample
    expected: float | None = None  # absolute time where the next input frame should begin

    def emit(samples: np.ndarray) -> Iterator[tuple[float, np.ndarray]]:
        nonlocal position
        assert position is not None
        begin = position
        position += len(samples) / SAMPLE_RATE
        report.end_time = position
        if position <= start:
            return
        if begin < start:
            samples = samples[round((start - begin) * SAMPLE_RATE) :]
            begin = start
        if len(samples):
            yield begin, samples

    for frame in frames:
        t = frame.time
        if position is None:
            position = t if t is not None else 0.0
        elif t is not None and expected is not None and t - expected > GAP_SECONDS:
            report.skipped.append(expected)
            if t - expected <= MAX_GAP_SECONDS:
                for gap in _silence(t - expected):
                    yield from emit(gap)
        expected = (t if t is not None else (expected or 0.0)) + frame.samples / frame.sample_rate
        try:
            converted = resampler.resample(frame)
        except ValueError:
            # The stream changed sample rate or channel layout mid-file: flush and start a new converter.
            converted = resampler.resample(None)
            resampler = _new_resampler()
            converted += resampler.resample(frame)
        for out in converted:
            yield from emit(_mono(out))
    for out in resampler.resample(None):
        yield from emit(_mono(out))


def _decoded_frames(
    container: av.container.InputContainer, stream: av.AudioStream, report: DecodeReport, size: int
) -> Iterator[av.AudioFrame]:
    """Decode the audio stream, skipping packets that fail and stopping cleanly when the container breaks."""
    last_time = 0.0
    demuxer = container.demux(stream)
    while True:
        try:
            packet = next(demuxer)
        except StopIteration:
            break
        except av.error.FFmpegError as exc:
            report.stopped_at, report.stop_reason = last_time, _reason(exc)
            break
        if packet.pos is not None and packet.pos >= 0 and size:
            report.bytes_read_fraction = min(1.0, packet.pos / size)
        if packet.pts is not None and packet.time_base is not None:
            last_time = float(packet.pts * packet.time_base)
        try:
            decoded = packet.decode()
        except av.error.FFmpegError:
            if packet.size:
                report.skipped.append(last_time)
            continue
        for frame in decoded:
            if frame.samples:
                yield frame


def _silence(seconds: float, block_seconds: float = 10.0) -> Iterator[np.ndarray]:
    """Zeros for ``seconds`` of audio, in blocks so a long hole costs no more memory than a short one."""
    remaining = round(seconds * SAMPLE_RATE)
    block = round(block_seconds * SAMPLE_RATE)
    while remaining > 0:
        yield np.zeros(min(block, remaining), dtype=np.float32)
        remaining -= block


def _new_resampler() -> av.AudioResampler:
    return av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)


def _mono(frame: av.AudioFrame) -> np.ndarray:
    return np.ascontiguousarray(frame.to_ndarray().reshape(-1), dtype=np.float32)


def _seek(container: av.container.InputContainer, stream: av.AudioStream, seconds: float) -> bool:
    """Seek to a keyframe at or before ``seconds``; False when the container cannot seek."""
    if not stream.time_base:
        return False
    try:
        container.seek(int(seconds / stream.time_base), stream=stream, backward=True)
    except av.error.FFmpegError:
        return False  # nothing has been read yet, so decoding simply starts from the beginning
    return True


def _decodes_some_audio(container: av.container.InputContainer, stream: av.AudioStream) -> bool:
    """True when at least one of the first packets decodes to audio samples."""
    for count, packet in enumerate(container.demux(stream)):
        if count >= PROBE_PACKETS:
            return False
        try:
            if any(frame.samples for frame in packet.decode()):
                return True
        except av.error.FFmpegError:
            continue
    try:
        return any(frame.samples for frame in stream.codec_context.decode(None))
    except av.error.FFmpegError:
        return False


def _reject_documents(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(16)
    for signature, kind in _DOCUMENT_SIGNATURES:
        if head.startswith(signature):
            raise NotAudioError(f"{path.name} is {kind}, not audio or video. Upload it as a document instead.")


def _is_cover_art(stream: av.VideoStream) -> bool:
    """Album art in an MP3/M4A shows up as a one-picture video stream."""
    return bool(stream.disposition & av.stream.Disposition.attached_pic)


def _stream_duration(container: av.container.InputContainer, stream: av.AudioStream) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        seconds = float(stream.duration * stream.time_base)
        if _is_real_duration(seconds):
            return seconds
    return _container_duration(container)


def _container_duration(container: av.container.InputContainer) -> float | None:
    if container.duration is not None:
        seconds = container.duration / av.time_base
        if _is_real_duration(seconds):
            return seconds
    return None


def _group_times(times: list[float], within: float = 2.0) -> list[tuple[float, float]]:
    """Merge nearby skip times into (start, end) stretches."""
    groups: list[tuple[float, float]] = []
    for t in sorted(times):
        if groups and t - groups[-1][1] <= within:
            groups[-1] = (groups[-1][0], t)
        else:
            groups.append((t, t))
    return groups


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text.rstrip(".") if text else type(exc).__name__


def _is_real_duration(seconds: float) -> bool:
    """Containers sometimes report NaN, zero or absurd durations; treat those as unknown."""
    return math.isfinite(seconds) and 0 < seconds < 7 * 24 * 3600
