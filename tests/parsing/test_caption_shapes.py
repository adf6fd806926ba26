"""Transcript shapes: Rev-style "Name (01:02:03):" turns, YouTube's automatic captions (a time line, then a
few lower-case words with no punctuation) cut into sentences at the words of a motion, roster spellings of
names as speech recognition heard them, friendly amendments and "I'll take a motion to adjourn"."""

from __future__ import annotations

from app.parsing import Roster, parse_text
from app.parsing.segments import timed_lines

REV = """Board Meeting (Completed 03/13/25)

Gwendolyn Marsh (00:00:49):
Item three is approval of the minutes of the February 11th regular meeting. They were in your packets.
Are there any corrections? Seeing none. Is there a motion?

Elliott Pike (00:01:01):
So moved.

Marisol Teague (00:01:03):
Second.

Gwendolyn Marsh (00:01:05):
Moved by Commissioner Pike, seconded by Commissioner Teague. All in favor?

Speaker 4 (00:01:10):
Aye.

Gwendolyn Marsh (00:01:12):
Any opposed? The minutes are approved. That brings us to the end. I'll take a motion to adjourn.

Elliott Pike (00:01:20):
So moved.

Marisol Teague (00:01:22):
Second.

Gwendolyn Marsh (00:01:24):
Without objection, we're adjourned.
"""

AUTO = """0:00:00
[Music]
0:07:16
any other questions okay is there
0:07:18
a motion on case 24 pb 031
0:07:21
madam chair i move to approve the
0:07:24
superintendents recommendation of a
0:07:26
10 day suspension for officer reyna
0:07:29
second motion by member oh conquer
0:07:32
second by member del gato any further
0:07:35
discussion all those in favor
0:07:37
aye aye aye any opposed
0:07:39
no the motion carries four to one
0:07:43
with member shimanski voting no and
0:07:45
the 10 day suspension is approved
0:08:13
next is item 5 the body camera audit
0:08:16
from the inspector general you will recall
0:08:20
the inspector general found that cameras
0:08:22
were not activated in about 18 percent
"""


def test_rev_turn_headings_are_read_as_a_timed_transcript() -> None:
    segments = timed_lines(REV)
    assert segments is not None
    assert (segments[0].speaker, segments[0].start) == ("Gwendolyn Marsh", 49.0)
    minutes, adjourn = parse_text(REV)
    assert (minutes.result, minutes.mover, minutes.seconder) == ("passed", "Pike", "Teague")
    assert "minutes of the February 11th" in minutes.text  # the chair's introduction, six sentences back
    assert (adjourn.text, adjourn.result) == ("to adjourn", "passed")
    assert adjourn.source.start == 80.0  # "So moved." at 00:01:20


def test_automatic_captions_are_cut_at_the_words_of_a_motion_and_misheard_names_meet_the_roster() -> None:
    roster = Roster.from_members(
        [("Adaeze Okonkwo", ["oh conquer"]), ("Ramon Delgado", ["del gato"]), ("Naomi Szymanski", ["shimanski"])]
    )
    (record,) = parse_text(AUTO, roster=roster)
    assert record.text.startswith("to approve the superintendents recommendation of a 10 day suspension")
    assert (record.mover, record.seconder, record.result) == ("Adaeze Okonkwo", "Ramon Delgado", "passed")
    assert (record.counts["yes"], record.counts["no"]) == (4, 1)
    assert {(v.voter, v.option) for v in record.votes} == {("Naomi Szymanski", "no")}
    assert (record.outcome.kind, record.outcome.days) == ("suspension", 10)
    assert record.source.start == 441.0


