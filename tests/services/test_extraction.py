"""`flask --app wsgi extract FILE --format json`: the whole reading pipeline on a PDF, a text file, caption
JSON, Council Data Project JSON and an audio clip, in a subprocess (as a clerk would run it) and through
the app's CLI runner; each prints {"motions": [...]} in the motion record contract's shape."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskCliRunner

from app.parsing.records import CLASSIFICATIONS, RESULTS, VOTE_OPTIONS
from app.services.extraction import ExtractionError, read_document, transcript_segments

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "parsing" / "fixtures"
EPA = "pdf/east_palo_alto_planning_commission_minutes_2020-01-27.pdf"
SANTA_ANA = "text/santa_ana_city_council_minutes_2024-02-20_ocr.txt"
CAPTIONS = "transcripts/minneapolis_public_health_safety_committee_2025-03-19_captions.json"
CDP = "transcripts/cdp_seattle_council_special_meeting_whisper_transcript.json"
SEATTLE_AUDIO = "audio/seattle_city_council_briefing_clip_0.wav"
MOTION_KEYS = {
    "agenda_item", "text", "classification", "mover", "seconder", "result", "counts", "votes", "officers",
    "policies", "outcome", "source", "evidence", "confidence", "review", "flags",
}  # fmt: skip


def check_shape(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The motions of an extract payload, each checked against the contract."""
    assert set(payload) == {"motions"}
    for motion in payload["motions"]:
        assert MOTION_KEYS <= set(motion)
        assert motion["result"] in RESULTS and motion["classification"] in CLASSIFICATIONS
        assert set(motion["counts"]) == set(VOTE_OPTIONS)
        assert all(v is None or isinstance(v, int) for v in motion["counts"].values())
        assert all(set(v) == {"voter", "option"} and v["option"] in VOTE_OPTIONS for v in motion["votes"])
        assert all(set(o) == {"name", "rank", "badge"} for o in motion["officers"])
        assert all(set(p) == {"code", "title"} for p in motion["policies"])
        assert {"kind", "days", "paid", "text"} == set(motion["outcome"])
        source = motion["source"]
        assert len(source["document"]) == 64
        assert set(source) in ({"document", "page"}, {"document", "start", "end"})
        assert 0.0 <= motion["confidence"] <= 1.0 and motion["review"] == "machine"
        assert isinstance(motion["evidence"], str) and motion["evidence"]
    return payload["motions"]


def run_extract(path: Path, tmp_path: Path, *extra: str) -> dict[str, Any]:
    """`flask --app wsgi extract` in a subprocess, with its database and files kept in tmp_path."""
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'extract.db'}",
        "BOARDWATCH_UPLOADS": str(tmp_path / "uploads"),
        "BOARDWATCH_EXPORTS": str(tmp_path / "exports"),
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi", "extract", str(path), "--format", "json", *extra]
    done = subprocess.run(flask, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.corpus
def test_pdf_minutes_in_a_subprocess(corpus_copy: Callable[[str], Path], tmp_path: Path) -> None:
    motions = check_shape(run_extract(corpus_copy(EPA), tmp_path))
    assert [m["result"] for m in motions] == ["passed", "passed", "failed", "passed"]
    assert [m["source"]["page"] for m in motions] == [1, 2, 2, 2]
    assert motions[2]["counts"] == {"yes": 4, "no": 2, "abstain": 1, "absent": 1, "excused": 0, "recused": 0}


@pytest.mark.corpus
def test_text_minutes_in_a_subprocess(corpus_copy: Callable[[str], Path], tmp_path: Path) -> None:
    motions = check_shape(run_extract(corpus_copy(SANTA_ANA), tmp_path))
    assert len(motions) == 13 and sum(m["result"] == "passed" for m in motions) == 12


@pytest.mark.corpus
def test_caption_json_in_a_subprocess(corpus_copy: Callable[[str], Path], tmp_path: Path) -> None:
    motions = check_shape(run_extract(corpus_copy(CAPTIONS), tmp_path))
    assert len(motions) == 4 and all(m["source"]["start"] < m["source"]["end"] for m in motions)


@pytest.mark.corpus
def test_cdp_json_through_the_cli_runner(corpus_copy: Callable[[str], Path], runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["extract", str(corpus_copy(CDP)), "--format", "json"])
    assert result.exit_code == 0, result.output
    [motion] = check_shape(json.loads(result.output))
    assert motion["result"] == "passed" and motion["source"]["start"] == pytest.approx(61.2, abs=0.1)


@pytest.mark.corpus
def test_pdf_and_text_through_the_cli_runner(corpus_copy: Callable[[str], Path], runner: FlaskCliRunner) -> None:
    for relative, count in ((EPA, 4), (SANTA_ANA, 13)):
        result = runner.invoke(args=["extract", str(corpus_copy(relative))])
        assert result.exit_code == 0, result.output
        assert len(check_shape(json.loads(result.output))) == count


@pytest.mark.corpus
@pytest.mark.slow
def test_audio_clip_is_transcribed_then_read(corpus_copy: Callable[[str], Path], tmp_path: Path) -> None:
    # ~31 s of a council briefing: a call to order and a roll call, no motion.
    clip = corpus_copy(SEATTLE_AUDIO)
    assert check_shape(run_extract(clip, tmp_path)) == []
    segments = read_document(clip).segments
    assert segments and any("roll" in s.text.lower() for s in segments)


@pytest.mark.slow
def test_audio_through_the_cli_runner(corpus_copy: Callable[[str], Path], runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["extract", str(corpus_copy(SEATTLE_AUDIO))])
    assert result.exit_code == 0, result.output
    assert check_shape(json.loads(result.output)) == []


def test_roster_resolves_caption_misspellings(runner: FlaskCliRunner, tmp_path: Path) -> None:
    captions = shutil.copyfile(FIXTURES / "granite_falls_oversight_captions.txt", tmp_path / "captions.txt")
    roster = shutil.copyfile(FIXTURES / "granite_falls_roster.csv", tmp_path / "roster.csv")
    result = runner.invoke(args=["extract", str(captions), "--roster", str(roster)])
    assert result.exit_code == 0, result.output
    audit = check_shape(json.loads(result.output))[1]
    assert (audit["mover"], audit["seconder"]) == ("Tobi Oyelaran", "Lucien Devereaux")
    assert {"voter": "Margaret Pressley", "option": "yes"} in audit["votes"]


def test_our_transcript_json_and_bracketed_text_transcripts(runner: FlaskCliRunner, tmp_path: Path) -> None:
    for name in ("civilian_board_whisper_transcript.json", "northfield_review_board_transcript.txt"):
        path = shutil.copyfile(FIXTURES / name, tmp_path / name)
        result = runner.invoke(args=["extract", str(path)])
        assert result.exit_code == 0, result.output
        assert all("start" in m["source"] for m in check_shape(json.loads(result.output)))


def test_unreadable_input_says_what_is_wrong(runner: FlaskCliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"segments": [', encoding="utf-8")
    result = runner.invoke(args=["extract", str(broken)])
    assert result.exit_code != 0 and "does not parse" in result.output
    with pytest.raises(ExtractionError, match="Unrecognised transcript JSON"):
        transcript_segments('{"rows": [1, 2]}')
    assert transcript_segments('{"segments": []}') == []
