"""Disciplinary decisions of a police board (findings and decision, final order, dissents, signatures):

    By a vote of 6 (Ballate, Conlon, ...) in favor to 2 opposed (Carney, Foreman), the Board grants ...
    IT IS HEREBY ORDERED that the Respondent, Police Officer ..., be and hereby is suspended ... for a
    period of forty-five (45) days.
    /s/ Member Name ... Attested by: /s/ Executive Director     (the attesting officer is no voter)
    DISSENT ... /s/ Member Name                                  (dissenters voted no)
    (Board members X and Y recused themselves ...)

Each "By a vote of" sentence is a motion; the order is the motion that decided the penalty, merged with
the vote that decided it when one is stated, otherwise voted by the signatures.
"""

from __future__ import annotations

import re

from app.parsing.assemble import Draft, finalize
from app.parsing.entities import find_officers, find_policies
from app.parsing.layout import Doc, sentence_end, sentence_start
from app.parsing.numbers import NUMBER, to_int
from app.parsing.orders import find_charge_findings, find_orders
from app.parsing.outcomes import find_outcome
from app.parsing.records import MotionRecord, SourceRecord
from app.parsing.roster import Roster, split_names, strip_title
from app.parsing.tally import Tally
from app.parsing.voted import find_voted_clauses

_MARKERS = [
    re.compile(
        r"\bIT\s+IS\s+(?:(?:HEREBY|THEREFORE|FURTHER)\s+)*ORDERED\b|\b(?:Board|Commission)\s+(?:hereby\s+)?orders\s+that\b"
        r"|^[ \t]*ORDERED,?\s+that\b",
        re.IGNORECASE | re.MULTILINE,
    ),
    re.compile(r"\bIN\s+THE\s+MATTER\s+OF\b|^\s*IN\s+RE\b", re.IGNORECASE | re.MULTILINE),
    re.compile(
        r"\bFINDINGS\s+AND\s+DECISION\b|\bDECISION\s+AND\s+(?:ORDER|RECOMMENDATION)\b|\bBOARD\s+DECISION\b"
        r"|^[ \t]*FINAL\s+ORDER[ \t]*$",
        re.IGNORECASE | re.MULTILINE,
    ),
    re.compile(r"\bRespondent\b"),
    re.compile(r"\bby\s+a\s+vote\s+of\s+" + NUMBER + r"\s*\(", re.IGNORECASE),
    re.compile(r"^[ \t]*(?:IT\s+IS\s+)?SO\s+ORDERED\b|\bAppellant\b", re.MULTILINE),
    re.compile(r"\bFINDINGS\s+OF\s+FACT\b|^[ \t]*DISPOSITION[ \t]*$", re.MULTILINE),
    re.compile(r"\bCONCLUSIONS\s+OF\s+LAW\b|^[ \t]*(?i:charge|count|specification)\s+(?:No\.\s*)?\d{1,2}\s*:", re.M),
]
_VOTE = re.compile(
    rf"\b[Bb]y\s+a\s+vote\s+of\s+(?P<yes>{NUMBER})\s*(?:\((?P<yes_names>[^()]*)\))?\s*(?:votes?\s+)?(?:in\s+favou?r\s+)?"
    rf"(?:to|against)\s+(?P<no>{NUMBER})\s*(?:votes?\s+)?(?:opposed\s*|against\s*)?(?:\((?P<no_names>[^()]*)\))?"
    r"(?:\s*,?\s*(?:with\s+)?(?P<dissent>(?:(?:Commissioners?|Members?|Board\s+Members?|Trustees?)\s+)?"
    r"[A-Z][\w.'\u2019-]+(?:(?:,\s*|\s+and\s+|\s+)[A-Z][\w.'\u2019-]+){0,6}\s+(?:dissenting|voting\s+no|voting\s+against"
    r"|opposed|in\s+dissent))\s*(?=,))?"
    r"(?:\s*(?:,\s*)?(?:with\s+)?(?P<other>[^,]{0,80}?\b(?:abstain\w*|recus\w*|absent)\b[^,]*))?,?\s*",
    re.IGNORECASE,
)
_UNANIMOUS = re.compile(
    r"\b[Bb]y\s+(?:a\s+)?unanimous\s+vote(?:\s+of\s+(?P<yes>\w+)\s+(?:members?\s+)?|\s*\((?P<count>\d{1,2})\s*[-\u2013]\s*0\))?"
    r",?\s*"
    r"|\b(?:the\s+)?(?:Board|Commission|Panel|Committee)(?:\s+unanimously|,\s+(?:with\s+)?all\s+members\s+concurring,)"
    r"\s+(?=finds|determines|concludes|orders|votes|grants|denies|sustains|adopts|rejects)"
)
_ORDERED = re.compile(
    r"\bIT\s+IS\s+(?:(?:HEREBY|THEREFORE|FURTHER)\s+)*ORDERED\s+(?:that\s+)?"
    r"|\b(?:(?:Accordingly|Therefore),\s+)?the\s+(?:Board|Commission)\s+(?:hereby\s+)?orders\s+that\s+"
    r"|^[ \t]*ORDERED,?\s+that\s+",  # "ORDERED, that the findings ... are ADOPTED; and it is further"
    re.IGNORECASE | re.MULTILINE,
)
_ORDER_END = re.compile(r"\n\s*(?:DATED\b|/s/|_{5,})|\n\s*\n", re.IGNORECASE)
_PENALTY = re.compile(
    r"^(?!.*\bfind(?:s|ing)?\b).*\b(?:terminat|discharg|suspen|penalt|disciplin|reinstat|restor|separat|reprimand)",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^[ \t]*/s/[ \t]*(?P<name>[^\n]{3,60})$", re.MULTILINE)
_ATTEST = re.compile(r"\battest(?:ed)?\b", re.IGNORECASE)
_STAFF_TITLE = re.compile(r"^\s*(?:executive\s+director|secretary\s+(?:of|to)\s+the\s+board|board\s+secretary)", re.I)
_DISSENT = re.compile(r"^\s*(?:DISSENT(?:ING\s+OPINION)?|(?:PARTIAL\s+)?DISSENT)\s*$", re.MULTILINE)
_RECUSED = re.compile(
    r"(?:Board\s+)?(?:[Mm]embers?|Commissioners?|Trustees?)\s+(?P<names>[A-Z][^()]{2,160}?)\s+(?:recused\s+(?:themselves|himself|herself)"
    r"|did\s+not\s+participate)",
)
_LEAD_IN = re.compile(
    r"^(?:the\s+)?(?:police\s+)?board(?:\s+of\s+[\w ]+?)?,?\s*(?:hereby\s+)?|^hereby\s+", re.IGNORECASE
)


def is_decision(text: str) -> bool:
    """Whether a document reads as a board's disciplinary decision rather than minutes."""
    hits = sum(1 for marker in _MARKERS if marker.search(text))
    if hits < 3:
        return False
    return bool(_ORDERED.search(text) or _MARKERS[4].search(text) or find_orders(text) or find_charge_findings(text))


def parse_decision(doc: Doc, *, document: str | None, roster: Roster | None) -> list[MotionRecord]:
    """The votes and the final order of a decision, in reading order."""
    text = doc.text
    respondent = _respondent(doc)
    charged = find_policies(text[: max(2000, len(text) // 6)])
    recused = _recused(text)
    drafts: list[Draft] = []
    for match in list(_VOTE.finditer(text)) + list(_UNANIMOUS.finditer(text)):
        drafts.append(_vote_draft(text, match, recused))
    drafts += find_orders(text) + find_charge_findings(text)
    drafts.sort(key=lambda d: d.start)
    order = _ORDERED.search(text)
    if order:
        end_match = _ORDER_END.search(text, order.end())
        end = end_match.start() if end_match else min(len(text), order.end() + 1500)
        # "ORDERED, that ...; and it is further\n\nORDERED, that ...": the order goes on over each paragraph.
        while (more := re.match(r"\s*\n\s*ORDERED,?\s+that\b", text[end:])) and end - order.end() < 3000:
            following = _ORDER_END.search(text, end + more.end())
            end = following.start() if following else min(len(text), end + more.end() + 1500)
        order_text = text[order.end() : end]
        order_outcome = find_outcome(order_text, "passed")
        merged = None
        for draft in reversed(drafts):
            kind = order_outcome.kind
            if draft.start <= order.start() < draft.end:
                continue  # the order itself, read as an ORDER section
            if kind not in (None, "approved", "denied") and find_outcome(draft.text or "", "passed").kind == kind:
                merged = draft
                break
        last = drafts[-1] if drafts else None
        if (
            merged is None
            and last is not None
            and 0 <= order.start() - last.end < 600
            and _PENALTY.search(last.text or "")
        ):
            # "... by a vote of 3 to 2, rejects the request for termination. IT IS THEREFORE ORDERED ...":
            # the vote on the penalty just before the order decided it (a finding of guilt does not).
            merged = last
        if merged is not None:
            merged.entity_text = " | ".join(filter(None, [merged.entity_text, order_text]))
        else:
            draft = Draft(start=order.start(), end=end, text=order_text)
            draft.set_result("passed", order.start())
            draft.evidence_start = order.start()
            _sign(text, draft, recused)
            drafts.append(draft)
    records = []
    final = drafts[-1] if drafts else None
    for draft in drafts:
        draft.context = "disciplinary charges against the respondent"
        extra = [respondent] if respondent and not draft.background else []
        if draft is final and not find_policies(draft.text or "") and charged:
            extra.append(" ".join(p.code for p in charged))
        draft.entity_text = "; ".join(filter(None, [draft.entity_text, *extra]))
        page_start = doc.pages[doc.page_index(draft.start)][0:2]
        end = min(draft.end, page_start[1]) if draft.text and draft.start >= page_start[0] else draft.end
        page, quote = doc.quote(draft.start, end)
        draft.evidence = quote or None
        draft.source = SourceRecord(document=document, page=page)
        records.append(finalize(draft, roster))
    return records


def _respondent(doc: Doc) -> str | None:
    """The charged member as the caption names them ("Sergeant Dean G. Claeson, Star No. 2054")."""
    first = doc.text[: doc.pages[0][1]] if doc.pages else doc.text
    officers = find_officers(first)
    if not officers:
        return None
    officer = officers[0]
    badge = f", Star No. {officer.badge}" if officer.badge else ""
    return f"{officer.rank or ''} {officer.name}{badge}".strip()


def _vote_draft(text: str, match: re.Match[str], recused: list[str]) -> Draft:
    start = sentence_start(text, match.start())
    colon = text.rfind(":", start, match.start())
    if colon != -1:
        start = colon + 1 + (len(text[colon + 1 : match.start()]) - len(text[colon + 1 : match.start()].lstrip()))
    end = sentence_end(text, match.end())
    action = re.sub(r"\s+", " ", text[match.end() : end]).strip(" .")
    action = _LEAD_IN.sub("", action).strip()
    draft = Draft(start=start, end=end, text=action)
    groups = match.groupdict()
    if "no" in groups:
        yes, no = to_int(groups["yes"]), to_int(groups["no"])
        draft.tally = Tally(counts={k: v for k, v in (("yes", yes), ("no", no)) if v is not None})
        for option, key in (("yes", "yes_names"), ("no", "no_names")):
            names = groups.get(key) or ""
            if re.search(r"\s(?:dissenting|voting\s+(?:no|against)|opposed|in\s+dissent)\s*$", names):
                # "By a vote of 2 to 1 (Commissioner Brandt dissenting)": the names in brackets are the dissent.
                names, option = re.sub(r"\s+(?:dissenting|voting\s+\w+|opposed|in\s+dissent)\s*$", "", names), "no"
            for name in split_names(names):
                draft.add_vote(strip_title(name), option)
        for name in split_names(
            re.sub(r"\s+(?:dissenting|voting\s+\w+|opposed|in\s+dissent)$", "", groups.get("dissent") or "")
        ):
            draft.add_vote(strip_title(name), "no")
        other = groups.get("other") or ""
        option = "abstain" if "abstain" in other.lower() else "recused" if "recus" in other.lower() else "absent"
        for name in split_names(re.sub(r"\b(?:abstain\w*|recus\w*|absent|with|member\w*)\b", " ", other)):
            if name[:1].isupper():
                draft.add_vote(strip_title(name), option)
        verdict = "passed" if yes is None or no is None or yes > no else "failed"
    else:
        count = to_int(groups.get("count") or groups.get("yes") or "")
        draft.tally = Tally(unanimous=True, counts={"no": 0, **({"yes": count} if count else {})})
        verdict = "passed"
    # "..., that the seventh standard has been met, Commissioner Ostrowski dissenting."
    trailing = re.search(r",\s*(?P<names>[^,]{3,120}?)\s+(?:dissenting|voting\s+no)\s*$", action)
    if trailing:
        draft.text = action[: trailing.start()]
        for name in split_names(trailing.group("names")):
            draft.add_vote(strip_title(name), "no")
    _minority_after(text, draft)
    for name in recused:
        draft.add_vote(name, "recused")
    draft.set_result(verdict, match.start())
    return draft


def _minority_after(text: str, draft: Draft) -> None:
    """ "By a vote of 3 to 2, ... be sustained. Commissioners A and B would have modified the penalty ...": the
    members against, named in the sentences that follow (to the end of the next paragraph), where the tally
    leaves room for them and none is named yet."""
    room = (draft.tally.counts.get("no") or 0) if draft.tally else 0
    if not room or any(option == "no" for _, option in draft.votes):
        return
    stop = text.find("\n\n", text.find("\n\n", draft.end) + 2)
    stop = len(text) if stop == -1 else min(stop, draft.end + 1500)
    for clause in find_voted_clauses(text[draft.end : stop]):
        against = [name for name, option in clause.votes if option == "no"]
        if against and len(against) == len(clause.votes) and len(against) <= room:
            for name in against:
                draft.add_vote(strip_title(name), "no")
            draft.end = draft.end + clause.end
            return


def _recused(text: str) -> list[str]:
    names: list[str] = []
    for match in _RECUSED.finditer(text):
        for name in split_names(match.group("names")):
            names.append(strip_title(name))
    return names


def _sign(text: str, draft: Draft, recused: list[str]) -> None:
    """Votes from signatures: signers of the decision yes (not the attesting officer), dissenters no."""
    dissent = _DISSENT.search(text, draft.end)
    signatures = list(_SIGNATURE.finditer(text, draft.end))
    for signature in signatures:
        name = strip_title(signature.group("name").strip())
        line_before = text[: signature.start()].rstrip("\n").rsplit("\n", 1)[-1]
        line_after = text[signature.end() :].lstrip("\n").split("\n", 1)[0]
        if _ATTEST.search(line_before) or _STAFF_TITLE.search(line_after):
            continue
        option = "no" if dissent and signature.start() > dissent.start() else "yes"
        if name and not re.search(r"\d", name):
            draft.add_vote(name, option)
    for name in recused:
        draft.add_vote(name, "recused")
