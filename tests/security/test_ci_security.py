"""The CI security script: its ignore list must give a reason for every entry, and bandit's settings bite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "security"
BIN = Path(sys.executable).parent


def _ignores(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    listing = tmp_path / "ignore.txt"
    listing.write_text(text)
    env = {**os.environ, "PIP_AUDIT_IGNORE_FILE": str(listing), "BIN": str(BIN)}
    return subprocess.run(["bash", str(SCRIPT), "ignores"], capture_output=True, text=True, env=env, timeout=60)


def test_the_committed_ignore_list_is_valid():
    env = {**os.environ, "BIN": str(BIN)}
    done = subprocess.run(["bash", str(SCRIPT), "ignores"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr


def test_entries_with_reasons_become_ignore_arguments(tmp_path):
    done = _ignores(
        tmp_path,
        "# comment\n\nGHSA-2m57-hf25-phgg  only the X server is affected; never started\n"
        "PYSEC-2024-12 - the vulnerable parser is not imported anywhere\r\n",
    )
    assert done.returncode == 0, done.stderr
    assert "--ignore-vuln GHSA-2m57-hf25-phgg --ignore-vuln PYSEC-2024-12" in done.stdout


@pytest.mark.parametrize(
    "entry", ["GHSA-2m57-hf25-phgg", "GHSA-2m57-hf25-phgg   ", "PYSEC-2024-12 - fine", "CVE-2024-1 #"]
)
def test_an_entry_without_a_reason_fails(tmp_path, entry):
    done = _ignores(tmp_path, f"# ok\n{entry}\n")
    assert done.returncode == 2
    assert "line 2" in done.stderr and "has no reason" in done.stderr


@pytest.mark.parametrize("entry", ["flask  the whole package is fine really", "GHSA-bad  looks like an id but is not"])
def test_an_entry_that_is_not_an_advisory_id_fails(tmp_path, entry):
    done = _ignores(tmp_path, entry + "\n")
    assert done.returncode == 2
    assert "is not an advisory id" in done.stderr


def test_a_missing_ignore_list_fails(tmp_path):
    env = {**os.environ, "PIP_AUDIT_IGNORE_FILE": str(tmp_path / "none.txt"), "BIN": str(BIN)}
    done = subprocess.run(["bash", str(SCRIPT), "ignores"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2 and "missing" in done.stderr


def test_bandit_with_the_project_settings_reports_a_planted_shell_call(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("import subprocess\n\n\ndef run(name):\n    return subprocess.call('ls ' + name, shell=True)\n")
    done = subprocess.run(
        [str(BIN / "bandit"), "-c", str(ROOT / "pyproject.toml"), "-q", str(planted)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "B602" in done.stdout
