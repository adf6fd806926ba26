"""Read motions from written minutes: find the pieces (motions made, results, vote blocks, roll calls,
terse lines, rows of action tables), then walk them in reading order and put each motion together;
a result said of "the original motion", or a vote block naming its mover, goes back to the motion a
substitute had set aside, and corrections of the record made later are attached at the end."""

from __future__ import annotations

import re

from app.parsing.assemble import Draft, finalize
from app.parsing.belongs import (
    FOLLOWING,
    RESULT_REACH,
    inside,
    inside_result,
    minority_of,
    moves_decided,
    original_again,
    record_tail,
    resolution_said_again,
    said_again,
    said_again_by,
    set_aside,
    takes_block,
    waiting_for,
)
from app.parsing.blocks import Block, blocks_from_fields, find_fields
from app.parsing.corrections import apply_corrections, find_corrections
from app.parsing.drafts import MATTER_FIELD, from_block, from_result, from_start, merge_block, set_agenda
from app.parsing.employees import find_named_employees
from app.parsing.entities import find_officers
from app.parsing.grid import find_csv_findings, find_finding_tables
from app.parsing.layout import Doc, sentence_end
from app.parsing.narrative import Start, find_seconder, find_starts
from app.parsing.panels import find_panel_lists
from app.parsing.records import MotionRecord, SourceRecord
from app.parsing.results import Result, find_results
from app.parsing.rolltables import find_roll_calls, find_roll_tables
from app.parsing.roster import Roster
from app.parsing.rows import apply_range_movers, find_table_rows, narrated_elsewhere
from app.parsing.spans import Records, record_spans
from app.parsing.stacked import find_stacked_tables
from app.parsing.stated import item_title, lead_line, resolved_before, sentence_before, weak_text
from app.parsing.tallied import find_tallied_lines
from app.parsing.terse import Terse, find_terse
from app.parsing.voted import find_voted_clauses


def parse_doc(doc: Doc, *, document: str | None, roster: Roster | None) -> list[MotionRecord]:
    """All motions in a written document, in reading order."""
    drafts = read_drafts(doc.text)
    known = sorted({name for d in drafts for name, _ in d.votes if " " in name})
    officers = find_officers(doc.text)
    spans = Records(record_spans(doc.text))
    opened: set[int] = set()
    records = []
    used = 0  # where the last resolution clause taken as a motion's text ends
    for draft in drafts:
        following = FOLLOWING.search(doc.text, draft.start, draft.end)
        offered = following and (draft.borrowed or weak_text(draft.text) or FOLLOWING.match(draft.text or ""))
        # "On motion of X, seconded by Y, the following resolution was offered: ... BE IT RESOLVED ... that ..."
        resolved = resolved_before(doc.text, following.end(), draft.end) if offered else None
        if resolved is None and (draft.borrowed or not (draft.text or "").strip()):
            resolved = resolved_before(doc.text, max(used, draft.start - 3000), draft.start)
        if resolved:
            used, draft.text, draft.borrowed = resolved[0], resolved[1], False  # the resolution the vote adopted
        if weak_text(draft.text):
            before = sentence_before(doc.text, draft.start)
            lead = lead_line(doc.text, draft.start)
            draft.text = lead or item_title(doc.text, draft.start) or draft.text
            draft.borrowed = not lead
            if weak_text(draft.text) and before:
                draft.evidence_start, draft.text = before
                line = doc.text[doc.text.rfind("\n", 0, before[0]) + 1 : before[0] + 1]
                draft.borrowed = not MATTER_FIELD.match(line)  # "Request: Special permit ..." states the matter
        _record_context(doc.text, spans, drafts, draft, opened)
        evidence_start = draft.evidence_start if draft.evidence_start is not None else draft.start
        page, quote = doc.quote(evidence_start, draft.end)
        draft.evidence = quote or None
        draft.source = SourceRecord(document=document, page=page)
        records.append(finalize(draft, roster, known, officers))
    return records


def _record_context(text: str, spans: Records, drafts: list[Draft], draft: Draft, opened: set[int]) -> None:
    """The first motion of a listed record ("Docket 25-0311 - El Toro Cantina"): the record's line says what it
    decides where the motion's own words do not, and its quote starts there. The record's only motion also reads
    its outcome and officers from the whole record (the ruling, the penalty)."""
    span = spans.at(draft.start)
    if span is None or span.start in opened:
        return
    opened.add(span.start)
    if span.end - span.start <= 1500 and sum(1 for d in drafts if spans.at(d.start) == span) == 1:
        # In an agenda item of minutes only what follows the motion: what came before may be another matter.
        begin = max(span.start, draft.start) if span.kind == "numbered" else span.start
        draft.entity_text = " | ".join(filter(None, [draft.entity_text, text[begin : span.end]]))
    if span.kind == "numbered":
        return  # an agenda item of minutes: its motion has words of its own
    text_of = draft.text or ""
    if draft.borrowed or weak_text(text_of) or not re.match(r"[A-Za-z]", text_of) or re.match(r"No\.", text_of):
        draft.text = span.label
    if draft.start - span.start <= 1500:
        own = draft.evidence_start if draft.evidence_start is not None else draft.start
        draft.evidence_start = min(span.start, own)


