"""OCR for PDF pages without a text layer: render with pypdfium2, read with the tesseract CLI.

Rendering and tesseract run in the PDF worker (a child process), never in the web process:
rendering a hostile PDF can abort the whole process. The reader (the parent) uses only the
wording of the warnings here. No model or data is downloaded: tesseract and its English data
come from the system packages, and a server without them marks such pages "needs OCR".
"""

from __future__ import annotations

import os
import shutil
import subprocess
from io import BytesIO
from typing import Any

OCR_DPI = 300
# A 300 dpi render of a letter page is about 8.4 million pixels; a page declared as a
# poster or a banner is rendered at a lower resolution instead of growing without bound.
MAX_PIXELS = 40_000_000
TESSERACT_TIMEOUT = 120.0


class OcrError(Exception):
    """OCR of one page failed; the message says why in words a clerk can pass on."""


def find_tesseract() -> str | None:
    """The tesseract executable on PATH, or None when OCR is not installed."""
    return shutil.which("tesseract")


def ocr_hint(ocr: bool, tesseract: str | None) -> str:
    """What a page without a text layer needs, in words for a clerk."""
    if not ocr:
        return "it needs OCR, which was not run"
    if tesseract is None:
        return "it needs OCR, and OCR (tesseract) is not installed on this server; ask an administrator to install it"
    return "OCR could not read it"


def ocr_warnings(read: list[int], unread: list[int], ocr: bool, tesseract: str | None) -> list[str]:
    """Warnings about the pages read by OCR (`read`) and those without a text layer left unread."""
    warnings: list[str] = []
    if read:
        warnings.append(
            f"{_pages_phrase(read).capitalize()} had no text layer and {'was' if len(read) == 1 else 'were'} "
            "read by OCR; check names, numbers and votes against the original."
        )
    if unread:
        warnings.append(
            f"{_pages_phrase(unread).capitalize()} {'has' if len(unread) == 1 else 'have'} no text layer: "
            f"{ocr_hint(ocr, tesseract)}."
        )
    return warnings


def _pages_phrase(numbers: list[int]) -> str:
    """Page numbers in words: "page 3", "pages 1-3 and 5"."""
    runs: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    joined = runs[0] if len(runs) == 1 else ", ".join(runs[:-1]) + " and " + runs[-1]
    return ("page " if len(numbers) == 1 else "pages ") + joined


def render_page(document: Any, index: int, *, dpi: int = OCR_DPI) -> tuple[bytes, int]:
    """Render page `index` (0-based) of a pypdfium2 document as a greyscale PGM image.

    Returns the image bytes and the resolution actually used (lower than `dpi` for huge pages).
    PGM rather than PNG: tesseract reads both, and PNG compression costs half a second a page.
    """
    page = document[index]
    try:
        width, height = page.get_size()  # points, 1/72 inch
        scale = dpi / 72
        pixels = width * scale * height * scale
        if pixels > MAX_PIXELS:
            scale *= (MAX_PIXELS / pixels) ** 0.5
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            image = bitmap.to_pil()
            buffer = BytesIO()
            image.save(buffer, format="PPM")  # greyscale: written as PGM
        finally:
            bitmap.close()
    finally:
        page.close()
    return buffer.getvalue(), max(1, round(scale * 72))


def run_tesseract(tesseract: str, image: bytes, *, dpi: int = OCR_DPI, timeout: float = TESSERACT_TIMEOUT) -> str:
    """The text tesseract reads from one image (English by default). Raises OcrError on failure."""
    env = dict(os.environ)
    # OpenMP threads make tesseract slower on small servers (measured 6.3 s vs 2.6 s a page
    # on 2 cores) and compete with the other jobs; one thread per page is the better trade.
    env.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        proc = subprocess.run(  # nosec B603  # fixed argv of our own program, no shell
            [tesseract, "stdin", "stdout", "--dpi", str(dpi)],
            input=image,
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"OCR took longer than {timeout:g} seconds and was stopped") from exc
    except OSError as exc:
        raise OcrError(f"OCR could not be started ({exc.strerror or exc})") from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"OCR failed ({detail[-1] if detail else f'exit code {proc.returncode}'})")
    # tesseract ends each page with a form feed.
    return proc.stdout.decode("utf-8", "replace").replace("\f", "").strip()
