"""The child-process side of the PDF reader: `python -m app.services.pdf_worker PATH [options]`.

Reads one PDF with pdfplumber under an address-space limit and writes one JSON object per
line to the parent (see `app.services.pdf_reader`), page by page, so that what earlier pages
gave survives a later crash, timeout or memory failure.

qpdf (through pikepdf) helps in two places. When pdfminer cannot open the file at all, qpdf
opens it (it rebuilds a damaged cross-reference table, as PDF viewers do), saves a repaired
copy in the scratch folder, and that copy is read instead; the original is never changed.
After a file has been read ("end" sent), qpdf checks its structure (skipped for files over
50 MB, stopped after 20 seconds): it can add its messages and one warning, never a failure.
Events:

    {"event": "rebuilt", "repairs": ["xref not found", ...]}  (then a warning; the repaired copy is read)
    {"event": "open", "page_count": 7, "repaired": false, "header_offset": 0}
    {"event": "stage", "page": 3, "stage": "ocr"}
    {"event": "page", "number": 3, "text": "...", "status": "ok", "tables": [...], "table_spans": [...]}
    {"event": "warning", "text": "clerk-readable"}
    {"event": "library_warning", "text": "what pdfminer/pdfplumber logged"}
    {"event": "failure", "kind": "encrypted|parse_error|memory", "error": "TypeName", "detail": "...",
     "repair_error": "why qpdf could not repair it (only when it was tried)"}
    {"event": "end"}
    {"event": "repairs", "repairs": ["first shared object offset mismatch: ...", ...], "found": 5}
    {"event": "warning", "text": "This PDF has structural errors ..."}  (after "end" too)

Nothing here imports Flask or the database.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import re
import resource
import signal
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

# Tests only: "abort@N" calls os.abort() and "hang@N" sleeps forever before page N is read
# ("@check": before qpdf's structural check).
FAULT_ENV = "BOARDWATCH_PDF_WORKER_FAULT"
HEADER_WINDOW = 1024
MAX_PAGE_CHARS = 2_000_000  # a dense page holds about 5,000 characters
LIBRARY_LOGGERS = ("pdfminer", "pdfplumber", "py.warnings")
CHECK_MAX_BYTES = 50 * 1024 * 1024  # qpdf's structural check decodes every stream: skip it for larger files
CHECK_SECONDS = 20.0
MAX_REPAIRS = 50  # raw qpdf messages passed on


def classify_exception(exc: BaseException) -> str:
    """Classify an exception raised while reading a PDF: "memory", "encrypted" or "parse_error".

    By type, never by message: pdfminer's encryption errors can have an empty message, and
    pdfplumber wraps pdfminer's exceptions in its own PdfminerException (the original is in
    its args, not in __cause__).
    """
    chain = list(_exception_chain(exc))
    if any(isinstance(e, MemoryError) for e in chain):
        return "memory"
    if any(isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) for e in chain):
        return "encrypted"
    return "parse_error"


def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo.extend(a for a in current.args if isinstance(a, BaseException))
        todo.extend(e for e in (current.__cause__, current.__context__) if e is not None)


def describe_exception(exc: BaseException) -> tuple[str, str]:
    """The innermost meaningful exception's type name and message (pdfplumber's wrapper unwrapped)."""
    inner = exc
    while inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    return type(inner).__name__, str(inner)[:300]


class Channel:
    """JSON lines to the parent on a private copy of stdout.

    File descriptor 1 itself is pointed at stderr, so a library that prints cannot corrupt
    the protocol.
    """

    def __init__(self) -> None:
        sys.stdout.flush()
        self._out = os.fdopen(os.dup(1), "wb", buffering=0)
        os.dup2(2, 1)
        sys.stdout = sys.stderr

    def send(self, event: str, **fields: Any) -> None:
        line = json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n"
        self._out.write(line.encode("utf-8", "replace"))


class _LibraryLogHandler(logging.Handler):
    """Forwards each distinct warning pdfminer or pdfplumber logs (a few at most) to the parent."""

    def __init__(self, channel: Channel, limit: int = 20) -> None:
        super().__init__(level=logging.WARNING)
        self.channel = channel
        self.limit = limit
        self.seen: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()[:300]
        except Exception:  # noqa: BLE001 - a malformed log call must not stop the reading
            text = str(record.msg)[:300]
        if text in self.seen or len(self.seen) >= self.limit:
            return
        self.seen.add(text)
        self.channel.send("library_warning", text=text)


class _WindowFile(io.RawIOBase):
    """The file seen from `start` on: offsets in a PDF count from its `%PDF-` header."""

    def __init__(self, raw: BinaryIO, start: int) -> None:
        self._raw = raw
        self._start = start
        raw.seek(start)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._raw.readinto(buffer)  # type: ignore[attr-defined]

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            offset += self._start
        return self._raw.seek(offset, whence) - self._start

    def tell(self) -> int:
        return self._raw.tell() - self._start

    def close(self) -> None:
        self._raw.close()
        super().close()


def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _fault(where: int | str) -> None:
    fault = os.environ.get(FAULT_ENV, "")
    kind, _, at = fault.partition("@")
    if at != str(where):
        return
    if kind == "abort":
        os.abort()
    if kind == "hang":
        while True:
            time.sleep(60)


def _header_offset(path: Path) -> int:
    with path.open("rb") as fh:
        head = fh.read(HEADER_WINDOW + 5)
    offset = head.find(b"%PDF-")
    return max(offset, 0)


def qpdf_messages(messages: list[str], path: Path) -> list[str]:
    """qpdf's messages without the file's name ("WARNING: f.pdf (offset 9): xref not found" -> "offset 9: ...")."""
    name = re.escape(str(path))
    cleaned: list[str] = []
    for message in messages:
        # "f.pdf: ...", "f.pdf (offset 9): ...", "f.pdf, object 3 0 at offset 125: ..."
        text = re.sub(
            name + r"(?: \(([^)]*)\)|, ([^:]*))?: ", lambda m: f"{m[1] or m[2]}: " if m[1] or m[2] else "", message
        )
        text = text.replace(str(path), "the file").removeprefix("WARNING: ")[:300]
        if text not in cleaned:
            cleaned.append(text)
    return cleaned


REBUILT = (
    "This PDF was damaged (its cross-reference table could not be read) and was repaired before reading; "
    "check the text against the original."
)
XREF_FALLBACK = (
    "The PDF's cross-reference table was damaged and was repaired while reading; check the text against the original."
)
# What qpdf's messages are about, in words; a message is of the first kind whose pattern it
# matches (hint-table messages also mention cross-reference streams, so they come first).
FAULTS = {
    "hints": (
        r"lineari[sz]|hint table|shared (object|identifier)|outlines table",
        "its index for fast web viewing, a linearization hint table, does not match the file",
    ),
    "xref": (r"xref|cross-reference|trailer|reconstruct|file is damaged", "its cross-reference table is damaged"),
    "streams": (r"decod|inflat|flate|stream", "a compressed part of it is damaged"),
    "pages": (r"MediaBox|kid \d+|/Kids|pages tree", "its list of pages is malformed"),
    "content": (r"^ERROR: page \d+", "a page's drawing instructions have syntax errors"),
}
SERIOUSNESS = ("xref", "streams", "pages", "content", "other", "hints")  # the kind of fault given as the example


def fault_kind(message: str) -> str:
    return next((kind for kind, (pattern, _) in FAULTS.items() if re.search(pattern, message, re.I)), "other")


def structure_warning(repairs: list[str], found: int, status: str, covered: set[str]) -> str | None:
    """One clerk-readable warning summing up qpdf's check, or None when it found nothing new.

    `status` is how the reading went ("ok", "no_text", "parse_error"); `covered` the kinds of
    fault other warnings already describe (a damaged stream pdfminer reported itself).
    """
    examples: dict[str, str] = {}
    for message in repairs:
        examples.setdefault(fault_kind(message), message)
    kind = next((k for k in SERIOUSNESS if k in examples and k not in covered), None)
    if kind is None:
        return None
    found -= sum(1 for message in repairs if fault_kind(message) in covered)
    example = FAULTS[kind][1] if kind in FAULTS else f'a structure check reported "{examples[kind]}"'
    after = {
        "ok": "the text was read, but check it against the original",
        "parse_error": "they may be why it could not be read",
    }.get(status, "check what was read against the original")
    return (
        f"This PDF has structural errors that readers repair or work around when opening it "
        f"({found} found, e.g. {example}); {after}."
    )


class _Reader:
    def __init__(self, path: Path, channel: Channel, *, tesseract: str | None, deadline: float, scratch: Path) -> None:
        self.path = path
        self.channel = channel
        self.tesseract = tesseract
        self.deadline = deadline
        self.scratch = scratch
        self.repair_error: str | None = None  # why qpdf could not repair a file pdfminer could not open
        self._source = path  # the file being read: the original, or qpdf's repaired copy
        self._opened = False
        self._xref_fallback = False  # pdfminer rebuilt the cross-reference table itself
        self._read_pages: list[str] = []  # each page read: "text", "empty" or "error"
        self._pdfium: Any = None
        self._page = 0  # the page being read, for warnings raised from deep inside pdfminer
        self._damaged_pages: set[int] = set()

    def run(self) -> None:
        self._watch_damaged_streams()
        try:
            self._read(self.path, _header_offset(self.path))
        except Exception as exc:
            if self._opened or classify_exception(exc) != "parse_error":
                raise
            repaired = self._rebuild(exc)
            try:
                self._read(repaired, 0)
            finally:
                repaired.unlink(missing_ok=True)
            self.channel.send("end")
            return  # qpdf's repairs are reported already; its copy has no faults to check
        self.channel.send("end")
        self._check_structure()

    def _rebuild(self, error: Exception) -> Path:
        """A copy of the file that qpdf repaired, for a file pdfminer cannot open; re-raises `error` if none."""
        import pikepdf

        handle, name = tempfile.mkstemp(prefix="repaired-", suffix=".pdf", dir=self.scratch)
        os.close(handle)
        target = Path(name)
        try:
            with pikepdf.open(str(self.path)) as pdf:
                pdf.save(target)
                found = pdf.get_warnings()
        except pikepdf.PasswordError as exc:
            target.unlink(missing_ok=True)
            raise PDFPasswordIncorrect() from exc
        except Exception as exc:
            target.unlink(missing_ok=True)
            if classify_exception(exc) == "memory":
                raise
            self.repair_error = qpdf_messages([str(exc)], self.path)[0]
            raise error from None
        self.channel.send("rebuilt", repairs=qpdf_messages(found, self.path)[:MAX_REPAIRS])
        self.channel.send("warning", text=REBUILT)
        return target

    def _check_structure(self) -> None:
        """qpdf's structural check of a file that was read (qpdf --check): its messages, and a warning.

        Best effort and bounded: skipped for large files, and the process ends if it runs past
        its time (SIGALRM's default action stops it even inside qpdf). Reading is over and
        reported by then, so nothing here can change how the reading ended.
        """
        budget = min(CHECK_SECONDS, self.deadline - time.monotonic() - 1)
        try:
            if budget < 0.5 or self.path.stat().st_size > CHECK_MAX_BYTES:
                return
            import pikepdf

            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.setitimer(signal.ITIMER_REAL, budget)
            try:
                _fault("check")
                # pikepdf warns (in Python) when it lacks a decoder (jbig2dec) to test some
                # streams: a limit of the check, not a fault of the file.
                with warnings.catch_warnings(), pikepdf.open(str(self.path)) as pdf:
                    warnings.simplefilter("ignore")
                    problems = pdf.check_pdf_syntax()
            except pikepdf.PasswordError:
                return
            except pikepdf.PdfError as exc:  # qpdf cannot open what pdfminer read
                problems = [f"ERROR: {exc}"]
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if not problems:
                return
            cleaned = qpdf_messages(problems, self.path)
            self.channel.send("repairs", repairs=cleaned[:MAX_REPAIRS], found=len(cleaned))
            if self._xref_fallback:  # already warned about: one warning about the file's repairs
                return
            pages = self._read_pages
            status = "ok" if "text" in pages else "parse_error" if pages and set(pages) == {"error"} else "no_text"
            covered = {"streams"} if self._damaged_pages else set()
            warning = structure_warning(cleaned[:MAX_REPAIRS], len(cleaned), status, covered)
            if warning:
                self.channel.send("warning", text=warning)
        except BaseException:  # noqa: BLE001, S110 - the check may add a warning, never a failure
            pass

    def _read(self, path: Path, offset: int) -> None:
        import pdfplumber
        from pdfminer.pdfdocument import PDFXRefFallback
        from pdfminer.pdfpage import PDFPage
        from pdfplumber.page import Page

        self._source = path
        stream = io.BufferedReader(_WindowFile(path.open("rb", buffering=0), offset))
        try:
            pdf = pdfplumber.PDF(stream, path=self.path, raise_unicode_errors=False)
            try:
                repaired = any(isinstance(x, PDFXRefFallback) for x in pdf.doc.xrefs)
                # pdfplumber's `pdf.pages` builds every page up front, so one page with a broken
                # box would lose them all: build each page on its own instead.
                page_objs = list(PDFPage.create_pages(pdf.doc))
                self._opened = True
                self.channel.send("open", page_count=len(page_objs), repaired=repaired, header_offset=offset)
                if repaired:
                    self._xref_fallback = True
                    self.channel.send("warning", text=XREF_FALLBACK)
                doctop = 0.0
                for number, page_obj in enumerate(page_objs, start=1):
                    self._page = number
                    _fault(number)
                    try:
                        page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
                    except Exception as exc:  # noqa: BLE001 - one bad page must not lose the others
                        self._send_page(self._page_error(number, exc))
                        continue
                    doctop += page.height
                    self._send_page(self._read_page(page))
            finally:
                pdf.flush_cache()
                if self._pdfium is not None:
                    self._pdfium.close()
                    self._pdfium = None
        finally:
            stream.close()

    def _send_page(self, page: dict[str, Any]) -> None:
        self._read_pages.append("error" if page["status"] == "error" else "text" if page["text"].strip() else "empty")
        self.channel.send("page", **page)

    def _watch_damaged_streams(self) -> None:
        """Report pdfminer's silent recovery of a damaged compressed stream.

        When zlib rejects a stream, pdfminer decodes it again byte by byte and keeps what it
        got (or nothing), with no warning for a truncated stream: the text may be incomplete.
        """
        from pdfminer import pdftypes

        recover = getattr(pdftypes, "decompress_corrupted", None)
        if recover is None:
            return

        def noting(data: bytes) -> bytes:
            if self._page not in self._damaged_pages:
                self._damaged_pages.add(self._page)
                where = f"on page {self._page}" if self._page else "in the document's structure"
                self.channel.send(
                    "warning",
                    text=f"A compressed part of the PDF {where} was damaged and only partly read; "
                    "text may be missing there. Check it against the original.",
                )
            return recover(data)

        pdftypes.decompress_corrupted = noting

    def _read_page(self, page: Any) -> dict[str, Any]:
        number = page.page_number
        tables: list[Any] = []
        spans: list[list[float]] = []
        try:
            text = page.extract_text(layout=False)
        except Exception as exc:  # noqa: BLE001 - one bad page must not lose the others
            page.close()
            return self._page_error(number, exc)
        try:
            top, bottom = page.bbox[1], page.bbox[3]
            height = (bottom - top) or 1
            for table in page.find_tables():
                tables.append(table.extract())
                spans.append([round((table.bbox[1] - top) / height, 4), round((table.bbox[3] - top) / height, 4)])
        except Exception as exc:
            if classify_exception(exc) == "memory":
                raise
            tables, spans = [], []
            self.channel.send("warning", text=f"The tables on page {number} could not be read; its text was kept.")
        finally:
            page.close()
        if len(text) > MAX_PAGE_CHARS:
            text = text[:MAX_PAGE_CHARS]
            self.channel.send("warning", text=f"Page {number} holds an implausible amount of text; it was cut short.")
        status = "ok"
        if not text.strip():
            text, status = self._ocr(number)
        return {"number": number, "text": text, "status": status, "tables": tables, "table_spans": spans}

    def _page_error(self, number: int, exc: Exception) -> dict[str, Any]:
        """One page that pdfminer or pdfplumber cannot read: marked, so the others are kept."""
        if classify_exception(exc) == "memory":
            raise exc
        name, detail = describe_exception(exc)
        self.channel.send("warning", text=f"Page {number} could not be read ({name}: {detail}).")
        return {"number": number, "text": "", "status": "error", "tables": [], "table_spans": []}

    def _ocr(self, number: int) -> tuple[str, str]:
        if self.tesseract is None:
            return "", "no_text"
        from app.services import ocr

        self.channel.send("stage", page=number, stage="ocr")
        try:
            if self._pdfium is None:
                import pypdfium2

                self._pdfium = pypdfium2.PdfDocument(str(self._source))
            image, dpi = ocr.render_page(self._pdfium, number - 1)
            timeout = max(1.0, min(ocr.TESSERACT_TIMEOUT, self.deadline - time.monotonic()))
            return ocr.run_tesseract(self.tesseract, image, dpi=dpi, timeout=timeout), "ocr"
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001 - OCR is best effort: the page is marked instead
            reason = str(exc) if isinstance(exc, ocr.OcrError) else f"the page could not be rendered ({exc})"
            self.channel.send("warning", text=f"OCR of page {number} failed: {reason}; the page needs OCR.")
            return "", "no_text"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Read one PDF; JSON lines on stdout (see module docstring).")
    parser.add_argument("path", type=Path)
    parser.add_argument("--memory-mb", type=int, default=1024)
    parser.add_argument("--timeout", type=float, default=120.0, help="the parent's wall limit, to bound OCR")
    parser.add_argument("--tesseract", default=None, help="tesseract executable; OCR is off without it")
    parser.add_argument("--scratch", type=Path, default=None, help="folder for a repaired copy (default: temp)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    channel = Channel()
    handler = _LibraryLogHandler(channel)
    logging.captureWarnings(True)
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    reserve = bytearray(4 * 1024 * 1024)  # freed to report a MemoryError
    with tempfile.TemporaryDirectory(prefix="pdf-worker-", dir=args.scratch, ignore_cleanup_errors=True) as scratch:
        deadline = started + args.timeout
        reader = _Reader(args.path, channel, tesseract=args.tesseract, deadline=deadline, scratch=Path(scratch))
        try:
            _limit_memory(args.memory_mb)
            reader.run()
        except BaseException as exc:  # noqa: BLE001 - every failure is classified and reported to the parent
            del reserve
            name, detail = describe_exception(exc)
            failure: dict[str, Any] = {"kind": classify_exception(exc), "error": name, "detail": detail}
            if reader.repair_error is not None:
                failure["repair_error"] = reader.repair_error
            channel.send("failure", **failure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
