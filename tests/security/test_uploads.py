"""Hostile uploads: too large, hostile filenames, a client that drops mid-upload, a disk that fills up.

The rule for each: a clear message, nothing half-written (no partial file, no row), and the
originals already stored survive.
"""

from __future__ import annotations

import datetime as dt
import errno
import gc
import hashlib
import io
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.services.storage import blob_path
from app.services.uploads import display_filename
from tests.security.conftest import log_in

MB = 1024 * 1024
# When a body is cut off or too large, Werkzeug leaves the spool file of the half-parsed part to the
# garbage collector (an already-unlinked temporary file: nothing is left on disk). The tests that cut
# bodies off collect it at once and allow that one warning.
SPOOL_LEFT_TO_GC = pytest.mark.filterwarnings("ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning")


def _multipart(files: list[tuple[bytes, bytes]], kind: str = "minutes") -> tuple[bytes, str]:
    """A multipart body as a browser sends it: raw UTF-8 filenames, quotes written %22."""
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n{kind}\r\n'.encode()]
    for name, content in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="'.encode()
            + name.replace(b'"', b"%22")
            + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


@pytest.fixture
def meeting_id(app: Flask, clerk: int) -> int:
    from app.extensions import db
    from app.models import User
    from app.services import meetings

    with app.app_context():
        user = db.session.get(User, clerk)
        body = meetings.find_or_create_body("Board of Police Commissioners", user)
        meeting = meetings.create_meeting(
            body=body, date=dt.date(2024, 3, 12), kind="regular", title="March", user=user
        )
        db.session.commit()
        return meeting.id


@pytest.fixture
def clerk_client(app: Flask, clerk: int) -> FlaskClient:
    client = app.test_client()
    log_in(client, "clerk")
    return client


def _post(client: FlaskClient, meeting_id: int, files: list[tuple[bytes, bytes]], **kwargs):
    body, content_type = _multipart(files)
    return client.post(
        f"/clerk/meetings/{meeting_id}/upload", data=body, content_type=content_type, follow_redirects=True, **kwargs
    )


def _documents(app: Flask) -> list[tuple[str, str]]:
    from app.extensions import db
    from app.models import Document

    with app.app_context():
        return [(d.original_filename, d.sha256) for d in db.session.scalars(select(Document).order_by(Document.id))]


def _files(root: Path) -> list[Path]:
    """Every file under the uploads folder, the incoming/ scratch area included."""
    return sorted(p for p in root.rglob("*") if p.is_file())


# ------------------------------------------------------------------ size limits


