"""The registers names are resolved against: each body's roster, the officers, the policies.

Functions here flush; the request commits. Every change writes an audit event. Merging keeps
the merged row (pointing at the one kept through `merged_into_id`), so a later reading that
finds the old spelling or the old rank lands on the kept row.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.models import Body, Meeting, Member, Motion, MotionOfficer, MotionPolicy, Officer, Policy, User
from app.parsing import Roster, RosterMember
from app.services import audit


class RegisterError(Exception):
    """A register change that cannot be made; the message says why and what to do."""


# ---- the roster -------------------------------------------------------------------------


def roster(body: Body) -> Roster | None:
    """The body's roster for name resolution, or None when no members are recorded."""
    if not body.members:
        return None
    return Roster(members=[RosterMember(name=m.name, aliases=list(m.aliases or [])) for m in body.members])


def resolve_member(body: Body, raw: str | None) -> Member | None:
    """The member of `body` a raw name ("Comm. Hughs", "Hughes") refers to, or None."""
    found = roster(body)
    name = found.resolve(raw) if found and raw else None
    if name is None:
        return None
    return next((m for m in body.members if m.name == name), None)


def parse_aliases(text: str) -> list[str]:
    """Aliases typed one per line or separated by commas, trimmed, without repeats."""
    seen: list[str] = []
    for part in re.split(r"[,\n;]+", text or ""):
        alias = " ".join(part.split())
        if alias and alias.lower() not in {s.lower() for s in seen}:
            seen.append(alias[:200])
    return seen


def _member_snapshot(member: Member) -> dict[str, object]:
    return {
        "body_id": member.body_id,
        "name": member.name,
        "seat": member.seat,
        "term_start": member.term_start.isoformat() if member.term_start else None,
        "term_end": member.term_end.isoformat() if member.term_end else None,
        "aliases": list(member.aliases or []),
    }


def save_member(
    body: Body,
    member: Member | None,
    *,
    name: str,
    seat: str | None,
    term_start: dt.date | None,
    term_end: dt.date | None,
    aliases: list[str],
    user: User | None,
) -> Member:
    """Add a member to the roster (member None) or change one (flushes); re-links names it now explains."""
    name = " ".join((name or "").split())
    if not name:
        raise RegisterError("Give the member's full name.")
    if len(name) > 200:
        raise RegisterError("The name must be at most 200 characters.")
    if term_start and term_end and term_end < term_start:
        raise RegisterError("The term cannot end before it starts.")
    clash = next((m for m in body.members if m.name.lower() == name.lower() and m is not member), None)
    if clash is not None:
        raise RegisterError(f"{clash.name} is already on the roster; edit that entry instead.")
    before = _member_snapshot(member) if member is not None else None
    if member is None:
        member = Member(body=body, name=name, aliases=[])
        db.session.add(member)
    member.name = name
    member.seat = (seat or "").strip()[:100] or None
    member.term_start, member.term_end = term_start, term_end
    member.aliases = aliases
    db.session.flush()
    db.session.expire(body, ["members"])
    action = "member.create" if before is None else "member.update"
    audit.record(action, "member", member.id, before=before, after=_member_snapshot(member), user=user)
    relink_names(body, user)
    return member


def relink_names(body: Body, user: User | None) -> int:
    """Link votes, movers and seconders written as raw names to the roster; return how many were linked."""
    if not body.members:
        return 0
    linked = 0
    touched: set[int] = set()
    motions = db.session.scalars(select(Motion).join(Motion.meeting).where(Meeting.body_id == body.id))
    for motion in motions:
        for vote in motion.votes:
            if vote.member_id is None and (member := resolve_member(body, vote.voter_name)) is not None:
                vote.member = member
                linked += 1
                touched.add(motion.meeting_id)
        for attr in ("mover", "seconder"):
            if getattr(motion, f"{attr}_id") is None and (member := resolve_member(body, getattr(motion, attr))):
                setattr(motion, f"{attr}_member", member)
                linked += 1
                touched.add(motion.meeting_id)
    db.session.flush()
    if linked:
        audit.record("roster.relink", "body", body.id, after={"linked": linked}, user=user)
    _reindex(touched)
    return linked


# ---- officers ---------------------------------------------------------------------------


def canonical_officer(officer: Officer) -> Officer:
    """Follow merges to the officer row a name now stands for."""
    seen = set()
    while officer.merged_into_id is not None and officer.id not in seen:
        seen.add(officer.id)
        officer = db.session.get(Officer, officer.merged_into_id) or officer
    return officer


