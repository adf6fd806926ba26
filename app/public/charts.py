"""Server-rendered SVG pictures: pure functions from numbers to markup, no JavaScript, no library.

Every picture is readable without colour (each category has its own shape or fill pattern
and a legend that shows it), carries a <title> and <desc> for screen readers (role="img"),
and is meant to sit beside a <table> with the same numbers. Every piece of text goes
through `markupsafe.escape`; the functions return `Markup` only because of that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

CELL = 22
GAP = 4
FONT = 12


def _e(value: object) -> str:
    return str(escape(value))


def _svg(uid: str, width: int, height: int, title: str, desc: str, body: list[str], css: str) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {_e(css)}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{_e(uid)}-title {_e(uid)}-desc" focusable="false">'
        f'<title id="{_e(uid)}-title">{_e(title)}</title><desc id="{_e(uid)}-desc">{_e(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704 - every text above is escaped  # nosec B704  # every text in it is escaped first


# ---------------------------------------------------------------- glyphs shared by the vote pictures

# One shape per vote option, so a printout in black and white reads the same.
VOTE_GLYPHS = {
    "yes": "filled square",
    "no": "cross",
    "abstain": "hollow circle",
    "absent": "short dash",
    "excused": "short dash",
    "recused": "hollow diamond",
}


def _glyph(option: str | None, x: float, y: float, size: float = CELL) -> str:
    """The mark of one vote option in a cell whose top left corner is (x, y)."""
    c, r = size / 2, size * 0.32
    cx, cy = x + c, y + c
    if option == "yes":
        return f'<rect class="g-yes" x="{cx - r:.1f}" y="{cy - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}"/>'
    if option == "no":
        return (
            f'<path class="g-no" d="M{cx - r:.1f} {cy - r:.1f}L{cx + r:.1f} {cy + r:.1f}'
            f'M{cx + r:.1f} {cy - r:.1f}L{cx - r:.1f} {cy + r:.1f}"/>'
        )
    if option == "abstain":
        return f'<circle class="g-abstain" cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}"/>'
    if option in ("absent", "excused"):
        return f'<path class="g-absent" d="M{cx - r * 0.7:.1f} {cy:.1f}H{cx + r * 0.7:.1f}"/>'
    if option == "recused":
        return (
            f'<path class="g-recused" d="M{cx:.1f} {cy - r:.1f}L{cx + r:.1f} {cy:.1f}'
            f'L{cx:.1f} {cy + r:.1f}L{cx - r:.1f} {cy:.1f}Z"/>'
        )
    return ""


def _legend(items: Sequence[tuple[str, str]], x: int, y: int) -> list[str]:
    """A row of (option, label) samples with their glyphs; returns the SVG pieces."""
    parts = []
    for option, label in items:
        parts.append(_glyph(option, x, y - CELL + 6, CELL))
        parts.append(f'<text x="{x + CELL + 2}" y="{y}">{_e(label)}</text>')
        x += CELL + 10 + 7 * len(label)
    return parts


# ---------------------------------------------------------------- a commissioner's votes against the majority


@dataclass(frozen=True)
class GridCell:
    """One motion in a commissioner's vote grid."""

    label: str  # e.g. "2024-03-07, motion 12"
    option: str  # how the commissioner voted
    majority: str | None  # how most of the board voted ("yes"/"no"), None when unknown

    @property
    def dissent(self) -> bool:
        return self.option in ("yes", "no") and self.majority in ("yes", "no") and self.option != self.majority


