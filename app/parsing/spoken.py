"""Motions in speech: transcripts and broadcast captions (upper case, dropped letters, ">>" turns).

    I move that we ... / I'll make a motion to ... / So moved. / Is there a motion to ...?
    Motion made by Commissioner X and seconded by Commissioner Y.
    Is there a second? Second. / I'll second it for discussion.
    All those in favor say aye. Aye. Opposed? No. Abstentions?
    Commissioner Walker? Yes.  (a roll call answered name by name)
    I move to amend the motion ... The amendment carries. (an amendment, then the main motion as amended)
    The motion carries seven to two. / That item carries. / Hearing no objection, the agenda is adopted.
    For the record, Commissioner Hughes voted no on item two.  (a correction, attached to item two)

The segments are joined with single spaces; evidence is a verbatim piece of the source (the joined text,
or the plain text the segments were cut from) and the record's start/end are the times of the first and
last segment it spans.
"""

from __future__ import annotations

import bisect
import re

from app.parsing.assemble import Draft, finalize
from app.parsing.corrections import apply_corrections, find_corrections
from app.parsing.entities import find_officers
from app.parsing.lexicon import PERSON, TITLE, clean_person, option_for
from app.parsing.numbers import NUMBER_WORDS, to_int
from app.parsing.records import MotionRecord, SourceRecord, TimedText
from app.parsing.roster import Roster, strip_title
from app.parsing.segments import restore_name_case
from app.parsing.spoken_results import ADJOURNED, HEARING_NONE, PASSIVE, RESULT, apply_result
from app.parsing.spoken_votes import (
    ABSTAIN_CALL,
    ANSWER,
    OPPOSED_CALL,
    SELF_VOTE,
    VOICE_NO,
    VOTE_CALL,
    answer_word,
    record_answer,
)
from app.parsing.spoken_words import addressed, item_words, lead_in, motion_words, result_subject
from app.parsing.turns import Unit, is_member_voice, join, make_units

_REACH = 3000  # characters of talk a motion may wait for its vote
_ROLL_REACH = 9000  # a roll call with remarks before each vote runs longer

