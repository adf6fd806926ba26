from __future__ import annotations

from app.parsing.records import VoteRecord
from app.parsing.tally import parse_tally, reconcile, result_from_counts


def test_parse_tally_reads_digit_forms() -> None:
    assert parse_tally("carried 7-2").counts == {"yes": 7, "no": 2}
    assert parse_tally("FAILED [4-2-1-1]").counts == {"yes": 4, "no": 2, "abstain": 1, "absent": 1}
    assert parse_tally("Status: 7 \u2014 0 \u2014 Pass").counts == {"yes": 7, "no": 0}


def test_parse_tally_reads_words_and_labelled_counts() -> None:
    assert parse_tally("carries seven to two").counts == {"yes": 7, "no": 2}
    assert parse_tally("by a vote of 5 ayes and 2 noes").counts == {"yes": 5, "no": 2}
    assert parse_tally("(Y-5)").counts == {"yes": 5, "no": 0}


def test_unanimous_states_no_opposition_only() -> None:
    tally = parse_tally("passed unanimously")
    assert tally.unanimous
    assert tally.counts == {"no": 0}


def test_no_tally_is_empty() -> None:
    assert not parse_tally("the motion carried")


def test_named_votes_give_counts_for_every_option() -> None:
    votes = [VoteRecord("A", "yes"), VoteRecord("B", "yes"), VoteRecord("C", "abstain")]
    counts, flags = reconcile(None, votes)
    assert counts == {"yes": 2, "no": 0, "abstain": 1, "absent": 0, "excused": 0, "recused": 0}
    assert flags == []


def test_tally_that_disagrees_with_names_keeps_tally_and_flags() -> None:
    votes = [VoteRecord("A", "yes"), VoteRecord("B", "no")]
    counts, flags = reconcile(parse_tally("carried 5-2"), votes)
    assert counts["yes"] == 5 and counts["no"] == 2
    assert any("yes" in flag for flag in flags)


def test_ambiguous_third_number_follows_the_names() -> None:
    votes = [VoteRecord(n, "yes") for n in "ABCDEF"] + [VoteRecord("G", "absent")]
    counts, flags = reconcile(parse_tally("carried, 6-0- 1"), votes)
    assert counts["absent"] == 1 and counts["abstain"] == 0
    assert flags == []


def test_unknown_counts_stay_none() -> None:
    counts, _ = reconcile(parse_tally("carried 5-2"), [])
    assert counts["abstain"] is None and counts["absent"] is None


def test_result_from_counts() -> None:
    assert result_from_counts({"yes": 4, "no": 1}) == "passed"
    assert result_from_counts({"yes": 1, "no": 4}) == "failed"
    assert result_from_counts({"yes": None, "no": 0}) is None
