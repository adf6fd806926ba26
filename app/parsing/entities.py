"""Officers (rank, name, badge) and policies (directives, general orders, rules) named in a motion."""

from __future__ import annotations

import re

from app.parsing.records import OfficerRecord, PolicyRecord

# Rank as written -> the rank a record keeps. "Police Officer" and "P.O." are the rank "Officer".
_RANKS = {
    "police officer": "Officer",
    "probationary police officer": "Officer",
    "patrol officer": "Officer",
    "p.o.": "Officer",
    "p/o": "Officer",
    "po": "Officer",
    "officer": "Officer",
    "ofc.": "Officer",
    "ofc": "Officer",
    "sergeant": "Sergeant",
    "sgt.": "Sergeant",
    "sgt": "Sergeant",
    "lieutenant": "Lieutenant",
    "lt.": "Lieutenant",
    "captain": "Captain",
    "capt.": "Captain",
    "commander": "Commander",
    "cmdr.": "Commander",
    "detective": "Detective",
    "det.": "Detective",
    "corporal": "Corporal",
    "cpl.": "Corporal",
    "deputy chief": "Deputy Chief",
    "deputy sheriff": "Deputy Sheriff",
    "deputy": "Deputy",
    "trooper": "Trooper",
    "investigator": "Investigator",
    "crossing guard": "Crossing Guard",
    "police agent": "Police Agent",
    "agent": "Agent",
}
_RANK = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(_RANKS, key=len, reverse=True))
# Officers of a board or a hearing are not police officers.
_NOT_POLICE = (
    r"(?<!(?i:hearing)\s)(?<!(?i:executive)\s)(?<!(?i:information)\s)(?<!(?i:presiding)\s)(?<!(?i:compliance)\s)"
)
_NAME_WORD = (
    r"(?:Mc[A-Z][a-z]+|O['\u2019][A-Z][a-z]+|[A-Z][a-z]+(?:[-'\u2019]?[A-Z][a-z]+)*|[A-Z]{2,}(?:[-'\u2019][A-Z]+)*"
    r"|[A-Z]\.)"
)
_OFFICER_RE = re.compile(
    rf"{_NOT_POLICE}\b(?P<rank>(?i:{_RANK}))\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
    r"(?:(?:\u2019s|'s)?\s*,?\s*\(?(?:(?i:star|badge|shield|employee|emp\.|serial|payroll|tax|id|sequence|seq\.|certificate|cert\.|dsn|pin)\s*(?i:no\.?|number|#)?\s*:?\s*#?|#)\s*"
    r"(?P<badge>\d[\d-]{1,9}))?"
)
_STOP = {
    "the", "and", "or", "for", "of", "to", "in", "on", "at", "by", "with", "from", "who", "was", "is", "were",
    "star", "badge", "shield", "employee", "no", "no.", "department", "police", "board", "city", "chicago",
    "respondent",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "during", "that", "this", "he", "she", "they", "said", "also", "had", "has", "be", "been", "as", "a",
    "an", "arms", "association", "union", "academy", "training", "program", "unit", "division", "district",
    "i", "we", "it", "if", "but", "not", "his", "her", "their", "after", "before", "when", "while", "testified",
    "box",
}  # fmt: skip


def _clean_name(raw: str) -> str | None:
    tokens = raw.split()
    kept: list[str] = []
    for word in tokens:
        if re.fullmatch(r"[A-Z]\.", word):
            kept.append(word)
            continue
        if word.lower().strip(".,") in _STOP:
            break
        kept.append(word)
    while kept and re.fullmatch(r"[A-Z]\.", kept[-1]):
        kept.pop()
    if not kept:
        return None
    name = " ".join(kept)
    if name.isupper() and len(name) > 3:
        name = " ".join(t if re.fullmatch(r"[A-Z]\.", t) else t.capitalize() for t in kept)
        name = re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), name)
    return name


def find_officers(text: str) -> list[OfficerRecord]:
    """Officers named with a rank ("Sergeant Dana Whitfield", "Police Officer John Smith, Star No. 12345").

    A later mention by surname only ("Sergeant Claeson") is the same officer, not a new one.
    """
    found: list[OfficerRecord] = []
    for match in _OFFICER_RE.finditer(text):
        rank_raw = re.sub(r"\s+", " ", match.group("rank")).lower()
        name = _clean_name(match.group("name"))
        if not name:
            continue
        rank = rank_as_kept(rank_raw)
        badge = match.group("badge")
        last = name.split()[-1].lower()
        duplicate = None
        for officer in found:
            known = officer.name.lower().split()
            if officer.name.lower() == name.lower() or (len(name.split()) == 1 and known[-1] == last):
                duplicate = officer
                break
            # "Dean Claeson" and "Dean G. Claeson" are one officer.
            if known[0] == name.lower().split()[0] and known[-1] == last:
                duplicate = officer
                if len(name.split()) > len(known):
                    officer.name = name
                break
        if duplicate is not None:
            if badge and not duplicate.badge:
                duplicate.badge = badge
            continue
        found.append(OfficerRecord(name=name, rank=rank, badge=badge))
    # A bare surname ("Officer Walker") next to a full name with that surname is the same officer.
    full = [o for o in found if len(o.name.split()) > 1]
    return [o for o in found if len(o.name.split()) > 1 or not any(f.name.split()[-1] == o.name for f in full)]