_I_MOVE = re.compile(
    r"\bI(?:['\u2019]?LL|\s+WILL|\s+WOULD(?:\s+LIKE\s+TO)?|['\u2019]?D(?:\s+LIKE\s+TO)?|\s+WANT\s+TO|\s+WANNA"
    r"|(?:['\u2019]?M|\s+AM)\s+GOING\s+TO)?\s+"
    r"(?:MAKE\s+(?:A|THE)\s+(?:SUBSTITUTE\s+)?MOTION|MOVE|(?:OFFER|PROPOSE|MAKE|SUGGEST)\s+(?:A\s+)?FRIENDLY\s+AMENDMENT)\b"
    r"(?!\s+(?:ON|FORWARD|ALONG|INTO|BACK|AHEAD|ONTO)\b)"
    # "Move to adjourn." / ">> MOVE APPROVAL OF THE CONSENT AGENDA": the motion said without "I", as a turn's start
    r"|^\W*(?:(?:MADAM|MADAME|MR\.?|MISTER)\s+(?:CHAIR\w*|MAYOR|PRESIDENT)\W+)?MOVE\s+"
    r"(?=TO\s+\w|THAT\s|APPROVAL\b|ADOPTION\b|ACCEPTANCE\b|DENIAL\b)"
    r"(?!\s+TO\s+(?:THE\s+)?(?:NEXT|ITEM|PUBLIC|OUR|AGENDA)\b)",
    re.IGNORECASE,
)
_SO_MOVED = re.compile(
    rf"^\W*(?:SO\s+MOVED?|MOVED?(?:\s+(?:APPROVAL|ADOPTION|TO\s+APPROVE))?)\W*(?:(?P<self>{TITLE}\s+{PERSON})\W*)?$",
    re.IGNORECASE,
)
# "second commissioner nguyen": the seconder (or the chair recognising one) named after the word.
_SECOND_NAMED = re.compile(rf"^\W*SECOND(?:ED)?\W*(?P<name>{TITLE}\s+{PERSON})\W*$", re.IGNORECASE)
_MOVED_BY = re.compile(
    rf"(?i:\bmotion\s+(?:was\s+)?(?:made\s+)?by|\b(?:it\s+(?:has|['\u2019]s)\s+been\s+|been\s+|was\s+)?moved\s+by"
    # the clerk reports a legislative committee's amendment: "Amendment No. 2 offered by Ms. Patel."
    rf"|\bamendment\s+(?:no\.?\s*|number\s+)?\d{{1,2}}\s+offered\s+by)\s+(?P<mover>{PERSON})",
)
_MOVES = re.compile(rf"(?P<mover>{TITLE}\s+{PERSON})\s+(?i:moves|has\s+moved)\b")
_AMEND = re.compile(
    r"\b(?:MOVE|MOTION)\s+(?:TO\s+)?AMEND\b|\bMOVE\s+(?:AN|A\s+FRIENDLY)\s+AMENDMENT\b|\bAMEND(?:ING)?\s+THE\s+MOTION\b|\bFRIENDLY\s+AMENDMENT\b"
    r"|\bSUBSTITUTE\s+MOTION\b|\bMOVE\s+(?:A\s+|THE\s+)?SUBSTITUT|\bAMENDMENT\s+(?:NO\.?\s*)?\d{1,2}\s+OFFERED\s+BY\b",
    re.IGNORECASE,
)
_RECORDED = re.compile(
    r"(?<!\bnot\s)(?<!n['\u2019]t\s)\b(?:ask\s+for|request|requests|demand)\s+a\s+recorded\s+vote\b", re.IGNORECASE
)
_PROPOSAL = re.compile(
    r"\b(?:IS\s+THERE\s+A|DO\s+(?:I|WE)\s+HAVE\s+A|I(?:['\u2019]?LL|\s+WILL)\s+(?:ENTERTAIN|TAKE|ACCEPT)\s+A|(?:MAY|CAN)\s+I\s+(?:GET|HAVE)\s+A"
    r"|WOULD\s+SOMEONE\s+(?:LIKE\s+TO\s+)?MAKE\s+A|I\s+NEED\s+A)\s+MOTION\s+(?P<text>(?:TO|FOR|THAT)\b.*)",
    re.IGNORECASE,
)
_SECOND_UNIT = re.compile(
    r"^\W*(?:(?:I['\u2019]?LL|I\s+WILL|I)\s+)?SECOND(?:ED)?(?:\s+(?:IT|THAT|THE\s+MOTION(?:\s+TO\s+\w+)?|THE\s+AMENDMENT))?"
    r"(?:\s+FOR\s+(?:THE\s+PURPOSES?\s+OF\s+)?DISCUSSION)?(?:,?\s+(?:MR\.?|MADAM|MADAME)\s+(?:CHAIR\w*|PRESIDENT|MAYOR))?\W*$",
    re.IGNORECASE,
)
_SECONDED_BY = re.compile(
    rf"(?i:\bsecond(?:ed)?\s+(?:by|from)|\bwith\s+a\s+second\s+(?:by|from))\s+(?P<seconder>{PERSON})"
    rf"|(?P<seconder2>{TITLE}\s+{PERSON})\s+(?i:seconds|has\s+seconded|seconded)\b"
)
_SECONDED_BY_FIRST = re.compile(
    rf"(?i:\bsecond(?:ed)?\s+(?:by|from)|\bwith\s+a\s+second\s+(?:by|from))\s+(?P<seconder>{PERSON})"
)
_ITEM_INTRO = re.compile(
    r"(?:^\W*(?:(?:the\s+|our\s+)?(?:next|first|final|last)\s+(?:item\s+)?(?:is|up\s+is)\s+)?|\b(?:turn|move|go|moving"
    r"|proceed)\s+(?:on\s+)?to\s+|\bread(?:\s+the\s+title\s+for)?\s+|\bnext\s+(?:is|up\s+is)\s+)(?:(?:agenda|report"
    rf"|communications?|consent|emergency\s+ordinance)\s+)?item\s+(?:number\s+|no\.?\s*)?(?P<item>\d{{1,3}}(?:\.\d{{1,2}})?"
    rf"[a-z]?|{NUMBER_WORDS})\b",
    re.IGNORECASE,
)
_CALL_SUBJECT = re.compile(
    r"\bCALL\s+THE\s+(?:VOTE|ROLL)\s+ON\s+(?P<a>[^.?!]{3,80})|(?P<b>[\w ]{2,60}?)\s+ROLL\W*$", re.I
)


