"""Read motions from written minutes: find the pieces (motions made, results, vote blocks, roll calls,
terse lines, rows of action tables), then walk them in reading order and put each motion together;
a result said of "the original motion", or a vote block naming its mover, goes back to the motion a
substitute had set aside, and corrections of the record made later are attached at the end."""

from __future__ import annotations

import re

from app.parsing.assemble import Draft, finalize
from app.parsing.blocks import Block, blocks_from_fields, find_fields, find_roll_calls, find_voted_clauses
from app.parsing.corrections import apply_corrections, find_corrections
from app.parsing.entities import find_officers
from app.parsing.layout import HEADING_RE, Doc, last_heading, sentence_end, sentence_start
from app.parsing.narrative import Result, Start, find_results, find_seconder, find_starts, motion_words
from app.parsing.records import MotionRecord, SourceRecord
from app.parsing.roster import Roster, surname
from app.parsing.rows import apply_range_movers, find_table_rows
from app.parsing.stated import item_title, lead_line, sentence_before, stated_after, stated_nearby, weak_text
from app.parsing.tallied import find_tallied_lines, officer_lines
from app.parsing.terse import Terse, find_terse

# How far a result may follow the motion it settles (discussion can come between), in characters.
_RESULT_REACH = 4000
_INLINE_ITEM = re.compile(r"(?:^|\s)\*?(?P<number>(?:S-)?\d{1,3})\s+(?=[A-Z][a-z])")


def parse_doc(doc: Doc, *, document: str | None, roster: Roster | None) -> list[MotionRecord]:
    """All motions in a written document, in reading order."""
    drafts = read_drafts(doc.text)
    known = sorted({name for d in drafts for name, _ in d.votes if " " in name})
    officers = find_officers(doc.text)
    records = []
    for draft in drafts:
        if weak_text(draft.text):
            before = sentence_before(doc.text, draft.start)
            draft.text = lead_line(doc.text, draft.start) or item_title(doc.text, draft.start) or draft.text
            if weak_text(draft.text) and before:
                draft.evidence_start, draft.text = before
        evidence_start = draft.evidence_start if draft.evidence_start is not None else draft.start
        page, quote = doc.quote(evidence_start, draft.end)
        draft.evidence = quote or None
        draft.source = SourceRecord(document=document, page=page)
        records.append(finalize(draft, roster, known, officers))
    return records