def link_officers(found: list[OfficerRecord], known: list[OfficerRecord]) -> list[OfficerRecord]:
    """Complete officers a motion names briefly ("Detective Wu") from the fuller mentions elsewhere in the
    same document ("DETECTIVE AARON WU, #3310"): same surname, one candidate, a compatible rank."""
    linked = []
    for officer in found:
        last = officer.name.split()[-1].lower()
        fuller = [
            k
            for k in known
            if k.name.split()[-1].lower() == last
            and (not officer.rank or not k.rank or _ranks_agree(officer.rank, k.rank))
            and (len(k.name.split()) > len(officer.name.split()) or (k.badge and not officer.badge))
        ]
        first = officer.name.split()[0].lower()
        if len(officer.name.split()) > 1:
            fuller = [k for k in fuller if k.name.split()[0].lower().startswith(first[:1])]
        names = {k.name for k in fuller}
        if len(names) == 1:
            best = max(fuller, key=lambda k: (bool(k.badge), len(k.rank or "")))
            rank = best.rank if best.rank and len(best.rank) > len(officer.rank or "") else officer.rank
            officer = OfficerRecord(name=best.name, rank=rank, badge=officer.badge or best.badge)
        linked.append(officer)
    return linked


def rank_as_kept(rank: str) -> str:
    """The rank a record keeps for a rank as written ("Police Officer" -> "Officer", "Sgt." -> "Sergeant")."""
    written = re.sub(r"\s+", " ", rank.strip()).lower()
    return _RANKS.get(written, written.title())


def _ranks_agree(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a.startswith(b) or b.startswith(a)


# "3.02", "4-12", "102.1(b)", and lettered series: "C-64", "LE-027", "K-03"
_CODE = r"(?:[A-Z]{1,3}-)?[A-Z]?\d+(?:[.\-]\d+)*[A-Za-z]?(?:\([a-z0-9]{1,3}\))*"
_POLICY_RE = re.compile(
    r"\b(?P<kind>(?i:(?:department(?:al)?\s+|administrative\s+|police\s+)?(?:general\s+order|special\s+order"
    r"|directive|employee\s+resource|administrative\s+order|standing\s+order|board\s+policy|policy|procedure|sop|dgo"
    r"|standard\s+operating\s+procedure|rules?|sections?"
    r"|sec\.|§§?|g\.\s?o\.|s\.\s?o\.|art(?:icle)?\.?|chapter)))\s*"
    r"(?:(?i:no\.?|number|#)\s*)?(?P<code>" + _CODE + r"(?:\s*(?:,|and|&)\s*" + _CODE + r")*)"
    r"(?:\s*\((?P<title>[A-Z][^()\n]{2,80})\))?"
)
_KINDS = {
    "general order": "General Order",
    "g.o.": "General Order",
    "go": "General Order",
    "special order": "Special Order",
    "s.o.": "Special Order",
    "directive": "Directive",
    "employee resource": "Employee Resource",
    "administrative order": "Administrative Order",
    "standing order": "Standing Order",
    "board policy": "Board Policy",
    "sop": "SOP",
    "dgo": "General Order",  # Departmental General Order
    "standard operating procedure": "SOP",
    "policy": "Policy",
    "procedure": "Procedure",
    "rule": "Rule",
    "rules": "Rule",
    "section": "Section",
    "sections": "Section",
    "sec.": "Section",
    "§": "Section",
    "§§": "Section",
    "article": "Article",
    "art.": "Article",
    "art": "Article",
    "chapter": "Chapter",
}


# A police manual's own numbering, cited without a word before it: "5.001-POL-10", "8.200-POL-2".
_MANUAL_CODE = re.compile(r"\b\d{1,2}\.\d{3}-POL-\d{1,2}\b")


def find_policies(text: str) -> list[PolicyRecord]:
    """Policies cited: "Directive 102.1", "G.O. 3.02" (as "General Order 3.02"), "Rules 1 and 2", "Section 4-12"."""
    found: dict[str, PolicyRecord] = {}
    for match in _POLICY_RE.finditer(text):
        kind_raw = re.sub(r"\s+", " ", match.group("kind")).lower()
        kind_raw = re.sub(r"^(?:department(?:al)? |administrative |police )", "", kind_raw)
        kind_raw = kind_raw.replace("g. o.", "g.o.").replace("s. o.", "s.o.")
        kind = _KINDS.get(kind_raw)
        if kind is None:
            continue
        codes = re.findall(_CODE, match.group("code"))
        title = match.group("title")
        for code in codes:
            if kind in (
                "Section",
                "Article",
                "Chapter",
                "Policy",
                "Board Policy",
                "Procedure",
                "SOP",
            ) and not re.search(r"\d", code):
                continue
            key = f"{kind} {code}"
            record = found.get(key)
            if record is None:
                found[key] = PolicyRecord(code=key, title=title.strip() if title and len(codes) == 1 else None)
            elif title and not record.title and len(codes) == 1:
                record.title = title.strip()
    for match in _MANUAL_CODE.finditer(text):
        code = match.group(0)
        # "Policy 8.200-POL-1": the manual's code, not also "Policy 8.200"
        found = {k: v for k, v in found.items() if not code.startswith(k.split()[-1] + "-")}
        found.setdefault(code, PolicyRecord(code=code, title=None))
    return list(found.values())