def parse_segments(
    segments: list[TimedText], *, document: str | None, roster: Roster | None, source: str | None = None
) -> list[MotionRecord]:
    """All motions in a transcript, in order. With `source` (the text the segments were cut from, their
    offsets into it) evidence is quoted from it."""
    spellings = [s for m in roster.members for s in [m.name, *m.aliases]] if roster else []
    segments = restore_name_case(segments, spellings)
    text, seg_starts = join(segments)
    units = make_units(text, segments, seg_starts)
    drafts = _read(units, text)
    apply_corrections(drafts, find_corrections(text))
    officers = find_officers(text)
    mapped = source is not None and all(s.offset is not None for s in segments)
    records = []
    for draft in sorted(drafts, key=lambda d: d.start):
        first = bisect.bisect_right(seg_starts, draft.start) - 1
        last = bisect.bisect_right(seg_starts, max(draft.start, draft.end - 1)) - 1
        draft.source = SourceRecord(document=document, start=segments[first].start, end=segments[last].end)
        if mapped:
            quote = source[_origin(segments, seg_starts, draft.start) : _origin(segments, seg_starts, draft.end)]
        else:
            quote = text[draft.start : draft.end]
        draft.evidence = quote.strip() or None
        draft.spoken = True
        records.append(finalize(draft, roster, known_officers=officers))
    return records


def _origin(segments: list[TimedText], seg_starts: list[int], pos: int) -> int:
    index = max(0, bisect.bisect_right(seg_starts, pos) - 1)
    segment = segments[index]
    return (segment.offset or 0) + min(pos - seg_starts[index], len(segment.text))


