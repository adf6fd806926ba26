"""Spoken votes and motions beyond the basics: amendments, roll calls read in one paragraph, votes stated
by a member, "Hearing none", calls to vote with no motion heard, adjournment."""

from __future__ import annotations

from app.parsing import MotionRecord, TimedText, parse_text, parse_transcript


def _parse(*lines: tuple[str | None, str]) -> list[MotionRecord]:
    segments = [TimedText(10.0 * i, 10.0 * i + 9, text, speaker) for i, (speaker, text) in enumerate(lines)]
    return parse_transcript(segments, document="t")


def test_an_amendment_is_its_own_motion_and_the_main_motion_waits_for_it() -> None:
    main, amendment = _parse(
        ("COMMISSIONER LINDAHL", "I move that we adopt the 2025 work plan as circulated."),
        ("COMMISSIONER DELACROIX", "Second."),
        ("COMMISSIONER OKAMOTO", "I move to amend the motion to add a quarterly review of jail deaths."),
        ("COMMISSIONER FAIRBANKS", "I'll second the amendment."),
        ("CHAIRPERSON GOMEZ", "All in favor of the amendment signify by saying aye. Opposed? The amendment carries."),
        ("CHAIRPERSON GOMEZ", "We now vote on the main motion as amended. All in favor? Opposed? The motion carries."),
    )
    assert (amendment.mover, amendment.seconder, amendment.result) == ("Okamoto", "Fairbanks", "passed")
    assert amendment.text.startswith("to amend the motion")
    assert (main.mover, main.seconder, main.result) == ("Lindahl", "Delacroix", "passed")
    assert main.text.startswith("to adopt the 2025 work plan")


def test_clerk_reads_names_and_answers_in_one_paragraph() -> None:
    [record] = _parse(
        ("COMMISSIONER BRIGHTWATER", "I will make a motion to approve Policy 300 as revised."),
        ("COMMISSIONER ABBOTT", "I'll second it for discussion."),
        ("CHAIR", "Seeing no more hands, the clerk will call the roll."),
        ("CLERK", "Commissioner Abbott. Aye. Commissioner Duarte. No. Commissioner Okonkwo. Abstain. "
         "Chair Romero. Aye. The motion carries two to one with one abstention."),
    )  # fmt: skip
    assert record.seconder == "Abbott"
    assert [(v.voter, v.option) for v in record.votes] == [
        ("Abbott", "yes"),
        ("Duarte", "no"),
        ("Okonkwo", "abstain"),
        ("Romero", "yes"),
    ]
    assert {k: record.counts[k] for k in ("yes", "no", "abstain")} == {"yes": 2, "no": 1, "abstain": 1}


def test_member_stating_a_vote_and_mover_called_on_by_name() -> None:
    [record] = _parse(
        (None, "Board member Hurtado, I see your hand."),
        (None, "Thank you. I move we sustain the allegation."),
        (None, "Second by board member Nakamura. Let's do a roll call vote."),
        (None, "Board member Okafor."),
        (None, "No."),
        (None, "And chair Brandt votes yes."),
        (None, "That's one to one, the motion fails."),
    )
    assert (record.mover, record.seconder, record.result) == ("Hurtado", "Nakamura", "failed")
    assert [(v.voter, v.option) for v in record.votes] == [("Okafor", "no"), ("Brandt", "yes")]


def test_hearing_none_after_opposed_passes_a_voice_vote() -> None:
    [record] = _parse(
        (None, "I'll move that we send the letter."),
        (None, "I can second that."),
        (None, "All in favor say aye. Aye. Any opposed? Hearing none, the letter will go out."),
    )
    assert record.result == "passed" and (record.counts["yes"], record.counts["no"]) == (None, 0)


def test_a_roll_call_with_no_motion_heard_is_still_a_vote() -> None:
    records = _parse(
        ("Adams", "Karla, please call the vote. Item 58 roll."),
        ("Fritz", "I appreciate the staff work on this contract. Aye."),
        ("Fish", "Aye."),
        ("Saltzman", "Thank you very much, aye."),
        ("Adams", "Aye. [gavel pounded] Please call the vote on item 59. Item 59 roll."),
        ("Fritz", "Aye."),
        ("Fish", "Aye."),
        ("Adams", "Aye 59 is approved."),
    )
    assert [(r.result, r.counts["yes"]) for r in records] == [("passed", 4), ("passed", 3)]


def test_attendance_roll_call_is_no_vote() -> None:
    [record] = _parse(
        (None, "Madam Clerk, will you please call the roll?"),
        (None, "Herbold."),
        (None, "Here."),
        (None, "If there is no objection, the agenda will be adopted. Hearing no objection, the agenda is adopted."),
    )
    assert record.text == "the agenda" and record.votes == []


def test_adjournment_motion_passes_when_the_chair_adjourns() -> None:
    [record] = _parse((None, "Is there a motion to adjourn?"), ("Marsh", "So moved."), (None, "We are adjourned."))
    assert (record.text, record.mover, record.result) == ("to adjourn", "Marsh", "passed")


def test_untimed_transcript_lines_quote_the_source() -> None:
    text = (
        "CHAIR: Is there a motion on the minutes?\n\nMS. LEE: So moved.\n\nMR. DOE: Second.\n\nCHAIR: Motion carries.\n"
    )
    [record] = parse_text(text, document="v")
    assert record.result == "passed" and record.evidence and record.evidence in text
