"""`flask --app wsgi rebuild-downloads`: rebuild the bulk dumps of the published record."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext


@click.command("rebuild-downloads")
@click.option(
    "--base-url",
    envvar="BOARDWATCH_PUBLIC_URL",
    default=None,
    help="Public address of the site, for the permalinks in the dumps (default: PUBLIC_BASE_URL, else localhost).",
)
@with_appcontext
def rebuild_downloads_command(base_url: str | None) -> None:
    """Rebuild boardwatch.sqlite and boardwatch-csv.zip in EXPORTS_FOLDER from published records."""
    from app.services import bulk

    if base_url:
        current_app.config["PUBLIC_BASE_URL"] = base_url
    manifest = bulk.rebuild()
    counts = manifest["counts"]
    click.echo(
        f"Rebuilt {bulk.SQLITE_NAME} and {bulk.ZIP_NAME} in {bulk.folder()}: "
        f"{counts['meetings']} meetings, {counts['motions']} motions, {counts['votes']} votes."
    )


def init_app(app: Flask) -> None:
    app.cli.add_command(rebuild_downloads_command)
