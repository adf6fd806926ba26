"""The PDF reader: real corpus PDFs and hostile files, each read in a child process."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import pytest

from app.services.pdf_reader import PdfReadResult, classify_exit, read_pdf, stitch_tables

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
EAST_PALO_ALTO = "east_palo_alto_planning_commission_minutes_2020-01-27.pdf"
CUYAHOGA = "cuyahoga_county_board_of_health_agenda_2019-04-24.pdf"
PALMDALE = "palmdale_measure_AV_oversight_committee_agenda_2022-11-30_NO_TEXT_LAYER.pdf"
CHICAGO_SCAN = "chicago_police_board_decision_00PB2400.pdf"
SSA21 = "chicago_ssa21_lincoln_square_commission_minutes_2018-01-29.pdf"

# Measured with pdfplumber 0.11.10 / pdfminer.six 20260107 / qpdf 12.4.2 (pikepdf 10.18.0):
# (status, page count, structural errors qpdf's check finds).
CORPUS_EXPECTED = {
    "boston_licensing_board_voting_minutes_2020-07-30.pdf": ("ok", 4, 0),
    CHICAGO_SCAN: ("ok", 5, 0),
    "chicago_police_board_decision_11PB2774.pdf": ("ok", 11, 0),
    "chicago_police_board_decision_12PB2787.pdf": ("ok", 14, 0),
    SSA21: ("ok", 2, 0),
    CUYAHOGA: ("ok", 13, 5),
    EAST_PALO_ALTO: ("ok", 3, 4),
    PALMDALE: ("no_text", 3, 0),
    "rancho_palos_verdes_city_council_agenda_2022-12-06.pdf": ("ok", 8, 0),
}
# Both have linearization hint tables (an index for fast web viewing) whose offsets do not
# match the file; readers ignore or rebuild them, and the text is not affected.
HINT_TABLE_WARNING = (
    "This PDF has structural errors that readers repair or work around when opening it ({} found, e.g. its index "
    "for fast web viewing, a linearization hint table, does not match the file); the text was read, but check it "
    "against the original."
)


def corpus_pdf(name: str, folder: Path) -> Path:
    """Copy a corpus PDF into the test's own folder (the corpus is read-only); skip, or fail in CI, without it."""
    source = CORPUS / "pdf" / name
    if not source.exists():
        reason = f"needs ../shared/corpus/pdf/{name} (the shared corpus is not beside this clone)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    target = folder / name
    shutil.copyfile(source, target)
    return target


def damage_startxref(data: bytes) -> bytes:
    """The same PDF with its last startxref pointing past the end of the file."""
    at = data.rindex(b"startxref")
    return data[:at] + re.sub(rb"startxref(\s+)\d+", rb"startxref\g<1>999999", data[at:])


