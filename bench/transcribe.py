"""Benchmark transcribe/: speed, memory and accuracy of the default engine against openai-whisper, same weights.

    .venv/bin/python bench/transcribe.py [--minutes 30] [--hours 3] [--trade-off-minutes 10] [--no-openai]

Builds a meeting recording from the project's own spoken demo material (app/demo/demo_meeting.ogg, or the
demo script rendered with espeak-ng when the .ogg is not there) and the corpus clips in ../shared/corpus,
repeated with room-tone pauses between them, written as 16 kHz mono FLAC. Then, each in a fresh
subprocess (so every peak-memory figure is that run's own):

* the default engine with its default settings, twice (before and after the reference, to even out
  other load on the machine), and openai-whisper on the same weights (tiny.en converted with
  transcribe.convert) and the same file: real-time factor, CPU time, peak RSS, word error rate;
* on the first ``--trade-off-minutes``: greedy against beam search 5, and one worker per core
  against one worker with all the threads (the two settings the defaults were chosen from);
* with ``--hours``: the default engine on a recording that long, for peak memory (flat as the file
  grows?), progress and ETA per chunk, and a resume from near the end.

Real-time factor is audio seconds per wall second. This machine is shared, so wall times move with
other people's load: every ratio is between runs of this one invocation, and the CPU-time column
(audio seconds per CPU second, per core) shows what the work itself cost.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transcribe.audio import SAMPLE_RATE, decode_blocks  # noqa: E402
from transcribe.metrics import word_errors  # noqa: E402
from transcribe.quality import normalise  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "audio"
DEMO_OGG = ROOT / "app" / "demo" / "demo_meeting.ogg"
CLIPS = ("seattle_city_council_briefing_clip_0.wav", "seattle_city_council_briefing_clip_1.wav")
JFK = "jfk_inaugural_excerpt.flac"
JFK_TEXT = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."
GAP_SECONDS = (2.0, 15.0)  # pauses between pieces, drawn uniformly
ROOM_TONE = 0.002  # about -54 dBFS of noise in the pauses: a quiet room, not digital silence


@dataclass
class Piece:
    name: str
    samples: np.ndarray
    reference: str | None  # what is said, when known


# ---------------------------------------------------------------- material


def _decode(path: Path) -> np.ndarray:
    return np.concatenate([block for _, block in decode_blocks(path)])


def demo_piece() -> Piece | None:
    """The demo meeting: the rendered .ogg when present, else rendered here with espeak-ng."""
    try:
        from app.demo.script import DIALOGUE
    except ImportError as exc:
        print(f"note: no demo script ({exc}); the meeting is built from the corpus clips only", file=sys.stderr)
        return None
    reference = " ".join(turn.text for turn in DIALOGUE)
    if DEMO_OGG.is_file():
        return Piece("demo", _decode(DEMO_OGG), reference)
    if shutil.which("espeak-ng") is None:
        print("note: no demo_meeting.ogg and no espeak-ng; corpus clips only", file=sys.stderr)
        return None
    sys.path.insert(0, str(ROOT / "bench"))
    import make_demo_audio

    rendered = make_demo_audio.render(DIALOGUE)
    with tempfile.TemporaryDirectory() as folder:
        ogg = Path(folder) / "demo.ogg"
        make_demo_audio.encode_opus(rendered, ogg)  # the same encoding as the shipped demo
        return Piece("demo", _decode(ogg), reference)


def corpus_pieces() -> list[Piece]:
    pieces = [Piece(name, _decode(CORPUS / name), None) for name in CLIPS if (CORPUS / name).is_file()]
    if (CORPUS / JFK).is_file():
        pieces.append(Piece("jfk", _decode(CORPUS / JFK), JFK_TEXT))
    return pieces


def write_meeting(path: Path, pieces: list[Piece], seconds: float, seed: int = 7) -> list[dict]:
    """Write ``seconds`` of meeting to FLAC, streaming; returns the timeline of pieces with references."""
    rng = np.random.default_rng(seed)
    timeline: list[dict] = []
    position = 0
    limit = int(seconds * SAMPLE_RATE)
    with av.open(str(path), "w") as out:
        stream = out.add_stream("flac", rate=SAMPLE_RATE, layout="mono")

        def put(samples: np.ndarray) -> None:
            pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
            frame.sample_rate = SAMPLE_RATE
            for packet in stream.encode(frame):
                out.mux(packet)

        index = 0
        while position < limit:
            piece = pieces[index % len(pieces)]
            index += 1
            gap = (rng.standard_normal(int(rng.uniform(*GAP_SECONDS) * SAMPLE_RATE)) * ROOM_TONE).astype(np.float32)
            for part, name, ref in ((piece.samples, piece.name, piece.reference), (gap, None, None)):
                part = part[: limit - position]
                if not len(part):
                    break
                if name is not None:
                    complete = len(part) == len(piece.samples)
                    timeline.append(
                        {
                            "name": name,
                            "start": position / SAMPLE_RATE,
                            "end": (position + len(part)) / SAMPLE_RATE,
                            "reference": ref if complete else None,
                        }
                    )
                put(part)
                position += len(part)
        for packet in stream.encode(None):
            out.mux(packet)
    return timeline


def word_error_rate(timeline: list[dict], segments: list[dict]) -> tuple[float | None, int]:
    """WER over the pieces whose text is known: each piece's reference against the words timed inside it."""
    words = [w for s in segments for w in s["words"]] or [
        {"start": s["start"], "end": s["end"], "word": s["text"]} for s in segments
    ]
    errors = total = 0
    for item in timeline:
        if not item["reference"]:
            continue
        hypothesis = " ".join(w["word"] for w in words if item["start"] <= (w["start"] + w["end"]) / 2 < item["end"])
        reference = _normalise_numbers(item["reference"])
        errors += word_errors(reference, _normalise_numbers(hypothesis))
        total += len(normalise(reference).split())
    return (errors / total if total else None), total


