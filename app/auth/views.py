"""Login and logout."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("auth", __name__)


@bp.get("/login")
def login() -> str:
    return "login"
