"""Read a PDF's text and tables without parsing it in this process.

`read_pdf` runs `app.services.pdf_worker` in a child process with an address-space limit
and a wall timeout, collects its pages as they come, and turns how it ended into a status and
a message a clerk can act on. A hostile or broken PDF can exhaust memory, loop for ever or
abort the whole process (pypdfium2 does under a memory cap): none of that reaches the web
process or the job worker. The worker also has qpdf repair a file pdfminer cannot open, and
check the structure of one it read: either way, the result says so (`repairs`, and a warning).
Nothing here imports pdfminer, pdfplumber, pikepdf, Flask or the database.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from app.parsing.tables import StitchedTable, Table, stitch_tables
from app.services.ocr import find_tesseract, ocr_hint, ocr_warnings

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HEADER_WINDOW = 1024  # readers accept up to 1024 bytes of junk before %PDF-
MAX_LINE_BYTES = 64 * 1024 * 1024  # one page's JSON; the worker caps page text far below this
EXIT_GRACE = 5.0  # seconds a worker that closed its output gets to exit
STDERR_TAIL = 4000
MEMORY_MARKERS = ("MemoryError", "bad_alloc", "out of memory", "Out of memory", "Cannot allocate memory")

__all__ = ["PageResult", "PdfReadResult", "StitchedTable", "classify_exit", "read_pdf", "sniff_pdf", "stitch_tables"]


@dataclass
class PageResult:
    number: int  # 1-based
    text: str  # "" when no text layer and OCR unavailable
    status: str  # "ok" | "ocr" (text came from OCR) | "no_text" (needs OCR) | "error"
    tables: list[Table]  # pdfplumber tables on the page (may be [])
    # Each table's top and bottom as fractions of the page height (same order as `tables`).
    table_spans: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class PdfReadResult:
    status: str  # "ok" | "no_text" | "encrypted" | "not_pdf" | "parse_error" | "timeout" | "memory" | "crashed"
    pages: list[PageResult]
    page_count: int | None
    warnings: list[str]  # clerk-readable
    message: str  # clerk-readable summary, with what to do next for failures
    # qpdf's messages (without the file's name) about the file's structural faults: what it
    # repaired before reading, or what its check of the file found. [] when none.
    repairs: list[str] = field(default_factory=list)


@dataclass
class _Outcome:
    """What the worker reported before it stopped."""

    page_count: int | None = None
    rebuilt: bool = False  # qpdf repaired the file and its repaired copy was read
    repairs: list[str] = field(default_factory=list)
    header_offset: int = 0
    pages: list[PageResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    library_warnings: list[str] = field(default_factory=list)
    failure: dict[str, Any] | None = None
    stage: tuple[int, str] | None = None
    ended: bool = False


@dataclass
class _Run:
    """How the worker was run, and how it stopped."""

    timeout: float
    memory_mb: int
    ocr: bool
    tesseract: str | None
    state: str = "interrupted"  # how reading its output stopped: "eof", "timeout", "overflow"
    returncode: int = 0
    stderr_tail: str = ""


def read_pdf(
    path: str | Path,
    *,
    timeout: float = 120,
    memory_mb: int = 1024,
    ocr: bool = True,
    on_page: Callable[[PageResult, int | None], None] | None = None,
) -> PdfReadResult:
    """Read a PDF's pages (text, tables; OCR where a page has no text layer) in a child process.

    `on_page(page, page_count)` is called as each page arrives, for progress reports. Never
    raises for a bad PDF: the status and message say what happened. Raises OSError when the
    file itself cannot be opened.
    """
    path = Path(path).resolve()
    problem = sniff_pdf(path)
    if problem is not None:
        return PdfReadResult("not_pdf", [], None, [], problem)
    run = _Run(timeout, memory_mb, ocr, find_tesseract() if ocr else None)
    outcome = _Outcome()

    def handle(event: dict[str, Any]) -> None:
        _apply(outcome, event)
        if event.get("event") == "page" and on_page is not None:
            on_page(outcome.pages[-1], outcome.page_count)

    _run_worker(path, run, handle)
    return _assemble(outcome, run)


def sniff_pdf(path: Path) -> str | None:
    """None when the file starts like a PDF; otherwise the clerk-readable reason it is not one."""
    with path.open("rb") as fh:
        head = fh.read(HEADER_WINDOW + 5)
    if not head:
        return "This file is empty (0 bytes), so it is not a PDF. Upload the PDF again."
    if b"%PDF-" in head:
        return None
    return (
        f"This file is not a PDF (it starts with {_describe_start(head)}). Upload the PDF itself; "
        "if this is a Word document or an image, save or print it as a PDF first."
    )


_SIGNATURES = (
    (b"\x89PNG", "the signature of a PNG image"),
    (b"\xff\xd8\xff", "the signature of a JPEG image"),
    (b"GIF8", "the signature of a GIF image"),
    (b"II*\x00", "the signature of a TIFF image"),
    (b"MM\x00*", "the signature of a TIFF image"),
    (b"PK\x03\x04", "the signature of a ZIP archive, as Word (.docx) and Excel (.xlsx) files do"),
    (b"\xd0\xcf\x11\xe0", "the signature of an older Word or Excel file (.doc, .xls)"),
    (b"{\\rtf", "the signature of a Rich Text (.rtf) document"),
)


def _describe_start(head: bytes) -> str:
    for magic, description in _SIGNATURES:
        if head.startswith(magic):
            return description
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "HTML: it is a web page"
    text = head[:40].decode("utf-8", "replace")
    if all(ch.isprintable() or ch in "\r\n\t" for ch in text):
        snippet = re.sub(r"\s+", " ", text).strip()
        return f'"{snippet}{"..." if len(head) > 40 else ""}"' if snippet else "blank space"
    return "the bytes " + head[:8].hex(" ")


def _run_worker(path: Path, run: _Run, handle: Callable[[dict[str, Any]], None]) -> None:
    """Run the worker, passing its events to `handle`; note in `run` how it stopped."""
    argv = [sys.executable, "-m", "app.services.pdf_worker", str(path)]
    argv += ["--memory-mb", str(run.memory_mb), "--timeout", repr(float(run.timeout))]
    if run.tesseract:
        argv += ["--tesseract", run.tesseract]
    deadline = time.monotonic() + run.timeout
    # The worker's scratch folder (a repaired copy) is removed here, even if the worker is killed.
    with tempfile.TemporaryFile() as stderr, tempfile.TemporaryDirectory(prefix="boardwatch-pdf-") as scratch:
        argv += ["--scratch", scratch]
        # Its own session, so that a timeout also stops a tesseract the worker started.
        proc = subprocess.Popen(  # nosec B603  # fixed argv of our own program, no shell
            argv,
            cwd=PROJECT_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            start_new_session=True,
        )
        assert proc.stdout is not None
        try:
            run.state = _pump(proc.stdout, deadline, handle)
        finally:
            if run.state != "eof" or not _exited(proc, EXIT_GRACE):
                _kill_group(proc.pid)
            # The worker is dead but not yet reaped, so its process group id cannot have been
            # reused: stop anything it left running (a tesseract), then reap it.
            _kill_group(proc.pid)
            proc.wait()
            proc.stdout.close()
        stderr.seek(0, os.SEEK_END)
        stderr.seek(max(0, stderr.tell() - STDERR_TAIL))
        run.stderr_tail = stderr.read().decode("utf-8", "replace")
    run.returncode = proc.returncode


def _pump(stream: IO[bytes], deadline: float, handle: Callable[[dict[str, Any]], None]) -> str:
    fd = stream.fileno()
    buffer = bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return "timeout"
            if not selector.select(left):
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return "eof"
            scan_from = len(buffer)
            buffer += chunk
            start = 0
            while (newline := buffer.find(b"\n", scan_from)) != -1:
                _dispatch(bytes(buffer[start:newline]), handle)
                start = scan_from = newline + 1
            del buffer[:start]
            if len(buffer) > MAX_LINE_BYTES:
                return "overflow"


def _dispatch(line: bytes, handle: Callable[[dict[str, Any]], None]) -> None:
    try:
        event = json.loads(line)
    except ValueError:
        return  # not ours; the protocol stream is private, so this should not happen
    if isinstance(event, dict):
        handle(event)


def _exited(proc: subprocess.Popen[bytes], grace: float) -> bool:
    """Wait up to `grace` seconds for the process to exit, without reaping it."""
    end = time.monotonic() + grace
    while True:
        try:
            if os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                return True
        except ChildProcessError:  # already reaped (SIGCHLD ignored by the host process)
            return True
        if time.monotonic() >= end:
            return False
        time.sleep(0.01)


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _apply(outcome: _Outcome, event: dict[str, Any]) -> None:
    kind = event.get("event")
    if kind == "open":
        outcome.page_count = int(event["page_count"])
        outcome.header_offset = int(event.get("header_offset", 0))
    elif kind == "page":
        spans = [(float(top), float(bottom)) for top, bottom in event.get("table_spans", [])]
        page = PageResult(int(event["number"]), str(event["text"]), str(event["status"]), event["tables"], spans)
        outcome.pages.append(page)
    elif kind == "stage":
        outcome.stage = (int(event["page"]), str(event["stage"]))
    elif kind == "warning":
        outcome.warnings.append(str(event["text"]))
    elif kind == "library_warning":
        outcome.library_warnings.append(str(event["text"]))
    elif kind in ("rebuilt", "repairs"):
        outcome.rebuilt = outcome.rebuilt or kind == "rebuilt"
        outcome.repairs = [str(r) for r in event.get("repairs", [])]
    elif kind == "failure" and not outcome.ended:  # nothing after "end" can fail the reading
        outcome.failure = event
    elif kind == "end":
        outcome.ended = True


def classify_exit(returncode: int, stderr_tail: str) -> str:
    """Classify a worker that stopped without reporting how it ended: "memory" or "crashed"."""
    if any(marker in stderr_tail for marker in MEMORY_MARKERS):
        return "memory"
    # We only send SIGKILL on a timeout, which is classified before this; otherwise it is
    # the kernel's out-of-memory killer.
    if returncode == -signal.SIGKILL:
        return "memory"
    return "crashed"


def _assemble(outcome: _Outcome, run: _Run) -> PdfReadResult:
    pages = outcome.pages
    if outcome.failure is not None:
        status = str(outcome.failure.get("kind", "parse_error"))
    elif outcome.ended:
        if pages and all(p.status == "error" for p in pages):
            status = "parse_error"
        else:
            status = "ok" if any(p.text.strip() for p in pages) else "no_text"
    elif run.state == "timeout":
        status = "timeout"
    elif run.state == "overflow":
        status = "memory"
    else:
        status = classify_exit(run.returncode, run.stderr_tail)

    warnings: list[str] = []
    if outcome.header_offset:
        warnings.append(
            f"The file has {outcome.header_offset} bytes of other data before the PDF begins; "
            "they were skipped, as PDF viewers do."
        )
    if outcome.library_warnings:
        shown = "; ".join(f'"{w}"' for w in outcome.library_warnings[:3])
        more = len(outcome.library_warnings) - 3
        warnings.append(
            f"The PDF reader reported problems with this file: {shown}{f' and {more} more' if more > 0 else ''}. "
            "Check the text against the original."
        )
    warnings.extend(outcome.warnings)
    if status != "no_text":  # otherwise the message says it
        read, unread = ([p.number for p in pages if p.status == kind] for kind in ("ocr", "no_text"))
        warnings.extend(ocr_warnings(read, unread, run.ocr, run.tesseract))
    stopped = status in ("timeout", "memory", "crashed", "parse_error", "encrypted")
    if stopped and outcome.page_count and len(pages) < outcome.page_count:
        warnings.append(
            f"Text is missing from page {len(pages) + 1} on: reading stopped there "
            f"({len(pages)} of {outcome.page_count} pages were read)."
        )
    message = _message(status, outcome, run)
    return PdfReadResult(status, pages, outcome.page_count, warnings, message, outcome.repairs)


def _message(status: str, outcome: _Outcome, run: _Run) -> str:
    pages = outcome.pages
    stopped_early = bool(pages) and outcome.page_count is not None and len(pages) < outcome.page_count
    done = f" after reading {len(pages)} of {outcome.page_count} pages" if stopped_early else ""
    failure = outcome.failure or {}
    if status == "ok":
        read = [p for p in pages if p.text.strip()]
        if len(read) == len(pages):
            return f"Read {len(pages)} {_plural(pages, 'page', 'pages')}."
        return f"Read {len(read)} of {len(pages)} {_plural(pages, 'page', 'pages')}; see the warnings for the others."
    if status == "no_text":
        if not pages:
            return "This PDF has no pages, so there is nothing to read."
        if any(p.status == "ocr" for p in pages):
            return (
                "No text was found in this PDF, even with OCR. Check that it is not blank, or enter the record by hand."
            )
        return (
            "This PDF has no text layer (it is a scan, or its letters are drawn as shapes), so no text was read: "
            f"{ocr_hint(run.ocr, run.tesseract)}."
        )
    if status == "encrypted":
        return "This PDF is password-protected; upload an unlocked copy."
    if status == "parse_error":
        if failure:
            detail = f" ({failure.get('error')}: {failure.get('detail')})" if failure.get("detail") else ""
        else:
            detail = f" (none of its {len(pages)} {_plural(pages, 'page', 'pages')} could be read)"
        if failure.get("repair_error"):
            detail += f", and repairing it failed too ({failure['repair_error']})"
        elif outcome.rebuilt:
            detail = f", even after it was repaired{detail}"
        return (
            f"This PDF is damaged and could not be read{detail}{done}. Open it in a PDF viewer, save or print it "
            "as a new PDF, and upload that copy."
        )
    if status == "timeout":
        return (
            f"Reading this PDF took longer than {run.timeout:g} seconds and was stopped{done}. Try again when the "
            "server is less busy, or split the PDF into smaller files and upload those."
        )
    if status == "memory":
        return (
            f"Reading this PDF needed more than {run.memory_mb} MB of memory and was stopped{done}. The file may be "
            "damaged or built to exhaust memory: print it to a new PDF and upload that copy, or ask an "
            "administrator to raise the limit."
        )
    code = run.returncode
    how = f"signal {_signal_name(-code)}" if code < 0 else f"exit code {code}"
    where = ""
    if outcome.stage and outcome.stage[0] == len(pages) + 1 and outcome.stage[1] == "ocr":
        where = f" while rendering page {outcome.stage[0]} for OCR (pdfium stops this way when it runs out of memory)"
    elif outcome.page_count and len(pages) < outcome.page_count:
        where = f" on page {len(pages) + 1}"
    return (
        f"The PDF reader stopped unexpectedly ({how}){where}. Try again; if it happens again, print the PDF to a "
        "new PDF and upload that copy."
    )


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def _plural(items: Sequence[object], one: str, many: str) -> str:
    return one if len(items) == 1 else many