def _normalise_numbers(text: str) -> str:
    """Whisper's own English normaliser when openai-whisper is installed (spelled numbers to digits), else plain."""
    try:
        from whisper.normalizers import EnglishTextNormalizer
    except ImportError:
        return text
    return EnglishTextNormalizer()(text)


# ---------------------------------------------------------------- one measured run (in a child process)


def child(spec: dict) -> dict:
    """Transcribe spec["audio"] as spec says; report times, memory per chunk, and the segments."""
    from dataclasses import asdict

    from transcribe import engines
    from transcribe.api import Chunk, transcribe_file

    started = time.perf_counter()
    if spec.get("intra_op"):  # not a public setting: one CTranslate2 worker with all the threads
        model_dir, name = engines.resolve_model(None)
        engine = engines.FasterWhisperEngine(model_dir, name, spec["threads"], data_parallel=False)
        engines._cache[("faster-whisper", str(model_dir), spec["threads"], engines.DEFAULT_BEAM_SIZE)] = engine
    elif spec.get("no_word_times"):  # openai-whisper without its costly word timing
        from transcribe.openai_engine import OpenAIWhisperEngine

        checkpoint = Path(spec["model"]).resolve()
        engine = OpenAIWhisperEngine(checkpoint, spec.get("threads"), word_timestamps=False)
        engines._cache[("openai-whisper", str(checkpoint), spec.get("threads") or 0, 1)] = engine
    else:
        engines.load_engine(spec["engine"], spec.get("model"), spec.get("threads"), spec.get("beam"))
    loaded = time.perf_counter()
    cpu_before = time.process_time()
    chunks: list[dict] = []

    def on_chunk(chunk: Chunk, fraction: float) -> None:
        chunks.append(
            {"end": chunk.end, "fraction": fraction, "elapsed": chunk.elapsed, "eta": chunk.eta, "rss_mb": _rss_mb()}
        )

    result = transcribe_file(
        spec["audio"],
        engine=spec["engine"],
        model=spec.get("model"),
        threads=spec.get("threads"),
        beam_size=spec.get("beam"),
        on_chunk=on_chunk,
        resume_from=spec.get("resume_from", 0.0),
    )
    done = time.perf_counter()
    return {
        "load_s": loaded - started,
        "wall_s": done - loaded,
        "cpu_s": time.process_time() - cpu_before,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "chunks": chunks,
        "duration": result.duration,
        "segments": [asdict(s) for s in result.segments] if spec.get("keep_segments") else [],
        "segment_count": len(result.segments),
        "speakers": sorted({s.speaker for s in result.segments if s.speaker}),
        "warnings": result.warnings[:5],
    }


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(label: str, spec: dict, work: Path) -> dict:
    """Run ``spec`` in a fresh Python process and return its report (plus the label and audio length)."""
    out = work / f"{label.replace(' ', '_')}.json"
    cmd = [sys.executable, __file__, "--child", json.dumps(spec), "--child-out", str(out)]
    print(f"  running: {label} ...", file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    report = json.loads(out.read_text())
    report["label"] = label
    report["audio_s"] = report["duration"] - spec.get("resume_from", 0.0)
    report["rtf"] = report["audio_s"] / report["wall_s"]
    report["cpu_rtf"] = report["audio_s"] / report["cpu_s"] * _cores()
    print(
        f"    {report['rtf']:.1f}x real time, {report['wall_s']:.0f} s, peak {report['peak_rss_mb']:.0f} MB",
        file=sys.stderr,
        flush=True,
    )
    return report


def _cores() -> int:
    return len(os.sched_getaffinity(0))


# ---------------------------------------------------------------- the whole benchmark


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="length of the main meeting file")
    parser.add_argument("--hours", type=float, default=0.0, help="also check memory on a file this long (e.g. 3)")
    parser.add_argument("--trade-off-minutes", type=float, default=10.0, help="length used for the settings trade-off")
    parser.add_argument("--no-openai", action="store_true", help="skip openai-whisper even if it is installed")
    parser.add_argument("--work", type=Path, help="keep the audio and reports here (default: a temporary folder)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        Path(args.child_out).write_text(json.dumps(child(json.loads(args.child))))
        return 0

    began = time.perf_counter()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-transcribe-"))
    work.mkdir(parents=True, exist_ok=True)
    pieces = [p for p in [demo_piece(), *corpus_pieces()] if p is not None]
    if not pieces:
        print("error: no demo material and no corpus clips to build a meeting from", file=sys.stderr)
        return 1
    print(f"material: {', '.join(f'{p.name} ({len(p.samples) / SAMPLE_RATE:.0f} s)' for p in pieces)}", file=sys.stderr)
    meeting = work / f"meeting_{args.minutes:g}min.flac"
    timeline = write_meeting(meeting, pieces, args.minutes * 60)
    short = work / f"meeting_{args.trade_off_minutes:g}min.flac"
    short_timeline = write_meeting(short, pieces, args.trade_off_minutes * 60)
    speech = sum(t["end"] - t["start"] for t in timeline) / (args.minutes * 60)

    rows: list[dict] = []
    default = {"engine": "faster-whisper", "audio": str(meeting), "keep_segments": True}
    rows.append(measure("faster-whisper default (1st)", default, work))
    checkpoint = _checkpoint(work) if not args.no_openai else None
    if checkpoint:
        reference = {"engine": "openai-whisper", "model": str(checkpoint), "audio": str(meeting), "keep_segments": True}
        rows.append(measure("openai-whisper, same weights", reference, work))
    rows.append(measure("faster-whisper default (2nd)", default, work))
    if checkpoint:
        rows.append(measure("openai-whisper without word times", {**reference, "no_word_times": True}, work))
    for row in rows:
        row["wer"], row["wer_words"] = word_error_rate(timeline, row["segments"])

    trade: list[dict] = []
    for label, extra in (
        ("greedy, 1 worker per core (default)", {}),
        ("beam search 5", {"beam": 5}),
        ("greedy, 1 worker with 2 threads", {"intra_op": True, "threads": 2}),
    ):
        spec = {"engine": "faster-whisper", "audio": str(short), "keep_segments": True, **extra}
        report = measure(f"{args.trade_off_minutes:g} min: {label}", spec, work)
        report["wer"], report["wer_words"] = word_error_rate(short_timeline, report["segments"])
        trade.append(report)

    long_rows: list[dict] = []
    if args.hours:
        long_file = work / f"meeting_{args.hours:g}h.flac"
        write_meeting(long_file, pieces, args.hours * 3600)
        long_rows.append(
            measure(f"{args.hours:g} h: default", {"engine": "faster-whisper", "audio": str(long_file)}, work)
        )
        resume_at = args.hours * 3600 - 600
        long_rows.append(
            measure(
                f"{args.hours:g} h: resumed 10 min before the end",
                {"engine": "faster-whisper", "audio": str(long_file), "resume_from": resume_at},
                work,
            )
        )
        long_rows[-1]["resume_at"] = resume_at

    print(report_markdown(args, rows, trade, long_rows, speech, pieces, time.perf_counter() - began))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _checkpoint(work: Path) -> Path | None:
    try:
        import whisper  # noqa: F401
    except ImportError:
        print("note: openai-whisper is not installed; its rows are left out", file=sys.stderr)
        return None
    from transcribe.convert import convert
    from transcribe.engines import resolve_model

    path = work / "tiny.en.pt"
    convert(resolve_model(None)[0], path)
    return path


def _long_summary(args: argparse.Namespace, long_rows: list[dict], short: dict) -> list[str]:
    """Memory, progress and resume on the long file, as sentences."""
    full, resumed = long_rows
    rss = [c["rss_mb"] for c in full["chunks"]]
    third = max(1, len(rss) // 3)
    etas = [(c["eta"], full["wall_s"] - c["elapsed"]) for c in full["chunks"] if c["eta"]]
    late = etas[len(etas) // 10 :]
    eta_error = float(np.median([abs(eta - actual) / max(actual, 1.0) for eta, actual in late])) if late else None
    first = resumed["chunks"][0]
    return [
        f"{args.hours:g}-hour file: {full['rtf']:.1f}x real time, peak RSS {full['peak_rss_mb']:.0f} MB "
        f"(the {args.minutes:g}-minute file: {short['peak_rss_mb']:.0f} MB).",
        f"RSS after each of its {len(rss)} chunks: {min(rss):.0f}-{max(rss):.0f} MB; highest in the first third "
        f"{max(rss[:third]):.0f} MB, in the last third {max(rss[-third:]):.0f} MB.",
        f"Progress: {len(full['chunks'])} callbacks, fraction {full['chunks'][0]['fraction']:.2f} to "
        f"{full['chunks'][-1]['fraction']:.2f}"
        + (f"; median ETA error after the first tenth {eta_error:.0%}." if eta_error is not None else "."),
        f"Resumed at {resumed['resume_at']:.0f} s: {len(resumed['chunks'])} chunk(s), the first ending at "
        f"{first['end']:.0f} s, {resumed['wall_s']:.0f} s of work, {resumed['segment_count']} segments.",
    ]


def report_markdown(
    args: argparse.Namespace,
    rows: list[dict],
    trade: list[dict],
    long_rows: list[dict],
    speech: float,
    pieces: list[Piece],
    total_s: float,
) -> str:
    """The results as the Markdown that goes into docs/benchmarks.md."""
    lines = [
        f"Meeting: {args.minutes:g} min of {', '.join(p.name for p in pieces)} repeated, "
        f"{speech:.0%} of it speech, {GAP_SECONDS[0]:g}-{GAP_SECONDS[1]:g} s room-tone pauses between pieces; "
        f"{_cores()} cores, load average {os.getloadavg()[0]:.1f} at the end; whole run {total_s / 60:.1f} min.",
        "",
        "| run | real-time factor | wall | CPU-time factor | peak RSS | WER (words) |",
        "|---|---|---|---|---|---|",
    ]
    for row in [*rows, *trade]:
        wer = f"{row['wer']:.1%} ({row['wer_words']})" if row.get("wer") is not None else "n/a"
        lines.append(
            f"| {row['label']} | {row['rtf']:.1f}x | {row['wall_s']:.0f} s | {row['cpu_rtf']:.1f}x | "
            f"{row['peak_rss_mb']:.0f} MB | {wer} |"
        )
    defaults = [r for r in rows if r["label"].startswith("faster-whisper default")]
    reference = [r for r in rows if r["label"].startswith("openai-whisper")]
    if reference:
        mean_wall = sum(r["wall_s"] for r in defaults) / len(defaults)
        mean_cpu = sum(r["cpu_s"] for r in defaults) / len(defaults)
        lines.append("")
        for row, what in zip(reference, ("with word times, as both engines run", "without word times"), strict=False):
            lines.append(
                f"Default engine against openai-whisper {what}: **{row['wall_s'] / mean_wall:.1f}x faster** by "
                f"wall time ({row['cpu_s'] / mean_cpu:.1f}x by CPU time), against the mean of the two default runs."
            )
    if long_rows:
        lines += ["", *_long_summary(args, long_rows, defaults[0])]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