def vote_grid(cells: Sequence[GridCell], *, uid: str, who: str, per_row: int = 20) -> Markup:
    """A grid of a commissioner's votes, oldest first: a dissent is a cross on a heavy outlined cell."""
    rows = max(1, -(-len(cells) // per_row))
    width = per_row * (CELL + GAP) + GAP
    height = rows * (CELL + GAP) + GAP + 2 * CELL
    dissents = sum(cell.dissent for cell in cells)
    desc = (
        f"{len(cells)} votes by {who}, oldest first, {per_row} to a row. "
        f"{dissents} against the board's majority, drawn as a cross in a heavy outlined cell."
    )
    body = []
    for i, cell in enumerate(cells):
        x = GAP + (i % per_row) * (CELL + GAP)
        y = GAP + (i // per_row) * (CELL + GAP)
        state = "dissent" if cell.dissent else "with"
        body.append(f'<g class="cell {state}"><title>{_e(cell.label)}: {_e(cell.option)}')
        if cell.majority:
            body.append(f"; board majority {_e(cell.majority)}{'. Dissent' if cell.dissent else ''}")
        body.append("</title>")
        body.append(f'<rect class="bg" x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="3"/>')
        body.append(_glyph(cell.option, x, y) + "</g>")
    legend_y = rows * (CELL + GAP) + GAP + CELL + 4
    body += _legend([("yes", "yes"), ("no", "no"), ("abstain", "abstain"), ("absent", "absent")], GAP, legend_y)
    key_x, key_y = width - 150, legend_y - CELL + 6
    body.append(f'<rect class="bg dissent-key" x="{key_x}" y="{key_y}" width="{CELL}" height="{CELL}" rx="3"/>')
    body.append(f'<text x="{width - 150 + CELL + 4}" y="{legend_y}">dissent</text>')
    return _svg(uid, width, height, f"How {who} voted, against the board's majority", desc, body, "vote-grid")


# ---------------------------------------------------------------- divided votes: every member on every split motion


def divided_votes(members: Sequence[str], motions: Sequence[tuple[str, dict[str, str]]], *, uid: str) -> Markup:
    """Members (rows) by divided motions (columns): each cell is the member's vote glyph."""
    label_width = max([FONT * 0.6 * len(m) for m in members] + [60]) + 8
    width = int(label_width + len(motions) * (CELL + GAP) + GAP)
    width = max(width, 360)
    height = (len(members) + 1) * (CELL + GAP) + 2 * CELL
    body = []
    for j, (label, _) in enumerate(motions):
        x = label_width + j * (CELL + GAP)
        body.append(f'<text class="col" x="{x + CELL / 2:.0f}" y="{CELL - 6}" text-anchor="middle">{j + 1}</text>')
        body.append(f"<title>{_e(label)}</title>")
    for i, member in enumerate(members):
        y = (i + 1) * (CELL + GAP)
        body.append(f'<text x="{label_width - 6:.0f}" y="{y + CELL - 6}" text-anchor="end">{_e(member)}</text>')
        for j, (label, votes) in enumerate(motions):
            x = label_width + j * (CELL + GAP)
            option = votes.get(member)
            body.append(
                f'<g class="cell"><title>{_e(member)} on {_e(label)}: {_e(option or "no vote recorded")}</title>'
            )
            body.append(f'<rect class="bg" x="{x:.0f}" y="{y}" width="{CELL}" height="{CELL}" rx="3"/>')
            body.append(_glyph(option, x, y) + "</g>")
    legend_y = height - 8
    body += _legend([("yes", "yes"), ("no", "no"), ("abstain", "abstain"), ("absent", "absent")], 4, legend_y)
    desc = f"How each of {len(members)} members voted on {len(motions)} divided motions, numbered as in the table."
    return _svg(uid, width, height, "Divided votes: who voted which way", desc, body, "divided")


# ---------------------------------------------------------------- outcomes per quarter

# One fill pattern per outcome, defined once per picture (ids carry the picture's uid).
PATTERNS = {
    "solid": "",
    "hatch": '<path d="M0 6L6 0" class="p-line"/>',
    "dots": '<circle cx="3" cy="3" r="1.4" class="p-dot"/>',
    "cross": '<path d="M0 3H6M3 0V6" class="p-line"/>',
}


def quarter_of(day: dt.date) -> str:
    """2024-08-02 -> "2024 Q3"."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def outcomes_by_quarter(
    quarters: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], *, uid: str, title: str
) -> Markup:
    """Grouped bars: for each quarter one bar per outcome, each outcome with its own fill pattern and
    its number written above the bar."""
    fills = list(PATTERNS)
    group = len(series) * 14 + 12
    left, bottom, plot_h = 36, 44, 160
    width = max(360, left + len(quarters) * group + 10)
    height = plot_h + bottom + 40
    top = max([v for _, values in series for v in values] + [1])
    defs = ["<defs>"]
    for k, name in enumerate(fills[: len(series)]):
        if PATTERNS[name]:
            defs.append(
                f'<pattern id="{_e(uid)}-{name}" width="6" height="6" patternUnits="userSpaceOnUse">'
                f'<rect width="6" height="6" class="p-bg p{k}"/>{PATTERNS[name]}</pattern>'
            )
    defs.append("</defs>")
    body = [*defs, f'<path class="axis" d="M{left} 10V{plot_h + 10}H{width - 4}"/>']
    body.append(f'<text x="{left - 6}" y="16" text-anchor="end">{top}</text>')
    body.append(f'<text x="{left - 6}" y="{plot_h + 10}" text-anchor="end">0</text>')
    for q, quarter in enumerate(quarters):
        x0 = left + 8 + q * group
        for k, (name, values) in enumerate(series):
            value = values[q]
            h = plot_h * value / top
            fill = f"url(#{_e(uid)}-{fills[k]})" if PATTERNS[fills[k]] else ""
            fill_attr = f' fill="{fill}"' if fill else ""
            x = x0 + k * 14
            body.append(
                f'<rect class="bar s{k}" x="{x}" y="{plot_h + 10 - h:.1f}" width="12" height="{h:.1f}"{fill_attr}>'
                f"<title>{_e(quarter)}: {value} {_e(name)}</title></rect>"
            )
            if value:
                body.append(
                    f'<text class="value" x="{x + 6}" y="{plot_h + 6 - h:.1f}" text-anchor="middle">{value}</text>'
                )
        body.append(
            f'<text class="tick" x="{x0 + len(series) * 7}" y="{plot_h + 26}" text-anchor="middle">{_e(quarter)}</text>'
        )
    x = left
    for k, (name, _) in enumerate(series):
        fill = f' fill="url(#{_e(uid)}-{fills[k]})"' if PATTERNS[fills[k]] else ""
        body.append(f'<rect class="bar s{k}" x="{x}" y="{height - 22}" width="14" height="14"{fill}/>')
        body.append(f'<text x="{x + 18}" y="{height - 10}">{_e(name)}</text>')
        x += 26 + 8 * len(name)
    total = sum(sum(values) for _, values in series)
    names = ", ".join(name for name, _ in series)
    desc = (
        f"Bar chart of {names} per quarter, {quarters[0] if quarters else ''} to {quarters[-1] if quarters else ''}; "
    )
    desc += f"{total} in all. Each outcome has its own fill pattern; the number is written above each bar."
    return _svg(uid, width, height, title, desc, body, "outcomes")


# ---------------------------------------------------------------- an officer's timeline

TIMELINE_SHAPES = {"suspension": "square", "termination": "cross", "reinstatement": "triangle", "reprimand": "diamond"}


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    label: str  # what happened, e.g. "30-day suspension without pay (passed 7-2)"
    kind: str | None  # outcome kind, chooses the marker's shape


def _marker(kind: str | None, cx: float, cy: float, r: float = 7) -> str:
    shape = TIMELINE_SHAPES.get(kind or "", "circle")
    if shape == "square":
        return f'<rect class="m m-{shape}" x="{cx - r}" y="{cy - r}" width="{2 * r}" height="{2 * r}"/>'
    if shape == "cross":
        return (
            f'<path class="m m-{shape}" d="M{cx - r} {cy - r}L{cx + r} {cy + r}M{cx + r} {cy - r}L{cx - r} {cy + r}"/>'
        )
    if shape == "triangle":
        return f'<path class="m m-{shape}" d="M{cx} {cy - r}L{cx + r} {cy + r}L{cx - r} {cy + r}Z"/>'
    if shape == "diamond":
        return f'<path class="m m-{shape}" d="M{cx} {cy - r}L{cx + r} {cy}L{cx} {cy + r}L{cx - r} {cy}Z"/>'
    return f'<circle class="m m-circle" cx="{cx}" cy="{cy}" r="{r}"/>'


def officer_timeline(events: Sequence[TimelineEvent], *, uid: str, who: str) -> Markup:
    """Board actions about one officer along a time axis, one labelled row per action, oldest first."""
    ordered = sorted(events, key=lambda e: e.date)
    row_h, left, width = 28, 90, 640
    height = max(1, len(ordered)) * row_h + 50
    first = ordered[0].date if ordered else dt.date.today()
    last = ordered[-1].date if ordered else first
    span = max((last - first).days, 1)
    axis_y = height - 30
    body = [f'<path class="axis" d="M{left} {axis_y}H{width - 10}"/>']
    body.append(f'<text x="{left}" y="{axis_y + 18}">{first.year}</text>')
    if last.year != first.year:
        body.append(f'<text x="{width - 10}" y="{axis_y + 18}" text-anchor="end">{last.year}</text>')
    for i, event in enumerate(ordered):
        y = 18 + i * row_h
        x = left + 10 + (width - left - 30) * (event.date - first).days / span
        body.append(f'<path class="guide" d="M{x:.1f} {y}V{axis_y}"/>')
        body.append(f'<g class="event"><title>{_e(event.date.isoformat())}: {_e(event.label)}</title>')
        body.append(_marker(event.kind, x, y) + "</g>")
        body.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end">{_e(event.date.isoformat())}</text>')
        anchor = "end" if x > width * 0.6 else "start"
        dx = -12 if anchor == "end" else 12
        body.append(f'<text x="{x + dx:.1f}" y="{y + 4}" text-anchor="{anchor}">{_e(event.label)}</text>')
    desc = f"{len(ordered)} board actions about {who}, oldest first; the marker's shape says the outcome: "
    desc += ", ".join(f"{shape} for {kind}" for kind, shape in TIMELINE_SHAPES.items()) + ", circle for anything else."
    return _svg(uid, width, height, f"Timeline of board actions about {who}", desc, body, "timeline")
