"""OCD VoteEvents validate against the vote event schema that pupa (the OCD scrapers) ships.

pupa's package pulls in Django and a database driver; only its schema modules are needed, so
they are loaded from their files (pupa/scrape/schemas/) without running pupa's own imports,
and checked with the validator pupa's `BaseModel.validate` builds (jsonschema Draft 3 with
"date" and "datetime" types and a format checker).
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from app.extensions import db
from app.models import Motion, Vote
from app.services import public_queries
from app.services.ocd import vote_event
from tests.public.conftest import make_meeting


def _need(package: str) -> None:
    if importlib.util.find_spec(package) is None:
        reason = f"needs {package} (dev dependency: pip install --no-deps pupa==0.11.0 opencivicdata==3.4.0)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def pupa_validator():
    _need("pupa")
    _need("opencivicdata")
    import jsonschema
    from jsonschema import Draft3Validator, FormatChecker

    package = Path(importlib.util.find_spec("pupa").submodule_search_locations[0])
    schemas = package / "scrape" / "schemas"
    spec = importlib.util.spec_from_file_location(
        "_pupa_schemas", schemas / "__init__.py", submodule_search_locations=[str(schemas)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["_pupa_schemas"] = module
    spec.loader.exec_module(module)
    schema = importlib.import_module("_pupa_schemas.vote_event").schema

    # As in pupa.scrape.base.BaseModel.validate:
    type_checker = Draft3Validator.TYPE_CHECKER.redefine(
        "datetime", lambda _c, d: isinstance(d, (dt.date, dt.datetime))
    ).redefine("date", lambda _c, d: isinstance(d, dt.date) and not isinstance(d, dt.datetime))
    validator_class = jsonschema.validators.extend(Draft3Validator, type_checker=type_checker)
    validator = validator_class(schema, format_checker=FormatChecker())

    def errors(event: dict[str, Any]) -> list[str]:
        return [str(error.message) for error in validator.iter_errors(event)]

    return errors


@pytest.fixture
def published(app: Flask):
    """A published meeting with a discipline motion (fictional names), as the public-site tests use."""
    with app.app_context():
        return make_meeting(app)


def _event(app: Flask, motion_id: int) -> dict[str, Any]:
    with app.test_request_context():
        return vote_event(public_queries.published_motion(motion_id))


def test_discipline_motion_validates(app, published, pupa_validator):
    event = _event(app, published.motion_id)
    assert pupa_validator(event) == []
    assert event["result"] == "pass"
    assert event["motion_text"].startswith("to finalize the thirty-day suspension")
    assert event["motion_classification"] == ["discipline"]
    assert event["start_date"] == "2024-03-07"
    assert event["organization"] == "Harbor City Board of Police Commissioners"
    assert event["legislative_session"] == "2024"
    assert {"option": "yes", "value": 2} in event["counts"] and {"option": "no", "value": 1} in event["counts"]
    assert sorted((v["voter_name"], v["option"]) for v in event["votes"]) == [
        ("Fairweather", "yes"),
        ("Lindqvist", "yes"),
        ("Okonkwo-Reyes", "no"),
    ]
    assert [s["url"] for s in event["sources"]] == [
        f"http://localhost/motions/{published.motion_id}",
        f"http://localhost/documents/{published.pdf_id}/file",
    ]
    assert event["extras"]["boardwatch"]["outcome"]["days"] == 30
    assert "Boardwatch, http://localhost/motions/" in event["extras"]["cite"]


def test_recused_tabled_and_wordless_motions_still_validate(app, published, pupa_validator):
    with app.app_context():
        motion = db.session.get(Motion, published.audio_motion_id)
        motion.result = "tabled"
        motion.text = "   "
        motion.recused_count = 1
        motion.votes.append(Vote(voter_name="Fairweather", option="recused"))
        db.session.commit()
    event = _event(app, published.audio_motion_id)
    assert pupa_validator(event) == []
    assert "result" not in event  # tabled has no OCD value; ours is in extras
    assert event["extras"]["boardwatch"]["result"] == "tabled"
    assert {"option": "not voting", "voter_name": "Fairweather", "note": "recused"} in event["votes"]
    assert event["counts"] == [{"option": "not voting", "value": 1}]
    assert event["motion_text"]


def test_the_validator_does_reject_bad_events(app, published, pupa_validator):
    event = _event(app, published.motion_id)
    assert pupa_validator({**event, "result": "passed"})
    assert pupa_validator({**event, "counts": [{"option": "recused", "value": 1}]})
    assert pupa_validator({**event, "sources": []})


def test_a_failed_motion_is_fail(app, pupa_validator):
    with app.app_context():
        seeded = make_meeting(app, date=dt.date(2023, 1, 5))
        db.session.get(Motion, seeded.motion_id).result = "failed"
        db.session.commit()
    event = _event(app, seeded.motion_id)
    assert event["result"] == "fail" and pupa_validator(event) == []


@pytest.mark.slow
def test_demo_motions_validate(app, pupa_validator):
    import app.demo as demo_package

    if not hasattr(demo_package, "BODY_NAME"):
        pytest.skip("the demo meeting (app/demo) is not in this tree yet")
    from app.services.demo import load_demo

    with app.app_context():
        load_demo()
        db.session.commit()
        ids = [m.id for m in db.session.query(Motion).all()]
    assert ids, "the demo meeting has no motions"
    for motion_id in ids:
        assert pupa_validator(_event(app, motion_id)) == [], motion_id
