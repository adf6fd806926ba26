"""Search filters resolved to records: an officer's, policy's or commissioner's name becomes ids.

Both query engines take a `Criteria`: the FTS5 engine turns it into facet tokens
(`facet_groups`), the SQL engine into WHERE conditions (`search_sql`). Resolving names once,
here, keeps the two engines answering alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import String, and_, cast, func, or_, select

from app.extensions import db
from app.models import Member, Officer, Policy
from app.services.search_index import facet
from app.services.search_params import SearchParams, parse_id

MAX_IDS = 100  # officers, policies or commissioners one filter may stand for
Ids = tuple[int, ...] | None  # None: no filter; (): a filter that matches nothing


@dataclass(frozen=True)
class Criteria:
    """A search with its filters resolved; the engines answer these."""

    q: str = ""
    officers: Ids = None
    policies: Ids = None
    members: Ids = None
    outcome: str = ""
    vote: str = ""
    result: str = ""
    split: str = ""
    body: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    notes: tuple[str, ...] = ()

    def without(self, dimension: str) -> Criteria:
        """The same search with one filter ("outcome", "result" or "split") left out, for its counts."""
        return replace(self, **{dimension: ""})

    @property
    def impossible(self) -> bool:
        """True when a filter resolved to nothing (an unknown officer, say) or the dates cross."""
        crossed = bool(self.date_from and self.date_to and self.date_from > self.date_to)
        return crossed or any(ids == () for ids in (self.officers, self.policies, self.members))


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _ids(stmt, what: str, value: str, notes: list[str]) -> tuple[int, ...]:
    found = tuple(db.session.scalars(stmt.limit(MAX_IDS + 1)))
    if len(found) > MAX_IDS:
        notes.append(f"“{value}” fits more than {MAX_IDS} {what}; showing the first {MAX_IDS}. Add more of the name.")
        found = found[:MAX_IDS]
    return found


def officer_ids(value: str, notes: list[str]) -> tuple[int, ...]:
    """Officers by id or badge (digits), or by every word of their rank, name and badge."""
    if value.isdigit():
        number = parse_id(value)
        match = or_(Officer.id == number, Officer.badge == value) if number else Officer.badge == value
        return _ids(select(Officer.id).where(match).order_by(Officer.id), "officers", value, notes)
    label = func.coalesce(Officer.rank, "") + " " + Officer.name + " " + func.coalesce(Officer.badge, "")
    words = value.split()
    stmt = select(Officer.id).where(and_(*(label.ilike(_like(w), escape="\\") for w in words))).order_by(Officer.id)
    return _ids(stmt, "officers", value, notes)


def policy_ids(value: str, notes: list[str]) -> tuple[int, ...]:
    """Policies by id, or by a piece of their code or title ("102.1", "use of force")."""
    if value.isdigit():
        number = parse_id(value)
        stmt = select(Policy.id).where(or_(Policy.id == number, Policy.code.ilike(_like(value), escape="\\")))
        return _ids(stmt.order_by(Policy.id), "policies", value, notes)
    pattern = _like(value)
    stmt = select(Policy.id).where(
        or_(Policy.code.ilike(pattern, escape="\\"), Policy.title.ilike(pattern, escape="\\"))
    )
    return _ids(stmt.order_by(Policy.id), "policies", value, notes)


def member_ids(value: str, notes: list[str]) -> tuple[int, ...]:
    """Commissioners by id, or by a piece of their name or of a spelling on the roster."""
    if value.isdigit():
        number = parse_id(value)
        return (number,) if number else ()
    pattern = _like(value)
    stmt = select(Member.id).where(
        or_(Member.name.ilike(pattern, escape="\\"), cast(Member.aliases, String).ilike(pattern, escape="\\"))
    )
    return _ids(stmt.order_by(Member.id), "commissioners", value, notes)


def resolve(params: SearchParams) -> Criteria:
    """The search's filters as ids (looked up once per search, on small tables)."""
    notes: list[str] = []
    return Criteria(
        q=params.q,
        officers=officer_ids(params.officer, notes) if params.officer else None,
        policies=policy_ids(params.policy, notes) if params.policy else None,
        members=member_ids(params.member, notes) if params.member else None,
        outcome=params.outcome,
        vote=params.vote,
        result=params.result,
        split=params.split,
        body=params.body,
        date_from=params.date_from,
        date_to=params.date_to,
        notes=tuple(notes),
    )


def facet_groups(criteria: Criteria) -> list[list[str]]:
    """The facet tokens a motion must carry: one of each group."""
    groups: list[list[str]] = []
    if criteria.officers is not None:
        groups.append([facet("ofc", i) for i in criteria.officers])
    if criteria.policies is not None:
        groups.append([facet("pol", i) for i in criteria.policies])
    if criteria.members is not None:
        if criteria.vote:
            groups.append([facet("mv", f"{i}v{criteria.vote}") for i in criteria.members])
        else:
            groups.append([facet("mem", i) for i in criteria.members])
    elif criteria.vote:
        groups.append([facet("vot", criteria.vote)])
    for name, value in (("out", criteria.outcome), ("res", criteria.result), ("spl", criteria.split)):
        if value:
            groups.append([facet(name, value)])
    if criteria.body is not None:
        groups.append([facet("bod", criteria.body)])
    return groups


def fts_expression(words: str | None, groups: list[list[str]], everything: str | None = None) -> str | None:
    """An FTS5 MATCH expression: the quoted words (already safe) AND one token of each group;
    `everything` (a token every row carries) when there is neither."""
    parts = [f"({words})"] if words else []
    parts += ["(" + " OR ".join(group) + ")" for group in groups]
    return " AND ".join(parts) or everything
