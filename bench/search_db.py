"""The database side of bench/search.py: SQLite by default, or PostgreSQL with `--database-url`."""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from app.extensions import db

_PLAIN_INSERT = re.compile(r"INSERT INTO (\w+) \(([^)]*)\) VALUES \((?:\?, )*\?\)")


class PgConnection:
    """The few sqlite3.Connection calls `build` makes, on psycopg (`?` becomes `%s`)."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))

    def executemany(self, sql: str, rows: list) -> None:
        found = _PLAIN_INSERT.fullmatch(sql)
        if found:  # only parameters: COPY, many times faster than INSERT for a million rows
            with self.conn.cursor() as cursor, cursor.copy(f"COPY {found[1]} ({found[2]}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = sql.replace("?", "%s").replace("INSERT OR IGNORE", "INSERT")
        if sql.startswith("INSERT INTO officer"):
            sql += " ON CONFLICT DO NOTHING"
        with self.conn.cursor() as cursor:
            cursor.executemany(sql, rows)

    def execute(self, sql: str):
        return self.conn.execute(sql)

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


def connect(url: str):
    """A DB-API connection for `build`: sqlite3 for a sqlite:/// URL, else psycopg."""
    if url.startswith("sqlite:///"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;")
        return conn
    conn = PgConnection(url)
    # Rows go in by table in batches, votes before some of their motions: no foreign-key checks while loading.
    conn.execute("SET session_replication_role = replica")
    conn.execute("DROP INDEX IF EXISTS ix_search_doc_tsv")  # made again after the load, as 0005 makes it
    return conn


def has_rows(app: Flask) -> bool:
    """Whether the database at the app's URL already holds a built benchmark."""
    with app.app_context():
        try:
            return bool(db.session.execute(db.text("SELECT count(*) FROM search_doc")).scalar())
        except Exception:  # noqa: BLE001 - no table yet: build it
            return False
        finally:
            db.session.remove()


def prepare(app: Flask, url: str, path: Path, build: Callable[[], dict]) -> tuple[dict, bool]:
    """Reuse the benchmark database (its probe file says what to search for) or migrate and build it.

    Returns the probe and whether it was built now. On PostgreSQL its schema is dropped first.
    """
    postgres = not url.startswith("sqlite:///")
    if postgres:
        probe_path = Path(tempfile.gettempdir()) / f"boardwatch-bench-{url.rsplit('/', 1)[-1]}.probe"
        exists = probe_path.exists() and has_rows(app)
    else:
        probe_path, exists = path.with_suffix(".probe"), path.exists()
    if exists:
        lines = probe_path.read_text().splitlines()
        return {"officers": lines[0].split("|"), "members": lines[1].split("|")}, False
    from flask_migrate import upgrade

    with app.app_context():
        if postgres:
            with db.engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        upgrade()
        db.session.remove()
        db.engine.dispose()
    probe = build()
    probe_path.write_text("\n".join(["|".join(probe["officers"]), "|".join(probe["members"])]))
    return probe, True


def describe(path: Path | None) -> str:
    """The database engine and version (and, for SQLite, the file's size); call in an app context."""
    if path is None:
        return f"PostgreSQL {db.session.execute(db.text('SHOW server_version')).scalar()}"
    version = db.session.execute(db.text("SELECT sqlite_version()")).scalar()
    return f"SQLite {version}, {path.stat().st_size / 1e6:.0f} MB"