def test_a_friendly_amendment_accepted_is_a_motion_of_its_own_and_the_main_motion_goes_on() -> None:
    text = (
        "[10.0] Renfro: I'd like to make a motion that we recommend the revised pursuit policy.\n"
        "[14.0] Soderberg: I'll second that.\n"
        "[20.0] Teague: I'd like to offer a friendly amendment that the department report back quarterly.\n"
        "[30.0] Renfro: That's fine with me.\n"
        "[34.0] Marsh: The friendly amendment is accepted. Please call the roll.\n"
        "[40.0] Clerk: Commissioner Pike?\n[41.0] Pike: Yes.\n"
        "[42.0] Clerk: Commissioner Haddad?\n[43.0] Haddad: No.\n"
        "[50.0] Marsh: The motion carries.\n"
    )
    main, amendment = parse_text(text)
    assert (amendment.mover, amendment.result) == ("Teague", "passed")
    assert "report back quarterly" in amendment.text
    assert (main.mover, main.seconder, main.result) == ("Renfro", "Soderberg", "passed")
    assert {(v.voter, v.option) for v in main.votes} == {("Pike", "yes"), ("Haddad", "no")}


def test_teams_turn_headings_name_the_speaker_first_name_first() -> None:
    text = (
        "Okafor, Adaeze   0:10:20\nIs there a motion on the directive?\n\n"
        "Kwame Asante (Guest)   0:10:31\nMove to approve the directive as presented.\n\n"
        "Vance, Patricia   0:10:38\nSecond.\n\n"
        "Okafor, Adaeze   0:10:40\nAll in favor? The motion carries.\n"
    )
    segments = timed_lines(text)
    assert segments is not None and [s.speaker for s in segments[:3]] == [
        "Adaeze Okafor",
        "Kwame Asante",
        "Patricia Vance",
    ]
    (record,) = parse_text(text)
    assert (record.text, record.mover, record.seconder, record.result) == (
        "to approve the directive as presented",
        "Asante",
        "Vance",
        "passed",
    )


def test_a_court_reporters_numbered_lines_and_a_motion_to_continue_made_while_another_is_pending() -> None:
    lines = [
        "PRESIDENT ODUYA:  Item 4 is General Order 3.20.",
        "COMMISSIONER LIU:  Madam President, I move that",
        "the Commission approve General Order 3.20 as revised.",
        "COMMISSIONER SANTANGELO:  Second.",
        "COMMISSIONER KOWALSKI:  I move that we continue this",
        "item to the July 8th meeting.",
        "COMMISSIONER SANTANGELO:  I'll second the motion",
        "to continue.",
        "PRESIDENT ODUYA:  Please call the roll on the motion to continue.",
        "SECRETARY HARLAN:  Commissioner Liu.",
        "COMMISSIONER LIU:  No.",
        "SECRETARY HARLAN:  Commissioner Kowalski.",
        "COMMISSIONER KOWALSKI:  Aye.",
        "SECRETARY HARLAN:  The motion to continue fails, one to two.",
        "PRESIDENT ODUYA:  Back on the main motion. Please call the roll.",
        "SECRETARY HARLAN:  Commissioner Liu.",
        "COMMISSIONER LIU:  Aye.",
        "SECRETARY HARLAN:  Commissioner Kowalski.",
        "COMMISSIONER KOWALSKI:  No.",
        "SECRETARY HARLAN:  The motion carries.",
    ] * 1
    numbered = "\n".join(f"{(i % 25) + 1:>3}   {line}" for i, line in enumerate(lines)) + "\n"
    main, continuance = parse_text(numbered)
    assert (continuance.mover, continuance.seconder, continuance.result) == ("Kowalski", "Santangelo", "failed")
    assert (main.mover, main.seconder, main.result) == ("Liu", "Santangelo", "passed")
    assert {(v.voter, v.option) for v in main.votes} == {("Liu", "yes"), ("Kowalski", "no")}


def test_a_motion_withdrawn_by_its_mover() -> None:
    text = (
        "[10.0] Vance: I move that we defer the case to the July meeting.\n"
        "[14.0] Hollings: I'll second that.\n"
        "[30.0] Vance: OK, that answers my question. Then I'll withdraw my motion.\n"
        "[40.0] Hollings: I move that the board find the officer guilty of the charges.\n"
        "[44.0] Marchetti: Second.\n"
        "[50.0] Okafor: All in favor? Aye. The motion carries.\n"
    )
    defer, charges = parse_text(text)
    assert (defer.mover, defer.result) == ("Vance", "withdrawn")
    assert (charges.mover, charges.seconder, charges.result) == ("Hollings", "Marchetti", "passed")


