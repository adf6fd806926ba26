"""The audit trail: hash-chained, append-only in the database, checked by verify_chain, exported as CSV."""

from __future__ import annotations

import contextlib
import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from app.extensions import db

MIGRATION = Path(__file__).resolve().parents[2] / "app" / "migrations" / "versions" / "0003_review_and_audit.py"


def _migration():
    spec = importlib.util.spec_from_file_location("migration_0003", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def triggers_off():
    """Let the test tamper with audit rows as someone with direct database access would."""
    dialect = db.session.get_bind().dialect.name
    with db.engine.begin() as conn:
        if dialect == "postgresql":
            conn.exec_driver_sql("ALTER TABLE audit_event DISABLE TRIGGER USER")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_event_no_update")
            conn.exec_driver_sql("DROP TRIGGER audit_event_no_delete")
    try:
        yield
    finally:
        db.session.rollback()
        with db.engine.begin() as conn:
            if dialect == "postgresql":
                conn.exec_driver_sql("ALTER TABLE audit_event ENABLE TRIGGER USER")
            else:
                for statement in _migration().SQLITE_TRIGGERS:
                    conn.exec_driver_sql(statement)


def _events(n: int = 3) -> list[int]:
    from app.services import audit

    ids = [
        audit.record(f"test.event{i}", "meeting", i, before={"n": i}, after={"n": i + 1, "text": "é =x"}).id
        for i in range(n)
    ]
    db.session.commit()
    return ids


def test_events_are_chained_each_to_the_one_before(app):
    from app.models import AuditEvent
    from app.models.audit import GENESIS_HASH
    from app.services import audit

    with app.app_context():
        _events(3)
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert events[0].prev_hash == GENESIS_HASH
        assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
        assert all(e.hash == e.computed_hash() for e in events)
        report = audit.verify_chain()
        assert report.ok and report.checked == 3 and report.head == events[-1].hash


def test_an_event_is_written_in_the_same_transaction_as_the_change(app):
    from app.models import AuditEvent, Body
    from app.services import audit

    with app.app_context():
        body = Body(name="Rolled back board")
        db.session.add(body)
        db.session.flush()
        audit.record("body.create", "body", body.id, after={"name": body.name})
        db.session.rollback()
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "body.create")) is None
        assert db.session.scalar(select(Body).where(Body.name == "Rolled back board")) is None


@pytest.mark.parametrize("statement", ["UPDATE audit_event SET action = 'x.forged'", "DELETE FROM audit_event"])
def test_the_database_refuses_to_change_or_delete_audit_rows(app, statement):
    from app.models import AuditEvent

    with app.app_context():
        _events(2)
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(text(statement))
            db.session.flush()
        db.session.rollback()
        assert db.session.scalar(select(db.func.count(AuditEvent.id))) == 2
        event = db.session.scalars(select(AuditEvent)).first()
        event.action = "x.forged"  # through the ORM too
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.commit()
        db.session.rollback()


def test_verify_chain_finds_an_edited_event(app):
    from app.services import audit

    with app.app_context():
        ids = _events(4)
        with triggers_off():
            db.session.execute(text("UPDATE audit_event SET record_id = 99 WHERE id = :id"), {"id": ids[2]})
            db.session.commit()
            report = audit.verify_chain()
        assert not report.ok
        assert report.broken_at == ids[2] and "edited" in report.problem and report.checked == 2


def test_verify_chain_finds_a_deleted_event(app):
    from app.services import audit

    with app.app_context():
        ids = _events(4)
        with triggers_off():
            db.session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": ids[1]})
            db.session.commit()
            report = audit.verify_chain()
        assert not report.ok
        assert report.broken_at == ids[2] and "deleted" in report.problem


def test_a_rehashed_forgery_still_breaks_the_chain_after_it(app):
    """Editing a row and recomputing its own hash is caught by the next row's prev_hash."""
    from app.models import AuditEvent
    from app.services import audit

    with app.app_context():
        ids = _events(3)
        with triggers_off():
            event = db.session.get(AuditEvent, ids[1])
            event.after = {"n": 1000}
            event.hash = event.computed_hash()
            db.session.commit()
            report = audit.verify_chain()
        assert report.broken_at == ids[2]


def test_csv_export_neutralises_formulas_and_keeps_the_hashes(app):
    from app.services import audit

    with app.app_context():
        audit.record("=cmd|' /C calc'!A0", "user", 1, after={"x": 1})
        db.session.commit()
        body = "".join(audit.csv_rows(audit.AuditFilter()))
    lines = body.splitlines()
    assert lines[0].startswith("id,at,user,action")
    assert "'=cmd" in lines[1]
    assert lines[1].count(",") >= 9


def test_filters_select_events_by_action_record_and_date(app):
    import datetime as dt

    from app.services import audit

    with app.app_context():
        _events(3)
        audit.record("meeting.publish", "meeting", 7)
        db.session.commit()
        assert [e.action for e in audit.events(audit.AuditFilter(action="meeting."))] == ["meeting.publish"]
        assert len(audit.events(audit.AuditFilter(record_type="meeting", record_id=1))) == 1
        assert audit.events(audit.AuditFilter(until=dt.date(2000, 1, 1))) == []
        latest = audit.latest_for("meeting", 7)
        assert latest is not None and latest.action == "meeting.publish"


def test_migration_chains_events_written_before_it(tmp_path):
    """Upgrading a database that already holds audit events gives them hashes that verify."""
    from flask_migrate import downgrade, upgrade

    from app import create_app
    from app.services import audit
    from tests.conftest import _base_config

    app = create_app(_base_config(tmp_path, f"sqlite:///{tmp_path / 'old.db'}"))
    with app.app_context():
        upgrade(revision="0002")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO audit_event (user_id, at, action, record_type, record_id, before, after) VALUES "
                "(NULL, '2025-01-02 03:04:05.123456', 'meeting.create', 'meeting', 1, NULL, '{\"title\": \"é\"}'), "
                "(NULL, '2025-01-02 03:04:06', 'meeting.publish', 'meeting', 1, '{\"status\": \"draft\"}', NULL)"
            )
        upgrade()
        report = audit.verify_chain()
        assert report.ok and report.checked == 2
        audit.record("after.upgrade", None, None)
        db.session.commit()
        assert audit.verify_chain().checked == 3
        db.session.remove()
        downgrade(revision="0002")
        upgrade()
        assert audit.verify_chain().ok
        db.session.remove()
        db.engine.dispose()


def test_the_audit_verify_command_reports_a_broken_chain(app, runner):
    with app.app_context():
        ids = _events(2)
    assert "The audit chain is intact: 2 events" in runner.invoke(args=["audit-verify"]).output
    with app.app_context(), triggers_off():
        db.session.execute(text("UPDATE audit_event SET action = 'x.forged' WHERE id = :id"), {"id": ids[0]})
        db.session.commit()
        result = runner.invoke(args=["audit-verify"])
    assert result.exit_code == 1 and f"broken at event {ids[0]}" in result.output


def test_writers_at_the_same_time_never_fork_the_chain(app):
    """Two requests appending at once: the chain's lock puts one after the other."""
    import threading

    from app.services import audit

    errors: list[BaseException] = []

    def write(name: str) -> None:
        try:
            with app.app_context():
                for i in range(8):
                    audit.record(f"test.{name}", "meeting", i)
                    db.session.commit()
                db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    with app.app_context():
        report = audit.verify_chain()
    assert report.ok and report.checked == 24
