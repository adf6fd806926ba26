"""Votes said in a clause of a sentence: "... with Commissioners Grant and Hughes voting no", "Commissioner Chen
abstained", "Aldermen Vukovich and Brzezinski requested to be recorded as voting No", "X would have imposed ..."."""

from __future__ import annotations

import re

from app.parsing.blocks import Block
from app.parsing.layout import sentence_start
from app.parsing.lexicon import PERSON
from app.parsing.namelists import read_names

_VOTED_CLAUSE = re.compile(
    rf"(?P<names>{PERSON}(?:\s*(?:,|\band\b|&)\s*(?:and\s+)?{PERSON}){{0,12}})\s+(?:(?:was|were)\s+)?"
    # "Aldermen Vukovich and Brzezinski requested to be recorded as voting No."
    r"(?:(?i:(?:requested|asked)\s+to\s+be\s+recorded\s+as|(?:was|were)\s+recorded\s+as)\s+)?"
    r"(?P<how>(?i:voting\s+(?:no|nay|against|yes|aye|in\s+favou?r|in\s+opposition)|voted\s+(?:no|nay|against|yes|aye"
    r"|in\s+favou?r|in\s+opposition)|dissenting|dissents|opposed|abstaining|abstained|absent|recused|recusing"
    r"|would\s+(?:have\s+)?(?:grant|deny|affirm|reverse|sustain|uphold|dismiss|find|impose|modif|reduc|overturn"
    r"|set\s+aside|reinstat)\w*"
    r"|vot(?:ed|ing)\s+to\s+(?P<stance>reject|deny|oppose|grant|approve|accept|adopt|support|sustain)"
    r"|vot(?:ed|ing)\s+(?:not\s+\w+|for\s+(?!the\s+motion|approval|it\b)(?:a|an|the)\s+\w+(?:\s+\w+)?)))\b"
)


_COMMITTEES_VOTE = re.compile(r"\bof\s+the\s+members\s+of\s+the\s+(?:sub)?committee\b", re.IGNORECASE)


def find_voted_clauses(text: str) -> list[Block]:
    """ "... with Commissioners Grant and Hughes voting no", "Commissioner Chen abstained"."""
    blocks = []
    for match in _VOTED_CLAUSE.finditer(text):
        if _COMMITTEES_VOTE.search(text[sentence_start(text, match.start()) : match.start()]):
            continue  # "concurred in by a viva voce vote of the members of the committee, with X dissenting"
        how = match.group("how").lower()
        stance = (match.group("stance") or "").lower()
        if stance:
            option = "no" if stance in ("reject", "deny", "oppose") else "yes"
        elif re.search(r"\b(?:no|nay|against|opposition|dissenting|dissents|opposed|not|for|would)\b", how):
            option = "no"
        elif "abstain" in how:
            option = "abstain"
        elif "absent" in how:
            option = "absent"
        elif "recus" in how:
            option = "recused"
        else:
            option = "yes"
        end = match.end() + 1 if text[match.end() : match.end() + 1] == "." else match.end()
        block = Block(start=match.start(), end=end, relative=bool(stance))
        for name in read_names(match.group("names")):
            block.votes.append((name, option))
        if block.votes:
            blocks.append(block)
    return blocks
