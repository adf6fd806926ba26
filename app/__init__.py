"""Boardwatch: the public record of a police oversight board.

`create_app` only wires things up: no migrations, no network, no work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from app.config import load_config


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the Boardwatch Flask application."""
    app = Flask(__name__, instance_relative_config=True)
    instance_path = Path(app.instance_path)
    instance_path.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(load_config(instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.config["UPLOAD_FOLDER"]).mkdir(parents=True, exist_ok=True)

    from app import database, security
    from app.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    database.init_app(app)
    security.init_app(app)

    from app import cli, errors, jobs
    from app.api import cli as api_cli
    from app.api.views import bp as api_bp
    from app.auth.views import bp as auth_bp
    from app.clerk.views import bp as clerk_bp
    from app.public import feeds_views  # noqa: F401
    from app.public.views import bp as public_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(clerk_bp, url_prefix="/clerk")
    app.register_blueprint(api_bp)
    errors.init_app(app)
    cli.init_app(app)
    api_cli.init_app(app)
    jobs.init_app(app)
    return app
