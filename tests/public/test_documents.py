"""Serving stored originals: published only, inline, with range requests for audio seeking."""

from __future__ import annotations

from app.extensions import db
from app.models import Document
from app.services.storage import blob_path


def test_document_file_is_served_inline_with_its_display_name(client, published):
    with client.get(f"/documents/{published.pdf_id}/file") as response:
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("inline")
        assert "Minutes March 7.pdf" in response.headers["Content-Disposition"]
        assert response.data.startswith(b"%PDF-1.4 fictional minutes")


def test_audio_range_request_answers_206_partial_content(client, published):
    with client.get(f"/documents/{published.audio_id}/file", headers={"Range": "bytes=100-199"}) as response:
        assert response.status_code == 206
        assert response.headers["Content-Range"].startswith("bytes 100-199/")
        assert response.data == bytes(range(100, 200))
        assert response.headers["Accept-Ranges"] == "bytes"


def test_conditional_get_answers_304(client, published):
    with client.get(f"/documents/{published.audio_id}/file") as first:
        etag = first.headers["ETag"]
    with client.get(f"/documents/{published.audio_id}/file", headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304


def test_missing_blob_answers_404(app, client, published):
    with app.app_context():
        sha = db.session.get(Document, published.pdf_id).sha256
    path = blob_path(app.config["UPLOAD_FOLDER"], sha)
    path.unlink()
    assert client.get(f"/documents/{published.pdf_id}/file").status_code == 404


def test_unexpected_types_are_offered_as_downloads(app, client, published):
    with app.app_context():
        db.session.get(Document, published.pdf_id).mime_type = "text/html"
        db.session.commit()
    with client.get(f"/documents/{published.pdf_id}/file") as response:
        assert response.status_code == 200
        assert response.mimetype == "application/octet-stream"
        assert response.headers["Content-Disposition"].startswith("attachment")
