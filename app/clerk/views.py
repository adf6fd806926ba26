"""The clerk's back office."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("clerk", __name__)
