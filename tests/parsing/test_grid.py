"""Fixed-width tables of findings: one decision per row, wrapped cells joined, the vote cell as the tally."""

from __future__ import annotations

from app.parsing import parse_text
from app.parsing.grid import find_finding_tables

TABLE = """TABLE 1. DISPOSITIONS ADOPTED APRIL 24, 2025

Case #    Officer(s)                Allegation                  Board Finding   Vote    Recommended Discipline
--------  ------------------------  --------------------------  --------------  ------  -----------------------
25-031    Ofc. Tyler Ramsden #4417  Excessive force - takedown  Sustained       6-1     10-day suspension
                                    during handcuffing
          Ofc. Celeste Amundsen     Failure to intervene        Not Sustained   5-1-1   None
          #5120
25-047    Ofc. Grant Pellegrino     Untruthful statement in     Sustained       5-2     Termination
          #4650                     incident report

Note 1: Recommended discipline is forwarded to the Chief of Police.
"""


def test_each_row_of_a_findings_table_is_a_decision_with_its_tally_outcome_and_officer() -> None:
    force, intervene, untruthful = parse_text(TABLE)
    assert (force.text, force.result) == ("Excessive force - takedown during handcuffing", "passed")
    assert (force.counts["yes"], force.counts["no"]) == (6, 1)
    assert (force.outcome.kind, force.outcome.days) == ("suspension", 10)
    assert [o.name for o in force.officers] == ["Tyler Ramsden"]
    assert (intervene.counts["yes"], intervene.counts["no"], intervene.counts["abstain"]) == (5, 1, 1)
    assert intervene.outcome.kind == "not_guilty"
    assert [(o.name, o.badge) for o in intervene.officers] == [("Celeste Amundsen", "5120")]
    assert (untruthful.text, untruthful.outcome.kind) == ("Untruthful statement in incident report", "termination")


def test_a_table_with_neither_a_finding_nor_a_vote_column_is_left_to_other_readers() -> None:
    text = "Name        Title          Phone\n----------  -------------  ------\nA. Lee      Clerk          555-0101\n"
    assert find_finding_tables(text) == []
