"""The panel that decided, listed after a decision, as civil service commissions and appeal boards print it:

    Decision: The appeal is DENIED.
    (Halvorsen, Chair; Ebbesen, Marchetti, Quaye and Tolliver, Commissioners) [Marchetti and Quaye, dissenting]

Every member listed voted for the decision, except those named in the brackets after the list, who dissented
(no), were recused, abstained or were absent. The counts are the names on each side.
"""

from __future__ import annotations

import re

from app.parsing.blocks import Block
from app.parsing.roster import split_names, strip_title
from app.parsing.tally import Tally

_PANEL = re.compile(
    r"\((?P<panel>[A-Z][^()\[\]]{3,240}?),\s*(?:Commissioners?|Members?|Board\s+Members?|Trustees?|Judges?)\s*\)"
    r"(?:\s*\[(?P<others>[A-Z][^\[\]]{1,160}?),?\s+(?P<how>dissenting|dissents|recused|abstaining|abstained|absent"
    r"|not\s+participating)\s*\])?"
)
_ROLE = re.compile(r",?\s*\b(?:Vice[\s-]+Chair(?:man|woman|person)?|Chair(?:man|woman|person)?|Presiding)\b\.?", re.I)
_OPTION = {"dissenting": "no", "dissents": "no", "recused": "recused", "abstaining": "abstain", "abstained": "abstain"}


def find_panel_lists(text: str) -> list[Block]:
    """A vote block for each list of the members who decided."""
    blocks = []
    for match in _PANEL.finditer(text):
        panel = [strip_title(n) for n in split_names(_ROLE.sub("", match.group("panel")))]
        if len(panel) < 2 or any(len(n.split()) > 3 or re.search(r"\d", n) for n in panel):
            continue  # not a list of members ("(the Appointing Authority, ..., Commissioners)" is rare but not this)
        how = re.sub(r"\s+", " ", (match.group("how") or "").lower())
        option = _OPTION.get(how, "absent")
        others = [strip_title(n) for n in split_names(match.group("others") or "")]
        votes = [(name, option if name in others else "yes") for name in panel]
        votes += [(name, option) for name in others if name not in panel]
        counts: dict[str, int] = {}
        for _, vote in votes:
            counts[vote] = counts.get(vote, 0) + 1
        if option == "no":
            counts.setdefault("no", 0)
        blocks.append(Block(start=match.start(), end=match.end(), votes=votes, tally=Tally(counts=counts)))
    return blocks