def test_a_zoom_saved_transcript_with_chat_lines_and_a_substitute_motion_that_dies() -> None:
    text = (
        "18:39:28 From Marcus Delaney (he/him) : I move that the commission recommend approval of Policy 462.\n"
        "18:39:52 From Hye-jin Park : Second.\n"
        "18:40:02 From Fatima Qureshi : I'd like to make a substitute motion, that we send Policy 462 back.\n"
        "18:40:35 From Chair Lisa Moreno : No second. The substitute motion dies for lack of a second.\n"
        "18:40:40 From Ana Ferraz to Everyone:\n\t+1 to 7 days\n"
        "18:41:21 From Chair Lisa Moreno : On the motion, all those in favor please raise your hand.\n"
        "18:41:38 From Chair Lisa Moreno : So the motion passes five to one.\n"
    )
    segments = timed_lines(text)
    assert segments is not None and segments[0].speaker == "Marcus Delaney" and segments[0].start == 67168.0
    main, substitute = parse_text(text)
    assert (substitute.mover, substitute.result) == ("Qureshi", "failed")
    assert (main.mover, main.seconder, main.result, main.counts["yes"]) == ("Delaney", "Park", "passed", 5)


def test_the_clerk_reads_the_roll_out_in_one_paragraph() -> None:
    text = (
        "COUNCIL MEMBER LINDGREN: I move that the council approve the ordinance on first reading.\n"
        "COUNCIL MEMBER VUKOVIC: Second.\n"
        "MAYOR PRO TEM OKORO: Madam Clerk, please call the roll.\n"
        "CITY CLERK HALE: Council Member Adams, aye. Council Member Brandt, nay. Council Member\n"
        "Lindgren, aye. Mayor Pro Tem Okoro,\naye. The motion carries three to one.\n"
    )
    (record,) = parse_text(text)
    assert {(v.voter, v.option) for v in record.votes} == {
        ("Adams", "yes"),
        ("Brandt", "no"),
        ("Lindgren", "yes"),
        ("Okoro", "yes"),
    }


def test_subtitle_dialogue_with_bracketed_speakers_two_to_a_cue() -> None:
    text = (
        "1\n00:01:00,000 --> 00:01:04,000\n[CHAIR ROSALES] Is there a motion on the minutes?\n\n"
        "2\n00:01:04,000 --> 00:01:07,000\n- [COMMISSIONER IKEDA] Move approval of the minutes.\n"
        "- [COMMISSIONER MWANGI] Second.\n\n"
        "3\n00:01:07,000 --> 00:01:10,000\n[CHAIR ROSALES] All in favor?\n\n"
        "4\n00:01:10,000 --> 00:01:12,000\n[VOICES] Aye.\n\n"
        "5\n00:01:12,000 --> 00:01:15,000\n[CHAIR ROSALES] The motion carries.\n"
    )
    segments = timed_lines(text)
    assert segments is not None
    assert [s.speaker for s in segments[:3]] == ["CHAIR ROSALES", "COMMISSIONER IKEDA", "COMMISSIONER MWANGI"]
    (record,) = parse_text(text)
    assert (record.mover, record.seconder, record.result) == ("Ikeda", "Mwangi", "passed")
    assert record.votes == []  # "[VOICES] Aye." is nobody's named vote


TRINT = """[00:02:13] Member Whitfield
So moved.

[00:02:15] Member Nakamura
Second.

[00:02:17] Chair Morales
We have a motion to approve the agenda. All in favor? Aye. [crosstalk] Aye. Opposed? Hearing none, it carries.

[00:38:10] Vice Chair Okonkwo
So I would move that the board recommend a fifteen-day suspension without pay for Officer Daniel Ferreira.

[00:38:40] Member Delacroix
Second.

[00:44:39] Member Whitfield
I'm going to move the previous question.

[00:44:49] Member Nakamura
Second.

[00:44:51] Chair Morales
All in favor of closing debate, raise your hand. Six. Opposed? Member Brandt. That's six to one, debate is closed.
The question is called. Madam Clerk, please call the roll.

[00:45:30] Clerk Halvorsen
Member Brandt.

[00:45:43] Member Brandt
No.

[00:45:45] Clerk Halvorsen
Member Delacroix.

[00:45:47] Member Delacroix
Yes.

[00:46:13] Clerk Halvorsen
The motion carries five to two.
"""


