"""Corrections of the record later in a meeting attach to the motion they name, and are flagged."""

from __future__ import annotations

from app.parsing import PageText, TimedText, parse_pages, parse_transcript
from app.parsing.corrections import find_corrections

MINUTES = (
    "4. CONSENT CALENDAR\n"
    "Motion made by Vice President Okafor and seconded by Commissioner Hughes to approve consent calendar items "
    "4.1, 4.2 and 4.3. The motion carried 6-0.\n"
    "Commissioner Pressley moved to approve Item 4.4; Commissioner Reyes seconded. The motion carried 6-0.\n\n"
    "7. COMMISSIONER COMMENTS\n"
    "For the record, Commissioner Hughes voted no on Item 4.4 (travel authorization).\n"
)


def test_finds_who_voted_how_on_which_item() -> None:
    [found] = find_corrections("The record will reflect that Commissioner Okonkwo voted no on item nine, not abstain.")
    assert (found.name, found.option, found.item) == ("Okonkwo", "no", "9")


def test_written_correction_goes_to_the_item_it_names_and_keeps_the_stated_tally() -> None:
    consent, item = parse_pages([PageText(1, MINUTES)], document="d")
    assert consent.votes == [] and consent.flags == []
    assert [(v.voter, v.option) for v in item.votes] == [("Hughes", "no")]
    assert (item.counts["yes"], item.counts["no"]) == (6, 0)
    assert any("corrected later" in flag for flag in item.flags)


def test_spoken_correction_replaces_the_recorded_vote() -> None:
    lines = [
        ("Chair", "Item two is the complaint against Officer Jordan Pike."),
        ("Speaker 3", "I move that we sustain the finding."),
        ("Speaker 4", "Second."),
        ("Chair", "Secretary, please call the roll."),
        ("Secretary", "Commissioner Walker?"),
        ("Speaker 3", "Yes."),
        ("Secretary", "Commissioner Hughes?"),
        ("Speaker 4", "Yes."),
        ("Chair", "The motion carries two to zero."),
        ("Chair", "Item three is the bylaws."),
        ("Speaker 4", "For the record, Commissioner Hughes voted no on item two."),
    ]
    segments = [TimedText(10.0 * i, 10.0 * i + 9, text, speaker) for i, (speaker, text) in enumerate(lines)]
    [record] = parse_transcript(segments, document="t")
    assert [(v.voter, v.option) for v in record.votes] == [("Walker", "yes"), ("Hughes", "no")]
    assert record.mover == "Walker"  # Speaker 3 answered to "Commissioner Walker?" in the roll call
    assert any("corrected later" in flag for flag in record.flags)
