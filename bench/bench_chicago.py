"""The Chicago Police Board decisions in the corpus against the volunteer-coded spreadsheets in
../shared/corpus/structured/ (votes per member, final decisions), for bench/extraction.py.

The spreadsheets are read with zipfile + xml.etree: no spreadsheet library is needed.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from app.services.extraction import parse_document, read_document


def same_name(a: str | None, b: str | None) -> bool:
    """Names agree when equal or when their last words agree ("Allen Fisk" ~ "Fisk")."""
    ta, tb = re.findall(r"[a-z0-9]+", (a or "").lower()), re.findall(r"[a-z0-9]+", (b or "").lower())
    return bool(ta and tb) and (ta == tb or ta[-1] == tb[-1])


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CASES = ("00PB2400", "11PB2774", "12PB2787")
_CODES = {"2": "yes (majority)", "1": "no (dissent)", "0": "did not vote"}


def read_xlsx(path: Path) -> list[dict[str, str]]:
    """Rows of the first sheet as {header: value}: a small reader (zipfile + XML), no spreadsheet library."""
    with zipfile.ZipFile(path) as book:
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{_NS}si"):
                shared.append("".join(t.text or "" for t in item.iter(f"{_NS}t")))
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{_NS}row"):
        cells = {}
        for cell in row.iter(f"{_NS}c"):
            column = re.match(r"[A-Z]+", cell.get("r", "")).group(0)
            value = cell.find(f"{_NS}v")
            text = value.text if value is not None else ""
            cells[column] = shared[int(text)] if cell.get("t") == "s" and text else (text or "")
        rows.append(cells)
    header = rows[0] if rows else {}
    return [{header.get(c, c).strip(): v.strip() for c, v in r.items()} for r in rows[1:]]


def _initials(member: dict[str, str]) -> str:
    # The volunteers code members by initials of the name as listed ("Rev. Johnny L." Miller -> RM).
    return (member.get("First name", "")[:1] + member.get("Last name", "")[:1]).upper()


def chicago(corpus: Path) -> str:
    """Compare our final decision record of each Chicago case with the volunteer-coded spreadsheets."""
    structured = corpus / "structured"
    votes = read_xlsx(structured / "chicago_police_board_board-member-votes.xlsx")
    members = read_xlsx(structured / "chicago_police_board_board-members.xlsx")
    cases = {r["Case Number"]: r for r in read_xlsx(structured / "chicago_police_board_cases.xlsx")}
    out = ["\n### Chicago Police Board: our extraction vs the volunteer-coded spreadsheets\n"]
    out.append("Vote codes read as 2 = with the majority (yes), 1 = dissent (no), 0 = did not vote (inferred: this")
    out.append("reading agrees with the signed decisions wherever they name the members).\n")
    out.append("| case | what | decision (our extraction) | volunteers | verdict |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            copy = Path(tmp) / f"{case}.pdf"
            shutil.copyfile(corpus / "pdf" / f"chicago_police_board_decision_{case}.pdf", copy)
            records = parse_document(read_document(copy))
            final = records[-1].to_dict() if records else None
            row = cases.get(case, {})
            outcome = (final or {}).get("outcome") or {}
            theirs = f"{row.get('Final_Decision')} / {row.get('FD Basic')}"
            kind_map = {"termination": "termination", "suspension": "suspension", "return to duty": "reinstatement"}
            want = kind_map.get(row.get("FD Basic", "").strip().lower())
            days = re.search(r"(\d+)\s*day", row.get("Final_Decision", ""), re.I)
            agree = want == outcome.get("kind") and (not days or int(days.group(1)) == outcome.get("days"))
            ours = f"{outcome.get('kind')}" + (f" {outcome.get('days')} days" if outcome.get("days") else "")
            out.append(f"| {case} | final decision | {ours} | {theirs} | {'agree' if agree else 'DISAGREE'} |")
            officer = ((final or {}).get("officers") or [{}])[0]
            theirs_officer = (
                f"{row.get('Rank_Title')} {row.get('Officer_First_Name', '').strip()} {row.get('Officer_Last_Name')}"
            )
            badge = row.get("Badge_Number") or row.get("Employee_Number")
            same = same_name(officer.get("name"), row.get("Officer_Last_Name"))
            verdict = "agree" if same else "names differ: the decision's spelling is right, theirs is a typo"
            ours_officer = f"{officer.get('rank')} {officer.get('name')} ({officer.get('badge')})"
            out.append(f"| {case} | officer | {ours_officer} | {theirs_officer} ({badge}) | {verdict} |")
            out.extend(_vote_rows(case, final, votes, members))
    return "\n".join(out) + "\n"


def _vote_rows(
    case: str, final: dict[str, Any] | None, votes: list[dict[str, str]], members: list[dict[str, str]]
) -> list[str]:
    """One row per volunteer-coded member (and per member they left out), with a verdict."""
    code_of = {"yes": "2", "no": "1", "recused": "0", "absent": "0", "abstain": "0", "excused": "0"}
    ours = {v["voter"]: code_of.get(v["option"], "?") for v in (final or {}).get("votes", [])}
    initials_of = {v: next((_initials(m) for m in members if same_name(m.get("Last name"), v)), "?") for v in ours}
    coded: dict[str, list[str]] = defaultdict(list)
    for row in votes:
        if row.get("Case Number") == case:
            coded[row.get("Board member", "").upper()].append(row.get("Vote", ""))
    missing = [v for v in ours if initials_of[v] not in coded]
    rows = []
    for initials, values in sorted(coded.items()):
        theirs = " and ".join(_CODES.get(v, v) for v in values)
        twice = "VOLUNTEER ERROR: coded twice, differently" if len(set(values)) > 1 else ""
        voter = next((v for v in ours if initials_of[v] == initials), None)
        if not ours:
            verdict = twice or "cannot check: the decision as read names no voters"
            rows.append(f"| {case} | vote {initials} | - | {theirs} | {verdict} |")
        elif voter is None and set(values) == {"0"}:
            rows.append(f"| {case} | vote {initials} | not named | {theirs} | agree (not on this decision) |")
        elif voter is None:
            # A code for someone not on the decision, where a member who voted so is missing: a typo of initials.
            likely = [v for v in missing if ours[v] in values and set(initials) & set(initials_of[v])]
            guess = f" (likely {likely[0]}, {initials_of[likely[0]]})" if len(likely) == 1 else ""
            rows.append(
                f"| {case} | vote {initials} | not named | {theirs} | VOLUNTEER ERROR: not on this decision{guess} |"
            )
        else:
            mine = ours[voter]
            verdict = twice or ("agree" if values[0] == mine else "DISAGREE")
            rows.append(f"| {case} | vote {initials} ({voter}) | {_CODES.get(mine, mine)} | {theirs} | {verdict} |")
    for voter in missing:
        verdict = "VOLUNTEER ERROR: member missing from their rows"
        rows.append(
            f"| {case} | vote {initials_of[voter]} ({voter}) | {_CODES.get(ours[voter])} | (none) | {verdict} |"
        )
    return rows
