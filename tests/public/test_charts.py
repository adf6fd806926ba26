"""The SVG pictures: well-formed, labelled for screen readers, escaped, readable without colour."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree

from app.public import charts
from app.public.charts import GridCell, TimelineEvent

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "quotes"'


def _parse(markup) -> ElementTree.Element:
    root = ElementTree.fromstring(str(markup))  # noqa: S314 - our own markup, parsed to check it
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return root


def test_vote_grid_marks_each_dissent_with_its_own_shape():
    cells = [
        GridCell("2024-01-04, motion 1", "yes", "yes"),
        GridCell("2024-01-04, motion 2", "no", "yes"),
        GridCell("2024-02-01, motion 3", "abstain", "yes"),
        GridCell("2024-02-01, motion 4", "absent", None),
    ]
    root = _parse(charts.vote_grid(cells, uid="g", who="Avery Lindqvist"))
    groups = root.findall(f"{SVG}g")
    assert [g.get("class") for g in groups] == ["cell with", "cell dissent", "cell with", "cell with"]
    assert groups[1].find(f"{SVG}path").get("class") == "g-no"  # a cross, not just another colour
    assert groups[0].find(f"{SVG}rect[@class='g-yes']") is not None
    assert groups[2].find(f"{SVG}circle") is not None
    assert "1 against the board's majority" in root.find(f"{SVG}desc").text
    assert "Dissent" in groups[1].find(f"{SVG}title").text
    legend = " ".join(t.text for t in root.iter(f"{SVG}text"))
    assert "dissent" in legend and "abstain" in legend


def test_a_vote_with_the_majority_or_without_one_is_no_dissent():
    assert not GridCell("x", "yes", "yes").dissent
    assert not GridCell("x", "abstain", "no").dissent
    assert not GridCell("x", "no", None).dissent
    assert GridCell("x", "yes", "no").dissent


def test_every_text_is_escaped():
    grid = charts.vote_grid([GridCell(HOSTILE, "yes", "no")], uid="g", who=HOSTILE)
    divided = charts.divided_votes([HOSTILE], [(HOSTILE, {HOSTILE: "no"})], uid="d")
    quarters = charts.outcomes_by_quarter(["2024 Q1"], [(HOSTILE, [3])], uid="q", title=HOSTILE)
    timeline = charts.officer_timeline(
        [TimelineEvent(dt.date(2024, 1, 2), HOSTILE, "suspension")], uid="t", who=HOSTILE
    )
    for markup in (grid, divided, quarters, timeline):
        text = str(markup)
        assert "<script>" not in text
        assert "&lt;script&gt;" in text
        root = _parse(markup)  # still well-formed XML
        assert HOSTILE in ElementTree.tostring(root, encoding="unicode", method="text")


def test_uid_with_odd_characters_cannot_break_out_of_attributes():
    root = _parse(charts.vote_grid([GridCell("a", "yes", "yes")], uid='x" onload="alert(1)', who="A"))
    assert root.get("onload") is None


def test_divided_votes_draws_every_member_on_every_motion():
    members = ["Avery Lindqvist", "Marisol Okonkwo-Reyes", "Tobias Fairweather"]
    motions = [
        ("motion 1", {"Avery Lindqvist": "yes", "Marisol Okonkwo-Reyes": "no", "Tobias Fairweather": "yes"}),
        ("motion 2", {"Avery Lindqvist": "no", "Marisol Okonkwo-Reyes": "no"}),
    ]
    root = _parse(charts.divided_votes(members, motions, uid="d"))
    cells = root.findall(f"{SVG}g")
    assert len(cells) == 6
    titles = [g.find(f"{SVG}title").text for g in cells]
    assert "Tobias Fairweather on motion 2: no vote recorded" in titles
    assert sum(1 for g in cells if g.find(f"{SVG}path[@class='g-no']") is not None) == 3


def test_outcomes_by_quarter_gives_each_series_a_pattern_and_writes_the_numbers():
    quarters = ["2024 Q1", "2024 Q2", "2024 Q3"]
    series = [("suspensions", [3, 0, 5]), ("terminations", [1, 2, 0]), ("reinstatements", [0, 1, 1])]
    markup = charts.outcomes_by_quarter(quarters, series, uid="q", title="Outcomes per quarter")
    root = _parse(markup)
    patterns = root.findall(f"{SVG}defs/{SVG}pattern")
    assert len(patterns) == 2  # the first series is solid, the others hatched and dotted
    bars = [
        r
        for r in root.iter(f"{SVG}rect")
        if (r.get("class") or "").startswith("bar") and r.find(f"{SVG}title") is not None
    ]
    assert len(bars) == 9
    assert [b.find(f"{SVG}title").text for b in bars[:3]] == [
        "2024 Q1: 3 suspensions",
        "2024 Q1: 1 terminations",
        "2024 Q1: 0 reinstatements",
    ]
    values = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "value"]
    assert values == ["3", "1", "2", "1", "5", "1"]  # zero bars carry no number
    assert "13 in all" in root.find(f"{SVG}desc").text


def test_officer_timeline_orders_events_and_picks_a_shape_per_outcome():
    events = [
        TimelineEvent(dt.date(2024, 6, 1), "termination (passed 5-2)", "termination"),
        TimelineEvent(dt.date(2021, 3, 4), "30-day suspension without pay (passed 7-0)", "suspension"),
        TimelineEvent(dt.date(2022, 1, 9), "appeal denied (passed 6-1)", "appeal_denied"),
    ]
    root = _parse(charts.officer_timeline(events, uid="t", who="Sergeant Dana Whitfield"))
    titles = [g.find(f"{SVG}title").text for g in root.findall(f"{SVG}g")]
    assert titles[0].startswith("2021-03-04") and titles[-1].startswith("2024-06-01")
    shapes = [g[1].get("class") for g in root.findall(f"{SVG}g")]
    assert shapes == ["m m-square", "m m-circle", "m m-cross"]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "2021" in texts and "2024" in texts


def test_quarter_of_names_calendar_quarters():
    assert charts.quarter_of(dt.date(2024, 1, 1)) == "2024 Q1"
    assert charts.quarter_of(dt.date(2024, 8, 2)) == "2024 Q3"
    assert charts.quarter_of(dt.date(2024, 12, 31)) == "2024 Q4"