def find_officer(name: str, rank: str | None, badge: str | None) -> Officer:
    """The officer row for a name as read (created when new), following merges (flushes)."""
    officer = db.session.scalar(select(Officer).where(Officer.name == name, Officer.rank == rank))
    if officer is None and badge:
        officer = db.session.scalar(select(Officer).where(Officer.badge == badge, Officer.merged_into_id.is_(None)))
    if officer is None:
        officer = Officer(name=name, rank=rank, badge=badge)
        db.session.add(officer)
        db.session.flush()
        return officer
    officer = canonical_officer(officer)
    if badge and not officer.badge:
        officer.badge = badge
    return officer


def _officer_snapshot(officer: Officer) -> dict[str, object]:
    return {
        "name": officer.name,
        "rank": officer.rank,
        "badge": officer.badge,
        "unit": officer.unit,
        "merged_into_id": officer.merged_into_id,
    }


def update_officer(
    officer: Officer, *, name: str, rank: str | None, badge: str | None, unit: str | None, user: User | None
) -> Officer:
    """Correct an officer's name, rank (a promotion), badge or unit (flushes)."""
    name = " ".join((name or "").split())
    rank = " ".join((rank or "").split()) or None
    if not name:
        raise RegisterError("Give the officer's name.")
    clash = db.session.scalar(
        select(Officer).where(Officer.name == name, Officer.rank == rank, Officer.id != officer.id)
    )
    if clash is not None:
        raise RegisterError(
            f"{clash.display_name} is already in the register (#{clash.id}); merge the two instead of renaming."
        )
    before = _officer_snapshot(officer)
    officer.name, officer.rank = name[:200], rank[:80] if rank else None
    officer.badge = (badge or "").strip()[:40] or None
    officer.unit = (unit or "").strip()[:200] or None
    db.session.flush()
    audit.record("officer.update", "officer", officer.id, before=before, after=_officer_snapshot(officer), user=user)
    _reindex(_meetings_of(MotionOfficer, MotionOfficer.officer_id == officer.id))
    return officer


def merge_officers(keep: Officer, other: Officer, user: User | None) -> Officer:
    """Fold `other` (another spelling, an earlier rank) into `keep`: its motions move over (flushes)."""
    if keep.id == other.id:
        raise RegisterError("Choose two different officers to merge.")
    keep = canonical_officer(keep)
    before = {"keep": _officer_snapshot(keep), "other": _officer_snapshot(other)}
    linked = {link.motion_id for link in keep.motion_links}
    meetings = _meetings_of(MotionOfficer, MotionOfficer.officer_id == other.id)
    for link in list(other.motion_links):
        if link.motion_id not in linked:
            db.session.add(MotionOfficer(motion_id=link.motion_id, officer_id=keep.id))
        db.session.delete(link)
    for alias in db.session.scalars(select(Officer).where(Officer.merged_into_id == other.id)):
        alias.merged_into_id = keep.id
    other.merged_into_id = keep.id
    keep.badge = keep.badge or other.badge
    keep.unit = keep.unit or other.unit
    db.session.flush()
    db.session.expire(keep, ["motion_links"])
    after = {"keep": _officer_snapshot(keep), "other": _officer_snapshot(other)}
    audit.record("officer.merge", "officer", other.id, before=before, after=after, user=user)
    _reindex(meetings)
    return keep


# ---- policies ---------------------------------------------------------------------------

_POLICY_WORDS = [
    (r"\bg\.?\s*o\.?(?=\s|\d|$)", "general order"),
    (r"\bgen(?:eral)?\.?\s+ord(?:er)?\.?", "general order"),
    (r"\bdir\.?(?=\s|\d)", "directive"),
    (r"\bs\.?\s*o\.?\s*p\.?(?=\s|\d|$)", "standard operating procedure"),
    (r"\bsec(?:t)?\.?(?=\s|\d)|§+", "section"),
    (r"\b(?:department|dept\.?|departmental)\s+", ""),
    (r"\bno\.?\s*(?=\d)|#", ""),
]


def policy_key(code: str) -> str:
    """A policy code compared loosely: "G.O. 3.02", "GO 3.02" and "General Order 3.02" give one key."""
    key = " ".join((code or "").lower().split())
    for pattern, replacement in _POLICY_WORDS:
        key = re.sub(pattern, replacement + (" " if replacement else ""), key)
    key = re.sub(r"[^a-z0-9.]+", " ", key)
    key = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", key)
    return " ".join(key.split())


def canonical_policy(policy: Policy) -> Policy:
    seen = set()
    while policy.merged_into_id is not None and policy.id not in seen:
        seen.add(policy.id)
        policy = db.session.get(Policy, policy.merged_into_id) or policy
    return policy


