"""Member names: strip titles, split name lists, and resolve raw names against the board's roster.

Minutes write "Commissioner Alvarez", "COUNCILMEMBER BACERRA", "Z. Maiorca" or "Vice Chair Lee";
speech recognition writes "Presley" for "Pressley". Without a roster a voter is the surname as
written (title stripped); with one, the member's canonical name or None when no member fits.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Longest first so "Vice Chair" is stripped before "Chair".
_TITLES = [
    "vice president pro tem",
    "vice president pro tern",
    "president pro tem",
    "president pro tern",
    "chair pro tem",
    "chair pro tern",
    "mayor pro tem",
    "mayor pro tern",
    "mayor pro tempore",
    "deputy mayor",
    "vice mayor",
    "council president",
    "council vice president",
    "board president",
    "vice president",
    "vice-president",
    "vice chairperson",
    "vice chairman",
    "vice chairwoman",
    "vice chair",
    "vice-chair",
    "chairperson",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "council member",
    "councilmember",
    "councilmembers",
    "councilman",
    "councilwoman",
    "councillor",
    "councilor",
    "commissioners",
    "commissioner",
    "commish",
    "commr",
    "comm",
    "com",
    "authority member",
    "board member",
    "boardmember",
    "committee member",
    "member",
    "alderman",
    "aldermen",
    "alderwoman",
    "alderwomen",
    "alderperson",
    "alder",
    "supervisor",
    "trustee",
    "director",
    "selectman",
    "selectwoman",
    "secretary",
    "treasurer",
    "mayor",
    "honorable",
    "hon",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "cr",
    "cllr",
    "captain",
    "commander",
    "hearing examiner",
    "hearing officer",
    "the",
]
_TITLE_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in _TITLES) + r")s?\b\.?\s*)+",
    re.IGNORECASE,
)
_SUFFIX_RE = re.compile(r",?\s+(?:jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)
_PARTICLES = {"de", "del", "della", "la", "le", "van", "von", "der", "den", "da", "di", "du", "st", "st.", "mac"}
_NONE_WORDS = {"none", "n/a", "na", "nobody", "no one", "-", "--", "—", "0"}


def _fold(text: str) -> str:
    """Lower case without accents or punctuation, single spaces: the key names are compared on."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9' -]+", " ", text.lower()).replace("'", "")
    return re.sub(r"\s+", " ", text.replace("-", " ")).strip()


def strip_title(raw: str) -> str:
    """Remove titles ("Commissioner", "Vice Chair", "Comm.") and suffixes from a name as written."""
    name = re.sub(r"\s+", " ", raw).strip(" \t\n,.;:()[]")
    name = _TITLE_RE.sub("", name).strip(" ,.;:")
    name = _SUFFIX_RE.sub("", name)
    if name.isupper() and len(name) > 2:
        name = " ".join(part.capitalize() for part in name.split())
        name = re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), name)
    return name


