"""What kind of business a motion is, from its words (and its agenda item's title as a tie-breaker)."""

from __future__ import annotations

import re

# (classification, weight, pattern). Scores add up; the highest wins, ties go to the earlier class.
_RULES: list[tuple[str, float, re.Pattern[str]]] = [
    (c, w, re.compile(p, re.IGNORECASE))
    for c, w, p in [
        ("discipline", 3, r"\bsuspen(?:d|ded|sions?)\b(?!\s+(?:of\s+)?(?:the\s+)?rules)"),
        ("discipline", 3, r"\b(?:discharg|terminat(?:e|ed|ion)\s+(?:of\s+)?(?:the\s+)?(?:officer|employ|respondent))"),
        ("discipline", 3, r"\breprimand|\bdisciplin|\bmisconduct\b|\bcharges\s+(?:filed\s+)?against\b"),
        ("discipline", 2, r"\b(?:guilty|penalty|reinstat|restor\w*\s+to\s+(?:duty|his|her))"),
        ("discipline", 2, r"\bseparat(?:e|ed|ion)\b[^.]{0,80}\bfrom\s+(?:the\s+)?(?:department|service|employment)"),
        ("discipline", 1, r"\b(?:officer|sergeant|lieutenant|detective|respondent)\b"),
        (
            "discipline",
            2,
            r"\b(?:allegations?|exonerat\w*|unfounded|not\s+sustained|sustain(?:ed)?\s+(?:the\s+)?allegation)",
        ),
        (
            "discipline",
            3,
            r"\b(?:uph[eo]ld|sustain|overturn|rescind|revers|affirm)\w*\s+(?:the\s+|a\s+)?(?:\w+\s+)?"
            r"(?:termination|discharge|suspension|discipline|dismissal|demotion)",
        ),
        ("appeal", 3, r"\bappeal"),
        ("appeal", 2, r"\breconsider(?:ation)?\s+of\s+(?:the\s+)?(?:finding|decision)"),
        ("licensing", 3, r"\blicen[cs]e|\bpermit\b|\bvictualler\b|\bliquor\b|\balcoholic\b|\bentertainment\s+license"),
        ("policy", 3, r"\b(?:directive|general\s+order|special\s+order|policy|policies|procedures?|sop)\b"),
        ("policy", 2, r"\b(?:ordinance|code\s+amendment|amend(?:ing|ment)?\s+(?:the\s+)?(?:code|rules|bylaws))"),
        ("hiring", 3, r"\b(?:hir(?:e|ed|ing)|appoint(?:ed|ment|s)?|nominat\w+|elect(?:ion)?\s+of|recruit\w*)\b"),
        ("hiring", 2, r"\b(?:executive\s+director|chief\s+of\s+police|vice\s+chair|employment\s+agreement)\b"),
        ("budget_contract", 3, r"\b(?:contract|budget|appropriat\w+|grant|funds?|funding|purchase|vouchers?)\b"),
        ("budget_contract", 2, r"\$\s?\d|\b(?:agreement|financials?|invoice|payment|expenditure|fees?|claim)\b"),
        ("resolution", 3, r"\bresolution\b|\bproclamation\b|\bproclaim"),
        ("minutes_agenda", 4, r"\bminutes\b"),
        ("minutes_agenda", 3, r"\bagenda\b|\bconsent\s+calendar\b|\badjourn|\bcall(?:ed)?\s+to\s+order\b"),
        ("minutes_agenda", 2, r"\b(?:excuse|excused)\s+(?:the\s+)?absen|\bmeeting\s+(?:calendar|schedule)\b"),
        ("minutes_agenda", 2, r"\b(?:postpone|continue|table)\b.{0,40}\b(?:item|meeting|hearing)\b"),
    ]
]
_ORDER = ["discipline", "appeal", "licensing", "policy", "hiring", "budget_contract", "resolution", "minutes_agenda"]


def classify(text: str, context: str = "") -> str:
    """Classify a motion: discipline|appeal|policy|minutes_agenda|hiring|budget_contract|resolution|licensing|other.

    `text` is the motion; `context` (its agenda item title) counts for half, so it only tips a close call.
    """
    scores = dict.fromkeys(_ORDER, 0.0)
    for source, factor in ((text or "", 1.0), (context or "", 0.5)):
        for classification, weight, pattern in _RULES:
            if pattern.search(source):
                scores[classification] += weight * factor
    best = max(_ORDER, key=lambda c: (scores[c], -_ORDER.index(c)))
    # A lone rank word ("officer") is not enough to call it discipline.
    if scores[best] < 2:
        return "other"
    return best