def read_drafts(text: str) -> list[Draft]:
    """Drafts for every motion in `text`, in order."""
    events: list[tuple[int, int, object]] = []
    starts, results = find_starts(text), find_results(text)
    for start in starts:
        events.append((start.start, 0, start))
    for result in results:
        events.append((result.start, 1, result))
    blocks = blocks_from_fields(text, find_fields(text))
    blocks += find_roll_calls(text)
    blocks += [b for b in find_table_rows(text) if not any(o.start <= b.start < o.end for o in blocks)]
    terse = find_terse(text)
    taken = [(o.start, o.end) for o in [*blocks, *starts, *results, *terse]]
    blocks += [b for b in find_tallied_lines(text) if not any(s < b.end and b.start < e for s, e in taken)]
    for clause in find_voted_clauses(text):
        holder = next((o for o in blocks if o.start <= clause.start < o.end), None)
        if holder is None:
            blocks.append(clause)
        elif not holder.votes:
            # "Result: Carried 4-1 (Haddock opposed)": the names belong to the field's vote.
            holder.votes.extend(clause.votes)
            holder.relative = holder.relative or clause.relative
    corrections = find_corrections(text)
    blocks = [b for b in blocks if not any(c.start <= b.start < c.end for c in corrections)]
    for block in blocks:
        events.append((block.start, 2, block))
    for item in terse:
        events.append((item.start, 3, item))
    events.sort(key=lambda e: (e[0], e[1]))
    drafts: list[Draft] = []
    current: Draft | None = None
    for index, (_, _, event) in enumerate(events):
        if isinstance(event, Start):
            if current is not None and _inside(current, event.start):
                continue
            if _moves_decided(text, current, event):
                # "Commission action: Penalty affirmed. Moved by X, seconded by Y.": who moved that disposition.
                current.mover, current.end = event.mover, max(current.end, event.end)
                current.seconder = event.seconder or find_seconder(text, event.start, sentence_end(text, event.end))[0]
                continue
            current = _close(current, drafts, superseded=event.substitute)
            ceiling = next(
                (e[0] for e in events[index + 1 :] if e[0] >= event.end and not isinstance(e[2], Start)), None
            )
            following = next((e[0] for e in events[index + 1 :] if isinstance(e[2], Start) and e[0] >= event.end), None)
            limits = [x for x in (ceiling, following) if x is not None]
            current = _from_start(text, event, min(limits) if limits else len(text))
        elif isinstance(event, Result):
            if current is not None and _inside_result(current, event):
                continue
            target = _set_aside(current, drafts, event)
            if target is not None:
                # "The original motion carried 3-2": the motion a substitute had set aside gets its result.
                target.flags = [f for f in target.flags if not f.startswith("superseded")]
                target.set_result(event.result, event.start)
                target.tally = event.tally if event.tally else target.tally
                target.end = max(target.end, event.end)
                if target is not current:
                    _close(current, drafts)
                    current = target
                continue
            if event.attach_only and not (current and current.result is None and "adjourn" in (current.text or "")):
                continue  # "The meeting was adjourned at 5:12 p.m." with no motion to adjourn open
            if current is not None and current.result is None and event.start - current.end <= _RESULT_REACH:
                current.set_result(event.result, event.start)
                current.tally = event.tally if event.tally else current.tally
                current.end = max(current.end, event.end)
                if current.text is None or not current.text.strip():
                    current.text = event.passive_subject or current.text
                # "The motion carried 3-1 and the appeal was denied": what the vote decided, for the outcome.
                said = text[event.start : sentence_end(text, event.start, event.start + 300)]
                current.entity_text = " | ".join(filter(None, [current.entity_text, said]))
                continue
            previous = drafts[-1] if current is None and drafts else current
            said_twice = previous is not None and not event.itemised and not event.passive_subject
            if said_twice and previous.tally and previous.tally.counts and event.tally.counts:
                said_twice = previous.tally.counts == event.tally.counts
            if said_twice and re.fullmatch(r"[\s.;,]*", text[previous.end : event.start]):
                # The same result said twice in a row ("Motion carried. Carried unanimously."): one motion.
                previous.end = max(previous.end, event.end)
                continue
            current = _close(current, drafts)
            current = _from_result(text, event, drafts)
        elif isinstance(event, Block):
            if current is not None and _takes_block(text, current, event):
                _merge_block(current, event)
                continue
            if not event.is_vote:
                continue
            waiting = _waiting(text, current, drafts, event)
            if waiting is not None:
                # "The Commission then voted on the main motion. RESULT: ... MOVER: Achebe": the motion set aside.
                waiting.flags = [f for f in waiting.flags if not f.startswith("superseded")]
                _merge_block(waiting, event)
                _close(current, drafts)
                current = waiting
                continue
            current = _close(current, drafts)
            current = _from_block(text, event, drafts)
        elif isinstance(event, Terse):
            current = _close(current, drafts)
            draft = Draft(start=event.start, end=event.end, text=event.text, mover=event.mover)
            draft.seconder = event.seconder
            draft.agenda_item = event.agenda_item
            draft.outcome_kind = event.outcome
            if event.result:
                draft.set_result(event.result, event.start)
            if draft.agenda_item is None:
                _set_agenda(text, draft, drafts)
            current = draft
    _close(current, drafts)
    apply_corrections(drafts, corrections)
    apply_range_movers(text, drafts)
    return drafts


