"""Schemathesis against /api/v1/openapi.json, in process: no server errors, every response as documented.

Each operation of the document gets generated requests through the app's WSGI interface: valid
ones (some aimed at the published records' ids, so the 200 answers are checked too) and invalid
ones. Every response must match the document (status, content type, body schema), no answer
may be a 5xx, and invalid input must be rejected with a 4xx.
"""

from __future__ import annotations

from collections import defaultdict

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from tests.public.conftest import Seeded

MAX_EXAMPLES = 30


def test_api_matches_its_openapi_document(app, published: Seeded, draft: Seeded):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 13
    known = {
        "meeting_id": published.meeting_id,
        "motion_id": published.motion_id,
        "member_id": published.member_id,
        "officer_id": published.officer_id,
        "policy_id": published.policy_id,
    }
    statuses: dict[str, set[int]] = defaultdict(set)

    for operation in operations:
        strategies = [operation.as_strategy(), operation.as_strategy(GenerationMode.NEGATIVE)]
        names = {p.name for p in operation.path_parameters}
        if names:
            strategies.append(operation.as_strategy(path_parameters={n: known[n] for n in names}))

        @given(case=st.one_of(strategies))
        @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case) -> None:
            # `next` is opaque: any string fits its schema, but only tokens the API issued are accepted.
            excluded = [positive_data_acceptance] if "next" in (case.query or {}) else []
            response = case.call_and_validate(excluded_checks=excluded)
            statuses[case.operation.label].add(response.status_code)

        check()

    for operation in operations:
        assert 200 in statuses[operation.label], (operation.label, statuses[operation.label])
