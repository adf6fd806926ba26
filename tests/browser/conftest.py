"""A live Boardwatch server with the demo meeting loaded, and headless Chromium to drive it."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need_chromium() -> None:
    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        reason = "needs Debian's chromium (apt-get install chromium) for browser tests"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory, _template_db: str):
    """An app on a copy of the migrated database, with the demo meeting loaded."""
    from app import create_app
    from app.extensions import db
    from app.services.demo import load_demo
    from tests.conftest import TEST_DATABASE_URL, _base_config

    tmp = tmp_path_factory.mktemp("live")
    if TEST_DATABASE_URL:
        url = TEST_DATABASE_URL
    else:
        shutil.copyfile(_template_db, tmp / "boardwatch.db")
        url = f"sqlite:///{tmp / 'boardwatch.db'}"
    config = _base_config(tmp, url)
    config["WTF_CSRF_ENABLED"] = True  # the browser goes through the real forms
    app = create_app(config)
    with app.app_context():
        load_demo()
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        if TEST_DATABASE_URL:
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as conn:
                conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        db.engine.dispose()


def _closing(app: Callable) -> Callable:
    """Close every response body, even when werkzeug's development server abandons it: after a browser aborts a
    media range request, its request handler can fail while draining the socket and skip `close()`, leaving the
    audio file to the garbage collector. A generator's finaliser closes it instead. (Gunicorn, which serves
    Boardwatch in production, closes bodies in a `finally`.)"""

    def wrapped(environ: dict, start_response: Callable) -> Iterator[bytes]:
        body = app(environ, start_response)

        def chunks() -> Iterator[bytes]:
            try:
                yield from body
            finally:
                if hasattr(body, "close"):
                    body.close()

        return chunks()

    return wrapped


@pytest.fixture(scope="module")
def live_url(live_app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, _closing(live_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: docs/screenshots/ when BOARDWATCH_SCREENSHOTS=1, else the test's folder."""
    if os.environ.get("BOARDWATCH_SCREENSHOTS") == "1":
        target = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        return target
    return tmp_path
