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


def test_a_tab_separated_export_with_a_quoted_cell_over_two_lines() -> None:
    text = (
        "Meeting Date\tCase No.\tRespondent\tRank\tStar No.\tCharges/Rules\tBoard Finding\tPenalty\tVote (Y-N-Abs)"
        "\tDissenting\tNotes\r\n"
        '07/17/2025\t25 PB 3104\tDana R. Whitlock\tPolice Officer\t14872\t"Rules 2, 3, 6"\tGuilty\tSuspension 30 days'
        "\t7-2-0\tFlores; Kimura\t\r\n"
        "07/17/2025\t25 PB 3112\tGerald P. Haskins\tPolice Officer\t9917\tRule 2\tWithdrawn by Superintendent\tNone"
        "\t\t\tCharges withdrawn\r\n"
        "08/21/2025\t25 PB 3120\tAmira Haddad\tSergeant\t16045\tRule 10\tNot Guilty\tNone\t9-0-0\t\t"
        '"Counsel asked, ""why now?""\r\nBoard noted delay"\r\n'
    )
    whitlock, haddad = parse_text(text)
    assert (whitlock.counts["yes"], whitlock.counts["no"]) == (7, 2)
    assert {(v.voter, v.option) for v in whitlock.votes} == {("Flores", "no"), ("Kimura", "no")}
    assert (whitlock.outcome.kind, whitlock.outcome.days) == ("suspension", 30)
    assert [(o.rank, o.name, o.badge) for o in whitlock.officers] == [("Officer", "Dana R. Whitlock", "14872")]
    # a withdrawal by the side that brought the charges, with no vote, is no decision of the board
    assert haddad.outcome.kind == "not_guilty" and haddad.counts["yes"] == 9


STACKED = """Licensing matters
Docket
Licensee / Address
Matter
Board Action
Vote
25-102
Gallo's Market Inc., 388 Cranmore Ave.
Sale of alcohol to a minor during police compliance check (Mar. 14, 2025)
Violation found \u2013 3-day suspension (to be served June 5\u20137, 2025)
4-1 (Okafor)
25-103
Nightjar Lounge Corp., 61 Ferry Rd.
Request to extend closing hour from 1:00 a.m. to 2:00 a.m.
Denied
3-2 (Lindgren, Moss)

25-104
Seabrook Package Store, 7 Lyle Sq.
Alleged sale after legal hours, Apr. 2, 2025
No violation
5-0

25-106
Brightwater Social Club, 9 Pier Way
Annual club license renewal \u2013 withdrawn by applicant
prior to hearing

—
25-111
Dockside Liquors, 2 Dock Sq.
Sale to an intoxicated person (Apr. 26, 2025)
Violation found \u2013 5-day suspension (2 days to be served June 9\u201310, 2025;
3 days held in abeyance for one year)
5-0
* Commissioner Wierzbicki recused himself from Docket 25-109.
"""


def test_a_table_pasted_one_cell_to_a_line() -> None:
    from app.parsing.stacked import find_stacked_tables

    assert len(find_stacked_tables(STACKED)) == 4  # the row with no action decided nothing
    gallo, nightjar, seabrook, dockside = parse_text(STACKED)
    assert (gallo.outcome.kind, gallo.outcome.days, gallo.counts["yes"]) == ("suspension", 3, 4)
    assert {(v.voter, v.option) for v in gallo.votes} == {("Okafor", "no")}
    assert (nightjar.outcome.kind, len(nightjar.votes)) == ("denied", 2)
    assert seabrook.outcome.kind == "not_guilty"
    assert (dockside.outcome.kind, dockside.outcome.days) == ("suspension", 5)


def test_a_boards_finding_on_each_charge_with_its_vote_and_no_prior_discipline_table() -> None:
    text = (
        " CHARGE 1: Violation of Policy 1115, Use of Force\n\n"
        "   Board Finding: GUILTY (3-0) as to Charge 1, Specifications 1 and 2.\n\n"
        " CHARGE 2: Violation of General Order 1-15, Body-Worn Cameras\n\n"
        "   Board Finding: NOT GUILTY (2-1, Lt. Mundy dissenting).\n\n"
        " VI. PRIOR DISCIPLINARY HISTORY\n\n"
        "   Date        Case No.       Matter                        Disposition\n"
        "   ----------  -------------  ----------------------------  --------------\n"
        "   06/03/2019  IAD 2019-0142  Policy 1115, Use of Force     Sustained; 3\n"
        "                                                            days' loss of leave\n"
        "   02/09/2022  CC-22-0116     Citizen complaint, courtesy   Not sustained\n"
    )
    guilty, cleared = parse_text(text)
    assert (guilty.result, guilty.counts["yes"], guilty.counts["no"]) == ("passed", 3, 0)
    assert (cleared.counts["yes"], cleared.counts["no"]) == (2, 1)
    assert {(v.voter, v.option) for v in cleared.votes} == {("Mundy", "no")}