def test_time_first_turn_headings_name_the_speaker_and_the_chairs_paragraph_holds_the_rooms_ayes() -> None:
    (first,) = [s for s in timed_lines(TRINT)[:1]]
    assert (first.start, first.speaker, first.text) == (133.0, "Member Whitfield", "So moved.")
    agenda = parse_text(TRINT)[0]
    assert (agenda.mover, agenda.seconder, agenda.result) == ("Whitfield", "Nakamura", "passed")
    assert agenda.votes == []  # the "Aye." in the chair's own paragraph is the room's, not the chair's vote


def test_the_previous_question_carried_then_the_main_motion_is_voted_after_a_long_debate() -> None:
    _, main, question = parse_text(TRINT)
    assert (question.mover, question.result, question.counts["yes"], question.counts["no"]) == (
        "Whitfield",
        "passed",
        6,
        1,
    )
    assert (main.mover, main.result, main.counts["yes"], main.counts["no"]) == ("Okonkwo", "passed", 5, 2)
    assert {(v.voter, v.option) for v in main.votes} >= {("Brandt", "no"), ("Delacroix", "yes")}


def test_youtube_word_timed_webvtt_is_read_once_without_its_tags() -> None:
    vtt = (
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "00:00:58.400 --> 00:01:02.548 align:start position:0%\n[Music]\n"
        "good<00:00:58.681><c> evening</c><00:00:59.151><c> everyone</c>\n\n"
        "00:01:02.548 --> 00:01:02.558 align:start position:0%\ngood evening everyone\n \n\n"
        "00:01:02.558 --> 00:01:07.654 align:start position:0%\ngood evening everyone\n"
        "i<00:01:03.544><c> move</c><00:01:03.831><c> we</c><00:01:04.183><c> adjourn</c>\n"
    )
    segments = timed_lines(vtt)
    assert [s.text for s in segments] == ["good evening everyone", "i move we adjourn"]
    assert segments[1].start == 62.558


MARKUP = """    Chairwoman OKAFOR. The committee will come to order. The clerk will report the first amendment.

    The CLERK. Amendment No. 1 offered by Mr. Yoon. On page 2, line 14, insert a knock-and-announce rule.

    Chairwoman OKAFOR. The question is on the amendment. Those in favor say aye.

    [Chorus of ayes.]

    Chairwoman OKAFOR. Those opposed, no.

    [Chorus of noes.]

    Chairwoman OKAFOR. In the opinion of the Chair, the ayes have it.

    Mr. LINDGREN. Madam Chair, I ask for a recorded vote.

    Chairwoman OKAFOR. A recorded vote is requested. The clerk will call the roll.

    The CLERK. Mr. Abbott?

    Mr. ABBOTT. No.

    The CLERK. Ms. Patel?

    Ms. PATEL. Aye.

    The CLERK. Mr. Yoon?

    Mr. YOON. Aye.

    The CLERK. On that vote, Madam Chair, the ayes are 2, the noes are 1.

    Chairwoman OKAFOR. The ayes have it, and the amendment is agreed to.

    Ms. BRANNIGAN. Madam Chair, I have an amendment at the desk.

    The CLERK. Amendment No. 5 offered by Ms. Brannigan. Strike section 3.

    Chairwoman OKAFOR. In the opinion of the Chair, the noes have it. The amendment is not agreed to.

    Ms. BRANNIGAN. I won't ask for a recorded vote, Madam Chair.
"""


def test_a_committee_markup_printed_with_speakers_in_capitals() -> None:
    first, fifth = parse_text(MARKUP)
    assert (first.mover, first.result, first.counts["yes"], first.counts["no"]) == ("Yoon", "passed", 2, 1)
    assert {(v.voter, v.option) for v in first.votes} >= {("Abbott", "no"), ("Patel", "yes")}
    assert (fifth.mover, fifth.result) == ("Brannigan", "failed")