def read_drafts(text: str) -> list[Draft]:
    """Drafts for every motion in `text`, in order."""
    events: list[tuple[int, int, object]] = []
    records = Records(record_spans(text))
    starts, results = find_starts(text), find_results(text)
    for start in starts:
        events.append((start.start, 0, start))
    for result in results:
        events.append((result.start, 1, result))
    blocks = blocks_from_fields(text, find_fields(text))
    tables = find_finding_tables(text) + find_csv_findings(text) + find_named_employees(text)
    tables += find_stacked_tables(text)
    blocks += [b for b in tables if not any(o.start <= b.start < o.end for o in blocks)]
    tables = find_roll_tables(text)
    blocks += [b for b in find_roll_calls(text) if not any(t.start <= b.start < t.end for t in tables)]
    blocks += [t for t in tables if not any(o.start <= t.start < o.end for o in blocks)]
    table_rows = find_table_rows(text)
    told = narrated_elsewhere(table_rows, [s.start for s in starts])
    blocks += [b for b in table_rows if b not in told and not any(o.start <= b.start < o.end for o in blocks)]
    terse = find_terse(text)
    taken = [(o.start, o.end) for o in [*blocks, *starts, *results, *terse]]
    blocks += [b for b in find_tallied_lines(text) if not any(s < b.end and b.start < e for s, e in taken)]
    blocks += [b for b in find_panel_lists(text) if not any(o.start <= b.start < o.end for o in blocks)]
    for clause in find_voted_clauses(text):
        holder = next((o for o in blocks if o.start <= clause.start < o.end), None)
        if holder is None:
            blocks.append(clause)
        elif not holder.votes:
            # "Result: Carried 4-1 (Haddock opposed)": the names belong to the field's vote.
            holder.votes.extend(clause.votes)
            holder.relative = holder.relative or clause.relative
    rows = [b for b in blocks if b.row] if starts else []
    blocks = [b for b in blocks if not b.row] if starts else blocks
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
            if current is not None and inside(current, event.start) and records.same(current.start, event.start):
                continue
            if said_again_by(current, event):
                # "... proposed in the names of Cllr X and Cllr Y: "That ..." / Proposed by Cllr X / Seconded by ..."
                current.seconder = current.seconder or event.seconder
                current.end = max(current.end, event.end)
                continue
            if moves_decided(text, current, event) and records.same(current.start, event.start):
                # "Commission action: Penalty affirmed. Moved by X, seconded by Y.": who moved that disposition.
                current.mover, current.end = event.mover, max(current.end, event.end)
                current.seconder = event.seconder or find_seconder(text, event.start, sentence_end(text, event.end))[0]
                continue
            recurring = original_again(text, current, drafts, event)
            if recurring is not None:
                # "The question then recurring on the original motion of Mr. Batiste, ...": the motion set aside.
                _close(current, drafts)
                recurring.flags = [f for f in recurring.flags if not f.startswith("superseded")]
                recurring.end, current = max(recurring.end, event.end), recurring
                continue
            current = _close(current, drafts, superseded=event.substitute)
            ceiling = next(
                (e[0] for e in events[index + 1 :] if e[0] >= event.end and not isinstance(e[2], Start)), None
            )
            following = next((e[0] for e in events[index + 1 :] if isinstance(e[2], Start) and e[0] >= event.end), None)
            limits = [x for x in (ceiling, following) if x is not None]
            current = from_start(text, event, min(limits) if limits else len(text))
        elif isinstance(event, Result):
            if current is not None and inside_result(current, event):
                continue
            target = set_aside(current, drafts, event)
            if target is not None and not records.same(target.start, event.start):
                target = None
            if target is not None:
                # "The original motion carried 3-2": the motion a substitute had set aside gets its result.
                target.flags = [f for f in target.flags if not f.startswith("superseded")]
                # its quote stays where it was made: the amendment between is another motion's
                _settle(target, event, extend=target is current)
                if target is not current:
                    _close(current, drafts)
                    current = target
                continue
            if event.attach_only and not (current and current.result is None and "adjourn" in (current.text or "")):
                continue  # "The meeting was adjourned at 5:12 p.m." with no motion to adjourn open
            if (
                current is not None
                and current.result is None
                and event.start - current.end <= RESULT_REACH
                and records.same(current.start, event.start)
            ):
                _settle(current, event)
                if current.borrowed or weak_text(current.text) or len((current.text or "").strip()) < 8:
                    current.text = event.passive_subject or current.text
                # "The motion carried 3-1 and the appeal was denied": what the vote decided, for the outcome.
                said = text[event.start : sentence_end(text, event.start, event.start + 300)]
                current.entity_text = " | ".join(filter(None, [current.entity_text, said]))
                continue
            if resolution_said_again(text, current, event):
                # "..., and carried, the following resolution was adopted: ... The resolution was declared adopted"
                current.end = max(current.end, event.end)
                if current.result is None:
                    _settle(current, event)
                continue
            previous = drafts[-1] if current is None and drafts else current
            said_twice = previous is not None and not event.itemised and not event.passive_subject
            if said_twice and previous.tally and previous.tally.counts and event.tally.counts:
                said_twice = previous.tally.counts == event.tally.counts
            said_twice = said_twice and previous is not None and records.same(previous.start, event.start)
            if said_twice and re.fullmatch(r"[\s.;,]*", text[previous.end : event.start]):
                # The same result said twice in a row ("Motion carried. Carried unanimously."): one motion.
                previous.end = max(previous.end, event.end)
                continue
            current = _close(current, drafts)
            current = from_result(text, event, drafts, records.floor(event.start, 0))
        elif isinstance(event, Block):
            if current is not None and record_tail(records, current, event):
                # "Decision: Violation found. ... (Stokes, Okonjo; Frey dissenting)": the vote of the record's decision.
                merge_block(current, event)
                continue
            if current is not None and records.same(current.start, event.start) and takes_block(text, current, event):
                merge_block(current, event)
                continue
            if not event.is_vote or said_again(current, event):
                continue
            if minority_of(text, current, event):
                # "By a vote of 3 to 2, ... the discharge be sustained. Commissioners X and Y would have modified ...".
                merge_block(current, event)
                continue
            waiting = waiting_for(text, current, drafts, event)
            if waiting is not None and records.same(waiting.start, event.start):
                # "The Commission then voted on the main motion. RESULT: ... MOVER: Achebe": the motion set aside.
                waiting.flags = [f for f in waiting.flags if not f.startswith("superseded")]
                merge_block(waiting, event)
                _close(current, drafts)
                current = waiting
                continue
            current = _close(current, drafts)
            current = from_block(text, event, drafts, records.floor(event.start, 0))
        elif isinstance(event, Terse):
            current = _close(current, drafts)
            draft = Draft(start=event.start, end=event.end, text=event.text, mover=event.mover)
            draft.seconder = event.seconder
            draft.agenda_item = event.agenda_item
            draft.outcome_kind = event.outcome
            if event.result:
                draft.set_result(event.result, event.start)
            if draft.agenda_item is None:
                set_agenda(text, draft, drafts)
            current = draft
    _close(current, drafts)
    _join_rows(text, drafts, rows)
    apply_corrections(drafts, corrections)
    apply_range_movers(text, drafts)
    return drafts


