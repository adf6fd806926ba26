"""Lists of members' names as minutes write them, read one way by every reader:

    Commissioners Ruiz and Marchetti / Grant, Hughes, and Lee / Members Pell & Osei
    Council Member Brian Oakes; Council Member Teresa Lamb / Ortiz, J. Brandt and Dr. Lee

Titles (singular or plural, before any name) are dropped; separators are commas, semicolons, "and"
and "&" (not line breaks: prose wraps). A piece that is no person ("the Jail Oversight Committee",
"the motion") is not a name, and a list that turns to titled names after an untitled phrase starts at
the first titled one.
"""

from __future__ import annotations

import re

from app.parsing.lexicon import NOT_NAME, TITLE, clean_person, option_for
from app.parsing.roster import NAME_PER_LINE, split_names, strip_title

# (and a line break before the next titled name, in a list printed one name to a line)
_SEPARATOR = re.compile(rf"\s*(?:,|;|\band\b|&)\s*(?:and\s+)?|{NAME_PER_LINE}", re.IGNORECASE)
_TITLED = re.compile(rf"^(?:{TITLE}\s+)+")
# Words that make a capitalised phrase a body, a place or a document rather than a person.
_BODY_WORDS = re.compile(
    r"\b(?:committee|commission|board|council|department|office|agency|division|unit|bureau|authority|panel"
    r"|oversight|center|centre|street|avenue|road|plan|policy|order|agenda|minutes|report|program|fund)\b",
    re.IGNORECASE,
)


def person(raw: str) -> str | None:
    """The person a list piece names, without title; None when the piece is no person's name."""
    raw = raw.strip(" \t.,;:()")
    if not raw or _BODY_WORDS.search(_TITLED.sub("", raw)):
        return None
    name = clean_person(raw)
    if not name:
        return None
    # Every word after the leading non-name words is kept ("Jail Oversight Committee" is no name).
    words = raw.split()
    while words and words[0].lower().strip(".,") in NOT_NAME and not re.fullmatch(TITLE, words[0]):
        words.pop(0)
    if len(name.split()) < len(words):
        return None
    bare = strip_title(name)
    return bare if bare and len(bare) < 60 else None


def read_names(text: str) -> list[str]:
    """The people a list of names names, in order, titles dropped."""
    pieces = [p for p in _SEPARATOR.split(text) if p and p.strip()]
    titled = [i for i, p in enumerate(pieces) if _TITLED.match(p.strip())]
    if titled and titled[0] > 0 and any(person(p) is None for p in pieces[: titled[0]]):
        pieces = pieces[titled[0] :]
    names: list[str] = []
    for piece in pieces:
        name = person(piece)
        if name and name not in names:
            names.append(name)
    return names


# A count with the members it counts: "5 in favor (Brooks, Nyberg)", "1 NO (COMMISSIONER MEDEIROS)",
# "2 NOES\n(COMMISSIONERS TAKESHITA AND MEDEIROS)".
_COUNTED = re.compile(
    r"\b\d{1,2}\s+(in\s+favou?r|ayes?|yeas?|yes|opposed|against|noes|nays?|no|abstentions?|abstaining|absent|excused"
    r"|recused)\s*\(([A-Z][^()]{1,200})\)",
    re.IGNORECASE,
)


def counted_names(text: str) -> list[tuple[str, str]]:
    """The members named beside each count in `text`, with the option they were counted under."""
    votes = []
    for word, names in _COUNTED.findall(text):
        option = option_for(word)
        votes += [(strip_title(name), option) for name in split_names(names) if option and strip_title(name)]
    return votes