class _State:
    """Where the reader is: the motion open, motions set aside for an amendment, the vote in progress."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.pending: list[Draft] = []  # main motions waiting while an amendment is voted
        self.called: Draft | None = None  # a draft opened by a call to vote, with no motion heard
        self.proposal: str | None = None
        self.voting = False
        self.asking: str | None = None  # what the chair just asked for: "yes", "no" or "abstain"
        self.item: str | None = None  # the agenda item last introduced
        self.since = 0.0  # when the open motion was made, or taken up again after an amendment was voted

    def close(self) -> None:
        draft, self.current = self.current, None
        self.voting, self.asking = False, None
        if draft is not None and _keep(draft, draft is self.called):
            self.drafts.append(draft)
        if draft is not None and draft.result is not None and self.pending:
            self.current = self.pending.pop()  # back to the main motion the amendment was made to
            self.since = draft.end

    def open(self, unit: Unit, text: str | None, mover: str | None, units: list[Unit], index: int) -> Draft:
        draft = Draft(start=unit.start, end=unit.end, text=text, mover=mover, agenda_item=self.item)
        draft.context = lead_in(units, index, self.drafts[-1].end if self.drafts else 0)
        self.current, self.since = draft, unit.start
        self.voting, self.asking = False, None
        return draft


def _read(units: list[Unit], text: str) -> list[Draft]:
    state = _State()
    for index, unit in enumerate(units):
        body = unit.text
        intro = _ITEM_INTRO.search(body)
        if intro:
            value = intro.group("item")
            value = value if value[0].isdigit() else str(to_int(value) or value)
            current = state.current
            if current is not None and current.result is None and not current.votes and value != current.agenda_item:
                state.close()  # a new item: the motion left hanging (ruled out of order, dropped) is done
            state.item = value
        _moves(state, units, index, text)
        if state.current is None and state.drafts and _RECORDED.search(body) and _retaken(state.drafts[-1], unit):
            # "I ask for a recorded vote.": the voice vote just announced is taken again, by roll call
            state.current, state.since = state.drafts.pop(), unit.start
            state.current.result, state.current.result_pos, state.current.tally = None, None, None
            state.current.flags = [f for f in state.current.flags if f != VOICE_NO]
        current = state.current
        if current is not None and current is state.called and not current.votes and RESULT.search(body):
            # A roll call of attendance ("Here.") answered no vote: the result is the next thing's.
            state.current = None
            current = None
        if current is None:
            _unmoved(state, units, index)
            continue
        current.end = max(current.end, unit.end)
        run_on = _run_on(units, index)
        # "moved by X seconded by Y": the name after "seconded by" before one that "seconded".
        seconded = _SECONDED_BY_FIRST.search(run_on) or _SECONDED_BY.search(run_on)
        named = _SECOND_NAMED.match(body)
        if seconded:
            current.seconder = clean_person(seconded.group("seconder") or seconded.group("seconder2"))
        elif named and not current.seconder:
            current.seconder = clean_person(named.group("name"))
        elif _SECOND_UNIT.match(body) and not current.seconder:
            speaker = unit.speaker if is_member_voice(unit.speaker) else None
            current.seconder = speaker or addressed(units, index, before_turn=True)
        if VOTE_CALL.search(body):
            if state.voting and current.votes and current is state.called:
                # The next roll call begins: the one before has ended (its result is in its votes).
                state.close()
                _open_called(state, units, index)
                continue
            state.voting, state.asking = True, "yes"
        elif state.voting and OPPOSED_CALL.search(body) and not ANSWER.match(body):
            state.asking = "no"
        elif state.voting and ABSTAIN_CALL.search(body) and not ANSWER.match(body):
            state.asking = "abstain"
        word = answer_word(units, index, state.voting)
        stated = SELF_VOTE.search(body) if state.voting else None
        if stated:
            name, said = stated.group("name") or stated.group("name2"), stated.group("word") or stated.group("word2")
            current.add_vote(strip_title(clean_person(name) or ""), option_for(said) or "yes")
        elif word and state.voting:
            record_answer(current, units, index, word, state.asking)
        result = RESULT.search(body) or (PASSIVE.search(body) if state.voting or current.votes else None)
        if result is None and state.voting and state.asking in ("no", "abstain"):
            result = HEARING_NONE.search(body)  # "Any opposed? Hearing none, ..."
        if result is None and re.search(r"\badjourn", current.text or "", re.IGNORECASE):
            result = ADJOURNED.search(body)
        closed = result.groupdict().get("v12") or result.groupdict().get("v13") if result else None
        if closed and not re.search(r"question|debate", current.text or "", re.I):
            result = None  # "debate is closed": the previous question's result, not the main motion's
        reach = _ROLL_REACH if current.votes else _REACH
        if result and unit.start - state.since <= reach:
            apply_result(current, result, body, unit, units[index - 1].text if index else "")
            state.close()
        elif unit.start - state.since > reach:
            state.close()
    state.close()
    while state.pending:
        state.current = state.pending.pop()
        state.close()
    return state.drafts


def _moves(state: _State, units: list[Unit], index: int, text: str) -> None:
    """A motion made (or restated, or an amendment to the open one) in this unit."""
    unit, body, current = units[index], units[index].text, state.current
    move = _I_MOVE.search(body) or _SO_MOVED.match(body)
    moved_by = _MOVED_BY.search(_run_on(units, index)) or _MOVES.search(body)
    if moved_by and moved_by.start() >= len(body):
        moved_by = None
    self_named = _SO_MOVED.match(body)
    if self_named and self_named.group("self"):
        moved_by = self_named  # "so moved commissioner brooks": the member names themself
    if not (move or moved_by):
        proposal = _PROPOSAL.search(body)
        if proposal:
            state.proposal = motion_words(proposal.group("text"))
        return
    speaker = unit.speaker if is_member_voice(unit.speaker) else None
    mover = clean_person(_mover_of(moved_by)) if moved_by else addressed(units, index) or speaker
    words = motion_words(text[unit.start + move.end() : unit.end]) if move and _I_MOVE.search(body) else None
    words = words or state.proposal or item_words(units, index)
    state.proposal = None
    amending = bool(_AMEND.search(body)) and current is not None and current.result is None and not current.votes
    restated = current is not None and current.result is None and not current.votes and not state.voting
    if re.match(r"(?:an?|the)\s+(?:friendly\s+)?amendment\b", words or "", re.IGNORECASE) or re.fullmatch(
        r"(?:approval|adoption|acceptance|denial)(?:\s+of\s+(?:it|this|that))?", words or "", re.IGNORECASE
    ):
        # "I'd like to move an amendment.", "Move approval.": what kind of motion, not what it is about
        words = state.proposal or item_words(units, index)
    in_amendment = bool(state.pending) and current is not None and current.start > state.pending[-1].start
    if amending and in_amendment and current is not None and not moved_by and mover == current.mover:
        current.text = words or current.text  # the amendment said again in full ("I move to amend the motion to ...")
    elif (
        current is not None
        and not moved_by
        and not state.voting
        and current.result is None
        and not current.votes
        and (amending or (mover and current.mover and mover != current.mover and current.seconder))
    ):
        # An amendment, or another member's motion while one is seconded and pending ("I move that we continue
        # this item"): voted first, then back to the main motion.
        state.pending.append(current)
        state.open(unit, words, mover, units, index)
    elif restated and current is not None and unit.start - current.start < 1500 and not moved_by:
        current.text = words or current.text
        current.mover = current.mover or mover
    elif current is not None and moved_by and current.result is None and unit.start - current.start < 600:
        current.mover = clean_person(_mover_of(moved_by)) or current.mover
    else:
        state.close()
        state.open(unit, words, mover, units, index)


def _mover_of(match: re.Match[str]) -> str:
    return match.groupdict().get("mover") or match.groupdict().get("self") or ""


def _run_on(units: list[Unit], index: int) -> str:
    """A unit's text, run on into the next where a caption cue cut a sentence after "by" ("seconded by" |
    "commissioner brooks all those in favor")."""
    body = units[index].text
    if index + 1 < len(units) and re.search(r"\b(?:by|from)\W*$", body, re.IGNORECASE):
        return body + " " + units[index + 1].text
    return body


def _unmoved(state: _State, units: list[Unit], index: int) -> None:
    """With no motion open: a result said on its own ("Hearing no objection, the agenda is adopted"),
    or a call to vote that opens a motion nobody was heard making ("Item 58 roll.")."""
    unit = units[index]
    result = RESULT.search(unit.text)
    if result and (result.groupdict().get("v12") or result.groupdict().get("v13")):
        result = None  # "debate is closed" with no motion open settles nothing
    if result:
        last = state.drafts[-1] if state.drafts else None
        if last is not None and last.result is not None and unit.start - last.end < 250:
            last.end = max(last.end, unit.end)  # the result said again ("... is adopted"), not a new motion
            return
        draft = state.open(unit, result_subject(result, unit.text), None, units, index)
        apply_result(draft, result, unit.text, unit)
        state.close()
    elif VOTE_CALL.search(unit.text):
        _open_called(state, units, index)


def _retaken(draft: Draft, unit: Unit) -> bool:
    """Whether a recorded vote asked for now retakes `draft`: decided by voice just before, no names yet."""
    return not draft.votes and draft.result is not None and unit.start - draft.end < 120


def _open_called(state: _State, units: list[Unit], index: int) -> None:
    subject = _CALL_SUBJECT.search(units[index].text)
    words = (subject.group("a") or subject.group("b")).strip() if subject else item_words(units, index)
    state.called = state.open(units[index], words, None, units, index)
    state.voting, state.asking = True, "yes"


def _keep(draft: Draft, called: bool) -> bool:
    """A "move" nobody took up and nobody voted on is talk, not a motion; nor is a call to vote nobody answered."""
    if called:
        return draft.result is not None or len(draft.votes) >= 2
    if draft.result is None and not draft.votes and not draft.seconder and not draft.tally:
        return bool(draft.text) and len(draft.text or "") >= 10
    return True