def _moves_decided(text: str, current: Draft | None, event: Start) -> bool:
    """Whether a bare "Moved by X, seconded by Y." just after a decided disposition names who moved it."""
    if current is None or current.result is None or current.mover or event.mover is None:
        return False
    if event.text and len(event.text.strip()) >= 4:
        return False
    words = motion_words(text, event.end, sentence_end(text, event.end))
    if words and not re.match(r"(?:by\b|,|seconded)", words.strip(), re.IGNORECASE) and len(words.strip()) >= 4:
        return False
    between = text[current.end : event.start]
    return len(re.sub(r"\s", "", between)) <= 3 and not HEADING_RE.search(between)


def _inside(draft: Draft, pos: int) -> bool:
    return draft.start <= pos < draft.end


def _inside_result(draft: Draft, result: Result) -> bool:
    """A second wording of a result already read ("... Motion approved." then "RESULT: APPROVED")."""
    return draft.result_pos is not None and result.start < draft.end


def _set_aside(current: Draft | None, drafts: list[Draft], event: Result) -> Draft | None:
    """The earlier motion an "original/main motion" result settles, when the open one is not it."""
    if event.refers not in ("original", "main"):
        return None
    if current is not None and not current.substitute and current.result is None:
        return None
    for draft in reversed(drafts):
        if event.start - draft.end > 2 * _RESULT_REACH:
            break
        if draft.result is None and not draft.substitute and draft is not current:
            return draft
    return None


def _waiting(text: str, current: Draft | None, drafts: list[Draft], block: Block) -> Draft | None:
    """A motion set aside by a substitute that this vote block settles: same mover, or "the main motion" said."""
    said = current is not None and re.search(r"\b(?:main|original)\s+motion\b", text[current.end : block.start], re.I)
    for draft in reversed(drafts):
        if block.start - draft.end > 2 * _RESULT_REACH:
            break
        if draft.result is not None or draft is current or draft.substitute:
            continue
        same = bool(block.mover and draft.mover and surname(block.mover).lower() == surname(draft.mover).lower())
        if same or said:
            return draft
    return None


def _close(draft: Draft | None, drafts: list[Draft], superseded: bool = False) -> None:
    if draft is None or any(d is draft for d in drafts):
        return None
    if superseded and draft.result is None:
        draft.flags.append("superseded by a substitute motion")
    drafts.append(draft)
    return None


def _from_start(text: str, event: Start, ceiling: int) -> Draft:
    """A draft from a motion being made; its words and seconder are read up to `ceiling` (the next event)."""
    ceiling = max(ceiling, event.end)
    sentence_stop = sentence_end(text, event.end, ceiling)
    region_end = max(sentence_stop, event.end)
    seconder, sec_start, sec_end = find_seconder(text, event.start, min(ceiling, region_end + 250))
    if seconder and sec_start > region_end:
        # "..., seconded by Y." just after the sentence ends is still this motion's seconder.
        if not re.fullmatch(r"[\s.,]*", text[region_end:sec_start]) and sec_start - region_end > 40:
            seconder = None
        else:
            region_end = max(region_end, sentence_end(text, sec_end))
    words = event.text or motion_words(text, event.end, _cut_at_result(text, event.end, sentence_stop))
    full_stop = sentence_end(text, event.end)
    if not words and ceiling < full_stop:
        # "Moved by X, seconded by Y, and carried unanimously to approve the Warrant List."
        after = re.search(r"\b(?:to|that)\b", text[ceiling:full_stop])
        words = text[ceiling + after.start() : full_stop].rstrip(".") if after else None
    if event.text and event.text.lower().startswith("motion "):
        words = event.text[len("motion ") :]
    if not words or re.match(r"(?:by\b:?\s*)+", words, re.IGNORECASE) or len(words.strip()) < 4:
        words = stated_nearby(text, event.start, region_end) or words
    draft = Draft(start=event.start, end=region_end, text=words, mover=event.mover)
    draft.substitute = event.substitute
    draft.seconder = event.seconder or seconder
    _set_agenda(text, draft, [])
    item = re.search(r"\bItem\s+(?:No\.?\s*)?(\d{1,3}(?:\.\d{1,2})?[A-Za-z]?)\b", words or "")
    if item:
        draft.agenda_item = item.group(1)
    return draft


