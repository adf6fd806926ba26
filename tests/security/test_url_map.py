"""Walk the whole URL map as anonymous, clerk and admin, and check every route against a declared policy.

Every endpoint must be classified below: a new route fails `test_every_route_is_classified` until
someone decides who may use it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy import func, select
from werkzeug.routing import Rule

from tests.security.conftest import ROLES, Site, log_in

PUBLIC, AUTH, CLERK, ADMIN = "public", "auth", "clerk", "admin"
# Who may use each endpoint: anyone; any logged-in account; clerks and admins; admins only.
POLICY: dict[str, str] = {
    "static": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
    "auth.change_password": AUTH,
    **dict.fromkeys(
        [
            "public.home",
            "public.search",
            "public.search_json",
            "public.search_csv",
            "public.search_atom",
            "public.meetings",
            "public.meetings_json",
            "public.meetings_csv",
            "public.meeting",
            "public.meeting_json",
            "public.meeting_csv",
            "public.motion",
            "public.motion_json",
            "public.motion_ocd",
            "public.officer",
            "public.officer_json",
            "public.officer_csv",
            "public.officer_atom",
            "public.policy",
            "public.policy_json",
            "public.policy_csv",
            "public.policy_atom",
            "public.member",
            "public.member_json",
            "public.member_csv",
            "public.member_atom",
            "public.outcomes",
            "public.outcomes_json",
            "public.outcomes_csv",
            "public.document_file",
            "public.captions",
            "public.downloads",
            "public.download_file",
        ],
        PUBLIC,
    ),
    **dict.fromkeys(
        [
            "api.index",
            "api.openapi_json",
            "api.meetings",
            "api.meeting",
            "api.members",
            "api.member",
            "api.member_votes",
            "api.motions",
            "api.motion",
            "api.motion_votes",
            "api.officers",
            "api.officer",
            "api.policies",
            "api.policy",
            "api.search_motions",
        ],
        PUBLIC,
    ),
    **dict.fromkeys(
        [
            "clerk.dashboard",
            "clerk.new_meeting",
            "clerk.meeting",
            "clerk.meeting_status",
            "clerk.upload",
            "clerk.retry",
            "clerk.job_json",
            "clerk.review_meeting",
            "clerk.add_motion",
            "clerk.add_agenda_item",
            "clerk.save_motion",
            "clerk.verify_motion",
            "clerk.delete_motion",
            "clerk.split_motion",
            "clerk.merge_motion",
            "clerk.document_file",
            "clerk.document_text",
            "clerk.withdraw",
            "clerk.redact_page",
            "clerk.redact_segment",
            "clerk.reconcile_meeting",
            "clerk.settle",
            "clerk.keep_single",
            "clerk.accept_agreeing",
            "clerk.bodies",
            "clerk.roster",
            "clerk.officers",
            "clerk.save_officer",
            "clerk.merge_officers",
            "clerk.policies",
            "clerk.save_policy",
            "clerk.merge_policies",
        ],
        CLERK,
    ),
    **dict.fromkeys(
        [
            "clerk.users",
            "clerk.create_user",
            "clerk.change_role",
            "clerk.change_active",
            "clerk.reset_password",
            "clerk.audit_log",
            "clerk.audit_csv",
            "clerk.verify",
        ],
        ADMIN,
    ),
}
# Where one method of a route needs more than the others: clerks read the roster, admins change it.
METHOD_POLICY: dict[tuple[str, str], str] = {("clerk.roster", "POST"): ADMIN}
ALLOWED = {PUBLIC: set(ROLES), AUTH: {"clerk", "admin"}, CLERK: {"clerk", "admin"}, ADMIN: {"admin"}}
# Routes that end the session run last, so the walk keeps its login until the end; logging out
# sends everyone to the login page, which is its answer and no refusal.
LAST = {"auth.logout"}
# Reads that need a query to mean anything.
QUERY = {"api.search_motions": "q=suspension"}
# Reads that send a logged-in user on (the login page, to the back office).
REDIRECT_WHEN_LOGGED_IN = {"auth.login"}


@dataclass
class Call:
    endpoint: str
    method: str
    url: str


def _calls(app: Flask, site: Site) -> list[Call]:
    """Every (rule, method) of the URL map, built with sample values; reads first, then writes, logout last."""
    adapter = app.url_map.bind("localhost")
    calls = []
    rule: Rule
    for rule in app.url_map.iter_rules():
        missing = set(rule.arguments) - set(site.values)
        assert not missing, f"{rule.rule}: add a sample value for {sorted(missing)} to the `site` fixture"
        url = adapter.build(rule.endpoint, {name: site.values[name] for name in rule.arguments})
        if rule.endpoint in QUERY:
            url += "?" + QUERY[rule.endpoint]
        calls += [Call(rule.endpoint, method, url) for method in sorted(rule.methods or ())]
    order = {"GET": 0, "HEAD": 0, "OPTIONS": 0, "POST": 1, "PUT": 1, "PATCH": 1, "DELETE": 1}
    return sorted(calls, key=lambda c: (c.endpoint in LAST, order[c.method]))


def _to_login(response) -> bool:
    return response.status_code == 302 and response.headers.get("Location", "").startswith("/login")


def _problem(call: Call, role: str, response) -> str | None:
    """What is wrong with this answer to this role, or None."""
    status = response.status_code
    if status >= 500:
        return "server error"
    policy = METHOD_POLICY.get((call.endpoint, call.method), POLICY[call.endpoint])
    if call.method == "OPTIONS":
        # Flask answers OPTIONS itself with only an Allow header: nothing of the view may leak.
        if status == 200 and not response.data:
            return None
        return None if role not in ALLOWED[policy] and _to_login(response) else "OPTIONS answered with content"
    if role in ALLOWED[policy]:
        if status in (401, 403, 405) or (_to_login(response) and call.endpoint not in LAST):
            return "refused to a role the policy allows"
        redirected = status == 302 and role != "anonymous" and call.endpoint in REDIRECT_WHEN_LOGGED_IN
        if call.method in ("GET", "HEAD") and status != 200 and not redirected:
            return "a read with real sample values did not answer 200"
        return None
    if role == "anonymous":
        return None if (_to_login(response) or status in (401, 403, 404)) else "anonymous was not refused"
    return None if status == 403 else "a clerk reached an admin route"


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    unclassified = sorted(endpoints - set(POLICY))
    assert not unclassified, f"classify these routes in POLICY (public, auth, clerk or admin): {unclassified}"
    assert not sorted(set(POLICY) - endpoints), "POLICY names routes that no longer exist"


def test_the_walk_covers_every_method_of_every_rule(app, site):
    calls = _calls(app, site)
    pairs = {(c.endpoint, c.method) for c in calls}
    for rule in app.url_map.iter_rules():
        assert {(rule.endpoint, m) for m in rule.methods or ()} <= pairs
    assert {c.method for c in calls} >= {"GET", "HEAD", "OPTIONS", "POST"}
    assert sum(POLICY[c.endpoint] == ADMIN for c in calls) >= 8


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_its_policy_says(app, site, role):
    client = app.test_client()
    log_in(client, role)
    problems = []
    for call in _calls(app, site):
        response = client.open(call.url, method=call.method, data={})
        response.close()  # file responses hold their file open until closed
        problem = _problem(call, role, response)
        if problem:
            problems.append(f"{call.method} {call.url} ({call.endpoint}): {response.status} {problem}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_no_post_is_accepted_without_a_csrf_token(app, site, role):
    from app.extensions import db
    from app.models import AuditEvent, User

    client = app.test_client()
    log_in(client, role)
    app.config["WTF_CSRF_ENABLED"] = True
    with app.app_context():
        events_before = db.session.scalar(select(func.count(AuditEvent.id)))
        accounts_before = [(u.id, u.role, u.active, u.session_token) for u in db.session.scalars(select(User))]
    accepted = []
    for call in _calls(app, site):
        if call.method != "POST":
            continue
        response = client.post(call.url, data={"status": "published", "role": "admin", "active": "0"})
        refused = response.status_code == 400 and b"CSRF" in response.data
        # Anonymous posts to the upload route meet the login check first (it checks CSRF once logged in).
        if not refused and not (role == "anonymous" and _to_login(response)):
            accepted.append(f"POST {call.url}: {response.status}")
    assert not accepted, "\n".join(accepted)
    with app.app_context():
        assert db.session.scalar(select(func.count(AuditEvent.id))) == events_before
        assert [(u.id, u.role, u.active, u.session_token) for u in db.session.scalars(select(User))] == accounts_before