def surname(raw: str) -> str:
    """The surname as written: title and initials/first names stripped ("Z. Maiorca" -> "Maiorca")."""
    name = strip_title(raw)
    parts = name.split()
    if len(parts) <= 1:
        return name
    # Keep particles with the surname ("de la Cruz", "Van Buren").
    start = len(parts) - 1
    while start > 0 and parts[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(parts[start:])


# A list printed one name to a line ("In favor:  Hon. A\n            Hon. B"): the break before each titled name.
NAME_PER_LINE = r"[ \t]*\n\s*(?=(?:Hon|Mr|Mrs|Ms|Dr)\.\s)"


def split_names(text: str) -> list[str]:
    """Split "Mashack, Brown, Allen Fisk and Bello" into names; "None" gives []."""
    text = re.sub(rf"(?<![,;&]){NAME_PER_LINE}", ", ", text)
    text = re.sub(r"\s+", " ", text).strip(" .;:")
    if _fold(text) in _NONE_WORDS or not text:
        return []
    parts = re.split(r"\s*(?:,|;|&|\b(?i:and)\b|\bas well as\b)\s*", text)  # "TAKESHITA AND MEDEIROS" too
    names = []
    for part in parts:
        part = part.strip(" .:()[]")
        if not part or _fold(part) in _NONE_WORDS:
            continue
        names.append(part)
    return names


@dataclass
class RosterMember:
    """A board member: the canonical name and other spellings (nicknames, ASR misspellings)."""

    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class Roster:
    """The members a board's records may name; resolves raw names to canonical ones."""

    members: list[RosterMember] = field(default_factory=list)

    @classmethod
    def from_names(cls, names: Iterable[str]) -> Roster:
        return cls(members=[RosterMember(name=n) for n in names if n and n.strip()])

    @classmethod
    def from_members(cls, members: Iterable[tuple[str, Iterable[str]]]) -> Roster:
        """Build from (name, aliases) pairs, the shape the database keeps."""
        return cls(members=[RosterMember(name=n, aliases=[a for a in (al or []) if a]) for n, al in members])

    @classmethod
    def from_csv(cls, path: str | Path) -> Roster:
        """Read a CSV with columns name,aliases (aliases separated by ";")."""
        members = []
        with open(path, newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                row = {(k or "").strip().lower(): (v or "") for k, v in row.items()}
                name = row.get("name", "").strip()
                if not name:
                    continue
                aliases = [a.strip() for a in row.get("aliases", "").split(";") if a.strip()]
                members.append(RosterMember(name=name, aliases=aliases))
        return cls(members=members)

    def __bool__(self) -> bool:
        return bool(self.members)

    def _keys(self) -> list[tuple[str, str, str]]:
        """(key, kind, canonical) for every spelling: full names, aliases and surnames."""
        keys = []
        for member in self.members:
            for spelling in [member.name, *member.aliases]:
                folded = _fold(strip_title(spelling))
                if folded:
                    keys.append((folded, "full", member.name))
                    last = _fold(surname(spelling))
                    if last and last != folded:
                        keys.append((last, "surname", member.name))
        return keys

    def resolve(self, raw: str | None) -> str | None:
        """The canonical name of the member `raw` refers to, or None when none (or several) fit."""
        if not raw or not self.members:
            return None
        name = _fold(strip_title(raw))
        if not name:
            return None
        keys = self._keys()
        exact = {canon for key, _, canon in keys if key == name}
        if len(exact) == 1:
            return exact.pop()
        if len(exact) > 1:
            return self._by_first_name(raw, exact)
        last = _fold(surname(raw))
        by_surname = {canon for key, _, canon in keys if key == last}
        if len(by_surname) == 1:
            return by_surname.pop()
        if len(by_surname) > 1:
            return self._by_first_name(raw, by_surname)
        return self._fuzzy(name, last, keys)

    def _by_first_name(self, raw: str, candidates: set[str]) -> str | None:
        first = _fold(strip_title(raw)).split()
        if len(first) < 2:
            return None
        initial = first[0][0]
        fitting = {c for c in candidates if _fold(c).startswith(initial)}
        return fitting.pop() if len(fitting) == 1 else None

    def _fuzzy(self, name: str, last: str, keys: list[tuple[str, str, str]]) -> str | None:
        scored: dict[str, float] = {}
        for key, kind, canon in keys:
            probe = name if kind == "full" else last
            ratio = difflib.SequenceMatcher(None, probe, key).ratio()
            # Short keys need a closer match: "Lee" must not pull in "Le" or "Leo".
            cutoff = 0.8 if len(key) >= 5 else 0.9
            if ratio >= cutoff and ratio > scored.get(canon, 0.0):
                scored[canon] = ratio
        if not scored:
            return None
        ranked = sorted(scored.items(), key=lambda item: item[1], reverse=True)
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 0.05:
            return None
        return ranked[0][0]


def voter_name(raw: str, roster: Roster | None, known: Iterable[str] = ()) -> str:
    """The name a motion record uses for a member: canonical with a roster, else the surname as written.

    `known` holds names the same document lists as written (e.g. "Allen Fisk" in an AYES list), so a
    narrative "Commissioner Allen Fisk" keeps the two-word surname the board itself uses.
    """
    if roster:
        resolved = roster.resolve(raw)
        if resolved:
            return resolved
    stripped = strip_title(raw)
    folded = _fold(stripped)
    for name in known:
        key = _fold(name)
        if key and (folded == key or folded.endswith(" " + key)) and " " in key:
            return name
    return surname(stripped)
