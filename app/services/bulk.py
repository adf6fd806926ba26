"""The bulk downloads of the published record: building them, knowing when they are stale, the hook.

`rebuild()` writes `boardwatch.sqlite` (published records only; see bulk_tables.py for its
tables) and `boardwatch-csv.zip` (a CSV per table of it) into EXPORTS_FOLDER, aside first and then
moved into place. `rebuild_bulk_exports()` is the hook to call after a change to published records
is committed. Permalinks point at PUBLIC_BASE_URL when configured (see citations.py).

The names of the export rows (`export_csv`, `export_record`, `permalink`, `cite`, ...) are
re-exported here for the callers that import them from this module.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.models import Meeting, Motion
from app.models.time import utcnow
from app.services.bulk_tables import LIVE, PUBLISHED, TABLES, iso, table_columns, write_sqlite, write_zip
from app.services.citations import citation, cite, permalink, public_url
from app.services.exports import (
    EXPORT_COLUMNS,
    VOTE_EXPORT_COLUMNS,
    export_csv,
    export_record,
    export_records,
    export_rows,
)

__all__ = [
    "EXPORT_COLUMNS",
    "MANIFEST_NAME",
    "SQLITE_NAME",
    "TABLES",
    "VOTE_EXPORT_COLUMNS",
    "ZIP_NAME",
    "citation",
    "cite",
    "ensure_current",
    "export_csv",
    "export_record",
    "export_records",
    "export_rows",
    "fingerprint",
    "folder",
    "permalink",
    "public_url",
    "read_manifest",
    "rebuild",
    "rebuild_bulk_exports",
    "table_columns",
]

log = logging.getLogger(__name__)

SQLITE_NAME = "boardwatch.sqlite"
ZIP_NAME = "boardwatch-csv.zip"
MANIFEST_NAME = "manifest.json"


def folder() -> Path:
    return Path(current_app.config["EXPORTS_FOLDER"])


def fingerprint() -> list[Any]:
    """What the published record looks like, cheaply: a change here means the dumps are stale."""
    meetings = db.session.execute(select(func.count(Meeting.id), func.max(Meeting.published_at)).where(PUBLISHED))
    motions = db.session.execute(
        select(func.count(Motion.id), func.max(Motion.updated_at)).join(Motion.meeting).where(PUBLISHED, LIVE)
    )
    return [iso(v) if isinstance(v, dt.date) else v for v in (*meetings.one(), *motions.one())]


def read_manifest() -> dict[str, Any] | None:
    """The manifest of the dumps on disk, or None when they are missing or unreadable."""
    path = folder() / MANIFEST_NAME
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not all((folder() / name).is_file() for name in (SQLITE_NAME, ZIP_NAME)):
        return None
    return manifest if isinstance(manifest, dict) else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def _lock(target: Path) -> Iterator[None]:
    """One build at a time per exports folder (other processes wait their turn)."""
    with (target / ".rebuild.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def rebuild(*, only_if_stale: bool = False) -> dict[str, Any]:
    """Build both dumps aside, then move them into place; return the new manifest."""
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    with _lock(target):
        stamp = fingerprint()  # taken first: a change made during the build makes the result stale
        current = read_manifest() if only_if_stale else None
        if current is not None and current.get("fingerprint") == stamp:
            return current  # another request built them while this one waited for the lock
        for leftover in target.glob(".build-*"):  # a build killed mid-way (under the lock, none is running)
            shutil.rmtree(leftover, ignore_errors=True)
        built_at = utcnow().replace(microsecond=0).isoformat() + "Z"
        with tempfile.TemporaryDirectory(dir=target, prefix=".build-") as tmp:
            sqlite_tmp, zip_tmp = Path(tmp) / SQLITE_NAME, Path(tmp) / ZIP_NAME
            counts = write_sqlite(sqlite_tmp, built_at)
            write_zip(sqlite_tmp, zip_tmp)
            files = {
                name: {"size": path.stat().st_size, "sha256": _sha256(path)}
                for name, path in ((SQLITE_NAME, sqlite_tmp), (ZIP_NAME, zip_tmp))
            }
            manifest = {"built_at": built_at, "fingerprint": stamp, "counts": counts, "files": files}
            manifest_tmp = Path(tmp) / MANIFEST_NAME
            manifest_tmp.write_text(json.dumps(manifest, indent=2))
            os.replace(sqlite_tmp, target / SQLITE_NAME)
            os.replace(zip_tmp, target / ZIP_NAME)
            os.replace(manifest_tmp, target / MANIFEST_NAME)
    return manifest


def ensure_current() -> dict[str, Any]:
    """The manifest of up-to-date dumps, building them first when missing or stale."""
    manifest = read_manifest()
    if manifest is not None and manifest.get("fingerprint") == fingerprint():
        return manifest
    return rebuild(only_if_stale=True)


def rebuild_bulk_exports() -> None:
    """Hook: rebuild the bulk dumps after published records change (call after the commit).

    Never raises: the change is already saved, so a failed build is logged and the old files stay
    (their manifest no longer matches, so the next download request tries again).
    """
    try:
        rebuild()
    except (OSError, sqlite3.Error, SQLAlchemyError):
        log.exception("rebuilding the bulk downloads failed; the previous files are still served")
