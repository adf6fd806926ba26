"""Command-line entry points: `flask --app wsgi <command>`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from app.extensions import db


@click.command("create-user")
@with_appcontext
@click.option("--email", prompt=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--role", type=click.Choice(["clerk", "admin"]), default="clerk", show_default=True)
@click.option("--name", default=None)
def create_user_command(email: str, password: str, role: str, name: str | None) -> None:
    """Create a clerk or admin account (there is no self-registration)."""
    from app.services.accounts import AccountError, create_user

    try:
        user = create_user(email=email, password=password, role=role, name=name)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}")


@click.command("worker")
@with_appcontext
@click.option(
    "--queue",
    type=click.Choice(["audio", "documents", "all"]),
    default="all",
    show_default=True,
    help="audio: transcription; documents: PDFs and text; all: both, in this one process.",
)
@click.option("--workers", default=1, show_default=True, help="Worker threads per queue in this process.")
def worker_command(queue: str, workers: int) -> None:
    """Run the job consumer (processes uploads) until interrupted; start as many as you like."""
    import logging

    from flask import current_app

    from app.jobs import QUEUES, queues, run_worker

    selected = QUEUES if queue == "all" else (queue,)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    backend = queues[selected[0]].storage.__class__.__name__
    click.echo(f"Boardwatch worker: queue {', '.join(selected)}, {workers} thread(s) each, {backend}")
    run_worker(current_app._get_current_object(), selected, workers)  # type: ignore[attr-defined]


@click.command("extract")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="CSV: name,aliases")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def extract_command(file: Path, roster: Path | None, fmt: str) -> None:
    """Read one PDF, text, transcript JSON or audio file and print its motions (no database)."""
    from app.services.extraction import ExtractionError, extract_file

    try:
        records = extract_file(file, roster_csv=roster)
    except ExtractionError as exc:
        raise click.ClickException(str(exc)) from exc
    json.dump({"motions": [r.to_dict() for r in records]}, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the fictional demo meeting, published (safe to run again)."""
    from app.services.demo import load_demo

    summary = load_demo()
    db.session.commit()
    click.echo(summary)


@click.command("import")
@with_appcontext
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--wait/--no-wait", default=True, show_default=True, help="Process the files now, in this process.")
@click.option(
    "--readmit-withdrawn",
    is_flag=True,
    help="Add again files whose document a clerk withdrew (by default refused, saying who withdrew them and why).",
)
def import_command(folder: Path, wait: bool, readmit_withdrawn: bool) -> None:
    """Load past meetings: FOLDER holds meeting.json and its files, or is a folder of such folders.

    Each file gets its own job; a summary per meeting says what each file was, its pages or
    length, the motions found, and what failed, was refused or was already uploaded.
    """
    from app.jobs import enqueue
    from app.services import pipeline
    from app.services.import_summary import text_lines
    from app.services.importer import ImportError_, import_meeting_dir, meeting_folders

    try:
        folders = meeting_folders(folder)
    except ImportError_ as exc:
        raise click.ClickException(str(exc)) from exc
    failed = []
    for path in folders:
        try:
            summary = import_meeting_dir(path, readmit_withdrawn=readmit_withdrawn)
        except ImportError_ as exc:
            db.session.rollback()
            if len(folders) == 1:
                raise click.ClickException(str(exc)) from exc
            click.echo(f"{path.name}: not imported: {exc}", err=True)
            failed.append(path.name)
            continue
        db.session.commit()
        meeting_id = summary.meeting.id
        for job in summary.queued:
            if wait:
                click.echo(f"  reading {job.document.original_filename} ...")
                pipeline.run_job(job.id)
            else:
                enqueue(job.id)
        meeting = summary.meeting
        click.echo(f"Meeting {meeting_id}: {meeting.title} ({meeting.date}), status {meeting.status.replace('_', ' ')}")
        for line in text_lines(summary.rows()):
            click.echo(line)
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(folders)} folders were not imported: {', '.join(failed)}")


@click.command("reindex")
@with_appcontext
def reindex_command() -> None:
    """Rebuild the search index of every meeting."""
    from app.models import Meeting
    from app.services import search

    count = 0
    for meeting in db.session.scalars(select(Meeting)):
        search.reindex_meeting(meeting)
        count += 1
    db.session.commit()
    click.echo(f"Reindexed {count} meetings")


@click.command("audit-verify")
@with_appcontext
def audit_verify_command() -> None:
    """Check the audit trail's hash chain; exit 1 and name the first bad event when it is broken."""
    from app.services.audit import verify_chain

    report = verify_chain()
    if not report.ok:
        raise click.ClickException(
            f"The audit chain is broken at event {report.broken_at}: {report.problem} "
            f"({report.checked} events before it check out)."
        )
    click.echo(f"The audit chain is intact: {report.checked} events; latest hash {report.head}")


def init_app(app: Flask) -> None:
    for command in (
        create_user_command,
        worker_command,
        extract_command,
        demo_command,
        import_command,
        reindex_command,
        audit_verify_command,
    ):
        app.cli.add_command(command)
