"""Shared fixtures: an app with a fresh database per test, clients, users, corpus files.

The database is a temporary SQLite file migrated once per run and copied per test, or
PostgreSQL when TEST_DATABASE_URL is set (migrated once, tables emptied after each test).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
PASSWORD = "correct horse battery"


def need_corpus(relative: str) -> Path:
    """The corpus file's path; skip (or, in CI, fail) when ../shared/corpus is absent."""
    path = CORPUS / relative
    if not path.exists():
        reason = f"needs ../shared/corpus/{relative} (the shared corpus is not beside this clone)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture
def corpus_copy(tmp_path: Path):
    """Copy a corpus file into the test's own folder (the corpus is read-only)."""

    def copy(relative: str) -> Path:
        source = need_corpus(relative)
        target = tmp_path / "corpus" / source.name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        return target

    return copy


def _base_config(tmp: Path, database_url: str) -> dict[str, object]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "UPLOAD_FOLDER": str(tmp / "uploads"),
        "EXPORTS_FOLDER": str(tmp / "exports"),
        "JOBS_IMMEDIATE": True,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "PDF_TIMEOUT_SECONDS": 60,
    }


def _migrate(app: Flask) -> None:
    from flask_migrate import upgrade

    from app.extensions import db

    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()  # closes the last connection, so SQLite folds its WAL into the file


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Migrate once per run: a template SQLite file, or the PostgreSQL test database."""
    from app import create_app

    tmp = tmp_path_factory.mktemp("template")
    if TEST_DATABASE_URL:
        app = create_app(_base_config(tmp, TEST_DATABASE_URL))
        with app.app_context():
            from app.extensions import db

            with db.engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        _migrate(app)
        return TEST_DATABASE_URL
    path = tmp / "template.db"
    _migrate(create_app(_base_config(tmp, f"sqlite:///{path}")))
    return str(path)


@pytest.fixture
def app(tmp_path: Path, _template_db: str) -> Iterator[Flask]:
    from app import create_app
    from app.extensions import db

    if TEST_DATABASE_URL:
        url = TEST_DATABASE_URL
    else:
        target = tmp_path / "boardwatch.db"
        shutil.copyfile(_template_db, target)
        url = f"sqlite:///{target}"
    app = create_app(_base_config(tmp_path, url))
    yield app
    with app.app_context():
        db.session.remove()
        if TEST_DATABASE_URL:
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as conn:
                conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def clerk(app: Flask):
    """A clerk account (email clerk@example.org)."""
    from app.extensions import db
    from app.services.accounts import create_user

    with app.app_context():
        user = create_user(email="clerk@example.org", password=PASSWORD, role="clerk", name="Test Clerk")
        db.session.commit()
        return user.id


@pytest.fixture
def admin(app: Flask):
    from app.extensions import db
    from app.services.accounts import create_user

    with app.app_context():
        user = create_user(email="admin@example.org", password=PASSWORD, role="admin", name="Test Admin")
        db.session.commit()
        return user.id


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, email: str = "clerk@example.org", password: str = PASSWORD):
        return self._client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client: FlaskClient, clerk: int) -> AuthActions:
    return AuthActions(client)