HELVETICA = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def minimal_pdf(
    content: bytes, stream_dict: bytes = b"", resources: bytes = b"<< >>", mediabox: bytes = b"/MediaBox [0 0 612 792]"
) -> bytes:
    """A one-page PDF with the given content stream (written by hand, classic xref table)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R %s /Contents 4 0 R /Resources %s >>" % (mediabox, resources),
        b"<< /Length %d %s>>\nstream\n" % (len(content), stream_dict) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture(scope="module")
def corpus_results(tmp_path_factory: pytest.TempPathFactory):
    """Each corpus PDF read once (without OCR), shared by the tests that only look at the result."""
    folder = tmp_path_factory.mktemp("corpus")
    cache: dict[str, tuple[PdfReadResult, float]] = {}

    def read(name: str) -> PdfReadResult:
        if name not in cache:
            path = corpus_pdf(name, folder)
            started = time.monotonic()
            cache[name] = (read_pdf(path, ocr=False), time.monotonic() - started)
        return cache[name][0]

    return read


@pytest.fixture(scope="module")
def flate_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200 KB PDF whose one content stream inflates to 192 MB of spaces."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(compressor.compress(chunk) for _ in range(192)) + compressor.flush()
    path = tmp_path_factory.mktemp("bomb") / "bomb.pdf"
    path.write_bytes(minimal_pdf(stream, b"/Filter /FlateDecode "))
    return path


# Real corpus PDFs


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_pdf_reads_with_expected_status_and_pages(corpus_results, name):
    result = corpus_results(name)
    status, page_count, faults = CORPUS_EXPECTED[name]
    assert (result.status, result.page_count, len(result.pages)) == (status, page_count, page_count)
    assert [p.number for p in result.pages] == list(range(1, page_count + 1))
    assert len(result.repairs) == faults
    assert result.warnings == ([HINT_TABLE_WARNING.format(faults)] if faults else [])
    if status == "ok":
        assert all(p.status == "ok" and p.text.strip() for p in result.pages)
        assert result.message == f"Read {page_count} pages."


@pytest.mark.corpus
def test_east_palo_alto_minutes_keep_vote_blocks_verbatim(corpus_results):
    result = corpus_results(EAST_PALO_ALTO)
    text = "\n".join(p.text for p in result.pages)
    assert "RESULT: FAILED [4-2-1-1]\nMOTION BY: Allen Fisk\nSECOND: Mendez\n" in text
    assert "NAYS: Brown, Mashack\nABSTAIN: Garcia\nABSENT: Hernandez" in text
    assert [len(p.tables) for p in result.pages] == [2, 3, 0]
    roster = result.pages[0].tables[0]
    assert roster[1][0] == "Andrei Garcia" and roster[1][6] == "Late"
    assert all(0 <= top < bottom <= 1 for p in result.pages for top, bottom in p.table_spans)
    # Vote blocks are one-column boxes: the last on page 1 and the first on page 2 stay apart.
    stitched = stitch_tables(result.pages)
    assert [t.pages for t in stitched] == [[1], [1], [2], [2], [2]]
    assert stitched[3].rows[0] == ["RESULT: FAILED [4-2-1-1]"]


@pytest.mark.corpus
def test_chicago_scan_with_ocr_text_layer_reads_its_text_layer(corpus_results):
    result = corpus_results(CHICAGO_SCAN)
    assert [p.status for p in result.pages] == ["ok"] * 5
    assert "BEFORE THE POLICE BOARD OF THE CITY OF CHICAGO" in result.pages[0].text
    assert "Crossing Guard Patricia M. Boncimino" in result.pages[0].text
    assert "DISSENT" in result.pages[4].text


@pytest.mark.corpus
def test_cuyahoga_malformed_pdf_reads_with_a_warning_about_its_repairs(corpus_results):
    # pdfminer reads it without a complaint (its xref streams resolve); qpdf's check finds the
    # structural errors, which are reported in one warning, with qpdf's messages kept.
    result = corpus_results(CUYAHOGA)
    assert (result.status, result.page_count, result.message) == ("ok", 13, "Read 13 pages.")
    assert "CUYAHOGA COUNTY BOARD OF HEALTH" in result.pages[0].text.upper()
    assert result.warnings == [HINT_TABLE_WARNING.format(5)]
    assert "repair" in result.warnings[0]
    assert "first shared object offset mismatch: hint table = 39367; computed = 39093" in result.repairs
    assert not any("/" in r or CUYAHOGA in r for r in result.repairs)  # no file path


@pytest.mark.corpus
def test_damaged_xref_table_is_repaired_with_a_warning(tmp_path):
    source = corpus_pdf(SSA21, tmp_path)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(damage_startxref(source.read_bytes()))
    result = read_pdf(damaged, ocr=False)
    assert result.status == "ok" and result.page_count == 2
    assert any("cross-reference table was damaged and was repaired" in w for w in result.warnings)
    assert "Lincoln Square" in result.pages[0].text


@pytest.mark.corpus
def test_damaged_xref_stream_is_repaired_by_qpdf_and_read(tmp_path, monkeypatch):
    # pdfminer's fallback scan only finds a classic "trailer": a file that has only xref streams
    # (cuyahoga) cannot be opened once its startxref is wrong. qpdf rebuilds it; its copy is read.
    source = corpus_pdf(CUYAHOGA, tmp_path)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(damage_startxref(source.read_bytes()))
    before = damaged.read_bytes()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = read_pdf(damaged, ocr=False)
    assert (result.status, result.page_count, len(result.pages)) == ("ok", 13, 13)
    assert "CUYAHOGA COUNTY BOARD OF HEALTH" in result.pages[0].text.upper()
    assert result.warnings == [
        "This PDF was damaged (its cross-reference table could not be read) and was repaired before reading; "
        "check the text against the original."
    ]
    assert "offset 999999: xref not found" in result.repairs
    assert damaged.read_bytes() == before  # the original is never changed
    assert list(scratch.iterdir()) == []  # the repaired copy is gone


def test_hopeless_pdf_is_a_parse_error_even_after_trying_to_repair_it(tmp_path):
    path = tmp_path / "noise.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(7).randbytes(20_000))
    result = read_pdf(path, ocr=False)
    assert (result.status, result.pages, result.page_count, result.repairs) == ("parse_error", [], None, [])
    assert result.message.startswith("This PDF is damaged and could not be read (PDFSyntaxError: ")
    assert ", and repairing it failed too (unable to find trailer dictionary while recovering damaged file)." in (
        result.message
    )
    assert result.message.endswith("save or print it as a new PDF, and upload that copy.")


@pytest.mark.corpus
def test_junk_before_the_header_is_skipped_like_pdf_viewers_do(tmp_path, corpus_results):
    source = corpus_pdf(EAST_PALO_ALTO, tmp_path)
    prefixed = tmp_path / "prefixed.pdf"
    prefixed.write_bytes(b"X" * 300 + b"\n" + source.read_bytes())
    result = read_pdf(prefixed, ocr=False)
    assert result.status == "ok" and result.page_count == 3
    assert "MOTION BY: Allen Fisk" in result.pages[1].text
    assert result.warnings == [
        "The file has 301 bytes of other data before the PDF begins; they were skipped, as PDF viewers do.",
        HINT_TABLE_WARNING.format(4),
    ]
    # qpdf skips the junk too: it finds the same faults as in the file without it.
    assert result.repairs == corpus_results(EAST_PALO_ALTO).repairs


@pytest.mark.corpus
def test_page_without_text_layer_is_marked_when_ocr_is_off(corpus_results):
    result = corpus_results(PALMDALE)
    assert result.status == "no_text"
    assert [(p.status, p.text) for p in result.pages] == [("no_text", "")] * 3
    assert "no text layer" in result.message and "needs OCR" in result.message


@pytest.mark.corpus
def test_page_without_text_layer_is_marked_when_tesseract_is_missing(tmp_path, monkeypatch):
    path = corpus_pdf(PALMDALE, tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    result = read_pdf(path, ocr=True)
    assert result.status == "no_text"
    assert [p.status for p in result.pages] == ["no_text"] * 3
    assert "OCR (tesseract) is not installed on this server" in result.message


NO_TESSERACT = shutil.which("tesseract") is None


@pytest.mark.skipif(NO_TESSERACT, reason="needs the tesseract CLI (Debian: tesseract-ocr)")
def test_scanned_page_is_read_by_ocr(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    from PIL import Image, ImageDraw, ImageFont

    scan = Image.new("L", (1500, 200), 255)
    ImageDraw.Draw(scan).text((40, 50), "MOTION BY: Commissioner Brown", fill=0, font=ImageFont.load_default(size=72))
    document = fpdf.FPDF(format=(500, 80), unit="pt")
    document.add_page()
    document.image(scan, x=0, y=0, w=500, h=66.7)
    path = tmp_path / "scan.pdf"
    document.output(str(path))
    result = read_pdf(path)
    assert (result.status, result.message) == ("ok", "Read 1 page.")
    assert [(p.status, p.text) for p in result.pages] == [("ocr", "MOTION BY: Commissioner Brown")]
    assert result.warnings == [
        "Page 1 had no text layer and was read by OCR; check names, numbers and votes against the original."
    ]


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(NO_TESSERACT, reason="needs the tesseract CLI (Debian: tesseract-ocr)")
def test_page_without_text_layer_is_read_by_ocr(tmp_path):
    result = read_pdf(corpus_pdf(PALMDALE, tmp_path), ocr=True)
    assert result.status == "ok", result.message
    assert [p.status for p in result.pages] == ["ocr"] * 3
    assert "PALMDALE" in result.pages[0].text
    assert "MEASURE AV OVERSIGHT COMMITTEE" in result.pages[0].text
    assert "NEW BUSINESS" in result.pages[2].text
    assert any("read by OCR" in w for w in result.warnings)


def test_damaged_compressed_stream_is_read_as_far_as_it_goes_with_a_warning(tmp_path):
    lines = [
        b"BT /F1 12 Tf 72 %d Td (Line %d: MOTION BY Commissioner Garcia) Tj ET" % (750 - 14 * i, i) for i in range(50)
    ]
    compressed = zlib.compress(b"\n".join(lines))
    path = tmp_path / "truncated.pdf"
    path.write_bytes(minimal_pdf(compressed[:-200], b"/Filter /FlateDecode ", HELVETICA))
    result = read_pdf(path)
    assert result.status == "ok"
    assert result.pages[0].text.startswith("Line 0: MOTION BY Commissioner Garcia\nLine 1:")
    assert "Line 49" not in result.pages[0].text
    # qpdf's check finds the same damage: it is kept in `repairs`, but not said twice.
    assert result.warnings == [
        "A compressed part of the PDF on page 1 was damaged and only partly read; text may be missing there. "
        "Check it against the original."
    ]
    assert result.repairs == ["offset 344: input stream is complete but output may still be valid"]


def test_structure_check_that_runs_too_long_is_stopped_without_failing_the_reading(tmp_path, monkeypatch):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(minimal_pdf(b"BT /F1 12 Tf 72 700 Td (SECOND: Brown) Tj ET", resources=HELVETICA))
    monkeypatch.setenv("BOARDWATCH_PDF_WORKER_FAULT", "hang@check")
    started = time.monotonic()
    result = read_pdf(path, ocr=False, timeout=4)
    # The check gets what is left of the time but a second; its alarm stops the worker.
    assert time.monotonic() - started < 3.9
    assert (result.status, result.pages[0].text, result.warnings, result.repairs) == ("ok", "SECOND: Brown", [], [])


def test_problems_pdfminer_logs_are_passed_on(tmp_path):
    path = tmp_path / "bad-operand.pdf"
    path.write_bytes(minimal_pdf(b"/x g BT /F1 12 Tf 72 700 Td (SECOND: Brown) Tj ET", resources=HELVETICA))
    result = read_pdf(path)
    assert (result.status, result.pages[0].text) == ("ok", "SECOND: Brown")
    assert result.warnings == [
        "The PDF reader reported problems with this file: \"Cannot set gray level because /'x' is an invalid float "
        'value". Check the text against the original.'
    ]


def test_built_in_exception_from_a_malformed_page_is_a_parse_error(tmp_path):
    # pdfminer defaults a missing MediaBox (and logs it); pdfplumber then fails with a bare TypeError.
    path = tmp_path / "no-mediabox.pdf"
    path.write_bytes(minimal_pdf(b"BT /F1 12 Tf 72 700 Td (SECOND: Brown) Tj ET", resources=HELVETICA, mediabox=b""))
    result = read_pdf(path)
    assert result.status == "parse_error"
    assert [(p.status, p.text) for p in result.pages] == [("error", "")]
    assert result.message.startswith("This PDF is damaged and could not be read (none of its 1 page could be read).")
    assert result.warnings[0].startswith(
        'The PDF reader reported problems with this file: "MediaBox missing from /Page'
    )
    assert result.warnings[1] == "Page 1 could not be read (TypeError: 'NoneType' object is not iterable)."
    # qpdf's check finds the same fault, and says what it may have caused.
    assert result.warnings[2] == (
        "This PDF has structural errors that readers repair or work around when opening it (1 found, e.g. its "
        "list of pages is malformed); they may be why it could not be read."
    )
    assert result.repairs == [
        "object 3 0 at offset 125: kid 0 (from 0) MediaBox is undefined; setting to letter / ANSI A"
    ]


# Files that are not PDFs


def test_zero_byte_file_is_not_a_pdf(tmp_path):
    empty = tmp_path / "minutes.pdf"
    empty.write_bytes(b"")
    result = read_pdf(empty)
    assert (result.status, result.pages, result.page_count) == ("not_pdf", [], None)
    assert result.message == "This file is empty (0 bytes), so it is not a PDF. Upload the PDF again."


@pytest.mark.parametrize(
    ("head", "says"),
    [
        (
            b"Minutes of the Police Commission, regular meeting\n",
            'it starts with "Minutes of the Police Commission, regula..."',
        ),
        (b"PK\x03\x04" + b"\x00" * 40, "ZIP archive, as Word (.docx)"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG image"),
        (b"<!DOCTYPE html><html><body>Not found</body></html>", "web page"),
    ],
)
def test_other_files_named_pdf_are_not_pdf(tmp_path, head, says):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(head)
    result = read_pdf(path)
    assert result.status == "not_pdf"
    assert result.message.startswith("This file is not a PDF (")
    assert says in result.message


def test_pdf_header_after_1024_bytes_is_not_a_pdf(tmp_path):
    path = tmp_path / "late.pdf"
    path.write_bytes(b" " * 1100 + minimal_pdf(b"BT ET"))
    assert read_pdf(path).status == "not_pdf"


def test_pdf_without_a_document_is_a_parse_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis was cut off after the header\n")
    result = read_pdf(path)
    assert result.status == "parse_error"
    assert "This PDF is damaged and could not be read" in result.message


# Encryption


def _fpdf_with_text(text: str):
    fpdf = pytest.importorskip("fpdf")
    document = fpdf.FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text=text)
    return document


@pytest.mark.parametrize("method", ["RC4", "AES_256"])
def test_password_protected_pdf_is_encrypted(tmp_path, method):
    from fpdf.enums import EncryptionMethod

    document = _fpdf_with_text("MOTION BY: Commissioner Garcia")
    document.set_encryption(owner_password="owner", user_password="secret", encryption_method=EncryptionMethod[method])
    path = tmp_path / "locked.pdf"
    document.output(str(path))
    result = read_pdf(path)
    assert (result.status, result.pages) == ("encrypted", [])
    assert result.message == "This PDF is password-protected; upload an unlocked copy."


def test_pdf_encrypted_without_an_open_password_reads(tmp_path):
    document = _fpdf_with_text("MOTION BY: Commissioner Garcia")
    document.set_encryption(owner_password="owner")
    path = tmp_path / "restricted.pdf"
    document.output(str(path))
    result = read_pdf(path)
    assert result.status == "ok"
    assert result.pages[0].text == "MOTION BY: Commissioner Garcia"


# Resource limits and crashes


def test_flate_bomb_stops_at_the_memory_limit(flate_bomb):
    started = time.monotonic()
    result = read_pdf(flate_bomb, memory_mb=128, timeout=60)
    assert time.monotonic() - started < 30
    assert result.status == "memory"
    assert result.message.startswith("Reading this PDF needed more than 128 MB of memory and was stopped.")
    assert result.warnings == ["Text is missing from page 1 on: reading stopped there (0 of 1 pages were read)."]


@pytest.mark.corpus
def test_tiny_timeout_stops_the_reader(tmp_path):
    started = time.monotonic()
    result = read_pdf(corpus_pdf(CUYAHOGA, tmp_path), timeout=0.05)
    assert time.monotonic() - started < 5
    assert result.status == "timeout"
    assert result.message.startswith("Reading this PDF took longer than 0.05 seconds and was stopped.")


@pytest.mark.corpus
def test_timeout_keeps_the_pages_read_before_it(tmp_path, monkeypatch):
    monkeypatch.setenv("BOARDWATCH_PDF_WORKER_FAULT", "hang@2")
    result = read_pdf(corpus_pdf(EAST_PALO_ALTO, tmp_path), timeout=5)
    assert result.status == "timeout"
    assert [p.number for p in result.pages] == [1]
    assert "RESULT: APPROVED [UNANIMOUS]" in result.pages[0].text
    assert "was stopped after reading 1 of 3 pages" in result.message
    assert "Text is missing from page 2 on: reading stopped there (1 of 3 pages were read)." in result.warnings


@pytest.mark.corpus
def test_worker_killed_by_a_signal_is_crashed_and_keeps_earlier_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("BOARDWATCH_PDF_WORKER_FAULT", "abort@3")
    seen: list[tuple[int, int | None]] = []
    result = read_pdf(
        corpus_pdf(EAST_PALO_ALTO, tmp_path), on_page=lambda page, count: seen.append((page.number, count))
    )
    assert result.status == "crashed"
    assert seen == [(1, 3), (2, 3)]
    assert [p.status for p in result.pages] == ["ok", "ok"]
    assert result.message.startswith("The PDF reader stopped unexpectedly (signal SIGABRT) on page 3.")
    assert "Text is missing from page 3 on: reading stopped there (2 of 3 pages were read)." in result.warnings


@pytest.mark.parametrize(
    ("returncode", "stderr", "status"),
    [
        (-signal.SIGABRT, "", "crashed"),
        (-signal.SIGSEGV, "", "crashed"),
        (-signal.SIGKILL, "", "memory"),  # not ours (we kill only on timeout): the OOM killer
        (-signal.SIGABRT, "terminate called after throwing an instance of 'std::bad_alloc'", "memory"),
        (1, "Traceback (most recent call last):\nMemoryError", "memory"),
        (1, "Traceback (most recent call last):\nImportError: no module", "crashed"),
    ],
)
def test_classify_exit(returncode, stderr, status):
    assert classify_exit(returncode, stderr) == status


def test_classify_exception_by_type_not_message():
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    from app.services.pdf_worker import classify_exception

    assert str(PDFPasswordIncorrect()) == ""
    assert classify_exception(PdfminerException(PDFPasswordIncorrect())) == "encrypted"
    assert classify_exception(PDFEncryptionError("Unknown algorithm")) == "encrypted"
    assert classify_exception(PdfminerException(MemoryError("Unable to allocate output buffer."))) == "memory"
    assert classify_exception(PdfminerException(PDFSyntaxError("No /Root object!"))) == "parse_error"
    assert classify_exception(KeyError("Kids")) == "parse_error"


def test_qpdf_messages_lose_the_file_name():
    from app.services.pdf_worker import qpdf_messages

    path = Path("/tmp/x/minutes.pdf")
    raw = [
        "WARNING: /tmp/x/minutes.pdf: page 0 has shared identifier entries",
        "/tmp/x/minutes.pdf (offset 999999): xref not found",
        "/tmp/x/minutes.pdf, object 3 0 at offset 125: kid 0 (from 0) MediaBox is undefined",
        "ERROR: page 2: /tmp/x/minutes.pdf (offset 9): unexpected )",
        "/tmp/x/minutes.pdf (offset 999999): xref not found",
    ]
    assert qpdf_messages(raw, path) == [
        "page 0 has shared identifier entries",
        "offset 999999: xref not found",
        "object 3 0 at offset 125: kid 0 (from 0) MediaBox is undefined",
        "ERROR: page 2: offset 9: unexpected )",
    ]


def test_structure_warning_gives_the_most_serious_fault_as_the_example():
    from app.services.pdf_worker import structure_warning

    hints = ["page 0 has shared identifier entries", "incorrect offset in outlines table: hint table = 5"]
    xref = "offset 999: xref not found"
    stream = "object 4 0: stream decoding error: input stream is complete but output may still be valid"
    start = "This PDF has structural errors that readers repair or work around when opening it"
    assert structure_warning([*hints, xref], 3, "ok", set()) == (
        f"{start} (3 found, e.g. its cross-reference table is damaged); the text was read, but check it against "
        "the original."
    )
    assert structure_warning(["object 7 0: unknown token"], 1, "no_text", set()) == (
        f'{start} (1 found, e.g. a structure check reported "object 7 0: unknown token"); check what was read '
        "against the original."
    )
    # A damaged stream that another warning already describes is not counted, nor given as the example.
    assert structure_warning([stream, *hints], 3, "ok", {"streams"}).startswith(
        f"{start} (2 found, e.g. its index for fast web viewing, a linearization hint table, does not match"
    )
    assert structure_warning([stream], 1, "ok", {"streams"}) is None
    assert structure_warning([], 0, "ok", set()) is None


def test_reader_does_not_load_pdf_libraries_in_the_calling_process():
    code = (
        "import sys, app.services.pdf_reader; "
        "loaded = [m for m in ('pdfplumber', 'pdfminer', 'pypdfium2', 'pikepdf') if m in sys.modules]; "
        "print(','.join(loaded))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, ""), done.stderr