def test_a_request_over_the_global_limit_gets_413_naming_the_limit(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 2 * MB
    response = client.post("/login", data={"email": "x" * (3 * MB), "password": "y"})
    assert response.status_code == 413
    assert "The limit is 2 MB per request." in response.get_data(as_text=True)


@SPOOL_LEFT_TO_GC
def test_a_chunked_upload_with_no_length_is_cut_off_at_the_limit(app, clerk_client, meeting_id):
    """Without Content-Length the limit is enforced while reading, and nothing is kept."""
    app.config["MAX_MEDIA_BYTES"] = 1 * MB
    body, content_type = _multipart([(b"big.pdf", b"%PDF-" + b"0" * (2 * MB))])
    response = clerk_client.post(
        f"/clerk/meetings/{meeting_id}/upload",
        input_stream=io.BytesIO(body),
        content_type=content_type,
        environ_overrides={"wsgi.input_terminated": True},
    )
    gc.collect()
    assert response.status_code == 413
    assert "The limit is 1 MB" in response.get_data(as_text=True)
    assert _files(Path(app.config["UPLOAD_FOLDER"])) == []
    assert _documents(app) == []


# ------------------------------------------------------------------ hostile filenames

HOSTILE_NAMES = {
    b"../../../../etc/passwd": "passwd",
    b"..\\..\\windows\\win.ini": "win.ini",
    b"/etc/shadow": "shadow",
    b"minutes\x00.pdf.exe": "minutes.pdf.exe",
    "invoice\u202efdp.exe".encode(): "invoicefdp.exe",
    "a\u200bgenda\u2066.pdf".encode(): "agenda.pdf",
    b"line\r\nX-Injected: 1.pdf": "lineX-Injected: 1.pdf",
    b"..": "unnamed file",
    b".": "unnamed file",
    b"   ": "unnamed file",
}


@pytest.mark.parametrize("raw", list(HOSTILE_NAMES))
def test_display_filename_keeps_only_harmless_display_text(raw):
    assert display_filename(raw.decode()) == HOSTILE_NAMES[raw]


def test_display_filename_is_at_most_255_characters_and_normalised():
    assert len(display_filename("é" * 10_000 + ".pdf")) == 255
    assert display_filename("Cafe\u0301.pdf") == "Caf\u00e9.pdf"  # NFC: one code point, as the database compares


def test_hostile_filenames_are_stored_under_the_sha256_and_shown_harmlessly(app, clerk_client, meeting_id):
    names = [
        b"../../../../etc/passwd.pdf",
        b"minutes\x00.pdf",
        "decision\u202efdp.exe".encode(),
        b'<img src=x onerror="alert(1)">.pdf',
        ("x" * 1000 + ".pdf").encode(),
    ]
    files = [(name, _pdf(f"Document {i}")) for i, name in enumerate(names)]
    response = _post(clerk_client, meeting_id, files)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
    stored = _documents(app)
    assert len(stored) == len(names)
    root = Path(app.config["UPLOAD_FOLDER"])
    for (display, sha), (_, content) in zip(stored, files, strict=True):
        assert sha == hashlib.sha256(content).hexdigest()
        assert blob_path(root, sha).read_bytes() == content
        assert len(display) <= 255
        assert not any(ch in display for ch in "/\\\x00\u202e\r\n")
    # Nothing was written anywhere but under uploads/ab/cd/<sha256>.
    assert {p.name for p in _files(root)} == {sha for _, sha in stored}
    assert not (root.parent / "etc").exists()
    # The download names the file safely: no header injection, no path.
    from app.extensions import db
    from app.models import Document

    for _, sha in stored:
        with app.app_context():
            document_id = db.session.scalar(select(Document.id).where(Document.sha256 == sha))
        download = clerk_client.get(f"/clerk/documents/{document_id}/file")
        download.close()
        disposition = download.headers["Content-Disposition"]
        assert "\r" not in disposition and "\n" not in disposition and "/" not in disposition.split("filename")[1]


# ------------------------------------------------------------------ a client that drops


@SPOOL_LEFT_TO_GC
def test_a_client_that_drops_mid_upload_leaves_no_file_and_no_row(app, clerk_client, meeting_id):
    body, content_type = _multipart([(b"minutes.pdf", _pdf("Dropped") + b"0" * MB)])
    cut = body[: len(body) // 2]
    response = clerk_client.post(
        f"/clerk/meetings/{meeting_id}/upload",
        input_stream=io.BytesIO(cut),
        content_type=content_type,
        content_length=len(body),  # promised, never delivered
    )
    gc.collect()
    # Werkzeug reads the cut-off form as empty: the view asks for a file (to a browser that is gone).
    assert response.status_code in (302, 400)
    assert _files(Path(app.config["UPLOAD_FOLDER"])) == []
    assert _documents(app) == []
    # The meeting still takes the same file once the connection holds.
    again = _post(clerk_client, meeting_id, [(b"minutes.pdf", _pdf("Dropped") + b"0" * MB)])
    assert "Queued minutes.pdf" in again.get_data(as_text=True) or "not accepted" in again.get_data(as_text=True)
    assert len(_documents(app)) == 1


class _DropsAfter(io.RawIOBase):
    """A request body whose connection breaks after `good` bytes (what a dropped client looks like)."""

    def __init__(self, good: int) -> None:
        self._left = good

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            raise ConnectionResetError(errno.ECONNRESET, "Connection reset by peer")
        n = min(len(buffer), self._left)
        buffer[:n] = b"\0" * n
        self._left -= n
        return n


def test_storing_a_stream_that_breaks_removes_the_partial_file(tmp_path):
    from app.services.storage import store_stream

    with pytest.raises(ConnectionResetError):
        store_stream(tmp_path, io.BufferedReader(_DropsAfter(3 * MB)))
    assert _files(tmp_path) == []


# ------------------------------------------------------------------ a full disk


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB filesystem (tmpfs); needs root, as CI and the development machines have."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def _assert_disk_full_is_survived(app: Flask, client: FlaskClient, meeting_id: int, root: Path) -> None:
    first = _pdf("The first minutes.")
    assert "Queued first.pdf" in _post(client, meeting_id, [(b"first.pdf", first)]).get_data(as_text=True)
    before = {p: p.read_bytes() for p in _files(root)}
    response = _post(client, meeting_id, [(b"huge.pdf", b"%PDF-1.4\n" + os.urandom(2 * MB))])
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "huge.pdf could not be stored (No space left on device). Nothing was saved for it; try again." in page
    assert [name for name, _ in _documents(app)] == ["first.pdf"]
    assert {p: p.read_bytes() for p in _files(root)} == before  # no partial file; the earlier original intact
    from app.extensions import db
    from app.models import AuditEvent

    with app.app_context():
        uploads = select(func.count()).where(AuditEvent.action == "document.upload")
        assert db.session.scalar(uploads) == 1


def test_a_full_disk_ends_in_a_clear_message_and_nothing_lost(app, clerk_client, meeting_id, tiny_disk):
    app.config["UPLOAD_FOLDER"] = str(tiny_disk)
    _assert_disk_full_is_survived(app, clerk_client, meeting_id, tiny_disk)


def test_enospc_on_write_is_handled_the_same_way(app, clerk_client, meeting_id, monkeypatch):
    """The same check without a tmpfs: every write past 1 MB into uploads/incoming fails as a full disk would."""
    import app.services.storage as storage

    real_fdopen = os.fdopen

    class FullDisk(io.FileIO):
        written = 0

        def write(self, data) -> int:
            if FullDisk.written + len(data) > MB:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            FullDisk.written += len(data)
            return super().write(data)

    def fdopen(fd: int, mode: str = "r", *args, **kwargs):
        if mode == "wb":
            return FullDisk(fd, "wb")
        return real_fdopen(fd, mode, *args, **kwargs)

    monkeypatch.setattr(storage.os, "fdopen", fdopen)
    _assert_disk_full_is_survived(app, clerk_client, meeting_id, Path(app.config["UPLOAD_FOLDER"]))