def _cut_at_result(text: str, start: int, end: int) -> int:
    """Motion words stop where the sentence goes on to say how the vote went."""
    match = re.search(
        r",?\s*(?:and\s+)?(?:the\s+|said\s+|set\s+|this\s+)?motion\s+(?:was\s+)?(?:carried|passed|failed|approved)"
        r"|\bby\s+the\s+following\s+vote|[;,]\s*(?:and\s+)?(?:the|said|this)\s+motion\s+(?:was|is)\b",
        text[start:end],
        re.IGNORECASE,
    )
    return start + match.start() if match else end


def _from_result(text: str, event: Result, drafts: list[Draft]) -> Draft:
    """A result with no motion before it: its words are the sentence (or agenda heading) it closes."""
    floor = drafts[-1].end if drafts else 0
    if event.passive_subject:
        words = event.passive_subject
        start = event.start
    else:
        start = sentence_start(text, event.start, floor)
        words = text[start : event.start].strip()
        if len(words) < 8:
            previous = sentence_start(text, max(floor, start - 2), floor)
            words = text[previous:start].strip() if start - previous < 400 else words
            start = previous if start - previous < 400 else start
    words = _motion_clause(words) or ""
    item = None
    if event.itemised:
        # Item lists run on without full stops: the motion starts at the last item number.
        markers = list(_INLINE_ITEM.finditer(text, max(floor, event.start - 1500), event.start))
        stop = event.start
        own = bool(markers)
        if not markers and drafts:
            # "57 Accept the Report ... Motion to accept substitute report: Moved by ... (Y-5)  (Y-5)": the item's
            # own vote after the vote on a motion made on it.
            stop = drafts[-1].start
            markers = list(_INLINE_ITEM.finditer(text, max(0, stop - 1500), stop))
        if markers:
            item = markers[-1]
            if own:
                start = item.start("number") - (
                    1 if text[item.start("number") - 1 : item.start("number")] == "*" else 0
                )
            words = text[item.end("number") : stop].strip()
    draft = Draft(start=start, end=event.end, text=words or None)
    if item is not None:
        draft.agenda_item = item.group("number")
    draft.set_result(event.result, event.start)
    draft.tally = event.tally if event.tally else None
    if draft.agenda_item is None:
        _set_agenda(text, draft, drafts)
    return draft


def _motion_clause(words: str | None) -> str | None:
    """ "Chair Lee called for a vote on the motion to adopt X" -> "to adopt X"."""
    if not words:
        return words
    match = re.search(r"\bmotion\s+(?:was\s+made\s+)?(?=(?:to|that)\b)", words, re.IGNORECASE)
    return words[match.end() :] if match else words


def _takes_block(text: str, draft: Draft, block: Block) -> bool:
    """Whether a vote block belongs to the open motion (it follows the motion or its result closely)."""
    if block.mover and draft.mover and block.start >= draft.end:
        if surname(block.mover).lower() != surname(draft.mover).lower():
            return False  # "Moved by: Y" after a motion moved by X: the next motion
    if draft.votes and block.votes and not block.result:
        # Another list is the next item's, unless it goes on the sentence ("X voted in favor; Y voted to reject").
        # "X voted against the motion. Y abstained.": sentences of one vote, naming other members.
        voted = {surname(name).lower() for name, _ in draft.votes}
        fresh = not any(surname(name).lower() in voted for name, _ in block.votes)
        between = (
            r"[ \t]*[;,]?[ \t]*(?:and[ \t]+)?"
            if not fresh
            else r"(?:\s*the\s+(?:motion|proposal))?\s*[;,.]?\s*(?:and\s+)?"
        )
        return block.start >= draft.end and bool(re.fullmatch(between, text[draft.end : block.start]))
    if draft.result is not None and block.result is not None and (draft.votes or block.disposition):
        return False
    gap = block.start - draft.end
    if gap < 0:
        return True
    if draft.result is None:
        return gap <= _RESULT_REACH
    between = text[draft.end : block.start]
    # After its result a motion takes only the lists that follow it at once, not the next item's.
    return len(re.sub(r"\s", "", between)) <= 40 and not HEADING_RE.search(between)


