"""Regular-expression pieces shared by the readers: member titles, person names, vote words."""

from __future__ import annotations

import re

# Titles a member is called by in minutes. Case-insensitive; captions write them in capitals.
TITLE = (
    r"(?i:(?:(?:mayor|president|chair(?:person)?)\s+pro\s+te[mr]n?|deputy\s+mayor|vice[\s-]+mayor|council\s+(?:vice\s+)?president"
    r"|vice[\s-]+president|vice[\s-]+chair(?:person|man|woman)?|chair(?:person|man|woman)?|president"
    r"|council\s*members?|council(?:man|woman|or|lor)|commissioners?|comm(?:r)?\.|com\."
    r"|(?:authority|board|committee)\s+members?|members?|alder(?:man|woman|person|men|women)?|supervisor|trustee"
    r"|director|selectman|selectwoman|secretary|treasurer|mayor|mr\.|mrs\.|ms\.|dr\.|crs?\.?(?=\s+[A-Z])|cllrs?\.?(?=\s+[A-Z])))"
)
# Capitals and small letters with accents too ("Ó Súilleabháin", "Núñez"); Latin-1 and Latin Extended-A.
_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017e"
_LOW = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"
_NAME_WORD = (
    rf"(?:Mc[{_UP}][{_LOW}]+|Ma?c[{_UP}][{_LOW}]+|O['\u2019][{_UP}][{_LOW}]+|[{_UP}][{_LOW}]+(?:[-'\u2019]?[{_UP}][{_LOW}]+)*"
    rf"|[{_UP}][{_UP}'\u2019-]+|[{_UP}]\.|[\u00c0-\u00de](?=\s+[{_UP}][{_LOW}]))"
)
_PARTICLE = r"(?:(?:de|del|della|la|le|van|von|der|da|di|du|st\.)\s+)"
# A person as minutes name one: optional titles, then one to four name tokens ("Allen Fisk", "Z. Maiorca").
PERSON = rf"\b(?=[A-Za-z])(?:{TITLE}\s+){{0,3}}(?:{_NAME_WORD}[ \t]+){{0,3}}{_PARTICLE}?{_NAME_WORD}"
PERSON_RE = re.compile(PERSON)

# Words that look like a capitalised name token but are not part of a person's name.
NOT_NAME = {
    "the", "a", "an", "and", "or", "then", "after", "upon", "when", "motion", "it", "this", "that", "board",
    "council", "commission", "committee", "city", "county", "police", "department", "staff", "item", "items",
    "all", "there", "following", "vote", "roll", "call", "result", "ayes", "noes", "nays", "abstain", "absent",
    "minutes", "agenda", "public", "mover", "seconder", "second", "moved", "by", "to", "of", "on", "in", "at",
    "with", "for", "as", "was", "is", "were", "he", "she", "they", "we", "i", "you", "my", "our", "your",
    "chair", "clerk", "attorney", "manager", "executive", "authority", "member", "members", "however", "also",
    "yes", "no", "aye", "nay", "so", "ok", "okay", "thank", "thanks", "please", "mr", "madam", "sir",
}  # fmt: skip

VOTE_WORDS = {
    "yes": "yes",
    "yea": "yes",
    "yeas": "yes",
    "aye": "yes",
    "ayes": "yes",
    "i": "yes",
    "in favor": "yes",
    "for": "yes",
    "affirmative": "yes",
    "voting yes": "yes",
    "concurring": "yes",
    "concur": "yes",
    "no": "no",
    "nay": "no",
    "dissenting": "no",
    "nays": "no",
    "noes": "no",
    "nos": "no",
    "naes": "no",
    "opposed": "no",
    "against": "no",
    "negative": "no",
    "voting no": "no",
    "abstain": "abstain",
    "abstained": "abstain",
    "abstaining": "abstain",
    "abstains": "abstain",
    "abstention": "abstain",
    "abstentions": "abstain",
    "not voting": "abstain",
    "voting present": "abstain",
    "pass": "abstain",  # nosec B105  # a vote word, not a password
    "absent": "absent",
    "not present": "absent",
    "not present at vote": "absent",
    "excused": "excused",
    "absent and excused": "excused",
    "excused absence": "excused",
    "recused": "recused",
    "recuse": "recused",
    "recusal": "recused",
    "recusals": "recused",
    "recused himself": "recused",
    "recused herself": "recused",
    "conflict": "recused",
    "conflicts": "recused",
}

# Labels of vote lists in minutes ("AYES:", "Noes:", "ABSTAIN:", "Absent and Excused:").
LIST_LABEL = (
    r"(?i:ayes|aye|yeas|yea|yes|in\s+favou?r|voting\s+yes|concurring|dissenting|nays|nay|noes|nos|naes|no|opposed|against|voting\s+no"
    r"|abstentions?|abstaining|abstained|abstains?|not\s+voting|not\s+present(?:\s+at\s+vote)?|absent\s+and\s+excused"
    r"|absent|excused"
    r"|recus(?:ed|als?|e)|(?<![\w ])[ \t]*(?:for|conflicts?)(?=[ \t]*\(\d{1,2}\))|(?<![^\n])[ \t]*for(?=[ \t]*:))"
)


def option_for(word: str) -> str | None:
    """Map a vote word or list label ("Noes", "in favor", "Abstained") to a vote option."""
    key = re.sub(r"\s+", " ", word.strip(" :.-,;()").lower())
    return VOTE_WORDS.get(key)


def clean_person(raw: str) -> str | None:
    """Trim a PERSON match to the person: drop leading non-name words ("Then Commissioner Lee" -> "Commissioner
    Lee") and stop at the first word that is no name ("ALVAREZ AND SECONDED" -> "ALVAREZ"). None if no name is left."""
    parts = raw.split()
    while parts and parts[0].lower().strip(".,") in NOT_NAME and not re.fullmatch(TITLE, parts[0]):
        parts.pop(0)
    if not parts:
        return None
    text = " ".join(parts)
    # "Hernandez Commissioner Allen Fisk": a title inside starts the person.
    inner = list(re.finditer(rf"(?:^|\s)(?:{TITLE}\s+)+", text))
    if inner and inner[-1].start() > 0:
        text = text[inner[-1].start() :].strip()
    title = re.match(rf"^(?:{TITLE}\s+)+", text)
    prefix = title.group(0) if title else ""
    tokens: list[str] = []
    for word in text[len(prefix) :].split():
        if word.lower().strip(".,'\u2019") in NOT_NAME:
            break
        tokens.append(word)
    while tokens and re.fullmatch(r"[A-Z]\.", tokens[-1]):
        tokens.pop()
    if not tokens:
        return None
    return (prefix + " ".join(tokens)).strip()