def _settle(draft: Draft, result: Result, extend: bool = True) -> None:
    """A result said of the motion in `draft`: its verdict, its tally where it gives one, the members it names
    (and, where `extend`, its quote runs on to the result)."""
    draft.set_result(result.result, result.start)
    draft.tally = result.tally if result.tally else draft.tally
    draft.end = max(draft.end, result.end) if extend else draft.end
    for name, option in result.votes:
        draft.add_vote(name, option)


def _join_rows(text: str, drafts: list[Draft], rows: list[Block]) -> None:
    """A table of votes by item after the motions ("Item  Blum  Feld ... Result"): each row's votes and result go
    to the motion made under that item; a row with no such motion is a motion of its own."""
    for row in rows:
        target = next((d for d in drafts if row.item and d.agenda_item == row.item and not d.votes), None)
        if target is None:
            drafts.append(from_block(text, row, drafts, row.start))
            continue
        if target.result is not None and row.result is not None and target.result != row.result:
            target.flags.append(f"result stated both as {target.result} and {row.result}")
        end = target.end
        merge_block(target, row)
        target.end = end  # the quote stays the motion's own; the row is far below it
    drafts.sort(key=lambda d: d.start)


def _close(draft: Draft | None, drafts: list[Draft], superseded: bool = False) -> None:
    if draft is None or any(d is draft for d in drafts):
        return None
    if superseded and draft.result is None:
        draft.flags.append("superseded by a substitute motion")
    drafts.append(draft)
    return None