def _merge_block(draft: Draft, block: Block) -> None:
    if block.result:
        draft.set_result(block.result, block.start)
    if block.tally:
        if draft.tally and draft.tally.counts and block.tally.counts and draft.tally.counts != block.tally.counts:
            merged = {**draft.tally.counts, **block.tally.counts}
            if any(draft.tally.counts.get(k) != v for k, v in block.tally.counts.items() if k in draft.tally.counts):
                draft.flags.append("two different tallies stated")
            draft.tally.counts = merged
        elif not draft.tally or not draft.tally.counts:
            block.tally.unanimous = block.tally.unanimous or bool(draft.tally and draft.tally.unanimous)
            draft.tally = block.tally
    draft.mover = block.mover or draft.mover
    draft.seconder = block.seconder or draft.seconder
    draft.outcome_kind = block.outcome or draft.outcome_kind
    if block.decided:
        draft.entity_text = " | ".join(filter(None, [draft.entity_text, block.decided]))
    for name, option in block.votes:
        if block.relative and draft.outcome_kind == "denied" and option in ("yes", "no"):
            # "Denied (2-1). Commissioner Baines voted to grant": against the decision.
            option = "no" if option == "yes" else "yes"
        draft.add_vote(name, option)
    draft.end = max(draft.end, block.end)


def _from_block(text: str, block: Block, drafts: list[Draft]) -> Draft:
    """A vote block with no motion before it (Granicus): its words are the agenda item above it."""
    floor = drafts[-1].end if drafts else 0
    heading = last_heading(text, floor, block.start)
    draft = Draft(start=block.start, end=block.end)
    stated = stated_after(text, block.end) if block.mover else None
    if stated:
        draft.text = stated
        draft.context = heading.group("title").strip() if heading is not None else stated
    elif block.words:
        draft.text, draft.agenda_item = block.words, block.item
        draft.context = block.words
        lead = text[floor : block.start]
        lead = lead[lead.rfind("\n\n") + 1 :]  # the finding's own paragraph
        if block.disposition and len(lead) < 600:
            # "Subject officer: PO Victor Salas, Tax #951238" on the line above a finding: whom it is about.
            draft.entity_text = officer_lines(lead)
    elif heading is not None:
        draft.text = heading.group("title").strip()
        draft.agenda_item = heading.group("number")
        draft.context = draft.text
        if block.start - heading.start() < 1500:
            draft.evidence_start = heading.start()
    else:
        start = sentence_start(text, max(floor, block.start - 1), floor)
        draft.text = text[start : block.start].strip() or None
        draft.background = text[max(floor, block.start - 600) : block.start]
    draft.text = _motion_clause(draft.text)
    _merge_block(draft, block)
    return draft


def _set_agenda(text: str, draft: Draft, drafts: list[Draft]) -> None:
    floor = max(0, draft.start - 6000)
    line_end = text.find("\n", draft.start)
    # The motion may sit on its heading's own line ("A. On motion by ...").
    heading = last_heading(text, floor, len(text) if line_end == -1 else line_end)
    if heading is not None:
        draft.agenda_item = draft.agenda_item or heading.group("number")
        draft.context = heading.group("title").strip()
        draft.background = text[heading.end() : draft.start][-2000:]
    else:
        # No numbered heading: the paragraph the motion sits in says what it is about.
        draft.background = text[max(text.rfind("\n\n", 0, draft.start), draft.start - 1500, 0) : draft.start]
