"""Fixtures for the parser tests: the shared corpus (read-only) and PDF pages read with pdfplumber."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.parsing import PageText

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.fixture
def corpus() -> Path:
    """The shared corpus folder; skipped where it is absent (but a failure in CI)."""
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus missing at {CORPUS}")
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def pdf_pages(corpus: Path, tmp_path: Path) -> Callable[[str], list[PageText]]:
    """Read a corpus PDF page by page (from a copy: the corpus stays untouched)."""
    import pdfplumber

    def read(name: str) -> list[PageText]:
        copy = tmp_path / name
        shutil.copyfile(corpus / "pdf" / name, copy)
        with pdfplumber.open(copy) as pdf:
            return [PageText(number=i, text=page.extract_text() or "") for i, page in enumerate(pdf.pages, start=1)]

    return read
