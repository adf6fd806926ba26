"""Error pages for people and JSON error envelopes for API clients."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge


def _wants_json() -> bool:
    return request.path.endswith(".json") or request.path.startswith("/api/")


def _handle(error: HTTPException):
    description = error.description
    if isinstance(error, RequestEntityTooLarge):
        limit = request.max_content_length or 0
        description = f"That upload is too large. The limit is {limit // (1024 * 1024)} MB per request."
    if _wants_json():
        body = {"ok": False, "error": {"status": error.code, "title": error.name, "detail": description}}
        return jsonify(body), error.code
    return render_template("error.html", error=error, description=description), error.code


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _handle)