def find_policy(code: str, title: str | None) -> Policy:
    """The policy row for a code as read (created when new), following merges and loose spellings."""
    policy = db.session.scalar(select(Policy).where(Policy.code == code))
    if policy is None:
        key = policy_key(code)
        candidates = db.session.scalars(select(Policy).where(Policy.merged_into_id.is_(None)))
        policy = next((p for p in candidates if key and policy_key(p.code) == key), None)
    if policy is None:
        policy = Policy(code=code, title=title)
        db.session.add(policy)
        db.session.flush()
        return policy
    policy = canonical_policy(policy)
    if title and not policy.title:
        policy.title = title
    return policy


def update_policy(policy: Policy, *, code: str, title: str | None, user: User | None) -> Policy:
    code = " ".join((code or "").split())
    if not code:
        raise RegisterError("Give the policy's code, e.g. Directive 102.1.")
    clash = db.session.scalar(select(Policy).where(Policy.code == code, Policy.id != policy.id))
    if clash is not None:
        raise RegisterError(f"{clash.code} is already in the register (#{clash.id}); merge the two instead.")
    before = {"code": policy.code, "title": policy.title}
    policy.code = code[:100]
    policy.title = (title or "").strip()[:300] or None
    db.session.flush()
    audit.record(
        "policy.update", "policy", policy.id, before=before, after={"code": code, "title": policy.title}, user=user
    )
    _reindex(_meetings_of(MotionPolicy, MotionPolicy.policy_id == policy.id))
    return policy


def merge_policies(keep: Policy, other: Policy, user: User | None) -> Policy:
    """Fold `other` ("G.O. 3.02") into `keep` ("General Order 3.02"): its motions move over (flushes)."""
    if keep.id == other.id:
        raise RegisterError("Choose two different policies to merge.")
    keep = canonical_policy(keep)
    before = {"keep": {"code": keep.code, "title": keep.title}, "other": {"code": other.code, "title": other.title}}
    linked = {link.motion_id for link in keep.motion_links}
    meetings = _meetings_of(MotionPolicy, MotionPolicy.policy_id == other.id)
    for link in list(other.motion_links):
        if link.motion_id not in linked:
            db.session.add(MotionPolicy(motion_id=link.motion_id, policy_id=keep.id))
        db.session.delete(link)
    for alias in db.session.scalars(select(Policy).where(Policy.merged_into_id == other.id)):
        alias.merged_into_id = keep.id
    other.merged_into_id = keep.id
    keep.title = keep.title or other.title
    db.session.flush()
    db.session.expire(keep, ["motion_links"])
    audit.record("policy.merge", "policy", other.id, before=before, after={"merged_into_id": keep.id}, user=user)
    _reindex(meetings)
    return keep


# ---- suggestions and helpers --------------------------------------------------------------


@dataclass
class Suggestion:
    keep_id: int
    other_id: int
    why: str


def policy_suggestions() -> list[Suggestion]:
    """Pairs of policies that look like one written two ways."""
    policies = list(db.session.scalars(select(Policy).where(Policy.merged_into_id.is_(None)).order_by(Policy.id)))
    by_key: dict[str, Policy] = {}
    found = []
    for policy in policies:
        key = policy_key(policy.code)
        if key in by_key:
            found.append(Suggestion(by_key[key].id, policy.id, f"both read as “{key}”"))
        else:
            by_key[key] = policy
    return found


def officer_suggestions() -> list[Suggestion]:
    """Pairs of officers that look like one person: the same name at two ranks, or a near spelling."""
    officers = list(db.session.scalars(select(Officer).where(Officer.merged_into_id.is_(None)).order_by(Officer.id)))
    found = []
    for i, first in enumerate(officers):
        for second in officers[i + 1 :]:
            a, b = first.name.lower(), second.name.lower()
            if a == b:
                found.append(Suggestion(first.id, second.id, "the same name at another rank"))
            elif _near(a, b):
                found.append(Suggestion(first.id, second.id, "a near spelling of the same name"))
            elif first.badge and first.badge == second.badge:
                found.append(Suggestion(first.id, second.id, f"the same badge ({first.badge})"))
    return found


def _near(a: str, b: str) -> bool:
    """Two spellings of one name: very alike, or alike with the same surname ("Whitfeld", "Whitfield")."""
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    return ratio >= 0.88 or (a.split()[-1:] == b.split()[-1:] and ratio >= 0.8)


def _meetings_of(link: type, condition) -> set[int]:
    stmt = select(Motion.meeting_id).join(link, link.motion_id == Motion.id).where(condition)
    return set(db.session.scalars(stmt))


def _reindex(meeting_ids: set[int]) -> None:
    from app.services import search

    for meeting_id in sorted(meeting_ids):
        meeting = db.session.get(Meeting, meeting_id)
        if meeting is not None:
            search.reindex_meeting(meeting)
