"""A big-city council's journal of proceedings: "Passed by yeas and nays as follows: Yeas -- Aldermen ... -- 35.",
actions written with a capital ("was Adopted by a viva voce vote", "was Deferred"), two members moving together,
members "recorded as voting No", and a committee's own vote printed in its report."""

from __future__ import annotations

from app.parsing import parse_text

JOURNAL = """This recommendation was concurred in by a viva voce vote
of the members of the committee, with Alderman Vukovich
dissenting.

On motion of Alderman Pruitt, the said proposed order
transmitted with the foregoing committee report was
Passed by yeas and nays as follows:

Yeas -- Aldermen Abernathy, Okonkwo, Dolan,
Pruitt, Holloway -- 5.

Nays -- Aldermen Vukovich, Sandoval -- 2.

Alderman Pruitt moved to reconsider the foregoing vote.
The motion was lost.

On motion of Alderman Ocampo, the said proposed
resolution transmitted with the foregoing committee
report was Adopted by a viva voce vote.

Aldermen Vukovich and Brzezinski requested to be
recorded as voting No.

Alderman Brzezinski and Alderman Ferreira moved to Defer
and Publish the said committee report. Consideration of
the said committee report was Deferred and it was
ordered published.
"""


def test_a_journal_roll_call_with_dashes_and_a_count_after_the_names() -> None:
    order, reconsider, resolution, deferred = parse_text(JOURNAL)
    assert (order.mover, order.result, order.counts["yes"], order.counts["no"]) == ("Pruitt", "passed", 5, 2)
    assert ("Holloway", "yes") in {(v.voter, v.option) for v in order.votes}
    assert (reconsider.result, reconsider.mover) == ("failed", "Pruitt")
    assert (resolution.mover, resolution.result) == ("Ocampo", "passed")
    assert {(v.voter, v.option) for v in resolution.votes} == {("Vukovich", "no"), ("Brzezinski", "no")}
    assert (deferred.mover, deferred.seconder, deferred.result) == ("Brzezinski", "Ferreira", "tabled")


def test_a_committees_dissent_in_its_report_is_no_vote_of_the_council() -> None:
    records = parse_text(JOURNAL)
    assert not any(r.text.startswith("This recommendation was concurred") for r in records)
