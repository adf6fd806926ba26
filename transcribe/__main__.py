"""Command line: ``python -m transcribe AUDIO [--engine ...] [--model NAME|PATH] [--format json|txt|vtt|srt]``.

The transcript goes to stdout; warnings and errors go to stderr, progress too when stderr is a terminal.
Exit status: 0 done, 1 the file or model could not be used, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from transcribe.api import Chunk, transcribe_file
from transcribe.audio import clock
from transcribe.engines import DEFAULT_ENGINE, ENGINES
from transcribe.errors import AudioError
from transcribe.formats import FORMATS, render


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (separate so its help can be tested)."""
    parser = argparse.ArgumentParser(prog="python -m transcribe", description="Transcribe one audio or video file.")
    parser.add_argument("audio", metavar="AUDIO", help="audio or video file to transcribe")
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE, help="speech-to-text engine")
    parser.add_argument(
        "--model",
        metavar="NAME|PATH",
        default=None,
        help="faster-whisper: model name or CTranslate2 model directory (default tiny.en); "
        "openai-whisper: checkpoint file (.pt), see python -m transcribe.convert",
    )
    parser.add_argument("--format", choices=FORMATS, default="txt", help="output format (default txt)")
    parser.add_argument(
        "--beam-size",
        type=_positive_int,
        default=None,
        metavar="N",
        help="beam search width (default: greedy, the fastest; 5 is slower and a little more accurate)",
    )
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    args = build_parser().parse_args(argv)
    audio = Path(args.audio)
    if not audio.is_file():
        print(f"error: {audio} does not exist or is not a file.", file=sys.stderr)
        return 1
    on_chunk = _show_progress if sys.stderr.isatty() else None
    try:
        result = transcribe_file(
            audio, engine=args.engine, model=args.model, on_chunk=on_chunk, beam_size=args.beam_size
        )
    except AudioError as exc:
        if on_chunk:
            print(file=sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    if on_chunk:
        print(file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    sys.stdout.write(render(result, args.format))
    return 0


def _show_progress(chunk: Chunk, fraction: float) -> None:
    """One line, rewritten in place: a bar, how far, and the time left at the speed so far."""
    filled = round(fraction * 20)
    left = f", about {clock(chunk.eta)} left" if chunk.eta else ""
    line = f"\r[{'#' * filled}{'.' * (20 - filled)}] transcribed to {clock(chunk.end)} ({fraction:.0%}){left}"
    print(f"{line:<72}", end="", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
